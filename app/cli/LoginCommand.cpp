#include "cli/LoginCommand.h"

#include "cli/BrowserLogin.h"
#include "cli/CliContext.h"
#include "cli/SecretOptions.h"
#include "credentials/SecretsFile.h"
#include "credentials/TenantSignIn.h"
#include "keychain/KeychainKeys.h"
#include "service/AdminSession.h"
#include "service/TenantApi.h"
#include "service/TenantProfiles.h"

#include <QUrl>

#include <optional>

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

QCommandLineOption browserOption()
{
    return {u"browser"_s,
            LoginCommand::tr("Sign in as yourself through the browser, with an Interactive Usage client.")};
}

QCommandLineOption noOpenOption()
{
    return {u"no-open"_s, LoginCommand::tr("With --browser: only print the sign-in page's URL, do not open it.")};
}

QCommandLineOption secretsFileOption()
{
    return {u"secrets-file"_s,
            LoginCommand::tr("Sign in through the browser with the client of a connection sheet in the datasphere "
                             "CLI's JSON shape (tenant, client ID and, when the sheet has it, the secret)."),
            u"FILE"_s};
}

QCommandLineOption timeoutOption()
{
    return {u"timeout"_s, LoginCommand::tr("With --browser: how long to wait for the sign-in (default 300)."),
            u"SECONDS"_s};
}

QCommandLineOption redirectPortOption()
{
    return {u"redirect-port"_s,
            LoginCommand::tr("With --browser: the port on 127.0.0.1 that receives the browser's answer (default: any "
                             "free port)."),
            u"PORT"_s};
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
            u"login --tenant URL --client-id ID (--client-secret-stdin | --client-secret-env VAR) [--name NAME] "
            "[--browser [--no-open] [--timeout SECONDS] [--redirect-port PORT]]\n"
            "       login --secrets-file FILE [--no-open] [--timeout SECONDS] [--redirect-port PORT]"_s,
            tr("Obtains a token with the client's credentials and reads the tenant to prove that they work. Then "
               "saves the secret in the system keychain and the tenant's URL, client ID and name in the settings "
               "(never the secret). When the keychain is not available or refuses, nothing is saved.\n\n"
               "With --browser, the client is an Interactive Usage client and you sign in as yourself: the sign-in "
               "page's URL is printed on standard error and opened in your browser (not with --no-open). The "
               "client secret and your refresh token are saved in the system keychain; later commands act as you "
               "until the sign-in ends. --secrets-file reads the tenant, the client ID and the secret from a "
               "connection sheet that the console exported for the datasphere CLI (JSON) and signs in through the "
               "browser.\n\n"
               "Example:\n  printf '%s' \"$SECRET\" | appint login --tenant https://tenant.example.com "
               "--client-id admin-client --client-secret-stdin")};
}

void LoginCommand::addOptions(QCommandLineParser& parser) const
{
    parser.addOption(tenantUrlOption());
    parser.addOption(clientIdOption());
    SecretOptions::add(parser);
    parser.addOption(displayNameOption());
    parser.addOption(browserOption());
    parser.addOption(secretsFileOption());
    parser.addOption(noOpenOption());
    parser.addOption(timeoutOption());
    parser.addOption(redirectPortOption());
}

bool LoginCommand::opensBrowser(const QStringList& arguments)
{
    const bool browser = std::any_of(arguments.cbegin(), arguments.cend(), [](const QString& argument) {
        return argument == u"--browser"_s || argument.startsWith(u"--secrets-file"_s);
    });
    return arguments.size() > 1 && arguments.at(1) == u"login"_s && browser && !arguments.contains(u"--no-open"_s);
}

int LoginCommand::run(const QCommandLineParser& parser, CliContext& context) const
{
    std::optional<SecretsFile::Contents> sheet;
    if (parser.isSet(secretsFileOption())) {
        SecretsFile::Outcome read = SecretsFile::read(parser.value(secretsFileOption()));
        if (const auto* failure = std::get_if<QString>(&read)) {
            return context.fail(ExitCode::File, *failure);
        }
        sheet = std::get<SecretsFile::Contents>(std::move(read));
        if (parser.isSet(tenantUrlOption())
            && TenantProfiles::normalizedUrl(parser.value(tenantUrlOption())) != sheet->tenantUrl) {
            return context.fail(ExitCode::Usage,
                                tr("--tenant names another tenant than the secrets file (%1).").arg(sheet->tenantUrl));
        }
        if (parser.isSet(clientIdOption()) && parser.value(clientIdOption()) != sheet->clientId) {
            return context.fail(ExitCode::Usage, tr("--client-id names another client than the secrets file."));
        }
    } else if (!parser.isSet(tenantUrlOption()) || !parser.isSet(clientIdOption())) {
        return context.fail(ExitCode::Usage, tr("--tenant URL and --client-id ID are required."));
    }
    TenantProfile profile{sheet ? sheet->tenantUrl : TenantProfiles::normalizedUrl(parser.value(tenantUrlOption())),
                          sheet ? sheet->clientId : parser.value(clientIdOption()), parser.value(displayNameOption())};
    const FieldErrors errors = TenantProfiles::check(profile);
    if (!errors.isEmpty()) {
        return context.fail(ExitCode::Usage, optionFor(errors.first().field) + u": "_s + errors.first().message);
    }
    // The browser's options, checked before the secret is asked for.
    const bool browser = parser.isSet(browserOption()) || sheet;
    BrowserLogin::Options options;
    options.openBrowser = !parser.isSet(noOpenOption());
    if (!browser
        && (parser.isSet(noOpenOption()) || parser.isSet(timeoutOption()) || parser.isSet(redirectPortOption()))) {
        return context.fail(ExitCode::Usage, tr("--no-open, --timeout and --redirect-port go with --browser."));
    }
    if (parser.isSet(timeoutOption())) {
        bool ok = false;
        options.timeoutSeconds = parser.value(timeoutOption()).toInt(&ok);
        if (!ok || options.timeoutSeconds < 1 || options.timeoutSeconds > 3600) {
            return context.fail(ExitCode::Usage, tr("--timeout: enter a number of seconds from 1 to 3600."));
        }
    }
    if (parser.isSet(redirectPortOption())) {
        bool ok = false;
        const uint port = parser.value(redirectPortOption()).toUInt(&ok);
        if (!ok || port < 1 || port > 65535) {
            return context.fail(ExitCode::Usage, tr("--redirect-port: enter a port from 1 to 65535."));
        }
        options.redirectPort = quint16(port);
    }

    Secret secret;
    if (sheet && !sheet->clientSecret.isEmpty() && !SecretOptions::isSet(parser)) {
        secret = sheet->clientSecret;
    } else {
        SecretInput::Outcome input = SecretOptions::read(parser, tr("Client secret for %1: ").arg(profile.clientId));
        if (const auto* failure = std::get_if<CliFailure>(&input)) {
            return context.fail(*failure);
        }
        secret = std::get<Secret>(input);
    }

    if (browser) {
        options.profile = profile;
        options.clientSecret = secret;
        return BrowserLogin::run(options, context);
    }

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
    // A browser sign-in of the same client before this login ends here.
    const KeychainResult staleRemoved = context.removeSecret(KeychainKeys::refreshToken(profile.url, profile.clientId));
    if (!staleRemoved.ok() && staleRemoved.status != KeychainStatus::NotFound) {
        context.warn(tr("An earlier sign-in's refresh token could not be removed from the keychain: %1")
                         .arg(staleRemoved.message));
    }
    context.print(tr("Logged in to %1 (%2) as %3. The secret is saved in the system keychain.")
                      .arg(profile.displayText(), profile.url, profile.clientId));
    return toInt(ExitCode::Ok);
}

} // namespace appint
