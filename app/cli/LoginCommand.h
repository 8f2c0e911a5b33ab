#pragma once

#include "cli/Command.h"

namespace appint {

// appint login --tenant URL --client-id ID (--client-secret-stdin | --client-secret-env VAR) [--name NAME]
//              [--browser [--no-open] [--timeout SECONDS] [--redirect-port PORT]]
// appint login --secrets-file FILE [--no-open] [--timeout SECONDS] [--redirect-port PORT]
//
// Verifies the credentials by obtaining an admin token and reading the tenant
// (GET /api/v1/tenant), then saves the secret in the system keychain and the
// profile (URL, client ID, display name) in the shared settings, in that
// order: when the keychain refuses, no profile is written; when the settings
// cannot be written, the keychain entry is removed again. With --browser, a
// user signs in through the browser instead (BrowserLogin).
class LoginCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(LoginCommand)

public:
    Help help() const override;
    void addOptions(QCommandLineParser& parser) const override;
    int run(const QCommandLineParser& parser, CliContext& context) const override;

    // Whether these arguments open a browser (login --browser or
    // --secrets-file, without --no-open): then `appint` runs a
    // QGuiApplication.
    static bool opensBrowser(const QStringList& arguments);
};

} // namespace appint
