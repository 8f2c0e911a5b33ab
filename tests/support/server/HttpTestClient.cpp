#include "HttpTestClient.h"

#include <QBuffer>
#include <QEventLoop>
#include <QNetworkRequest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace appint::test {

QByteArray HttpTestReply::header(QByteArrayView name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

HttpTestReply HttpTestClient::send(const QByteArray& method, const QUrl& url, const QByteArray& body,
                                   const HttpHeaders& headers)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const auto& [name, value] : headers) {
        request.setRawHeader(name, value);
    }
    QNetworkReply* reply = nullptr;
    if (body.isEmpty() && (method == "GET" || method == "DELETE")) {
        reply = m_manager.sendCustomRequest(request, method);
    } else {
        reply = m_manager.sendCustomRequest(request, method, body);
    }
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, reply, &QNetworkReply::abort);
    guard.start(60'000);
    if (!reply->isFinished()) {
        loop.exec();
    }
    HttpTestReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return result;
}

HttpTestReply HttpTestClient::get(const QUrl& url, const QString& bearer)
{
    HttpHeaders headers;
    if (!bearer.isEmpty()) {
        headers.append({"Authorization", "Bearer " + bearer.toLatin1()});
    }
    return send("GET", url, {}, headers);
}

HttpTestReply HttpTestClient::del(const QUrl& url, const QString& bearer)
{
    HttpHeaders headers;
    if (!bearer.isEmpty()) {
        headers.append({"Authorization", "Bearer " + bearer.toLatin1()});
    }
    return send("DELETE", url, {}, headers);
}

HttpTestReply HttpTestClient::postJson(const QUrl& url, const QJsonObject& body, const QString& bearer)
{
    HttpHeaders headers{{"Content-Type", "application/json"}};
    if (!bearer.isEmpty()) {
        headers.append({"Authorization", "Bearer " + bearer.toLatin1()});
    }
    return send("POST", url, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
}

HttpTestReply HttpTestClient::patchJson(const QUrl& url, const QJsonObject& body, const QString& bearer,
                                        const QByteArray& contentType)
{
    HttpHeaders headers{{"Content-Type", contentType}};
    if (!bearer.isEmpty()) {
        headers.append({"Authorization", "Bearer " + bearer.toLatin1()});
    }
    return send("PATCH", url, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
}

QByteArray HttpTestClient::formEncode(const QList<QPair<QString, QString>>& fields)
{
    QByteArray body;
    for (const auto& [name, value] : fields) {
        if (!body.isEmpty()) {
            body += '&';
        }
        body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

QByteArray HttpTestClient::basic(const QString& user, const QString& password)
{
    const QByteArray pair = QUrl::toPercentEncoding(user) + ':' + QUrl::toPercentEncoding(password);
    return "Basic " + pair.toBase64();
}

HttpTestReply HttpTestClient::postForm(const QUrl& url, const QList<QPair<QString, QString>>& fields,
                                       const QString& user, const QString& password)
{
    HttpHeaders headers{{"Content-Type", "application/x-www-form-urlencoded"}};
    if (!user.isEmpty()) {
        headers.append({"Authorization", basic(user, password)});
    }
    return send("POST", url, formEncode(fields), headers);
}

QString HttpTestClient::token(const QUrl& tokenUrl, const QString& clientId, const QString& secret,
                              const QList<QPair<QString, QString>>& extra)
{
    QList<QPair<QString, QString>> fields{{u"grant_type"_s, u"client_credentials"_s}};
    fields += extra;
    const HttpTestReply reply = postForm(tokenUrl, fields, clientId, secret);
    if (reply.status != 200) {
        return {};
    }
    return reply.object().value(u"access_token"_s).toString();
}

} // namespace appint::test
