#include "FaultServer.h"
#include "ManualClock.h"
#include "OidcPeer.h"
#include "TestMain.h"

#include "service/TokenCache.h"
#include "service/TokenClient.h"

#include <QNetworkAccessManager>

using namespace Qt::StringLiterals;
using namespace appint;
using appint::test::FaultServer;
using appint::test::ManualClock;

namespace {
struct Outcome
{
    int calls = 0;
    Result<AccessToken> result;
};

QByteArray tokenJson(const QByteArray& token, int expiresIn)
{
    return R"({"access_token":")" + token + R"(","token_type":"Bearer","expires_in":)" + QByteArray::number(expiresIn)
        + "}";
}
} // namespace

// TokenCache: reuse, renewal before expiry on a manual clock, single flight,
// shared failures and backoff with Retry-After. The happy path runs against
// the oidc-provider peer; failures against a fault-injecting server.
class TestTokenCache : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void renewalMargin_data();
    void renewalMargin();
    void reusesUntilRenewal();
    void singleFlight();
    void renewsBeforeExpiryWithJitter();
    void keyedByName();
    void failureSharedAndRetryAfterHonoured();
    void backoffDoubles();
    void failedRenewalKeepsValidToken();
    void neverServesExpiredToken();
    void invalidateForgets();
    void deadContextIsSkipped();

private:
    std::shared_ptr<Outcome> ask(const OutboundCredential& credential, QObject* context = nullptr);
    OutboundCredential peerCredential(const QString& name = u"peer"_s) const;
    OutboundCredential faultCredential(const QString& name = u"fault"_s) const;

    test::OidcPeer m_peer;
    QNetworkAccessManager m_network;
    ManualClock m_clock{1'800'000'000};
    std::unique_ptr<TokenClient> m_client;
    std::unique_ptr<TokenCache> m_cache;
    std::unique_ptr<FaultServer> m_fault;
};

void TestTokenCache::initTestCase()
{
    const QString error = m_peer.start();
    if (!error.isEmpty()) {
        QFAIL(qPrintable(u"The OAuth peer must run for these tests: "_s + error));
    }
}

void TestTokenCache::init()
{
    m_peer.reset();
    m_clock.set(1'800'000'000);
    m_client = std::make_unique<TokenClient>(&m_network, m_clock);
    m_cache = std::make_unique<TokenCache>(m_client.get(), m_clock);
    m_cache->setJitter([](qint64) { return 0; });
    m_fault = std::make_unique<FaultServer>();
    QVERIFY(m_fault->listen());
}

void TestTokenCache::cleanup()
{
    m_cache.reset();
    m_client.reset();
    m_fault.reset();
}

OutboundCredential TestTokenCache::peerCredential(const QString& name) const
{
    OutboundCredential credential;
    credential.name = name;
    credential.tokenServiceUrl = m_peer.tokenUrl().toString();
    credential.clientId = u"post-client"_s;
    return credential;
}

OutboundCredential TestTokenCache::faultCredential(const QString& name) const
{
    OutboundCredential credential;
    credential.name = name;
    credential.tokenServiceUrl = m_fault->url().toString();
    credential.clientId = u"fault-client"_s;
    return credential;
}

std::shared_ptr<Outcome> TestTokenCache::ask(const OutboundCredential& credential, QObject* context)
{
    auto outcome = std::make_shared<Outcome>();
    OutboundSecrets secrets;
    secrets.clientSecret = Secret(credential.clientId == u"post-client"_s ? u"post-secret"_s : u"x"_s);
    m_cache->token(credential, secrets, context ? context : this, [outcome](const Result<AccessToken>& result) {
        ++outcome->calls;
        outcome->result = result;
    });
    return outcome;
}

void TestTokenCache::renewalMargin_data()
{
    QTest::addColumn<qint64>("lifetime");
    QTest::addColumn<qint64>("margin");
    QTest::newRow("1 h") << qint64(3600) << qint64(360);
    QTest::newRow("1 day") << qint64(86400) << qint64(8640);
    QTest::newRow("10 min") << qint64(600) << qint64(60);
    QTest::newRow("5 min") << qint64(300) << qint64(60);
    QTest::newRow("121 s") << qint64(121) << qint64(60);
    QTest::newRow("120 s") << qint64(120) << qint64(60);
    QTest::newRow("60 s") << qint64(60) << qint64(30);
    QTest::newRow("1 s") << qint64(1) << qint64(0);
}

void TestTokenCache::renewalMargin()
{
    QFETCH(qint64, lifetime);
    QFETCH(qint64, margin);
    QCOMPARE(TokenCache::renewalMargin(lifetime), margin);
}

void TestTokenCache::reusesUntilRenewal()
{
    const auto first = ask(peerCredential());
    QTRY_COMPARE_WITH_TIMEOUT(first->calls, 1, 30'000);
    QVERIFY2(first->result.ok(), qPrintable(first->result.message));
    m_clock.advance(300);
    const auto second = ask(peerCredential());
    QVERIFY(second->calls == 0); // never inside the call, even from the cache
    QTRY_COMPARE(second->calls, 1);
    QVERIFY(second->result.value.value == first->result.value.value);
    QCOMPARE(m_peer.tokenRequests(), 1);
    QCOMPARE(m_cache->requestCount(), 1);
}

void TestTokenCache::singleFlight()
{
    constexpr int Callers = 1000;
    QList<std::shared_ptr<Outcome>> outcomes;
    for (int i = 0; i < Callers; ++i) {
        outcomes.append(ask(peerCredential()));
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(outcomes.cbegin(), outcomes.cend(), [](const auto& o) { return o->calls; }),
                             60'000);
    for (const auto& outcome : std::as_const(outcomes)) {
        QCOMPARE(outcome->calls, 1);
        QVERIFY(outcome->result.ok());
        QVERIFY(outcome->result.value.value == outcomes.first()->result.value.value);
    }
    QCOMPARE(m_peer.tokenRequests(), 1); // the peer's own count
    QCOMPARE(m_cache->requestCount(), 1);
}

void TestTokenCache::renewsBeforeExpiryWithJitter()
{
    // 600 s lifetime: renewal margin 60 s, jitter up to 6 s earlier.
    m_cache->setJitter([](qint64 maximum) { return maximum; });
    const qint64 start = m_clock.now();
    const auto first = ask(peerCredential());
    QTRY_COMPARE_WITH_TIMEOUT(first->calls, 1, 30'000);
    QVERIFY(first->result.ok());
    QCOMPARE(first->result.value.obtainedAt, start);
    QCOMPARE(m_cache->renewalTime(u"peer"_s), std::optional<qint64>(start + 600 - 60 - 6));

    m_clock.set(start + 600 - 60 - 6 - 1);
    auto outcome = ask(peerCredential());
    QTRY_COMPARE(outcome->calls, 1);
    QVERIFY(outcome->result.value.value == first->result.value.value);
    QCOMPARE(m_peer.tokenRequests(), 1);

    m_clock.set(start + 600 - 60 - 6);
    outcome = ask(peerCredential());
    QTRY_COMPARE_WITH_TIMEOUT(outcome->calls, 1, 30'000);
    QVERIFY(outcome->result.ok());
    QVERIFY(!(outcome->result.value.value == first->result.value.value));
    QCOMPARE(m_peer.tokenRequests(), 2);
    QCOMPARE(m_cache->renewalTime(u"peer"_s), std::optional<qint64>(start + 600 - 60 - 6 + 600 - 66));

    // Without jitter the renewal comes at exactly 60 s before expiry.
    m_cache->setJitter([](qint64) { return 0; });
    m_cache->invalidate(u"peer"_s);
    outcome = ask(peerCredential());
    QTRY_COMPARE_WITH_TIMEOUT(outcome->calls, 1, 30'000);
    QCOMPARE(m_cache->renewalTime(u"peer"_s), std::optional<qint64>(m_clock.now() + 540));
}

void TestTokenCache::keyedByName()
{
    const auto a = ask(peerCredential(u"a"_s));
    const auto b = ask(peerCredential(u"b"_s));
    QTRY_VERIFY_WITH_TIMEOUT(a->calls == 1 && b->calls == 1, 30'000);
    QVERIFY(!(a->result.value.value == b->result.value.value));
    QCOMPARE(m_peer.tokenRequests(), 2);
}

void TestTokenCache::failureSharedAndRetryAfterHonoured()
{
    m_fault->setResponses({FaultServer::json(429, R"({"error":"temporarily_unavailable"})", {{"Retry-After", "30"}}),
                           FaultServer::json(200, tokenJson("fresh", 3600))});
    QList<std::shared_ptr<Outcome>> waiting;
    for (int i = 0; i < 5; ++i) {
        waiting.append(ask(faultCredential()));
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(waiting.cbegin(), waiting.cend(), [](const auto& o) { return o->calls; }),
                             30'000);
    for (const auto& outcome : std::as_const(waiting)) {
        QCOMPARE(outcome->calls, 1);
        QCOMPARE(outcome->result.status, ResultStatus::RateLimited);
        QCOMPARE(outcome->result.retryAfter, 30);
    }
    QCOMPARE(m_fault->requestCount(), 1);

    // Within Retry-After: the failure again, at once, without a request.
    m_clock.advance(10);
    auto outcome = ask(faultCredential());
    QTRY_COMPARE(outcome->calls, 1);
    QCOMPARE(outcome->result.status, ResultStatus::RateLimited);
    QCOMPARE(outcome->result.retryAfter, 20);
    QCOMPARE(m_fault->requestCount(), 1);

    m_clock.advance(20);
    outcome = ask(faultCredential());
    QTRY_COMPARE_WITH_TIMEOUT(outcome->calls, 1, 30'000);
    QVERIFY2(outcome->result.ok(), qPrintable(outcome->result.message));
    QCOMPARE(outcome->result.value.value.toString(), u"fresh"_s);
    QCOMPARE(m_fault->requestCount(), 2);
}

void TestTokenCache::backoffDoubles()
{
    m_fault->setResponses({FaultServer::json(503, R"({"error":"server_error"})")});
    qint64 expected = TokenCache::InitialBackoff;
    for (int attempt = 1; attempt <= 4; ++attempt) {
        const auto outcome = ask(faultCredential());
        QTRY_COMPARE_WITH_TIMEOUT(outcome->calls, 1, 30'000);
        QCOMPARE(outcome->result.status, ResultStatus::Server);
        QCOMPARE(outcome->result.retryAfter, expected);
        QCOMPARE(m_fault->requestCount(), attempt);
        // One second short of the backoff: no new request.
        m_clock.advance(expected - 1);
        const auto early = ask(faultCredential());
        QTRY_COMPARE(early->calls, 1);
        QCOMPARE(early->result.retryAfter, 1);
        QCOMPARE(m_fault->requestCount(), attempt);
        m_clock.advance(1);
        expected *= 2;
    }
}

void TestTokenCache::failedRenewalKeepsValidToken()
{
    m_fault->setResponses(
        {FaultServer::json(200, tokenJson("first", 600)), FaultServer::json(503, R"({"error":"server_error"})")});
    const auto first = ask(faultCredential());
    QTRY_COMPARE_WITH_TIMEOUT(first->calls, 1, 30'000);
    QCOMPARE(first->result.value.value.toString(), u"first"_s);

    m_clock.advance(600 - 60); // renewal due, token still valid for 60 s
    const auto renewal = ask(faultCredential());
    QTRY_COMPARE_WITH_TIMEOUT(renewal->calls, 1, 30'000);
    QVERIFY(renewal->result.ok());
    QCOMPARE(renewal->result.value.value.toString(), u"first"_s);
    QCOMPARE(m_fault->requestCount(), 2);

    // During the backoff the valid token is handed out without a request.
    m_clock.advance(1);
    const auto during = ask(faultCredential());
    QTRY_COMPARE(during->calls, 1);
    QCOMPARE(during->result.value.value.toString(), u"first"_s);
    QCOMPARE(m_fault->requestCount(), 2);
}

void TestTokenCache::neverServesExpiredToken()
{
    m_fault->setResponses(
        {FaultServer::json(200, tokenJson("short", 600)), FaultServer::json(503, R"({"error":"server_error"})")});
    const auto first = ask(faultCredential());
    QTRY_COMPARE_WITH_TIMEOUT(first->calls, 1, 30'000);
    QVERIFY(first->result.ok());

    m_clock.advance(600); // expired now
    const auto late = ask(faultCredential());
    QTRY_COMPARE_WITH_TIMEOUT(late->calls, 1, 30'000);
    QCOMPARE(late->result.status, ResultStatus::Server);
    QVERIFY(late->result.value.value.isEmpty());
    QCOMPARE(m_fault->requestCount(), 2);

    // In the backoff that follows, still no expired token.
    const auto again = ask(faultCredential());
    QTRY_COMPARE(again->calls, 1);
    QCOMPARE(again->result.status, ResultStatus::Server);
    QVERIFY(again->result.value.value.isEmpty());
    QVERIFY(!m_cache->renewalTime(u"fault"_s).has_value());
}

void TestTokenCache::invalidateForgets()
{
    m_fault->setResponses({FaultServer::json(401, R"({"error":"invalid_client"})"),
                           FaultServer::json(200, tokenJson("after-edit", 600))});
    auto outcome = ask(faultCredential());
    QTRY_COMPARE_WITH_TIMEOUT(outcome->calls, 1, 30'000);
    QCOMPARE(outcome->result.status, ResultStatus::Authentication);
    QCOMPARE(outcome->result.oauthError, u"invalid_client"_s);
    // The admin fixes the secret: the edit invalidates, the backoff is gone.
    m_cache->invalidate(u"fault"_s);
    outcome = ask(faultCredential());
    QTRY_COMPARE_WITH_TIMEOUT(outcome->calls, 1, 30'000);
    QVERIFY(outcome->result.ok());
    QCOMPARE(m_fault->requestCount(), 2);
}

void TestTokenCache::deadContextIsSkipped()
{
    auto gone = std::make_unique<QObject>();
    const auto dropped = ask(peerCredential(), gone.get());
    const auto kept = ask(peerCredential());
    gone.reset();
    QTRY_COMPARE_WITH_TIMEOUT(kept->calls, 1, 30'000);
    QCoreApplication::processEvents();
    QCOMPARE(dropped->calls, 0);
    QVERIFY(kept->result.ok());
}

APPINT_TEST_MAIN(TestTokenCache)
#include "TestTokenCache.moc"
