#include "server/http/HttpResponse.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
const QByteArray JsonType = "application/json; charset=utf-8";
} // namespace

HttpResponse& HttpResponse::withHeader(QByteArray name, QByteArray value)
{
    headers.append({std::move(name), std::move(value)});
    return *this;
}

QByteArray HttpResponse::header(QByteArrayView name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

HttpResponse HttpResponse::json(const QJsonDocument& document, int status)
{
    HttpResponse response;
    response.status = status;
    response.contentType = JsonType;
    response.body = document.toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse HttpResponse::jsonBytes(QByteArray body, int status)
{
    HttpResponse response;
    response.status = status;
    response.contentType = JsonType;
    response.body = std::move(body);
    return response;
}

HttpResponse HttpResponse::json(const QJsonObject& object, int status)
{
    return json(QJsonDocument(object), status);
}

HttpResponse HttpResponse::json(const QJsonArray& array, int status)
{
    return json(QJsonDocument(array), status);
}

HttpResponse HttpResponse::noContent()
{
    HttpResponse response;
    response.status = 204;
    return response;
}

HttpResponse HttpResponse::problem(int status, const QString& detail, const FieldErrors& errors)
{
    QJsonObject object{
        {u"type"_s, u"about:blank"_s},
        {u"title"_s, QString::fromLatin1(reasonPhrase(status))},
        {u"status"_s, status},
        {u"detail"_s, detail},
    };
    if (!errors.isEmpty()) {
        // A request with thousands of bad parts gets the first few back.
        constexpr qsizetype MaximumErrors = 50;
        object.insert(u"errors"_s, fieldErrorsToJson(errors.mid(0, MaximumErrors)));
        if (errors.size() > MaximumErrors) {
            object.insert(u"detail"_s,
                          QString(detail + u" (%1 more errors not listed)"_s.arg(errors.size() - MaximumErrors)));
        }
    }
    HttpResponse response;
    response.status = status;
    response.contentType = "application/problem+json; charset=utf-8";
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse HttpResponse::oauthError(int status, const QByteArray& error, const QString& description)
{
    HttpResponse response
        = json(QJsonObject{{u"error"_s, QString::fromLatin1(error)}, {u"error_description"_s, description}}, status);
    response.withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache");
    return response;
}

HttpResponse HttpResponse::scimError(int status, const QString& detail, const QString& scimType)
{
    QJsonObject object{
        {u"schemas"_s, QJsonArray{u"urn:ietf:params:scim:api:messages:2.0:Error"_s}},
        {u"status"_s, QString::number(status)},
        {u"detail"_s, detail},
    };
    if (!scimType.isEmpty()) {
        object.insert(u"scimType"_s, scimType);
    }
    HttpResponse response;
    response.status = status;
    response.contentType = "application/scim+json; charset=utf-8";
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

QByteArray HttpResponse::serialize(bool headOnly, bool close) const
{
    QByteArray out;
    out.reserve(256 + (headOnly ? 0 : body.size()));
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto& [name, value] : headers) {
        out += name + ": " + value + "\r\n";
    }
    if (!contentType.isEmpty()) {
        out += "Content-Type: " + contentType + "\r\n";
    }
    // 204 and 304 carry no body (RFC 9110 §6.4.1): no length, no bytes.
    const bool bodyless = status == 204 || status == 304;
    if (!bodyless && status >= 200) {
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    if (close) {
        out += "Connection: close\r\n";
    }
    out += "\r\n";
    if (!headOnly && !bodyless) {
        out += body;
    }
    return out;
}

QByteArray HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 412:
        return "Precondition Failed";
    case 410:
        return "Gone";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Content";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 507:
        return "Insufficient Storage";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Error";
    }
}

} // namespace appint
