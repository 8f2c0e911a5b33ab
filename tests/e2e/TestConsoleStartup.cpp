#include "console/AdminCredentials.h"
#include "console/ConsoleCommandLine.h"
#include "console/SandboxTenant.h"

#include "HttpTestClient.h"
#include "TestMain.h"

#include <QApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace appint::test {

class TestConsoleStartup : public QObject
{
    Q_OBJECT

private slots:
    void testVersion();
    void testHelp();
    void testBadArguments_data();
    void testBadArguments();
    void testParse();
    void testAdminCredentials_data();
    void testAdminCredentials();
    void testSandboxTenant();

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run run(const QStringList& arguments);
};

TestConsoleStartup::Run TestConsoleStartup::run(const QStringList& arguments)
{
    QProcess process;
    process.start(QStringLiteral(APPINT_CONSOLE_PATH), arguments);
    Run result;
    if (!process.waitForFinished(60'000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    result.err = QString::fromLocal8Bit(process.readAllStandardError());
    return result;
}

void TestConsoleStartup::testVersion()
{
    const Run result = run({u"--version"_s});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, u"appint-console %1\n"_s.arg(QStringLiteral(APPINT_VERSION)));
}

void TestConsoleStartup::testHelp()
{
    const Run result = run({u"--help"_s});
    QCOMPARE(result.exitCode, 0);
    for (const QString& option : {u"--tenant <url>"_s, u"--admin-credentials <file>"_s, u"--sandbox-dir <dir>"_s,
                                  u"--version"_s, u"local sandbox tenant"_s}) {
        QVERIFY2(result.out.contains(option), qPrintable(option));
    }
}

void TestConsoleStartup::testBadArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("error");
    QTest::newRow("tenant alone") << QStringList{u"--tenant"_s, u"http://127.0.0.1:1"_s}
                                  << u"--tenant and --admin-credentials go together."_s;
    QTest::newRow("credentials alone") << QStringList{u"--admin-credentials"_s, u"x.json"_s}
                                       << u"--tenant and --admin-credentials go together."_s;
    QTest::newRow("not a web URL") << QStringList{u"--tenant"_s, u"ftp://host"_s, u"--admin-credentials"_s, u"x"_s}
                                   << u"--tenant needs an http or https URL"_s;
    QTest::newRow("unknown option") << QStringList{u"--frobnicate"_s} << u"Unknown option 'frobnicate'."_s;
    QTest::newRow("stray argument") << QStringList{u"extra"_s} << u"Unexpected argument: extra"_s;
}

void TestConsoleStartup::testBadArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, error);
    const Run result = run(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(error), qPrintable(result.err));
    QVERIFY(result.err.contains(u"Usage:"_s));
}

void TestConsoleStartup::testParse()
{
    auto parsed = ConsoleCommandLine::parse({u"appint-console"_s});
    QCOMPARE(parsed.action, ConsoleCommandLine::Action::Sandbox);
    QVERIFY(parsed.sandboxDir.isEmpty());

    parsed = ConsoleCommandLine::parse({u"appint-console"_s, u"--sandbox-dir"_s, u"/tmp/x"_s});
    QCOMPARE(parsed.action, ConsoleCommandLine::Action::Sandbox);
    QCOMPARE(parsed.sandboxDir, u"/tmp/x"_s);

    parsed = ConsoleCommandLine::parse({u"appint-console"_s, u"--tenant"_s, u"https://tenant.example.com"_s,
                                        u"--admin-credentials"_s, u"/etc/admin.json"_s});
    QCOMPARE(parsed.action, ConsoleCommandLine::Action::Remote);
    QCOMPARE(parsed.tenantUrl, QUrl(u"https://tenant.example.com"_s));
    QCOMPARE(parsed.credentialsFile, u"/etc/admin.json"_s);

    parsed = ConsoleCommandLine::parse({u"appint-console"_s, u"--tenant"_s, u"https://t.example.com"_s,
                                        u"--admin-credentials"_s, u"a.json"_s, u"--sandbox-dir"_s, u"d"_s});
    QCOMPARE(parsed.action, ConsoleCommandLine::Action::Fail);
    QVERIFY(parsed.error.contains(u"--sandbox-dir"_s));
}

void TestConsoleStartup::testAdminCredentials_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("error"); // empty: loads
    QTest::newRow("bootstrap file")
        << R"({"client_id": "sb-admin", "client_secret": "top-secret-value", "token_url": "http://h/oauth/token"})"_ba
        << QString();
    QTest::newRow("not JSON") << "client_id=sb-admin"_ba << u"is not a JSON file like bootstrap-admin.json"_s;
    QTest::newRow("no secret") << R"({"client_id": "sb-admin"})"_ba << u"needs \"client_id\" and \"client_secret\""_s;
    QTest::newRow("no id") << R"({"client_secret": "top-secret-value"})"_ba
                           << u"needs \"client_id\" and \"client_secret\""_s;
    // Issue 16: the admin secret goes to the token_url: http(s) only.
    QTest::newRow("javascript token_url")
        << R"({"client_id": "sb-admin", "client_secret": "top-secret-value", "token_url": "javascript:void"})"_ba
        << u"\"token_url\" of"_s;
}

void TestConsoleStartup::testAdminCredentials()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, error);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"admin.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();

    AdminCredentials credentials;
    QString message;
    const bool loaded = credentials.load(path, &message);
    QCOMPARE(loaded, error.isEmpty());
    if (loaded) {
        QCOMPARE(credentials.clientId, u"sb-admin"_s);
        QCOMPARE(credentials.clientSecret, Secret(u"top-secret-value"_s));
        QCOMPARE(credentials.tokenUrl, QUrl(u"http://h/oauth/token"_s));
    } else {
        QVERIFY2(message.contains(error), qPrintable(message));
        QVERIFY(message.contains(path));
        QVERIFY(!message.contains(u"top-secret-value"_s));
    }

    AdminCredentials missing;
    QVERIFY(!missing.load(dir.filePath(u"missing.json"_s), &message));
    QVERIFY(message.startsWith(u"Cannot read the administrator credentials"_s));
}

void TestConsoleStartup::testSandboxTenant()
{
    QTemporaryDir dir;
    const QString data = dir.filePath(u"sandbox"_s);
    QString clientId;
    qint64 total = 0;
    HttpTestClient http;
    {
        SandboxTenant sandbox(data);
        QString error;
        QVERIFY2(sandbox.start(&error), qPrintable(error));
        QCOMPARE(sandbox.baseUrl().host(), u"127.0.0.1"_s);
        QVERIFY(sandbox.baseUrl().port() > 0);
        clientId = sandbox.credentials().clientId;
        QVERIFY(!clientId.isEmpty());
        QVERIFY(QFile::exists(data + u"/bootstrap-admin.json"_s));

        // Real HTTP with the bootstrap administrator's credentials.
        QUrl tokenUrl = sandbox.baseUrl();
        tokenUrl.setPath(u"/oauth/token"_s);
        const QString token = http.token(tokenUrl, clientId, sandbox.credentials().clientSecret.toString());
        QVERIFY(!token.isEmpty());
        QUrl clients = sandbox.baseUrl();
        clients.setPath(u"/api/v1/clients"_s);
        const HttpTestReply reply = http.get(clients, token);
        QCOMPARE(reply.status, 200);
        total = reply.object().value(u"total"_s).toInteger();
        QVERIFY2(total >= 5, "the demo data is seeded on first start");
        QCOMPARE(QUrl(reply.object().value(u"items"_s).toArray().at(0).toObject().value(u"client_id"_s).toString())
                     .isEmpty(),
                 false);
    }
    // A second start finds the same store and administrator, and no new demo data.
    SandboxTenant again(data);
    QString error;
    QVERIFY2(again.start(&error), qPrintable(error));
    QCOMPARE(again.credentials().clientId, clientId);
    QUrl tokenUrl = again.baseUrl();
    tokenUrl.setPath(u"/oauth/token"_s);
    const QString token = http.token(tokenUrl, clientId, again.credentials().clientSecret.toString());
    QUrl clients = again.baseUrl();
    clients.setPath(u"/api/v1/clients"_s);
    QCOMPARE(http.get(clients, token).object().value(u"total"_s).toInteger(), total);
}

} // namespace appint::test

APPINT_TEST_GUI_MAIN(appint::test::TestConsoleStartup)
#include "TestConsoleStartup.moc"
