// docs/openapi.json against the running server: every route is documented,
// every documented operation exists and answers with a documented status and
// media type, and every $ref resolves.

#include "ServerTestSupport.h"
#include "TestMain.h"

#include "server/TenantServer.h"

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <functional>

using namespace Qt::StringLiterals;
using namespace appint::test;

namespace {

// A self-signed P-256 certificate (CN=fuzz-idp, valid for 100 years) for the
// identity provider calls.
const char* const IdpCertificate = "-----BEGIN CERTIFICATE-----\n"
                                   "MIIBfDCCASOgAwIBAgIUYw2veBboXIzgbTqkaBRA3dfoZ/0wCgYIKoZIzj0EAwIw\n"
                                   "EzERMA8GA1UEAwwIZnV6ei1pZHAwIBcNMjYxMjAyMTgwNDI5WhgPMjEyNjExMDgx\n"
                                   "ODA0MjlaMBMxETAPBgNVBAMMCGZ1enotaWRwMFkwEwYHKoZIzj0CAQYIKoZIzj0D\n"
                                   "AQcDQgAEJS74yZN6G+t6Ci6g+k4rItLoGMcFv4QWD19j54elg7D+ED+OqYTGBBZN\n"
                                   "h01vPOyU4xIskeTudepriVn/Wf6mTqNTMFEwHQYDVR0OBBYEFLxQE+87uLYYo/Gq\n"
                                   "EdZELI/DmeqjMB8GA1UdIwQYMBaAFLxQE+87uLYYo/GqEdZELI/DmeqjMA8GA1Ud\n"
                                   "EwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDRwAwRAIgSYIu68c4SkBHuhzVAqVDySeU\n"
                                   "t7mKs1CxE27gpW7m0N0CIEWIKfcLPjmPgVIhwPMvF35kFKZ2RQIlBNRWC3Uz/K25\n"
                                   "-----END CERTIFICATE-----\n";

} // namespace

class TestOpenApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void documentIsOpenApi3();
    void everyRouteIsDocumented();
    void everyDocumentedOperationIsServed();
    void everyDocumentedOperationAnswers();
    void referencesResolve();

private:
    QJsonObject operation(const QString& path, const QString& method) const;

    QJsonObject m_document;
    TestServer m_server{TestServer::Options{.demo = true}}; // with legacy clients
    HttpTestClient m_http;
};

void TestOpenApi::initTestCase()
{
    const QString path = qEnvironmentVariable("APPINT_SOURCE_DIR") + u"/docs/openapi.json"_s;
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    QJsonParseError error;
    m_document = QJsonDocument::fromJson(file.readAll(), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
}

QJsonObject TestOpenApi::operation(const QString& path, const QString& method) const
{
    return m_document[u"paths"_s][path][method.toLower()].toObject();
}

void TestOpenApi::documentIsOpenApi3()
{
    QVERIFY(m_document[u"openapi"_s].toString().startsWith(u"3."_s));
    QVERIFY(!m_document[u"info"_s][u"title"_s].toString().isEmpty());
    QVERIFY(m_document[u"paths"_s].toObject().size() >= 10);
}

void TestOpenApi::everyRouteIsDocumented()
{
    const auto routes = m_server.serverThread()->server()->routes();
    QVERIFY(routes.size() >= 10);
    for (const auto& route : routes) {
        for (const QString& method : route.methods) {
            QVERIFY2(!operation(route.pattern, method).isEmpty(),
                     qPrintable(u"not documented: "_s + method + u' ' + route.pattern));
        }
    }
}

void TestOpenApi::everyDocumentedOperationIsServed()
{
    QSet<QString> served;
    for (const auto& route : m_server.serverThread()->server()->routes()) {
        for (const QString& method : route.methods) {
            served.insert(method.toLower() + u' ' + route.pattern);
        }
    }
    const QJsonObject paths = m_document[u"paths"_s].toObject();
    for (auto path = paths.begin(); path != paths.end(); ++path) {
        const QJsonObject item = path.value().toObject();
        for (auto op = item.begin(); op != item.end(); ++op) {
            if (op.key() == u"parameters"_s) {
                continue;
            }
            QVERIFY2(served.contains(op.key() + u' ' + path.key()),
                     qPrintable(u"documented but not served: "_s + op.key() + u' ' + path.key()));
        }
    }
}

void TestOpenApi::everyDocumentedOperationAnswers()
{
    const QString admin = adminToken(m_http, m_server);
    const HttpHeaders bearer{{"Authorization", "Bearer " + admin.toLatin1()}};
    const HttpHeaders json{{"Authorization", "Bearer " + admin.toLatin1()}, {"Content-Type", "application/json"}};
    const auto client = createClient(m_http, m_server, admin, apiBody(u"Documented"_s));
    const QString clientToken = m_http.token(m_server.tokenUrl(), client.id, client.secret);
    const QByteArray basic = HttpTestClient::basic(client.id, client.secret);
    const HttpHeaders form{{"Authorization", basic}, {"Content-Type", "application/x-www-form-urlencoded"}};
    QString legacyId;
    for (const QJsonValue& item :
         m_http.get(m_server.url(u"/api/v1/clients"_s), admin).object()[u"items"_s].toArray()) {
        if (item[u"secret_retrievable"_s].toBool()) {
            legacyId = item[u"client_id"_s].toString();
        }
    }
    QVERIFY(!legacyId.isEmpty());
    const auto idpBody = [](const QString& entityId) {
        return QJsonDocument(QJsonObject{{u"name"_s, u"Doc IdP"_s},
                                         {u"entity_id"_s, entityId},
                                         {u"certificates"_s, QJsonArray{QString::fromLatin1(IdpCertificate)}}})
            .toJson();
    };
    const QString idpId = m_http
                              .send("POST", m_server.url(u"/api/v1/identity-providers"_s),
                                    idpBody(u"https://doc-idp.example.com"_s), json)
                              .object()[u"idp_id"_s]
                              .toString();
    QVERIFY(!idpId.isEmpty());
    // The sign-in page, and its form (whose tokens and cookie the POST needs).
    const auto interactive = createClient(m_http, m_server, admin, interactiveBody(u"Signing in"_s));
    const QString authorizePath = u"/oauth/authorize?response_type=code&client_id="_s + interactive.id
        + u"&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&state=s"
          "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"_s;
    const QString page = QString::fromUtf8(m_http.get(m_server.url(authorizePath)).body);
    const auto hidden = [&](const QString& name) {
        return QRegularExpression(u"name=\"%1\" value=\"([^\"]*)\""_s.arg(name)).match(page).captured(1).toLatin1();
    };
    const QByteArray signInForm = "request_id=" + hidden(u"request_id"_s) + "&form_token=" + hidden(u"form_token"_s)
        + "&user_name=NOBODY&password=wrong";
    const HttpHeaders scim{{"Authorization", "Bearer " + admin.toLatin1()}, {"Content-Type", "application/scim+json"}};
    const QByteArray scimUser = R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"DOC_USER",)"
                                R"("password":"a long enough password"})";
    const auto existingUser = m_http.send("POST", m_server.url(u"/scim/v2/Users"_s), scimUser, scim);
    QCOMPARE(existingUser.status, 201);
    const QString userPath = u"/scim/v2/Users/"_s + existingUser.object()[u"id"_s].toString();

    struct Call
    {
        QByteArray method;
        QString path;
        QByteArray body;
        HttpHeaders headers;
    };
    // One real request per documented operationId, in an order that works.
    const QList<QPair<QString, Call>> calls{
        {u"getMetadata"_s, {"GET", u"/.well-known/oauth-authorization-server"_s, {}, {}}},
        {u"getJwks"_s, {"GET", u"/oauth/jwks"_s, {}, {}}},
        {u"authorize"_s, {"GET", authorizePath, {}, {}}},
        {u"signIn"_s,
         {"POST", u"/oauth/authorize"_s, signInForm, {{"Content-Type", "application/x-www-form-urlencoded"}}}},
        {u"getSignInStylesheet"_s, {"GET", u"/oauth/signin.css"_s, {}, {}}},
        {u"token"_s, {"POST", u"/oauth/token"_s, "grant_type=client_credentials", form}},
        {u"introspect"_s, {"POST", u"/oauth/introspect"_s, "token=" + clientToken.toLatin1(), form}},
        {u"getTenant"_s, {"GET", u"/api/v1/tenant"_s, {}, bearer}},
        {u"createSpace"_s, {"POST", u"/api/v1/spaces"_s, R"({"space_id":"DOC","name":"Doc"})", json}},
        {u"listSpaces"_s, {"GET", u"/api/v1/spaces"_s, {}, bearer}},
        {u"createRole"_s,
         {"POST", u"/api/v1/roles"_s, R"({"role_id":"DOC_ROLE","name":"Doc","spaces":["DOC"]})", json}},
        {u"listRoles"_s, {"GET", u"/api/v1/roles"_s, {}, bearer}},
        {u"listClients"_s, {"GET", u"/api/v1/clients?q=doc&sort=-client_name&limit=10"_s, {}, bearer}},
        {u"createClient"_s, {"POST", u"/api/v1/clients"_s, QJsonDocument(apiBody(u"Created"_s)).toJson(), json}},
        {u"getClient"_s, {"GET", u"/api/v1/clients/"_s + client.id, {}, bearer}},
        {u"patchClient"_s,
         {"PATCH",
          u"/api/v1/clients/"_s + client.id,
          R"({"client_name":"Renamed"})",
          {{"Authorization", "Bearer " + admin.toLatin1()}, {"Content-Type", "application/merge-patch+json"}}}},
        {u"getClientSecret"_s, {"GET", u"/api/v1/clients/"_s + legacyId + u"/secret"_s, {}, bearer}},
        {u"getAuditActivities"_s, {"GET", u"/api/v1/audit/activities?format=csv"_s, {}, bearer}},
        {u"deleteRole"_s, {"DELETE", u"/api/v1/roles/DOC_ROLE"_s, {}, bearer}},
        {u"deleteSpace"_s, {"DELETE", u"/api/v1/spaces/DOC"_s, {}, bearer}},
        {u"revoke"_s, {"POST", u"/oauth/revoke"_s, "token=" + clientToken.toLatin1(), form}},
        {u"deleteClient"_s, {"DELETE", u"/api/v1/clients/"_s + client.id, {}, bearer}},
        {u"createIdentityProvider"_s,
         {"POST", u"/api/v1/identity-providers"_s, idpBody(u"https://doc-idp-2.example.com"_s), json}},
        {u"listIdentityProviders"_s, {"GET", u"/api/v1/identity-providers"_s, {}, bearer}},
        {u"getIdentityProvider"_s, {"GET", u"/api/v1/identity-providers/"_s + idpId, {}, bearer}},
        {u"deleteIdentityProvider"_s, {"DELETE", u"/api/v1/identity-providers/"_s + idpId, {}, bearer}},
        {u"getScimServiceProviderConfig"_s, {"GET", u"/scim/v2/ServiceProviderConfig"_s, {}, {}}},
        {u"listScimSchemas"_s, {"GET", u"/scim/v2/Schemas"_s, {}, {}}},
        {u"getScimSchema"_s, {"GET", u"/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User"_s, {}, {}}},
        {u"listScimResourceTypes"_s, {"GET", u"/scim/v2/ResourceTypes"_s, {}, {}}},
        {u"getScimResourceType"_s, {"GET", u"/scim/v2/ResourceTypes/User"_s, {}, {}}},
        {u"createScimUser"_s, {"POST", u"/scim/v2/Users"_s, QByteArray(scimUser).replace("DOC_USER", "DOC_NEW"), scim}},
        {u"listScimUsers"_s, {"GET", u"/scim/v2/Users?filter=userName%20sw%20%22DOC%22&count=5"_s, {}, bearer}},
        {u"getScimUser"_s, {"GET", userPath, {}, bearer}},
        {u"replaceScimUser"_s, {"PUT", userPath, scimUser, scim}},
        {u"patchScimUser"_s,
         {"PATCH", userPath,
          R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],)"
          R"("Operations":[{"op":"replace","path":"active","value":false}]})",
          scim}},
        {u"deleteScimUser"_s, {"DELETE", userPath, {}, bearer}},
    };

    QSet<QString> documentedIds;
    const QJsonObject paths = m_document[u"paths"_s].toObject();
    for (auto path = paths.begin(); path != paths.end(); ++path) {
        for (const QJsonValue& op : path.value().toObject()) {
            if (op.toObject().contains(u"operationId"_s)) {
                documentedIds.insert(op[u"operationId"_s].toString());
            }
        }
    }
    QSet<QString> called;
    for (const auto& [id, call] : calls) {
        called.insert(id);
        const QString templatePath = [&] {
            for (auto path = paths.begin(); path != paths.end(); ++path) {
                for (const QJsonValue& op : path.value().toObject()) {
                    if (op[u"operationId"_s].toString() == id) {
                        return path.key();
                    }
                }
            }
            return QString();
        }();
        QVERIFY2(!templatePath.isEmpty(), qPrintable(u"no documented operation "_s + id));
        const QJsonObject op = operation(templatePath, QString::fromLatin1(call.method));
        QCOMPARE(op[u"operationId"_s].toString(), id);

        const auto reply = m_http.send(call.method, m_server.url(call.path), call.body, call.headers);
        QVERIFY2(
            reply.status >= 200 && reply.status < 300,
            qPrintable(id + u" answered "_s + QString::number(reply.status) + u": "_s + QString::fromUtf8(reply.body)));
        const QJsonObject response = op[u"responses"_s][QString::number(reply.status)].toObject();
        QVERIFY2(!response.isEmpty(), qPrintable(id + u": status not documented: "_s + QString::number(reply.status)));
        const QJsonObject content = response[u"content"_s].toObject();
        if (reply.body.isEmpty()) {
            QVERIFY2(content.isEmpty() || reply.status == 200, qPrintable(id));
        } else {
            const QString type = QString::fromLatin1(reply.header("Content-Type").split(';').first());
            QVERIFY2(content.contains(type), qPrintable(id + u": media type not documented: "_s + type));
        }
        for (const QString& header : response[u"headers"_s].toObject().keys()) {
            QVERIFY2(!reply.header(header.toLatin1()).isEmpty(), qPrintable(id + u": header missing: "_s + header));
        }
        // The documented error answers hold too: an unauthenticated call.
        const QJsonObject responses = op[u"responses"_s].toObject();
        const bool oauth = templatePath.startsWith(u"/oauth/"_s) || templatePath.startsWith(u"/.well-known"_s);
        // Operations documented with "security": [] need no token.
        const bool open = op.contains(u"security"_s) && op[u"security"_s].toArray().isEmpty();
        if (!oauth && !open) {
            const auto anonymous = m_http.send(call.method, m_server.url(call.path), call.body,
                                               {{"Content-Type", call.headers.value(1).second}});
            QCOMPARE(anonymous.status, 401);
            QVERIFY2(responses.contains(u"401"_s), qPrintable(id));
        }
        // A method the path does not serve.
        const QJsonObject documentedPath = paths.value(templatePath).toObject();
        QByteArray unserved = "PUT";
        for (const QByteArray candidate : {"PUT", "POST", "PATCH", "DELETE"}) {
            if (!documentedPath.contains(QString::fromLatin1(candidate).toLower())) {
                unserved = candidate;
                break;
            }
        }
        const auto wrongMethod = m_http.send(unserved, m_server.url(call.path), {}, call.headers);
        QCOMPARE(wrongMethod.status, 405);
        QVERIFY2(responses.contains(u"405"_s), qPrintable(id));
    }
    QCOMPARE(called, documentedIds);
}

void TestOpenApi::referencesResolve()
{
    QStringList refs;
    std::function<void(const QJsonValue&)> collect = [&](const QJsonValue& value) {
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            for (auto it = object.begin(); it != object.end(); ++it) {
                if (it.key() == u"$ref"_s) {
                    refs.append(it.value().toString());
                } else {
                    collect(it.value());
                }
            }
        } else if (value.isArray()) {
            for (const QJsonValue& item : value.toArray()) {
                collect(item);
            }
        }
    };
    collect(m_document);
    QVERIFY(refs.size() > 20);
    for (const QString& ref : std::as_const(refs)) {
        QVERIFY2(ref.startsWith(u"#/"_s), qPrintable(ref));
        QJsonValue node = m_document;
        for (const QString& part : ref.mid(2).split(u'/')) {
            node = node.toObject().value(part);
        }
        QVERIFY2(node.isObject(), qPrintable(u"does not resolve: "_s + ref));
    }
}

APPINT_TEST_MAIN(TestOpenApi)
#include "TestOpenApi.moc"
