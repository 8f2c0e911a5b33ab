// `appint-server --import FILE --import-secrets-out OUT` (issue 11), the
// real program on the data folder of a real server: the clients of a good
// file are there through the API afterwards, with a client.create audit
// record each and working secrets in OUT (0600); a bad line, a taken or
// repeated client ID or user ID imports nothing and names the line and field.

#include "ServerTestSupport.h"
#include "TestMain.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace appint::test;

namespace {

QString serverPath()
{
    return qEnvironmentVariable("APPINT_BINARY_DIR") + u"/bin/appint-server"_s;
}

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runServer(const QStringList& arguments)
{
    QProcess process;
    process.start(serverPath(), arguments);
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
            process.readAllStandardError()};
}

QByteArray jsonLines(const QList<QJsonObject>& objects)
{
    QByteArray text;
    for (const QJsonObject& object : objects) {
        text += QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    }
    return text;
}

QList<QJsonObject> readJsonLines(const QString& path)
{
    QFile file(path);
    QList<QJsonObject> objects;
    if (file.open(QIODevice::ReadOnly)) {
        for (const QByteArray& line : file.readAll().split('\n')) {
            if (!line.isEmpty()) {
                objects.append(QJsonDocument::fromJson(line).object());
            }
        }
    }
    return objects;
}

QJsonObject withId(QJsonObject body, const QString& clientId)
{
    body.insert(u"client_id"_s, clientId);
    return body;
}

} // namespace

class TestServerImport : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void importsAllLines();
    void badFileImportsNothing_data();
    void badFileImportsNothing();
    void refusesAnExistingSecretsFile();

private:
    Run import(const QByteArray& content, const QString& secretsOut);
    QStringList clientIds();

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<QTemporaryDir> m_files;
    HttpTestClient m_http;
};

void TestServerImport::init()
{
    // The program runs on the system clock: the fixture starts at its time.
    TestServer::Options options;
    options.startTime = QDateTime::currentSecsSinceEpoch();
    m_server = std::make_unique<TestServer>(options);
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    const auto taken
        = m_http.postJson(m_server->url(u"/api/v1/clients"_s), technicalBody(u"Taken"_s, u"TAKEN_USER"_s),
                          m_http.token(m_server->tokenUrl(), m_server->adminClientId(), m_server->adminSecret()));
    QCOMPARE(taken.status, 201);
    m_server->stop();
    m_files = std::make_unique<QTemporaryDir>();
}

void TestServerImport::cleanup()
{
    m_server.reset();
    m_files.reset();
}

Run TestServerImport::import(const QByteArray& content, const QString& secretsOut)
{
    const QString path = m_files->filePath(u"clients.jsonl"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size()) {
        return {};
    }
    file.close();
    return runServer(
        {u"--data-dir"_s, m_server->dataDir(), u"--import"_s, path, u"--import-secrets-out"_s, secretsOut});
}

QStringList TestServerImport::clientIds()
{
    const QString admin = m_http.token(m_server->tokenUrl(), m_server->adminClientId(), m_server->adminSecret());
    QStringList ids;
    const QJsonArray items = m_http.get(m_server->url(u"/api/v1/clients?limit=5000&sort=client_id"_s), admin)
                                 .object()[u"items"_s]
                                 .toArray();
    for (const QJsonValue& item : items) {
        ids.append(item[u"client_id"_s].toString());
    }
    return ids;
}

void TestServerImport::importsAllLines()
{
    const QString secrets = m_files->filePath(u"secrets.jsonl"_s);
    const Run run = import(jsonLines({withId(technicalBody(u"Moved nightly ETL"_s, u"MOVED_ETL"_s), u"moved-etl-1"_s),
                                      apiBody(u"Moved provisioning"_s), interactiveBody(u"Moved portal"_s)})
                               + "\n",
                           secrets);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.startsWith("clients imported: 3; their secrets: "), run.out.constData());
    struct stat info
    {
    };
    QCOMPARE(::stat(QFile::encodeName(secrets).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0600u);
    const QList<QJsonObject> kept = readJsonLines(secrets);
    QCOMPARE(kept.size(), 3);
    QCOMPARE(kept.at(0)[u"client_id"_s].toString(), u"moved-etl-1"_s);
    QCOMPARE(kept.at(0)[u"line"_s].toInt(), 1);
    QCOMPARE(kept.at(2)[u"line"_s].toInt(), 3);
    for (const QJsonObject& line : kept) {
        QVERIFY(!line[u"client_secret"_s].toString().isEmpty());
        QVERIFY(!run.out.contains(line[u"client_secret"_s].toString().toUtf8()));
        QVERIFY(!run.err.contains(line[u"client_secret"_s].toString().toUtf8()));
    }

    QVERIFY(m_server->start());
    const QString admin = m_http.token(m_server->tokenUrl(), m_server->adminClientId(), m_server->adminSecret());
    const QJsonObject moved = m_http.get(m_server->url(u"/api/v1/clients/moved-etl-1"_s), admin).object();
    QCOMPARE(moved[u"client_name"_s].toString(), u"Moved nightly ETL"_s);
    QCOMPARE(moved[u"user_id"_s].toString(), u"MOVED_ETL"_s);
    QCOMPARE(moved[u"roles"_s].toArray().at(0)[u"role_id"_s].toString(), u"DW_VIEWER"_s);
    const QJsonObject portal
        = m_http.get(m_server->url(u"/api/v1/clients/"_s + kept.at(2)[u"client_id"_s].toString()), admin).object();
    QCOMPARE(portal[u"client_name"_s].toString(), u"Moved portal"_s);
    QCOMPARE(portal[u"purpose"_s].toString(), u"interactive"_s);
    QVERIFY(kept.at(2)[u"client_id"_s].toString().startsWith(u"cl-"_s)); // a new ID where none was given
    // The secret in OUT is the client's secret.
    QVERIFY(!m_http.token(m_server->tokenUrl(), u"moved-etl-1"_s, kept.at(0)[u"client_secret"_s].toString()).isEmpty());
    QCOMPARE(clientIds().size(), 2 + 3); // the bootstrap administrator, "Taken" and the three

    const QJsonArray audit = m_http.get(m_server->url(u"/api/v1/audit/activities"_s), admin).array();
    QStringList imported;
    for (const QJsonValue& record : audit) {
        if (record[u"detail"_s].toString().startsWith(u"imported "_s)) {
            QCOMPARE(record[u"action"_s].toString(), u"client.create"_s);
            imported.append(record[u"target"_s].toString());
        }
    }
    QStringList expected;
    for (const QJsonObject& line : kept) {
        expected.append(line[u"client_id"_s].toString());
    }
    std::sort(imported.begin(), imported.end());
    std::sort(expected.begin(), expected.end());
    QCOMPARE(imported, expected);
    const QByteArray auditText = QJsonDocument(audit).toJson();
    for (const QJsonObject& line : kept) {
        QVERIFY(!auditText.contains(line[u"client_secret"_s].toString().toUtf8()));
    }
}

void TestServerImport::badFileImportsNothing_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QByteArray>("message");
    const QByteArray good = jsonLines({technicalBody(u"Good one"_s, u"GOOD_ONE"_s), apiBody(u"Good two"_s)});
    QJsonObject noName = apiBody(u"x"_s);
    noName.insert(u"client_name"_s, u""_s);
    QTest::newRow("empty name on line 3") << good + jsonLines({noName}) << QByteArray("line 3: client_name: ");
    QJsonObject purpose = apiBody(u"Robot"_s);
    purpose.insert(u"purpose"_s, u"robot"_s);
    QTest::newRow("unknown purpose on line 2")
        << jsonLines({apiBody(u"Fine"_s), purpose}) << QByteArray("line 2: purpose: ");
    QTest::newRow("not JSON on line 4") << good + "\n{\"client_name\": \n" << QByteArray("line 4: not a JSON object");
    QTest::newRow("client ID twice in the file")
        << jsonLines({withId(apiBody(u"Again"_s), u"moved-x"_s), withId(apiBody(u"Again"_s), u"moved-x"_s)})
        << QByteArray("line 2: client_id: The client ID moved-x is on line 1 already");
    // ADMIN_ID: the bootstrap administrator's client_id, filled in below.
    QTest::newRow("client ID the tenant has")
        << good + jsonLines({withId(apiBody(u"Again"_s), u"ADMIN_ID"_s)})
        << QByteArray("line 3: client_id: The tenant has a client ADMIN_ID already");
    QTest::newRow("user ID of the tenant")
        << good + jsonLines({technicalBody(u"Clash"_s, u"TAKEN_USER"_s)}) << QByteArray("line 3: user_id: ");
    QTest::newRow("user ID twice in the file")
        << good + jsonLines({technicalBody(u"Clash"_s, u"GOOD_ONE"_s)})
        << QByteArray("line 3: user_id: The user ID GOOD_ONE is on line 1 already");
    QTest::newRow("client ID with a slash")
        << jsonLines({withId(apiBody(u"Slash"_s), u"a/b"_s)}) << QByteArray("line 1: client_id: ");
    QTest::newRow("read-only field") << jsonLines({apiBody(u"Dated"_s)})
            + "{\"client_name\":\"x\",\"purpose\":\"api\",\"status\":\"active\"}\n"
                                     << QByteArray("line 2: status: ");
}

void TestServerImport::badFileImportsNothing()
{
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, message);
    content.replace("ADMIN_ID", m_server->adminClientId().toUtf8());
    message.replace("ADMIN_ID", m_server->adminClientId().toUtf8());
    const QStringList before = [this] {
        m_server->start();
        const QStringList ids = clientIds();
        m_server->stop();
        return ids;
    }();
    QCOMPARE(before.size(), 2);
    const QString secrets = m_files->filePath(u"secrets.jsonl"_s);
    const Run run = import(content, secrets);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(message), run.err.constData());
    QVERIFY2(run.err.contains("nothing was imported"), run.err.constData());
    QVERIFY(run.out.isEmpty());
    QVERIFY(!QFile::exists(secrets));
    QVERIFY(m_server->start());
    QCOMPARE(clientIds(), before);
}

void TestServerImport::refusesAnExistingSecretsFile()
{
    const QString secrets = m_files->filePath(u"secrets.jsonl"_s);
    QFile existing(secrets);
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("kept\n");
    existing.close();
    const Run run = import(jsonLines({apiBody(u"Fine"_s)}), secrets);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("exists"), run.err.constData());
    QVERIFY(existing.open(QIODevice::ReadOnly));
    QCOMPARE(existing.readAll(), QByteArray("kept\n"));
    const Run missing
        = runServer({u"--data-dir"_s, m_server->dataDir(), u"--import"_s, m_files->filePath(u"clients.jsonl"_s)});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains("--import-secrets-out"), missing.err.constData());
}

APPINT_TEST_MAIN(TestServerImport)
#include "TestServerImport.moc"
