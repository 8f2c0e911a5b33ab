#include "cli/TokenCommand.h"

#include "cli/CliContext.h"
#include "cli/SecretOptions.h"
#include "core/OutboundCredentialRules.h"
#include "credentials/OutboundCredentialStore.h"
#include "service/TokenCacheFile.h"
#include "service/TokenClient.h"

#include <QFile>
#include <QJsonDocument>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
QCommandLineOption credentialOption()
{
    return {u"credential"_s,
            TokenCommand::tr("A saved outbound credential: its settings and its secret from the "
                             "system keychain."),
            u"NAME"_s};
}

QCommandLineOption tokenUrlOption()
{
    return {u"token-url"_s, TokenCommand::tr("Ad hoc: the token endpoint (https://..., http only on loopback)."),
            u"URL"_s};
}

QCommandLineOption clientIdOption()
{
    return {u"client-id"_s, TokenCommand::tr("Ad hoc: the client ID."), u"ID"_s};
}

QCommandLineOption authOption()
{
    return {u"auth"_s,
            TokenCommand::tr("Ad hoc: send the client credentials in the body (default) or as a Basic header."),
            u"body|header"_s};
}

QCommandLineOption scopeOption()
{
    return {u"scope"_s, TokenCommand::tr("Ad hoc: the scope to ask for."), u"S"_s};
}

QCommandLineOption resourceOption()
{
    return {u"resource"_s, TokenCommand::tr("Ad hoc: the resource indicator (RFC 8707), an absolute URI."), u"R"_s};
}

QCommandLineOption audienceOption()
{
    return {u"audience"_s, TokenCommand::tr("Ad hoc: the audience to ask for."), u"A"_s};
}

QCommandLineOption paramOption()
{
    return {u"param"_s,
            TokenCommand::tr("Ad hoc: a custom parameter sent in the body, as a header or in the URL; repeatable, at "
                             "most 20. Keys client_id, client_secret and grant_type are refused."),
            u"body|header|url:KEY=VALUE"_s};
}

QCommandLineOption freshOption()
{
    return {u"fresh"_s,
            TokenCommand::tr("With --credential: fetch a new token even when a cached one is still valid, and cache "
                             "it in place of the old one.")};
}

QCommandLineOption dropCacheOption()
{
    return {u"drop-cache"_s,
            TokenCommand::tr("With --credential: forget the credential's cached token and fetch nothing.")};
}

QCommandLineOption samlAssertionOption()
{
    return {u"saml-assertion"_s,
            TokenCommand::tr("Use the SAML 2.0 bearer grant (RFC 7522) with the SAML 2.0 assertion in FILE (its XML, "
                             "or base64 of it), - for standard input. The token URL is the tenant's OAuth2SAML token "
                             "URL. Such tokens are never cached."),
            u"FILE"_s};
}

QList<QCommandLineOption> adHocOptions()
{
    return {tokenUrlOption(),           clientIdOption(), SecretOptions::stdinOption(),
            SecretOptions::envOption(), authOption(),     scopeOption(),
            resourceOption(),           audienceOption(), paramOption()};
}

// The option a field error of OutboundCredentialRules belongs to.
QString optionFor(const QString& field)
{
    if (field == OutboundCredentialRules::FieldTokenServiceUrl) {
        return u"--token-url"_s;
    }
    if (field == OutboundCredentialRules::FieldClientId) {
        return u"--client-id"_s;
    }
    if (field == OutboundCredentialRules::FieldScope) {
        return u"--scope"_s;
    }
    if (field == OutboundCredentialRules::FieldResource) {
        return u"--resource"_s;
    }
    if (field == OutboundCredentialRules::FieldAudience) {
        return u"--audience"_s;
    }
    if (field == OutboundCredentialRules::FieldCustomParameters) {
        return u"--param"_s;
    }
    if (field == u"samlAssertion"_s) {
        return u"--saml-assertion"_s;
    }
    return field;
}

QString describe(const FieldErrors& errors)
{
    QStringList parts;
    for (const FieldError& error : errors) {
        parts.append(optionFor(error.field) + u": "_s + error.message);
    }
    return parts.join(u"; "_s);
}
} // namespace

Command::Help TokenCommand::help() const
{
    return {
        u"token"_s, tr("Fetch an access token with the client-credentials or the SAML 2.0 bearer grant"),
        u"token --credential NAME [--fresh | --drop-cache | --saml-assertion FILE]\n"
        u"  or:  appint token --token-url URL --client-id ID (--client-secret-env VAR | --client-secret-stdin) "
        u"[--auth body|header] [--scope S] [--resource R] [--audience A] [--param body|header|url:KEY=VALUE]... "
        u"[--saml-assertion FILE]"_s,
        tr("Prints the token response (access_token, token_type, expires_in, scope, ...) as JSON on standard "
           "output. On failure, one line on standard error with the OAuth error code (e.g. invalid_client) and a "
           "non-zero exit code.\n\n"
           "With --credential the token is cached for the next commands and the console of this user (a file of its "
           "own in the runtime folder, readable only by you, holding tokens and never secrets): it is reused until "
           "it is due for renewal. --fresh fetches a new one; --drop-cache forgets it.\n\n"
           "With --saml-assertion the token is asked for with the SAML 2.0 bearer grant: the assertion (a secret, "
           "never printed or logged) is sent base64url-encoded to the token URL, which must be the tenant's "
           "OAuth2SAML token URL, by an API Access client that has the SAML grant. A refused assertion is one line "
           "with invalid_grant and the rule it broke.\n\n"
           "Example:\n  export CLIENT_SECRET=...\n  appint token --token-url https://tenant.example.com/oauth/token "
           "--client-id my-client --client-secret-env CLIENT_SECRET | jq -r .access_token")};
}

void TokenCommand::addOptions(QCommandLineParser& parser) const
{
    parser.addOption(credentialOption());
    parser.addOption(freshOption());
    parser.addOption(dropCacheOption());
    parser.addOption(tokenUrlOption());
    parser.addOption(clientIdOption());
    SecretOptions::add(parser);
    parser.addOption(authOption());
    parser.addOption(scopeOption());
    parser.addOption(resourceOption());
    parser.addOption(audienceOption());
    parser.addOption(paramOption());
    parser.addOption(samlAssertionOption());
}

std::variant<Secret, CliFailure> TokenCommand::readAssertion(const QString& path)
{
    const bool standardInput = path == u"-"_s;
    QFile file;
    if (standardInput) {
        if (!file.open(stdin, QIODevice::ReadOnly, QFileDevice::DontCloseHandle)) {
            return CliFailure{ExitCode::File, tr("Standard input cannot be read.")};
        }
    } else {
        file.setFileName(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return CliFailure{
                ExitCode::File,
                tr("The SAML assertion file %1 cannot be read: %2").arg(CliContext::oneLine(path), file.errorString())};
        }
    }
    QByteArray bytes = file.read(MaximumAssertionSize + 1);
    const bool tooLarge = bytes.size() > MaximumAssertionSize;
    if (tooLarge || bytes.trimmed().isEmpty()) {
        wipeBytes(bytes);
        const QString source = standardInput ? tr("on standard input") : tr("in %1").arg(CliContext::oneLine(path));
        return CliFailure{
            ExitCode::Usage,
            tooLarge
                ? tr("The SAML assertion %1 is larger than %n byte(s).", nullptr, int(MaximumAssertionSize)).arg(source)
                : tr("The SAML assertion %1 is empty.").arg(source)};
    }
    return Secret::fromUtf8(bytes);
}

std::variant<CustomParameter, CliFailure> TokenCommand::parseParameter(const QString& text)
{
    const qsizetype colon = text.indexOf(u':');
    const qsizetype equals = colon < 0 ? -1 : text.indexOf(u'=', colon + 1);
    if (colon < 0 || equals < 0) {
        return CliFailure{ExitCode::Usage, tr("--param takes body:KEY=VALUE, header:KEY=VALUE or url:KEY=VALUE.")};
    }
    const std::optional<ParameterLocation> location = parameterLocationFromId(text.left(colon));
    if (!location) {
        return CliFailure{ExitCode::Usage,
                          tr("--param: send a parameter as body, header or url, not \"%1\".")
                              .arg(CliContext::oneLine(text.left(colon)))};
    }
    return CustomParameter{text.mid(colon + 1, equals - colon - 1), text.mid(equals + 1), *location};
}

std::variant<OutboundCredential, CliFailure> TokenCommand::adHocCredential(const QCommandLineParser& parser)
{
    if (!parser.isSet(tokenUrlOption()) || !parser.isSet(clientIdOption())) {
        return CliFailure{ExitCode::Usage,
                          tr("Give --credential NAME, or --token-url URL and --client-id ID with "
                             "the secret in --client-secret-env VAR or --client-secret-stdin.")};
    }
    OutboundCredential credential;
    credential.name = u"ad-hoc"_s;
    credential.tokenServiceUrl = parser.value(tokenUrlOption());
    credential.clientId = parser.value(clientIdOption());
    const QString auth = parser.isSet(authOption()) ? parser.value(authOption()) : u"body"_s;
    if (auth == u"body"_s) {
        credential.clientAuthentication = ClientAuthentication::Body;
    } else if (auth == u"header"_s) {
        credential.clientAuthentication = ClientAuthentication::Header;
    } else {
        return CliFailure{ExitCode::Usage, tr("--auth: use body or header.")};
    }
    credential.scope = parser.value(scopeOption());
    credential.resource = parser.value(resourceOption());
    credential.audience = parser.value(audienceOption());
    for (const QString& text : parser.values(paramOption())) {
        auto parameter = parseParameter(text);
        if (auto* failure = std::get_if<CliFailure>(&parameter)) {
            return *failure;
        }
        credential.customParameters.append(std::get<CustomParameter>(parameter));
    }
    const FieldErrors errors = OutboundCredentialRules::check(credential);
    if (!errors.isEmpty()) {
        return CliFailure{ExitCode::Usage, describe(errors)};
    }
    return credential;
}

int TokenCommand::run(const QCommandLineParser& parser, CliContext& context) const
{
    if (parser.isSet(credentialOption())) {
        for (const QCommandLineOption& option : adHocOptions()) {
            if (parser.isSet(option)) {
                return context.fail(ExitCode::Usage,
                                    tr("--credential cannot be combined with --%1: a saved "
                                       "credential brings its own settings.")
                                        .arg(option.names().constFirst()));
            }
        }
        if (parser.isSet(freshOption()) && parser.isSet(dropCacheOption())) {
            return context.fail(ExitCode::Usage, tr("Give --fresh or --drop-cache, not both."));
        }
        if (parser.isSet(samlAssertionOption()) && (parser.isSet(freshOption()) || parser.isSet(dropCacheOption()))) {
            return context.fail(ExitCode::Usage,
                                tr("--saml-assertion cannot be combined with --fresh or --drop-cache: tokens of the "
                                   "SAML grant are never cached."));
        }
        return runSaved(parser, context);
    }
    for (const QCommandLineOption& option : {freshOption(), dropCacheOption()}) {
        if (parser.isSet(option)) {
            return context.fail(ExitCode::Usage,
                                tr("--%1 needs --credential: only saved credentials have cached tokens.")
                                    .arg(option.names().constFirst()));
        }
    }
    auto adHoc = adHocCredential(parser);
    if (auto* failure = std::get_if<CliFailure>(&adHoc)) {
        return context.fail(*failure);
    }
    const OutboundCredential credential = std::get<OutboundCredential>(adHoc);
    Secret assertion;
    if (parser.isSet(samlAssertionOption())) {
        const QString path = parser.value(samlAssertionOption());
        if (path == u"-"_s && parser.isSet(SecretOptions::stdinOption())) {
            return context.fail(ExitCode::Usage,
                                tr("Standard input cannot hold both the client secret and the SAML assertion: give "
                                   "the secret with --client-secret-env VAR or the assertion in a file."));
        }
        auto read = readAssertion(path);
        if (auto* failure = std::get_if<CliFailure>(&read)) {
            return context.fail(*failure);
        }
        assertion = std::get<Secret>(read);
    }
    SecretInput::Outcome input = SecretOptions::read(parser, tr("Client secret for %1: ").arg(credential.clientId));
    if (auto* failure = std::get_if<CliFailure>(&input)) {
        return context.fail(*failure);
    }
    OutboundSecrets secrets;
    secrets.clientSecret = std::get<Secret>(input);
    const Result<AccessToken> token = fetch(credential, secrets, assertion, context);
    assertion.wipe();
    return token.ok() ? printToken(token.value, context) : failed(token, context);
}

int TokenCommand::runSaved(const QCommandLineParser& parser, CliContext& context) const
{
    const QString name = parser.value(credentialOption());
    // Its settings and its secrets (credentials/OutboundCredentialStore).
    const std::optional<OutboundCredential> saved = OutboundCredentialSettings(context.settings()).find(name);
    if (!saved) {
        return context.fail(ExitCode::NotFound,
                            tr("No outbound credential is saved as \"%1\".").arg(CliContext::oneLine(name)));
    }
    const OutboundCredential& credential = *saved;
    Secret assertion;
    if (parser.isSet(samlAssertionOption())) {
        auto read = readAssertion(parser.value(samlAssertionOption()));
        if (auto* failure = std::get_if<CliFailure>(&read)) {
            return context.fail(*failure);
        }
        assertion = std::get<Secret>(read);
    }

    // The token cache shared with other processes and the console (TokenCacheFile).
    TokenCacheFile cache;
    const auto reportWarnings = [&context, &cache] {
        for (const QString& warning : cache.takeWarnings()) {
            context.warn(warning);
        }
    };
    if (parser.isSet(dropCacheOption())) {
        const bool dropped = cache.drop(credential.name);
        reportWarnings();
        context.notice(dropped ? tr("The cached token of %1 was dropped.").arg(credential.name)
                               : tr("No token of %1 was cached.").arg(credential.name));
        return toInt(ExitCode::Ok);
    }
    if (!parser.isSet(freshOption()) && assertion.isEmpty()) {
        const std::optional<AccessToken> cached = cache.take(credential, context.now());
        reportWarnings();
        if (cached) {
            return printToken(*cached, context);
        }
    }

    const OutboundCredentialStore store(context.settings(), context.secretStore());
    const auto stored = context.wait<OutboundCredentialStore::SecretsOutcome>(
        [&](QObject* owner, auto done) { store.readSecrets(credential.name, owner, done); });
    if (stored.read.status == KeychainStatus::NotFound) {
        return context.fail(ExitCode::Keychain,
                            tr("The secret of outbound credential %1 is not saved in the "
                               "system keychain.")
                                .arg(credential.name));
    }
    if (!stored.ok()) {
        return context.fail(CliFailure::fromKeychain(stored.read, tr("The credential's secret cannot be read:")));
    }
    const Result<AccessToken> token = fetch(credential, stored.secrets, assertion, context);
    if (!token.ok()) {
        return failed(token, context);
    }
    if (!assertion.isEmpty()) {
        assertion.wipe();
        return printToken(token.value, context); // a user's token: never cached
    }
    cache.store(credential, token.value, context.now());
    reportWarnings();
    return printToken(token.value, context);
}

Result<AccessToken> TokenCommand::fetch(const OutboundCredential& credential, const OutboundSecrets& secrets,
                                        const Secret& samlAssertion, CliContext& context)
{
    TokenClient client(context.network());
    return context.wait<Result<AccessToken>>([&](QObject* owner, auto done) {
        const auto callback = [done](const Result<AccessToken>& result, const RedactedRequest&) { done(result); };
        if (samlAssertion.isEmpty()) {
            client.fetch(credential, secrets, owner, callback);
        } else {
            client.fetchWithSamlAssertion(credential, secrets, samlAssertion, owner, callback);
        }
    });
}

int TokenCommand::failed(const Result<AccessToken>& token, CliContext& context)
{
    if (token.status == ResultStatus::Validation && !token.fieldErrors.isEmpty() && token.httpStatus == 0) {
        return context.fail(ExitCode::Usage, describe(token.fieldErrors)); // refused before sending
    }
    return context.fail(CliFailure::fromResult(token));
}

int TokenCommand::printToken(const AccessToken& token, CliContext& context)
{
    QByteArray json = QJsonDocument(token.toResponseJson()).toJson(QJsonDocument::Indented);
    context.writeOutput(json);
    wipeBytes(json);
    return toInt(ExitCode::Ok);
}

} // namespace appint
