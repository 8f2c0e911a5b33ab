// Rate limiting of failed client authentication (api.md): 10 failures for one
// client_id from one address, or 30 from one address, within 5 minutes block
// that address (correct or not) until the window passes; other addresses are
// unaffected. Time moves with the ManualClock, never by sleeping.

#include "ServerTestSupport.h"
#include "TestMain.h"

#include "server/oauth/RateLimiter.h"

using namespace Qt::StringLiterals;
using namespace appint::test;

class TestRateLimiting : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void tenFailuresForOneClientBlockTheAddress();
    void thirtyFailuresFromOneAddressBlockIt();
    void otherAddressesAreUnaffected();
    void windowSlides();
    void refusedAttemptsDoNotCount();
    void introspectionAndRevocationAreLimitedToo();
    void limiterUnit();
    void limiterForgetsOldAddresses();
    void limiterIsBoundedByItsCap();
    void ipv6IsCountedPerSlash64();

private:
    RawReply tokenRequest(const QString& id, const QString& secret, const QHostAddress& source = {});
    void fail(const QString& id, int times, const QHostAddress& source = {});

    std::unique_ptr<TestServer> m_server;
    HttpTestClient m_http;
    CreatedClient m_client;
};

void TestRateLimiting::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    m_client = createClient(m_http, *m_server, adminToken(m_http, *m_server), apiBody(u"Limited"_s));
    QCOMPARE(m_client.status, 201);
}

void TestRateLimiting::cleanup()
{
    m_server.reset();
}

RawReply TestRateLimiting::tokenRequest(const QString& id, const QString& secret, const QHostAddress& source)
{
    return rawRequest(m_server->baseUrl(),
                      formRequest(m_server->baseUrl(), "/oauth/token", "grant_type=client_credentials",
                                  HttpTestClient::basic(id, secret)),
                      source);
}

void TestRateLimiting::fail(const QString& id, int times, const QHostAddress& source)
{
    for (int i = 0; i < times; ++i) {
        const RawReply reply = tokenRequest(id, u"wrong-secret"_s, source);
        QCOMPARE(reply.status, 401);
    }
}

void TestRateLimiting::tenFailuresForOneClientBlockTheAddress()
{
    fail(m_client.id, 9);
    QCOMPARE(tokenRequest(m_client.id, m_client.secret).status, 200); // 9 are not enough
    fail(m_client.id, 1);

    const RawReply blocked = tokenRequest(m_client.id, m_client.secret); // correct, and still refused
    QCOMPARE(blocked.status, 429);
    QCOMPARE(blocked.header("Retry-After"), "300");
    QCOMPARE(blocked.header("Cache-Control"), "no-store");
    QCOMPARE(blocked.object().value(u"error"_s).toString(), u"temporarily_unavailable"_s);
    QVERIFY(!blocked.object().value(u"error_description"_s).toString().isEmpty());
    // The whole address is blocked, also for other clients.
    QCOMPARE(tokenRequest(m_server->adminClientId(), m_server->adminSecret()).status, 429);

    m_server->clock().advance(299);
    const RawReply almost = tokenRequest(m_client.id, m_client.secret);
    QCOMPARE(almost.status, 429);
    QCOMPARE(almost.header("Retry-After"), "1");
    m_server->clock().advance(1);
    QCOMPARE(tokenRequest(m_client.id, m_client.secret).status, 200);
}

void TestRateLimiting::thirtyFailuresFromOneAddressBlockIt()
{
    for (int i = 0; i < 29; ++i) {
        QCOMPARE(tokenRequest(u"cl-unknown-%1"_s.arg(i % 4), u"x"_s).status, 401); // at most 8 per id
    }
    QCOMPARE(tokenRequest(m_client.id, m_client.secret).status, 200);
    QCOMPARE(tokenRequest(u"cl-unknown-29"_s, u"x"_s).status, 401);
    const RawReply blocked = tokenRequest(m_client.id, m_client.secret);
    QCOMPARE(blocked.status, 429);
    QCOMPARE(blocked.header("Retry-After"), "300");
    m_server->clock().advance(300);
    QCOMPARE(tokenRequest(m_client.id, m_client.secret).status, 200);
}

void TestRateLimiting::otherAddressesAreUnaffected()
{
    const QHostAddress other(u"127.0.0.2"_s);
    QVERIFY2(tokenRequest(m_client.id, m_client.secret, other).status == 200,
             "loopback needs 127.0.0.2 (Linux routes all of 127.0.0.0/8 to lo)");
    fail(m_client.id, 10);
    QCOMPARE(tokenRequest(m_client.id, m_client.secret).status, 429);
    QCOMPARE(tokenRequest(m_client.id, m_client.secret, other).status, 200);
    // And the other way round: the second address has its own count.
    fail(m_client.id, 10, other);
    QCOMPARE(tokenRequest(m_client.id, m_client.secret, other).status, 429);
}

void TestRateLimiting::windowSlides()
{
    fail(m_client.id, 5);
    m_server->clock().advance(200);
    fail(m_client.id, 5);
    const RawReply blocked = tokenRequest(m_client.id, m_client.secret);
    QCOMPARE(blocked.status, 429);
    QCOMPARE(blocked.header("Retry-After"), "100"); // when the first five leave the window
    m_server->clock().advance(100);
    QCOMPARE(tokenRequest(m_client.id, m_client.secret).status, 200);
    // Five failures are still in the window: five more block again.
    fail(m_client.id, 5);
    QCOMPARE(tokenRequest(m_client.id, m_client.secret).status, 429);
}

void TestRateLimiting::refusedAttemptsDoNotCount()
{
    fail(m_client.id, 10);
    m_server->clock().advance(150);
    for (int i = 0; i < 20; ++i) {
        QCOMPARE(tokenRequest(m_client.id, u"still-wrong"_s).status, 429);
    }
    m_server->clock().advance(150);
    QCOMPARE(tokenRequest(m_client.id, m_client.secret).status, 200);
}

void TestRateLimiting::introspectionAndRevocationAreLimitedToo()
{
    const QString token = m_http.token(m_server->tokenUrl(), m_client.id, m_client.secret);
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(
            m_http.postForm(m_server->url(u"/oauth/introspect"_s), {{u"token"_s, token}}, m_client.id, u"no"_s).status,
            401);
    }
    QCOMPARE(m_http.postForm(m_server->url(u"/oauth/introspect"_s), {{u"token"_s, token}}, m_client.id, m_client.secret)
                 .status,
             429);
    QCOMPARE(
        m_http.postForm(m_server->url(u"/oauth/revoke"_s), {{u"token"_s, token}}, m_client.id, m_client.secret).status,
        429);
    // The management API (Bearer tokens) is not client authentication.
    const QString admin = m_http.token(m_server->tokenUrl(), m_server->adminClientId(), m_server->adminSecret());
    QVERIFY(admin.isEmpty()); // the address is blocked for the token endpoint ...
    m_server->clock().advance(300);
    QCOMPARE(m_http.get(m_server->url(u"/api/v1/tenant"_s), adminToken(m_http, *m_server)).status, 200);
    // ... but a valid Bearer token is not a client authentication.
    fail(m_client.id, 10);
    QCOMPARE(m_http.get(m_server->url(u"/api/v1/tenant"_s), token).status, 403); // valid, not an admin
}

void TestRateLimiting::limiterUnit()
{
    appint::RateLimiter limiter;
    const QHostAddress a(u"192.0.2.1"_s);
    const QHostAddress mapped(u"::ffff:192.0.2.1"_s); // the same client over IPv6 sockets
    const QHostAddress b(u"2001:db8::1"_s);
    QCOMPARE(limiter.retryAfter(a, 1000), 0);
    for (int i = 0; i < 9; ++i) {
        limiter.recordFailure(a, u"c"_s, 1000 + i);
    }
    QCOMPARE(limiter.retryAfter(a, 1009), 0);
    limiter.recordFailure(mapped, u"c"_s, 1009);
    QCOMPARE(limiter.retryAfter(a, 1010), 290); // the first failure (t=1000) leaves at 1300
    QCOMPARE(limiter.retryAfter(b, 1010), 0);
    QCOMPARE(limiter.retryAfter(a, 1299), 1);
    QCOMPARE(limiter.retryAfter(a, 1300), 0); // nine failures left in the window

    // 30 from one address over many ids.
    appint::RateLimiter spray;
    for (int i = 0; i < 30; ++i) {
        QCOMPARE(spray.retryAfter(a, 2000), 0);
        spray.recordFailure(a, u"id-%1"_s.arg(i), 2000);
    }
    QCOMPARE(spray.retryAfter(a, 2000), 300);
    QCOMPARE(spray.retryAfter(b, 2000), 0);
}

void TestRateLimiting::limiterForgetsOldAddresses()
{
    appint::RateLimiter limiter;
    for (int i = 0; i < 20000; ++i) {
        limiter.recordFailure(QHostAddress(quint32(0x0a000000 + i)), u"c"_s, 1000);
    }
    QVERIFY(limiter.trackedAddresses() >= 10000);
    limiter.recordFailure(QHostAddress(u"192.0.2.9"_s), u"c"_s, 1400); // the others left the window
    QCOMPARE(limiter.trackedAddresses(), 1);
}

void TestRateLimiting::limiterIsBoundedByItsCap()
{
    appint::RateLimiter::Limits limits;
    limits.maxTrackedAddresses = 1000;
    appint::RateLimiter limiter(limits);
    const QHostAddress first(u"192.0.2.1"_s);
    for (int i = 0; i < 30; ++i) {
        limiter.recordFailure(first, u"id-%1"_s.arg(i), 1000);
    }
    QVERIFY(limiter.retryAfter(first, 1000) > 0);
    // A flood from many addresses within the window: the count stays at the
    // cap, and the oldest address is the one forgotten.
    for (int i = 0; i < 50000; ++i) {
        limiter.recordFailure(QHostAddress(quint32(0x0a000000 + i)), u"c"_s, 1001);
        QVERIFY(limiter.trackedAddresses() <= limits.maxTrackedAddresses);
    }
    QCOMPARE(limiter.trackedAddresses(), limits.maxTrackedAddresses);
    QCOMPARE(limiter.retryAfter(first, 1001), 0);
    // The newest ones are still counted.
    const QHostAddress last(quint32(0x0a000000 + 49999));
    for (int i = 0; i < 9; ++i) {
        limiter.recordFailure(last, u"c"_s, 1002);
    }
    QVERIFY(limiter.retryAfter(last, 1002) > 0); // 10 failures for one id
    QCOMPARE(limiter.trackedAddresses(), limits.maxTrackedAddresses);
}

void TestRateLimiting::ipv6IsCountedPerSlash64()
{
    QCOMPARE(appint::RateLimiter::keyOf(QHostAddress(u"2001:db8:1:2:aaaa:bbbb:cccc:dddd"_s)), u"2001:db8:1:2::/64"_s);
    QCOMPARE(appint::RateLimiter::keyOf(QHostAddress(u"::ffff:192.0.2.7"_s)), u"192.0.2.7"_s);
    QCOMPARE(appint::RateLimiter::keyOf(QHostAddress(u"192.0.2.7"_s)), u"192.0.2.7"_s);

    appint::RateLimiter limiter;
    // 30 failures spread over 30 addresses of one /64 block all of it...
    for (int i = 0; i < 30; ++i) {
        const QHostAddress address(u"2001:db8:1:2::%1"_s.arg(i + 1, 0, 16));
        QCOMPARE(limiter.retryAfter(address, 1000), 0);
        limiter.recordFailure(address, u"id-%1"_s.arg(i), 1000);
    }
    QCOMPARE(limiter.trackedAddresses(), 1);
    QCOMPARE(limiter.retryAfter(QHostAddress(u"2001:db8:1:2:ffff::1"_s), 1000), 300);
    // ...and nothing of the neighbouring /64.
    QCOMPARE(limiter.retryAfter(QHostAddress(u"2001:db8:1:3::1"_s), 1000), 0);
}

APPINT_TEST_MAIN(TestRateLimiting)
#include "TestRateLimiting.moc"
