// The SAML 2.0 bearer grant (RFC 7522) over real HTTP against the real
// server: assertions made and signed by a third-party implementation (the
// xmlsec1 command line) with an RSA and an EC key are accepted; each attack
// of issue 14 is refused with invalid_grant naming the failed rule.

#include "SamlTestSupport.h"
#include "ServerTestSupport.h"
#include "TestMain.h"

#include "core/OAuthNames.h"
#include "server/tenant/Tenant.h"
#include "server/tenant/Users.h"

#include <QJsonArray>
#include <QTemporaryDir>

#include <tuple>

using namespace Qt::StringLiterals;
using namespace appint::test;
using namespace appint::test::saml;

class TestSamlBearerGrant : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void tenantAnnouncesTheSamlTokenUrl();
    void rsaSignedAssertionIsAccepted();
    void ecSignedAssertionIsAccepted();
    void clockSkewOfUpTo60SecondsIsTolerated();
    void replayedIdIsRefused();
    void replayCacheSurvivesRestart();
    void attacksAreRefused_data();
    void attacksAreRefused();
    void signedResponseButUnsignedAssertionIsRefused();
    void wrappedAssertionIsRefused();
    void tamperedNameIdIsRefused();
    void clientWithoutSamlGrantIsUnauthorized();
    void deletedIdentityProviderIsNoLongerTrusted();
    void refusalsNeverEchoTheAssertion();

private:
    QUrl samlUrl() const { return QUrl(m_samlTokenUrl); }
    AssertionSpec spec(const QString& id) const;
    QByteArray signedAssertion(const AssertionSpec& spec, const KeyPair& key);
    HttpTestReply grant(const QByteArray& assertionXml, const QString& clientId, const QString& secret);
    HttpTestReply grant(const QByteArray& assertionXml) { return grant(assertionXml, m_clientId, m_clientSecret); }
    void installUsers();
    static QString describe(const HttpTestReply& reply) { return QString::fromUtf8(reply.body); }

    QTemporaryDir m_dir;
    std::unique_ptr<TestServer> m_server;
    HttpTestClient m_http;
    QString m_admin;
    KeyPair m_rsa;
    KeyPair m_ec;
    KeyPair m_other;
    QString m_samlTokenUrl;
    QString m_samlAudience;
    QString m_clientId;
    QString m_clientSecret;
    QString m_rsaIdp;
    int m_ids = 0;
};

AssertionSpec TestSamlBearerGrant::spec(const QString& id) const
{
    AssertionSpec s;
    s.id = id;
    s.audience = m_samlAudience;
    s.recipient = m_samlTokenUrl;
    s.now = m_server->clock().now();
    return s;
}

QByteArray TestSamlBearerGrant::signedAssertion(const AssertionSpec& s, const KeyPair& key)
{
    QString error;
    const QByteArray xml = sign(m_dir.path(), assertionXml(s), key.keyPath, &error);
    if (!error.isEmpty()) {
        qWarning().noquote() << error;
    }
    return xml;
}

HttpTestReply TestSamlBearerGrant::grant(const QByteArray& xml, const QString& clientId, const QString& secret)
{
    return m_http.postForm(
        samlUrl(),
        {{u"grant_type"_s, appint::oauth::GrantSaml2Bearer}, {u"assertion"_s, QString::fromLatin1(base64Url(xml))}},
        clientId, secret);
}

void TestSamlBearerGrant::installUsers()
{
    // Real tenant users (the Users part of the tenant, as SCIM makes them):
    // ALICE and CAROL active, BOB deactivated.
    appint::Tenant* tenant = m_server->serverThread()->server()->tenant();
    const auto add = [&](const QString& name, bool active, const QString& role) {
        appint::TenantUser user;
        user.userName = name;
        user.active = active;
        if (!role.isEmpty()) {
            user.roles = {appint::RoleAssignment{role, {}}};
        }
        const auto outcome = tenant->users().create(user, std::nullopt, m_server->adminClientId());
        return outcome.ok() ? QString() : outcome.detail;
    };
    for (const auto& [name, active, role] :
         {std::tuple{u"ALICE"_s, true, u"DW_VIEWER"_s}, std::tuple{u"CAROL"_s, true, u"DW_MODELER"_s},
          std::tuple{u"BOB"_s, false, QString()}}) {
        const QString problem = add(name, active, role);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
}

void TestSamlBearerGrant::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_rsa = makeKeyPair(m_dir.path(), u"idp-rsa"_s, u"rsa"_s);
    QVERIFY2(m_rsa.ok(), qPrintable(m_rsa.error));
    m_ec = makeKeyPair(m_dir.path(), u"idp-ec"_s, u"ec"_s);
    QVERIFY2(m_ec.ok(), qPrintable(m_ec.error));
    m_other = makeKeyPair(m_dir.path(), u"attacker"_s, u"rsa"_s);
    QVERIFY2(m_other.ok(), qPrintable(m_other.error));

    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    installUsers();
    m_admin = adminToken(m_http, *m_server);
    QVERIFY(!m_admin.isEmpty());

    const HttpTestReply tenant = m_http.get(m_server->url(u"/api/v1/tenant"_s), m_admin);
    QCOMPARE(tenant.status, 200);
    m_samlTokenUrl = tenant.object().value(u"saml_token_url"_s).toString();
    m_samlAudience = tenant.object().value(u"saml_audience"_s).toString();
    QVERIFY(m_samlTokenUrl.startsWith(m_server->baseUrl().toString()));

    const auto addIdp = [&](const QString& entityId, const KeyPair& key) {
        const HttpTestReply reply = m_http.postJson(m_server->url(u"/api/v1/identity-providers"_s),
                                                    QJsonObject{{u"name"_s, entityId},
                                                                {u"entity_id"_s, entityId},
                                                                {u"certificates"_s, QJsonArray{key.certificatePem}}},
                                                    m_admin);
        return reply;
    };
    const HttpTestReply rsaIdp = addIdp(u"https://idp.example.com/saml"_s, m_rsa);
    QCOMPARE(rsaIdp.status, 201);
    m_rsaIdp = rsaIdp.object().value(u"idp_id"_s).toString();
    QCOMPARE(addIdp(u"https://ec-idp.example.com/saml"_s, m_ec).status, 201);

    QJsonObject body = apiBody(u"SAML client"_s);
    body.insert(u"grant_types"_s, QJsonArray{appint::oauth::GrantSaml2Bearer});
    const CreatedClient client = createClient(m_http, *m_server, m_admin, body);
    QCOMPARE(client.status, 201);
    m_clientId = client.id;
    m_clientSecret = client.secret;
}

void TestSamlBearerGrant::cleanupTestCase()
{
    m_server.reset();
}

void TestSamlBearerGrant::tenantAnnouncesTheSamlTokenUrl()
{
    // The URL answers (a form without credentials is invalid_client, not 404).
    const HttpTestReply reply = m_http.postForm(samlUrl(), {{u"grant_type"_s, appint::oauth::GrantSaml2Bearer}});
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.object().value(u"error"_s).toString(), u"invalid_client"_s);
}

void TestSamlBearerGrant::rsaSignedAssertionIsAccepted()
{
    const QByteArray xml = signedAssertion(spec(u"_rsa-ok"_s), m_rsa);
    QVERIFY(!xml.isEmpty());
    const HttpTestReply reply = grant(xml);
    QVERIFY2(reply.status == 200, qPrintable(describe(reply)));
    QCOMPARE(reply.header("Cache-Control"), QByteArray("no-store"));
    const QJsonObject answer = reply.object();
    QCOMPARE(answer.value(u"token_type"_s).toString(), u"Bearer"_s);
    QCOMPARE(answer.value(u"expires_in"_s).toInt(), 3600);
    const QJsonObject claims = jwtPart(answer.value(u"access_token"_s).toString(), 1);
    QCOMPARE(claims.value(u"sub"_s).toString(), u"ALICE"_s);
    QCOMPARE(claims.value(u"client_id"_s).toString(), m_clientId);
    QCOMPARE(claims.value(u"roles"_s).toArray(), QJsonArray{u"DW_VIEWER"_s});

    // The token is a real one: introspection says active, with the user.
    const HttpTestReply introspection
        = m_http.postForm(m_server->url(u"/oauth/introspect"_s),
                          {{u"token"_s, answer.value(u"access_token"_s).toString()}}, m_clientId, m_clientSecret);
    QCOMPARE(introspection.object().value(u"active"_s).toBool(), true);
    QCOMPARE(introspection.object().value(u"sub"_s).toString(), u"ALICE"_s);
}

void TestSamlBearerGrant::ecSignedAssertionIsAccepted()
{
    AssertionSpec s = spec(u"_ec-ok"_s);
    s.issuer = u"https://ec-idp.example.com/saml"_s;
    s.nameId = u"CAROL"_s;
    s.signatureMethod = u"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"_s;
    const HttpTestReply reply = grant(signedAssertion(s, m_ec));
    QVERIFY2(reply.status == 200, qPrintable(describe(reply)));
    const QJsonObject claims = jwtPart(reply.object().value(u"access_token"_s).toString(), 1);
    QCOMPARE(claims.value(u"sub"_s).toString(), u"CAROL"_s);
    QCOMPARE(claims.value(u"roles"_s).toArray(), QJsonArray{u"DW_MODELER"_s});
}

void TestSamlBearerGrant::clockSkewOfUpTo60SecondsIsTolerated()
{
    AssertionSpec early = spec(u"_skew-early"_s);
    early.notBefore = early.now + 50; // the IdP's clock runs 50 s ahead
    QVERIFY2(grant(signedAssertion(early, m_rsa)).status == 200, "NotBefore 50 s ahead is within the skew");
    AssertionSpec late = spec(u"_skew-late"_s);
    late.notBefore = late.now - 400;
    late.notOnOrAfter = late.now - 30; // expired 30 s ago by our clock
    QVERIFY2(grant(signedAssertion(late, m_rsa)).status == 200, "NotOnOrAfter 30 s ago is within the skew");
}

void TestSamlBearerGrant::replayedIdIsRefused()
{
    const QByteArray xml = signedAssertion(spec(u"_replay"_s), m_rsa);
    QCOMPARE(grant(xml).status, 200);
    const HttpTestReply again = grant(xml);
    QCOMPARE(again.status, 400);
    QCOMPARE(again.object().value(u"error"_s).toString(), u"invalid_grant"_s);
    QVERIFY2(again.object().value(u"error_description"_s).toString().contains(u"used before"_s),
             qPrintable(describe(again)));
}

void TestSamlBearerGrant::replayCacheSurvivesRestart()
{
    const QByteArray xml = signedAssertion(spec(u"_replay-restart"_s), m_rsa);
    QCOMPARE(grant(xml).status, 200);
    QVERIFY2(m_server->restart(), qPrintable(m_server->errorString()));
    QCOMPARE(QUrl(m_samlTokenUrl).port(), m_server->baseUrl().port()); // same port, same URLs
    const HttpTestReply again = grant(xml);
    QCOMPARE(again.object().value(u"error"_s).toString(), u"invalid_grant"_s);
    QVERIFY2(again.object().value(u"error_description"_s).toString().contains(u"used before"_s),
             qPrintable(describe(again)));
    // The trusted identity providers survived too: a fresh assertion works.
    QCOMPARE(grant(signedAssertion(spec(u"_after-restart"_s), m_rsa)).status, 200);
}

void TestSamlBearerGrant::attacksAreRefused_data()
{
    QTest::addColumn<QString>("attack");
    QTest::addColumn<QString>("expectedRule");
    QTest::newRow("unsigned") << u"unsigned"_s << u"not signed"_s;
    QTest::newRow("signed by another key") << u"other-key"_s << u"does not verify"_s;
    QTest::newRow("wrong audience") << u"audience"_s << u"saml_audience"_s;
    QTest::newRow("wrong recipient") << u"recipient"_s << u"Recipient"_s;
    QTest::newRow("expired") << u"expired"_s << u"NotOnOrAfter"_s;
    QTest::newRow("not yet valid") << u"not-yet-valid"_s << u"not valid yet"_s;
    QTest::newRow("unknown issuer") << u"issuer"_s << u"trusted identity provider"_s;
    QTest::newRow("unknown user") << u"unknown-user"_s << u"does not name a user"_s;
    QTest::newRow("inactive user") << u"inactive-user"_s << u"deactivated"_s;
    QTest::newRow("DTD with an external entity (XXE)") << u"xxe"_s << u"DTD"_s;
    QTest::newRow("DTD with entity expansion") << u"billion-laughs"_s << u"DTD"_s;
    QTest::newRow("not base64url") << u"garbage"_s << u"base64url"_s;
    QTest::newRow("valid for too long") << u"too-long"_s << u"too long"_s;
    QTest::newRow("SHA-1 signature") << u"rsa-sha1"_s << u"not acceptable"_s;
}

void TestSamlBearerGrant::attacksAreRefused()
{
    QFETCH(QString, attack);
    QFETCH(QString, expectedRule);
    AssertionSpec s = spec(u"_attack-"_s + QString::number(++m_ids));
    QByteArray xml;
    if (attack == u"unsigned"_s) {
        s.signatureTemplate = false;
        xml = assertionXml(s).toUtf8();
    } else if (attack == u"other-key"_s) {
        xml = signedAssertion(s, m_other);
    } else if (attack == u"audience"_s) {
        s.audience = u"https://another-tenant.example.com"_s;
        xml = signedAssertion(s, m_rsa);
    } else if (attack == u"recipient"_s) {
        s.recipient = m_server->tokenUrl().toString();
        xml = signedAssertion(s, m_rsa);
    } else if (attack == u"expired"_s) {
        s.notBefore = s.now - 900;
        s.notOnOrAfter = s.now - 61;
        xml = signedAssertion(s, m_rsa);
    } else if (attack == u"not-yet-valid"_s) {
        s.notBefore = s.now + 61;
        xml = signedAssertion(s, m_rsa);
    } else if (attack == u"issuer"_s) {
        s.issuer = u"https://evil.example.com/saml"_s;
        xml = signedAssertion(s, m_other);
    } else if (attack == u"unknown-user"_s) {
        s.nameId = u"NOBODY"_s;
        xml = signedAssertion(s, m_rsa);
    } else if (attack == u"inactive-user"_s) {
        s.nameId = u"BOB"_s;
        xml = signedAssertion(s, m_rsa);
    } else if (attack == u"xxe"_s) {
        s.nameId = u"&xxe;"_s;
        xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE saml:Assertion [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
            + assertionXml(s).toUtf8();
    } else if (attack == u"billion-laughs"_s) {
        s.nameId = u"&lol3;"_s;
        xml = "<!DOCTYPE saml:Assertion [<!ENTITY lol \"lol\"><!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;\">"
              "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;\">]>"
            + assertionXml(s).toUtf8();
    } else if (attack == u"garbage"_s) {
        const HttpTestReply reply = m_http.postForm(
            samlUrl(), {{u"grant_type"_s, appint::oauth::GrantSaml2Bearer}, {u"assertion"_s, u"not*base64!"_s}},
            m_clientId, m_clientSecret);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.object().value(u"error"_s).toString(), u"invalid_grant"_s);
        QVERIFY(reply.object().value(u"error_description"_s).toString().contains(expectedRule));
        return;
    } else if (attack == u"too-long"_s) {
        s.notOnOrAfter = s.now + 2 * 86400;
        xml = signedAssertion(s, m_rsa);
    } else if (attack == u"rsa-sha1"_s) {
        s.signatureMethod = u"http://www.w3.org/2000/09/xmldsig#rsa-sha1"_s;
        xml = signedAssertion(s, m_rsa);
    }
    QVERIFY(!xml.isEmpty());
    const HttpTestReply reply = grant(xml);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.object().value(u"error"_s).toString(), u"invalid_grant"_s);
    const QString description = reply.object().value(u"error_description"_s).toString();
    QVERIFY2(description.contains(expectedRule, Qt::CaseInsensitive), qPrintable(description));
    QVERIFY(!description.contains(u"root:"_s)); // nothing of /etc/passwd
}

void TestSamlBearerGrant::signedResponseButUnsignedAssertionIsRefused()
{
    AssertionSpec s = spec(u"_in-response"_s);
    s.signatureTemplate = false;
    const QString response
        = u"<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_response\" Version=\"2.0\" "
          "IssueInstant=\"%1\"><saml:Issuer xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\">"
          "https://idp.example.com/saml</saml:Issuer>%2<samlp:Status><samlp:StatusCode "
          "Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status>%3</samlp:Response>"_s.arg(
              samlTime(s.now), signatureTemplate(u"_response"_s, s.signatureMethod), assertionXml(s));
    QString error;
    const QByteArray xml
        = sign(m_dir.path(), response, m_rsa.keyPath, &error, u"urn:oasis:names:tc:SAML:2.0:protocol:Response"_s);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const HttpTestReply reply = grant(xml);
    QCOMPARE(reply.object().value(u"error"_s).toString(), u"invalid_grant"_s);
    QVERIFY2(reply.object().value(u"error_description"_s).toString().contains(u"one SAML 2.0 Assertion"_s),
             qPrintable(describe(reply)));
    // The bare unsigned assertion taken out of the signed response: unsigned.
    const HttpTestReply bare = grant(assertionXml(s).toUtf8());
    QVERIFY2(bare.object().value(u"error_description"_s).toString().contains(u"not signed"_s),
             qPrintable(describe(bare)));
}

void TestSamlBearerGrant::wrappedAssertionIsRefused()
{
    const QByteArray good = withoutDeclaration(signedAssertion(spec(u"_genuine"_s), m_rsa));
    QVERIFY(!good.isEmpty());
    AssertionSpec evil = spec(u"_evil"_s);
    evil.nameId = u"CAROL"_s;
    evil.signatureTemplate = false;

    // Beside: a Response holding the evil unsigned assertion and the signed one.
    const QByteArray beside = "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_r\">"
        + assertionXml(evil).toUtf8() + good + "</samlp:Response>";
    HttpTestReply reply = grant(beside);
    QCOMPARE(reply.object().value(u"error"_s).toString(), u"invalid_grant"_s);

    // Inside: the evil assertion is the root and carries the genuine signed one
    // (signature and all) inside; the signature still verifies over "_genuine".
    const qsizetype signatureStart = good.indexOf("<ds:Signature");
    const qsizetype signatureEnd = good.indexOf("</ds:Signature>") + int(qstrlen("</ds:Signature>"));
    const QByteArray signature = good.mid(signatureStart, signatureEnd - signatureStart);
    evil.extraInside = u"<saml:Advice>"_s + QString::fromUtf8(good) + u"</saml:Advice>"_s;
    QByteArray inside = assertionXml(evil).toUtf8();
    const QByteArray issuerAndSignature = "</saml:Issuer>" + signature;
    inside.replace("</saml:Issuer>", issuerAndSignature);
    reply = grant(inside);
    QCOMPARE(reply.object().value(u"error"_s).toString(), u"invalid_grant"_s);
    QVERIFY2(reply.object().value(u"error_description"_s).toString().contains(u"wrapping"_s),
             qPrintable(describe(reply)));

    // An evil element elsewhere that carries the signed assertion's ID.
    QByteArray duplicate = good;
    duplicate.replace("<saml:Subject>", "<saml:Subject><saml:BaseID xmlns:x=\"urn:x\" ID=\"_genuine\"/>");
    reply = grant(duplicate);
    QCOMPARE(reply.object().value(u"error"_s).toString(), u"invalid_grant"_s);
    QVERIFY2(reply.object().value(u"error_description"_s).toString().contains(u"wrapping"_s),
             qPrintable(describe(reply)));

    // The genuine one alone is still good (nothing above consumed its ID).
    QCOMPARE(grant(good).status, 200);
}

void TestSamlBearerGrant::tamperedNameIdIsRefused()
{
    QByteArray xml = signedAssertion(spec(u"_tamper"_s), m_rsa);
    QVERIFY(xml.contains(">ALICE</saml:NameID>"));
    xml.replace(">ALICE</saml:NameID>", ">CAROL</saml:NameID>");
    HttpTestReply reply = grant(xml);
    QCOMPARE(reply.object().value(u"error"_s).toString(), u"invalid_grant"_s);
    QVERIFY2(reply.object().value(u"error_description"_s).toString().contains(u"does not verify"_s),
             qPrintable(describe(reply)));
    // A comment inside the NameID is invisible to exclusive c14n (the
    // signature still verifies) but is not a plain user name.
    QByteArray commented = signedAssertion(spec(u"_comment"_s), m_rsa);
    commented.replace(">ALICE</saml:NameID>", ">AL<!-- x -->ICE</saml:NameID>");
    reply = grant(commented);
    QCOMPARE(reply.object().value(u"error"_s).toString(), u"invalid_grant"_s);
    QVERIFY2(reply.object().value(u"error_description"_s).toString().contains(u"NameID"_s),
             qPrintable(describe(reply)));
}

void TestSamlBearerGrant::clientWithoutSamlGrantIsUnauthorized()
{
    const CreatedClient plain = createClient(m_http, *m_server, m_admin, apiBody(u"Plain API client"_s));
    QCOMPARE(plain.status, 201);
    const HttpTestReply reply = grant(signedAssertion(spec(u"_wrong-client"_s), m_rsa), plain.id, plain.secret);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.object().value(u"error"_s).toString(), u"unauthorized_client"_s);
    const CreatedClient technical
        = createClient(m_http, *m_server, m_admin, technicalBody(u"Technical"_s, u"TECH_SAML"_s));
    QCOMPARE(grant(signedAssertion(spec(u"_wrong-client-2"_s), m_rsa), technical.id, technical.secret)
                 .object()
                 .value(u"error"_s)
                 .toString(),
             u"unauthorized_client"_s);
}

void TestSamlBearerGrant::deletedIdentityProviderIsNoLongerTrusted()
{
    const KeyPair key = makeKeyPair(m_dir.path(), u"short-lived"_s, u"rsa"_s);
    QVERIFY2(key.ok(), qPrintable(key.error));
    const HttpTestReply created = m_http.postJson(m_server->url(u"/api/v1/identity-providers"_s),
                                                  QJsonObject{{u"name"_s, u"Short-lived"_s},
                                                              {u"entity_id"_s, u"https://short.example.com"_s},
                                                              {u"certificates"_s, QJsonArray{key.certificatePem}}},
                                                  m_admin);
    QCOMPARE(created.status, 201);
    AssertionSpec s = spec(u"_short-1"_s);
    s.issuer = u"https://short.example.com"_s;
    QCOMPARE(grant(signedAssertion(s, key)).status, 200);
    QCOMPARE(m_http
                 .del(m_server->url(u"/api/v1/identity-providers/"_s + created.object().value(u"idp_id"_s).toString()),
                      m_admin)
                 .status,
             204);
    s.id = u"_short-2"_s;
    const HttpTestReply reply = grant(signedAssertion(s, key));
    QVERIFY2(reply.object().value(u"error_description"_s).toString().contains(u"trusted identity provider"_s),
             qPrintable(describe(reply)));
}

void TestSamlBearerGrant::refusalsNeverEchoTheAssertion()
{
    AssertionSpec s = spec(u"_echo"_s);
    s.audience = u"https://elsewhere.example.com/UNIQUE_MARKER"_s;
    const QByteArray xml = signedAssertion(s, m_rsa);
    const HttpTestReply reply = grant(xml);
    QCOMPARE(reply.status, 400);
    QVERIFY(!reply.body.contains("UNIQUE_MARKER"));
    QVERIFY(!reply.body.contains(base64Url(xml).left(40)));
    QVERIFY(!reply.body.contains("_echo"));
}

APPINT_TEST_MAIN(TestSamlBearerGrant)
#include "TestSamlBearerGrant.moc"
