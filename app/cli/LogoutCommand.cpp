#include "cli/LogoutCommand.h"

#include "cli/CliContext.h"
#include "cli/TenantConnection.h"
#include "keychain/KeychainKeys.h"
#include "service/AdminSession.h"
#include "service/TenantProfiles.h"

using namespace Qt::StringLiterals;

namespace appint {

Command::Help LogoutCommand::help() const
{
    return {u"logout"_s, tr("Forget a tenant: remove its saved secret and its settings"), u"logout [--tenant URL]"_s,
            tr("Removes the administrator's secret (and a browser sign-in's refresh token, after revoking it at "
               "the tenant) from the system keychain, then the tenant from the settings. "
               "Client secrets saved in the keychain for this tenant's clients stay.")};
}

void LogoutCommand::addOptions(QCommandLineParser& parser) const
{
    parser.addOption(tenantOption());
}

int LogoutCommand::run(const QCommandLineParser& parser, CliContext& context) const
{
    TenantConnection connection(context);
    if (auto failure = connection.resolveProfile(parser.value(tenantOption()))) {
        return context.fail(*failure);
    }
    const TenantProfile profile = connection.profile();
    if (!profile.userName.isEmpty()) {
        // A user's browser sign-in ends at the tenant too (RFC 7009), so that
        // a copy of the refresh token is of no use. A tenant that cannot be
        // told does not keep the sign-in on this machine.
        std::optional<CliFailure> opened = connection.open(profile.url);
        const ResultInfo revoked = opened
            ? ResultInfo{}
            : context.wait<ResultInfo>([&](QObject* owner, auto done) { connection.session().signOut(owner, done); });
        if (opened || !revoked.ok()) {
            context.warn(tr("The tenant could not be told to end the sign-in; it is removed from this machine "
                            "anyway: %1")
                             .arg(opened ? opened->message : revoked.message));
        }
    }
    // A user's browser sign-in: the refresh token goes first.
    const KeychainResult refreshRemoved
        = context.removeSecret(KeychainKeys::refreshToken(profile.url, profile.clientId));
    if (!refreshRemoved.ok() && refreshRemoved.status != KeychainStatus::NotFound) {
        return context.fail(CliFailure::fromKeychain(
            refreshRemoved, tr("The sign-in cannot be removed from the keychain; the tenant stays saved:")));
    }
    const KeychainResult removed = context.removeSecret(KeychainKeys::tenantCredentials(profile.url, profile.clientId));
    if (!removed.ok()) {
        return context.fail(CliFailure::fromKeychain(
            removed, tr("The secret cannot be removed from the keychain; the tenant stays saved:")));
    }
    TenantProfiles profiles(context.settings());
    const SettingsWriteResult saved = profiles.remove(profile.url);
    if (!saved.ok()) {
        return context.fail(
            ExitCode::File,
            tr("The secret was removed, but the tenant cannot be removed from the settings: %1").arg(saved.message));
    }
    context.print(tr("Logged out of %1 (%2).").arg(profile.displayText(), profile.url));
    return toInt(ExitCode::Ok);
}

} // namespace appint
