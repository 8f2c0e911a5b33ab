#include "core/CommandLine.h"

namespace appint {

CommandLine::Outcome CommandLine::parse(QCommandLineParser& parser, const QStringList& arguments,
                                        const QCommandLineOption& help, const QCommandLineOption& version,
                                        QString* error)
{
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return Outcome::Fail;
    }
    if (parser.isSet(help)) {
        return Outcome::ShowHelp;
    }
    if (parser.isSet(version)) {
        return Outcome::ShowVersion;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *error = tr("Unexpected argument: %1").arg(parser.positionalArguments().constFirst());
        return Outcome::Fail;
    }
    return Outcome::Proceed;
}

} // namespace appint
