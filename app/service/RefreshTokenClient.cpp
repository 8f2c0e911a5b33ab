#include "service/RefreshTokenClient.h"

#include "service/HttpLog.h"
#include "service/HttpReplies.h"
#include "service/ReplyLimits.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <memory>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(RefreshTokenClient)
};
} // namespace

RefreshTokenClient::RefreshTokenClient(QNetworkAccessManager* network, const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_clock(clock)
{
}

RefreshTokenClient::~RefreshTokenClient() = default;

QString RefreshTokenClient::signInEndedMessage()
{
    return Tr::tr("Your sign-in has ended (the user was deactivated or signed out, or the sign-in expired). "
                  "Sign in again.");
}

void RefreshTokenClient::refresh(const QUrl& tokenEndpoint, const QString& clientId, const Secret& clientSecret,
                                 const Secret& refreshToken, int timeoutMs, QObject* context, Callback callback)
{
    Q_ASSERT(context);
    QPointer<QObject> guard(context);
    QByteArray token = refreshToken.utf8();
    QByteArray body = "grant_type=refresh_token&refresh_token=" + HttpReplies::formEncode(QString::fromUtf8(token));
    wipeBytes(token);
    const qint64 obtainedAt = m_clock.now();
    post(tokenEndpoint, clientId, clientSecret, body, timeoutMs, this,
         [guard, callback, obtainedAt](const ResultInfo& failure, QByteArray answer) {
             const auto deliver = [guard, callback](const Result<RefreshedTokens>& result) {
                 HttpReplies::invoke(
                     guard, [callback, result] { callback(result); }, false);
             };
             if (!failure.ok()) {
                 ResultInfo info = failure;
                 if (info.oauthError == u"invalid_grant"_s) {
                     info.status = ResultStatus::SignInEnded;
                     info.message = signInEndedMessage();
                 }
                 deliver(Result<RefreshedTokens>::failure(info));
                 return;
             }
             QJsonParseError parseError;
             QJsonObject object = QJsonDocument::fromJson(answer, &parseError).object();
             wipeBytes(answer);
             const QString accessToken = object.take(u"access_token"_s).toString();
             const QString newRefreshToken = object.take(u"refresh_token"_s).toString();
             object.remove(u"id_token"_s);
             const qint64 expiresIn = object.take(u"expires_in"_s).toInteger(-1);
             if (parseError.error != QJsonParseError::NoError || accessToken.isEmpty() || expiresIn < 0) {
                 deliver(Result<RefreshedTokens>::failure(HttpReplies::protocolFailure(
                     Tr::tr("the token service's answer has no access_token with a valid expires_in."))));
                 return;
             }
             RefreshedTokens tokens;
             tokens.accessToken.value = Secret(accessToken);
             tokens.accessToken.tokenType = object.take(u"token_type"_s).toString();
             tokens.accessToken.expiresIn = expiresIn;
             tokens.accessToken.obtainedAt = obtainedAt;
             tokens.accessToken.scope = object.take(u"scope"_s).toString();
             tokens.accessToken.otherFields = object;
             tokens.refreshToken = Secret(newRefreshToken);
             deliver(Result<RefreshedTokens>::success(std::move(tokens)));
         });
}

void RefreshTokenClient::revoke(const QUrl& revocationEndpoint, const QString& clientId, const Secret& clientSecret,
                                const Secret& refreshToken, int timeoutMs, QObject* context, RevokeCallback callback)
{
    Q_ASSERT(context);
    QPointer<QObject> guard(context);
    // RFC 7009 §2.1; the tenant answers 200 also for a token it no longer knows.
    QByteArray token = refreshToken.utf8();
    QByteArray body = "token=" + HttpReplies::formEncode(QString::fromUtf8(token)) + "&token_type_hint=refresh_token";
    wipeBytes(token);
    post(revocationEndpoint, clientId, clientSecret, body, timeoutMs, this,
         [guard, callback](const ResultInfo& result, QByteArray answer) {
             wipeBytes(answer);
             HttpReplies::invoke(
                 guard, [callback, result] { callback(result); }, false);
         });
}

void RefreshTokenClient::post(const QUrl& endpoint, const QString& clientId, const Secret& clientSecret,
                              QByteArray& body, int timeoutMs, QObject* context, Answer answered)
{
    if (!m_network) {
        wipeBytes(body);
        ResultInfo gone;
        gone.status = ResultStatus::Cancelled;
        gone.message = Tr::tr("The network is no longer available.");
        HttpReplies::invoke(
            context, [answered, gone] { answered(gone, {}); }, true);
        return;
    }
    QNetworkRequest request(endpoint);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    // RFC 6749 §2.3.1: both form-encoded before the Basic encoding.
    QByteArray secret = clientSecret.utf8();
    request.setRawHeader("Authorization",
                         HttpReplies::basicCredentials(HttpReplies::formEncode(clientId),
                                                       HttpReplies::formEncode(QString::fromUtf8(secret))));
    wipeBytes(secret);
    HttpLog::logRequest(HttpLog::redactRequest("POST", request, body));
    QNetworkReply* reply = m_network->post(request, body);
    wipeBytes(body);
    auto* limits = new ReplyLimits(reply, timeoutMs, ReplyLimits::TokenAnswerBytes);
    auto elapsed = std::make_shared<QElapsedTimer>();
    elapsed->start();
    auto sslErrors = std::make_shared<QList<QSslError>>();
    connect(reply, &QNetworkReply::sslErrors, reply,
            [sslErrors](const QList<QSslError>& errors) { *sslErrors = errors; });
    connect(reply, &QNetworkReply::finished, context, [this, reply, limits, elapsed, sslErrors, answered, timeoutMs] {
        reply->deleteLater();
        limits->stopDeadline();
        const QUrl url = reply->url();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        QByteArray answer = reply->isOpen() && !limits->tooLarge() ? reply->readAll() : QByteArray();
        HttpLog::logReply("POST", url, status, {}, {}, true, elapsed->elapsed());
        if (limits->tooLarge()) {
            answered(ReplyLimits::tooLargeFailure(HttpReplies::tokenServicePeer(url), ReplyLimits::TokenAnswerBytes),
                     {});
            return;
        }
        if (status == 0 || limits->timedOut()) {
            answered(HttpReplies::transportFailure(
                         reply, limits->timedOut(),
                         Tr::tr("%1 did not answer within %n second(s).", nullptr, std::max(1, timeoutMs / 1000))
                             .arg(HttpReplies::tokenServicePeer(url)),
                         *sslErrors, HttpReplies::tokenServicePeer(url)),
                     {});
            return;
        }
        if (status < 200 || status >= 300) {
            const ResultInfo info = HttpReplies::oauthFailure(
                status, answer, HttpReplies::parseRetryAfter(reply->rawHeader("Retry-After"), m_clock.now()));
            wipeBytes(answer);
            answered(info, {});
            return;
        }
        answered(ResultInfo{}, std::move(answer));
    });
}

} // namespace appint
