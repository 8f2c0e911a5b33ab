#pragma once

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QString>

namespace appint {

class CliContext;

// One command of `appint` ("login", "clients", ...): its options, its help and
// what it does. Cli parses the command line with the options the command adds
// and handles --help; run() does the rest and returns the exit code.
class Command
{
    Q_DECLARE_TR_FUNCTIONS(Command)

public:
    virtual ~Command();

    // What `appint --help` and `appint COMMAND --help` say of the command.
    struct Help
    {
        QString name;
        // One line for `appint --help`.
        QString summary;
        // The usage line after "appint ", e.g. "login --tenant URL --client-id ID ...".
        QString usage;
        // Paragraphs under the usage line of `appint COMMAND --help`.
        QString description;
    };

    virtual Help help() const = 0;
    QString name() const { return help().name; }
    // How many positional arguments the command takes at most; Cli refuses
    // the first one beyond, before run().
    virtual qsizetype maximumArguments() const { return 0; }
    virtual void addOptions(QCommandLineParser& parser) const = 0;
    virtual int run(const QCommandLineParser& parser, CliContext& context) const = 0;

    // Options every command shares.
    static QCommandLineOption tenantOption();
    static QCommandLineOption jsonOption();
};

} // namespace appint
