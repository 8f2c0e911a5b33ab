#pragma once

#include "core/Clock.h"
#include "core/Secret.h"
#include "service/AccessToken.h"
#include "service/Result.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace appint {

// What a refresh token grant answered: the new access token and, when the
// server rotated it (api.md: it always does), the new refresh token.
struct RefreshedTokens
{
    AccessToken accessToken;
    Secret refreshToken; // empty when the answer had none: keep the old one
};

// The refresh token grant of a user's sign-in (RFC 6749 §6): POST
// grant_type=refresh_token to the token endpoint, the client authenticated
// with Basic (RFC 6749 §2.3.1). One request per refresh(), no caching
// (AdminSession does that). A refused refresh token (invalid_grant: the user
// was deactivated or deleted, the token expired, its family ended) comes back
// as ResultStatus::SignInEnded; the rest as TokenClient's failures.
// Nothing of the request body or the answer is logged.
class RefreshTokenClient : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const Result<RefreshedTokens>& result)>;

    // `network` is shared, not owned, and must outlive the client.
    explicit RefreshTokenClient(QNetworkAccessManager* network, const Clock& clock = Clock::system(),
                                QObject* parent = nullptr);
    ~RefreshTokenClient() override;

    // `callback` runs once, later, unless `context` is destroyed first.
    // `timeoutMs` is the total deadline of the exchange.
    void refresh(const QUrl& tokenEndpoint, const QString& clientId, const Secret& clientSecret,
                 const Secret& refreshToken, int timeoutMs, QObject* context, Callback callback);

    // Signs out: revokes `refreshToken` and its family (RFC 7009, with
    // token_type_hint=refresh_token, this client authenticated with Basic).
    // `callback` gets Ok, or why the tenant could not be told.
    using RevokeCallback = std::function<void(const ResultInfo& result)>;
    void revoke(const QUrl& revocationEndpoint, const QString& clientId, const Secret& clientSecret,
                const Secret& refreshToken, int timeoutMs, QObject* context, RevokeCallback callback);

    // The message of a refused refresh token, for every screen alike.
    static QString signInEndedMessage();

private:
    // POSTs the form `body` (wiped here) with the client's Basic
    // credentials; `answered` gets a failure (transport, size, timeout, an
    // OAuth error answer) with no body, or Ok with the 2xx answer's body.
    using Answer = std::function<void(const ResultInfo& failure, QByteArray answer)>;
    void post(const QUrl& endpoint, const QString& clientId, const Secret& clientSecret, QByteArray& body,
              int timeoutMs, QObject* context, Answer answered);

    QPointer<QNetworkAccessManager> m_network;
    const Clock& m_clock;
};

} // namespace appint
