#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace appint {

// What the handlers see of a request: the method, the path split into
// percent-decoded segments (so "%2F" inside an id stays inside that id), the
// query exactly as sent, headers, body and peer address.
struct HttpRequest
{
    QHttpServerRequest::Method method = QHttpServerRequest::Method::Unknown;
    QString path; // percent-encoded, as received (for logs)
    QStringList segments; // decoded; empty segments kept
    bool pathValid = true; // false when a segment is not valid UTF-8 once decoded
    QString query; // percent-encoded, as received, without '?'
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress remoteAddress;

    // Fills path, query, segments and pathValid from a request target as
    // received ("/api/v1/clients?q=x").
    void setTarget(const QByteArray& target);

    // The first value of a header (names compare case-insensitively), or a
    // null QByteArray.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    // The Content-Type without parameters, lower case ("application/json").
    QByteArray mediaType() const;
    // A Content-Type parameter, lower case name ("charset"), value unquoted.
    QByteArray mediaTypeParameter(QByteArrayView name) const;

    static QByteArray methodName(QHttpServerRequest::Method method);
    // The method named by a request line's token (case-sensitive, RFC 9110
    // §9.1); Unknown for any other token.
    static QHttpServerRequest::Method methodFromName(QByteArrayView name);
};

} // namespace appint
