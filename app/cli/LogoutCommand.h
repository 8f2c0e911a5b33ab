#pragma once

#include "cli/Command.h"

namespace appint {

// appint logout [--tenant URL]: removes the admin secret from the keychain,
// then the profile. When the keychain refuses, the profile stays, so that the
// command can be repeated once the keychain is back.
class LogoutCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(LogoutCommand)

public:
    Help help() const override;
    void addOptions(QCommandLineParser& parser) const override;
    int run(const QCommandLineParser& parser, CliContext& context) const override;
};

} // namespace appint
