#pragma once

#include "cli/Command.h"

namespace appint {

// appint tenants [--json]: the tenants logged in to (TenantProfiles).
class TenantsCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(TenantsCommand)

public:
    Help help() const override;
    void addOptions(QCommandLineParser& parser) const override;
    int run(const QCommandLineParser& parser, CliContext& context) const override;
};

} // namespace appint
