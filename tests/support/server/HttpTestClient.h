#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPair>
#include <QString>
#include <QUrl>

namespace appint::test {

// One answer as the test sees it.
struct HttpTestReply
{
    int status = 0; // 0: no HTTP answer (see error)
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    QByteArray header(QByteArrayView name) const;
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
    QJsonObject object() const { return json().object(); }
    QJsonArray array() const { return json().array(); }
};

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// A synchronous HTTP client for tests (QNetworkAccessManager under an event
// loop that ends when the reply does; a 60 s guard only against a hung
// server).
class HttpTestClient
{
public:
    HttpTestReply send(const QByteArray& method, const QUrl& url, const QByteArray& body = {},
                       const HttpHeaders& headers = {});

    HttpTestReply get(const QUrl& url, const QString& bearer = {});
    HttpTestReply del(const QUrl& url, const QString& bearer = {});
    HttpTestReply postJson(const QUrl& url, const QJsonObject& body, const QString& bearer = {});
    HttpTestReply patchJson(const QUrl& url, const QJsonObject& body, const QString& bearer = {},
                            const QByteArray& contentType = "application/merge-patch+json");
    // A form POST; with a user, authenticated by HTTP Basic (client_secret_basic).
    HttpTestReply postForm(const QUrl& url, const QList<QPair<QString, QString>>& fields, const QString& user = {},
                           const QString& password = {});

    // The access token of a client_credentials grant, or an empty string.
    QString token(const QUrl& tokenUrl, const QString& clientId, const QString& secret,
                  const QList<QPair<QString, QString>>& extra = {});

    static QByteArray formEncode(const QList<QPair<QString, QString>>& fields);
    static QByteArray basic(const QString& user, const QString& password);

    QNetworkAccessManager& manager() { return m_manager; }

private:
    QNetworkAccessManager m_manager;
};

} // namespace appint::test
