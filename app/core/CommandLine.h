#pragma once

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringList>

namespace appint {

// The first steps every program of ours takes with its command line
// (appint-console, appint-server): keep the help text, parse, answer --help
// and --version, refuse positional arguments. What follows is the program's.
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)

public:
    enum class Outcome { Proceed, ShowHelp, ShowVersion, Fail };

    // Parses `arguments` with the options already added to `parser`; on Fail,
    // *error says why.
    static Outcome parse(QCommandLineParser& parser, const QStringList& arguments, const QCommandLineOption& help,
                         const QCommandLineOption& version, QString* error);

    // parse() into a program's result: `Parsed` has `helpText`, `error` and
    // `action`, an enum with ShowHelp, ShowVersion and Fail. False when
    // `result` is complete (help, version or an error); true when the
    // program goes on with its own options.
    template <typename Parsed>
    static bool begin(QCommandLineParser& parser, const QStringList& arguments, const QCommandLineOption& help,
                      const QCommandLineOption& version, Parsed& result)
    {
        using Action = decltype(result.action);
        result.helpText = parser.helpText();
        switch (parse(parser, arguments, help, version, &result.error)) {
        case Outcome::Proceed:
            return true;
        case Outcome::ShowHelp:
            result.action = Action::ShowHelp;
            return false;
        case Outcome::ShowVersion:
            result.action = Action::ShowVersion;
            return false;
        case Outcome::Fail:
            break;
        }
        result.action = Action::Fail;
        return false;
    }
};

} // namespace appint
