#include "service/BrowserSignIn.h"

#include "core/TenantUrl.h"
#include "service/AccessToken.h"
#include "service/AdminSession.h"
#include "service/HttpLog.h"
#include "service/HttpReplies.h"
#include "service/ReplyLimits.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QOAuth2AuthorizationCodeFlow>
#include <QOAuthHttpServerReplyHandler>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(BrowserSignIn)
};

constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QUrl absoluteUrl(const QJsonObject& object, const QString& key)
{
    const QUrl url(object.value(key).toString(), QUrl::StrictMode);
    return url.isValid() && !url.isRelative() ? url : QUrl();
}

QString signedInPage()
{
    return u"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>appint</title></head>"
           "<body><p id=\"done\">"_s
        + Tr::tr("You are signed in to appint. You may close this window.").toHtmlEscaped() + u"</p></body></html>"_s;
}
} // namespace

BrowserSignIn::BrowserSignIn(QNetworkAccessManager* network, QObject* parent)
    : QObject(parent)
    , m_network(network)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        finish(Result<Tokens>::failure(
            ResultStatus::Timeout,
            Tr::tr("The sign-in did not finish within %n second(s).", nullptr, std::max(1, m_timeoutMs / 1000))));
    });
}

BrowserSignIn::~BrowserSignIn()
{
    if (m_discovery) {
        m_discovery->abort();
    }
    m_clientSecret = Secret(); // not wipe(): the caller still holds the same secret
    wipeBytes(m_codeVerifier);
}

QByteArray BrowserSignIn::makeCodeVerifier()
{
    QByteArray random(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32*>(random.data()),
                                         reinterpret_cast<quint32*>(random.data() + random.size()));
    QByteArray verifier = random.toBase64(Base64Url);
    wipeBytes(random);
    return verifier;
}

QByteArray BrowserSignIn::codeChallengeS256(const QByteArray& verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256).toBase64(Base64Url);
}

QString BrowserSignIn::redirectUri() const
{
    return m_handler && m_handler->isListening() ? m_handler->callback() : QString();
}

void BrowserSignIn::start(const QUrl& tenantUrl, const QString& clientId, const Secret& clientSecret, quint16 port,
                          int timeoutMs)
{
    m_tenantUrl = tenantUrl;
    m_clientId = clientId;
    m_clientSecret = clientSecret;
    m_port = port;
    m_timeoutMs = std::max(1, timeoutMs);
    m_deadline.start(m_timeoutMs);
    if (!m_network) {
        finish(Result<Tokens>::failure(ResultStatus::Cancelled, Tr::tr("The network is no longer available.")));
        return;
    }
    const QUrl url = AdminSession::metadataUrl(tenantUrl);
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    HttpLog::logRequest(HttpLog::redactRequest("GET", request, {}));
    QNetworkReply* reply = m_network->get(request);
    m_discovery = reply;
    auto* limits
        = new ReplyLimits(reply, std::min(m_timeoutMs, AdminSession::DefaultTimeoutMs), ReplyLimits::MetadataBytes);
    connect(reply, &QNetworkReply::finished, this, [this, reply, limits, url] {
        reply->deleteLater();
        m_discovery = nullptr;
        limits->stopDeadline();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->isOpen() && !limits->tooLarge() ? reply->readAll() : QByteArray();
        HttpLog::logReply("GET", url, status, reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(), body,
                          false, 0);
        const QString peer = Tr::tr("the tenant at %1").arg(m_tenantUrl.toString());
        if (limits->tooLarge()) {
            finish(Result<Tokens>::failure(ReplyLimits::tooLargeFailure(peer, limits->maxBytes())));
            return;
        }
        if (status == 0 || limits->timedOut()) {
            finish(Result<Tokens>::failure(HttpReplies::transportFailure(
                reply, limits->timedOut(), Tr::tr("The tenant at %1 did not answer.").arg(m_tenantUrl.toString()), {},
                peer)));
            return;
        }
        if (status != 200) {
            ResultInfo info = HttpReplies::problemFailure(status, body, 0);
            if (status == 404) {
                info.status = ResultStatus::Protocol;
                info.message = Tr::tr("%1 is not an App Integration tenant: it has no OAuth server metadata.")
                                   .arg(m_tenantUrl.toString());
            }
            finish(Result<Tokens>::failure(info));
            return;
        }
        const QJsonObject object = QJsonDocument::fromJson(body).object();
        const QUrl authorizationEndpoint = absoluteUrl(object, u"authorization_endpoint"_s);
        const QUrl tokenEndpoint = absoluteUrl(object, u"token_endpoint"_s);
        if (!authorizationEndpoint.isValid() || !tokenEndpoint.isValid()) {
            finish(Result<Tokens>::failure(HttpReplies::protocolFailure(
                Tr::tr("the OAuth server metadata has no absolute authorization_endpoint or token_endpoint; the "
                       "tenant may not support browser sign-in."))));
            return;
        }
        // The secret and the code go only to the tenant's own host.
        if (!TenantUrl::sameOrigin(tokenEndpoint, m_tenantUrl)
            || !TenantUrl::sameOrigin(authorizationEndpoint, m_tenantUrl)) {
            finish(Result<Tokens>::failure(
                ResultStatus::Protocol,
                Tr::tr("The tenant's OAuth metadata names endpoints on another host; the sign-in was not started.")));
            return;
        }
        discovered(authorizationEndpoint, tokenEndpoint);
    });
}

void BrowserSignIn::discovered(const QUrl& authorizationEndpoint, const QUrl& tokenEndpoint)
{
    m_tokenEndpoint = tokenEndpoint;
    // Only on 127.0.0.1 (not every interface, which Qt's default is).
    m_handler = new QOAuthHttpServerReplyHandler(QHostAddress(QHostAddress::LocalHost), m_port, this);
    m_handler->setCallbackText(signedInPage());
    if (!m_handler->isListening()) {
        finish(Result<Tokens>::failure(
            ResultStatus::Network,
            m_port == 0 ? Tr::tr("Cannot listen for the browser's answer on 127.0.0.1.")
                        : Tr::tr("Cannot listen for the browser's answer on 127.0.0.1 port %1; choose another port.")
                              .arg(m_port)));
        return;
    }
    m_codeVerifier = makeCodeVerifier();
    const QString challenge = QString::fromLatin1(codeChallengeS256(m_codeVerifier));

    m_flow = new QOAuth2AuthorizationCodeFlow(m_network, this);
    m_flow->setAuthorizationUrl(authorizationEndpoint);
    m_flow->setAccessTokenUrl(tokenEndpoint);
    m_flow->setClientIdentifier(m_clientId);
    m_flow->setClientIdentifierSharedKey(m_clientSecret.toString());
    m_flow->setReplyHandler(m_handler);
    m_flow->setModifyParametersFunction(
        [this, challenge](QAbstractOAuth::Stage stage, QMultiMap<QString, QVariant>* parameters) {
            switch (stage) {
            case QAbstractOAuth::Stage::RequestingAuthorization:
                parameters->replace(u"code_challenge"_s, challenge);
                parameters->replace(u"code_challenge_method"_s, u"S256"_s);
                break;
            case QAbstractOAuth::Stage::RequestingAccessToken:
                parameters->replace(u"code_verifier"_s, QString::fromLatin1(m_codeVerifier));
                // Qt 6.4 percent-encodes the client ID but not the secret, so
                // a '+' or '&' in it would reach the server changed.
                if (parameters->contains(u"client_secret"_s)) {
                    parameters->replace(
                        u"client_secret"_s,
                        QString::fromLatin1(QUrl::toPercentEncoding(parameters->value(u"client_secret"_s).toString())));
                }
                break;
            default:
                break;
            }
        });
    connect(m_flow, &QAbstractOAuth::authorizeWithBrowser, this, &BrowserSignIn::authorizationUrlReady);
    connect(m_flow, &QAbstractOAuth::granted, this, &BrowserSignIn::granted);
    connect(m_flow, &QAbstractOAuth2::error, this,
            [this](const QString& error, const QString& description, const QUrl&) {
                Result<Tokens> failure = Result<Tokens>::failure(
                    error == u"access_denied"_s ? ResultStatus::Forbidden : ResultStatus::Authentication,
                    Tr::tr("The tenant refused the sign-in: %1").arg(description.isEmpty() ? error : description));
                failure.oauthError = error;
                failure.oauthErrorDescription = description;
                finish(failure);
            });
    // Qt 6.4 only warns when the code exchange fails: read the failure here.
    connect(m_network, &QNetworkAccessManager::finished, this, &BrowserSignIn::tokenReplyFinished);
    m_flow->grant();
}

void BrowserSignIn::tokenReplyFinished(QNetworkReply* reply)
{
    if (m_finished || reply->url() != m_tokenEndpoint || reply->error() == QNetworkReply::NoError) {
        return;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        finish(Result<Tokens>::failure(HttpReplies::transportFailure(
            reply, false, {}, {}, Tr::tr("the token service at %1").arg(m_tokenEndpoint.host()))));
        return;
    }
    QByteArray body = reply->isOpen() ? reply->read(ReplyLimits::TokenAnswerBytes) : QByteArray();
    ResultInfo info = HttpReplies::oauthFailure(status, body, 0);
    wipeBytes(body);
    if (info.status == ResultStatus::Authentication) {
        info.message = Tr::tr("The tenant did not accept the client ID and secret: %1").arg(info.message);
    } else {
        info.message = Tr::tr("The tenant refused the sign-in: %1").arg(info.message);
    }
    finish(Result<Tokens>::failure(info));
}

void BrowserSignIn::granted()
{
    Tokens tokens;
    tokens.accessToken = Secret(m_flow->token());
    tokens.refreshToken = Secret(m_flow->refreshToken());
    const std::optional<QJsonObject> claims = AccessToken::decodeJwtClaims(m_flow->token().toUtf8());
    if (claims) {
        tokens.userName = claims->value(u"sub"_s).toString();
    }
    m_flow->setToken({});
    m_flow->setRefreshToken({});
    if (tokens.refreshToken.isEmpty() || tokens.userName.isEmpty()) {
        finish(Result<Tokens>::failure(HttpReplies::protocolFailure(
            Tr::tr("the token service's answer has no refresh token or no user; is the client an Interactive Usage "
                   "client?"))));
        return;
    }
    finish(Result<Tokens>::success(std::move(tokens)));
}

void BrowserSignIn::cancel()
{
    finish(Result<Tokens>::failure(ResultStatus::Cancelled, Tr::tr("The sign-in was cancelled.")));
}

void BrowserSignIn::finish(const Result<Tokens>& result)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_deadline.stop();
    if (m_discovery) {
        m_discovery->abort();
    }
    if (m_handler) {
        m_handler->close();
    }
    if (m_network) {
        disconnect(m_network, &QNetworkAccessManager::finished, this, &BrowserSignIn::tokenReplyFinished);
    }
    m_clientSecret = Secret(); // not wipe(): the caller still holds the same secret
    if (m_flow) {
        m_flow->setClientIdentifierSharedKey({});
    }
    emit finished(result);
}

} // namespace appint
