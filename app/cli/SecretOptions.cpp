#include "cli/SecretOptions.h"

using namespace Qt::StringLiterals;

namespace appint {

QCommandLineOption SecretOptions::stdinOption()
{
    return QCommandLineOption(u"client-secret-stdin"_s,
                              tr("Read the client secret from standard input (on a terminal: typed without echo)."));
}

QCommandLineOption SecretOptions::envOption()
{
    return QCommandLineOption(u"client-secret-env"_s,
                              tr("Read the client secret from the environment variable VAR (its name, not the "
                                 "secret)."),
                              u"VAR"_s);
}

void SecretOptions::add(QCommandLineParser& parser)
{
    parser.addOption(stdinOption());
    parser.addOption(envOption());
}

bool SecretOptions::isSet(const QCommandLineParser& parser)
{
    return parser.isSet(stdinOption()) || parser.isSet(envOption());
}

SecretInput::Outcome SecretOptions::read(const QCommandLineParser& parser, const QString& prompt)
{
    const bool fromStdin = parser.isSet(stdinOption());
    const bool fromEnv = parser.isSet(envOption());
    if (fromStdin == fromEnv) {
        return CliFailure{ExitCode::Usage,
                          tr("Give the client secret with exactly one of --client-secret-stdin and "
                             "--client-secret-env VAR (secrets are never taken as arguments).")};
    }
    if (fromEnv) {
        const QStringList values = parser.values(envOption());
        if (values.size() > 1) {
            return CliFailure{ExitCode::Usage, tr("--client-secret-env can be given only once.")};
        }
        return SecretInput::fromEnvironment(values.constFirst(), u"--client-secret-env"_s);
    }
    return SecretInput::fromStandardInput(prompt);
}

} // namespace appint
