// The HTTP edge of the tenant service over raw loopback sockets (api.md,
// "Limits and recovery"): header and body limits, the header and body
// deadlines, connection caps, strict framing, HEAD, upgrade, HTTP/1.0,
// pipelining, and Blocking routes run off the HTTP threads in order.

#include "ServerTestSupport.h"
#include "TestMain.h"

#include "server/ServerThread.h"
#include "server/http/ConnectionLimiter.h"
#include "server/http/HttpParser.h"

#include <QElapsedTimer>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QThread>

#include <memory>

using namespace Qt::StringLiterals;
using namespace appint::test;
using appint::HttpParser;

namespace {

const QByteArray Jwks = "GET /oauth/jwks HTTP/1.1\r\nHost: x\r\n\r\n";

// A server with its own limits (and the test routes below) on a fresh data
// folder.
struct EdgeServer
{
    QTemporaryDir dir;
    std::unique_ptr<appint::ServerThread> thread;

    explicit EdgeServer(const appint::HttpLimits& limits, std::function<void(appint::Router&)> routes = {})
    {
        appint::ServerOptions options;
        options.dataDir = dir.path();
        options.limits = limits;
        options.threads = 2;
        options.extraRoutes = std::move(routes);
        thread = std::make_unique<appint::ServerThread>(options);
    }
    bool start() { return thread->start(nullptr); }
    QUrl url() const { return thread->baseUrl(); }
    int openConnections() const { return thread->server()->openConnections(); }
};

std::unique_ptr<QTcpSocket> connectTo(const QUrl& base, const QHostAddress& source = {})
{
    auto socket = std::make_unique<QTcpSocket>();
    if (!source.isNull()) {
        socket->bind(source);
    }
    socket->connectToHost(QHostAddress(base.host()), quint16(base.port()));
    socket->waitForConnected(5000);
    return socket;
}

// Everything the server sends until it closes the connection (at most
// `timeoutMs`).
QByteArray readUntilClosed(QTcpSocket& socket, int timeoutMs = 10000)
{
    QByteArray all;
    QElapsedTimer timer;
    timer.start();
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < timeoutMs) {
        socket.waitForReadyRead(100);
        all += socket.readAll();
    }
    all += socket.readAll();
    return all;
}

// `count` answers in a row from one connection (pipelining), each with a
// Content-Length.
QList<RawReply> readReplies(QTcpSocket& socket, int count, int timeoutMs = 5000)
{
    QList<RawReply> replies;
    QByteArray buffer;
    QElapsedTimer timer;
    timer.start();
    while (replies.size() < count && timer.elapsed() < timeoutMs) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
            RawReply reply;
            reply.head = buffer.left(headEnd);
            reply.status = reply.head.mid(9, 3).toInt();
            const qint64 length = reply.header("Content-Length").toLongLong();
            if (buffer.size() - headEnd - 4 >= length) {
                reply.body = buffer.mid(headEnd + 4, length);
                reply.answered = true;
                buffer.remove(0, headEnd + 4 + length);
                replies.append(reply);
                continue;
            }
        }
        socket.waitForReadyRead(50);
        buffer += socket.readAll();
    }
    return replies;
}

bool closedWithin(QTcpSocket& socket, int timeoutMs)
{
    readUntilClosed(socket, timeoutMs);
    return socket.state() != QAbstractSocket::ConnectedState;
}

} // namespace

class TestHttpEdge : public QObject
{
    Q_OBJECT

private slots:
    void parserFraming_data();
    void parserFraming();
    void parserPipelinedAndChunked();

    void oversizedHeadersGet431();
    void oversizedBodyRefusedBeforeItArrives();
    void chunkedBodyOverTheLimit();
    void framingErrorsAnswer400AndClose_data();
    void framingErrorsAnswer400AndClose();
    void headerDeadlineIsNotAnIdleTimer();
    void bodyDeadline();
    void connectionCaps();
    void closingConnectionsGiveTheirSlotBack();
    void connectionsCountedPerIpv6Prefix();
    void bodyBudgetHoldsBodiesBack();
    void headGetsHeadersOnly();
    void upgradeGetsOneAnswer();
    void http10();
    void pipelinedAnswersInOrder();
    void expectContinue();
    void blockingRoutesRunOffTheHttpThread();
    void blockingQueueFullAnswers503();
};

// --- the parser on its own

void TestHttpEdge::parserFraming_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status"); // 0: complete

    QTest::newRow("simple") << Jwks << 0;
    QTest::newRow("content-length") << "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"_ba << 0;
    QTest::newRow("same content-length twice")
        << "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc"_ba << 0;
    QTest::newRow("differing content-length")
        << "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"_ba << 400;
    QTest::newRow("content-length list") << "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 4\r\n\r\nabcd"_ba << 400;
    QTest::newRow("negative content-length") << "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"_ba << 400;
    QTest::newRow("content-length and chunked")
        << "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: "
           "chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"_ba
        << 400;
    QTest::newRow("chunked and content-length")
        << "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: "
           "3\r\n\r\n3\r\nabc\r\n0\r\n\r\n"_ba
        << 400;
    QTest::newRow("identity and content-length")
        << "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\nContent-Length: 3\r\n\r\nabc"_ba << 400;
    QTest::newRow("xchunked")
        << "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"_ba << 400;
    QTest::newRow("gzip, chunked")
        << "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"_ba << 400;
    QTest::newRow("chunked in HTTP/1.0")
        << "POST /a HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"_ba << 400;
    QTest::newRow("no host") << "GET /a HTTP/1.1\r\n\r\n"_ba << 400;
    QTest::newRow("two hosts") << "GET /a HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n"_ba << 400;
    QTest::newRow("HTTP/1.0 without host") << "GET /a HTTP/1.0\r\n\r\n"_ba << 0;
    QTest::newRow("HTTP/2.0") << "GET /a HTTP/2.0\r\nHost: x\r\n\r\n"_ba << 400;
    QTest::newRow("space before colon") << "GET /a HTTP/1.1\r\nHost : x\r\n\r\n"_ba << 400;
    QTest::newRow("bare LF in a value") << "GET /a HTTP/1.1\r\nHost: x\r\nX: a\rb\r\n\r\n"_ba << 400;
    QTest::newRow("bad chunk size") << "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"_ba
                                    << 400;
    QTest::newRow("body over the limit") << "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 101\r\n\r\n"_ba << 413;
    QTest::newRow("headers over the limit") << "GET /a HTTP/1.1\r\nHost: x\r\nX: " + QByteArray(2000, 'a') + "\r\n\r\n"
                                            << 431;
}

void TestHttpEdge::parserFraming()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    appint::HttpLimits limits;
    limits.maxBodyBytes = 100;
    limits.maxHeaderBytes = 1024;
    HttpParser parser(limits);
    QByteArray buffer = request;
    const HttpParser::Status result = parser.parse(buffer);
    if (status == 0) {
        QCOMPARE(result, HttpParser::Status::Complete);
        QVERIFY(buffer.isEmpty());
    } else {
        QCOMPARE(result, HttpParser::Status::Failed);
        QCOMPARE(parser.errorStatus(), status);
        QVERIFY(!parser.errorDetail().isEmpty());
    }
}

void TestHttpEdge::parserPipelinedAndChunked()
{
    HttpParser parser(appint::HttpLimits{});
    QByteArray buffer = "POST /a/b%2Fc?x=%2B+y HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                        "3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\n\r\n"
                        "GET /next HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    // Byte by byte: the parser keeps what it cannot use yet.
    QByteArray fed;
    HttpParser::Status status = HttpParser::Status::NeedMore;
    while (status == HttpParser::Status::NeedMore && !buffer.isEmpty()) {
        fed += buffer.front();
        buffer.remove(0, 1);
        status = parser.parse(fed);
    }
    QCOMPARE(status, HttpParser::Status::Complete);
    const appint::HttpRequest first = parser.takeRequest();
    QCOMPARE(first.method, QHttpServerRequest::Method::Post);
    QCOMPARE(first.body, "abcde"_ba);
    QCOMPARE(first.segments, (QStringList{u"a"_s, u"b/c"_s}));
    QCOMPARE(first.query, u"x=%2B+y"_s);
    QVERIFY(parser.keepAlive());
    parser.reset();
    fed += buffer;
    QCOMPARE(parser.parse(fed), HttpParser::Status::Complete);
    QCOMPARE(parser.takeRequest().path, u"/next"_s);
    QVERIFY(!parser.keepAlive());
    QVERIFY(fed.isEmpty());
}

// --- over the wire

void TestHttpEdge::oversizedHeadersGet431()
{
    EdgeServer server(appint::HttpLimits{});
    QVERIFY(server.start());
    // Just under the limit is served; over it is refused.
    const QByteArray fits = "GET /oauth/jwks HTTP/1.1\r\nHost: x\r\nX-Pad: " + QByteArray(60 * 1024, 'a') + "\r\n\r\n";
    QCOMPARE(rawRequest(server.url(), fits).status, 200);
    auto socket = connectTo(server.url());
    socket->write("GET /oauth/jwks HTTP/1.1\r\nHost: x\r\nX-Pad: " + QByteArray(4 * 1024 * 1024, 'a'));
    const RawReply reply = readReply(*socket);
    QCOMPARE(reply.status, 431);
    QVERIFY(closedWithin(*socket, 10000));
}

void TestHttpEdge::oversizedBodyRefusedBeforeItArrives()
{
    EdgeServer server(appint::HttpLimits{});
    QVERIFY(server.start());
    auto socket = connectTo(server.url());
    // Only the headers: the answer comes before any of the 8 MB is sent.
    socket->write("POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                  "Content-Length: 8388608\r\n\r\n");
    const RawReply reply = readReply(*socket, 5000);
    QCOMPARE(reply.status, 413);
    QCOMPARE(reply.header("Connection"), "close"_ba);
    QVERIFY(closedWithin(*socket, 10000));
}

void TestHttpEdge::chunkedBodyOverTheLimit()
{
    appint::HttpLimits limits;
    limits.maxBodyBytes = 1000;
    EdgeServer server(limits);
    QVERIFY(server.start());
    auto socket = connectTo(server.url());
    socket->write("POST /oauth/token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    socket->write("258\r\n" + QByteArray(600, 'a') + "\r\n258\r\n" + QByteArray(600, 'a') + "\r\n");
    QCOMPARE(readReply(*socket, 5000).status, 413);
    QVERIFY(closedWithin(*socket, 10000));
}

void TestHttpEdge::framingErrorsAnswer400AndClose_data()
{
    QTest::addColumn<QByteArray>("request");
    const QByteArray post
        = "POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n";
    QTest::newRow("content-length and transfer-encoding")
        << post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + Jwks;
    QTest::newRow("differing content-length") << post + "Content-Length: 1\r\nContent-Length: 2\r\n\r\nab" + Jwks;
    QTest::newRow("negative content-length") << post + "Content-Length: -5\r\n\r\n" + Jwks;
    QTest::newRow("xchunked") << post + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n" + Jwks;
}

void TestHttpEdge::framingErrorsAnswer400AndClose()
{
    QFETCH(QByteArray, request);
    EdgeServer server{appint::HttpLimits{}};
    QVERIFY(server.start());
    auto socket = connectTo(server.url());
    socket->write(request);
    const QByteArray all = readUntilClosed(*socket, 10000);
    // One answer, 400, and the connection closed: the pipelined request
    // behind it is never read as one.
    QVERIFY2(all.startsWith("HTTP/1.1 400 "), all.left(200).constData());
    QCOMPARE(all.count("HTTP/1.1 "), 1);
    QVERIFY(all.contains("Connection: close"));
    QCOMPARE(socket->state(), QAbstractSocket::UnconnectedState);
}

void TestHttpEdge::headerDeadlineIsNotAnIdleTimer()
{
    appint::HttpLimits limits;
    limits.headerTimeoutMs = 600;
    limits.idleTimeoutMs = 60'000;
    EdgeServer server(limits);
    QVERIFY(server.start());
    auto socket = connectTo(server.url());
    socket->write("GET /oauth/jwks HTTP/1.1\r\nHost: x\r\n");
    QElapsedTimer timer;
    timer.start();
    QByteArray answer;
    // A header line every 100 ms: trickling does not extend the deadline.
    while (socket->state() == QAbstractSocket::ConnectedState && timer.elapsed() < 8000) {
        socket->write("X-Drip: 1\r\n");
        socket->waitForReadyRead(100);
        answer += socket->readAll();
    }
    answer += socket->readAll();
    QVERIFY2(answer.startsWith("HTTP/1.1 408 "), answer.left(100).constData());
    QVERIFY(timer.elapsed() >= 500);
    QVERIFY2(timer.elapsed() < 5000, QByteArray::number(timer.elapsed()).constData());
    QCOMPARE(socket->state(), QAbstractSocket::UnconnectedState);
}

void TestHttpEdge::bodyDeadline()
{
    appint::HttpLimits limits;
    limits.headerTimeoutMs = 300;
    limits.bodyTimeoutMs = 900;
    EdgeServer server(limits);
    QVERIFY(server.start());
    auto socket = connectTo(server.url());
    // Headers in time, the body dripping: 408 once the body deadline passes.
    socket->write("POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n");
    QElapsedTimer timer;
    timer.start();
    QByteArray answer;
    while (socket->state() == QAbstractSocket::ConnectedState && timer.elapsed() < 8000) {
        socket->write("a");
        socket->waitForReadyRead(100);
        answer += socket->readAll();
    }
    answer += socket->readAll();
    QVERIFY2(answer.startsWith("HTTP/1.1 408 "), answer.left(100).constData());
    QVERIFY(timer.elapsed() >= 700);
    QVERIFY(timer.elapsed() < 5000);
}

void TestHttpEdge::connectionCaps()
{
    appint::HttpLimits limits;
    limits.maxConnections = 5;
    limits.maxConnectionsPerAddress = 3;
    EdgeServer server(limits);
    QVERIFY(server.start());
    const QHostAddress one(u"127.0.0.1"_s), two(u"127.0.0.2"_s), three(u"127.0.0.3"_s);
    std::vector<std::unique_ptr<QTcpSocket>> open;
    const auto served = [&](const QHostAddress& source) {
        auto socket = connectTo(server.url(), source);
        socket->write(Jwks);
        const bool ok = readReply(*socket, 5000).status == 200;
        open.push_back(std::move(socket));
        return ok;
    };
    const auto refused = [&](const QHostAddress& source) {
        auto socket = connectTo(server.url(), source);
        socket->write(Jwks);
        const QByteArray all = readUntilClosed(*socket, 5000);
        return all.isEmpty() && socket->state() != QAbstractSocket::ConnectedState;
    };
    for (int i = 0; i < 3; ++i) {
        QVERIFY(served(one));
    }
    QVERIFY(refused(one)); // the fourth from one address
    QVERIFY(served(two));
    QVERIFY(served(two));
    QVERIFY(refused(three)); // the sixth of the process
    // Closing one frees its slot.
    open.front()->disconnectFromHost();
    open.erase(open.begin());
    QTest::qWait(200);
    QVERIFY(served(three));
}

void TestHttpEdge::closingConnectionsGiveTheirSlotBack()
{
    appint::HttpLimits limits;
    limits.maxConnections = 8;
    EdgeServer server(limits);
    QVERIFY(server.start());
    // Refused requests whose clients stay: the server lingers on each (up
    // to 5 s) to let the answer arrive ...
    const QByteArray bad = "GET /oauth/jwks HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n";
    std::vector<std::unique_ptr<QTcpSocket>> open;
    for (int i = 0; i < 8; ++i) {
        open.push_back(connectTo(server.url()));
        open.back()->write(Jwks);
        QCOMPARE(readReply(*open.back(), 5000).status, 200);
    }
    QCOMPARE(server.openConnections(), 8);
    std::vector<std::unique_ptr<QTcpSocket>> lingering;
    for (int i = 0; i < 2; ++i) {
        open.pop_back();
        QTRY_COMPARE_WITH_TIMEOUT(server.openConnections(), 7 - i, 10'000);
        lingering.push_back(connectTo(server.url()));
        lingering.back()->write(bad);
        QCOMPARE(readReply(*lingering.back(), 5000).status, 400);
    }
    // ... but lingering serves no one: with 6 of 8 open and 2 lingering, new
    // clients get the free slots at once.
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnections(), 6, 10'000);
    for (int i = 0; i < 2; ++i) {
        open.push_back(connectTo(server.url()));
        open.back()->write(Jwks);
        QCOMPARE(readReply(*open.back(), 5000).status, 200);
    }
}

void TestHttpEdge::connectionsCountedPerIpv6Prefix()
{
    using appint::ConnectionLimiter;
    const auto key
        = [](const char* text) { return ConnectionLimiter::addressKey(QHostAddress(QString::fromLatin1(text))); };
    // One /64 is one client; its neighbour /64 is another.
    QCOMPARE(key("2001:db8:1:2::1"), key("2001:db8:1:2:ffff:ffff:ffff:fffe"));
    QVERIFY(key("2001:db8:1:2::1") != key("2001:db8:1:3::1"));
    // IPv4 per address, also when it arrives IPv4-mapped.
    QCOMPARE(key("::ffff:192.0.2.7"), key("192.0.2.7"));
    QVERIFY(key("192.0.2.7") != key("192.0.2.8"));
    QVERIFY(!key("192.0.2.7").isEmpty());
    ConnectionLimiter limiter(100, 2);
    QVERIFY(limiter.tryAcquire(key("2001:db8::1")));
    QVERIFY(limiter.tryAcquire(key("2001:db8::2")));
    QVERIFY(!limiter.tryAcquire(key("2001:db8::3"))); // the third of that /64
    QVERIFY(limiter.tryAcquire(key("2001:db8:0:1::3")));
}

void TestHttpEdge::bodyBudgetHoldsBodiesBack()
{
    appint::HttpLimits limits;
    limits.maxBufferedBodyBytes = 100'000;
    limits.bodyTimeoutMs = 2500;
    EdgeServer server(limits);
    QVERIFY(server.start());
    // One connection fills the shared budget with a body it never finishes.
    auto hog = connectTo(server.url());
    hog->write("POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Length: 500000\r\n\r\n" + QByteArray(300'000, 'a'));
    hog->flush();
    QTest::qWait(1000);
    // Another body waits (its headers are read, its body is not) ...
    const QByteArray body = "grant_type=client_credentials&x=" + QByteArray(60'000, 'b');
    auto waiting = connectTo(server.url());
    waiting->write("POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                   "Content-Length: "
                   + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QVERIFY(!waiting->waitForReadyRead(500));
    // A small body (under 16 KiB) is read all the same, and the threads are
    // not kept busy by the held connections: answered at once, on either
    // HTTP thread.
    for (int i = 0; i < 2; ++i) {
        auto small = connectTo(server.url());
        small->write("POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                     "Content-Length: 29\r\n\r\n");
        small->flush();
        QTest::qWait(100); // the body comes after the headers were read
        small->write("grant_type=client_credentials");
        const int status = readReply(*small, 2000).status;
        QVERIFY2(status == 400 || status == 401, QByteArray::number(status).constData());
    }
    // ... and goes on once the hog's body deadline has freed the budget.
    QCOMPARE(readReply(*hog, 5000).status, 408);
    const RawReply reply = readReply(*waiting, 5000);
    // Read whole and answered: a grant without client authentication.
    QVERIFY2(reply.status == 400 || reply.status == 401, QByteArray::number(reply.status).constData());
}

void TestHttpEdge::headGetsHeadersOnly()
{
    EdgeServer server(appint::HttpLimits{});
    QVERIFY(server.start());
    auto socket = connectTo(server.url());
    socket->write("HEAD /oauth/jwks HTTP/1.1\r\nHost: x\r\n\r\n" + Jwks);
    QByteArray all;
    QElapsedTimer timer;
    timer.start();
    while (all.count("HTTP/1.1 ") < 2 && timer.elapsed() < 5000) {
        socket->waitForReadyRead(100);
        all += socket->readAll();
    }
    socket->waitForReadyRead(200);
    all += socket->readAll();
    // The HEAD answer announces the length of the body it leaves out; the
    // GET answer behind it is in step.
    const qsizetype second = all.indexOf("HTTP/1.1 ", 1);
    QVERIFY(second > 0);
    const QByteArray head = all.left(second);
    QVERIFY2(head.startsWith("HTTP/1.1 200 "), head.constData());
    QVERIFY(head.endsWith("\r\n\r\n"));
    const qsizetype length = head.indexOf("Content-Length: ");
    QVERIFY(length > 0);
    const QByteArray get = all.mid(second);
    QVERIFY(get.startsWith("HTTP/1.1 200 "));
    QVERIFY(get.endsWith("}"));
    const qsizetype bodyStart = get.indexOf("\r\n\r\n") + 4;
    QCOMPARE(QByteArray::number(get.size() - bodyStart),
             head.mid(length + 16, head.indexOf("\r\n", length) - length - 16));
}

void TestHttpEdge::upgradeGetsOneAnswer()
{
    EdgeServer server(appint::HttpLimits{});
    QVERIFY(server.start());
    auto socket = connectTo(server.url());
    socket->write("GET /oauth/jwks HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    socket->write(QByteArray::fromHex("818537fa213d7f9f4d5158")); // a masked WebSocket text frame
    const QByteArray all = readUntilClosed(*socket, 5000);
    QCOMPARE(all.count("HTTP/1.1 "), 1);
    QVERIFY(!all.startsWith("HTTP/1.1 101"));
    QCOMPARE(socket->state(), QAbstractSocket::UnconnectedState);
}

void TestHttpEdge::http10()
{
    EdgeServer server(appint::HttpLimits{});
    QVERIFY(server.start());
    // Without keep-alive: answered, then closed.
    auto plain = connectTo(server.url());
    plain->write("GET /oauth/jwks HTTP/1.0\r\n\r\n");
    const QByteArray all = readUntilClosed(*plain, 5000);
    QVERIFY2(all.startsWith("HTTP/1.1 200 "), all.left(100).constData());
    QCOMPARE(plain->state(), QAbstractSocket::UnconnectedState);
    // With keep-alive: stays open for the next request.
    auto kept = connectTo(server.url());
    kept->write("GET /oauth/jwks HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    const RawReply first = readReply(*kept, 5000);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.header("Connection").toLower(), "keep-alive"_ba);
    kept->write("GET /oauth/jwks HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    QCOMPARE(readReply(*kept, 5000).status, 200);
}

void TestHttpEdge::pipelinedAnswersInOrder()
{
    EdgeServer server(appint::HttpLimits{});
    QVERIFY(server.start());
    auto socket = connectTo(server.url());
    socket->write(Jwks + "GET /nothing-here HTTP/1.1\r\nHost: x\r\n\r\n"
                  + "GET /.well-known/oauth-authorization-server HTTP/1.1\r\nHost: x\r\n\r\n"
                  + "POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n" + Jwks);
    const QList<RawReply> replies = readReplies(*socket, 5);
    QCOMPARE(replies.size(), 5);
    const int expected[] = {200, 404, 200, 400, 200};
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(replies.at(i).status, expected[i]);
    }
    QVERIFY(replies.at(0).body.contains("\"keys\""));
    QVERIFY(replies.at(2).body.contains("\"issuer\""));
}

void TestHttpEdge::expectContinue()
{
    EdgeServer server(appint::HttpLimits{});
    QVERIFY(server.start());
    auto socket = connectTo(server.url());
    socket->write("POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                  "Content-Length: 29\r\nExpect: 100-continue\r\n\r\n");
    QCOMPARE(readReply(*socket, 5000).status, 100);
    socket->write("grant_type=client_credentials");
    QCOMPARE(readReply(*socket, 5000).status, 401);
}

namespace {

// Routes of the test's own: /edge/slow is Blocking and waits until the test
// releases it; /edge/fast answers at once. Both tell on which thread they ran.
struct TestRoutes
{
    QSemaphore gate;
    std::function<void(appint::Router&)> adder()
    {
        return [this](appint::Router& router) {
            using M = QHttpServerRequest::Method;
            router.add(
                u"/edge/slow"_s, M::Post, appint::Router::Family::Management,
                [this](const appint::HttpRequest& request, const QStringList&) {
                    gate.acquire();
                    appint::HttpResponse response;
                    response.contentType = "text/plain";
                    response.body = "slow " + request.body + ' ' + QThread::currentThread()->objectName().toUtf8();
                    return response;
                },
                appint::Router::Execution::Blocking);
            router.add(u"/edge/fast"_s, M::Get, appint::Router::Family::Management,
                       [](const appint::HttpRequest&, const QStringList&) {
                           appint::HttpResponse response;
                           response.contentType = "text/plain";
                           response.body = "fast " + QThread::currentThread()->objectName().toUtf8();
                           return response;
                       });
        };
    }
};

QByteArray slow(const QByteArray& tag)
{
    return "POST /edge/slow HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(tag.size()) + "\r\n\r\n"
        + tag;
}

const QByteArray Fast = "GET /edge/fast HTTP/1.1\r\nHost: x\r\n\r\n";

} // namespace

void TestHttpEdge::blockingRoutesRunOffTheHttpThread()
{
    TestRoutes routes;
    EdgeServer server(appint::HttpLimits{}, routes.adder());
    QVERIFY(server.start());
    auto a = connectTo(server.url());
    auto b = connectTo(server.url());
    // A slow request with a fast one pipelined behind it.
    a->write(slow("one") + Fast);
    a->flush();
    // Another connection is answered while the slow handler waits, on an
    // HTTP thread (round robin: b may share a's thread).
    b->write(Fast);
    const RawReply fast = readReply(*b, 5000);
    QCOMPARE(fast.status, 200);
    QVERIFY2(fast.body.startsWith("fast appint-http-"), fast.body.constData());
    // a's fast request waits behind its slow one.
    QVERIFY(!a->waitForReadyRead(300));
    routes.gate.release();
    const QList<RawReply> replies = readReplies(*a, 2);
    QCOMPARE(replies.size(), 2);
    QCOMPARE(replies.at(0).status, 200);
    QVERIFY2(replies.at(0).body.startsWith("slow one appint-blocking"), replies.at(0).body.constData());
    QCOMPARE(replies.at(1).status, 200);
    QVERIFY2(replies.at(1).body.startsWith("fast appint-http-"), replies.at(1).body.constData());
}

void TestHttpEdge::blockingQueueFullAnswers503()
{
    TestRoutes routes;
    appint::HttpLimits limits;
    limits.blockingThreads = 1;
    limits.blockingQueue = 1;
    EdgeServer server(limits, routes.adder());
    QVERIFY(server.start());
    // One runs, one waits in the queue, the third is refused at once.
    auto running = connectTo(server.url());
    running->write(slow("1"));
    running->flush();
    QTest::qWait(200);
    auto queued = connectTo(server.url());
    queued->write(slow("2"));
    queued->flush();
    QTest::qWait(200);
    auto refused = connectTo(server.url());
    refused->write(slow("3"));
    const RawReply busy = readReply(*refused, 5000);
    QCOMPARE(busy.status, 503);
    QCOMPARE(busy.header("Retry-After"), "1"_ba);
    routes.gate.release(2);
    QCOMPARE(readReply(*running, 5000).status, 200);
    QCOMPARE(readReply(*queued, 5000).status, 200);
    // Room again.
    routes.gate.release();
    refused = connectTo(server.url());
    refused->write(slow("4"));
    QCOMPARE(readReply(*refused, 5000).status, 200);
}

APPINT_TEST_MAIN(TestHttpEdge)
#include "TestHttpEdge.moc"
