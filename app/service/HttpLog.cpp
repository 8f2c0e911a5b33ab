#include "service/HttpLog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace appint {

Q_LOGGING_CATEGORY(lcServiceHttp, "appint.service.http", QtInfoMsg)

namespace {

constexpr qsizetype MaximumLoggedBody = 4096;

QJsonValue redactJson(const QJsonValue& value)
{
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        // A SCIM PATCH operation (RFC 7644 §3.5.2) names its attribute in
        // "path": {"op": "replace", "path": "password", "value": "..."}.
        const bool secretPath = HttpLog::isSecretField(object.value(u"path"_s).toString());
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (HttpLog::isSecretField(it.key()) || (secretPath && it.key() == u"value"_s)) {
                it.value() = QString::fromLatin1(HttpLog::Redacted);
            } else {
                it.value() = redactJson(it.value());
            }
        }
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (auto it = array.begin(); it != array.end(); ++it) {
            *it = redactJson(*it);
        }
        return array;
    }
    return value;
}

QByteArray mediaType(const QByteArray& contentType)
{
    return contentType.split(';').first().trimmed().toLower();
}

QByteArray truncated(const QByteArray& text)
{
    if (text.size() <= MaximumLoggedBody) {
        return text;
    }
    return text.left(MaximumLoggedBody) + "... (" + QByteArray::number(text.size()) + " bytes)";
}

} // namespace

bool HttpLog::isSecretHeader(const QByteArray& name)
{
    const QByteArray lower = name.toLower();
    return lower == "authorization" || lower == "proxy-authorization" || lower == "cookie" || lower == "set-cookie";
}

bool HttpLog::isSecretField(const QString& name)
{
    static const QStringList fields{u"client_secret"_s, u"access_token"_s,     u"refresh_token"_s, u"id_token"_s,
                                    u"assertion"_s,     u"client_assertion"_s, u"password"_s,      u"token"_s};
    return fields.contains(name.toLower());
}

QByteArray HttpLog::redactHeader(const QByteArray& name, const QByteArray& value)
{
    if (!isSecretHeader(name)) {
        return value;
    }
    // Keep the scheme ("Basic", "Bearer"): it helps and reveals nothing.
    const qsizetype space = value.indexOf(' ');
    if (name.toLower().endsWith("authorization") && space > 0) {
        return value.left(space) + ' ' + Redacted;
    }
    return Redacted;
}

QByteArray HttpLog::redactBody(const QByteArray& body, const QByteArray& contentType)
{
    if (body.isEmpty()) {
        return {};
    }
    const QByteArray type = mediaType(contentType);
    if (type == "application/x-www-form-urlencoded") {
        QByteArrayList pairs = body.split('&');
        for (QByteArray& pair : pairs) {
            const qsizetype equals = pair.indexOf('=');
            const QByteArray key = equals < 0 ? pair : pair.left(equals);
            const QString decoded = QUrl::fromPercentEncoding(QByteArray(key).replace('+', ' '));
            if (isSecretField(decoded)) {
                pair = key + '=' + Redacted;
            }
        }
        return pairs.join('&');
    }
    if (type == "application/json" || type.endsWith("+json")) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(body, &error);
        if (error.error != QJsonParseError::NoError) {
            return "<" + QByteArray::number(body.size()) + " bytes of malformed JSON>";
        }
        const QJsonValue redacted
            = redactJson(document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array()));
        return redacted.isObject() ? QJsonDocument(redacted.toObject()).toJson(QJsonDocument::Compact)
                                   : QJsonDocument(redacted.toArray()).toJson(QJsonDocument::Compact);
    }
    if (type == "text/csv") {
        return "<" + QByteArray::number(body.size()) + " bytes of CSV>";
    }
    return "<" + QByteArray::number(body.size()) + " bytes>";
}

RedactedRequest HttpLog::redactRequest(const QByteArray& method, const QNetworkRequest& request, const QByteArray& body)
{
    RedactedRequest redacted;
    redacted.method = method;
    redacted.url = request.url();
    const QByteArray contentType = request.header(QNetworkRequest::ContentTypeHeader).toByteArray();
    const QList<QByteArray> names = request.rawHeaderList();
    for (const QByteArray& name : names) {
        redacted.headers.append({name, redactHeader(name, request.rawHeader(name))});
    }
    if (!contentType.isEmpty() && !request.hasRawHeader("Content-Type")) {
        redacted.headers.append({"Content-Type", contentType});
    }
    redacted.body = redactBody(body, contentType);
    return redacted;
}

void HttpLog::logRequest(const RedactedRequest& request)
{
    if (!lcServiceHttp().isDebugEnabled()) {
        return;
    }
    QByteArray headers;
    for (const auto& [name, value] : request.headers) {
        headers += "\n  " + name + ": " + value;
    }
    qCDebug(lcServiceHttp).noquote() << QString::fromLatin1(request.method) << request.url.toString(QUrl::FullyEncoded)
                                     << QString::fromUtf8(headers)
                                     << (request.body.isEmpty()
                                             ? QString()
                                             : u"\n  "_s + QString::fromUtf8(truncated(request.body)));
}

void HttpLog::logReply(const QByteArray& method, const QUrl& url, int httpStatus, const QByteArray& contentType,
                       const QByteArray& body, bool isTokenEndpoint, qint64 elapsedMs)
{
    if (!lcServiceHttp().isDebugEnabled()) {
        return;
    }
    const QString head = u"%1 %2 -> %3 (%4 ms)"_s.arg(QString::fromLatin1(method), url.toString(QUrl::FullyEncoded))
                             .arg(httpStatus)
                             .arg(elapsedMs);
    if (isTokenEndpoint) {
        qCDebug(lcServiceHttp).noquote() << head << "(token endpoint reply not logged)";
        return;
    }
    qCDebug(lcServiceHttp).noquote() << head << QString::fromUtf8(truncated(redactBody(body, contentType)));
}

} // namespace appint
