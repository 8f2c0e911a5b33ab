#pragma once

#include "cli/Command.h"

#include <limits>

namespace appint {

class TenantConnection;

// appint clients list|show ID|delete ID [--tenant URL] [--json]: the tenant's
// OAuth clients, with the stored admin credentials.
class ClientsCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(ClientsCommand)

public:
    Help help() const override;
    // ACTION [CLIENT_ID]; run() checks the count each action takes.
    qsizetype maximumArguments() const override { return std::numeric_limits<qsizetype>::max(); }
    void addOptions(QCommandLineParser& parser) const override;
    int run(const QCommandLineParser& parser, CliContext& context) const override;

private:
    int list(const QCommandLineParser& parser, CliContext& context, TenantConnection& connection) const;
    int show(const QString& clientId, bool json, CliContext& context, TenantConnection& connection) const;
    int remove(const QString& clientId, bool json, CliContext& context, TenantConnection& connection) const;
};

} // namespace appint
