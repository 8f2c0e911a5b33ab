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

    static HttpRequest fromQt(const QHttpServerRequest& request);

    // The first value of a header (names compare case-insensitively), or a
    // null QByteArray.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    // The Content-Type without parameters, lower case ("application/json").
    QByteArray mediaType() const;
    // A Content-Type parameter, lower case name ("charset"), value unquoted.
    QByteArray mediaTypeParameter(QByteArrayView name) const;

    static QByteArray methodName(QHttpServerRequest::Method method);
};

} // namespace appint
