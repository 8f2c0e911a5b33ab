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
    if (!m_network) {
        HttpReplies::invoke(
            guard,
            [callback] {
                callback(Result<RefreshedTokens>::failure(ResultStatus::Cancelled,
                                                          Tr::tr("The network is no longer available.")));
            },
            true);
        return;
    }
    QNetworkRequest request(tokenEndpoint);
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
    QByteArray token = refreshToken.utf8();
    QByteArray body = "grant_type=refresh_token&refresh_token=" + HttpReplies::formEncode(QString::fromUtf8(token));
    wipeBytes(token);
    HttpLog::logRequest(HttpLog::redactRequest("POST", request, body));
    const qint64 obtainedAt = m_clock.now();
    QNetworkReply* reply = m_network->post(request, body);
    wipeBytes(body);
    auto* limits = new ReplyLimits(reply, timeoutMs, ReplyLimits::TokenAnswerBytes);
    auto elapsed = std::make_shared<QElapsedTimer>();
    elapsed->start();
    auto sslErrors = std::make_shared<QList<QSslError>>();
    connect(reply, &QNetworkReply::sslErrors, reply,
            [sslErrors](const QList<QSslError>& errors) { *sslErrors = errors; });
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, limits, elapsed, sslErrors, obtainedAt, guard, callback, timeoutMs] {
                reply->deleteLater();
                limits->stopDeadline();
                const QUrl url = reply->url();
                const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                QByteArray answer = reply->isOpen() && !limits->tooLarge() ? reply->readAll() : QByteArray();
                HttpLog::logReply("POST", url, status, {}, {}, true, elapsed->elapsed());
                const auto deliver = [guard, callback](const Result<RefreshedTokens>& result) {
                    HttpReplies::invoke(
                        guard, [callback, result] { callback(result); }, false);
                };
                if (limits->tooLarge()) {
                    deliver(Result<RefreshedTokens>::failure(ReplyLimits::tooLargeFailure(
                        HttpReplies::tokenServicePeer(url), ReplyLimits::TokenAnswerBytes)));
                    return;
                }
                if (status == 0 || limits->timedOut()) {
                    deliver(Result<RefreshedTokens>::failure(HttpReplies::transportFailure(
                        reply, limits->timedOut(),
                        Tr::tr("%1 did not answer within %n second(s).", nullptr, std::max(1, timeoutMs / 1000))
                            .arg(HttpReplies::tokenServicePeer(url)),
                        *sslErrors, HttpReplies::tokenServicePeer(url))));
                    return;
                }
                if (status < 200 || status >= 300) {
                    ResultInfo info = HttpReplies::oauthFailure(
                        status, answer, HttpReplies::parseRetryAfter(reply->rawHeader("Retry-After"), m_clock.now()));
                    wipeBytes(answer);
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

} // namespace appint
