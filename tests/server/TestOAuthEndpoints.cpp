// The OAuth 2.0 endpoints over real HTTP: metadata, JWKS, the token endpoint
// (both client authentication methods and every error), the claims and ES256
// signature of the tokens, introspection and revocation.

#include "ServerTestSupport.h"
#include "TestMain.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;
using namespace appint::test;

class TestOAuthEndpoints : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void metadataListsEndpoints();
    void jwksPublishesTheSigningKey();

    void basicAuthenticationGetsToken();
    void postAuthenticationGetsToken();
    void bothAuthenticationMethodsAreRefused();
    void failedAuthentication_data();
    void failedAuthentication();
    void badTokenRequests_data();
    void badTokenRequests();
    void clientsWithoutClientCredentialsAreRefused();
    void expiredAndDeletedClientsAreRefused();

    void technicalTokenClaims();
    void apiTokenClaimsAndScope();
    void audienceFromResourceAndAudience();
    void signatureCoversTheToken();

    void introspectionOfOwnToken();
    void introspectionOfOtherTokens();
    void introspectionNeedsClientAuthentication();
    void tokensBecomeInactive();
    void renewedSecretRetiresOldTokens();

    void revocationOfOwnToken();
    void revocationOfOtherTokens();
    void revocationSurvivesRestart();

private:
    QString admin();
    HttpTestReply introspect(const QString& token, const QString& id, const QString& secret);
    HttpTestReply revoke(const QString& token, const QString& id, const QString& secret);

    TestServer m_server;
    HttpTestClient m_http;
};

void TestOAuthEndpoints::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
}

void TestOAuthEndpoints::init()
{
    // Every test starts outside the rate limiter's window of the one before.
    m_server.clock().advance(301);
}

QString TestOAuthEndpoints::admin()
{
    return adminToken(m_http, m_server);
}

HttpTestReply TestOAuthEndpoints::introspect(const QString& token, const QString& id, const QString& secret)
{
    return m_http.postForm(m_server.url(u"/oauth/introspect"_s), {{u"token"_s, token}}, id, secret);
}

HttpTestReply TestOAuthEndpoints::revoke(const QString& token, const QString& id, const QString& secret)
{
    return m_http.postForm(m_server.url(u"/oauth/revoke"_s), {{u"token"_s, token}}, id, secret);
}

void TestOAuthEndpoints::metadataListsEndpoints()
{
    const auto reply = m_http.get(m_server.url(u"/.well-known/oauth-authorization-server"_s));
    QCOMPARE(reply.status, 200);
    const QJsonObject metadata = reply.object();
    const QString issuer = m_server.baseUrl().toString();
    QCOMPARE(metadata.value(u"issuer"_s).toString(), issuer);
    QCOMPARE(metadata.value(u"token_endpoint"_s).toString(), issuer + u"/oauth/token"_s);
    QCOMPARE(metadata.value(u"authorization_endpoint"_s).toString(), issuer + u"/oauth/authorize"_s);
    QCOMPARE(metadata.value(u"jwks_uri"_s).toString(), issuer + u"/oauth/jwks"_s);
    QCOMPARE(metadata.value(u"introspection_endpoint"_s).toString(), issuer + u"/oauth/introspect"_s);
    QCOMPARE(metadata.value(u"revocation_endpoint"_s).toString(), issuer + u"/oauth/revoke"_s);
    QCOMPARE(metadata.value(u"grant_types_supported"_s).toArray(),
             (QJsonArray{u"client_credentials"_s, u"authorization_code"_s, u"refresh_token"_s}));
    QCOMPARE(metadata.value(u"token_endpoint_auth_methods_supported"_s).toArray(),
             (QJsonArray{u"client_secret_basic"_s, u"client_secret_post"_s}));
    const QJsonArray scopes = metadata.value(u"scopes_supported"_s).toArray();
    QVERIFY(scopes.contains(u"user_provisioning"_s));
    QVERIFY(scopes.contains(u"DW_ADMINISTRATOR"_s));
}

void TestOAuthEndpoints::jwksPublishesTheSigningKey()
{
    const auto reply = m_http.get(m_server.url(u"/oauth/jwks"_s));
    QCOMPARE(reply.status, 200);
    const QJsonArray keys = reply.object().value(u"keys"_s).toArray();
    QCOMPARE(keys.size(), 1);
    const QJsonObject key = keys.at(0).toObject();
    QCOMPARE(key.value(u"kty"_s).toString(), u"EC"_s);
    QCOMPARE(key.value(u"crv"_s).toString(), u"P-256"_s);
    QCOMPARE(key.value(u"alg"_s).toString(), u"ES256"_s);
    QCOMPARE(key.value(u"use"_s).toString(), u"sig"_s);
    QVERIFY(!key.contains(u"d"_s)); // never the private part
    QCOMPARE(key.value(u"kid"_s).toString(), jwkThumbprint(key));
}

void TestOAuthEndpoints::basicAuthenticationGetsToken()
{
    const auto client = createClient(m_http, m_server, admin(), apiBody(u"Basic client"_s));
    QCOMPARE(client.status, 201);
    const auto reply
        = m_http.postForm(m_server.tokenUrl(), {{u"grant_type"_s, u"client_credentials"_s}}, client.id, client.secret);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Cache-Control"), "no-store");
    QCOMPARE(reply.header("Pragma"), "no-cache");
    QVERIFY(reply.header("Content-Type").startsWith("application/json"));
    const QJsonObject token = reply.object();
    QCOMPARE(token.value(u"token_type"_s).toString(), u"Bearer"_s);
    QCOMPARE(token.value(u"expires_in"_s).toInteger(), 3600); // the api default lifetime
    QCOMPARE(token.value(u"scope"_s).toString(), u"user_provisioning"_s);
    QCOMPARE(token.value(u"access_token"_s).toString().count(u'.'), 2);
}

void TestOAuthEndpoints::postAuthenticationGetsToken()
{
    QJsonObject body = apiBody(u"Post client"_s);
    body.insert(u"access_token_lifetime"_s, 600);
    const auto client = createClient(m_http, m_server, admin(), body);
    QCOMPARE(client.status, 201);
    const auto reply = m_http.postForm(
        m_server.tokenUrl(),
        {{u"grant_type"_s, u"client_credentials"_s}, {u"client_id"_s, client.id}, {u"client_secret"_s, client.secret}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value(u"expires_in"_s).toInteger(), 600);
}

void TestOAuthEndpoints::bothAuthenticationMethodsAreRefused()
{
    const auto client = createClient(m_http, m_server, admin(), apiBody(u"Both"_s));
    const auto reply = m_http.postForm(
        m_server.tokenUrl(),
        {{u"grant_type"_s, u"client_credentials"_s}, {u"client_id"_s, client.id}, {u"client_secret"_s, client.secret}},
        client.id, client.secret);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.object().value(u"error"_s).toString(), u"invalid_request"_s);
    QVERIFY(!reply.object().value(u"error_description"_s).toString().isEmpty());
}

void TestOAuthEndpoints::failedAuthentication_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("wrong secret") << QByteArray("WRONG") << QByteArray("grant_type=client_credentials");
    QTest::newRow("unknown client") << QByteArray("UNKNOWN") << QByteArray("grant_type=client_credentials");
    QTest::newRow("no credentials") << QByteArray() << QByteArray("grant_type=client_credentials");
    QTest::newRow("id without secret") << QByteArray() << QByteArray("grant_type=client_credentials&client_id=x");
    QTest::newRow("bearer scheme") << QByteArray("Bearer abc") << QByteArray("grant_type=client_credentials");
    QTest::newRow("basic without colon") << QByteArray("Basic " + QByteArray("nocolon").toBase64())
                                         << QByteArray("grant_type=client_credentials");
    QTest::newRow("basic not base64") << QByteArray("Basic ***") << QByteArray("grant_type=client_credentials");
    QTest::newRow("basic empty") << QByteArray("Basic ") << QByteArray("grant_type=client_credentials");
    QTest::newRow("basic bad escape") << QByteArray("Basic " + QByteArray("a%zz:b").toBase64())
                                      << QByteArray("grant_type=client_credentials");
    QTest::newRow("basic not utf-8") << QByteArray("Basic " + QByteArray("\xff\xfe:\xc3").toBase64())
                                     << QByteArray("grant_type=client_credentials");
}

void TestOAuthEndpoints::failedAuthentication()
{
    QFETCH(QByteArray, authorization);
    QFETCH(QByteArray, body);
    if (authorization == "WRONG") {
        authorization = HttpTestClient::basic(m_server.adminClientId(), u"not-the-secret"_s);
    } else if (authorization == "UNKNOWN") {
        authorization = HttpTestClient::basic(u"cl-unknown"_s, m_server.adminSecret());
    }
    HttpHeaders headers{{"Content-Type", "application/x-www-form-urlencoded"}};
    if (!authorization.isNull()) {
        headers.append({"Authorization", authorization});
    }
    const auto reply = m_http.send("POST", m_server.tokenUrl(), body, headers);
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.object().value(u"error"_s).toString(), u"invalid_client"_s);
    QVERIFY(reply.header("WWW-Authenticate").startsWith("Basic realm="));
    QCOMPARE(reply.header("Cache-Control"), "no-store");
}

void TestOAuthEndpoints::badTokenRequests_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    const QByteArray form = "application/x-www-form-urlencoded";
    QTest::newRow("no grant_type") << form << QByteArray("scope=") << 400 << u"invalid_request"_s;
    QTest::newRow("password grant") << form << QByteArray("grant_type=password") << 400 << u"unsupported_grant_type"_s;
    QTest::newRow("saml2 grant (later)") << form
                                         << QByteArray(
                                                "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Asaml2-bearer")
                                         << 400 << u"unsupported_grant_type"_s;
    QTest::newRow("repeated grant_type") << form << QByteArray("grant_type=client_credentials&grant_type=x") << 400
                                         << u"invalid_request"_s;
    QTest::newRow("json body") << QByteArray("application/json")
                               << QByteArray("{\"grant_type\":\"client_credentials\"}") << 400 << u"invalid_request"_s;
    QTest::newRow("latin-1 form") << QByteArray("application/x-www-form-urlencoded; charset=iso-8859-1")
                                  << QByteArray("grant_type=client_credentials") << 400 << u"invalid_request"_s;
    QTest::newRow("bad escape") << form << QByteArray("grant_type=client%ZZcredentials") << 400 << u"invalid_request"_s;
    QTest::newRow("unknown scope") << form << QByteArray("grant_type=client_credentials&scope=DW_ADMINISTRATOR") << 400
                                   << u"invalid_scope"_s;
    QTest::newRow("relative resource") << form << QByteArray("grant_type=client_credentials&resource=%2Fapi") << 400
                                       << u"invalid_target"_s;
    QTest::newRow("resource with fragment")
        << form << QByteArray("grant_type=client_credentials&resource=https%3A%2F%2Fa.example%2F%23x") << 400
        << u"invalid_target"_s;
}

void TestOAuthEndpoints::badTokenRequests()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, error);
    const auto client = createClient(m_http, m_server, admin(), apiBody(u"Bad requests"_s));
    const auto reply = m_http.send(
        "POST", m_server.tokenUrl(), body,
        {{"Content-Type", contentType}, {"Authorization", HttpTestClient::basic(client.id, client.secret)}});
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.object().value(u"error"_s).toString(), error);
    QVERIFY(!reply.object().value(u"error_description"_s).toString().isEmpty());
    QCOMPARE(reply.header("Cache-Control"), "no-store");

    const auto wrongMethod = m_http.get(m_server.tokenUrl());
    QCOMPARE(wrongMethod.status, 405);
    QCOMPARE(wrongMethod.header("Allow"), "POST");
}

void TestOAuthEndpoints::clientsWithoutClientCredentialsAreRefused()
{
    const QString token = admin();
    const auto interactive = createClient(m_http, m_server, token, interactiveBody(u"Browser app"_s));
    QCOMPARE(interactive.status, 201);
    auto reply = m_http.postForm(m_server.tokenUrl(), {{u"grant_type"_s, u"client_credentials"_s}}, interactive.id,
                                 interactive.secret);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.object().value(u"error"_s).toString(), u"unauthorized_client"_s);

    QJsonObject saml = apiBody(u"SAML app"_s);
    saml.insert(u"grant_types"_s, QJsonArray{u"urn:ietf:params:oauth:grant-type:saml2-bearer"_s});
    const auto samlClient = createClient(m_http, m_server, token, saml);
    QCOMPARE(samlClient.status, 201);
    reply = m_http.postForm(m_server.tokenUrl(), {{u"grant_type"_s, u"client_credentials"_s}}, samlClient.id,
                            samlClient.secret);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.object().value(u"error"_s).toString(), u"unauthorized_client"_s);
}

void TestOAuthEndpoints::expiredAndDeletedClientsAreRefused()
{
    const QString token = admin();
    QJsonObject body = technicalBody(u"Expires soon"_s, u"EXPIRES_SOON"_s);
    body.insert(u"client_secret_expires_at"_s, m_server.clock().now() + 8 * 86400);
    const auto expiring = createClient(m_http, m_server, token, body);
    QCOMPARE(expiring.status, 201);
    const auto deleted = createClient(m_http, m_server, token, apiBody(u"Deleted"_s));
    QVERIFY(!m_http.token(m_server.tokenUrl(), deleted.id, deleted.secret).isEmpty());
    QCOMPARE(m_http.del(m_server.url(u"/api/v1/clients/"_s + deleted.id), token).status, 204);
    auto reply = m_http.postForm(m_server.tokenUrl(), {{u"grant_type"_s, u"client_credentials"_s}}, deleted.id,
                                 deleted.secret);
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.object().value(u"error"_s).toString(), u"invalid_client"_s);

    QVERIFY(!m_http.token(m_server.tokenUrl(), expiring.id, expiring.secret).isEmpty());
    m_server.clock().advance(8 * 86400);
    reply = m_http.postForm(m_server.tokenUrl(), {{u"grant_type"_s, u"client_credentials"_s}}, expiring.id,
                            expiring.secret);
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.object().value(u"error"_s).toString(), u"invalid_client"_s);
}

void TestOAuthEndpoints::technicalTokenClaims()
{
    const QString token = admin();
    QCOMPARE(m_http
                 .postJson(m_server.url(u"/api/v1/spaces"_s),
                           QJsonObject{{u"space_id"_s, u"CLAIMS"_s}, {u"name"_s, u"Claims"_s}}, token)
                 .status,
             201);
    QCOMPARE(m_http
                 .postJson(m_server.url(u"/api/v1/roles"_s),
                           QJsonObject{{u"role_id"_s, u"CLAIMS_MODELER"_s},
                                       {u"name"_s, u"Claims modeler"_s},
                                       {u"scope"_s, u"scoped"_s},
                                       {u"spaces"_s, QJsonArray{u"CLAIMS"_s}}},
                           token)
                 .status,
             201);
    QJsonArray roles = roleList({u"DW_MODELER"_s});
    roles.append(QJsonObject{{u"role_id"_s, u"CLAIMS_MODELER"_s}, {u"spaces"_s, QJsonArray{u"CLAIMS"_s}}});
    const auto client = createClient(m_http, m_server, token, technicalBody(u"Claims"_s, u"CLAIMS_USER"_s, roles));
    QCOMPARE(client.status, 201);

    const QString access = m_http.token(m_server.tokenUrl(), client.id, client.secret);
    QVERIFY(!access.isEmpty());
    const QJsonObject header = jwtPart(access, 0);
    QCOMPARE(header.value(u"alg"_s).toString(), u"ES256"_s);
    QCOMPARE(header.value(u"typ"_s).toString(), u"at+jwt"_s);
    const QJsonObject jwk
        = m_http.get(m_server.url(u"/oauth/jwks"_s)).object().value(u"keys"_s).toArray().at(0).toObject();
    QCOMPARE(header.value(u"kid"_s).toString(), jwk.value(u"kid"_s).toString());

    const QJsonObject claims = jwtPart(access, 1);
    const qint64 now = m_server.clock().now();
    QCOMPARE(claims.value(u"iss"_s).toString(), m_server.baseUrl().toString());
    QCOMPARE(claims.value(u"sub"_s).toString(), u"CLAIMS_USER"_s);
    QCOMPARE(claims.value(u"client_id"_s).toString(), client.id);
    QCOMPARE(claims.value(u"aud"_s).toString(), m_server.baseUrl().toString());
    QCOMPARE(claims.value(u"iat"_s).toInteger(), now);
    QCOMPARE(claims.value(u"exp"_s).toInteger(), now + 86400);
    QVERIFY(claims.value(u"jti"_s).toString().size() >= 16);
    QVERIFY(!claims.contains(u"scope"_s)); // none was requested
    QCOMPARE(claims.value(u"roles"_s).toArray(), QJsonArray{u"DW_MODELER"_s});
    QCOMPARE(claims.value(u"scoped_roles"_s).toObject(), (QJsonObject{{u"CLAIMS_MODELER"_s, QJsonArray{u"CLAIMS"_s}}}));

    const QString second = m_http.token(m_server.tokenUrl(), client.id, client.secret);
    QVERIFY(jwtPart(second, 1).value(u"jti"_s) != claims.value(u"jti"_s));

    const auto scoped = m_http.postForm(m_server.tokenUrl(),
                                        {{u"grant_type"_s, u"client_credentials"_s}, {u"scope"_s, u"DW_MODELER"_s}},
                                        client.id, client.secret);
    QCOMPARE(scoped.status, 200);
    QCOMPARE(scoped.object().value(u"scope"_s).toString(), u"DW_MODELER"_s);
    QCOMPARE(jwtPart(scoped.object().value(u"access_token"_s).toString(), 1).value(u"scope"_s).toString(),
             u"DW_MODELER"_s);
}

void TestOAuthEndpoints::apiTokenClaimsAndScope()
{
    const auto client
        = createClient(m_http, m_server, admin(), apiBody(u"Scopes"_s, {u"user_provisioning"_s, u"content_network"_s}));
    const auto reply = m_http.postForm(m_server.tokenUrl(),
                                       {{u"grant_type"_s, u"client_credentials"_s},
                                        {u"scope"_s, u"content_network user_provisioning content_network"_s}},
                                       client.id, client.secret);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value(u"scope"_s).toString(), u"content_network user_provisioning"_s);
    const QJsonObject claims = jwtPart(reply.object().value(u"access_token"_s).toString(), 1);
    QCOMPARE(claims.value(u"sub"_s).toString(), client.id); // no technical user
    QCOMPARE(claims.value(u"scope"_s).toString(), u"content_network user_provisioning"_s);
    QCOMPARE(claims.value(u"roles"_s).toArray(), QJsonArray());
    QCOMPARE(claims.value(u"scoped_roles"_s).toObject(), QJsonObject());

    const auto unscoped
        = m_http.postForm(m_server.tokenUrl(), {{u"grant_type"_s, u"client_credentials"_s}}, client.id, client.secret);
    QCOMPARE(unscoped.object().value(u"scope"_s).toString(), u"user_provisioning content_network"_s);
}

void TestOAuthEndpoints::audienceFromResourceAndAudience()
{
    const auto client = createClient(m_http, m_server, admin(), apiBody(u"Audience"_s));
    auto reply
        = m_http.postForm(m_server.tokenUrl(),
                          {{u"grant_type"_s, u"client_credentials"_s}, {u"resource"_s, u"https://api.example.com/"_s}},
                          client.id, client.secret);
    QCOMPARE(reply.status, 200);
    QCOMPARE(jwtPart(reply.object().value(u"access_token"_s).toString(), 1).value(u"aud"_s).toString(),
             u"https://api.example.com/"_s);

    reply = m_http.postForm(m_server.tokenUrl(),
                            {{u"grant_type"_s, u"client_credentials"_s},
                             {u"resource"_s, u"https://one.example.com/"_s},
                             {u"resource"_s, u"https://two.example.com/"_s},
                             {u"audience"_s, u"reporting"_s}},
                            client.id, client.secret);
    QCOMPARE(reply.status, 200);
    QCOMPARE(jwtPart(reply.object().value(u"access_token"_s).toString(), 1).value(u"aud"_s).toArray(),
             (QJsonArray{u"https://one.example.com/"_s, u"https://two.example.com/"_s, u"reporting"_s}));

    // A token for another audience does not open the management API.
    const auto other = m_http.postForm(m_server.tokenUrl(),
                                       {{u"grant_type"_s, u"client_credentials"_s}, {u"audience"_s, u"elsewhere"_s}},
                                       m_server.adminClientId(), m_server.adminSecret());
    QCOMPARE(other.status, 200);
    const auto tenant
        = m_http.get(m_server.url(u"/api/v1/tenant"_s), other.object().value(u"access_token"_s).toString());
    QCOMPARE(tenant.status, 401);
}

void TestOAuthEndpoints::signatureCoversTheToken()
{
    const QString access = admin();
    const QJsonObject jwk
        = m_http.get(m_server.url(u"/oauth/jwks"_s)).object().value(u"keys"_s).toArray().at(0).toObject();
    QVERIFY(verifyEs256(access, jwk));

    // Change one claim and keep the signature: no longer valid anywhere.
    QList<QByteArray> parts = access.toLatin1().split('.');
    QJsonObject claims = jwtPart(access, 1);
    claims.insert(u"sub"_s, u"SOMEONE_ELSE"_s);
    parts[1] = QJsonDocument(claims)
                   .toJson(QJsonDocument::Compact)
                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QString forged = QString::fromLatin1(parts.join('.'));
    QVERIFY(!verifyEs256(forged, jwk));
    QCOMPARE(m_http.get(m_server.url(u"/api/v1/tenant"_s), forged).status, 401);
    const auto introspection = introspect(forged, m_server.adminClientId(), m_server.adminSecret());
    QCOMPARE(introspection.object().value(u"active"_s).toBool(true), false);

    // "alg": "none" is not accepted either.
    const QByteArray none
        = QByteArray("{\"alg\":\"none\"}").toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QString unsigned_ = QString::fromLatin1(none + '.' + access.toLatin1().split('.').at(1) + '.');
    QCOMPARE(m_http.get(m_server.url(u"/api/v1/tenant"_s), unsigned_).status, 401);
}

void TestOAuthEndpoints::introspectionOfOwnToken()
{
    const auto client = createClient(m_http, m_server, admin(), apiBody(u"Introspect own"_s));
    const QString access = m_http.token(m_server.tokenUrl(), client.id, client.secret);
    const auto reply = introspect(access, client.id, client.secret);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Cache-Control"), "no-store");
    const QJsonObject answer = reply.object();
    QCOMPARE(answer.value(u"active"_s).toBool(), true);
    QCOMPARE(answer.value(u"client_id"_s).toString(), client.id);
    QCOMPARE(answer.value(u"token_type"_s).toString(), u"Bearer"_s);
    QCOMPARE(answer.value(u"exp"_s).toInteger(), jwtPart(access, 1).value(u"exp"_s).toInteger());
    QCOMPARE(answer.value(u"jti"_s), jwtPart(access, 1).value(u"jti"_s));

    const auto garbage = introspect(u"not-a-token"_s, client.id, client.secret);
    QCOMPARE(garbage.status, 200);
    QCOMPARE(garbage.object(), (QJsonObject{{u"active"_s, false}}));

    const auto missing = m_http.postForm(m_server.url(u"/oauth/introspect"_s), {}, client.id, client.secret);
    QCOMPARE(missing.status, 400);
    QCOMPARE(missing.object().value(u"error"_s).toString(), u"invalid_request"_s);
}

void TestOAuthEndpoints::introspectionOfOtherTokens()
{
    const QString token = admin();
    const auto first = createClient(m_http, m_server, token, apiBody(u"First"_s));
    const auto second = createClient(m_http, m_server, token, apiBody(u"Second"_s));
    const QString firstToken = m_http.token(m_server.tokenUrl(), first.id, first.secret);
    // Another client sees nothing ...
    QCOMPARE(introspect(firstToken, second.id, second.secret).object(), (QJsonObject{{u"active"_s, false}}));
    // ... an administrator sees it all.
    const auto byAdmin = introspect(firstToken, m_server.adminClientId(), m_server.adminSecret());
    QCOMPARE(byAdmin.object().value(u"active"_s).toBool(), true);
    QCOMPARE(byAdmin.object().value(u"client_id"_s).toString(), first.id);
}

void TestOAuthEndpoints::introspectionNeedsClientAuthentication()
{
    const auto reply = m_http.postForm(m_server.url(u"/oauth/introspect"_s), {{u"token"_s, admin()}});
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.object().value(u"error"_s).toString(), u"invalid_client"_s);
    const auto revocation = m_http.postForm(m_server.url(u"/oauth/revoke"_s), {{u"token"_s, admin()}});
    QCOMPARE(revocation.status, 401);
}

void TestOAuthEndpoints::tokensBecomeInactive()
{
    const QString token = admin();
    const auto deleted = createClient(m_http, m_server, token, apiBody(u"Will be deleted"_s));
    const QString deletedToken = m_http.token(m_server.tokenUrl(), deleted.id, deleted.secret);
    QJsonObject body = technicalBody(u"Will expire"_s, u"WILL_EXPIRE"_s);
    body.insert(u"client_secret_expires_at"_s, m_server.clock().now() + 7 * 86400 + 100);
    const auto expiring = createClient(m_http, m_server, token, body);
    const QString expiringToken = m_http.token(m_server.tokenUrl(), expiring.id, expiring.secret);
    QJsonObject shortBody = apiBody(u"Short token"_s);
    shortBody.insert(u"access_token_lifetime"_s, 60);
    const auto shortLived = createClient(m_http, m_server, token, shortBody);
    const QString shortToken = m_http.token(m_server.tokenUrl(), shortLived.id, shortLived.secret);

    const auto active = [&](const QString& access) {
        return introspect(access, m_server.adminClientId(), m_server.adminSecret())
            .object()
            .value(u"active"_s)
            .toBool();
    };
    QVERIFY(active(deletedToken));
    QVERIFY(active(expiringToken));
    QVERIFY(active(shortToken));

    QCOMPARE(m_http.del(m_server.url(u"/api/v1/clients/"_s + deleted.id), token).status, 204);
    QVERIFY(!active(deletedToken));

    m_server.clock().advance(60);
    QVERIFY(!active(shortToken)); // its own exp
    m_server.clock().advance(7 * 86400 + 40);
    QVERIFY(!active(expiringToken)); // its client expired (the token's exp is a day later)
}

void TestOAuthEndpoints::renewedSecretRetiresOldTokens()
{
    const QString token = admin();
    QJsonObject body = technicalBody(u"Renewed"_s, u"RENEWED"_s);
    body.insert(u"client_secret_expires_at"_s, m_server.clock().now() + 7 * 86400);
    const auto client = createClient(m_http, m_server, token, body);
    const QString before = m_http.token(m_server.tokenUrl(), client.id, client.secret);
    m_server.clock().advance(7 * 86400 + 1);
    const QString admin2 = admin();
    const auto extended
        = m_http.patchJson(m_server.url(u"/api/v1/clients/"_s + client.id),
                           QJsonObject{{u"client_secret_expires_at"_s, m_server.clock().now() + 30 * 86400}}, admin2);
    QCOMPARE(extended.status, 200);
    const QString secret = extended.object().value(u"client_secret"_s).toString();
    QVERIFY(!secret.isEmpty());
    QVERIFY(secret != client.secret);
    QVERIFY(m_http.token(m_server.tokenUrl(), client.id, client.secret).isEmpty());
    const QString after = m_http.token(m_server.tokenUrl(), client.id, secret);
    QVERIFY(!after.isEmpty());
    const auto old = introspect(before, m_server.adminClientId(), m_server.adminSecret());
    QCOMPARE(old.object().value(u"active"_s).toBool(true), false); // still within its exp, but retired
    QCOMPARE(introspect(after, client.id, secret).object().value(u"active"_s).toBool(), true);
}

void TestOAuthEndpoints::revocationOfOwnToken()
{
    const auto client = createClient(m_http, m_server, admin(), apiBody(u"Revoker"_s));
    const QString access = m_http.token(m_server.tokenUrl(), client.id, client.secret);
    QCOMPARE(introspect(access, client.id, client.secret).object().value(u"active"_s).toBool(), true);
    const auto reply = revoke(access, client.id, client.secret);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Cache-Control"), "no-store");
    QCOMPARE(introspect(access, client.id, client.secret).object().value(u"active"_s).toBool(true), false);
    // Revoking again, or revoking garbage, is fine (RFC 7009).
    QCOMPARE(revoke(access, client.id, client.secret).status, 200);
    QCOMPARE(revoke(u"garbage"_s, client.id, client.secret).status, 200);
    // A revoked administrator token no longer opens the management API.
    const QString adminAccess = admin();
    QCOMPARE(m_http.get(m_server.url(u"/api/v1/tenant"_s), adminAccess).status, 200);
    QCOMPARE(revoke(adminAccess, m_server.adminClientId(), m_server.adminSecret()).status, 200);
    const auto refused = m_http.get(m_server.url(u"/api/v1/tenant"_s), adminAccess);
    QCOMPARE(refused.status, 401);
    QVERIFY(refused.header("WWW-Authenticate").contains("invalid_token"));
}

void TestOAuthEndpoints::revocationOfOtherTokens()
{
    const QString token = admin();
    const auto owner = createClient(m_http, m_server, token, apiBody(u"Owner"_s));
    const auto stranger = createClient(m_http, m_server, token, apiBody(u"Stranger"_s));
    const QString access = m_http.token(m_server.tokenUrl(), owner.id, owner.secret);
    const auto refused = revoke(access, stranger.id, stranger.secret);
    QCOMPARE(refused.status, 400);
    QCOMPARE(refused.object().value(u"error"_s).toString(), u"unauthorized_client"_s);
    QCOMPARE(introspect(access, owner.id, owner.secret).object().value(u"active"_s).toBool(), true);
    QCOMPARE(revoke(access, m_server.adminClientId(), m_server.adminSecret()).status, 200);
    QCOMPARE(introspect(access, owner.id, owner.secret).object().value(u"active"_s).toBool(true), false);
}

void TestOAuthEndpoints::revocationSurvivesRestart()
{
    TestServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    HttpTestClient http;
    const auto client = createClient(http, server, adminToken(http, server), apiBody(u"Restart"_s));
    const QString revoked = http.token(server.tokenUrl(), client.id, client.secret);
    const QString kept = http.token(server.tokenUrl(), client.id, client.secret);
    QCOMPARE(http.postForm(server.url(u"/oauth/revoke"_s), {{u"token"_s, revoked}}, client.id, client.secret).status,
             200);
    QVERIFY2(server.restart(), qPrintable(server.errorString()));
    const auto check = [&](const QString& access) {
        return http.postForm(server.url(u"/oauth/introspect"_s), {{u"token"_s, access}}, client.id, client.secret)
            .object()
            .value(u"active"_s)
            .toBool();
    };
    QVERIFY(!check(revoked));
    QVERIFY(check(kept)); // the same signing key and issuer (restart() keeps the port)
}

APPINT_TEST_MAIN(TestOAuthEndpoints)
#include "TestOAuthEndpoints.moc"
