#include "service/TokenClient.h"

#include "core/OAuthNames.h"
#include "core/OutboundCredentialRules.h"
#include "core/TokenServiceUrl.h"
#include "service/HttpLog.h"
#include "service/HttpReplies.h"
#include "service/ReplyLimits.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(TokenClient)
};

// Body parameters in order; JSON bodies turn repeated keys into arrays.
class BodyBuilder
{
public:
    void add(const QString& key, const QString& value) { m_items.append({key, value}); }

    QByteArray form() const
    {
        QByteArrayList pairs;
        for (const auto& [key, value] : m_items) {
            pairs.append(HttpReplies::formEncode(key) + '=' + HttpReplies::formEncode(value));
        }
        return pairs.join('&');
    }

    QByteArray json() const
    {
        QJsonObject object;
        for (const auto& [key, value] : m_items) {
            const QJsonValue existing = object.value(key);
            if (existing.isUndefined()) {
                object.insert(key, value);
            } else {
                QJsonArray array = existing.isArray() ? existing.toArray() : QJsonArray{existing};
                array.append(value);
                object.insert(key, array);
            }
        }
        return QJsonDocument(object).toJson(QJsonDocument::Compact);
    }

private:
    QList<QPair<QString, QString>> m_items;
};

std::optional<qint64> expiresInFrom(const QJsonValue& value)
{
    if (value.isDouble()) {
        return value.toInteger(-1);
    }
    if (value.isString()) {
        bool ok = false;
        const qint64 seconds = value.toString().toLongLong(&ok);
        if (ok) {
            return seconds;
        }
    }
    return value.isUndefined() || value.isNull() ? std::optional<qint64>(0) : std::nullopt;
}

// A token service that quotes the assertion back in its error (the tenant
// never does) has the quote replaced: the assertion is a secret.
void withoutAssertion(ResultInfo& info, const Secret& encoded)
{
    QString base64 = encoded.toString();
    QByteArray xmlBytes = QByteArray::fromBase64(base64.toLatin1(), QByteArray::Base64UrlEncoding);
    QString xml = QString::fromUtf8(xmlBytes).trimmed();
    wipeBytes(xmlBytes);
    const QString replacement = Tr::tr("[the assertion]");
    for (QString* text : {&info.message, &info.oauthErrorDescription}) {
        for (const QString& quoted : {base64, xml}) {
            if (!quoted.isEmpty() && text->contains(quoted)) {
                text->replace(quoted, replacement);
            }
        }
        // Its XML, from the Assertion element on, cut short in a quote.
        if (text->contains(u"<saml:Assertion"_s) || text->contains(u"<Assertion"_s)
            || text->contains(u":Assertion "_s)) {
            *text = Tr::tr("The token service refused the assertion and quoted it back (not shown): %1 (HTTP %2).")
                        .arg(info.oauthError)
                        .arg(info.httpStatus);
        }
    }
    wipeString(base64);
    wipeString(xml);
}

} // namespace

// One request in flight: the reply, its timers and the caller.
class TokenClient::Request : public QObject
{
public:
    QPointer<QNetworkReply> reply;
    QPointer<QObject> context;
    Callback callback;
    RedactedRequest sent;
    Secret samlAssertion; // base64url, as sent: a refusal must not quote it
    QList<QSslError> sslErrors;
    QTimer timer;
    QPointer<ReplyLimits> limits;
    QElapsedTimer elapsed;
    qint64 obtainedAt = 0;
    int connectTimeoutMs = 0;
    int readTimeoutMs = 0;
    bool connected = false;
    bool timedOut = false;
    bool cancelled = false;
};

TokenClient::TokenClient(QNetworkAccessManager* network, const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_clock(clock)
{
}

TokenClient::~TokenClient()
{
    // Callers are not called back once the client is gone.
    for (Request* request : std::as_const(m_requests)) {
        request->callback = nullptr;
        if (request->reply) {
            request->reply->disconnect(this);
            request->reply->abort();
            request->reply->deleteLater();
        }
        delete request;
    }
}

Secret TokenClient::encodeSamlAssertion(const Secret& assertion)
{
    QByteArray bytes = assertion.utf8();
    QByteArray text = bytes.trimmed();
    wipeBytes(bytes);
    if (text.startsWith("\xEF\xBB\xBF")) {
        text.remove(0, 3);
    }
    const auto isXml = [](const QByteArray& data) { return data.trimmed().startsWith('<'); };
    QByteArray encoded;
    if (isXml(text)) {
        encoded = text.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    } else {
        // Already encoded (base64 or base64url, maybe wrapped over lines):
        // sent as base64url, and only when it is the encoding of XML.
        QByteArray compact;
        compact.reserve(text.size());
        for (const char c : std::as_const(text)) {
            if (c == '+') {
                compact.append('-');
            } else if (c == '/') {
                compact.append('_');
            } else if (c != '=' && c != '\n' && c != '\r' && c != ' ' && c != '\t') {
                compact.append(c);
            }
        }
        auto decoded = QByteArray::fromBase64Encoding(compact,
                                                      QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals
                                                          | QByteArray::AbortOnBase64DecodingErrors);
        if (decoded && !compact.isEmpty() && isXml(decoded.decoded)) {
            encoded = compact;
        }
        wipeBytes(decoded.decoded);
        wipeBytes(compact);
    }
    wipeBytes(text);
    return Secret::fromUtf8(encoded);
}

Result<PreparedTokenRequest> TokenClient::prepare(const OutboundCredential& credential, const OutboundSecrets& secrets,
                                                  const Secret& samlAssertion)
{
    FieldErrors errors = OutboundCredentialRules::check(credential);
    const Secret assertion = samlAssertion.isEmpty() ? Secret() : encodeSamlAssertion(samlAssertion);
    if (!samlAssertion.isEmpty() && assertion.isEmpty()) {
        errors.append({u"samlAssertion"_s,
                       Tr::tr("The SAML assertion is neither the XML of an Assertion nor its base64 encoding.")});
    }
    const bool clientSecretSent
        = credential.clientAuthentication == ClientAuthentication::Body || !credential.usesTokenServiceUser();
    if (clientSecretSent && secrets.clientSecret.isEmpty()) {
        errors.append({u"clientSecret"_s, Tr::tr("Enter the client secret.")});
    }
    if (!errors.isEmpty()) {
        auto result = Result<PreparedTokenRequest>::failure(
            ResultStatus::Validation,
            Tr::tr("The credential \"%1\" is incomplete: %2").arg(credential.name, errors.constFirst().message));
        result.fieldErrors = errors;
        return result;
    }

    QUrl url = TokenServiceUrl::resolve(credential).url;
    QByteArrayList query;
    if (url.hasQuery()) {
        query.append(url.query(QUrl::FullyEncoded).toLatin1());
    }
    for (const auto& [key, value] : credential.tokenServiceQueries) {
        query.append(QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value));
    }
    for (const CustomParameter& parameter : credential.customParameters) {
        if (parameter.sendAs == ParameterLocation::Url) {
            query.append(QUrl::toPercentEncoding(parameter.key) + '=' + QUrl::toPercentEncoding(parameter.value));
        }
    }
    if (!query.isEmpty()) {
        url.setQuery(QString::fromLatin1(query.join('&')), QUrl::StrictMode);
    }

    PreparedTokenRequest prepared;
    QNetworkRequest& request = prepared.request;
    request.setUrl(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    const bool json = credential.sendsJsonBody();
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      json ? OutboundCredential::jsonContentType().toLatin1()
                           : OutboundCredential::formContentType().toLatin1());
    request.setRawHeader("Accept", "application/json");
    for (const auto& [key, value] : credential.tokenServiceHeaders) {
        request.setRawHeader(key.toLatin1(), value.toUtf8());
    }
    for (const CustomParameter& parameter : credential.customParameters) {
        if (parameter.sendAs == ParameterLocation::Header) {
            request.setRawHeader(parameter.key.toLatin1(), parameter.value.toUtf8());
        }
    }

    BodyBuilder body;
    if (assertion.isEmpty()) {
        body.add(u"grant_type"_s, oauth::GrantClientCredentials);
    } else {
        body.add(u"grant_type"_s, oauth::GrantSaml2Bearer);
        body.add(u"assertion"_s, assertion.toString());
    }
    QByteArray secret = secrets.clientSecret.utf8();
    if (credential.usesTokenServiceUser()) {
        // Seed 004: tokenServiceUser / tokenServicePassword take priority for
        // the Basic header.
        QByteArray password = secrets.tokenServicePassword.utf8();
        request.setRawHeader("Authorization",
                             HttpReplies::basicCredentials(credential.tokenServiceUser.toUtf8(), password));
        wipeBytes(password);
    } else if (credential.clientAuthentication == ClientAuthentication::Header) {
        // RFC 6749 §2.3.1: both form-encoded before the Basic encoding.
        request.setRawHeader("Authorization",
                             HttpReplies::basicCredentials(HttpReplies::formEncode(credential.clientId),
                                                           HttpReplies::formEncode(QString::fromUtf8(secret))));
    }
    if (credential.clientAuthentication == ClientAuthentication::Body) {
        body.add(u"client_id"_s, credential.clientId);
        body.add(u"client_secret"_s, QString::fromUtf8(secret));
    }
    wipeBytes(secret);
    if (!credential.scope.isEmpty()) {
        body.add(u"scope"_s, credential.scope);
    }
    if (!credential.resource.isEmpty()) {
        body.add(u"resource"_s, credential.resource);
    }
    if (!credential.audience.isEmpty()) {
        body.add(u"audience"_s, credential.audience);
    }
    for (const auto& [key, value] : credential.tokenServiceBody) {
        body.add(key, value);
    }
    for (const CustomParameter& parameter : credential.customParameters) {
        if (parameter.sendAs == ParameterLocation::Body) {
            body.add(parameter.key, parameter.value);
        }
    }
    prepared.body = json ? body.json() : body.form();
    prepared.redacted = HttpLog::redactRequest("POST", request, prepared.body);
    return Result<PreparedTokenRequest>::success(std::move(prepared));
}

void TokenClient::fetch(const OutboundCredential& credential, const OutboundSecrets& secrets, QObject* context,
                        Callback callback)
{
    send(prepare(credential, secrets), credential, {}, context, std::move(callback));
}

void TokenClient::fetchWithSamlAssertion(const OutboundCredential& credential, const OutboundSecrets& secrets,
                                         const Secret& samlAssertion, QObject* context, Callback callback)
{
    if (samlAssertion.isEmpty()) {
        auto failure = Result<AccessToken>::failure(ResultStatus::Validation, Tr::tr("The SAML assertion is empty."));
        failure.fieldErrors.append({u"samlAssertion"_s, failure.message});
        HttpReplies::invoke(
            context, [callback, failure] { callback(failure, {}); }, true);
        return;
    }
    send(prepare(credential, secrets, samlAssertion), credential, encodeSamlAssertion(samlAssertion), context,
         std::move(callback));
}

void TokenClient::send(Result<PreparedTokenRequest> prepared, const OutboundCredential& credential,
                       const Secret& samlAssertion, QObject* context, Callback callback)
{
    Q_ASSERT(context);
    if (!prepared.ok() || !m_network) {
        if (!m_network) {
            prepared = Result<PreparedTokenRequest>::failure(ResultStatus::Cancelled,
                                                             Tr::tr("The network is no longer available."));
        }
        const auto failure = Result<AccessToken>::failure(prepared);
        HttpReplies::invoke(
            context, [callback, failure] { callback(failure, {}); }, true);
        return;
    }

    auto* request = new Request;
    request->context = context;
    request->callback = std::move(callback);
    request->sent = prepared.value.redacted;
    request->samlAssertion = samlAssertion;
    request->obtainedAt = m_clock.now();
    request->connectTimeoutMs = credential.effectiveConnectionTimeoutSeconds() * 1000;
    request->readTimeoutMs = credential.effectiveReadTimeoutSeconds() * 1000;
    request->timer.setSingleShot(true);
    request->elapsed.start();
    m_requests.append(request);

    HttpLog::logRequest(request->sent);
    request->reply = m_network->post(prepared.value.request, prepared.value.body);
    wipeBytes(prepared.value.body);
    QNetworkReply* sending = request->reply;

    const auto armRead = [request] {
        // Aborting a reply that timed out still emits downloadProgress: the
        // timeout that ended it stays the one that is reported. The read
        // timeout is a deadline from the moment the request is out, not an
        // idle timer: later headers and data do not restart it, so a peer
        // that drips one byte a second is still timed out.
        if (request->timedOut || request->connected) {
            return;
        }
        request->connected = true;
        if (request->readTimeoutMs > 0) {
            request->timer.start(request->readTimeoutMs);
        } else {
            request->timer.stop();
        }
    };
    if (request->connectTimeoutMs > 0) {
        request->timer.start(request->connectTimeoutMs);
    }
    // Connecting ends when the request has been written; from then on the
    // read timeout limits the time until the whole answer is in.
    connect(sending, &QNetworkReply::requestSent, request, armRead);
    connect(sending, &QNetworkReply::metaDataChanged, request, armRead);
    connect(sending, &QNetworkReply::downloadProgress, request, armRead);
    connect(sending, &QNetworkReply::sslErrors, request,
            [request](const QList<QSslError>& errors) { request->sslErrors = errors; });
    // A token answer is small: more than 1 MiB is refused before it is buffered.
    request->limits = new ReplyLimits(sending, 0, ReplyLimits::TokenAnswerBytes);
    connect(&request->timer, &QTimer::timeout, request, [request] {
        request->timedOut = true;
        if (request->reply) {
            request->reply->abort();
        }
    });
    connect(sending, &QNetworkReply::finished, this, [this, request] {
        QNetworkReply* reply = request->reply;
        if (!reply) {
            return;
        }
        request->timer.stop();
        reply->deleteLater();
        request->reply = nullptr;

        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const bool tooLarge = request->limits && request->limits->tooLarge();
        QByteArray body = reply->isOpen() && !tooLarge ? reply->readAll() : QByteArray();
        const QUrl url = reply->url();
        HttpLog::logReply("POST", url, status, {}, {}, true, request->elapsed.elapsed());

        if (request->cancelled) {
            finish(request,
                   Result<AccessToken>::failure(ResultStatus::Cancelled,
                                                Tr::tr("The token request was "
                                                       "cancelled.")));
            return;
        }
        if (tooLarge) {
            finish(request,
                   Result<AccessToken>::failure(ReplyLimits::tooLargeFailure(HttpReplies::tokenServicePeer(url),
                                                                             ReplyLimits::TokenAnswerBytes)));
            return;
        }
        // A stall after the headers is a timeout as well, not a broken answer.
        if (status == 0 || request->timedOut) {
            const QString timeoutText = request->connected
                ? Tr::tr("%1 did not answer within %n second(s) (read timeout).", nullptr,
                         request->readTimeoutMs / 1000)
                      .arg(HttpReplies::tokenServicePeer(url))
                : Tr::tr("Could not connect to %1 within %n second(s) (connection timeout).", nullptr,
                         request->connectTimeoutMs / 1000)
                      .arg(HttpReplies::tokenServicePeer(url));
            finish(request,
                   Result<AccessToken>::failure(HttpReplies::transportFailure(
                       reply, request->timedOut, timeoutText, request->sslErrors, HttpReplies::tokenServicePeer(url))));
            return;
        }
        if (status < 200 || status >= 300) {
            const qint64 retryAfter = HttpReplies::parseRetryAfter(reply->rawHeader("Retry-After"), m_clock.now());
            ResultInfo info = HttpReplies::oauthFailure(status, body, retryAfter);
            if (!request->samlAssertion.isEmpty()) {
                withoutAssertion(info, request->samlAssertion);
            }
            if (status >= 300 && status < 400) {
                info.status = ResultStatus::Protocol;
                info.message = Tr::tr("The token service redirects to %1; enter that URL instead.")
                                   .arg(QString::fromUtf8(reply->rawHeader("Location")));
            }
            wipeBytes(body);
            finish(request, Result<AccessToken>::failure(info));
            return;
        }
        QJsonParseError parseError;
        QJsonObject object = QJsonDocument::fromJson(body, &parseError).object();
        wipeBytes(body);
        const QJsonValue tokenValue = object.take(u"access_token"_s);
        object.remove(u"refresh_token"_s);
        object.remove(u"id_token"_s);
        const std::optional<qint64> expiresIn = expiresInFrom(object.take(u"expires_in"_s));
        if (parseError.error != QJsonParseError::NoError || !tokenValue.isString() || tokenValue.toString().isEmpty()
            || !expiresIn || *expiresIn < 0) {
            finish(request,
                   Result<AccessToken>::failure(HttpReplies::protocolFailure(
                       Tr::tr("the token service's answer has no access_token with a valid expires_in."))));
            return;
        }
        AccessToken token;
        token.value = Secret(tokenValue.toString());
        token.tokenType = object.take(u"token_type"_s).toString();
        token.expiresIn = *expiresIn;
        token.obtainedAt = request->obtainedAt;
        token.scope = object.take(u"scope"_s).toString();
        token.otherFields = object;
        finish(request, Result<AccessToken>::success(std::move(token)));
    });
}

void TokenClient::finish(Request* request, const Result<AccessToken>& result)
{
    m_requests.removeOne(request);
    if (request->callback) {
        HttpReplies::invoke(
            request->context, [callback = request->callback, result, sent = request->sent] { callback(result, sent); },
            false);
    }
    request->deleteLater();
}

int TokenClient::pendingCount() const
{
    return int(m_requests.size());
}

void TokenClient::cancelAll()
{
    const QList<Request*> requests = m_requests;
    for (Request* request : requests) {
        request->cancelled = true;
        if (request->reply) {
            request->reply->abort();
        }
    }
}

} // namespace appint
