// The store at its limits, against a real server: a write that cannot get
// the store within 2 s (another process holds SQLite's write lock) answers
// 503 with Retry-After while reads and grants go on; a full disk answers 507
// and changes nothing; expired revocations are pruned on a timer; and
// `--reset-admin` opens a locked tenant again.

#include "ServerTestSupport.h"
#include "TestMain.h"

#include "server/ServerThread.h"
#include "server/TenantServer.h"
#include "server/tenant/Tenant.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace appint::test;

namespace {

QString serverPath()
{
    return qEnvironmentVariable("APPINT_BINARY_DIR") + u"/bin/appint-server"_s;
}

int run(const QString& program, const QStringList& arguments, QByteArray* output = nullptr)
{
    QProcess process;
    process.setProgram(program);
    process.setArguments(arguments);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start();
    if (!process.waitForFinished(60000)) {
        process.kill();
        return -1;
    }
    if (output) {
        *output = process.readAll();
    }
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject{};
}

} // namespace

class TestStoreLimits : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();

    void busyStoreAnswers503AndReadsGoOn();
    void fullDiskAnswers507AndChangesNothing();
    void expiredRevocationsArePruned();
    void resetAdminOpensALockedTenant();
    void resetAdminRefusesWhileServing();
    void rememberedPortIsKeptWhenFree();

private:
    QString m_mountPoint;
};

void TestStoreLimits::cleanup()
{
    if (!m_mountPoint.isEmpty()) {
        run(u"umount"_s, {u"-l"_s, m_mountPoint});
        QDir(m_mountPoint).removeRecursively();
        m_mountPoint.clear();
    }
}

void TestStoreLimits::busyStoreAnswers503AndReadsGoOn()
{
    TestServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    HttpTestClient http;
    const QString admin = adminToken(http, server);
    QVERIFY(!admin.isEmpty());

    // Another process's writer: a second connection holding the write lock.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"holder"_s);
        db.setDatabaseName(QDir(server.dataDir()).absoluteFilePath(appint::TenantServer::storeFileName()));
        QVERIFY(db.open());
        QSqlQuery hold(db);
        QVERIFY2(hold.exec(u"BEGIN IMMEDIATE"_s), qPrintable(hold.lastError().text()));

        const auto busy = http.postJson(server.url(u"/api/v1/spaces"_s),
                                        QJsonObject{{u"space_id"_s, u"BUSY"_s}, {u"name"_s, u"Busy"_s}}, admin);
        QCOMPARE(busy.status, 503);
        QVERIFY(busy.header("Content-Type").startsWith("application/problem+json"));
        QVERIFY(busy.header("Retry-After").toInt() >= 1);
        QCOMPARE(busy.object().value(u"status"_s).toInt(), 503);

        // Reads and grants are answered meanwhile (from memory).
        const auto jwks = http.get(server.url(u"/oauth/jwks"_s));
        QCOMPARE(jwks.status, 200);
        QVERIFY(!jwks.object().value(u"keys"_s).toArray().isEmpty());
        QVERIFY(!http.token(server.tokenUrl(), server.adminClientId(), server.adminSecret()).isEmpty());
        QCOMPARE(http.get(server.url(u"/api/v1/clients"_s), admin).status, 200);
        QVERIFY(http.get(server.url(u"/api/v1/spaces"_s), admin).array().isEmpty());
        // A revocation is a write too: 503 (RFC 7009), and the token still counts.
        const auto revoke = http.postForm(server.url(u"/oauth/revoke"_s), {{u"token"_s, admin}}, server.adminClientId(),
                                          server.adminSecret());
        QCOMPARE(revoke.status, 503);
        QVERIFY(revoke.header("Retry-After").toInt() >= 1);
        QCOMPARE(revoke.object().value(u"error"_s).toString(), u"temporarily_unavailable"_s);
        QCOMPARE(http.get(server.url(u"/api/v1/tenant"_s), admin).status, 200);

        QVERIFY(hold.exec(u"ROLLBACK"_s));
        hold.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"holder"_s);

    // Nothing was written; the same write now succeeds.
    QVERIFY(http.get(server.url(u"/api/v1/spaces"_s), admin).array().isEmpty());
    QCOMPARE(http.postJson(server.url(u"/api/v1/spaces"_s),
                           QJsonObject{{u"space_id"_s, u"BUSY"_s}, {u"name"_s, u"Busy"_s}}, admin)
                 .status,
             201);
    QCOMPARE(http.postForm(server.url(u"/oauth/revoke"_s), {{u"token"_s, admin}}, server.adminClientId(),
                           server.adminSecret())
                 .status,
             200);
    QCOMPARE(http.get(server.url(u"/api/v1/tenant"_s), admin).status, 401);
}

void TestStoreLimits::fullDiskAnswers507AndChangesNothing()
{
    // A small file system of the test's own (tests run as root).
    QTemporaryDir parent;
    QVERIFY(parent.isValid());
    parent.setAutoRemove(false);
    m_mountPoint = parent.path();
    QByteArray output;
    QVERIFY2(run(u"mount"_s, {u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size=4m,mode=0700"_s, u"tmpfs"_s, m_mountPoint}, &output)
                 == 0,
             output.constData());

    appint::ServerOptions options;
    options.dataDir = m_mountPoint + u"/data"_s;
    options.clock = std::make_shared<ManualClock>(1'750'000'000);
    options.threads = 2;
    options.drainTimeoutMs = 2000;
    appint::ServerThread server(options);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    const QJsonObject credentials = readJson(server.bootstrapFilePath());
    const QString id = credentials.value(u"client_id"_s).toString();
    const QString secret = credentials.value(u"client_secret"_s).toString();
    const QUrl base = server.baseUrl();
    HttpTestClient http;
    const QString admin = http.token(base.resolved(QUrl(u"/oauth/token"_s)), id, secret);
    QVERIFY(!admin.isEmpty());
    const QUrl spaces = base.resolved(QUrl(u"/api/v1/spaces"_s));
    QCOMPARE(http.postJson(spaces, QJsonObject{{u"space_id"_s, u"BEFORE"_s}, {u"name"_s, u"Before"_s}}, admin).status,
             201);

    // Fill the disk.
    QFile filler(m_mountPoint + u"/filler"_s);
    QVERIFY(filler.open(QIODevice::WriteOnly));
    const QByteArray chunk(64 * 1024, 'x');
    while (filler.write(chunk) == chunk.size() && filler.flush()) { }
    const QByteArray small(512, 'x');
    while (filler.write(small) > 0 && filler.flush()) { }
    filler.close();

    const auto full = http.postJson(spaces, QJsonObject{{u"space_id"_s, u"FULL"_s}, {u"name"_s, u"Full"_s}}, admin);
    QCOMPARE(full.status, 507);
    QVERIFY(full.header("Content-Type").startsWith("application/problem+json"));
    QVERIFY(full.object().value(u"detail"_s).toString().contains(u"disk"_s));
    // Memory is unchanged and grants go on.
    const QJsonArray after = http.get(spaces, admin).array();
    QCOMPARE(after.size(), 1);
    QCOMPARE(after.at(0)[u"space_id"_s].toString(), u"BEFORE"_s);
    QVERIFY(!http.token(base.resolved(QUrl(u"/oauth/token"_s)), id, secret).isEmpty());
    QCOMPARE(http.get(base.resolved(QUrl(u"/oauth/jwks"_s))).status, 200);

    // Space again: the write succeeds, and a restart shows exactly it.
    QVERIFY(QFile::remove(m_mountPoint + u"/filler"_s));
    QCOMPARE(http.postJson(spaces, QJsonObject{{u"space_id"_s, u"FULL"_s}, {u"name"_s, u"Full"_s}}, admin).status, 201);
    server.stop();
    appint::ServerThread again(options);
    QVERIFY2(again.start(&error), qPrintable(error));
    const QString token = http.token(again.baseUrl().resolved(QUrl(u"/oauth/token"_s)), id, secret);
    const QJsonArray stored = http.get(again.baseUrl().resolved(QUrl(u"/api/v1/spaces"_s)), token).array();
    QCOMPARE(stored.size(), 2);
    QCOMPARE(stored.at(1)[u"name"_s].toString(), u"Full"_s);
    again.stop();
}

void TestStoreLimits::expiredRevocationsArePruned()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto clock = std::make_shared<ManualClock>(1'750'000'000);
    appint::ServerOptions options;
    options.dataDir = dir.path();
    options.clock = clock;
    options.threads = 1;
    options.pruneIntervalMs = 1000; // the shortest the server allows
    appint::ServerThread server(options);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    const QJsonObject credentials = readJson(server.bootstrapFilePath());
    const QString id = credentials.value(u"client_id"_s).toString();
    const QString secret = credentials.value(u"client_secret"_s).toString();
    HttpTestClient http;
    const QUrl base = server.baseUrl();
    const QString token = http.token(base.resolved(QUrl(u"/oauth/token"_s)), id, secret);
    QVERIFY(!token.isEmpty());
    QCOMPARE(http.postForm(base.resolved(QUrl(u"/oauth/revoke"_s)), {{u"token"_s, token}}, id, secret).status, 200);
    appint::Tenant* tenant = server.server()->tenant();
    QCOMPARE(tenant->revokedTokenCount(), 1);

    // Still valid for a while: the timer keeps it.
    clock->advance(3600);
    QTest::qWait(1500);
    QCOMPARE(tenant->revokedTokenCount(), 1);
    // Expired (a technical token lives 86400 s): the next round forgets it,
    // in memory and in the store.
    clock->advance(86400);
    QTRY_COMPARE_WITH_TIMEOUT(tenant->revokedTokenCount(), 0, 10000);
    server.stop();
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"reader"_s);
    db.setDatabaseName(QDir(dir.path()).absoluteFilePath(appint::TenantServer::storeFileName()));
    QVERIFY(db.open());
    {
        QSqlQuery count(db);
        QVERIFY(count.exec(u"SELECT COUNT(*) FROM revoked_tokens"_s) && count.next());
        QCOMPARE(count.value(0).toInt(), 0);
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"reader"_s);
}

void TestStoreLimits::resetAdminOpensALockedTenant()
{
    TestServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    HttpTestClient http;
    const QString oldId = server.adminClientId();
    const QString oldSecret = server.adminSecret();
    const QString tokenUrl = readJson(server.bootstrapFilePath()).value(u"token_url"_s).toString();
    // The only administrator expires: nobody can manage the tenant.
    server.clock().advance(400 * 86400);
    QVERIFY(http.token(server.tokenUrl(), oldId, oldSecret).isEmpty());
    server.stop();

    QByteArray output;
    QCOMPARE(run(serverPath(), {u"--data-dir"_s, server.dataDir(), u"--reset-admin"_s}, &output), 0);
    const QString path = server.bootstrapFilePath();
    QVERIFY2(output.contains(path.toUtf8()), output.constData());
    const QJsonObject credentials = readJson(path);
    const QString newId = credentials.value(u"client_id"_s).toString();
    const QString newSecret = credentials.value(u"client_secret"_s).toString();
    QVERIFY(!newId.isEmpty() && newId != oldId);
    QVERIFY(!newSecret.isEmpty());
    QVERIFY2(!output.contains(newSecret.toUtf8()), "the secret is never printed");
    QCOMPARE(credentials.value(u"token_url"_s).toString(), tokenUrl); // kept from the old file
    struct stat info
    {
    };
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0600u);
    QVERIFY(!QFile::exists(path + u".new"_s));

    // The server's clock is the system clock in the subprocess, so the new
    // administrator is valid from now: start the fixture at the real time.
    QVERIFY(server.start());
    server.clock().set(QDateTime::currentSecsSinceEpoch());
    const QString admin = http.token(server.tokenUrl(), newId, newSecret);
    QVERIFY(!admin.isEmpty());
    const auto client = http.get(server.url(u"/api/v1/clients/"_s + newId), admin);
    QCOMPARE(client.status, 200);
    QCOMPARE(client.object().value(u"user_id"_s).toString(), u"ADMIN_2"_s); // ADMIN is still taken
    QCOMPARE(client.object().value(u"roles"_s).toArray().at(0)[u"role_id"_s].toString(), u"DW_ADMINISTRATOR"_s);
    const QJsonArray audit = http.get(server.url(u"/api/v1/audit/activities"_s), admin).array();
    QCOMPARE(audit.last()[u"target"_s].toString(), newId);
    QCOMPARE(audit.last()[u"action"_s].toString(), u"client.create"_s);
    QVERIFY(audit.last()[u"detail"_s].toString().contains(u"--reset-admin"_s));
    QVERIFY(!QJsonDocument(audit).toJson().contains(newSecret.toUtf8()));
}

void TestStoreLimits::resetAdminRefusesWhileServing()
{
    TestServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const QByteArray before = QJsonDocument(readJson(server.bootstrapFilePath())).toJson();
    QByteArray output;
    QCOMPARE(run(serverPath(), {u"--data-dir"_s, server.dataDir(), u"--reset-admin"_s}, &output), 1);
    QVERIFY2(output.contains("stop it first"), output.constData());
    QCOMPARE(QJsonDocument(readJson(server.bootstrapFilePath())).toJson(), before);

    QTemporaryDir empty;
    QCOMPARE(run(serverPath(), {u"--data-dir"_s, empty.path(), u"--reset-admin"_s}, &output), 1);
    QVERIFY2(output.contains("holds no store"), output.constData());
}

void TestStoreLimits::rememberedPortIsKeptWhenFree()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    appint::ServerOptions options;
    options.dataDir = dir.path();
    options.clock = std::make_shared<ManualClock>(1'750'000'000);
    options.threads = 1;
    options.rememberPort = true;
    QString error;
    quint16 first = 0;
    {
        appint::ServerThread server(options);
        QVERIFY2(server.start(&error), qPrintable(error));
        first = quint16(server.baseUrl().port());
        QVERIFY(first != 0);
    }
    {
        appint::ServerThread server(options);
        QVERIFY2(server.start(&error), qPrintable(error));
        QCOMPARE(server.baseUrl().port(), int(first)); // the same port, so the same issuer
    }
    // Taken by someone else: an ephemeral port, remembered from now on.
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, first));
    quint16 second = 0;
    {
        appint::ServerThread server(options);
        QVERIFY2(server.start(&error), qPrintable(error));
        second = quint16(server.baseUrl().port());
        QVERIFY(second != 0 && second != first);
    }
    squatter.close();
    appint::ServerThread server(options);
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(server.baseUrl().port(), int(second));
}

APPINT_TEST_MAIN(TestStoreLimits)
#include "TestStoreLimits.moc"
