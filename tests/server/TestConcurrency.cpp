// Grants, introspections and management changes at the same time, spread over
// the server's HTTP threads: every answer is right and nothing deadlocks.

#include "ServerTestSupport.h"
#include "TestMain.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;
using namespace appint::test;

class TestConcurrency : public QObject
{
    Q_OBJECT

private slots:
    void grantsDuringManagementChanges();
};

void TestConcurrency::grantsDuringManagementChanges()
{
    TestServer server(TestServer::Options{.threads = 4});
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    HttpTestClient http;
    const QString admin = adminToken(http, server);
    QList<CreatedClient> clients;
    for (int i = 0; i < 20; ++i) {
        clients.append(createClient(http, server, admin, apiBody(u"Busy %1"_s.arg(i))));
        QCOMPARE(clients.last().status, 201);
    }

    // Several managers, so that more connections than one are open at once.
    QList<QNetworkAccessManager*> managers;
    for (int i = 0; i < 8; ++i) {
        managers.append(new QNetworkAccessManager(this));
    }
    int pending = 0;
    int grants = 0;
    int failures = 0;
    const auto track = [&](QNetworkReply* reply, int expected, const std::function<void(const QByteArray&)>& check) {
        ++pending;
        connect(reply, &QNetworkReply::finished, this, [&, reply, expected, check] {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status != expected) {
                ++failures;
                qWarning() << reply->url().path() << status << reply->readAll().left(200);
            } else if (check) {
                check(reply->readAll());
            }
            reply->deleteLater();
            --pending;
        });
    };
    for (int round = 0; round < 25; ++round) {
        for (int i = 0; i < clients.size(); ++i) {
            const CreatedClient& client = clients.at(i);
            QNetworkRequest request(server.tokenUrl());
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-www-form-urlencoded"));
            request.setRawHeader("Authorization", HttpTestClient::basic(client.id, client.secret));
            track(managers.at((round + i) % managers.size())->post(request, "grant_type=client_credentials"), 200,
                  [&](const QByteArray& body) {
                      if (!QJsonDocument::fromJson(body).object().value(u"access_token"_s).toString().isEmpty()) {
                          ++grants;
                      }
                  });
        }
        // Meanwhile: a new client, a rename, a list, a space.
        QNetworkRequest create(server.url(u"/api/v1/clients"_s));
        create.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        create.setRawHeader("Authorization", "Bearer " + admin.toLatin1());
        track(managers.at(round % managers.size())
                  ->post(create, QJsonDocument(apiBody(u"Added %1"_s.arg(round))).toJson()),
              201, {});
        QNetworkRequest patch(server.url(u"/api/v1/clients/"_s + clients.at(round % clients.size()).id));
        patch.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/merge-patch+json"));
        patch.setRawHeader("Authorization", "Bearer " + admin.toLatin1());
        track(managers.at((round + 1) % managers.size())
                  ->sendCustomRequest(
                      patch, "PATCH",
                      QJsonDocument(QJsonObject{{u"client_name"_s, u"Renamed %1"_s.arg(round)}}).toJson()),
              200, {});
        QNetworkRequest list(server.url(u"/api/v1/clients?sort=-client_name"_s));
        list.setRawHeader("Authorization", "Bearer " + admin.toLatin1());
        track(managers.at((round + 2) % managers.size())->get(list), 200, {});
        QNetworkRequest space(server.url(u"/api/v1/spaces"_s));
        space.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        space.setRawHeader("Authorization", "Bearer " + admin.toLatin1());
        track(
            managers.at((round + 3) % managers.size())
                ->post(space,
                       QJsonDocument(QJsonObject{{u"space_id"_s, u"S%1"_s.arg(round)}, {u"name"_s, u"S"_s}}).toJson()),
            201, {});
    }
    QTRY_COMPARE_WITH_TIMEOUT(pending, 0, 120000);
    QCOMPARE(failures, 0);
    QCOMPARE(grants, 25 * 20);
    const QJsonObject page = http.get(server.url(u"/api/v1/clients?limit=0"_s), admin).object();
    QCOMPARE(page.value(u"total"_s).toInt(), 1 + 20 + 25);
    QCOMPARE(http.get(server.url(u"/api/v1/spaces"_s), admin).array().size(), 25);
    // Every change has its one audit record.
    const QJsonArray audit = http.get(server.url(u"/api/v1/audit/activities"_s), admin).array();
    QCOMPARE(audit.size(), 2 + 20 + 25 + 25 + 25); // 2: the bootstrap client and user
}

APPINT_TEST_MAIN(TestConcurrency)
#include "TestConcurrency.moc"
