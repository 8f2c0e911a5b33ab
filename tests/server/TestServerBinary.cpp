// The appint-server program as a user runs it: command line, the startup
// line, the bootstrap file (mode 0600, path printed, secret never printed),
// SIGTERM finishing a request in flight and exiting 0, kill -9 losing nothing
// that was acknowledged, and a client made through the API getting a token
// that verifies against the JWKS.

#include "ServerTestSupport.h"
#include "TestMain.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>

#include <csignal>
#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace appint::test;

namespace {

QString serverPath()
{
    return qEnvironmentVariable("APPINT_BINARY_DIR") + u"/bin/appint-server"_s;
}

// A running appint-server and what it printed.
class ServerProcess
{
public:
    explicit ServerProcess(const QStringList& arguments)
    {
        m_process.setProgram(serverPath());
        m_process.setArguments(arguments);
        m_process.start();
    }
    ~ServerProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10000);
        }
    }

    // Waits for the "listening on" line; its URL, or an empty one.
    QUrl waitForListening()
    {
        static const QRegularExpression line(u"^listening on (http://\\S+)$"_s, QRegularExpression::MultilineOption);
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 30000) {
            m_stdout += m_process.readAllStandardOutput();
            const auto match = line.match(QString::fromUtf8(m_stdout));
            if (match.hasMatch()) {
                return QUrl(match.captured(1));
            }
            if (m_process.state() == QProcess::NotRunning || !m_process.waitForReadyRead(1000)) {
                if (m_process.state() == QProcess::NotRunning) {
                    return {};
                }
            }
        }
        return {};
    }
    bool finish(int timeoutMs = 30000)
    {
        const bool done = m_process.waitForFinished(timeoutMs);
        m_stdout += m_process.readAllStandardOutput();
        return done;
    }
    QByteArray out() { return m_stdout += m_process.readAllStandardOutput(); }
    QByteArray err() { return m_stderr += m_process.readAllStandardError(); }
    QProcess& process() { return m_process; }

private:
    QProcess m_process;
    QByteArray m_stdout;
    QByteArray m_stderr;
};

struct Result
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Result runToEnd(const QStringList& arguments)
{
    QProcess process;
    process.start(serverPath(), arguments);
    process.waitForFinished(30000);
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

int modeOf(const QString& path)
{
    struct stat info
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 07777) : -1;
}

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace

class TestServerBinary : public QObject
{
    Q_OBJECT

private slots:
    void versionAndHelp();
    void badCommandLines_data();
    void badCommandLines();
    void firstStartPrintsPathNotSecret();
    void clientFromTheApiGetsAVerifiableToken();
    void sigtermFinishesRequestInFlight();
    void killNineKeepsAcknowledgedWrites();
    void restartLeavesBootstrapAndIgnoresDemo();
    void issuerOption();
    void busyPortFails();
};

void TestServerBinary::versionAndHelp()
{
    const Result version = runToEnd({u"--version"_s});
    QCOMPARE(version.exitCode, 0);
    QVERIFY(QRegularExpression(u"^appint-server \\d+\\.\\d+\\.\\d+\\n$"_s)
                .match(QString::fromUtf8(version.out))
                .hasMatch());
    const Result help = runToEnd({u"--help"_s});
    QCOMPARE(help.exitCode, 0);
    for (const char* option :
         {"--data-dir", "--listen", "--issuer", "--demo", "--help", "--version", "--max-header-bytes",
          "--max-body-bytes", "--max-buffered-body-bytes", "--header-timeout", "--body-timeout", "--idle-timeout",
          "--max-connections", "--max-connections-per-address", "--blocking-threads", "--blocking-queue"}) {
        QVERIFY2(help.out.contains(option), option);
    }
}

void TestServerBinary::badCommandLines_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("nothing") << QStringList() << u"--data-dir"_s;
    QTest::newRow("no listen") << QStringList{u"--data-dir"_s, u"/tmp/x"_s} << u"--listen"_s;
    QTest::newRow("bad listen") << QStringList{u"--data-dir"_s, u"/tmp/x"_s, u"--listen"_s, u"here"_s} << u"--listen"_s;
    QTest::newRow("bad port") << QStringList{u"--data-dir"_s, u"/tmp/x"_s, u"--listen"_s, u"127.0.0.1:70000"_s}
                              << u"--listen"_s;
    QTest::newRow("host name") << QStringList{u"--data-dir"_s, u"/tmp/x"_s, u"--listen"_s, u"example.com:80"_s}
                               << u"--listen"_s;
    const QStringList run{u"--data-dir"_s, u"/tmp/x"_s, u"--listen"_s, u"127.0.0.1:0"_s};
    QTest::newRow("negative limit") << run + QStringList{u"--max-connections"_s, u"-1"_s} << u"--max-connections"_s;
    QTest::newRow("limit not a number") << run + QStringList{u"--max-body-bytes"_s, u"1MB"_s} << u"--max-body-bytes"_s;
    QTest::newRow("timeout zero") << run + QStringList{u"--header-timeout"_s, u"0"_s} << u"--header-timeout"_s;
    QTest::newRow("tiny header limit") << run + QStringList{u"--max-header-bytes"_s, u"10"_s}
                                       << u"--max-header-bytes"_s;
    QTest::newRow("unknown option") << QStringList{u"--colour"_s} << u"colour"_s;
    QTest::newRow("stray argument") << QStringList{u"serve"_s} << u"serve"_s;
}

void TestServerBinary::badCommandLines()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const Result result = runToEnd(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(mentions.toUtf8()), result.err.constData());
    QVERIFY(result.out.isEmpty());
}

void TestServerBinary::firstStartPrintsPathNotSecret()
{
    QTemporaryDir dir;
    const QString data = dir.filePath(u"data"_s);
    ServerProcess server({u"--data-dir"_s, data, u"--listen"_s, u"127.0.0.1:0"_s});
    const QUrl url = server.waitForListening();
    QVERIFY2(url.isValid(), server.err().constData());
    QCOMPARE(url.host(), u"127.0.0.1"_s);
    QVERIFY(url.port() > 0);
    const QString file = QDir(data).filePath(u"bootstrap-admin.json"_s);
    const QString out = QString::fromUtf8(server.out());
    const QStringList lines = out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).endsWith(file), qPrintable(out));
    QCOMPARE(lines.at(1), u"listening on "_s + url.toString());
    QCOMPARE(modeOf(file), 0600);
    const QJsonObject credentials = readJson(file);
    const QString secret = credentials.value(u"client_secret"_s).toString();
    QCOMPARE(secret.size(), 43);
    QCOMPARE(credentials.value(u"token_url"_s).toString(), url.toString() + u"/oauth/token"_s);
    HttpTestClient http;
    QVERIFY(
        !http.token(QUrl(credentials.value(u"token_url"_s).toString()), credentials[u"client_id"_s].toString(), secret)
             .isEmpty());
    server.process().terminate();
    QVERIFY(server.finish());
    QCOMPARE(server.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.process().exitCode(), 0);
    QVERIFY(!server.out().contains(secret.toLatin1()));
    QVERIFY(!server.err().contains(secret.toLatin1()));
    QVERIFY(server.out().count("listening on") == 1);
}

void TestServerBinary::clientFromTheApiGetsAVerifiableToken()
{
    // The curl example of docs/server.md, with QNetworkAccessManager.
    QTemporaryDir dir;
    ServerProcess server({u"--data-dir"_s, dir.path(), u"--listen"_s, u"127.0.0.1:0"_s, u"--demo"_s});
    const QUrl url = server.waitForListening();
    QVERIFY2(url.isValid(), server.err().constData());
    QVERIFY(server.err().contains("seeded demo"));
    const QJsonObject credentials = readJson(dir.filePath(u"bootstrap-admin.json"_s));
    HttpTestClient http;
    const QString admin
        = http.token(QUrl(credentials[u"token_url"_s].toString()), credentials[u"client_id"_s].toString(),
                     credentials[u"client_secret"_s].toString());
    QVERIFY(!admin.isEmpty());
    QCOMPARE(http.get(QUrl(url.toString() + u"/api/v1/clients"_s), admin).object()[u"total"_s].toInt(), 10);
    const auto created = http.postJson(QUrl(url.toString() + u"/api/v1/clients"_s),
                                       technicalBody(u"Reporting"_s, u"REPORTING"_s), admin);
    QCOMPARE(created.status, 201);
    const QString id = created.object()[u"client_id"_s].toString();
    const QString secret = created.object()[u"client_secret"_s].toString();
    const auto reply = http.postForm(QUrl(url.toString() + u"/oauth/token"_s),
                                     {{u"grant_type"_s, u"client_credentials"_s}}, id, secret);
    QCOMPARE(reply.status, 200);
    const QString token = reply.object()[u"access_token"_s].toString();
    const QJsonObject jwks = http.get(QUrl(url.toString() + u"/oauth/jwks"_s)).object();
    QVERIFY(verifyEs256(token, jwks[u"keys"_s].toArray().at(0).toObject()));
    QCOMPARE(jwtPart(token, 1)[u"sub"_s].toString(), u"REPORTING"_s);
    server.process().terminate();
    QVERIFY(server.finish());
    QCOMPARE(server.process().exitCode(), 0);
}

void TestServerBinary::sigtermFinishesRequestInFlight()
{
    QTemporaryDir dir;
    // One HTTP thread: each thread drains on its own, so with several the
    // idle connection's thread may have drained while the busy one's has not
    // yet, and the answer would rightly come without "Connection: close".
    ServerProcess server({u"--data-dir"_s, dir.path(), u"--listen"_s, u"127.0.0.1:0"_s, u"--threads"_s, u"1"_s});
    const QUrl url = server.waitForListening();
    QVERIFY(url.isValid());
    const QJsonObject credentials = readJson(dir.filePath(u"bootstrap-admin.json"_s));
    const QByteArray body = "grant_type=client_credentials";
    const QByteArray request = formRequest(
        url, "/oauth/token", body,
        HttpTestClient::basic(credentials[u"client_id"_s].toString(), credentials[u"client_secret"_s].toString()));
    // An idle keep-alive connection, and one in the middle of a request.
    QTcpSocket idle;
    idle.connectToHost(QHostAddress::LocalHost, quint16(url.port()));
    QVERIFY(idle.waitForConnected(5000));
    QTcpSocket busy;
    busy.connectToHost(QHostAddress::LocalHost, quint16(url.port()));
    QVERIFY(busy.waitForConnected(5000));
    const qsizetype split = request.size() - 10;
    busy.write(request.left(split));
    QVERIFY(busy.waitForBytesWritten(5000));

    server.process().terminate(); // SIGTERM
    // The server stops taking connections ...
    QTRY_VERIFY_WITH_TIMEOUT(idle.state() == QAbstractSocket::UnconnectedState || idle.waitForDisconnected(10), 10000);
    // ... but answers the request it has begun.
    busy.write(request.mid(split));
    const RawReply reply = readReply(busy, 10000);
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.object().contains(u"access_token"_s));
    QCOMPARE(reply.header("Connection"), "close");
    QVERIFY(server.finish());
    QCOMPARE(server.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.process().exitCode(), 0);
    QVERIFY2(!QFileInfo::exists(dir.filePath(u"server.lock"_s)), "the folder is released");
    QTcpSocket late;
    late.connectToHost(QHostAddress::LocalHost, quint16(url.port()));
    QVERIFY(!late.waitForConnected(2000));
}

void TestServerBinary::killNineKeepsAcknowledgedWrites()
{
    QTemporaryDir dir;
    QString id;
    quint16 port = 0;
    {
        ServerProcess server({u"--data-dir"_s, dir.path(), u"--listen"_s, u"127.0.0.1:0"_s});
        const QUrl url = server.waitForListening();
        QVERIFY(url.isValid());
        port = quint16(url.port());
        const QJsonObject credentials = readJson(dir.filePath(u"bootstrap-admin.json"_s));
        HttpTestClient http;
        const QString admin
            = http.token(QUrl(credentials[u"token_url"_s].toString()), credentials[u"client_id"_s].toString(),
                         credentials[u"client_secret"_s].toString());
        const auto created = http.postJson(QUrl(url.toString() + u"/api/v1/clients"_s), apiBody(u"Survivor"_s), admin);
        QCOMPARE(created.status, 201);
        id = created.object()[u"client_id"_s].toString();
        ::kill(pid_t(server.process().processId()), SIGKILL);
        QVERIFY(server.finish());
        QCOMPARE(server.process().exitStatus(), QProcess::CrashExit);
    }
    // The lock of the killed server is stale; the same port and issuer work.
    ServerProcess server({u"--data-dir"_s, dir.path(), u"--listen"_s, u"127.0.0.1:%1"_s.arg(port)});
    const QUrl url = server.waitForListening();
    QVERIFY2(url.isValid(), server.err().constData());
    QVERIFY(!server.out().contains("bootstrap"));
    const QJsonObject credentials = readJson(dir.filePath(u"bootstrap-admin.json"_s));
    HttpTestClient http;
    const QString admin = http.token(QUrl(url.toString() + u"/oauth/token"_s), credentials[u"client_id"_s].toString(),
                                     credentials[u"client_secret"_s].toString());
    const auto fetched = http.get(QUrl(url.toString() + u"/api/v1/clients/"_s + id), admin);
    QCOMPARE(fetched.status, 200);
    QCOMPARE(fetched.object()[u"client_name"_s].toString(), u"Survivor"_s);
}

void TestServerBinary::restartLeavesBootstrapAndIgnoresDemo()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"bootstrap-admin.json"_s);
    QByteArray original;
    {
        ServerProcess server({u"--data-dir"_s, dir.path(), u"--listen"_s, u"127.0.0.1:0"_s});
        QVERIFY(server.waitForListening().isValid());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        original = f.readAll();
        server.process().terminate();
        QVERIFY(server.finish());
    }
    ServerProcess server({u"--data-dir"_s, dir.path(), u"--listen"_s, u"127.0.0.1:0"_s, u"--demo"_s});
    const QUrl url = server.waitForListening();
    QVERIFY(url.isValid());
    QCOMPARE(QString::fromUtf8(server.out()).trimmed(), u"listening on "_s + url.toString()); // nothing else
    QVERIFY2(server.err().contains("--demo ignored"), server.err().constData());
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), original);
    QCOMPARE(modeOf(file), 0600);
}

void TestServerBinary::issuerOption()
{
    QTemporaryDir dir;
    ServerProcess server({u"--data-dir"_s, dir.path(), u"--listen"_s, u"127.0.0.1:0"_s, u"--issuer"_s,
                          u"https://tenant.example.com/"_s});
    const QUrl url = server.waitForListening();
    QVERIFY(url.isValid());
    QCOMPARE(readJson(dir.filePath(u"bootstrap-admin.json"_s))[u"token_url"_s].toString(),
             u"https://tenant.example.com/oauth/token"_s);
    HttpTestClient http;
    const QJsonObject metadata = http.get(QUrl(url.toString() + u"/.well-known/oauth-authorization-server"_s)).object();
    QCOMPARE(metadata[u"issuer"_s].toString(), u"https://tenant.example.com"_s);
    QCOMPARE(metadata[u"jwks_uri"_s].toString(), u"https://tenant.example.com/oauth/jwks"_s);

    const Result bad = runToEnd(
        {u"--data-dir"_s, dir.filePath(u"other"_s), u"--listen"_s, u"127.0.0.1:0"_s, u"--issuer"_s, u"ftp://x"_s});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY(bad.err.contains("issuer"));
}

void TestServerBinary::busyPortFails()
{
    QTemporaryDir dir;
    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
    const Result result
        = runToEnd({u"--data-dir"_s, dir.path(), u"--listen"_s, u"127.0.0.1:%1"_s.arg(blocker.serverPort())});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains("cannot listen"), result.err.constData());
    QVERIFY(result.out.isEmpty());
}

APPINT_TEST_MAIN(TestServerBinary)
#include "TestServerBinary.moc"
