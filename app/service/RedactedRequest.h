#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace appint {

// An HTTP request as it was sent, with every secret replaced by "<redacted>"
// (HttpLog's rules): what the "Test" of an outbound credential shows and what
// the log writes.
struct RedactedRequest
{
    QByteArray method;
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    bool isEmpty() const { return method.isEmpty(); }
    // "POST https://host/path HTTP/1.1", the headers, a blank line and the body.
    QString toText() const;
};

} // namespace appint
