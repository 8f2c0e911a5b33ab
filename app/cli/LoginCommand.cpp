#include "cli/LoginCommand.h"

#include "cli/CliContext.h"
#include "cli/SecretOptions.h"
#include "keychain/KeychainKeys.h"
#include "service/AdminSession.h"
#include "service/TenantApi.h"
#include "service/TenantProfiles.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
QCommandLineOption tenantUrlOption()
{
    return {u"tenant"_s, LoginCommand::tr("The tenant's URL (https://..., http only on loopback)."), u"URL"_s};
}

QCommandLineOption clientIdOption()
{
    return {u"client-id"_s, LoginCommand::tr("The administrator client's ID."), u"ID"_s};
}

QCommandLineOption displayNameOption()
{
    return {u"name"_s, LoginCommand::tr("A name for the tenant. Default: the tenant's own name."), u"NAME"_s};
}

QString optionFor(const QString& field)
{
    if (field == TenantProfiles::FieldUrl) {
        return u"--tenant"_s;
    }
    if (field == TenantProfiles::FieldClientId) {
        return u"--client-id"_s;
    }
    return u"--name"_s;
}
} // namespace

Command::Help LoginCommand::help() const
{
    return {u"login"_s, tr("Check an administrator's credentials and save them for later commands"),
            u"login --tenant URL --client-id ID (--client-secret-stdin | --client-secret-env VAR) [--name NAME]"_s,
            tr("Obtains a token with the client's credentials and reads the tenant to prove that they work. Then "
               "saves the secret in the system keychain and the tenant's URL, client ID and name in the settings "
               "(never the secret). When the keychain is not available or refuses, nothing is saved.\n\n"
               "Example:\n  printf '%s' \"$SECRET\" | appint login --tenant https://tenant.example.com "
               "--client-id admin-client --client-secret-stdin")};
}

void LoginCommand::addOptions(QCommandLineParser& parser) const
{
    parser.addOption(tenantUrlOption());
    parser.addOption(clientIdOption());
    SecretOptions::add(parser);
    parser.addOption(displayNameOption());
}

int LoginCommand::run(const QCommandLineParser& parser, CliContext& context) const
{
    if (!parser.isSet(tenantUrlOption()) || !parser.isSet(clientIdOption())) {
        return context.fail(ExitCode::Usage, tr("--tenant URL and --client-id ID are required."));
    }
    TenantProfile profile{TenantProfiles::normalizedUrl(parser.value(tenantUrlOption())),
                          parser.value(clientIdOption()), parser.value(displayNameOption())};
    const FieldErrors errors = TenantProfiles::check(profile);
    if (!errors.isEmpty()) {
        return context.fail(ExitCode::Usage, optionFor(errors.first().field) + u": "_s + errors.first().message);
    }
    SecretInput::Outcome input = SecretOptions::read(parser, tr("Client secret for %1: ").arg(profile.clientId));
    if (const auto* failure = std::get_if<CliFailure>(&input)) {
        return context.fail(*failure);
    }
    const Secret secret = std::get<Secret>(input);

    // 1. Verify: a token, and the tenant read with it.
    Result<TenantInfo> tenant;
    {
        AdminSession session(context.network(), QUrl(profile.url), profile.clientId, secret);
        session.setTimeoutMs(CliContext::requestTimeoutMs());
        TenantApi api(&session);
        tenant = context.wait<Result<TenantInfo>>([&](QObject* owner, auto done) { api.tenant(owner, done); });
    }
    if (!tenant.ok()) {
        return context.fail(CliFailure::fromResult(tenant, tr("Login failed, nothing was saved:")));
    }
    if (profile.displayName.isEmpty()) {
        profile.displayName = CliContext::oneLine(tenant.value.tenantName).left(TenantProfiles::DisplayNameMaxLength);
    }

    // 2. The secret into the keychain; nothing else happens when that fails.
    TenantProfiles profiles(context.settings());
    const std::optional<TenantProfile> previous = profiles.find(profile.url);
    const QString key = KeychainKeys::tenantCredentials(profile.url, profile.clientId);
    const KeychainResult written = context.writeSecret(key, secret);
    if (!written.ok()) {
        return context.fail(CliFailure::fromKeychain(
            written, tr("The credentials work, but the secret cannot be saved, so nothing was saved:")));
    }

    // 3. The profile. When it cannot be written, take the new keychain entry
    // back, unless it replaced the secret of the same, still saved, login.
    const SettingsWriteResult saved = profiles.save(profile);
    if (!saved.ok()) {
        if (!previous || previous->clientId != profile.clientId) {
            const KeychainResult undone = context.removeSecret(key);
            if (!undone.ok()) {
                context.warn(tr("The secret saved in the keychain could not be removed again: %1").arg(undone.message));
            }
        }
        return context.fail(ExitCode::File, tr("The tenant cannot be saved in the settings: %1").arg(saved.message));
    }

    // 4. A login with another client ID replaces the earlier one.
    if (previous && previous->clientId != profile.clientId) {
        const KeychainResult removed
            = context.removeSecret(KeychainKeys::tenantCredentials(previous->url, previous->clientId));
        if (!removed.ok()) {
            context.warn(tr("The secret of the earlier login (%1) could not be removed from the keychain: %2")
                             .arg(previous->clientId, removed.message));
        }
    }
    context.print(tr("Logged in to %1 (%2) as %3. The secret is saved in the system keychain.")
                      .arg(profile.displayText(), profile.url, profile.clientId));
    return toInt(ExitCode::Ok);
}

} // namespace appint
