#include "cli/TenantsCommand.h"

#include "cli/CliContext.h"
#include "cli/TextTable.h"
#include "service/TenantProfiles.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace appint {

Command::Help TenantsCommand::help() const
{
    return {u"tenants"_s, tr("List the tenants logged in to"), u"tenants [--json]"_s,
            tr("Lists the tenants saved by appint login (and by the console's connect dialog): URL, administrator "
               "client ID and name.")};
}

void TenantsCommand::addOptions(QCommandLineParser& parser) const
{
    parser.addOption(jsonOption());
}

int TenantsCommand::run(const QCommandLineParser& parser, CliContext& context) const
{
    const QList<TenantProfile> profiles = TenantProfiles(context.settings()).profiles();
    if (parser.isSet(jsonOption())) {
        QJsonArray array;
        for (const TenantProfile& profile : profiles) {
            array.append(QJsonObject{
                {u"url"_s, profile.url}, {u"client_id"_s, profile.clientId}, {u"name"_s, profile.displayName}});
        }
        context.writeOutput(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return toInt(ExitCode::Ok);
    }
    if (profiles.isEmpty()) {
        context.print(tr("Not logged in to any tenant."));
        return toInt(ExitCode::Ok);
    }
    TextTable table({tr("URL"), tr("CLIENT ID"), tr("NAME")});
    for (const TenantProfile& profile : profiles) {
        table.addRow({profile.url, CliContext::oneLine(profile.clientId), CliContext::oneLine(profile.displayName)});
    }
    context.print(table.lines().join(u'\n'));
    return toInt(ExitCode::Ok);
}

} // namespace appint
