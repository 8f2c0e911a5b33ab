#include "server/oauth/OAuthEndpoints.h"

#include "core/ClientRules.h"
#include "core/Clock.h"
#include "core/OAuthNames.h"
#include "server/http/FormData.h"
#include "server/http/Router.h"
#include "server/oauth/RateLimiter.h"
#include "server/oauth/SamlBearerGrant.h"
#include "server/oauth/TokenService.h"
#include "server/oauth/UserGrants.h"

#include <QJsonArray>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace appint {

Q_LOGGING_CATEGORY(lcOAuth, "appint.server.oauth", QtInfoMsg)

namespace {

constexpr auto Post = QHttpServerRequest::Method::Post;
constexpr auto Get = QHttpServerRequest::Method::Get;

HttpResponse noStore(HttpResponse response)
{
    if (response.header("Cache-Control").isNull()) {
        response.withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache");
    }
    return response;
}

} // namespace

OAuthEndpoints::OAuthEndpoints(Tenant& tenant, const TokenService& tokens, UserGrants& userGrants, RateLimiter& limiter,
                               const Clock& clock)
    : m_tenant(tenant)
    , m_tokens(tokens)
    , m_userGrants(userGrants)
    , m_limiter(limiter)
    , m_clock(clock)
{
}

void OAuthEndpoints::setSamlGrant(const SamlBearerGrant* grant, const QString& path)
{
    m_saml = grant;
    m_samlPath = path;
}

void OAuthEndpoints::addRoutes(Router& router)
{
    using Family = Router::Family;
    router.add(u"/.well-known/oauth-authorization-server"_s, Get, Family::OAuth,
               [this](const HttpRequest&, const QStringList&) { return HttpResponse::json(metadata()); });
    router.add(u"/oauth/token"_s, Post, Family::OAuth,
               [this](const HttpRequest& request, const QStringList&) { return noStore(token(request)); });
    router.add(u"/oauth/jwks"_s, Get, Family::OAuth,
               [this](const HttpRequest&, const QStringList&) { return HttpResponse::json(m_tokens.jwks()); });
    router.add(u"/oauth/introspect"_s, Post, Family::OAuth,
               [this](const HttpRequest& request, const QStringList&) { return noStore(introspect(request)); });
    // A revocation is a store write: it may wait (at most 2 s) for the store.
    router.add(
        u"/oauth/revoke"_s, Post, Family::OAuth,
        [this](const HttpRequest& request, const QStringList&) { return noStore(revoke(request)); },
        Router::Execution::Blocking);
    if (m_saml) {
        // Signature checks and the replay record (a store write) take time.
        router.add(
            m_samlPath, Post, Family::OAuth,
            [this](const HttpRequest& request, const QStringList&) { return noStore(samlToken(request)); },
            Router::Execution::Blocking);
    }
}

QJsonObject OAuthEndpoints::metadata() const
{
    const QString issuer = m_tokens.issuer();
    const QJsonArray authMethods{u"client_secret_basic"_s, u"client_secret_post"_s};
    QStringList scopes = ClientRules::accessValues();
    for (const Role& role : m_tenant.roles()) {
        scopes.append(role.roleId);
    }
    return QJsonObject{
        {u"issuer"_s, issuer},
        {u"authorization_endpoint"_s, QString(issuer + u"/oauth/authorize"_s)},
        {u"token_endpoint"_s, QString(issuer + u"/oauth/token"_s)},
        {u"jwks_uri"_s, QString(issuer + u"/oauth/jwks"_s)},
        {u"introspection_endpoint"_s, QString(issuer + u"/oauth/introspect"_s)},
        {u"revocation_endpoint"_s, QString(issuer + u"/oauth/revoke"_s)},
        {u"grant_types_supported"_s,
         QJsonArray{oauth::GrantClientCredentials, oauth::GrantAuthorizationCode, oauth::GrantRefreshToken}},
        {u"response_types_supported"_s, QJsonArray{u"code"_s}},
        {u"response_modes_supported"_s, QJsonArray{u"query"_s}},
        {u"code_challenge_methods_supported"_s, QJsonArray{u"S256"_s}},
        {u"authorization_response_iss_parameter_supported"_s, true},
        {u"token_endpoint_auth_methods_supported"_s, authMethods},
        {u"introspection_endpoint_auth_methods_supported"_s, authMethods},
        {u"revocation_endpoint_auth_methods_supported"_s, authMethods},
        {u"scopes_supported"_s, QJsonArray::fromStringList(scopes)},
    };
}

std::variant<FormData, HttpResponse> OAuthEndpoints::readForm(const HttpRequest& request, const QStringList& mayRepeat)
{
    if (request.mediaType() != "application/x-www-form-urlencoded") {
        return HttpResponse::oauthError(400, "invalid_request",
                                        tr("Send the parameters as application/x-www-form-urlencoded."));
    }
    const QByteArray charset = request.mediaTypeParameter("charset");
    if (!charset.isEmpty() && charset != "utf-8") {
        return HttpResponse::oauthError(400, "invalid_request", tr("Send the parameters in UTF-8."));
    }
    auto form = FormData::parse(request.body);
    if (!form) {
        return HttpResponse::oauthError(400, "invalid_request",
                                        tr("The form is malformed: check its percent-encoding and UTF-8."));
    }
    const QStringList repeated = form->repeatedNames(mayRepeat);
    if (!repeated.isEmpty()) {
        return HttpResponse::oauthError(400, "invalid_request",
                                        tr("Give each parameter once: %1.").arg(repeated.join(u", "_s).left(200)));
    }
    return std::move(*form);
}

HttpResponse OAuthEndpoints::invalidClient(const QString& description) const
{
    HttpResponse response = HttpResponse::oauthError(401, "invalid_client", description);
    response.withHeader("WWW-Authenticate", "Basic realm=\"appint\", charset=\"UTF-8\"");
    return response;
}

OAuthEndpoints::Authenticated OAuthEndpoints::authenticateClient(const HttpRequest& request, const FormData& form) const
{
    const qint64 now = m_clock.now();
    if (const qint64 wait = m_limiter.retryAfter(request.remoteAddress, now); wait > 0) {
        HttpResponse response = HttpResponse::oauthError(
            429, "temporarily_unavailable",
            tr("Too many failed client authentications from this address; try again in %n second(s).", nullptr,
               int(wait)));
        response.withHeader("Retry-After", QByteArray::number(wait));
        return response;
    }
    const QByteArray authorization = request.header("Authorization");
    QString clientId;
    QString secret;
    if (!authorization.isNull()) {
        const auto fail = [&](const QString& description) {
            m_limiter.recordFailure(request.remoteAddress, clientId, now);
            return invalidClient(description);
        };
        const QByteArray trimmed = authorization.trimmed();
        if (trimmed.size() < 6 || trimmed.first(6).compare("basic ", Qt::CaseInsensitive) != 0) {
            return fail(tr("Authenticate the client with HTTP Basic (client_secret_basic) or with client_id and "
                           "client_secret in the form (client_secret_post)."));
        }
        const auto decoded
            = QByteArray::fromBase64Encoding(trimmed.mid(6).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
        const qsizetype colon = decoded ? decoded.decoded.indexOf(':') : -1;
        if (!decoded || colon < 0) {
            return fail(tr("The Basic authorization header is malformed: send base64(client_id:client_secret)."));
        }
        const auto id = FormData::decodeComponent(QByteArrayView(decoded.decoded).first(colon));
        const auto password = FormData::decodeComponent(QByteArrayView(decoded.decoded).sliced(colon + 1));
        if (!id || !password) {
            return fail(tr("The Basic authorization header is malformed: the client ID and secret must be "
                           "form-urlencoded UTF-8."));
        }
        clientId = *id;
        secret = *password;
        if (form.contains(u"client_secret"_s)) {
            return HttpResponse::oauthError(400, "invalid_request",
                                            tr("Authenticate the client one way: either the Basic header or "
                                               "client_secret in the form, not both."));
        }
        if (const auto formId = form.value(u"client_id"_s); formId && *formId != clientId) {
            return HttpResponse::oauthError(400, "invalid_request",
                                            tr("The client_id in the form differs from the one in the Basic header."));
        }
    } else {
        const auto id = form.value(u"client_id"_s);
        const auto password = form.value(u"client_secret"_s);
        if (!id || !password) {
            return invalidClient(tr("Authenticate the client with HTTP Basic (client_secret_basic) or with "
                                    "client_id and client_secret in the form (client_secret_post)."));
        }
        clientId = *id;
        secret = *password;
    }
    Tenant::Record client = m_tenant.authenticate(clientId, secret.toUtf8());
    if (!client) {
        m_limiter.recordFailure(request.remoteAddress, clientId, now);
        qCInfo(lcOAuth).noquote() << "failed client authentication from" << request.remoteAddress.toString();
        return invalidClient(tr("Client authentication failed: the client ID or secret is wrong, or the client has "
                                "expired or been deleted."));
    }
    return client;
}

std::variant<OAuthEndpoints::ClientForm, HttpResponse>
OAuthEndpoints::readClientForm(const HttpRequest& request, const QStringList& mayRepeat) const
{
    auto form = readForm(request, mayRepeat);
    if (auto* error = std::get_if<HttpResponse>(&form)) {
        return *error;
    }
    FormData& params = std::get<FormData>(form);
    Authenticated authenticated = authenticateClient(request, params);
    if (auto* error = std::get_if<HttpResponse>(&authenticated)) {
        return *error;
    }
    return ClientForm{std::move(params), std::get<Tenant::Record>(std::move(authenticated))};
}

std::variant<OAuthEndpoints::TokenRequest, HttpResponse>
OAuthEndpoints::readTokenRequest(const HttpRequest& request) const
{
    auto read = readClientForm(request, {});
    if (auto* error = std::get_if<HttpResponse>(&read)) {
        return *error;
    }
    ClientForm& form = std::get<ClientForm>(read);
    auto token = form.params.value(u"token"_s);
    if (!token) {
        return HttpResponse::oauthError(400, "invalid_request", tr("The token parameter is missing."));
    }
    return TokenRequest{std::move(form.client), std::move(*token)};
}

HttpResponse OAuthEndpoints::token(const HttpRequest& request) const
{
    auto read = readClientForm(request, {u"resource"_s});
    if (auto* error = std::get_if<HttpResponse>(&read)) {
        return *error;
    }
    const auto& [params, client] = std::get<ClientForm>(read);
    const auto grantType = params.value(u"grant_type"_s);
    if (!grantType) {
        return HttpResponse::oauthError(400, "invalid_request", tr("The grant_type parameter is missing."));
    }
    if (*grantType == oauth::GrantAuthorizationCode || *grantType == oauth::GrantRefreshToken) {
        if (!client->client.grantTypes.contains(*grantType)) {
            return HttpResponse::oauthError(400, "unauthorized_client",
                                            tr("This client is not allowed to use the %1 grant.").arg(*grantType));
        }
        const UserGrants::Result result = *grantType == oauth::GrantAuthorizationCode
            ? m_userGrants.authorizationCode(*client, params)
            : m_userGrants.refresh(*client, params);
        if (const auto* error = std::get_if<UserGrants::Error>(&result)) {
            return HttpResponse::oauthError(error->status, error->code, error->description);
        }
        return HttpResponse::json(std::get<QJsonObject>(result));
    }
    if (*grantType != oauth::GrantClientCredentials) {
        return HttpResponse::oauthError(
            400, "unsupported_grant_type",
            tr("This server issues tokens for the client_credentials, authorization_code and refresh_token grants."));
    }
    if (!client->client.grantTypes.contains(oauth::GrantClientCredentials)) {
        return HttpResponse::oauthError(400, "unauthorized_client",
                                        tr("This client is not allowed to use the client_credentials grant."));
    }
    TokenService::Request tokenRequest;
    tokenRequest.scope = params.value(u"scope"_s);
    tokenRequest.resources = params.values(u"resource"_s);
    tokenRequest.audience = params.value(u"audience"_s);
    const auto result = m_tokens.issue(*client, tokenRequest, m_clock.now());
    if (const auto* error = std::get_if<TokenService::Error>(&result)) {
        return HttpResponse::oauthError(error->code == "server_error" ? 500 : 400, error->code, error->description);
    }
    const auto& issued = std::get<TokenService::Issued>(result);
    return HttpResponse::json(QJsonObject{
        {u"access_token"_s, QString::fromLatin1(issued.accessToken)},
        {u"token_type"_s, u"Bearer"_s},
        {u"expires_in"_s, issued.expiresIn},
        {u"scope"_s, issued.scope},
    });
}

HttpResponse OAuthEndpoints::samlToken(const HttpRequest& request) const
{
    auto read = readClientForm(request, {u"resource"_s});
    if (auto* error = std::get_if<HttpResponse>(&read)) {
        return *error;
    }
    const auto& [params, client] = std::get<ClientForm>(read);
    const auto grantType = params.value(u"grant_type"_s);
    if (!grantType) {
        return HttpResponse::oauthError(400, "invalid_request", tr("The grant_type parameter is missing."));
    }
    if (*grantType != oauth::GrantSaml2Bearer) {
        return HttpResponse::oauthError(400, "unsupported_grant_type",
                                        tr("This endpoint issues tokens for the grant %1 only; use the token "
                                           "endpoint for other grants.")
                                            .arg(oauth::GrantSaml2Bearer));
    }
    return m_saml->grant(*client, params);
}

HttpResponse OAuthEndpoints::introspect(const HttpRequest& request) const
{
    auto read = readTokenRequest(request);
    if (auto* error = std::get_if<HttpResponse>(&read)) {
        return *error;
    }
    const auto& [caller, token] = std::get<TokenRequest>(read);
    const auto verified = m_tokens.verify(token.toUtf8());
    if (!verified) {
        if (auto refresh = m_userGrants.introspect(token, *caller)) {
            return HttpResponse::json(*refresh);
        }
    }
    // A token of another client looks inactive unless an administrator asks
    // (RFC 7662 §2.2: do not reveal more than the caller may know).
    if (!verified || !m_tokens.isActive(*verified)
        || (verified->clientId != caller->client.clientId && !Tenant::isAdministrator(caller->client))) {
        return HttpResponse::json(QJsonObject{{u"active"_s, false}});
    }
    return HttpResponse::json(m_tokens.introspection(*verified));
}

HttpResponse OAuthEndpoints::revoke(const HttpRequest& request) const
{
    auto read = readTokenRequest(request);
    if (auto* error = std::get_if<HttpResponse>(&read)) {
        return *error;
    }
    const auto& [caller, token] = std::get<TokenRequest>(read);
    HttpResponse done;
    done.status = 200;
    // RFC 7009 §2.2: an invalid or unknown token is not an error.
    const auto verified = m_tokens.verify(token.toUtf8());
    if (!verified) {
        switch (m_userGrants.revoke(token, *caller)) {
        case UserGrants::Revocation::NotFound:
        case UserGrants::Revocation::Revoked:
            return done;
        case UserGrants::Revocation::NotAllowed:
            return HttpResponse::oauthError(400, "unauthorized_client", tr("A client may revoke only its own tokens."));
        case UserGrants::Revocation::Failed:
            return HttpResponse::oauthError(500, "server_error", tr("The revocation could not be saved."));
        }
    }
    if (verified->clientId != caller->client.clientId && !Tenant::isAdministrator(caller->client)) {
        return HttpResponse::oauthError(400, "unauthorized_client", tr("A client may revoke only its own tokens."));
    }
    if (verified->expiresAt <= m_clock.now()) {
        return done;
    }
    QString error;
    if (!m_tenant.revokeToken(verified->jti, verified->clientId, verified->expiresAt, &error)) {
        qCWarning(lcOAuth) << "cannot store a revocation:" << error;
        // RFC 7009 §2.2.1: 503 with Retry-After; the token stays valid until
        // a retry succeeds.
        HttpResponse response = HttpResponse::oauthError(
            503, "temporarily_unavailable", tr("The revocation could not be saved now; try again shortly."));
        response.withHeader("Retry-After", QByteArray::number(Tenant::BusyRetryAfter));
        return response;
    }
    return done;
}

} // namespace appint
