#pragma once

#include "cli/Command.h"

namespace appint {

// appint login --tenant URL --client-id ID (--client-secret-stdin | --client-secret-env VAR) [--name NAME]
//
// Verifies the credentials by obtaining an admin token and reading the tenant
// (GET /api/v1/tenant), then saves the secret in the system keychain and the
// profile (URL, client ID, display name) in the shared settings, in that
// order: when the keychain refuses, no profile is written; when the settings
// cannot be written, the keychain entry is removed again.
class LoginCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(LoginCommand)

public:
    Help help() const override;
    void addOptions(QCommandLineParser& parser) const override;
    int run(const QCommandLineParser& parser, CliContext& context) const override;
};

} // namespace appint
