// The TestServer fixture that other suites build on: it starts, hands out the
// bootstrap administrator, serves the first milestone's endpoints, and keeps
// its data across restart().

#include "HttpTestClient.h"
#include "TestMain.h"
#include "TestServer.h"

#include <QFileInfo>
#include <QJsonArray>

using namespace Qt::StringLiterals;
using appint::test::HttpTestClient;
using appint::test::TestServer;

class TestServerFixture : public QObject
{
    Q_OBJECT

private slots:
    void startsWithBootstrapAdministrator();
    void adminCreatesClientThatGetsToken();
    void restartKeepsDataAndCredentials();
    void clockMovesExpiry();
};

void TestServerFixture::startsWithBootstrapAdministrator()
{
    TestServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QCOMPARE(server.baseUrl().host(), u"127.0.0.1"_s);
    QVERIFY(server.baseUrl().port() > 0);
    QVERIFY(server.adminClientId().startsWith(u"cl-"_s));
    QCOMPARE(server.adminSecret().size(), 43); // 256 bits, base64url
    QVERIFY(QFileInfo::exists(server.bootstrapFilePath()));
    QCOMPARE(server.clock().now(), 1'750'000'000);
}

void TestServerFixture::adminCreatesClientThatGetsToken()
{
    TestServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    HttpTestClient http;
    const QString admin = http.token(server.tokenUrl(), server.adminClientId(), server.adminSecret());
    QVERIFY(!admin.isEmpty());

    const auto tenant = http.get(server.url(u"/api/v1/tenant"_s), admin);
    QCOMPARE(tenant.status, 200);
    QCOMPARE(tenant.object().value(u"tenant_name"_s).toString(), u"Test tenant"_s);
    QCOMPARE(tenant.object().value(u"token_url"_s).toString(), server.tokenUrl().toString());

    const auto created = http.postJson(server.url(u"/api/v1/clients"_s),
                                       QJsonObject{{u"client_name"_s, u"Reporting"_s},
                                                   {u"purpose"_s, u"api"_s},
                                                   {u"access"_s, QJsonArray{u"user_provisioning"_s}}},
                                       admin);
    QCOMPARE(created.status, 201);
    const QString id = created.object().value(u"client_id"_s).toString();
    const QString secret = created.object().value(u"client_secret"_s).toString();
    QVERIFY(!id.isEmpty());
    QVERIFY(!secret.isEmpty());

    const auto fetched = http.get(server.url(u"/api/v1/clients/"_s + id), admin);
    QCOMPARE(fetched.status, 200);
    QVERIFY(!fetched.object().contains(u"client_secret"_s));
    QVERIFY(!http.token(server.tokenUrl(), id, secret).isEmpty());
}

void TestServerFixture::restartKeepsDataAndCredentials()
{
    TestServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    HttpTestClient http;
    QString admin = http.token(server.tokenUrl(), server.adminClientId(), server.adminSecret());
    const auto created = http.postJson(server.url(u"/api/v1/spaces"_s),
                                       QJsonObject{{u"space_id"_s, u"SALES"_s}, {u"name"_s, u"Sales"_s}}, admin);
    QCOMPARE(created.status, 201);
    const QString id = server.adminClientId();
    const QString secret = server.adminSecret();

    QVERIFY2(server.restart(), qPrintable(server.errorString()));
    QCOMPARE(server.adminClientId(), id);
    QCOMPARE(server.adminSecret(), secret);
    admin = http.token(server.tokenUrl(), server.adminClientId(), server.adminSecret());
    QVERIFY(!admin.isEmpty());
    const auto spaces = http.get(server.url(u"/api/v1/spaces"_s), admin);
    QCOMPARE(spaces.status, 200);
    QCOMPARE(spaces.array().size(), 1);
    QCOMPARE(spaces.array().at(0).toObject().value(u"space_id"_s).toString(), u"SALES"_s);
}

void TestServerFixture::clockMovesExpiry()
{
    TestServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    HttpTestClient http;
    const QString admin = http.token(server.tokenUrl(), server.adminClientId(), server.adminSecret());
    const auto created
        = http.postJson(server.url(u"/api/v1/clients"_s),
                        QJsonObject{{u"client_name"_s, u"Short-lived"_s},
                                    {u"purpose"_s, u"technical"_s},
                                    {u"user_id"_s, u"SHORT"_s},
                                    {u"roles"_s, QJsonArray{QJsonObject{{u"role_id"_s, u"DW_VIEWER"_s}}}},
                                    {u"client_secret_expires_at"_s, server.clock().now() + 7 * 86400}},
                        admin);
    QCOMPARE(created.status, 201);
    const QString id = created.object().value(u"client_id"_s).toString();
    const QString secret = created.object().value(u"client_secret"_s).toString();
    QVERIFY(!http.token(server.tokenUrl(), id, secret).isEmpty());
    server.clock().advance(7 * 86400);
    QVERIFY(http.token(server.tokenUrl(), id, secret).isEmpty());
}

APPINT_TEST_MAIN(TestServerFixture)
#include "TestServerFixture.moc"
