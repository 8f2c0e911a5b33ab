#include "TestMain.h"

#include "HttpTestClient.h"
#include "TestServer.h"
#include "TestUsers.h"
#include "service/AdminSession.h"
#include "service/BrowserSignIn.h"
#include "service/RefreshTokenClient.h"
#include "service/TenantApi.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace appint;
namespace TestUsers = appint::test::TestUsers;
using appint::test::HttpTestClient;
using appint::test::HttpTestReply;
using appint::test::TestServer;

// A user's sign-in at the service layer against a real appint-server: the
// browser flow (BrowserSignIn, PKCE on Qt Network Authorization) with the
// browser played by plain HTTP requests, then AdminSession renewing through
// the refresh token, keeping the rotated one, and failing typed once the
// user is deactivated. tests/cli TestCliBrowserLogin does the same with real
// Chromium.
class TestUserSession : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void pkcePairFollowsRfc7636();
    void signsInRenewsAndEndsOnARetiredRefreshToken();
    void aSignInNobodyFinishesTimesOut();

private:
    QString admin() { return m_http.token(m_server->tokenUrl(), m_server->adminClientId(), m_server->adminSecret()); }

    std::unique_ptr<TestServer> m_server;
    HttpTestClient m_http;
    QString m_clientId;
    QString m_clientSecret;
};

namespace {
const QString Password = u"a long service password 3"_s;
} // namespace

void TestUserSession::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    const HttpTestReply client = m_http.postJson(m_server->url(u"/api/v1/clients"_s),
                                                 QJsonObject{{u"client_name"_s, u"Service sign-in"_s},
                                                             {u"purpose"_s, u"interactive"_s},
                                                             {u"redirect_uris"_s, QJsonArray{u"http://127.0.0.1/"_s}}},
                                                 admin());
    QCOMPARE(client.status, 201);
    m_clientId = client.object().value(u"client_id"_s).toString();
    m_clientSecret = client.object().value(u"client_secret"_s).toString();
}

void TestUserSession::cleanup()
{
    m_server.reset();
}

void TestUserSession::pkcePairFollowsRfc7636()
{
    const QByteArray verifier = BrowserSignIn::makeCodeVerifier();
    QCOMPARE(verifier.size(), 43);
    QVERIFY(QRegularExpression(u"^[A-Za-z0-9_-]{43}$"_s).match(QString::fromLatin1(verifier)).hasMatch());
    QVERIFY(BrowserSignIn::makeCodeVerifier() != verifier);
    // RFC 7636 appendix B.
    QCOMPARE(BrowserSignIn::codeChallengeS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
             QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
}

void TestUserSession::signsInRenewsAndEndsOnARetiredRefreshToken()
{
    const QString userId = TestUsers::create(*m_server, m_http, u"SERVICE_USER"_s, Password);
    QVERIFY(!userId.isEmpty());
    QNetworkAccessManager network;

    BrowserSignIn signIn(&network);
    QSignalSpy finished(&signIn, &BrowserSignIn::finished);
    bool browsed = false;
    connect(&signIn, &BrowserSignIn::authorizationUrlReady, this, [&](const QUrl& url) {
        QCOMPARE(QUrlQuery(url).queryItemValue(u"code_challenge_method"_s), u"S256"_s);
        QVERIFY(!QUrlQuery(url).queryItemValue(u"code_challenge"_s).isEmpty());
        QVERIFY(signIn.redirectUri().startsWith(u"http://127.0.0.1:"_s));
        browsed = TestUsers::signInThroughForm(*m_server, url, u"SERVICE_USER"_s, Password);
    });
    signIn.start(m_server->baseUrl(), m_clientId, Secret(m_clientSecret), 0, 60'000);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60'000);
    QVERIFY(browsed);
    const auto signedIn = finished.at(0).at(0).value<Result<BrowserSignIn::Tokens>>();
    QVERIFY2(signedIn.ok(), qPrintable(signedIn.message));
    QCOMPARE(signedIn.value.userName, u"SERVICE_USER"_s);
    QVERIFY(!signedIn.value.refreshToken.isEmpty());

    // The session renews through the refresh token and announces the rotated one.
    AdminSession session(&network, m_server->baseUrl(), m_clientId, Secret(m_clientSecret));
    session.setRefreshToken(signedIn.value.refreshToken);
    QSignalSpy rotated(&session, &AdminSession::refreshTokenRotated);
    TenantApi api(&session);
    std::optional<Result<TenantInfo>> tenant;
    api.tenant(this, [&](const Result<TenantInfo>& result) { tenant = result; });
    QTRY_VERIFY_WITH_TIMEOUT(tenant.has_value(), 30'000);
    QVERIFY2(tenant->ok(), qPrintable(tenant->message));
    QCOMPARE(rotated.size(), 1);
    QVERIFY(!(rotated.at(0).at(0).value<Secret>() == signedIn.value.refreshToken));
    // The access token is reused while it is valid.
    const int requests = session.tokenRequestCount();
    tenant.reset();
    api.tenant(this, [&](const Result<TenantInfo>& result) { tenant = result; });
    QTRY_VERIFY_WITH_TIMEOUT(tenant.has_value(), 30'000);
    QCOMPARE(session.tokenRequestCount(), requests);

    // The retired refresh token is refused: the sign-in has ended.
    AdminSession replay(&network, m_server->baseUrl(), m_clientId, Secret(m_clientSecret));
    replay.setRefreshToken(signedIn.value.refreshToken);
    std::optional<Result<Secret>> refused;
    replay.accessToken(this, [&](const Result<Secret>& result) { refused = result; });
    QTRY_VERIFY_WITH_TIMEOUT(refused.has_value(), 30'000);
    QCOMPARE(refused->status, ResultStatus::SignInEnded);
    QCOMPARE(refused->message, RefreshTokenClient::signInEndedMessage());
    QVERIFY(!refused->message.contains(m_clientSecret));
}

void TestUserSession::aSignInNobodyFinishesTimesOut()
{
    QNetworkAccessManager network;
    BrowserSignIn signIn(&network);
    QSignalSpy finished(&signIn, &BrowserSignIn::finished);
    QSignalSpy url(&signIn, &BrowserSignIn::authorizationUrlReady);
    signIn.start(m_server->baseUrl(), m_clientId, Secret(m_clientSecret), 0, 2'000);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10'000);
    QCOMPARE(url.size(), 1);
    QCOMPARE(finished.at(0).at(0).value<Result<BrowserSignIn::Tokens>>().status, ResultStatus::Timeout);
}

APPINT_TEST_MAIN(TestUserSession)
#include "TestUserSession.moc"
