#include "service/AdminSession.h"

#include "core/OutboundCredential.h"
#include "core/TenantUrl.h"
#include "service/HttpLog.h"
#include "service/HttpReplies.h"
#include "service/RefreshTokenClient.h"
#include "service/ReplyLimits.h"
#include "service/TokenCache.h"
#include "service/TokenClient.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <limits>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(AdminSession)
};

QUrl absoluteUrl(const QJsonObject& object, const QString& key)
{
    const QUrl url(object.value(key).toString(), QUrl::StrictMode);
    return url.isValid() && !url.isRelative() ? url : QUrl();
}
} // namespace

AdminSession::AdminSession(QNetworkAccessManager* network, const QUrl& tenantUrl, const QString& clientId,
                           const Secret& clientSecret, const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_tenantUrl(tenantUrl)
    , m_clientId(clientId)
    , m_clientSecret(clientSecret)
    , m_clock(clock)
    , m_tokenClient(std::make_unique<TokenClient>(network, clock))
    , m_tokenCache(std::make_unique<TokenCache>(m_tokenClient.get(), clock))
{
}

AdminSession::~AdminSession() = default;

QNetworkAccessManager* AdminSession::network() const
{
    return m_network;
}

void AdminSession::setTimeoutMs(int milliseconds)
{
    m_timeoutMs = std::max(1, milliseconds);
}

QUrl AdminSession::metadataUrl(const QUrl& tenantUrl)
{
    QUrl url = tenantUrl.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
    const QString path = url.path();
    url.setPath(u"/.well-known/oauth-authorization-server"_s + (path == u"/"_s ? QString() : path));
    return url;
}

QString AdminSession::credentialName() const
{
    return u"tenant-admin"_s;
}

int AdminSession::tokenRequestCount() const
{
    return m_tokenCache->requestCount() + m_refreshCount;
}

std::optional<qint64> AdminSession::tokenRenewalTime() const
{
    if (usesRefreshToken()) {
        return m_userToken ? std::optional<qint64>(m_userTokenRenewAt) : std::nullopt;
    }
    return m_tokenCache->renewalTime(credentialName());
}

void AdminSession::setRefreshToken(const Secret& refreshToken)
{
    m_refreshToken = refreshToken;
    m_userToken.reset();
    m_signInEnded.reset();
    if (!m_refreshClient) {
        m_refreshClient = std::make_unique<RefreshTokenClient>(m_network, m_clock);
    }
}

void AdminSession::invalidateToken(const Secret& rejected)
{
    if (usesRefreshToken()) {
        if (m_userToken && m_userToken->value == rejected) {
            m_userToken.reset();
        }
        return;
    }
    if (m_tokenCache->holds(credentialName(), rejected)) {
        m_tokenCache->invalidate(credentialName());
    }
}

void AdminSession::accessToken(QObject* context, TokenCallback callback)
{
    Q_ASSERT(context);
    if (!m_metadata) {
        m_discoveryWaiters.append({context, std::move(callback)});
        discover();
        return;
    }
    requestToken(context, std::move(callback));
}

void AdminSession::requestToken(QObject* context, TokenCallback callback)
{
    if (usesRefreshToken()) {
        requestUserToken(context, std::move(callback));
        return;
    }
    OutboundCredential credential;
    credential.name = credentialName();
    credential.tokenServiceUrl = m_metadata->tokenEndpoint.toString(QUrl::FullyEncoded);
    credential.clientId = m_clientId;
    credential.clientAuthentication = ClientAuthentication::Header;
    const int seconds = std::clamp((m_timeoutMs + 999) / 1000, 1, OutboundCredential::MaximumConnectionTimeoutSeconds);
    credential.connectionTimeoutSeconds = seconds;
    credential.readTimeoutSeconds = seconds;
    OutboundSecrets secrets;
    secrets.clientSecret = m_clientSecret;
    m_tokenCache->token(credential, secrets, context,
                        [callback = std::move(callback)](const Result<AccessToken>& result) {
                            if (!result.ok()) {
                                auto failure = Result<Secret>::failure(result);
                                if (result.status == ResultStatus::Authentication) {
                                    failure.message = Tr::tr("The tenant did not accept the administrator's client "
                                                             "ID and secret. %1")
                                                          .arg(result.message);
                                }
                                callback(failure);
                                return;
                            }
                            callback(Result<Secret>::success(result.value.value));
                        });
}

void AdminSession::requestUserToken(QObject* context, TokenCallback callback)
{
    if (m_signInEnded) {
        const auto failure = Result<Secret>::failure(*m_signInEnded);
        HttpReplies::invoke(
            context, [callback = std::move(callback), failure] { callback(failure); }, true);
        return;
    }
    const qint64 now = m_clock.now();
    if (m_userToken && now < m_userTokenRenewAt && !m_userToken->isExpiredAt(now)) {
        const auto token = Result<Secret>::success(m_userToken->value);
        HttpReplies::invoke(
            context, [callback = std::move(callback), token] { callback(token); }, true);
        return;
    }
    m_refreshWaiters.append({context, std::move(callback)});
    if (m_refreshing) {
        return;
    }
    m_refreshing = true;
    ++m_refreshCount;
    m_refreshClient->refresh(
        m_metadata->tokenEndpoint, m_clientId, m_clientSecret, m_refreshToken, m_timeoutMs, this,
        [this](const Result<RefreshedTokens>& result) {
            if (!result.ok()) {
                auto failure = Result<Secret>::failure(result);
                if (result.status == ResultStatus::SignInEnded) {
                    m_signInEnded = failure;
                    m_userToken.reset();
                    emit signInEnded(failure);
                } else if (result.status == ResultStatus::Authentication) {
                    failure.message = Tr::tr("The tenant did not accept the sign-in client's ID and secret. %1")
                                          .arg(result.message);
                }
                finishRefresh(failure);
                return;
            }
            if (!result.value.refreshToken.isEmpty() && !(result.value.refreshToken == m_refreshToken)) {
                // Keep the newest: the one presented is retired now.
                m_refreshToken = result.value.refreshToken;
                emit refreshTokenRotated(m_refreshToken);
            }
            m_userToken = std::make_unique<AccessToken>(result.value.accessToken);
            const qint64 lifetime = m_userToken->expiresIn;
            m_userTokenRenewAt = lifetime > 0 ? m_userToken->obtainedAt + lifetime - TokenCache::renewalMargin(lifetime)
                                              : std::numeric_limits<qint64>::max();
            emit userTokenRenewed();
            finishRefresh(Result<Secret>::success(m_userToken->value));
        });
}

void AdminSession::signOut(QObject* context, std::function<void(const ResultInfo&)> callback)
{
    Q_ASSERT(context);
    if (!usesRefreshToken() || m_signInEnded) {
        HttpReplies::invoke(
            context, [callback] { callback(ResultInfo{}); }, true);
        return;
    }
    if (m_metadata) {
        revokeRefreshToken(context, std::move(callback));
        return;
    }
    // The endpoints first (a renewal on the way, whose newest refresh token
    // is the one to revoke).
    accessToken(context, [this, context, callback](const Result<Secret>& result) {
        if (result.status == ResultStatus::SignInEnded) {
            callback(ResultInfo{});
        } else if (!m_metadata) {
            callback(result);
        } else {
            revokeRefreshToken(context, callback);
        }
    });
}

void AdminSession::revokeRefreshToken(QObject* context, std::function<void(const ResultInfo&)> callback)
{
    const QUrl endpoint = m_metadata->revocationEndpoint;
    if (!endpoint.isValid() || !TenantUrl::sameOrigin(endpoint, m_tenantUrl)) {
        ResultInfo refused;
        refused.status = ResultStatus::Protocol;
        refused.message = Tr::tr("The tenant names no revocation endpoint of its own, so the sign-in was not revoked.");
        HttpReplies::invoke(
            context, [callback, refused] { callback(refused); }, true);
        return;
    }
    m_refreshClient->revoke(endpoint, m_clientId, m_clientSecret, m_refreshToken, m_timeoutMs, context,
                            [this, callback](const ResultInfo& result) {
                                if (result.ok()) {
                                    ResultInfo ended;
                                    ended.status = ResultStatus::SignInEnded;
                                    ended.message = RefreshTokenClient::signInEndedMessage();
                                    m_signInEnded = ended;
                                    m_userToken.reset();
                                }
                                callback(result);
                            });
}

std::optional<QJsonObject> AdminSession::userClaims() const
{
    return m_userToken ? m_userToken->claims() : std::nullopt;
}

void AdminSession::finishRefresh(const Result<Secret>& result)
{
    m_refreshing = false;
    const QList<Waiter> waiters = std::exchange(m_refreshWaiters, {});
    for (const Waiter& waiter : waiters) {
        HttpReplies::invoke(
            waiter.context, [callback = waiter.callback, result] { callback(result); }, false);
    }
}

void AdminSession::discover()
{
    if (m_discovering) {
        return;
    }
    if (!m_network) {
        finishDiscovery(Result<Empty>::failure(ResultStatus::Cancelled, Tr::tr("The network is no longer available.")));
        return;
    }
    m_discovering = true;
    const QUrl url = metadataUrl(m_tenantUrl);
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    HttpLog::logRequest(HttpLog::redactRequest("GET", request, {}));
    QNetworkReply* reply = m_network->get(request);
    // A total deadline and a size cap: a tenant that drips its metadata or
    // sends megabytes of it is refused.
    auto* limits = new ReplyLimits(reply, m_timeoutMs, ReplyLimits::MetadataBytes);
    auto elapsed = std::make_shared<QElapsedTimer>();
    elapsed->start();
    auto sslErrors = std::make_shared<QList<QSslError>>();
    connect(reply, &QNetworkReply::sslErrors, reply,
            [sslErrors](const QList<QSslError>& errors) { *sslErrors = errors; });
    connect(reply, &QNetworkReply::finished, this, [this, reply, url, limits, elapsed, sslErrors] {
        reply->deleteLater();
        limits->stopDeadline();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->isOpen() && !limits->tooLarge() ? reply->readAll() : QByteArray();
        const QByteArray contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        HttpLog::logReply("GET", url, status, contentType, body, false, elapsed->elapsed());
        const QString peer = Tr::tr("the tenant at %1").arg(m_tenantUrl.toString());
        if (limits->tooLarge()) {
            finishDiscovery(ReplyLimits::tooLargeFailure(peer, limits->maxBytes()));
            return;
        }
        if (status == 0 || limits->timedOut()) {
            finishDiscovery(HttpReplies::transportFailure(
                reply, limits->timedOut(),
                Tr::tr("The tenant at %1 did not answer within %n second(s).", nullptr, std::max(1, m_timeoutMs / 1000))
                    .arg(m_tenantUrl.toString()),
                *sslErrors, peer));
            return;
        }
        if (status != 200) {
            ResultInfo info = HttpReplies::problemFailure(
                status, body, HttpReplies::parseRetryAfter(reply->rawHeader("Retry-After"), m_clock.now()));
            if (status == 404) {
                info.status = ResultStatus::Protocol;
                info.message = Tr::tr("%1 is not an App Integration tenant: it has no OAuth server metadata.")
                                   .arg(m_tenantUrl.toString());
            }
            finishDiscovery(info);
            return;
        }
        const QJsonObject object = QJsonDocument::fromJson(body).object();
        Metadata metadata;
        metadata.issuer = object.value(u"issuer"_s).toString();
        metadata.tokenEndpoint = absoluteUrl(object, u"token_endpoint"_s);
        metadata.jwksUri = absoluteUrl(object, u"jwks_uri"_s);
        metadata.introspectionEndpoint = absoluteUrl(object, u"introspection_endpoint"_s);
        metadata.revocationEndpoint = absoluteUrl(object, u"revocation_endpoint"_s);
        if (!m_pinnedTokenEndpoint.isEmpty()) {
            metadata.tokenEndpoint = m_pinnedTokenEndpoint;
        }
        if (metadata.issuer.isEmpty() || !metadata.tokenEndpoint.isValid()) {
            finishDiscovery(HttpReplies::protocolFailure(
                Tr::tr("the OAuth server metadata has no issuer or no absolute token_endpoint.")));
            return;
        }
        if (m_pinnedTokenEndpoint.isEmpty() && !TenantUrl::sameOrigin(metadata.tokenEndpoint, m_tenantUrl)) {
            ResultInfo refused;
            refused.status = ResultStatus::Protocol;
            refused.message = Tr::tr("The tenant's OAuth metadata names a token endpoint on another host (%1). The "
                                     "administrator's secret goes only to the tenant's own host (%2) and was not "
                                     "sent.")
                                  .arg(metadata.tokenEndpoint
                                           .adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment
                                                     | QUrl::RemoveUserInfo)
                                           .toString(),
                                       m_tenantUrl
                                           .adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment
                                                     | QUrl::RemoveUserInfo)
                                           .toString());
            finishDiscovery(refused);
            return;
        }
        m_metadata = metadata;
        finishDiscovery({});
    });
}

void AdminSession::finishDiscovery(const ResultInfo& failure)
{
    m_discovering = false;
    const QList<Waiter> waiters = std::exchange(m_discoveryWaiters, {});
    for (const Waiter& waiter : waiters) {
        if (!waiter.context) {
            continue;
        }
        if (failure.ok() && m_metadata) {
            requestToken(waiter.context, waiter.callback);
        } else {
            const auto result = Result<Secret>::failure(failure);
            HttpReplies::invoke(
                waiter.context, [callback = waiter.callback, result] { callback(result); }, false);
        }
    }
}

} // namespace appint
