#pragma once

#include "core/Clock.h"
#include "core/Secret.h"
#include "service/Result.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace appint {

class RefreshTokenClient;
class TokenCache;
class TokenClient;
struct AccessToken;

// The administrator's session with one tenant: the tenant URL, the admin
// client's id and secret (from the caller: the keychain is not this layer's),
// the token endpoint discovered through /.well-known/oauth-authorization-server
// (RFC 8414), and the admin access token (client credentials, Basic
// authentication) or, for a user signed in through the browser, from the
// user's refresh token (setRefreshToken), renewed before it expires.
// Concurrent callers share one discovery and one token request. TenantApi uses it for every call and
// re-authenticates once when the server answers 401.
class AdminSession : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultTimeoutMs = 30'000;

    struct Metadata
    {
        QString issuer;
        QUrl tokenEndpoint;
        QUrl jwksUri;
        QUrl introspectionEndpoint;
        QUrl revocationEndpoint;
    };

    // `network` is shared, not owned, and must outlive the session.
    AdminSession(QNetworkAccessManager* network, const QUrl& tenantUrl, const QString& clientId,
                 const Secret& clientSecret, const Clock& clock = Clock::system(), QObject* parent = nullptr);
    ~AdminSession() override;

    QNetworkAccessManager* network() const;
    QUrl tenantUrl() const { return m_tenantUrl; }
    QString clientId() const { return m_clientId; }
    const Clock& clock() const { return m_clock; }

    // Time limit of each HTTP exchange (discovery, token, API call).
    int timeoutMs() const { return m_timeoutMs; }
    void setTimeoutMs(int milliseconds);

    // Credentials go only to the tenant's own token endpoint: this one when
    // set (from a credentials file or profile), else the discovered
    // token_endpoint when it has the tenant URL's origin. A discovery
    // document naming another origin is refused (Protocol) and the secret is
    // not sent. Set before the first call.
    void setTokenEndpoint(const QUrl& tokenEndpoint) { m_pinnedTokenEndpoint = tokenEndpoint; }
    QUrl pinnedTokenEndpoint() const { return m_pinnedTokenEndpoint; }

    // Acts as a user signed in through the browser: access tokens come from
    // `refreshToken` (grant_type=refresh_token, this client authenticated with
    // its ID and secret) and live only in memory. The server rotates the
    // refresh token on each use: the newest is announced through
    // refreshTokenRotated(), for the caller to keep in the keychain (this
    // layer holds it only in memory). Set before the first call.
    void setRefreshToken(const Secret& refreshToken);
    bool usesRefreshToken() const { return !m_refreshToken.isEmpty(); }
    // The newest refresh token (the one given, or the last one rotated in).
    Secret refreshToken() const { return m_refreshToken; }
    // The claims of the signed-in user's current access token (its `sub`,
    // `roles`, `scoped_roles`), for display; nullopt before the first token
    // and for an administrator client's session.
    std::optional<QJsonObject> userClaims() const;

    // The discovered server metadata (after the first successful call).
    std::optional<Metadata> metadata() const { return m_metadata; }

    // A valid admin access token. `callback` runs once, later, unless
    // `context` is destroyed first. Failures: Network, Timeout, Tls,
    // Authentication (invalid_client: wrong id or secret, expired or deleted
    // admin client), RateLimited, Server, Protocol; with a refresh token also
    // SignInEnded (invalid_grant: the user was deactivated or deleted, the
    // refresh token expired or its family ended), after which every call
    // fails the same way until the user signs in again.
    void accessToken(QObject* context, std::function<void(const Result<Secret>&)> callback);

    // The server refused `rejected` (401): forget it, unless a newer token
    // has already replaced it, so that the next accessToken() fetches anew.
    void invalidateToken(const Secret& rejected);

    // Admin token requests sent so far, and when the current token will be
    // renewed (Unix seconds).
    int tokenRequestCount() const;
    std::optional<qint64> tokenRenewalTime() const;

    // A user's sign-out: revokes the newest refresh token at the tenant's
    // revocation endpoint (RFC 7009), after which every call fails with
    // SignInEnded. Ok at once for an administrator client's session, and
    // when the tenant had already ended the sign-in. The endpoint must have
    // the tenant URL's origin, as the token endpoint must.
    void signOut(QObject* context, std::function<void(const ResultInfo&)> callback);

    // The well-known metadata URL of a tenant (RFC 8414 §3).
    static QUrl metadataUrl(const QUrl& tenantUrl);

signals:
    // The server issued a new refresh token; the one before is retired.
    void refreshTokenRotated(const appint::Secret& refreshToken);
    // The tenant refused the refresh token (ResultStatus::SignInEnded): every
    // call fails until setRefreshToken() is given a new one.
    void signInEnded(const appint::ResultInfo& result);
    // A new access token was obtained from the refresh token (userClaims()
    // may have changed).
    void userTokenRenewed();

private:
    using TokenCallback = std::function<void(const Result<Secret>&)>;
    struct Waiter
    {
        QPointer<QObject> context;
        TokenCallback callback;
    };
    void discover();
    void finishDiscovery(const ResultInfo& failure);
    void requestToken(QObject* context, TokenCallback callback);
    void requestUserToken(QObject* context, TokenCallback callback);
    void finishRefresh(const Result<Secret>& result);
    void revokeRefreshToken(QObject* context, std::function<void(const ResultInfo&)> callback);
    QString credentialName() const;

    QPointer<QNetworkAccessManager> m_network;
    QUrl m_tenantUrl;
    QUrl m_pinnedTokenEndpoint;
    QString m_clientId;
    Secret m_clientSecret;
    const Clock& m_clock;
    int m_timeoutMs = DefaultTimeoutMs;
    std::optional<Metadata> m_metadata;
    bool m_discovering = false;
    QList<Waiter> m_discoveryWaiters;
    std::unique_ptr<TokenClient> m_tokenClient;
    std::unique_ptr<TokenCache> m_tokenCache;
    // The user's sign-in (setRefreshToken).
    Secret m_refreshToken;
    std::unique_ptr<RefreshTokenClient> m_refreshClient;
    std::unique_ptr<AccessToken> m_userToken;
    qint64 m_userTokenRenewAt = 0;
    bool m_refreshing = false;
    QList<Waiter> m_refreshWaiters;
    int m_refreshCount = 0;
    std::optional<ResultInfo> m_signInEnded;
};

} // namespace appint
