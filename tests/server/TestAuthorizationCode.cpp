// The authorization code flow with PKCE and refresh tokens (api.md
// "Interactive Usage") against a real server on loopback: the sign-in page
// and its rules, the code and refresh grants, reuse detection, expiry with
// the ManualClock, revocation and introspection, and what deactivating a
// user or deleting a client does to the tokens. Users are made through the
// server's own SCIM API. The page in a real browser is tests/e2e/signin.

#include "ServerTestSupport.h"
#include "TestMain.h"

#include "server/crypto/Crypto.h"
#include "server/oauth/AuthorizationSessions.h"
#include "server/oauth/Pkce.h"
#include "server/oauth/RedirectUriMatch.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QRegularExpression>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace appint::test;

namespace {

const QString Redirect = u"https://app.example.com/callback"_s;
const QString Password = u"correct horse battery"_s;
const QString Verifier = u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-verifier"_s;

QString fieldValue(const QByteArray& html, const QString& name)
{
    const QRegularExpression pattern(u"name=\"%1\"[^>]*value=\"([^\"]*)\""_s.arg(name));
    return pattern.match(QString::fromUtf8(html)).captured(1);
}

QUrlQuery queryOf(const QByteArray& location)
{
    return QUrlQuery(QUrl(QString::fromUtf8(location)).query(QUrl::FullyEncoded));
}

// Everything the server printed, to check that no secret is in it.
QStringList g_log;
QtMessageHandler g_previousHandler = nullptr;
void capture(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    g_log.append(message);
    if (g_previousHandler) {
        g_previousHandler(type, context, message);
    }
}

} // namespace

class TestAuthorizationCode : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void redirectUriMatching_data();
    void redirectUriMatching();
    void pkceS256();
    void metadataDescribesTheFlow();
    void signInPageIsSafeAndLabelled();
    void fullFlowWithRefreshAndReuse();
    void loopbackRedirectTakesAnyPort();
    void badClientOrRedirectShowsAPageAndNeverRedirects_data();
    void badClientOrRedirectShowsAPageAndNeverRedirects();
    void badRequestsGoBackToTheClient_data();
    void badRequestsGoBackToTheClient();
    void wrongPasswordShowsTheFormAgain();
    void disabledUserGetsAClearMessage();
    void signInNeedsItsCookieAndFormToken();
    void failedSignInsAreThrottledApartFromClients();
    void codeWorksOnceAndReuseEndsItsTokens();
    void codeLivesSixtySeconds();
    void pkceAndRedirectMismatchAtTheTokenEndpoint();
    void refreshTokenLivesTheClientsLifetime();
    void revocationEndsTheFamily();
    void deactivatingTheUserEndsItsTokens();
    void deletingTheClientEndsItsTokens();
    void refreshTokensSurviveARestartAndAreStoredHashed();
    void nothingSecretIsLogged();

private:
    struct Signed
    {
        HttpTestReply reply; // the answer to the form POST
        QString code;
    };
    struct Tokens
    {
        int status = 0;
        QJsonObject json;
        QString access() const { return json.value(u"access_token"_s).toString(); }
        QString refresh() const { return json.value(u"refresh_token"_s).toString(); }
    };

    QString admin() { return adminToken(m_http, *m_server); }
    QString createUser(const QString& userName, const QJsonArray& roles = roleList({u"DW_VIEWER"_s}),
                       bool active = true);
    QUrl authorizeUrl(const QString& clientId, const QString& redirect = Redirect,
                      const QList<QPair<QString, QString>>& extra = {}) const;
    // Opens the page, then posts the form; the client's cookie jar carries
    // the browser cookie.
    HttpTestReply openPage(HttpTestClient& http, const QUrl& url);
    HttpTestReply postForm(HttpTestClient& http, const QByteArray& page, const QString& userName,
                           const QString& password, const QHostAddress& source = {});
    Signed signIn(const QString& userName, const QString& password = Password, const QString& redirect = Redirect);
    Tokens exchange(const QString& code, const QString& verifier = Verifier, const QString& redirect = Redirect);
    Tokens refresh(const QString& refreshToken);
    bool introspectActive(const QString& token);

    std::unique_ptr<TestServer> m_server;
    HttpTestClient m_http;
    CreatedClient m_client;
};

void TestAuthorizationCode::init()
{
    TestServer::Options options;
    options.tenantName = u"Acme <Test> & Co"_s;
    m_server = std::make_unique<TestServer>(options);
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    m_client = createClient(m_http, *m_server, admin(), interactiveBody(u"Report viewer"_s));
    QCOMPARE(m_client.status, 201);
}

void TestAuthorizationCode::cleanup()
{
    m_server.reset();
}

QString TestAuthorizationCode::createUser(const QString& userName, const QJsonArray& roles, bool active)
{
    const QJsonObject body{
        {u"schemas"_s,
         QJsonArray{u"urn:ietf:params:scim:schemas:core:2.0:User"_s,
                    u"urn:appint:params:scim:schemas:extension:roles:2.0:User"_s}},
        {u"userName"_s, userName},
        {u"password"_s, Password},
        {u"active"_s, active},
        {u"urn:appint:params:scim:schemas:extension:roles:2.0:User"_s, QJsonObject{{u"roles"_s, roles}}},
    };
    const HttpTestReply reply = m_http.postJson(m_server->url(u"/scim/v2/Users"_s), body, admin());
    if (reply.status != 201) {
        qWarning() << "creating a user failed:" << reply.status << reply.body;
    }
    return reply.object().value(u"id"_s).toString();
}

QUrl TestAuthorizationCode::authorizeUrl(const QString& clientId, const QString& redirect,
                                         const QList<QPair<QString, QString>>& extra) const
{
    QList<QPair<QString, QString>> parameters{
        {u"response_type"_s, u"code"_s},
        {u"client_id"_s, clientId},
        {u"redirect_uri"_s, redirect},
        {u"state"_s, u"st-42 &x"_s},
        {u"code_challenge"_s, appint::Pkce::challengeFor(Verifier)},
        {u"code_challenge_method"_s, u"S256"_s},
    };
    for (const auto& [name, value] : extra) {
        parameters.removeIf([&](const auto& p) { return p.first == name; });
        if (!value.isNull()) {
            parameters.append({name, value});
        }
    }
    QUrl url = m_server->url(u"/oauth/authorize"_s);
    url.setQuery(QString::fromLatin1(HttpTestClient::formEncode(parameters)));
    return url;
}

HttpTestReply TestAuthorizationCode::openPage(HttpTestClient& http, const QUrl& url)
{
    return http.get(url);
}

HttpTestReply TestAuthorizationCode::postForm(HttpTestClient& http, const QByteArray& page, const QString& userName,
                                              const QString& password, const QHostAddress& source)
{
    const QByteArray body = HttpTestClient::formEncode({{u"request_id"_s, fieldValue(page, u"request_id"_s)},
                                                        {u"form_token"_s, fieldValue(page, u"form_token"_s)},
                                                        {u"user_name"_s, userName},
                                                        {u"password"_s, password}});
    if (source.isNull()) {
        return http.send("POST", m_server->url(u"/oauth/authorize"_s), body,
                         {{"Content-Type", "application/x-www-form-urlencoded"}});
    }
    // From another source address: a raw request with the cookie by hand.
    const QList<QNetworkCookie> cookies = http.manager().cookieJar()->cookiesForUrl(m_server->baseUrl());
    QByteArray cookie;
    for (const QNetworkCookie& c : cookies) {
        cookie = c.toRawForm(QNetworkCookie::NameAndValueOnly);
    }
    const QUrl base = m_server->baseUrl();
    const QByteArray request = "POST /oauth/authorize HTTP/1.1\r\nHost: " + base.host().toLatin1() + ':'
        + QByteArray::number(base.port()) + "\r\nContent-Type: application/x-www-form-urlencoded\r\nCookie: " + cookie
        + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    const RawReply raw = rawRequest(base, request, source);
    HttpTestReply reply;
    reply.status = raw.status;
    reply.body = raw.body;
    for (const QByteArray& line : raw.head.split('\n').mid(1)) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0) {
            reply.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
    }
    return reply;
}

TestAuthorizationCode::Signed TestAuthorizationCode::signIn(const QString& userName, const QString& password,
                                                            const QString& redirect)
{
    HttpTestClient browser;
    const HttpTestReply page = openPage(browser, authorizeUrl(m_client.id, redirect));
    Signed result;
    if (page.status != 200) {
        result.reply = page;
        return result;
    }
    result.reply = postForm(browser, page.body, userName, password);
    result.code = queryOf(result.reply.header("Location")).queryItemValue(u"code"_s, QUrl::FullyDecoded);
    return result;
}

TestAuthorizationCode::Tokens TestAuthorizationCode::exchange(const QString& code, const QString& verifier,
                                                              const QString& redirect)
{
    QList<QPair<QString, QString>> fields{{u"grant_type"_s, u"authorization_code"_s},
                                          {u"code"_s, code},
                                          {u"redirect_uri"_s, redirect},
                                          {u"code_verifier"_s, verifier}};
    const HttpTestReply reply = m_http.postForm(m_server->tokenUrl(), fields, m_client.id, m_client.secret);
    return Tokens{reply.status, reply.object()};
}

TestAuthorizationCode::Tokens TestAuthorizationCode::refresh(const QString& refreshToken)
{
    const HttpTestReply reply = m_http.postForm(
        m_server->tokenUrl(), {{u"grant_type"_s, u"refresh_token"_s}, {u"refresh_token"_s, refreshToken}}, m_client.id,
        m_client.secret);
    return Tokens{reply.status, reply.object()};
}

bool TestAuthorizationCode::introspectActive(const QString& token)
{
    const HttpTestReply reply
        = m_http.postForm(m_server->url(u"/oauth/introspect"_s), {{u"token"_s, token}}, m_client.id, m_client.secret);
    return reply.status == 200 && reply.object().value(u"active"_s).toBool();
}

void TestAuthorizationCode::redirectUriMatching_data()
{
    QTest::addColumn<QString>("registered");
    QTest::addColumn<QString>("given");
    QTest::addColumn<bool>("matches");
    const QString exact = u"https://app.example.com/cb"_s;
    QTest::newRow("exact") << exact << exact << true;
    QTest::newRow("exact, other path") << exact << u"https://app.example.com/cb2"_s << false;
    QTest::newRow("exact, added query") << exact << u"https://app.example.com/cb?x=1"_s << false;
    QTest::newRow("exact, other port") << exact << u"https://app.example.com:444/cb"_s << false;
    QTest::newRow("exact, fragment") << exact << u"https://app.example.com/cb#x"_s << false;
    const QString wildcard = u"https://app.example.com/oauth/**"_s;
    QTest::newRow("prefix") << wildcard << u"https://app.example.com/oauth/a/b?c=d"_s << true;
    QTest::newRow("prefix itself") << wildcard << u"https://app.example.com/oauth/"_s << true;
    QTest::newRow("prefix without slash") << wildcard << u"https://app.example.com/oauth"_s << false;
    QTest::newRow("prefix, dot segments") << wildcard << u"https://app.example.com/oauth/../admin"_s << false;
    QTest::newRow("prefix, encoded dots") << wildcard << u"https://app.example.com/oauth/%2e%2e/admin"_s << false;
    QTest::newRow("prefix, other host") << wildcard << u"https://app.example.com.evil.test/oauth/"_s << false;
    QTest::newRow("prefix, user info") << u"https://app.example.com/**"_s << u"https://app.example.com/@evil.test"_s
                                       << true;
    QTest::newRow("loopback any port") << u"http://127.0.0.1/callback"_s << u"http://127.0.0.1:53141/callback"_s
                                       << true;
    QTest::newRow("loopback registered port")
        << u"http://127.0.0.1:8080/callback"_s << u"http://127.0.0.1:9/callback"_s << true;
    QTest::newRow("loopback other path") << u"http://127.0.0.1/callback"_s << u"http://127.0.0.1:5000/other"_s << false;
    QTest::newRow("loopback ipv6") << u"http://[::1]/cb"_s << u"http://[::1]:5000/cb"_s << true;
    QTest::newRow("localhost any port") << u"http://localhost:8080/**"_s << u"http://localhost:9999/x/y"_s << true;
    QTest::newRow("loopback https is no loopback rule")
        << u"https://127.0.0.1/cb"_s << u"https://127.0.0.1:5/cb"_s << false;
    QTest::newRow("loopback other host") << u"http://127.0.0.1/cb"_s << u"http://localhost:5000/cb"_s << false;
    QTest::newRow("non-loopback any port refused")
        << u"http://app.example.com/cb"_s << u"http://app.example.com:8080/cb"_s << false;
    QTest::newRow("custom scheme exact") << u"com.example.app:/oauth"_s << u"com.example.app:/oauth"_s << true;
}

void TestAuthorizationCode::redirectUriMatching()
{
    QFETCH(QString, registered);
    QFETCH(QString, given);
    QFETCH(bool, matches);
    QCOMPARE(appint::RedirectUriMatch::matches(registered, given), matches);
}

void TestAuthorizationCode::pkceS256()
{
    // RFC 7636 appendix B.
    QCOMPARE(appint::Pkce::challengeFor(u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_s),
             u"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"_s);
    QVERIFY(appint::Pkce::verifyS256(u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_s,
                                     u"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"_s));
    QVERIFY(!appint::Pkce::verifyS256(u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXj"_s,
                                      u"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"_s));
    QVERIFY(!appint::Pkce::isValidVerifier(u"short"_s));
    QVERIFY(!appint::Pkce::isValidVerifier(QString(129, u'a')));
    QVERIFY(!appint::Pkce::isValidChallenge(u"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c"_s));
}

void TestAuthorizationCode::metadataDescribesTheFlow()
{
    const QJsonObject metadata = m_http.get(m_server->url(u"/.well-known/oauth-authorization-server"_s)).object();
    const QString issuer = m_server->baseUrl().toString();
    QCOMPARE(metadata.value(u"authorization_endpoint"_s).toString(), issuer + u"/oauth/authorize"_s);
    QCOMPARE(metadata.value(u"grant_types_supported"_s).toArray(),
             (QJsonArray{u"client_credentials"_s, u"authorization_code"_s, u"refresh_token"_s}));
    QCOMPARE(metadata.value(u"response_types_supported"_s).toArray(), QJsonArray{u"code"_s});
    QCOMPARE(metadata.value(u"code_challenge_methods_supported"_s).toArray(), QJsonArray{u"S256"_s});
    QCOMPARE(metadata.value(u"authorization_response_iss_parameter_supported"_s), QJsonValue(true));
    const QJsonObject tenant = m_http.get(m_server->url(u"/api/v1/tenant"_s), admin()).object();
    QCOMPARE(tenant.value(u"authorization_url"_s).toString(), issuer + u"/oauth/authorize"_s);
}

void TestAuthorizationCode::signInPageIsSafeAndLabelled()
{
    HttpTestClient browser;
    const HttpTestReply page = openPage(browser, authorizeUrl(m_client.id));
    QCOMPARE(page.status, 200);
    QVERIFY(page.header("Content-Type").startsWith("text/html"));
    const QByteArray csp = page.header("Content-Security-Policy");
    QVERIFY(csp.contains("default-src 'none'"));
    QVERIFY(csp.contains("frame-ancestors 'none'"));
    QCOMPARE(page.header("X-Frame-Options"), "DENY");
    QCOMPARE(page.header("Cache-Control"), "no-store");
    QCOMPARE(page.header("Referrer-Policy"), "no-referrer");
    QCOMPARE(page.header("X-Content-Type-Options"), "nosniff");
    const QByteArray cookie = page.header("Set-Cookie");
    QVERIFY(cookie.contains("HttpOnly"));
    QVERIFY(cookie.contains("SameSite=Strict"));

    const QString html = QString::fromUtf8(page.body);
    QVERIFY(!html.contains(u"<script"_s, Qt::CaseInsensitive));
    QVERIFY(!html.contains(u"http://"_s) && !html.contains(u"https://"_s)); // nothing third-party
    QVERIFY(html.contains(u"Acme &lt;Test&gt; &amp; Co"_s)); // the tenant's name, escaped
    QVERIFY(!html.contains(u"<Test>"_s));
    QVERIFY(html.contains(u"Report viewer"_s));
    QVERIFY(html.contains(u"<label for=\"user_name\">"_s));
    QVERIFY(html.contains(u"<label for=\"password\">"_s));
    QVERIFY(html.contains(u"id=\"user_name\""_s));
    QVERIFY(html.contains(u"type=\"password\""_s));
    QVERIFY(html.contains(u"name=\"viewport\""_s));
    QVERIFY(!fieldValue(page.body, u"form_token"_s).isEmpty());

    const HttpTestReply css = browser.get(m_server->url(u"/oauth/signin.css"_s));
    QCOMPARE(css.status, 200);
    QVERIFY(css.header("Content-Type").startsWith("text/css"));
    QVERIFY(css.body.contains("max-width"));
}

void TestAuthorizationCode::fullFlowWithRefreshAndReuse()
{
    QVERIFY(!createUser(u"ALICE"_s, roleList({u"DW_VIEWER"_s, u"DW_MODELER"_s})).isEmpty());
    const Signed signedIn = signIn(u"alice"_s); // the user name is not case-sensitive
    QCOMPARE(signedIn.reply.status, 303);
    const QByteArray location = signedIn.reply.header("Location");
    QVERIFY2(location.startsWith(QByteArray(Redirect.toUtf8() + '?')), location.constData());
    const QUrlQuery answer = queryOf(location);
    QVERIFY(!signedIn.code.isEmpty());
    QCOMPARE(answer.queryItemValue(u"state"_s, QUrl::FullyDecoded), u"st-42 &x"_s);
    QCOMPARE(answer.queryItemValue(u"iss"_s, QUrl::FullyDecoded), m_server->baseUrl().toString());

    const Tokens tokens = exchange(signedIn.code);
    QCOMPARE(tokens.status, 200);
    QCOMPARE(tokens.json.value(u"token_type"_s).toString(), u"Bearer"_s);
    QCOMPARE(tokens.json.value(u"expires_in"_s).toInteger(), 3600);
    QVERIFY(!tokens.refresh().isEmpty());
    QCOMPARE(appint::Crypto::fromBase64Url(tokens.refresh().toLatin1()).value_or(QByteArray()).size(), 32);
    const QJsonObject claims = jwtPart(tokens.access(), 1);
    QCOMPARE(claims.value(u"sub"_s).toString(), u"ALICE"_s);
    QCOMPARE(claims.value(u"client_id"_s).toString(), m_client.id);
    QCOMPARE(claims.value(u"roles"_s).toArray(), (QJsonArray{u"DW_VIEWER"_s, u"DW_MODELER"_s}));
    const QJsonObject jwks = m_http.get(m_server->url(u"/oauth/jwks"_s)).object();
    QVERIFY(verifyEs256(tokens.access(), jwks.value(u"keys"_s).toArray().first().toObject()));
    QVERIFY(introspectActive(tokens.access()));

    const HttpTestReply refreshInfo = m_http.postForm(
        m_server->url(u"/oauth/introspect"_s),
        {{u"token"_s, tokens.refresh()}, {u"token_type_hint"_s, u"refresh_token"_s}}, m_client.id, m_client.secret);
    QCOMPARE(refreshInfo.object().value(u"active"_s), QJsonValue(true));
    QCOMPARE(refreshInfo.object().value(u"token_type"_s).toString(), u"refresh_token"_s);
    QCOMPARE(refreshInfo.object().value(u"sub"_s).toString(), u"ALICE"_s);
    QCOMPARE(refreshInfo.object().value(u"client_id"_s).toString(), m_client.id);

    m_server->clock().advance(10);
    const Tokens renewed = refresh(tokens.refresh());
    QCOMPARE(renewed.status, 200);
    QVERIFY(!renewed.refresh().isEmpty());
    QVERIFY(renewed.refresh() != tokens.refresh());
    QCOMPARE(jwtPart(renewed.access(), 1).value(u"sub"_s).toString(), u"ALICE"_s);
    QVERIFY(introspectActive(renewed.access()));
    QVERIFY(!introspectActive(tokens.refresh())); // retired

    // The retired token again: refused, and the whole family ends.
    const Tokens replay = refresh(tokens.refresh());
    QCOMPARE(replay.status, 400);
    QCOMPARE(replay.json.value(u"error"_s).toString(), u"invalid_grant"_s);
    const Tokens afterReplay = refresh(renewed.refresh());
    QCOMPARE(afterReplay.status, 400);
    QCOMPARE(afterReplay.json.value(u"error"_s).toString(), u"invalid_grant"_s);
    QVERIFY(!introspectActive(renewed.access()));
    QVERIFY(!introspectActive(tokens.access()));
}

void TestAuthorizationCode::loopbackRedirectTakesAnyPort()
{
    QVERIFY(!createUser(u"LOOP"_s).isEmpty());
    const auto client
        = createClient(m_http, *m_server, admin(), interactiveBody(u"CLI"_s, u"http://127.0.0.1/callback"_s));
    QCOMPARE(client.status, 201);
    HttpTestClient browser;
    const QString redirect = u"http://127.0.0.1:53141/callback"_s;
    const HttpTestReply page = openPage(browser, authorizeUrl(client.id, redirect));
    QCOMPARE(page.status, 200);
    const HttpTestReply signedIn = postForm(browser, page.body, u"LOOP"_s, Password);
    QCOMPARE(signedIn.status, 303);
    QVERIFY(signedIn.header("Location").startsWith("http://127.0.0.1:53141/callback?code="));
}

void TestAuthorizationCode::badClientOrRedirectShowsAPageAndNeverRedirects_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("redirect");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown client") << u"cl-unknown"_s << Redirect << u"does not belong"_s;
    QTest::newRow("no client") << QString() << Redirect << u"client_id"_s;
    QTest::newRow("other redirect") << u"<client>"_s << u"https://evil.example.com/callback"_s
                                    << u"not the one registered"_s;
    QTest::newRow("longer redirect") << u"<client>"_s << (Redirect + u"/more"_s) << u"not the one registered"_s;
}

void TestAuthorizationCode::badClientOrRedirectShowsAPageAndNeverRedirects()
{
    QFETCH(QString, clientId);
    QFETCH(QString, redirect);
    QFETCH(QString, expected);
    if (clientId == u"<client>"_s) {
        clientId = m_client.id;
    }
    QUrl url = authorizeUrl(clientId, redirect);
    if (clientId.isEmpty()) {
        url = authorizeUrl(m_client.id, redirect, {{u"client_id"_s, QString()}});
    }
    const HttpTestReply reply = m_http.get(url);
    QCOMPARE(reply.status, 400);
    QVERIFY(reply.header("Location").isNull());
    QVERIFY(reply.header("Content-Type").startsWith("text/html"));
    QCOMPARE(reply.header("X-Frame-Options"), "DENY");
    QVERIFY2(QString::fromUtf8(reply.body).contains(expected), reply.body.constData());

    // A technical client is no Interactive Usage client either.
    const auto technical = createClient(m_http, *m_server, admin(), technicalBody(u"Tech"_s, u"TECH_1"_s));
    QCOMPARE(m_http.get(authorizeUrl(technical.id)).status, 400);
}

void TestAuthorizationCode::badRequestsGoBackToTheClient_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("error");
    QTest::newRow("no PKCE") << u"code_challenge"_s << QString() << u"invalid_request"_s;
    QTest::newRow("plain PKCE") << u"code_challenge_method"_s << u"plain"_s << u"invalid_request"_s;
    QTest::newRow("no PKCE method") << u"code_challenge_method"_s << QString() << u"invalid_request"_s;
    QTest::newRow("bad challenge") << u"code_challenge"_s << u"abc"_s << u"invalid_request"_s;
    QTest::newRow("token response") << u"response_type"_s << u"token"_s << u"unsupported_response_type"_s;
    QTest::newRow("no response type") << u"response_type"_s << QString() << u"invalid_request"_s;
    QTest::newRow("unknown scope") << u"scope"_s << u"NO_SUCH_ROLE"_s << u"invalid_scope"_s;
    QTest::newRow("prompt none") << u"prompt"_s << u"none"_s << u"login_required"_s;
}

void TestAuthorizationCode::badRequestsGoBackToTheClient()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QString, error);
    const HttpTestReply reply = m_http.get(authorizeUrl(m_client.id, Redirect, {{name, value}}));
    QCOMPARE(reply.status, 302);
    const QByteArray location = reply.header("Location");
    QVERIFY2(location.startsWith(QByteArray(Redirect.toUtf8() + '?')), location.constData());
    const QUrlQuery query = queryOf(location);
    QCOMPARE(query.queryItemValue(u"error"_s), error);
    QVERIFY(!query.queryItemValue(u"error_description"_s).isEmpty());
    QCOMPARE(query.queryItemValue(u"state"_s, QUrl::FullyDecoded), u"st-42 &x"_s);
    QCOMPARE(query.queryItemValue(u"iss"_s, QUrl::FullyDecoded), m_server->baseUrl().toString());
    QVERIFY(!query.hasQueryItem(u"code"_s));
}

void TestAuthorizationCode::wrongPasswordShowsTheFormAgain()
{
    QVERIFY(!createUser(u"BOB"_s).isEmpty());
    HttpTestClient browser;
    const HttpTestReply page = openPage(browser, authorizeUrl(m_client.id));
    const HttpTestReply wrongPassword = postForm(browser, page.body, u"BOB"_s, u"not the password"_s);
    QCOMPARE(wrongPassword.status, 200);
    QVERIFY(wrongPassword.header("Location").isNull());
    const QString text = QString::fromUtf8(wrongPassword.body);
    QVERIFY(text.contains(u"The user name or password is wrong."_s));
    QVERIFY(text.contains(u"value=\"BOB\""_s)); // the name stays, the password does not
    QVERIFY(!text.contains(u"not the password"_s));
    QCOMPARE(wrongPassword.header("X-Frame-Options"), "DENY");

    const HttpTestReply unknownUser = postForm(browser, wrongPassword.body, u"NOBODY"_s, Password);
    QCOMPARE(unknownUser.status, 200);
    QVERIFY(QString::fromUtf8(unknownUser.body).contains(u"The user name or password is wrong."_s));

    // The same form still works with the right password.
    const HttpTestReply right = postForm(browser, unknownUser.body, u"BOB"_s, Password);
    QCOMPARE(right.status, 303);
    QVERIFY(right.header("Location").contains("code="));
}

void TestAuthorizationCode::disabledUserGetsAClearMessage()
{
    QVERIFY(!createUser(u"CAROL"_s, roleList({u"DW_VIEWER"_s}), false).isEmpty());
    const Signed result = signIn(u"CAROL"_s);
    QCOMPARE(result.reply.status, 200);
    QVERIFY(result.reply.header("Location").isNull());
    QVERIFY(QString::fromUtf8(result.reply.body).contains(u"deactivated"_s));
}

void TestAuthorizationCode::signInNeedsItsCookieAndFormToken()
{
    QVERIFY(!createUser(u"DAVE"_s).isEmpty());
    HttpTestClient browser;
    const HttpTestReply page = openPage(browser, authorizeUrl(m_client.id));
    const QString requestId = fieldValue(page.body, u"request_id"_s);

    // Another browser (no cookie) posting the same form: refused.
    HttpTestClient other;
    const HttpTestReply noCookie = postForm(other, page.body, u"DAVE"_s, Password);
    QCOMPARE(noCookie.status, 400);
    QVERIFY(noCookie.header("Location").isNull());

    // The right browser with a forged form token: refused.
    QByteArray forged = page.body;
    forged.replace(fieldValue(page.body, u"form_token"_s).toUtf8(), "forged");
    const HttpTestReply badToken = postForm(browser, forged, u"DAVE"_s, Password);
    QCOMPARE(badToken.status, 400);
    QVERIFY(QString::fromUtf8(badToken.body).contains(u"expired or was not opened in this browser"_s));

    // The form expires.
    m_server->clock().advance(appint::AuthorizationSessions::SignInLifetime);
    QCOMPARE(postForm(browser, page.body, u"DAVE"_s, Password).status, 400);
    QVERIFY(!requestId.isEmpty());
}

void TestAuthorizationCode::failedSignInsAreThrottledApartFromClients()
{
    QVERIFY(!createUser(u"ERIN"_s).isEmpty());
    HttpTestClient browser;
    HttpTestReply page = openPage(browser, authorizeUrl(m_client.id));
    for (int i = 0; i < 10; ++i) {
        page = postForm(browser, page.body, u"ERIN"_s, u"wrong password %1"_s.arg(i));
        QCOMPARE(page.status, 200);
    }
    // The 11th attempt is refused even with the right password.
    const HttpTestReply throttled = postForm(browser, page.body, u"ERIN"_s, Password);
    QCOMPARE(throttled.status, 429);
    const int wait = throttled.header("Retry-After").toInt();
    QVERIFY2(wait > 0 && wait <= 300, throttled.header("Retry-After").constData());
    QVERIFY(throttled.header("Content-Type").startsWith("text/html"));
    QVERIFY(QString::fromUtf8(throttled.body).contains(u"Too many failed sign-ins"_s));

    // Counted apart from client authentication: the client still gets tokens.
    QVERIFY(!m_http.token(m_server->tokenUrl(), m_server->adminClientId(), m_server->adminSecret()).isEmpty());
    // Another address is unaffected.
    const HttpTestReply fresh = openPage(browser, authorizeUrl(m_client.id));
    const HttpTestReply fromOther = postForm(browser, fresh.body, u"ERIN"_s, Password, QHostAddress(u"127.0.0.2"_s));
    QCOMPARE(fromOther.status, 303);

    // Once the window has passed, the address may sign in again.
    m_server->clock().advance(wait);
    const HttpTestReply later = openPage(browser, authorizeUrl(m_client.id));
    QCOMPARE(postForm(browser, later.body, u"ERIN"_s, Password).status, 303);
}

void TestAuthorizationCode::codeWorksOnceAndReuseEndsItsTokens()
{
    QVERIFY(!createUser(u"FRANK"_s).isEmpty());
    const Signed signedIn = signIn(u"FRANK"_s);
    const Tokens first = exchange(signedIn.code);
    QCOMPARE(first.status, 200);
    QVERIFY(introspectActive(first.access()));
    const Tokens second = exchange(signedIn.code);
    QCOMPARE(second.status, 400);
    QCOMPARE(second.json.value(u"error"_s).toString(), u"invalid_grant"_s);
    QVERIFY(!introspectActive(first.access()));
    QCOMPARE(refresh(first.refresh()).status, 400);

    // A code of another client is refused and stays the other client's.
    const Signed another = signIn(u"FRANK"_s);
    const auto otherClient = createClient(m_http, *m_server, admin(), interactiveBody(u"Other app"_s));
    const HttpTestReply stolen = m_http.postForm(m_server->tokenUrl(),
                                                 {{u"grant_type"_s, u"authorization_code"_s},
                                                  {u"code"_s, another.code},
                                                  {u"redirect_uri"_s, Redirect},
                                                  {u"code_verifier"_s, Verifier}},
                                                 otherClient.id, otherClient.secret);
    QCOMPARE(stolen.object().value(u"error"_s).toString(), u"invalid_grant"_s);
    QCOMPARE(exchange(another.code).status, 200);
}

void TestAuthorizationCode::codeLivesSixtySeconds()
{
    QVERIFY(!createUser(u"GRACE"_s).isEmpty());
    const Signed early = signIn(u"GRACE"_s);
    m_server->clock().advance(59);
    QCOMPARE(exchange(early.code).status, 200);

    const Signed late = signIn(u"GRACE"_s);
    m_server->clock().advance(60);
    const Tokens expired = exchange(late.code);
    QCOMPARE(expired.status, 400);
    QCOMPARE(expired.json.value(u"error"_s).toString(), u"invalid_grant"_s);
    QVERIFY(expired.json.value(u"error_description"_s).toString().contains(u"expired"_s));
}

void TestAuthorizationCode::pkceAndRedirectMismatchAtTheTokenEndpoint()
{
    QVERIFY(!createUser(u"HEIDI"_s).isEmpty());
    const Signed wrongVerifier = signIn(u"HEIDI"_s);
    const Tokens refused = exchange(wrongVerifier.code, Verifier + u"x"_s);
    QCOMPARE(refused.status, 400);
    QCOMPARE(refused.json.value(u"error"_s).toString(), u"invalid_grant"_s);
    QVERIFY(refused.json.value(u"error_description"_s).toString().contains(u"code_verifier"_s));
    QCOMPARE(exchange(wrongVerifier.code).status, 400); // a failed attempt used the code up

    const Signed wrongRedirect = signIn(u"HEIDI"_s);
    const Tokens mismatch = exchange(wrongRedirect.code, Verifier, Redirect + u"?x=1"_s);
    QCOMPARE(mismatch.json.value(u"error"_s).toString(), u"invalid_grant"_s);
    QVERIFY(mismatch.json.value(u"error_description"_s).toString().contains(u"redirect_uri"_s));

    const Signed noVerifier = signIn(u"HEIDI"_s);
    const HttpTestReply missing = m_http.postForm(
        m_server->tokenUrl(),
        {{u"grant_type"_s, u"authorization_code"_s}, {u"code"_s, noVerifier.code}, {u"redirect_uri"_s, Redirect}},
        m_client.id, m_client.secret);
    QCOMPARE(missing.object().value(u"error"_s).toString(), u"invalid_request"_s);

    // Without client authentication nothing happens.
    const HttpTestReply anonymous = m_http.postForm(m_server->tokenUrl(),
                                                    {{u"grant_type"_s, u"authorization_code"_s},
                                                     {u"code"_s, noVerifier.code},
                                                     {u"redirect_uri"_s, Redirect},
                                                     {u"code_verifier"_s, Verifier}});
    QCOMPARE(anonymous.status, 401);
    QCOMPARE(exchange(noVerifier.code).status, 200);
}

void TestAuthorizationCode::refreshTokenLivesTheClientsLifetime()
{
    QVERIFY(!createUser(u"IVAN"_s).isEmpty());
    const HttpTestReply patched = m_http.patchJson(
        m_server->url(u"/api/v1/clients/"_s + m_client.id),
        QJsonObject{{u"refresh_token_lifetime"_s, 3600}, {u"access_token_lifetime"_s, 600}}, admin());
    QCOMPARE(patched.status, 200);
    const Tokens tokens = exchange(signIn(u"IVAN"_s).code);
    QCOMPARE(tokens.json.value(u"expires_in"_s).toInteger(), 600);
    m_server->clock().advance(3599);
    const Tokens renewed = refresh(tokens.refresh());
    QCOMPARE(renewed.status, 200);
    // The new one lives 3600 s from its own issue.
    m_server->clock().advance(3599);
    QVERIFY(introspectActive(renewed.refresh()));
    m_server->clock().advance(1);
    const Tokens expired = refresh(renewed.refresh());
    QCOMPARE(expired.status, 400);
    QCOMPARE(expired.json.value(u"error"_s).toString(), u"invalid_grant"_s);
}

void TestAuthorizationCode::revocationEndsTheFamily()
{
    QVERIFY(!createUser(u"JUDY"_s).isEmpty());
    const Tokens tokens = exchange(signIn(u"JUDY"_s).code);
    const Tokens renewed = refresh(tokens.refresh());
    QCOMPARE(renewed.status, 200);

    // Another client may not revoke it.
    const auto other = createClient(m_http, *m_server, admin(), interactiveBody(u"Other"_s));
    const HttpTestReply foreign = m_http.postForm(
        m_server->url(u"/oauth/revoke"_s),
        {{u"token"_s, renewed.refresh()}, {u"token_type_hint"_s, u"refresh_token"_s}}, other.id, other.secret);
    QCOMPARE(foreign.status, 400);
    QVERIFY(introspectActive(renewed.refresh()));

    const HttpTestReply revoked = m_http.postForm(
        m_server->url(u"/oauth/revoke"_s),
        {{u"token"_s, renewed.refresh()}, {u"token_type_hint"_s, u"refresh_token"_s}}, m_client.id, m_client.secret);
    QCOMPARE(revoked.status, 200);
    QVERIFY(!introspectActive(renewed.refresh()));
    QVERIFY(!introspectActive(renewed.access()));
    QCOMPARE(refresh(renewed.refresh()).status, 400);
    // Revoking again, or an unknown token, is no error (RFC 7009 §2.2).
    QCOMPARE(m_http
                 .postForm(m_server->url(u"/oauth/revoke"_s), {{u"token"_s, renewed.refresh()}}, m_client.id,
                           m_client.secret)
                 .status,
             200);
}

void TestAuthorizationCode::deactivatingTheUserEndsItsTokens()
{
    const QString id = createUser(u"KEN"_s);
    QVERIFY(!id.isEmpty());
    const Tokens tokens = exchange(signIn(u"KEN"_s).code);
    QCOMPARE(tokens.status, 200);
    const QJsonObject patch{
        {u"schemas"_s, QJsonArray{u"urn:ietf:params:scim:api:messages:2.0:PatchOp"_s}},
        {u"Operations"_s,
         QJsonArray{QJsonObject{{u"op"_s, u"replace"_s}, {u"path"_s, u"active"_s}, {u"value"_s, false}}}},
    };
    const HttpTestReply deactivated
        = m_http.send("PATCH", m_server->url(u"/scim/v2/Users/"_s + id), QJsonDocument(patch).toJson(),
                      {{"Content-Type", "application/scim+json"}, {"Authorization", "Bearer " + admin().toLatin1()}});
    QCOMPARE(deactivated.status, 200);
    QVERIFY(!introspectActive(tokens.access()));
    QVERIFY(!introspectActive(tokens.refresh()));
    QCOMPARE(refresh(tokens.refresh()).json.value(u"error"_s).toString(), u"invalid_grant"_s);

    // Deleting a user (and making a new one of the same name) ends them too.
    const QString second = createUser(u"LINA"_s);
    const Tokens other = exchange(signIn(u"LINA"_s).code);
    QCOMPARE(m_http.del(m_server->url(u"/scim/v2/Users/"_s + second), admin()).status, 204);
    QVERIFY(!introspectActive(other.access()));
    QVERIFY(!createUser(u"LINA"_s).isEmpty());
    QCOMPARE(refresh(other.refresh()).status, 400);
}

void TestAuthorizationCode::deletingTheClientEndsItsTokens()
{
    QVERIFY(!createUser(u"MIKE"_s).isEmpty());
    const Tokens tokens = exchange(signIn(u"MIKE"_s).code);
    const QString adminToken = admin();
    auto introspectAsAdmin = [&](const QString& token) {
        return m_http
            .postForm(m_server->url(u"/oauth/introspect"_s), {{u"token"_s, token}}, m_server->adminClientId(),
                      m_server->adminSecret())
            .object()
            .value(u"active"_s)
            .toBool();
    };
    QVERIFY(introspectAsAdmin(tokens.refresh()));
    QCOMPARE(m_http.del(m_server->url(u"/api/v1/clients/"_s + m_client.id), adminToken).status, 204);
    QVERIFY(!introspectAsAdmin(tokens.refresh()));
    QVERIFY(!introspectAsAdmin(tokens.access()));
}

void TestAuthorizationCode::refreshTokensSurviveARestartAndAreStoredHashed()
{
    QVERIFY(!createUser(u"NINA"_s).isEmpty());
    const Tokens tokens = exchange(signIn(u"NINA"_s).code);
    QCOMPARE(tokens.status, 200);
    QVERIFY(m_server->restart());
    const Tokens renewed = refresh(tokens.refresh());
    QCOMPARE(renewed.status, 200);
    m_server->stop();
    // Neither token, in any encoding, is in the store's files.
    QDir dir(m_server->dataDir());
    QByteArray all;
    for (const QString& name : dir.entryList(QDir::Files)) {
        QFile file(dir.absoluteFilePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        all += file.readAll();
    }
    for (const QString& token : {tokens.refresh(), renewed.refresh()}) {
        QVERIFY(!all.contains(token.toLatin1()));
        QVERIFY(!all.contains(appint::Crypto::fromBase64Url(token.toLatin1()).value_or(QByteArray("x"))));
    }
}

void TestAuthorizationCode::nothingSecretIsLogged()
{
    g_log.clear();
    g_previousHandler = qInstallMessageHandler(capture);
    QLoggingCategory::setFilterRules(u"appint.*=true"_s);
    QVERIFY(!createUser(u"OSCAR"_s).isEmpty());
    const Signed failed = signIn(u"OSCAR"_s, u"a wrong password typed"_s);
    const Signed signedIn = signIn(u"OSCAR"_s);
    const Tokens tokens = exchange(signedIn.code);
    const Tokens renewed = refresh(tokens.refresh());
    refresh(tokens.refresh()); // reuse: the family ends, with a log line
    qInstallMessageHandler(g_previousHandler);
    QLoggingCategory::setFilterRules(u"appint.*.debug=false"_s);
    QCOMPARE(renewed.status, 200);
    const QString log = g_log.join(u'\n');
    QVERIFY(log.contains(u"OSCAR"_s)); // the log did record the flow
    for (const QString& secret : {Password, u"a wrong password typed"_s, signedIn.code, tokens.refresh(),
                                  renewed.refresh(), tokens.access(), m_client.secret}) {
        QVERIFY2(!log.contains(secret), qPrintable(secret.left(8)));
    }
}

APPINT_TEST_MAIN(TestAuthorizationCode)
#include "TestAuthorizationCode.moc"
