#include "server/http/HttpRequest.h"

#include <QStringDecoder>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

// Decodes one path segment strictly: every '%' must start a valid escape and
// the result must be UTF-8.
bool decodeSegment(QStringView encoded, QString* out)
{
    QByteArray bytes;
    bytes.reserve(encoded.size());
    const auto hex = [](char16_t c) -> int {
        if (c >= u'0' && c <= u'9') {
            return c - u'0';
        }
        if (c >= u'a' && c <= u'f') {
            return c - u'a' + 10;
        }
        if (c >= u'A' && c <= u'F') {
            return c - u'A' + 10;
        }
        return -1;
    };
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        const char16_t c = encoded.at(i).unicode();
        if (c == u'%') {
            if (i + 2 >= encoded.size()) {
                return false;
            }
            const int high = hex(encoded.at(i + 1).unicode());
            const int low = hex(encoded.at(i + 2).unicode());
            if (high < 0 || low < 0) {
                return false;
            }
            bytes.append(char(high * 16 + low));
            i += 2;
        } else if (c < 0x80) {
            bytes.append(char(c));
        } else {
            bytes.append(QString(QChar(c)).toUtf8());
        }
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    *out = decoder(bytes);
    return !decoder.hasError();
}

} // namespace

void HttpRequest::setTarget(const QByteArray& target)
{
    // origin-form (RFC 9112 §3.2.1): absolute-path [ "?" query ]. Anything
    // else (absolute-form, "*") leaves the path invalid, which the router
    // answers with 404.
    const qsizetype question = target.indexOf('?');
    const QByteArray rawPath = question < 0 ? target : target.left(question);
    path = QString::fromUtf8(rawPath);
    query.clear();
    if (question >= 0) {
        // The query as sent, still percent-encoded, so that "%2B" (a plus
        // sign) and "+" (a space) stay apart. Read as QUrl does in
        // TolerantMode: if the query holds an isolated '%' (not followed by
        // two hex digits) every '%' is taken literally and sent on as "%25".
        QUrl url;
        url.setQuery(QString::fromUtf8(target.mid(question + 1)), QUrl::TolerantMode);
        query = url.query(QUrl::FullyEncoded);
    }
    segments.clear();
    pathValid = true;
    if (path.isEmpty() || !path.startsWith(u'/') || rawPath.contains('#')) {
        pathValid = false;
        return;
    }
    const QList<QStringView> parts = QStringView(path).mid(1).split(u'/');
    for (const QStringView part : parts) {
        QString segment;
        if (!decodeSegment(part, &segment)) {
            pathValid = false;
        }
        segments.append(segment);
    }
}

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

bool HttpRequest::hasHeader(QByteArrayView name) const
{
    return std::any_of(headers.cbegin(), headers.cend(),
                       [&](const auto& h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
}

QByteArray HttpRequest::mediaType() const
{
    const QByteArray type = header("Content-Type");
    const qsizetype semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.left(semicolon)).trimmed().toLower();
}

QByteArray HttpRequest::mediaTypeParameter(QByteArrayView name) const
{
    const QList<QByteArray> parts = header("Content-Type").split(';');
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArray part = parts.at(i).trimmed();
        const qsizetype equals = part.indexOf('=');
        if (equals > 0 && part.left(equals).trimmed().compare(name, Qt::CaseInsensitive) == 0) {
            QByteArray value = part.mid(equals + 1).trimmed();
            if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"')) {
                value = value.mid(1, value.size() - 2);
            }
            return value.toLower();
        }
    }
    return {};
}

QByteArray HttpRequest::methodName(QHttpServerRequest::Method method)
{
    using M = QHttpServerRequest::Method;
    switch (method) {
    case M::Get:
        return "GET";
    case M::Put:
        return "PUT";
    case M::Delete:
        return "DELETE";
    case M::Post:
        return "POST";
    case M::Head:
        return "HEAD";
    case M::Options:
        return "OPTIONS";
    case M::Patch:
        return "PATCH";
    case M::Connect:
        return "CONNECT";
    case M::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

QHttpServerRequest::Method HttpRequest::methodFromName(QByteArrayView name)
{
    using M = QHttpServerRequest::Method;
    static const std::pair<QByteArrayView, M> methods[] = {
        {"GET", M::Get},         {"POST", M::Post},   {"PUT", M::Put},         {"DELETE", M::Delete}, {"HEAD", M::Head},
        {"OPTIONS", M::Options}, {"PATCH", M::Patch}, {"CONNECT", M::Connect}, {"TRACE", M::Trace},
    };
    for (const auto& [text, method] : methods) {
        if (name == text) {
            return method;
        }
    }
    return M::Unknown;
}

} // namespace appint
