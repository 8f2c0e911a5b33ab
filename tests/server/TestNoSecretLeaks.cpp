// No client secret or access token ever reaches a log line (every appint and
// Qt HttpServer category enabled, debug included), the audit log (JSON and
// CSV) or the store's files (database and WAL) in plain text.

#include "ServerTestSupport.h"
#include "TestMain.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QMutex>

using namespace Qt::StringLiterals;
using namespace appint::test;

namespace {
QMutex logMutex;
QStringList capturedLog;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    {
        QMutexLocker lock(&logMutex);
        capturedLog.append(QString::fromLatin1(context.category ? context.category : "") + u": "_s + message);
    }
    if (type == QtFatalMsg && previousHandler) {
        previousHandler(type, context, message);
    }
}
} // namespace

class TestNoSecretLeaks : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void secretsStayOutOfLogsAuditAndStore();
};

void TestNoSecretLeaks::initTestCase()
{
    QLoggingCategory::setFilterRules(u"appint.*=true\nqt.httpserver*=true"_s);
    previousHandler = qInstallMessageHandler(captureMessage);
}

void TestNoSecretLeaks::cleanupTestCase()
{
    qInstallMessageHandler(previousHandler);
}

void TestNoSecretLeaks::secretsStayOutOfLogsAuditAndStore()
{
    QStringList secrets;
    TestServer server(TestServer::Options{.demo = true});
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    secrets << server.adminSecret();
    HttpTestClient http;
    QString admin = adminToken(http, server);
    secrets << admin;

    // Create clients of every purpose; get, introspect and revoke tokens.
    QList<CreatedClient> clients;
    QJsonObject technical = technicalBody(u"Leak check"_s, u"LEAK_CHECK"_s, roleList({u"DW_ADMINISTRATOR"_s}));
    technical.insert(u"client_secret_expires_at"_s, server.clock().now() + 8 * 86400);
    for (const QJsonObject& body : {technical, apiBody(u"Leak api"_s), interactiveBody(u"Leak app"_s)}) {
        clients.append(createClient(http, server, admin, body));
        QCOMPARE(clients.last().status, 201);
        secrets << clients.last().secret;
    }
    for (const CreatedClient& client : std::as_const(clients)) {
        const QString token = http.token(server.tokenUrl(), client.id, client.secret);
        if (!token.isEmpty()) {
            secrets << token;
            http.postForm(server.url(u"/oauth/introspect"_s), {{u"token"_s, token}}, client.id, client.secret);
            http.postForm(server.url(u"/oauth/revoke"_s), {{u"token"_s, token}}, client.id, client.secret);
        }
        // A real secret with the wrong client id, in the header and in the form.
        http.postForm(server.tokenUrl(), {{u"grant_type"_s, u"client_credentials"_s}}, u"cl-wrong"_s, client.secret);
        http.postForm(server.tokenUrl(),
                      {{u"grant_type"_s, u"client_credentials"_s},
                       {u"client_id"_s, u"cl-wrong"_s},
                       {u"client_secret"_s, client.secret}});
        // And in places where it does not belong.
        http.send("GET", server.url(u"/api/v1/clients?q="_s + client.secret), {},
                  {{"Authorization", "Bearer " + admin.toLatin1()}});
        http.postJson(
            server.url(u"/api/v1/clients"_s),
            QJsonObject{{u"client_name"_s, u"x"_s}, {u"purpose"_s, u"api"_s}, {u"client_secret"_s, client.secret}},
            admin);
    }
    // The legacy secrets of the demo data.
    const QJsonArray all = http.get(server.url(u"/api/v1/clients?limit=100"_s), admin).object()[u"items"_s].toArray();
    for (const QJsonValue& item : all) {
        if (item[u"secret_retrievable"_s].toBool()) {
            const auto shown
                = http.get(server.url(u"/api/v1/clients/"_s + item[u"client_id"_s].toString() + u"/secret"_s), admin);
            QCOMPARE(shown.status, 200);
            secrets << shown.object().value(u"client_secret"_s).toString();
        }
    }
    // User passwords (issue 12): the bootstrap user's, one set on creation
    // over SCIM, one by PATCH, and one too short to accept.
    secrets << server.adminUserPassword();
    const HttpHeaders scim{{"Authorization", "Bearer " + admin.toLatin1()}, {"Content-Type", "application/scim+json"}};
    const QString created = u"created user password 1"_s;
    const QString patched = u"patched user password 2"_s;
    const QString tooShort = u"short pw 3"_s;
    secrets << created << patched << tooShort;
    const QByteArray quote(1, '"');
    const auto user = http.send("POST", server.url(u"/scim/v2/Users"_s),
                                R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"LEAKY",)"
                                R"("password":)"
                                    + quote + created.toUtf8() + quote + "}",
                                scim);
    QCOMPARE(user.status, 201);
    const QString userPath = u"/scim/v2/Users/"_s + user.object()[u"id"_s].toString();
    for (const QString& password : {patched, tooShort}) {
        http.send("PATCH", server.url(userPath),
                  R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[)"
                  R"({"op":"replace","path":"password","value":)"
                      + quote + password.toUtf8() + quote + "}]}",
                  scim);
    }
    http.send("GET", server.url(u"/scim/v2/Users?filter=userName%20eq%20%22"_s + created + u"%22"_s), {}, scim);
    // Expire and renew the technical client: a new secret.
    server.clock().advance(8 * 86400);
    admin = adminToken(http, server);
    secrets << admin;
    const auto renewed
        = http.patchJson(server.url(u"/api/v1/clients/"_s + clients.first().id),
                         QJsonObject{{u"client_secret_expires_at"_s, server.clock().now() + 30 * 86400}}, admin);
    QCOMPARE(renewed.status, 200);
    secrets << renewed.object().value(u"client_secret"_s).toString();
    QCOMPARE(http.del(server.url(u"/api/v1/clients/"_s + clients.at(1).id), admin).status, 204);
    const QByteArray auditJson = http.get(server.url(u"/api/v1/audit/activities"_s), admin).body;
    const QByteArray auditCsv = http.get(server.url(u"/api/v1/audit/activities?format=csv"_s), admin).body;
    QVERIFY(auditJson.contains("client.secret.show"));
    QVERIFY(auditJson.contains("client.extend"));
    const QString dataDir = server.dataDir();
    server.stop(); // flush everything the store writes

    QByteArray storeBytes;
    for (const QString& name : QDir(dataDir).entryList({u"tenant.db*"_s}, QDir::Files)) {
        QFile file(QDir(dataDir).filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        storeBytes += file.readAll();
    }
    QVERIFY(storeBytes.size() > 4096);

    QString log;
    {
        QMutexLocker lock(&logMutex);
        log = capturedLog.join(u'\n');
    }
    QVERIFY2(log.contains(u"/oauth/token"_s), "the request log was captured"); // the test sees the log at all
    QVERIFY(log.contains(u"/api/v1/clients"_s));
    QVERIFY(secrets.size() >= 12);
    for (const QString& secret : std::as_const(secrets)) {
        QVERIFY(!secret.isEmpty());
        if (log.contains(secret)) {
            const qsizetype at = log.indexOf(secret);
            std::fprintf(stderr, "%s\n", qPrintable(log.mid(std::max<qsizetype>(0, at - 300), 400)));
        }
        QVERIFY2(!log.contains(secret), qPrintable(u"in the log: "_s + secret.left(8)));
        QVERIFY2(!auditJson.contains(secret.toLatin1()), "in the JSON audit log");
        QVERIFY2(!auditCsv.contains(secret.toLatin1()), "in the CSV audit log");
        QVERIFY2(!storeBytes.contains(secret.toLatin1()), qPrintable(u"in the store: "_s + secret.left(8)));
        // The signature part of a token on its own is as good as the token.
        if (secret.count(u'.') == 2) {
            QVERIFY(!log.contains(secret.section(u'.', 2)));
        }
    }
}

APPINT_TEST_MAIN(TestNoSecretLeaks)
#include "TestNoSecretLeaks.moc"
