#include "cli/LoginCommand.h"

#include "cli/CliContext.h"
#include "cli/SecretOptions.h"
#include "credentials/TenantSignIn.h"
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

    // Verify, the secret into the keychain, the profile into the settings
    // (credentials/TenantSignIn).
    AdminSession session(context.network(), QUrl(profile.url), profile.clientId, secret);
    session.setTimeoutMs(CliContext::requestTimeoutMs());
    TenantApi api(&session);
    const TenantSignIn::Outcome outcome = context.wait<TenantSignIn::Outcome>([&](QObject* owner, auto done) {
        TenantSignIn::run(&api, context.secretStore(), context.settings(), profile, secret, owner, done);
    });
    switch (outcome.failedAt) {
    case TenantSignIn::Step::Verify:
        return context.fail(CliFailure::fromResult(outcome.verified, tr("Login failed, nothing was saved:")));
    case TenantSignIn::Step::Keychain:
        return context.fail(CliFailure::fromKeychain(
            outcome.written, tr("The credentials work, but the secret cannot be saved, so nothing was saved:")));
    case TenantSignIn::Step::Settings:
        if (outcome.undone && !outcome.undone->ok()) {
            context.warn(
                tr("The secret saved in the keychain could not be removed again: %1").arg(outcome.undone->message));
        }
        return context.fail(ExitCode::File,
                            tr("The tenant cannot be saved in the settings: %1").arg(outcome.saved.message));
    case TenantSignIn::Step::Done:
        break;
    }
    if (outcome.replacedRemoved && !outcome.replacedRemoved->ok()) {
        context.warn(tr("The secret of the earlier login (%1) could not be removed from the keychain: %2")
                         .arg(outcome.replaced->clientId, outcome.replacedRemoved->message));
    }
    profile = outcome.profile;
    context.print(tr("Logged in to %1 (%2) as %3. The secret is saved in the system keychain.")
                      .arg(profile.displayText(), profile.url, profile.clientId));
    return toInt(ExitCode::Ok);
}

} // namespace appint
