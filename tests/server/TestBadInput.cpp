// Bad input over real HTTP: every kind gets a specific 4xx, nothing is half
// saved, and the server keeps answering. Ends with a seeded mutation fuzz of
// raw requests.

#include "ServerTestSupport.h"
#include "TestMain.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include "server/ServerThread.h"

using namespace Qt::StringLiterals;
using namespace appint::test;

class TestBadInput : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void malformedJson_data();
    void malformedJson();
    void invalidTextNamesTheField_data();
    void invalidTextNamesTheField();
    void supplementaryCharactersSurviveARestart();
    void wrongMediaType_data();
    void wrongMediaType();
    void bodyOverOneMebibyte();
    void endlessBodyIsCutOff();
    void pathTraversalAndEncodedSlashes_data();
    void pathTraversalAndEncodedSlashes();
    void unknownMethods();
    void hugeQueryValues();
    void hugeHeaders();
    void malformedForms_data();
    void malformedForms();
    void garbageOnTheWire_data();
    void garbageOnTheWire();
    void mutationFuzz();
    void silentConnectionsAreClosed();

private:
    QByteArray authorization() const { return "Bearer " + m_token.toLatin1(); }
    void verifyNothingChanged();

    TestServer m_server;
    HttpTestClient m_http;
    QString m_token;
    QByteArray m_clientsBefore;
    QByteArray m_auditBefore;
};

void TestBadInput::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_token = adminToken(m_http, m_server);
    QCOMPARE(createClient(m_http, m_server, m_token, apiBody(u"Existing"_s)).status, 201);
    m_clientsBefore = m_http.get(m_server.url(u"/api/v1/clients"_s), m_token).body;
    m_auditBefore = m_http.get(m_server.url(u"/api/v1/audit/activities"_s), m_token).body;
}

void TestBadInput::init()
{
    m_server.clock().advance(301); // out of the rate limiter's window
    m_token = adminToken(m_http, m_server);
}

void TestBadInput::cleanupTestCase()
{
    verifyNothingChanged();
}

void TestBadInput::verifyNothingChanged()
{
    // The same clients; the list's revision starts a new epoch when the server restarts (docs/server.md).
    const auto withoutRevision = [](const QByteArray& body) {
        QJsonObject object = QJsonDocument::fromJson(body).object();
        object.remove(u"revision"_s);
        return object;
    };
    QCOMPARE(withoutRevision(m_http.get(m_server.url(u"/api/v1/clients"_s), m_token).body),
             withoutRevision(m_clientsBefore));
    QCOMPARE(m_http.get(m_server.url(u"/api/v1/audit/activities"_s), m_token).body, m_auditBefore);
}

void TestBadInput::malformedJson_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("blank") << QByteArray("  \n");
    QTest::newRow("truncated") << QByteArray("{\"client_name\": \"A\"");
    QTest::newRow("trailing comma") << QByteArray("{\"client_name\": \"A\",}");
    QTest::newRow("array") << QByteArray("[{\"client_name\": \"A\"}]");
    QTest::newRow("string") << QByteArray("\"client\"");
    QTest::newRow("number") << QByteArray("42");
    QTest::newRow("null") << QByteArray("null");
    QTest::newRow("deep nesting") << QByteArray(100000, '[') + QByteArray(100000, ']');
    QTest::newRow("deep objects") << QByteArray().fill('{', 1) + QByteArray("\"a\":").repeated(5000) + QByteArray("1")
            + QByteArray(5000, '}');
    QTest::newRow("two documents") << QByteArray("{} {}");
}

void TestBadInput::malformedJson()
{
    QFETCH(QByteArray, body);
    for (const QByteArray& path :
         {QByteArray("/api/v1/clients"), QByteArray("/api/v1/roles"), QByteArray("/api/v1/spaces")}) {
        const auto reply = m_http.send("POST", m_server.url(QString::fromLatin1(path)), body,
                                       {{"Content-Type", "application/json"}, {"Authorization", authorization()}});
        QVERIFY2(reply.status == 400, path.constData());
        QVERIFY(reply.header("Content-Type").startsWith("application/problem+json"));
        QVERIFY(!reply.object().value(u"detail"_s).toString().isEmpty());
    }
    const QString id = m_http.get(m_server.url(u"/api/v1/clients?q=Existing"_s), m_token)
                           .object()[u"items"_s]
                           .toArray()
                           .at(0)[u"client_id"_s]
                           .toString();
    const auto patch
        = m_http.send("PATCH", m_server.url(u"/api/v1/clients/"_s + id), body,
                      {{"Content-Type", "application/merge-patch+json"}, {"Authorization", authorization()}});
    QCOMPARE(patch.status, 400);
}

void TestBadInput::invalidTextNamesTheField_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::newRow("lone high surrogate") << QByteArray("A\\ud800B");
    QTest::newRow("lone low surrogate") << QByteArray("\\udc00");
    QTest::newRow("pair reversed") << QByteArray("\\ude00\\ud83d");
    QTest::newRow("high at the end") << QByteArray("A\\uD83D");
    QTest::newRow("not utf-8") << QByteArray("\xff\xfe");
    QTest::newRow("overlong slash") << QByteArray("\xc0\xaf");
    QTest::newRow("encoded surrogate") << QByteArray("\xed\xa0\x80");
    QTest::newRow("truncated sequence") << QByteArray("A\xe2\x82");
    QTest::newRow("escaped control") << QByteArray("A\\u0001B");
    QTest::newRow("escaped nul") << QByteArray("A\\u0000");
    QTest::newRow("raw nul") << QByteArray("A\0B", 3);
    QTest::newRow("escaped del") << QByteArray("A\\u007f");
    QTest::newRow("c1 control") << QByteArray("A\xc2\x85");
}

void TestBadInput::invalidTextNamesTheField()
{
    QFETCH(QByteArray, name);
    const auto check = [&](const QByteArray& method, const QString& path, const QByteArray& body, const QString& field,
                           const QByteArray& type) {
        const auto reply = m_http.send(method, m_server.url(path), body,
                                       {{"Content-Type", type}, {"Authorization", authorization()}});
        QCOMPARE(reply.status, 422);
        QVERIFY(reply.header("Content-Type").startsWith("application/problem+json"));
        const QJsonArray errors = reply.object().value(u"errors"_s).toArray();
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.at(0)[u"field"_s].toString(), field);
        QVERIFY(!errors.at(0)[u"message"_s].toString().isEmpty());
    };
    check("POST", u"/api/v1/clients"_s,
          "{\"purpose\": \"api\", \"client_name\": \"" + name + "\", \"access\": [\"user_provisioning\"]}",
          u"client_name"_s, "application/json");
    check("POST", u"/api/v1/clients"_s,
          "{\"client_name\": \"A\", \"purpose\": \"api\", \"access\": [\"user_provisioning\", \"" + name + "\"]}",
          u"access"_s, "application/json");
    check("POST", u"/api/v1/clients"_s,
          "{\"client_name\": \"A\", \"purpose\": \"technical\", \"user_id\": \"U\", \"roles\": [{\"role_id\": "
          "\"DW_VIEWER\", \"spaces\": [\""
              + name + "\"]}]}",
          u"roles"_s, "application/json");
    check("POST", u"/api/v1/spaces"_s, "{\"space_id\": \"S\", \"name\": \"" + name + "\"}", u"name"_s,
          "application/json");
    check("POST", u"/api/v1/roles"_s,
          "{\"role_id\": \"R\", \"name\": \"R\", \"description\": \"" + name + "\", \"spaces\": []}", u"description"_s,
          "application/json");
    const QString id = m_http.get(m_server.url(u"/api/v1/clients?q=Existing"_s), m_token)
                           .object()[u"items"_s]
                           .toArray()
                           .at(0)[u"client_id"_s]
                           .toString();
    check("PATCH", u"/api/v1/clients/"_s + id, "{\"client_name\": \"" + name + "\"}", u"client_name"_s,
          "application/merge-patch+json");
    verifyNothingChanged();
}

void TestBadInput::supplementaryCharactersSurviveARestart()
{
    // A surrogate pair, escaped, and the same character as UTF-8; tab and
    // newline are allowed.
    const QByteArray body = "{\"space_id\": \"EMOJI\", \"name\": \"\\ud83d\\ude00 \xf0\x9f\x98\x80 \\u00e9\"}";
    const auto created = m_http.send("POST", m_server.url(u"/api/v1/spaces"_s), body,
                                     {{"Content-Type", "application/json"}, {"Authorization", authorization()}});
    QCOMPARE(created.status, 201);
    const QString expected = QString::fromUtf8("\xf0\x9f\x98\x80 \xf0\x9f\x98\x80 \xc3\xa9");
    QVERIFY(m_server.restart());
    m_token = adminToken(m_http, m_server);
    const QJsonArray spaces = m_http.get(m_server.url(u"/api/v1/spaces"_s), m_token).array();
    QCOMPARE(spaces.size(), 1);
    QCOMPARE(spaces.at(0)[u"name"_s].toString(), expected);
    QCOMPARE(m_http.del(m_server.url(u"/api/v1/spaces/EMOJI"_s), m_token).status, 204);
    m_auditBefore = m_http.get(m_server.url(u"/api/v1/audit/activities"_s), m_token).body;
}

void TestBadInput::wrongMediaType_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::newRow("none") << QByteArray();
    QTest::newRow("text") << QByteArray("text/plain");
    QTest::newRow("form") << QByteArray("application/x-www-form-urlencoded");
    QTest::newRow("xml") << QByteArray("application/xml");
    QTest::newRow("latin-1 json") << QByteArray("application/json; charset=iso-8859-1");
    QTest::newRow("merge patch for POST") << QByteArray("application/merge-patch+json");
}

void TestBadInput::wrongMediaType()
{
    QFETCH(QByteArray, contentType);
    HttpHeaders headers{{"Authorization", authorization()}};
    if (!contentType.isEmpty()) {
        headers.append({"Content-Type", contentType});
    }
    const QByteArray body = QJsonDocument(apiBody(u"Typed"_s)).toJson();
    const auto reply = m_http.send("POST", m_server.url(u"/api/v1/clients"_s), body, headers);
    QCOMPARE(reply.status, 415);
    QVERIFY(reply.header("Content-Type").startsWith("application/problem+json"));
}

void TestBadInput::bodyOverOneMebibyte()
{
    QJsonObject big = apiBody(u"Big"_s);
    big.insert(u"client_name"_s, QString(1024 * 1024, u'x'));
    const QByteArray body = QJsonDocument(big).toJson(QJsonDocument::Compact);
    QVERIFY(body.size() > 1024 * 1024);
    const auto reply = m_http.send("POST", m_server.url(u"/api/v1/clients"_s), body,
                                   {{"Content-Type", "application/json"}, {"Authorization", authorization()}});
    QCOMPARE(reply.status, 413);
    QVERIFY(reply.header("Content-Type").startsWith("application/problem+json"));

    const QByteArray form = "grant_type=client_credentials&scope=" + QByteArray(1024 * 1024, 'a');
    const auto token
        = m_http.send("POST", m_server.tokenUrl(), form,
                      {{"Content-Type", "application/x-www-form-urlencoded"},
                       {"Authorization", HttpTestClient::basic(m_server.adminClientId(), m_server.adminSecret())}});
    QCOMPARE(token.status, 413);
    QCOMPARE(token.object().value(u"error"_s).toString(), u"invalid_request"_s);

    // Exactly 1 MiB is still read (and judged on its content).
    QByteArray limit = QJsonDocument(apiBody(u"Limit"_s)).toJson(QJsonDocument::Compact);
    limit.append(QByteArray(1024 * 1024 - limit.size(), ' '));
    const auto atLimit = m_http.send("POST", m_server.url(u"/api/v1/spaces"_s), limit,
                                     {{"Content-Type", "application/json"}, {"Authorization", authorization()}});
    QCOMPARE(atLimit.status, 422);
}

void TestBadInput::endlessBodyIsCutOff()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(m_server.baseUrl().port()));
    QVERIFY(socket.waitForConnected(5000));
    socket.write("POST /api/v1/clients HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                 "1000000000\r\n\r\n");
    const QByteArray chunk(64 * 1024, 'x');
    RawReply reply;
    // Keep sending until the server answers; it must do so long before 1 GB.
    for (int sent = 0; sent < 400 && socket.state() == QAbstractSocket::ConnectedState; ++sent) {
        socket.write(chunk);
        socket.waitForBytesWritten(5000);
        if (socket.bytesAvailable() > 0 || socket.waitForReadyRead(1)) {
            break;
        }
    }
    reply = readReply(socket, 10000);
    QCOMPARE(reply.status, 413);
    QVERIFY(reply.header("Content-Type").startsWith("application/problem+json"));
    // The server closes its side once the answer is out.
    QTRY_VERIFY_WITH_TIMEOUT(!socket.waitForReadyRead(10) && socket.state() != QAbstractSocket::ConnectedState, 10000);
    QCOMPARE(m_http.get(m_server.url(u"/api/v1/tenant"_s), m_token).status, 200);
}

void TestBadInput::pathTraversalAndEncodedSlashes_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::newRow("dot dot") << QByteArray("/api/v1/clients/..");
    QTest::newRow("dot dot tenant") << QByteArray("/api/v1/clients/../tenant");
    QTest::newRow("dot dot secret") << QByteArray("/api/v1/clients/../secret");
    QTest::newRow("encoded slash") << QByteArray("/api/v1/clients/a%2Fb");
    QTest::newRow("encoded traversal") << QByteArray("/api/v1/clients/..%2F..%2F..%2Fetc%2Fpasswd");
    QTest::newRow("encoded dots") << QByteArray("/api/v1/clients/%2E%2E/secret");
    QTest::newRow("nul") << QByteArray("/api/v1/clients/%00");
    QTest::newRow("not utf-8") << QByteArray("/api/v1/clients/%ff%fe");
    QTest::newRow("bad escape") << QByteArray("/api/v1/clients/%zz");
    QTest::newRow("backslash") << QByteArray("/api/v1/clients/..%5C..%5Ctenant");
    QTest::newRow("double slash") << QByteArray("/api/v1//clients");
    QTest::newRow("trailing slash") << QByteArray("/api/v1/clients/");
    QTest::newRow("empty id") << QByteArray("/api/v1/clients//secret");
    QTest::newRow("long id") << QByteArray("/api/v1/clients/") + QByteArray(60000, 'a');
    QTest::newRow("unknown") << QByteArray("/etc/passwd");
    QTest::newRow("asterisk") << QByteArray("*");
}

void TestBadInput::pathTraversalAndEncodedSlashes()
{
    QFETCH(QByteArray, path);
    for (const QByteArray& method : {QByteArray("GET"), QByteArray("DELETE"), QByteArray("PATCH")}) {
        const auto reply = rawRequest(m_server.baseUrl(),
                                      method + ' ' + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + authorization()
                                          + "\r\nContent-Type: application/json\r\nContent-Length: "
                                            "2\r\n\r\n{}");
        QVERIFY2(reply.answered, method.constData());
        QVERIFY2(reply.status == 404 || reply.status == 405 || reply.status == 400, reply.head.constData());
        QVERIFY(reply.header("Content-Type").startsWith("application/problem+json"));
    }
}

void TestBadInput::unknownMethods()
{
    const auto brew = rawRequest(m_server.baseUrl(), "BREW /api/v1/clients HTTP/1.1\r\nHost: x\r\n\r\n");
    // Qt's parser may refuse a method it does not know; if it answers, it
    // is a 405 with Allow.
    if (brew.answered) {
        QCOMPARE(brew.status, 405);
    }
    // HEAD is answered as GET would be (here 401 without a token), headers
    // only (issue 10): the connection then carries the next answer in step.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress(m_server.baseUrl().host()), quint16(m_server.baseUrl().port()));
    QVERIFY(socket.waitForConnected(5000));
    socket.write("HEAD /api/v1/tenant HTTP/1.1\r\nHost: x\r\n\r\nGET /oauth/jwks HTTP/1.1\r\nHost: x\r\n\r\n");
    QByteArray both;
    while (both.count("HTTP/1.1 ") < 2 || !both.endsWith('}')) {
        QVERIFY(socket.waitForReadyRead(5000));
        both += socket.readAll();
    }
    QVERIFY2(both.startsWith("HTTP/1.1 401 "), both.constData());
    const qsizetype second = both.indexOf("HTTP/1.1 200 ");
    QVERIFY(second > 0);
    QVERIFY(both.left(second).endsWith("\r\n\r\n")); // no body after the HEAD answer's headers
    const auto options = m_http.send("OPTIONS", m_server.url(u"/api/v1/clients/x"_s));
    QCOMPARE(options.status, 405);
    QCOMPARE(options.header("Allow"), "GET, PATCH, DELETE");
    const auto put = m_http.send("PUT", m_server.url(u"/oauth/token"_s), "x", {{"Content-Type", "text/plain"}});
    QCOMPARE(put.status, 405);
    QCOMPARE(put.header("Allow"), "POST");
    QCOMPARE(put.object().value(u"error"_s).toString(), u"invalid_request"_s);
    QCOMPARE(m_http.get(m_server.url(u"/api/v1/tenant"_s), m_token).status, 200);
}

void TestBadInput::hugeQueryValues()
{
    const QByteArrayList queries{QByteArray("limit=99999999999999999999999999"),
                                 QByteArray("offset=" + QByteArray(5000, '9')),
                                 QByteArray("sort=" + QByteArray(50000, 'x')),
                                 QByteArray("purpose=" + QByteArray(50000, 'x')),
                                 QByteArray("a=1&").repeated(15000),
                                 QByteArray("%FF%FE=1"),
                                 QByteArray("q=%FF%FE")};
    for (const QByteArray& query : queries) {
        const auto reply = rawRequest(m_server.baseUrl(),
                                      "GET /api/v1/clients?" + query
                                          + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + authorization() + "\r\n\r\n");
        QVERIFY2(reply.status == 400, query.left(40).constData());
        QVERIFY(reply.body.size() < 64 * 1024); // the answer does not echo all of it
    }
    const auto audit = rawRequest(m_server.baseUrl(),
                                  "GET /api/v1/audit/activities?" + QByteArray("x=1&").repeated(15000)
                                      + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + authorization() + "\r\n\r\n");
    QCOMPARE(audit.status, 400);
    QVERIFY(audit.body.size() < 64 * 1024);
    // Over 64 KiB of request line and headers: 431 (api.md).
    const auto tooLong = rawRequest(m_server.baseUrl(),
                                    "GET /api/v1/clients?" + QByteArray("a=1&").repeated(20000)
                                        + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + authorization() + "\r\n\r\n");
    QCOMPARE(tooLong.status, 431);
}

void TestBadInput::hugeHeaders()
{
    const auto reply
        = m_http.send("GET", m_server.url(u"/api/v1/tenant"_s), {},
                      {{"Authorization", "Bearer " + QByteArray(60000, 'x')}, {"X-Pad", QByteArray(20000, 'y')}});
    QVERIFY(reply.status == 401 || reply.status == 400 || reply.status == 431 || reply.status == 0);
    QCOMPARE(m_http.get(m_server.url(u"/api/v1/tenant"_s), m_token).status, 200);
}

void TestBadInput::malformedForms_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("bad escape") << QByteArray("grant_type=client_credentials&scope=%G1");
    QTest::newRow("truncated escape") << QByteArray("grant_type=client_credentials%2");
    QTest::newRow("not utf-8") << QByteArray("grant_type=client_credentials&scope=%FF");
    QTest::newRow("raw binary") << QByteArray("\x00\x01\x02=\xff", 5);
    QTest::newRow("many parameters") << QByteArray("a=1&").repeated(100000) + "grant_type=client_credentials";
}

void TestBadInput::malformedForms()
{
    QFETCH(QByteArray, body);
    for (const QString& path : {u"/oauth/token"_s, u"/oauth/introspect"_s, u"/oauth/revoke"_s}) {
        const auto reply
            = m_http.send("POST", m_server.url(path), body,
                          {{"Content-Type", "application/x-www-form-urlencoded"},
                           {"Authorization", HttpTestClient::basic(m_server.adminClientId(), m_server.adminSecret())}});
        QVERIFY2(reply.status == 400, qPrintable(path));
        QVERIFY(!reply.object().value(u"error"_s).toString().isEmpty());
    }
}

void TestBadInput::garbageOnTheWire_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("binary") << QByteArray("\x00\x01\x02garbage\r\n\r\n", 14);
    QTest::newRow("no version") << QByteArray("GET /\r\n\r\n");
    QTest::newRow("bad version") << QByteArray("GET / HTTP/9.9\r\nHost: x\r\n\r\n");
    QTest::newRow("negative length") << QByteArray(
        "POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n");
    QTest::newRow("huge length") << QByteArray("POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Length: "
                                               "99999999999999999999999\r\n\r\nab");
    QTest::newRow("bad chunk") << QByteArray("POST /oauth/token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
                                             "chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
    QTest::newRow("header without colon") << QByteArray("GET /oauth/jwks HTTP/1.1\r\nHost x\r\n\r\n");
    QTest::newRow("tls hello") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11);
    QTest::newRow("lone newlines") << QByteArray("\n\n\n\n");
}

void TestBadInput::garbageOnTheWire()
{
    QFETCH(QByteArray, bytes);
    const auto reply = rawRequest(m_server.baseUrl(), bytes, {}, 5000, true);
    // Whatever Qt's lenient parser makes of it (an answer, or a closed
    // connection), it is never a server error, and the server stays up.
    if (reply.answered) {
        QVERIFY2(reply.status > 0 && reply.status < 500, reply.head.constData());
    }
    QCOMPARE(m_http.get(m_server.url(u"/oauth/jwks"_s)).status, 200);
}

void TestBadInput::mutationFuzz()
{
    const QByteArray basic = HttpTestClient::basic(m_server.adminClientId(), m_server.adminSecret());
    const QList<QByteArray> seeds{
        formRequest(m_server.baseUrl(), "/oauth/token", "grant_type=client_credentials&scope=DW_ADMINISTRATOR", basic),
        formRequest(m_server.baseUrl(), "/oauth/introspect", "token=" + m_token.toLatin1(), basic),
        "POST /api/v1/clients HTTP/1.1\r\nHost: x\r\nAuthorization: " + authorization()
            + "\r\nContent-Type: application/json\r\nContent-Length: 140\r\n\r\n"
            + QJsonDocument(technicalBody(u"Fuzz"_s, u"FUZZ"_s, roleList({u"DW_VIEWER"_s})))
                  .toJson(QJsonDocument::Compact)
                  .leftJustified(140, ' '),
        "GET /api/v1/clients?q=a&sort=-client_name&limit=5 HTTP/1.1\r\nHost: x\r\nAuthorization: " + authorization()
            + "\r\n\r\n",
    };
    for (const QByteArray& seed : seeds) {
        const auto reply = rawRequest(m_server.baseUrl(), seed, {}, 5000, true);
        QVERIFY2(reply.answered && reply.status < 500,
                 QByteArray(seed.left(60) + " -> " + reply.head + reply.body).constData());
    }
    QRandomGenerator random(20250615);
    int answered = 0;
    for (int i = 0; i < 300; ++i) {
        QByteArray bytes = seeds.at(i % seeds.size());
        const int edits = 1 + int(random.bounded(8));
        for (int e = 0; e < edits; ++e) {
            const qsizetype at = random.bounded(bytes.size());
            switch (random.bounded(4)) {
            case 0:
                bytes[at] = char(random.bounded(256));
                break;
            case 1:
                bytes.remove(at, 1 + random.bounded(4));
                break;
            case 2:
                bytes.insert(at, QByteArray(1 + random.bounded(8), char(random.bounded(256))));
                break;
            default:
                bytes.insert(at, "%\"{[\\\r\n"[random.bounded(7)]);
                break;
            }
        }
        const auto reply = rawRequest(m_server.baseUrl(), bytes, {}, 5000, true);
        if (reply.answered) {
            ++answered;
            QVERIFY2(reply.status != 500 && reply.status != 0, bytes.left(120).toPercentEncoding(" /=&:").constData());
        }
    }
    qInfo("%d of 300 mutated requests were answered", answered);
    QVERIFY(answered > 0);
    // The server is alive; whatever the fuzz created is cleaned up.
    m_server.clock().advance(301);
    m_token = adminToken(m_http, m_server);
    QVERIFY(!m_token.isEmpty());
    const QJsonArray items
        = m_http.get(m_server.url(u"/api/v1/clients?q=FUZZ"_s), m_token).object()[u"items"_s].toArray();
    for (const QJsonValue& item : items) {
        QCOMPARE(m_http.del(m_server.url(u"/api/v1/clients/"_s + item[u"client_id"_s].toString()), m_token).status,
                 204);
    }
    m_auditBefore = m_http.get(m_server.url(u"/api/v1/audit/activities"_s), m_token).body;
}

void TestBadInput::silentConnectionsAreClosed()
{
    appint::ServerOptions options;
    QTemporaryDir dir;
    options.dataDir = dir.path();
    options.limits.idleTimeoutMs = 300;
    appint::ServerThread server(options);
    QVERIFY(server.start(nullptr));
    // An idle keep-alive connection, one that stalls inside its headers
    // (slowloris), and one inside its body.
    QTcpSocket idle, headers, body;
    for (QTcpSocket* socket : {&idle, &headers, &body}) {
        socket->connectToHost(QHostAddress::LocalHost, quint16(server.baseUrl().port()));
        QVERIFY(socket->waitForConnected(5000));
    }
    idle.write("GET /oauth/jwks HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(readReply(idle).status, 200);
    headers.write("GET /oauth/jwks HTTP/1.1\r\nHost: x\r\nX-Slow: ");
    body.write("POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\ngrant_type=");
    headers.flush();
    body.flush();
    for (QTcpSocket* socket : {&idle, &headers, &body}) {
        QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::UnconnectedState, 10000);
    }
}

APPINT_TEST_MAIN(TestBadInput)
#include "TestBadInput.moc"
