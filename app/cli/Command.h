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

    virtual QString name() const = 0;
    // One line for `appint --help`.
    virtual QString summary() const = 0;
    // The usage line after "appint ", e.g. "login --tenant URL --client-id ID ...".
    virtual QString usage() const = 0;
    // Paragraphs under the usage line of `appint COMMAND --help`.
    virtual QString description() const = 0;
    virtual void addOptions(QCommandLineParser& parser) const = 0;
    virtual int run(const QCommandLineParser& parser, CliContext& context) const = 0;

    // Options every command shares.
    static QCommandLineOption tenantOption();
    static QCommandLineOption jsonOption();
};

} // namespace appint
