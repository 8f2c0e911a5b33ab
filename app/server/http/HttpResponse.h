#pragma once

#include "core/FieldError.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QPair>
#include <QString>

namespace appint {

// An answer before it is written to the socket.
struct HttpResponse
{
    int status = 200;
    QByteArray contentType; // empty: no body
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    HttpResponse& withHeader(QByteArray name, QByteArray value);
    QByteArray header(QByteArrayView name) const;

    static HttpResponse json(const QJsonDocument& document, int status = 200);
    static HttpResponse json(const QJsonObject& object, int status = 200);
    static HttpResponse json(const QJsonArray& array, int status = 200);
    // A body that is JSON already (written by the caller).
    static HttpResponse jsonBytes(QByteArray body, int status = 200);
    static HttpResponse noContent();
    // RFC 9457 application/problem+json: {"type", "title", "status",
    // "detail", "errors"} ("errors" only when there are some).
    static HttpResponse problem(int status, const QString& detail, const FieldErrors& errors = {});
    // RFC 6749 §5.2 {"error", "error_description"}, never cached.
    static HttpResponse oauthError(int status, const QByteArray& error, const QString& description);
    // RFC 7644 §3.12 application/scim+json: {"schemas": [...Error], "status"
    // (a string), "detail", "scimType" (when given)}.
    static HttpResponse scimError(int status, const QString& detail, const QString& scimType = {});

    // The bytes on the wire: status line, headers (Content-Length from the
    // body, "Connection: close" when `close`), and the body unless
    // `headOnly` (the answer to HEAD keeps the Content-Length of the body it
    // leaves out).
    QByteArray serialize(bool headOnly, bool close) const;

    static QByteArray reasonPhrase(int status);
};

} // namespace appint
