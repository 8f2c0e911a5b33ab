#pragma once

#include "service/RedactedRequest.h"

#include <QByteArray>
#include <QLoggingCategory>
#include <QNetworkRequest>

namespace appint {

Q_DECLARE_LOGGING_CATEGORY(lcServiceHttp) // "appint.service.http"

// The redaction rules of the service layer's HTTP log, and the log itself.
// Redacted: the Authorization and Proxy-Authorization headers and cookies,
// and in bodies (form-urlencoded and JSON, nested too) the values of
// client_secret, access_token, refresh_token, id_token, assertion,
// client_assertion and password, and the "value" of a SCIM PATCH operation
// whose "path" is one of them. Bodies that are neither are not logged.
// Token endpoint replies are never logged at all.
class HttpLog
{
public:
    static inline const QByteArray Redacted = QByteArrayLiteral("<redacted>");

    static bool isSecretHeader(const QByteArray& name);
    static bool isSecretField(const QString& name);
    static QByteArray redactHeader(const QByteArray& name, const QByteArray& value);
    // `contentType` decides how the body is read; an unknown type gives
    // "<N bytes>" rather than the bytes.
    static QByteArray redactBody(const QByteArray& body, const QByteArray& contentType);

    static RedactedRequest redactRequest(const QByteArray& method, const QNetworkRequest& request,
                                         const QByteArray& body);

    // Debug lines in appint.service.http. Replies of a token endpoint pass
    // isTokenEndpoint = true and only their status is written.
    static void logRequest(const RedactedRequest& request);
    static void logReply(const QByteArray& method, const QUrl& url, int httpStatus, const QByteArray& contentType,
                         const QByteArray& body, bool isTokenEndpoint, qint64 elapsedMs);
};

} // namespace appint
