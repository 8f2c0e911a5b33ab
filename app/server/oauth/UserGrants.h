#pragma once

#include "server/http/FormData.h"
#include "server/oauth/UserDirectory.h"
#include "server/storage/StoredClient.h"
#include "server/storage/StoredRefreshToken.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <optional>
#include <variant>

namespace appint {

class AuthorizationSessions;
class Clock;
class RefreshTokens;
class Tenant;
class TokenService;

// The token-endpoint grants that act for a signed-in user (api.md
// "Interactive Usage"): authorization_code with PKCE, and refresh_token
// with rotation and reuse detection; plus what introspection and revocation
// do with refresh tokens. The client is already authenticated.
class UserGrants
{
    Q_DECLARE_TR_FUNCTIONS(UserGrants)

public:
    struct Error
    {
        int status = 400;
        QByteArray code; // invalid_grant, invalid_request, ...
        QString description;
    };
    using Result = std::variant<QJsonObject, Error>;

    UserGrants(Tenant& tenant, const TokenService& tokens, AuthorizationSessions& sessions, RefreshTokens& refresh,
               const Clock& clock);
    void setUsers(const UserDirectory* users) { m_users = users; }

    Result authorizationCode(const StoredClient& client, const FormData& params);
    Result refresh(const StoredClient& client, const FormData& params);

    // RFC 7662 for a refresh token: std::nullopt when `token` is no refresh
    // token this server knows; else the answer ({"active": false} for a
    // token that no longer counts or that the caller may not see).
    std::optional<QJsonObject> introspect(const QString& token, const StoredClient& caller) const;

    enum class Revocation { NotFound, Revoked, NotAllowed, Failed };
    // RFC 7009: ends the token's whole family (and the access tokens issued
    // in it).
    Revocation revoke(const QString& token, const StoredClient& caller);

private:
    // Whether a stored refresh token still counts now (its client and user
    // exist and are active; it is neither retired nor expired).
    bool counts(const StoredRefreshToken& token, qint64 now, std::optional<SignInUser>* user) const;
    // Ends a family and revokes the access tokens issued in it; logs, never
    // fails the caller.
    void endFamily(const QString& familyId, const QString& why);
    void revokeAccessToken(const QString& jti, const QString& clientId, qint64 expiresAt);
    static Error invalidGrant(const QString& description);

    Tenant& m_tenant;
    const TokenService& m_tokens;
    AuthorizationSessions& m_sessions;
    RefreshTokens& m_refresh;
    const Clock& m_clock;
    const UserDirectory* m_users = nullptr;
};

} // namespace appint
