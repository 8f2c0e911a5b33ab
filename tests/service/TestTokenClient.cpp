#include "FaultServer.h"
#include "OidcPeer.h"
#include "TestMain.h"

#include "service/HttpLog.h"
#include "service/TokenClient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QTcpSocket>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace appint;
using appint::test::FaultServer;

Q_DECLARE_METATYPE(appint::test::FaultServer::Response)
Q_DECLARE_METATYPE(appint::ResultStatus)
Q_DECLARE_METATYPE(appint::ClientAuthentication)

namespace {
struct Fetched
{
    bool done = false;
    Result<AccessToken> result;
    RedactedRequest sent;
};
} // namespace

// TokenClient against a real third-party OAuth server (oidc-provider on
// loopback) and, for faults, against servers that stall, refuse or speak
// plain text to TLS.
class TestTokenClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void bodyAuthentication();
    void headerAuthentication();
    void tokenServiceUserTakesPriority();
    void scope();
    void unknownScope();
    void resourceIndicator();
    void wrongSecret_data();
    void wrongSecret();
    void parametersInBodyHeaderAndUrl();
    void jsonBodyRefusedByPeer();
    void sentRequestIsRedacted();
    void invalidCredentialIsNotSent();
    void stalledPeerTimesOut();
    void drippingPeerTimesOut();
    void stallAfterHeadersIsTimeout();
    void oversizedAnswerRefused_data();
    void oversizedAnswerRefused();
    void peerThatNeverAcceptsHitsTheConnectionTimeout();
    void connectionRefused();
    void tlsFailure();
    void protocolErrors_data();
    void protocolErrors();
    void contextDestroyedDropsCallback();

private:
    Fetched fetch(const OutboundCredential& credential, const QString& secret, QObject* context = nullptr);
    OutboundCredential credential(const QString& clientId, ClientAuthentication authentication) const;

    test::OidcPeer m_peer;
    QNetworkAccessManager m_network;
    std::unique_ptr<TokenClient> m_client;
};

void TestTokenClient::initTestCase()
{
    const QString error = m_peer.start();
    if (!error.isEmpty()) {
        QFAIL(qPrintable(u"The OAuth peer must run for these tests: "_s + error));
    }
    m_client = std::make_unique<TokenClient>(&m_network);
}

void TestTokenClient::init()
{
    m_peer.reset();
}

OutboundCredential TestTokenClient::credential(const QString& clientId, ClientAuthentication authentication) const
{
    OutboundCredential credential;
    credential.name = u"peer"_s;
    credential.tokenServiceUrl = m_peer.tokenUrl().toString();
    credential.clientId = clientId;
    credential.clientAuthentication = authentication;
    return credential;
}

Fetched TestTokenClient::fetch(const OutboundCredential& credential, const QString& secret, QObject* context)
{
    auto fetched = std::make_shared<Fetched>();
    OutboundSecrets secrets;
    secrets.clientSecret = Secret(secret);
    m_client->fetch(credential, secrets, context ? context : this,
                    [fetched](const Result<AccessToken>& result, const RedactedRequest& sent) {
                        fetched->result = result;
                        fetched->sent = sent;
                        fetched->done = true;
                    });
    // A guard against hanging, not a performance limit.
    if (!QTest::qWaitFor([&] { return fetched->done; }, 60'000)) {
        qWarning("token request did not finish");
    }
    return *fetched;
}

void TestTokenClient::bodyAuthentication()
{
    const Fetched fetched = fetch(credential(u"post-client"_s, ClientAuthentication::Body), u"post-secret"_s);
    QVERIFY2(fetched.result.ok(), qPrintable(fetched.result.message));
    QVERIFY(!fetched.result.value.value.isEmpty());
    QCOMPARE(fetched.result.value.tokenType, u"Bearer"_s);
    QCOMPARE(fetched.result.value.expiresIn, 600);
    const QJsonObject last = m_peer.lastRequest();
    QCOMPARE(last.value(u"body"_s).toObject().value(u"client_id"_s).toString(), u"post-client"_s);
    QCOMPARE(last.value(u"body"_s).toObject().value(u"client_secret"_s).toString(), u"post-secret"_s);
    QCOMPARE(last.value(u"body"_s).toObject().value(u"grant_type"_s).toString(), u"client_credentials"_s);
    QVERIFY(!last.value(u"headers"_s).toObject().contains(u"authorization"_s));
    QCOMPARE(m_peer.tokenRequests(), 1);
}

void TestTokenClient::headerAuthentication()
{
    const Fetched fetched = fetch(credential(u"basic-client"_s, ClientAuthentication::Header), u"basic-secret"_s);
    QVERIFY2(fetched.result.ok(), qPrintable(fetched.result.message));
    const QJsonObject last = m_peer.lastRequest();
    const QString authorization = last.value(u"headers"_s).toObject().value(u"authorization"_s).toString();
    QCOMPARE(authorization, u"Basic "_s + QString::fromLatin1(QByteArray("basic-client:basic-secret").toBase64()));
    const QJsonObject body = last.value(u"body"_s).toObject();
    QVERIFY(!body.contains(u"client_secret"_s));
    QVERIFY(!body.contains(u"client_id"_s));
}

void TestTokenClient::tokenServiceUserTakesPriority()
{
    // Seed 004: with addClientCredentialsInBody=false, tokenServiceUser and
    // tokenServicePassword are taken with priority for the Basic header.
    OutboundCredential cred = credential(u"someone-else"_s, ClientAuthentication::Header);
    cred.tokenServiceUser = u"basic-client"_s;
    OutboundSecrets secrets;
    secrets.tokenServicePassword = Secret(u"basic-secret"_s);
    bool done = false;
    Result<AccessToken> result;
    m_client->fetch(cred, secrets, this, [&](const Result<AccessToken>& r, const RedactedRequest&) {
        result = r;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 60'000);
    QVERIFY2(result.ok(), qPrintable(result.message));
    const QJsonObject last = m_peer.lastRequest();
    QVERIFY(last.value(u"headers"_s).toObject().value(u"authorization"_s).toString().startsWith(u"Basic "_s));
    QVERIFY(!last.value(u"body"_s).toObject().contains(u"client_secret"_s));
}

void TestTokenClient::scope()
{
    OutboundCredential cred = credential(u"post-client"_s, ClientAuthentication::Body);
    cred.scope = u"api:read"_s;
    Fetched fetched = fetch(cred, u"post-secret"_s);
    QVERIFY2(fetched.result.ok(), qPrintable(fetched.result.message));
    QCOMPARE(fetched.result.value.scope, u"api:read"_s);
    QCOMPARE(m_peer.lastRequest().value(u"body"_s).toObject().value(u"scope"_s).toString(), u"api:read"_s);

    cred.scope = u"api:read api:write"_s;
    fetched = fetch(cred, u"post-secret"_s);
    QVERIFY2(fetched.result.ok(), qPrintable(fetched.result.message));
    QCOMPARE(fetched.result.value.scope, u"api:read api:write"_s);
}

void TestTokenClient::unknownScope()
{
    OutboundCredential cred = credential(u"post-client"_s, ClientAuthentication::Body);
    cred.scope = u"openid"_s; // not a scope of the client-credentials grant at this peer
    const Fetched fetched = fetch(cred, u"post-secret"_s);
    QCOMPARE(fetched.result.status, ResultStatus::Validation);
    QCOMPARE(fetched.result.oauthError, u"invalid_scope"_s);
    QCOMPARE(fetched.result.httpStatus, 400);
    QVERIFY(fetched.result.message.contains(u"invalid_scope"_s));
}

void TestTokenClient::resourceIndicator()
{
    OutboundCredential cred = credential(u"basic-client"_s, ClientAuthentication::Header);
    cred.resource = u"https://api.example.com/"_s;
    cred.scope = u"api:write"_s;
    const Fetched fetched = fetch(cred, u"basic-secret"_s);
    QVERIFY2(fetched.result.ok(), qPrintable(fetched.result.message));
    // With a resource the peer issues a JWT for that audience (RFC 8707).
    const std::optional<QJsonObject> claims = fetched.result.value.claims();
    QVERIFY(claims.has_value());
    QCOMPARE(claims->value(u"aud"_s).toString(), u"https://api.example.com/"_s);
    QCOMPARE(claims->value(u"client_id"_s).toString(), u"basic-client"_s);
    QCOMPARE(claims->value(u"scope"_s).toString(), u"api:write"_s);
    QCOMPARE(m_peer.lastRequest().value(u"body"_s).toObject().value(u"resource"_s).toString(),
             u"https://api.example.com/"_s);

    // Without one the token is opaque: no claims to show.
    const Fetched opaque = fetch(credential(u"basic-client"_s, ClientAuthentication::Header), u"basic-secret"_s);
    QVERIFY(opaque.result.ok());
    QVERIFY(!opaque.result.value.claims().has_value());
}

void TestTokenClient::wrongSecret_data()
{
    QTest::addColumn<ClientAuthentication>("authentication");
    QTest::newRow("body") << ClientAuthentication::Body;
    QTest::newRow("header") << ClientAuthentication::Header;
}

void TestTokenClient::wrongSecret()
{
    QFETCH(ClientAuthentication, authentication);
    const Fetched fetched = fetch(credential(u"basic-client"_s, authentication), u"wrong"_s);
    QCOMPARE(fetched.result.status, ResultStatus::Authentication);
    QCOMPARE(fetched.result.httpStatus, 401);
    QCOMPARE(fetched.result.oauthError, u"invalid_client"_s);
    QCOMPARE(fetched.result.oauthErrorDescription, u"client authentication failed"_s);
    QCOMPARE(fetched.result.message,
             u"The token service refused the request: invalid_client: client authentication failed (HTTP 401)."_s);
    QVERIFY(fetched.result.value.value.isEmpty());
}

void TestTokenClient::parametersInBodyHeaderAndUrl()
{
    OutboundCredential cred = credential(u"post-client"_s, ClientAuthentication::Body);
    cred.tokenServiceUrl += u"?fixed=1"_s;
    cred.customParameters = {{u"tenant_hint"_s, u"eu 1&2"_s, ParameterLocation::Body},
                             {u"X-Trace-Id"_s, u"abc-123"_s, ParameterLocation::Header},
                             {u"api-version"_s, u"2024-01"_s, ParameterLocation::Url}};
    cred.tokenServiceHeaders = {{u"X-Zone"_s, u"eu10"_s}};
    cred.tokenServiceQueries = {{u"zone"_s, u"eu/10"_s}};
    cred.tokenServiceBody = {{u"extra"_s, u"yes"_s}};
    cred.audience = u"sales"_s;
    const Fetched fetched = fetch(cred, u"post-secret"_s);
    QVERIFY2(fetched.result.ok(), qPrintable(fetched.result.message));
    const QJsonObject last = m_peer.lastRequest();
    const QJsonObject headers = last.value(u"headers"_s).toObject();
    const QJsonObject query = last.value(u"query"_s).toObject();
    const QJsonObject body = last.value(u"body"_s).toObject();
    QCOMPARE(headers.value(u"x-trace-id"_s).toString(), u"abc-123"_s);
    QCOMPARE(headers.value(u"x-zone"_s).toString(), u"eu10"_s);
    QCOMPARE(query.value(u"fixed"_s).toString(), u"1"_s);
    QCOMPARE(query.value(u"zone"_s).toString(), u"eu/10"_s);
    QCOMPARE(query.value(u"api-version"_s).toString(), u"2024-01"_s);
    QCOMPARE(body.value(u"tenant_hint"_s).toString(), u"eu 1&2"_s);
    QCOMPARE(body.value(u"extra"_s).toString(), u"yes"_s);
    QCOMPARE(body.value(u"audience"_s).toString(), u"sales"_s);
    QVERIFY(!query.contains(u"tenant_hint"_s));
    QVERIFY(!body.contains(u"api-version"_s));
}

void TestTokenClient::jsonBodyRefusedByPeer()
{
    // Seed 003 lets the content type be chosen; this peer accepts only forms
    // (as RFC 6749 says) and its refusal reaches the caller readable.
    OutboundCredential cred = credential(u"post-client"_s, ClientAuthentication::Body);
    cred.contentType = OutboundCredential::jsonContentType();
    const Fetched fetched = fetch(cred, u"post-secret"_s);
    QCOMPARE(fetched.result.status, ResultStatus::Validation);
    QCOMPARE(fetched.result.oauthError, u"invalid_request"_s);
    QVERIFY(!fetched.result.oauthErrorDescription.isEmpty());
    QVERIFY(fetched.sent.body.startsWith("{"));
    QVERIFY(fetched.sent.body.contains("\"client_secret\":\"<redacted>\""));
}

void TestTokenClient::sentRequestIsRedacted()
{
    const Fetched body = fetch(credential(u"post-client"_s, ClientAuthentication::Body), u"post-secret"_s);
    QVERIFY(body.result.ok());
    const QString bodyText = body.sent.toText();
    QVERIFY2(bodyText.startsWith(u"POST "_s + m_peer.tokenUrl().toString() + u" HTTP/1.1\n"_s), qPrintable(bodyText));
    QVERIFY(bodyText.contains(u"client_id=post-client"_s));
    QVERIFY(bodyText.contains(u"client_secret=<redacted>"_s));
    QVERIFY(bodyText.contains(u"grant_type=client_credentials"_s));
    QVERIFY(!bodyText.contains(u"post-secret"_s));

    const Fetched header = fetch(credential(u"basic-client"_s, ClientAuthentication::Header), u"basic-secret"_s);
    QVERIFY(header.result.ok());
    const QString headerText = header.sent.toText();
    QVERIFY2(headerText.contains(u"Authorization: Basic <redacted>"_s), qPrintable(headerText));
    QVERIFY(!headerText.contains(QString::fromLatin1(QByteArray("basic-client:basic-secret").toBase64())));
}

void TestTokenClient::invalidCredentialIsNotSent()
{
    OutboundCredential cred = credential(u"post-client"_s, ClientAuthentication::Body);
    cred.customParameters = {{u"client_secret"_s, u"other"_s, ParameterLocation::Body}};
    Fetched fetched = fetch(cred, u"post-secret"_s);
    QCOMPARE(fetched.result.status, ResultStatus::Validation);
    QCOMPARE(fetched.result.fieldErrors.size(), 1);
    QCOMPARE(fetched.result.fieldErrors.at(0).field, u"customParameters"_s);
    QVERIFY(fetched.sent.isEmpty());

    fetched = fetch(credential(u"post-client"_s, ClientAuthentication::Body), QString());
    QCOMPARE(fetched.result.status, ResultStatus::Validation);
    QCOMPARE(fetched.result.fieldErrors.at(0).field, u"clientSecret"_s);
    QCOMPARE(m_peer.tokenRequests(), 0);
}

void TestTokenClient::stalledPeerTimesOut()
{
    FaultServer stalling;
    stalling.setStalling(true);
    QVERIFY(stalling.listen());
    OutboundCredential cred = credential(u"post-client"_s, ClientAuthentication::Body);
    cred.tokenServiceUrl = stalling.url().toString();
    cred.readTimeoutSeconds = 1;
    const Fetched fetched = fetch(cred, u"post-secret"_s);
    QCOMPARE(fetched.result.status, ResultStatus::Timeout);
    QCOMPARE(fetched.result.networkError, QNetworkReply::TimeoutError);
    QCOMPARE(fetched.result.httpStatus, 0);
    QVERIFY2(fetched.result.message.contains(u"read timeout"_s), qPrintable(fetched.result.message));
    QVERIFY(fetched.result.message.contains(u"1 second"_s));
    QCOMPARE(stalling.connectionCount(), 1);
    QCOMPARE(m_client->pendingCount(), 0);
}

void TestTokenClient::drippingPeerTimesOut()
{
    // One byte every 100 ms of a 200-byte answer: an idle timer would never
    // fire; the 1 s read deadline does.
    FaultServer dripping;
    FaultServer::Response response = FaultServer::json(
        200, R"({"access_token":"a","token_type":"Bearer","expires_in":60})" + QByteArray(140, ' '));
    response.dripIntervalMs = 100;
    dripping.setResponses({response});
    QVERIFY(dripping.listen());
    OutboundCredential cred = credential(u"post-client"_s, ClientAuthentication::Body);
    cred.tokenServiceUrl = dripping.url().toString();
    cred.readTimeoutSeconds = 1;
    QElapsedTimer elapsed;
    elapsed.start();
    const Fetched fetched = fetch(cred, u"post-secret"_s);
    QCOMPARE(fetched.result.status, ResultStatus::Timeout);
    QCOMPARE(fetched.result.networkError, QNetworkReply::TimeoutError);
    QVERIFY2(fetched.result.message.contains(u"read timeout"_s), qPrintable(fetched.result.message));
    // Ended by the deadline (1 s) plus a margin, not by the 20 s the drip takes.
    QVERIFY2(elapsed.elapsed() < 10'000, qPrintable(QString::number(elapsed.elapsed())));
    QCOMPARE(m_client->pendingCount(), 0);
}

void TestTokenClient::stallAfterHeadersIsTimeout()
{
    FaultServer stalling;
    FaultServer::Response response = FaultServer::json(200, R"({"access_token":"a","expires_in":60})");
    response.stallAfterHeaders = true;
    stalling.setResponses({response});
    QVERIFY(stalling.listen());
    OutboundCredential cred = credential(u"post-client"_s, ClientAuthentication::Body);
    cred.tokenServiceUrl = stalling.url().toString();
    cred.readTimeoutSeconds = 1;
    const Fetched fetched = fetch(cred, u"post-secret"_s);
    QCOMPARE(fetched.result.status, ResultStatus::Timeout);
    QVERIFY2(fetched.result.message.contains(u"read timeout"_s), qPrintable(fetched.result.message));
    QVERIFY(!fetched.result.message.contains(u"API"_s));
}

void TestTokenClient::oversizedAnswerRefused_data()
{
    QTest::addColumn<FaultServer::Response>("response");
    // A Content-Length over the 1 MiB cap: refused from the headers.
    FaultServer::Response announced = FaultServer::json(200, R"({"access_token":"a")");
    announced.announcedLength = 200LL * 1024 * 1024;
    announced.stallAfterHeaders = true;
    QTest::newRow("content-length 200 MiB") << announced;
    // No Content-Length, 2 MiB of body: refused once 1 MiB has arrived.
    FaultServer::Response streamed
        = FaultServer::json(200, R"({"access_token":"a","x":")" + QByteArray(2 * 1024 * 1024, 'x') + R"("})");
    streamed.withoutContentLength = true;
    QTest::newRow("2 MiB without length") << streamed;
}

void TestTokenClient::oversizedAnswerRefused()
{
    QFETCH(FaultServer::Response, response);
    FaultServer server;
    server.setResponses({response});
    QVERIFY(server.listen());
    OutboundCredential cred = credential(u"post-client"_s, ClientAuthentication::Body);
    cred.tokenServiceUrl = server.url().toString();
    cred.readTimeoutSeconds = 30;
    const Fetched fetched = fetch(cred, u"post-secret"_s);
    QCOMPARE(fetched.result.status, ResultStatus::Protocol);
    QVERIFY2(fetched.result.message.contains(u"larger than 1 MiB"_s), qPrintable(fetched.result.message));
    QCOMPARE(m_client->pendingCount(), 0);
}

namespace {
// A loopback port whose accept queue is full: the kernel drops further SYNs,
// so a new connection neither succeeds nor is refused (what a firewall that
// drops packets looks like). A listening socket with backlog 0 that never
// accepts, filled by connections held open until the end of the test.
class FullAcceptQueue
{
public:
    FullAcceptQueue()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr*>(&address), length) != 0 || ::listen(m_fd, 0) != 0
            || ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
            return;
        }
        m_port = ntohs(address.sin_port);
        // Fill the queue until a connection no longer completes.
        for (int i = 0; i < 16; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(QHostAddress::LocalHost, m_port);
            const bool connected = socket->waitForConnected(500);
            m_fillers.push_back(std::move(socket));
            if (!connected) {
                m_full = true;
                return;
            }
        }
    }
    ~FullAcceptQueue()
    {
        m_fillers.clear();
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    FullAcceptQueue(const FullAcceptQueue&) = delete;
    FullAcceptQueue& operator=(const FullAcceptQueue&) = delete;

    bool isFull() const { return m_full; }
    quint16 port() const { return m_port; }

private:
    int m_fd = -1;
    quint16 m_port = 0;
    bool m_full = false;
    std::vector<std::unique_ptr<QTcpSocket>> m_fillers;
};
} // namespace

void TestTokenClient::peerThatNeverAcceptsHitsTheConnectionTimeout()
{
    FullAcceptQueue queue;
    QVERIFY2(queue.isFull(), "the loopback accept queue could not be filled");
    OutboundCredential cred = credential(u"post-client"_s, ClientAuthentication::Body);
    cred.tokenServiceUrl = u"http://127.0.0.1:%1/token"_s.arg(queue.port());
    cred.connectionTimeoutSeconds = 1;
    cred.readTimeoutSeconds = 600; // so that only the connection timeout can end it
    const Fetched fetched = fetch(cred, u"post-secret"_s);
    QCOMPARE(fetched.result.status, ResultStatus::Timeout);
    QCOMPARE(fetched.result.httpStatus, 0);
    QVERIFY2(fetched.result.message.contains(u"connection timeout"_s), qPrintable(fetched.result.message));
    QVERIFY(fetched.result.message.contains(u"1 second"_s));
    QVERIFY(fetched.result.message.contains(u"127.0.0.1:%1"_s.arg(queue.port())));
    QCOMPARE(m_client->pendingCount(), 0);
}

void TestTokenClient::connectionRefused()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    OutboundCredential cred = credential(u"post-client"_s, ClientAuthentication::Body);
    cred.tokenServiceUrl = u"http://127.0.0.1:%1/token"_s.arg(port);
    const Fetched fetched = fetch(cred, u"post-secret"_s);
    QCOMPARE(fetched.result.status, ResultStatus::Network);
    QCOMPARE(fetched.result.networkError, QNetworkReply::ConnectionRefusedError);
    QVERIFY2(fetched.result.message.contains(u"refused the connection"_s), qPrintable(fetched.result.message));
    QVERIFY(fetched.result.message.contains(u"127.0.0.1:%1"_s.arg(port)));
}

void TestTokenClient::tlsFailure()
{
    // https:// to a server that answers in plain text: the handshake fails.
    FaultServer plain;
    plain.setRawReply("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
    QVERIFY(plain.listen());
    OutboundCredential cred = credential(u"post-client"_s, ClientAuthentication::Body);
    QUrl url = plain.url();
    url.setScheme(u"https"_s);
    cred.tokenServiceUrl = url.toString();
    const Fetched fetched = fetch(cred, u"post-secret"_s);
    QCOMPARE(fetched.result.status, ResultStatus::Tls);
    QCOMPARE(fetched.result.networkError, QNetworkReply::SslHandshakeFailedError);
    QVERIFY2(fetched.result.message.startsWith(u"A secure connection to the token service at 127.0.0.1"_s),
             qPrintable(fetched.result.message));
}

void TestTokenClient::protocolErrors_data()
{
    QTest::addColumn<FaultServer::Response>("response");
    QTest::addColumn<ResultStatus>("status");
    QTest::addColumn<qint64>("retryAfter");
    QTest::newRow("not json") << FaultServer::json(200, "<html>hi</html>") << ResultStatus::Protocol << qint64(0);
    QTest::newRow("no access_token") << FaultServer::json(200, R"({"token_type":"Bearer","expires_in":60})")
                                     << ResultStatus::Protocol << qint64(0);
    QTest::newRow("negative expires_in") << FaultServer::json(
        200, R"({"access_token":"a","token_type":"Bearer","expires_in":-5})")
                                         << ResultStatus::Protocol << qint64(0);
    QTest::newRow("429 retry-after") << FaultServer::json(429, R"({"error":"temporarily_unavailable"})",
                                                          {{"Retry-After", "42"}})
                                     << ResultStatus::RateLimited << qint64(42);
    QTest::newRow("503 html") << FaultServer::json(503, "<html>down</html>", {{"Retry-After", "7"}})
                              << ResultStatus::Server << qint64(7);
    QTest::newRow("404 wrong path") << FaultServer::json(404, "not here") << ResultStatus::NotFound << qint64(0);
    QTest::newRow("redirect") << FaultServer::json(302, "", {{"Location", "https://elsewhere.example/token"}})
                              << ResultStatus::Protocol << qint64(0);
}

void TestTokenClient::protocolErrors()
{
    QFETCH(FaultServer::Response, response);
    QFETCH(ResultStatus, status);
    QFETCH(qint64, retryAfter);
    FaultServer server;
    server.setResponses({response});
    QVERIFY(server.listen());
    OutboundCredential cred = credential(u"post-client"_s, ClientAuthentication::Body);
    cred.tokenServiceUrl = server.url().toString();
    const Fetched fetched = fetch(cred, u"post-secret"_s);
    QCOMPARE(fetched.result.status, status);
    QCOMPARE(fetched.result.retryAfter, retryAfter);
    QVERIFY(!fetched.result.message.isEmpty());
    QCOMPARE(server.requestCount(), 1);
}

void TestTokenClient::contextDestroyedDropsCallback()
{
    FaultServer server;
    server.setResponses({FaultServer::json(200, R"({"access_token":"a","token_type":"Bearer","expires_in":60})")});
    QVERIFY(server.listen());
    OutboundCredential cred = credential(u"post-client"_s, ClientAuthentication::Body);
    cred.tokenServiceUrl = server.url().toString();
    auto context = std::make_unique<QObject>();
    bool called = false;
    OutboundSecrets secrets;
    secrets.clientSecret = Secret(u"x"_s);
    m_client->fetch(cred, secrets, context.get(),
                    [&](const Result<AccessToken>&, const RedactedRequest&) { called = true; });
    context.reset();
    QTRY_COMPARE_WITH_TIMEOUT(server.requestCount(), 1, 30'000);
    QTRY_COMPARE_WITH_TIMEOUT(m_client->pendingCount(), 0, 30'000);
    QCoreApplication::processEvents();
    QVERIFY(!called);
}

APPINT_TEST_MAIN(TestTokenClient)
#include "TestTokenClient.moc"
