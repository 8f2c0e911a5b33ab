// What survives a restart, how the data folder looks (file modes, schema,
// WAL), that only one server uses a folder, and that a bootstrap happens once.

#include "ServerTestSupport.h"
#include "TestMain.h"

#include "server/ServerThread.h"
#include "server/storage/Store.h"
#include "server/tenant/Tenant.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace appint::test;

namespace {
int modeOf(const QString& path)
{
    struct stat info
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 07777) : -1;
}

// Reads the store from outside the server, as another process would.
struct OutsideReader
{
    explicit OutsideReader(const QString& path)
        : name(u"outside-%1"_s.arg(quintptr(this)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        db.open();
    }
    ~OutsideReader() { QSqlDatabase::removeDatabase(name); }
    QVariant scalar(const QString& sql) const
    {
        QSqlQuery query(QSqlDatabase::database(name));
        return query.exec(sql) && query.next() ? query.value(0) : QVariant();
    }
    QString name;
};
} // namespace

class TestPersistence : public QObject
{
    Q_OBJECT

private slots:
    void restartKeepsEverything();
    void dataFolderIsPrivate();
    void acknowledgedWritesAreInTheStore();
    void schemaIsVersioned();
    void newerSchemaIsRefused();
    void oneServerPerFolder();
    void bootstrapHappensOnce();
    void interruptedBootstrapHandOverIsFinished();
    void looseKeyFileModeIsTightened();
    void damagedKeyFileStopsTheStart();
    void demoSeedsOnlyANewStore();
};

void TestPersistence::restartKeepsEverything()
{
    TestServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    HttpTestClient http;
    QString admin = adminToken(http, server);
    QCOMPARE(http.postJson(server.url(u"/api/v1/spaces"_s),
                           QJsonObject{{u"space_id"_s, u"KEEP"_s}, {u"name"_s, u"Keep"_s}}, admin)
                 .status,
             201);
    QCOMPARE(http.postJson(server.url(u"/api/v1/roles"_s),
                           QJsonObject{{u"role_id"_s, u"KEEPER"_s},
                                       {u"name"_s, u"Keeper"_s},
                                       {u"spaces"_s, QJsonArray{u"KEEP"_s}}},
                           admin)
                 .status,
             201);
    QJsonArray roles = roleList({u"DW_VIEWER"_s});
    roles.append(QJsonObject{{u"role_id"_s, u"KEEPER"_s}, {u"spaces"_s, QJsonArray{u"KEEP"_s}}});
    const auto client = createClient(http, server, admin, technicalBody(u"Kept"_s, u"KEPT"_s, roles));
    QCOMPARE(client.status, 201);
    const QString clientToken = http.token(server.tokenUrl(), client.id, client.secret);
    const QByteArray clients = http.get(server.url(u"/api/v1/clients"_s), admin).body;
    const QByteArray roleList_ = http.get(server.url(u"/api/v1/roles"_s), admin).body;
    const QByteArray spaces = http.get(server.url(u"/api/v1/spaces"_s), admin).body;
    const QByteArray audit = http.get(server.url(u"/api/v1/audit/activities"_s), admin).body;
    const QByteArray jwks = http.get(server.url(u"/oauth/jwks"_s)).body;

    QVERIFY2(server.restart(), qPrintable(server.errorString()));
    // The old administrator token still works: same key, same issuer.
    // The same clients; the list's revision starts a new epoch on every start (docs/server.md).
    const auto withoutRevision = [](const QByteArray& body) {
        QJsonObject object = QJsonDocument::fromJson(body).object();
        object.remove(u"revision"_s);
        return object;
    };
    QCOMPARE(withoutRevision(http.get(server.url(u"/api/v1/clients"_s), admin).body), withoutRevision(clients));
    QCOMPARE(http.get(server.url(u"/api/v1/roles"_s), admin).body, roleList_);
    QCOMPARE(http.get(server.url(u"/api/v1/spaces"_s), admin).body, spaces);
    QCOMPARE(http.get(server.url(u"/api/v1/audit/activities"_s), admin).body, audit);
    QCOMPARE(http.get(server.url(u"/oauth/jwks"_s)).body, jwks);
    QVERIFY(!http.token(server.tokenUrl(), client.id, client.secret).isEmpty());
    const auto introspection
        = http.postForm(server.url(u"/oauth/introspect"_s), {{u"token"_s, clientToken}}, client.id, client.secret);
    QCOMPARE(introspection.object().value(u"active"_s).toBool(), true);
}

void TestPersistence::dataFolderIsPrivate()
{
    QTemporaryDir parent;
    const QString dir = parent.filePath(u"new/data"_s);
    appint::ServerOptions options;
    options.dataDir = dir;
    appint::ServerThread thread(options);
    QString error;
    QVERIFY2(thread.start(&error), qPrintable(error));
    QCOMPARE(modeOf(dir), 0700);
    for (const QString& file : {u"server.key"_s, u"signing-key.pem"_s, u"tenant.db"_s, u"bootstrap-admin.json"_s}) {
        QCOMPARE(modeOf(QDir(dir).filePath(file)), 0600);
    }
    // SQLite gives its WAL file the database's mode.
    QVERIFY(QFileInfo::exists(QDir(dir).filePath(u"tenant.db-wal"_s)));
    QCOMPARE(modeOf(QDir(dir).filePath(u"tenant.db-wal"_s)), 0600);
    const QByteArray key = [&] {
        QFile file(QDir(dir).filePath(u"signing-key.pem"_s));
        file.open(QIODevice::ReadOnly);
        return file.readAll();
    }();
    QVERIFY(key.startsWith("-----BEGIN PRIVATE KEY-----"));
}

void TestPersistence::acknowledgedWritesAreInTheStore()
{
    TestServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    HttpTestClient http;
    const auto client = createClient(http, server, adminToken(http, server), apiBody(u"Durable"_s));
    QCOMPARE(client.status, 201);
    // Another connection sees the committed row while the server runs: the
    // transaction was committed before the 201 went out.
    OutsideReader store(QDir(server.dataDir()).filePath(u"tenant.db"_s));
    QCOMPARE(store.scalar(u"SELECT client_name FROM clients WHERE client_id = '%1'"_s.arg(client.id)).toString(),
             u"Durable"_s);
    QCOMPARE(
        store.scalar(u"SELECT COUNT(*) FROM audit WHERE action = 'client.create' AND target = '%1'"_s.arg(client.id))
            .toInt(),
        1);
    QCOMPARE(store.scalar(u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
    // Only a keyed hash of the secret is stored.
    const QByteArray hash
        = store.scalar(u"SELECT secret_hash FROM clients WHERE client_id = '%1'"_s.arg(client.id)).toByteArray();
    QCOMPARE(hash.size(), 32);
    QVERIFY(!hash.contains(client.secret.toLatin1()));
}

void TestPersistence::schemaIsVersioned()
{
    TestServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    OutsideReader store(QDir(server.dataDir()).filePath(u"tenant.db"_s));
    QCOMPARE(store.scalar(u"PRAGMA user_version"_s).toInt(), appint::Store::SchemaVersion);
    for (const QString& table : {u"clients"_s, u"roles"_s, u"spaces"_s, u"audit"_s, u"revoked_tokens"_s, u"meta"_s}) {
        QCOMPARE(store.scalar(u"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '%1'"_s.arg(table))
                     .toInt(),
                 1);
    }
}

void TestPersistence::newerSchemaIsRefused()
{
    QTemporaryDir dir;
    {
        appint::ServerOptions options;
        options.dataDir = dir.path();
        appint::ServerThread thread(options);
        QVERIFY(thread.start(nullptr));
    }
    {
        const QString name = u"bump"_s;
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(dir.filePath(u"tenant.db"_s));
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"PRAGMA user_version = %1"_s.arg(appint::Store::SchemaVersion + 1)));
        query.finish();
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
    }
    appint::ServerOptions options;
    options.dataDir = dir.path();
    appint::ServerThread thread(options);
    QString error;
    QVERIFY(!thread.start(&error));
    QVERIFY2(error.contains(u"newer"_s), qPrintable(error));
    QVERIFY(!thread.isRunning());
}

void TestPersistence::oneServerPerFolder()
{
    TestServer first;
    QVERIFY2(first.start(), qPrintable(first.errorString()));
    appint::ServerOptions options;
    options.dataDir = first.dataDir();
    appint::ServerThread second(options);
    QString error;
    QVERIFY(!second.start(&error));
    QVERIFY2(error.contains(u"another appint-server"_s), qPrintable(error));
    // The first one is undisturbed.
    HttpTestClient http;
    QVERIFY(!adminToken(http, first).isEmpty());
    // Once it stops, the folder is free.
    first.stop();
    QVERIFY2(second.start(&error), qPrintable(error));
}

void TestPersistence::bootstrapHappensOnce()
{
    TestServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QFile file(server.bootstrapFilePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    file.close();
    const QJsonObject credentials = QJsonDocument::fromJson(content).object();
    QCOMPARE(credentials.keys(),
             (QStringList{u"client_id"_s, u"client_secret"_s, u"token_url"_s, u"user_name"_s, u"user_password"_s}));
    QCOMPARE(credentials.value(u"token_url"_s).toString(), server.tokenUrl().toString());

    QVERIFY2(server.restart(), qPrintable(server.errorString()));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), content); // left alone
    file.close();

    // Removed by the admin: a restart does not bring it (or a new admin) back.
    QVERIFY(QFile::remove(server.bootstrapFilePath()));
    QVERIFY2(server.restart(), qPrintable(server.errorString()));
    QVERIFY(!QFileInfo::exists(server.bootstrapFilePath()));
    HttpTestClient http;
    const QString admin = adminToken(http, server);
    QCOMPARE(http.get(server.url(u"/api/v1/clients?q=Bootstrap"_s), admin).object().value(u"total"_s).toInt(), 1);
    QCOMPARE(http.get(server.url(u"/api/v1/clients/"_s + server.adminClientId()), admin)
                 .object()
                 .value(u"user_id"_s)
                 .toString(),
             u"ADMIN"_s);
}

void TestPersistence::interruptedBootstrapHandOverIsFinished()
{
    TestServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    server.stop();
    // As if the server had died between committing the administrator and
    // moving the credentials into place.
    QVERIFY(QFile::rename(server.bootstrapFilePath(), server.bootstrapFilePath() + u".new"_s));
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QVERIFY(QFileInfo::exists(server.bootstrapFilePath()));
    QVERIFY(!QFileInfo::exists(server.bootstrapFilePath() + u".new"_s));
    HttpTestClient http;
    QVERIFY(!adminToken(http, server).isEmpty());
}

void TestPersistence::looseKeyFileModeIsTightened()
{
    QTemporaryDir dir;
    appint::ServerOptions options;
    options.dataDir = dir.path();
    {
        appint::TenantServer server(options);
        QVERIFY(server.start(nullptr));
        QVERIFY(server.warnings().isEmpty());
    }
    const QString key = dir.filePath(u"server.key"_s);
    QVERIFY(QFile::setPermissions(key, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
    appint::TenantServer server(options);
    QVERIFY(server.start(nullptr));
    QCOMPARE(modeOf(key), 0600);
    QCOMPARE(server.warnings().size(), 1);
    QVERIFY(server.warnings().constFirst().contains(u"server.key"_s));
}

void TestPersistence::damagedKeyFileStopsTheStart()
{
    QTemporaryDir dir;
    appint::ServerOptions options;
    options.dataDir = dir.path();
    {
        appint::TenantServer server(options);
        QVERIFY(server.start(nullptr));
    }
    QFile key(dir.filePath(u"signing-key.pem"_s));
    QVERIFY(key.open(QIODevice::WriteOnly | QIODevice::Truncate));
    key.write("not a key\n");
    key.close();
    appint::TenantServer server(options);
    QString error;
    QVERIFY(!server.start(&error));
    QVERIFY2(error.contains(u"signing-key.pem"_s), qPrintable(error));
    // The failed start released the folder.
    QFile::remove(dir.filePath(u"signing-key.pem"_s));
    QVERIFY(server.start(&error)); // a new key is made
}

void TestPersistence::demoSeedsOnlyANewStore()
{
    QTemporaryDir dir;
    appint::ServerOptions options;
    options.dataDir = dir.path();
    {
        appint::TenantServer server(options);
        QVERIFY(server.start(nullptr));
        QVERIFY(server.createdBootstrapAdministrator());
    }
    options.demo = true;
    appint::TenantServer server(options);
    QVERIFY(server.start(nullptr));
    QVERIFY(!server.createdBootstrapAdministrator());
    QVERIFY(!server.seededDemoData());
    QCOMPARE(server.tenant()->clientCount(), 1);
    QCOMPARE(server.warnings().size(), 1);
    QVERIFY(server.warnings().constFirst().contains(u"--demo"_s));
}

APPINT_TEST_MAIN(TestPersistence)
#include "TestPersistence.moc"
