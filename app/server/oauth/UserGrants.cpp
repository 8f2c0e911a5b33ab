#include "server/oauth/UserGrants.h"

#include "core/Clock.h"
#include "core/OAuthNames.h"
#include "server/crypto/Crypto.h"
#include "server/oauth/AuthorizationSessions.h"
#include "server/oauth/Pkce.h"
#include "server/oauth/RefreshTokens.h"
#include "server/oauth/TokenService.h"
#include "server/tenant/Tenant.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace appint {

Q_LOGGING_CATEGORY(lcUserGrants, "appint.server.oauth.user", QtInfoMsg)

namespace {

QJsonObject tokenAnswer(const TokenService::Issued& issued, const QString& refreshToken)
{
    QJsonObject answer{
        {u"access_token"_s, QString::fromLatin1(issued.accessToken)},
        {u"token_type"_s, u"Bearer"_s},
        {u"expires_in"_s, issued.expiresIn},
        {u"scope"_s, issued.scope},
    };
    if (!refreshToken.isEmpty()) {
        answer.insert(u"refresh_token"_s, refreshToken);
    }
    return answer;
}

UserGrants::Error serverError(const QString& description)
{
    return UserGrants::Error{500, "server_error", description};
}

} // namespace

UserGrants::UserGrants(Tenant& tenant, const TokenService& tokens, AuthorizationSessions& sessions,
                       RefreshTokens& refresh, const Clock& clock)
    : m_tenant(tenant)
    , m_tokens(tokens)
    , m_sessions(sessions)
    , m_refresh(refresh)
    , m_clock(clock)
{
}

UserGrants::Error UserGrants::invalidGrant(const QString& description)
{
    return Error{400, "invalid_grant", description};
}

void UserGrants::revokeAccessToken(const QString& jti, const QString& clientId, qint64 expiresAt)
{
    if (jti.isEmpty() || expiresAt <= m_clock.now()) {
        return;
    }
    QString error;
    if (!m_tenant.revokeToken(jti, clientId, expiresAt, &error)) {
        qCWarning(lcUserGrants) << "cannot revoke an access token:" << error;
    }
}

void UserGrants::endFamily(const QString& familyId, const QString& why)
{
    if (familyId.isEmpty()) {
        return;
    }
    QString error;
    const auto family = m_refresh.endFamily(familyId, &error);
    if (!family) {
        qCWarning(lcUserGrants) << "cannot end refresh token family" << familyId << ":" << error;
        return;
    }
    for (const StoredRefreshToken& token : *family) {
        revokeAccessToken(token.accessJti, token.clientId, token.accessExpiresAt);
    }
    if (!family->isEmpty()) {
        qCInfo(lcUserGrants).noquote() << "ended refresh token family" << familyId << "of client"
                                       << family->constFirst().clientId << "and user" << family->constFirst().userName
                                       << ":" << why;
    }
}

bool UserGrants::counts(const StoredRefreshToken& token, qint64 now, std::optional<SignInUser>* user) const
{
    if (token.retired || now >= token.expiresAt) {
        return false;
    }
    const Tenant::Record client = m_tenant.record(token.clientId);
    if (!client || client->client.isExpiredAt(now) || token.familyIssuedAt < client->secretIssuedAt) {
        return false;
    }
    if (!m_users || !m_users->isTokenActive(token.userName, token.familyIssuedAt)) {
        return false;
    }
    auto current = m_users->activeUser(token.userName);
    if (!current || current->id != token.userId) {
        return false;
    }
    if (user) {
        *user = std::move(current);
    }
    return true;
}

UserGrants::Result UserGrants::authorizationCode(const StoredClient& stored, const FormData& params)
{
    const Client& client = stored.client;
    const auto code = params.value(u"code"_s);
    if (!code) {
        return Error{400, "invalid_request", tr("The code parameter is missing.")};
    }
    const auto verifier = params.value(u"code_verifier"_s);
    if (!verifier) {
        return Error{400, "invalid_request",
                     tr("The code_verifier parameter is missing: this server requires PKCE (S256).")};
    }
    const qint64 now = m_clock.now();
    const AuthorizationSessions::Redeemed redeemed = m_sessions.redeem(*code, client.clientId, now);
    switch (redeemed.status) {
    case AuthorizationSessions::Redemption::Ok:
        break;
    case AuthorizationSessions::Redemption::Unknown:
    case AuthorizationSessions::Redemption::OtherClient:
        return invalidGrant(tr("The authorization code is unknown or was not issued to this client."));
    case AuthorizationSessions::Redemption::Expired:
        return invalidGrant(tr("The authorization code has expired: codes are valid for %n second(s).", nullptr,
                               int(AuthorizationSessions::CodeLifetime)));
    case AuthorizationSessions::Redemption::Reused:
        revokeAccessToken(redeemed.code.accessJti, client.clientId, redeemed.code.accessExpiresAt);
        endFamily(redeemed.code.familyId, u"authorization code used twice"_s);
        return invalidGrant(tr("The authorization code was already used; the tokens issued for it have been revoked."));
    }
    const AuthorizationSessions::Code& granted = redeemed.code;
    const auto redirectUri = params.value(u"redirect_uri"_s);
    if (granted.request.redirectUriGiven && !redirectUri) {
        return Error{400, "invalid_request",
                     tr("The redirect_uri parameter is missing: send the one of the authorization request.")};
    }
    if (redirectUri && *redirectUri != granted.request.redirectUri) {
        return invalidGrant(tr("The redirect_uri differs from the one of the authorization request."));
    }
    if (!Pkce::verifyS256(*verifier, granted.request.codeChallenge)) {
        return invalidGrant(tr("The code_verifier does not match the code_challenge of the authorization request."));
    }
    const auto user = m_users && m_users->isTokenActive(granted.user.userName, granted.issuedAt)
        ? m_users->activeUser(granted.user.userName)
        : std::nullopt;
    if (!user || user->id != granted.user.id) {
        return invalidGrant(tr("The user who signed in is no longer active."));
    }

    TokenService::Request request;
    if (!granted.request.scope.isEmpty()) {
        request.scope = granted.request.scope;
    }
    request.user = *user;
    const auto result = m_tokens.issue(stored, request, now);
    if (const auto* error = std::get_if<TokenService::Error>(&result)) {
        return Error{error->code == "server_error" ? 500 : 400, error->code, error->description};
    }
    const auto& issued = std::get<TokenService::Issued>(result);

    QString refreshToken;
    QString familyId;
    if (client.grantTypes.contains(oauth::GrantRefreshToken)) {
        refreshToken = RefreshTokens::newToken();
        familyId = Crypto::randomToken(16);
        StoredRefreshToken record;
        record.familyId = familyId;
        record.clientId = client.clientId;
        record.userName = user->userName;
        record.userId = user->id;
        record.scope = granted.request.scope;
        record.familyIssuedAt = now;
        record.issuedAt = now;
        record.expiresAt = now + client.refreshTokenLifetime;
        record.accessJti = issued.jti;
        record.accessExpiresAt = issued.expiresAt;
        QString error;
        if (!m_refresh.insert(refreshToken, record, &error)) {
            qCWarning(lcUserGrants) << "cannot store a refresh token:" << error;
            revokeAccessToken(issued.jti, client.clientId, issued.expiresAt);
            return serverError(tr("The refresh token could not be saved."));
        }
    }
    if (!m_sessions.recordIssued(*code, issued.jti, issued.expiresAt, familyId)) {
        // The code was presented again while this redemption ran.
        revokeAccessToken(issued.jti, client.clientId, issued.expiresAt);
        endFamily(familyId, u"authorization code used twice"_s);
        return invalidGrant(tr("The authorization code was already used; the tokens issued for it have been revoked."));
    }
    qCInfo(lcUserGrants).noquote() << "authorization code grant for user" << user->userName << "by client"
                                   << client.clientId;
    return tokenAnswer(issued, refreshToken);
}

UserGrants::Result UserGrants::refresh(const StoredClient& stored, const FormData& params)
{
    const Client& client = stored.client;
    const auto presented = params.value(u"refresh_token"_s);
    if (!presented) {
        return Error{400, "invalid_request", tr("The refresh_token parameter is missing.")};
    }
    const qint64 now = m_clock.now();
    QString error;
    const auto token = m_refresh.find(*presented, &error);
    if (!token) {
        if (!error.isEmpty()) {
            qCWarning(lcUserGrants) << "cannot read refresh tokens:" << error;
            return serverError(tr("The refresh token could not be checked."));
        }
        return invalidGrant(tr("The refresh token is unknown, expired or revoked."));
    }
    if (token->clientId != client.clientId) {
        return invalidGrant(tr("The refresh token was not issued to this client."));
    }
    if (token->retired) {
        endFamily(token->familyId, u"a retired refresh token was presented"_s);
        return invalidGrant(tr("The refresh token was already used; every token of this sign-in has been revoked. "
                               "Sign in again."));
    }
    if (now >= token->expiresAt) {
        return invalidGrant(tr("The refresh token has expired. Sign in again."));
    }
    if (token->familyIssuedAt < stored.secretIssuedAt) {
        return invalidGrant(tr("The refresh token was issued before the client's secret was renewed. Sign in again."));
    }
    const auto user = m_users && m_users->isTokenActive(token->userName, token->familyIssuedAt)
        ? m_users->activeUser(token->userName)
        : std::nullopt;
    if (!user || user->id != token->userId) {
        endFamily(token->familyId, u"the user is no longer active"_s);
        return invalidGrant(tr("The user of this refresh token is no longer active."));
    }

    const QStringList granted = token->scope.split(u' ', Qt::SkipEmptyParts);
    TokenService::Request request;
    if (const auto scope = params.value(u"scope"_s)) {
        const QStringList asked = scope->split(u' ', Qt::SkipEmptyParts);
        for (const QString& value : asked) {
            if (!granted.contains(value)) {
                return Error{400, "invalid_scope",
                             tr("The scope \"%1\" was not granted at sign-in; a refresh may only narrow the scope.")
                                 .arg(value.left(100))};
            }
        }
        request.scope = *scope;
    } else if (!token->scope.isEmpty()) {
        request.scope = token->scope;
    }
    request.user = *user;
    const auto result = m_tokens.issue(stored, request, now);
    if (const auto* issueError = std::get_if<TokenService::Error>(&result)) {
        return Error{issueError->code == "server_error" ? 500 : 400, issueError->code, issueError->description};
    }
    const auto& issued = std::get<TokenService::Issued>(result);

    const QString nextToken = RefreshTokens::newToken();
    StoredRefreshToken next = *token;
    next.issuedAt = now;
    next.expiresAt = now + client.refreshTokenLifetime;
    next.retired = false;
    next.accessJti = issued.jti;
    next.accessExpiresAt = issued.expiresAt;
    error.clear();
    switch (m_refresh.rotate(*presented, nextToken, next, &error)) {
    case RefreshTokens::Rotation::Rotated:
        break;
    case RefreshTokens::Rotation::AlreadyRetired:
        revokeAccessToken(issued.jti, client.clientId, issued.expiresAt);
        endFamily(token->familyId, u"a refresh token was presented twice at once"_s);
        return invalidGrant(tr("The refresh token was already used; every token of this sign-in has been revoked. "
                               "Sign in again."));
    case RefreshTokens::Rotation::Failed:
        qCWarning(lcUserGrants) << "cannot rotate a refresh token:" << error;
        revokeAccessToken(issued.jti, client.clientId, issued.expiresAt);
        return serverError(tr("The refresh token could not be renewed; the one sent still works."));
    }
    return tokenAnswer(issued, nextToken);
}

std::optional<QJsonObject> UserGrants::introspect(const QString& token, const StoredClient& caller) const
{
    QString error;
    const auto stored = m_refresh.find(token, &error);
    if (!stored) {
        return std::nullopt;
    }
    const QJsonObject inactive{{u"active"_s, false}};
    if (stored->clientId != caller.client.clientId && !Tenant::isAdministrator(caller.client)) {
        return inactive;
    }
    if (!counts(*stored, m_clock.now(), nullptr)) {
        return inactive;
    }
    QJsonObject answer{
        {u"active"_s, true},           {u"token_type"_s, u"refresh_token"_s},
        {u"iss"_s, m_tokens.issuer()}, {u"client_id"_s, stored->clientId},
        {u"sub"_s, stored->userName},  {u"iat"_s, stored->issuedAt},
        {u"exp"_s, stored->expiresAt},
    };
    if (!stored->scope.isEmpty()) {
        answer.insert(u"scope"_s, stored->scope);
    }
    return answer;
}

UserGrants::Revocation UserGrants::revoke(const QString& token, const StoredClient& caller)
{
    QString error;
    const auto stored = m_refresh.find(token, &error);
    if (!stored) {
        if (!error.isEmpty()) {
            qCWarning(lcUserGrants) << "cannot read refresh tokens:" << error;
            return Revocation::Failed;
        }
        return Revocation::NotFound;
    }
    if (stored->clientId != caller.client.clientId && !Tenant::isAdministrator(caller.client)) {
        return Revocation::NotAllowed;
    }
    endFamily(stored->familyId, u"revoked by client %1"_s.arg(caller.client.clientId));
    return Revocation::Revoked;
}

} // namespace appint
