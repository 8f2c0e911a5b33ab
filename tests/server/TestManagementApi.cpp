// The management API over real HTTP: administrator checks, tenant, roles,
// spaces, clients (create, read, search, merge-patch, expiry and renewal,
// delete, legacy secrets) and the audit log.

#include "ServerTestSupport.h"
#include "TestMain.h"

#include <QDateTime>
#include <QJsonArray>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace appint::test;

namespace {
QStringList fieldsOf(const HttpTestReply& reply)
{
    QStringList fields;
    for (const QJsonValue& error : reply.object().value(u"errors"_s).toArray()) {
        fields.append(error.toObject().value(u"field"_s).toString());
    }
    return fields;
}

bool isProblem(const HttpTestReply& reply, int status)
{
    const QJsonObject problem = reply.object();
    return reply.status == status && reply.header("Content-Type").startsWith("application/problem+json")
        && problem.value(u"status"_s).toInt() == status && !problem.value(u"title"_s).toString().isEmpty()
        && !problem.value(u"detail"_s).toString().isEmpty() && problem.contains(u"type"_s);
}
} // namespace

class TestManagementApi : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void requiresAdministratorToken_data();
    void requiresAdministratorToken();
    void nonAdministratorIsForbidden();
    void adminRightsAreCheckedAtRequestTime();
    void tenantInformation();

    void standardRoles();
    void scopedRoleLifecycle();
    void roleErrors();
    void spaceLifecycle();
    void spaceErrors();

    void createClientsOfEveryPurpose();
    void createValidation_data();
    void createValidation();
    void duplicateUserIdIsConflict();
    void getClientNeverShowsSecret();
    void listSearchFilterSortPage();
    void listQueryErrors_data();
    void listQueryErrors();
    void listQueryPlusAndSpace();

    void patchMergesFields();
    void patchValidation();
    void patchActiveExpiryKeepsSecret();
    void expiredClientOnlyExtends();
    void patchMediaTypes();

    void legacySecretCanBeShown();
    void deleteClient();
    void lastAdministratorIsKept();
    void expiredAdministratorsDoNotCount();

    void auditLogJsonAndCsv();
    void auditQueryErrors();

private:
    QUrl api(const QString& path) const { return m_server->url(u"/api/v1"_s + path); }
    // Activates or deactivates the bootstrap user TENANT_ADMIN over SCIM;
    // returns the answer's status.
    int setBootstrapUserActive(bool active);

    std::unique_ptr<TestServer> m_server;
    HttpTestClient m_http;
    QString m_token;
};

void TestManagementApi::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    m_token = adminToken(m_http, *m_server);
    QVERIFY(!m_token.isEmpty());
}

void TestManagementApi::cleanup()
{
    m_server.reset();
}

void TestManagementApi::requiresAdministratorToken_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<bool>("invalidToken");
    QTest::newRow("none") << QByteArray() << false;
    QTest::newRow("basic") << QByteArray("Basic YTpi") << false;
    QTest::newRow("bearer without token") << QByteArray("Bearer") << false;
    QTest::newRow("garbage") << QByteArray("Bearer abc.def.ghi") << true;
    QTest::newRow("not a jwt") << QByteArray("Bearer hello") << true;
    // Just under the 64 KiB header limit (beyond it the edge answers 431).
    QTest::newRow("huge") << QByteArray("Bearer " + QByteArray(60000, 'a')) << true;
}

void TestManagementApi::requiresAdministratorToken()
{
    QFETCH(QByteArray, authorization);
    QFETCH(bool, invalidToken);
    HttpHeaders headers;
    if (!authorization.isEmpty()) {
        headers.append({"Authorization", authorization});
    }
    const auto reply = m_http.send("GET", api(u"/clients"_s), {}, headers);
    QVERIFY(isProblem(reply, 401));
    QVERIFY(reply.header("WWW-Authenticate").startsWith("Bearer realm="));
    QCOMPARE(reply.header("WWW-Authenticate").contains("invalid_token"), invalidToken);

    // An expired administrator token is refused too.
    m_server->clock().advance(86400);
    const auto expired = m_http.get(api(u"/tenant"_s), m_token);
    QVERIFY(isProblem(expired, 401));
    QVERIFY(expired.header("WWW-Authenticate").contains("invalid_token"));
}

void TestManagementApi::nonAdministratorIsForbidden()
{
    const auto viewer = createClient(m_http, *m_server, m_token, technicalBody(u"Viewer"_s, u"VIEWER"_s));
    const auto api_ = createClient(m_http, *m_server, m_token, apiBody(u"SCIM"_s));
    for (const auto& client : {viewer, api_}) {
        const QString token = m_http.token(m_server->tokenUrl(), client.id, client.secret);
        QVERIFY(!token.isEmpty());
        const auto reply = m_http.get(api(u"/clients"_s), token);
        QVERIFY(isProblem(reply, 403));
        QCOMPARE(
            m_http.postJson(api(u"/spaces"_s), QJsonObject{{u"space_id"_s, u"X"_s}, {u"name"_s, u"X"_s}}, token).status,
            403);
    }
    QCOMPARE(m_http.get(api(u"/spaces"_s), m_token).array().size(), 0); // nothing was created
}

void TestManagementApi::adminRightsAreCheckedAtRequestTime()
{
    const auto second = createClient(m_http, *m_server, m_token,
                                     technicalBody(u"Second admin"_s, u"ADMIN2"_s, roleList({u"DW_ADMINISTRATOR"_s})));
    QCOMPARE(second.status, 201);
    const QString token = m_http.token(m_server->tokenUrl(), second.id, second.secret);
    QCOMPARE(m_http.get(api(u"/tenant"_s), token).status, 200);

    // Demoted: the same token is now forbidden.
    const auto demoted = m_http.patchJson(api(u"/clients/"_s + second.id),
                                          QJsonObject{{u"roles"_s, roleList({u"DW_VIEWER"_s})}}, m_token);
    QCOMPARE(demoted.status, 200);
    QCOMPARE(m_http.get(api(u"/tenant"_s), token).status, 403);

    // Promoted again, then deleted: the token no longer counts.
    QCOMPARE(m_http
                 .patchJson(api(u"/clients/"_s + second.id),
                            QJsonObject{{u"roles"_s, roleList({u"DW_ADMINISTRATOR"_s})}}, m_token)
                 .status,
             200);
    QCOMPARE(m_http.get(api(u"/tenant"_s), token).status, 200);
    QCOMPARE(m_http.del(api(u"/clients/"_s + second.id), m_token).status, 204);
    QVERIFY(isProblem(m_http.get(api(u"/tenant"_s), token), 401));
}

void TestManagementApi::tenantInformation()
{
    const auto reply = m_http.get(api(u"/tenant"_s), m_token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Cache-Control"), "no-store");
    const QJsonObject tenant = reply.object();
    const QString issuer = m_server->baseUrl().toString();
    QCOMPARE(tenant.value(u"tenant_name"_s).toString(), u"Test tenant"_s);
    QCOMPARE(tenant.value(u"issuer"_s).toString(), issuer);
    QCOMPARE(tenant.value(u"token_url"_s).toString(), issuer + u"/oauth/token"_s);
    QCOMPARE(tenant.value(u"authorization_url"_s).toString(), issuer + u"/oauth/authorize"_s);
    QVERIFY(tenant.value(u"saml_token_url"_s).toString().startsWith(issuer));
    QVERIFY(!tenant.value(u"saml_audience"_s).toString().isEmpty());
    const auto wrong
        = m_http.send("POST", api(u"/tenant"_s), "{}",
                      {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + m_token.toLatin1()}});
    QVERIFY(isProblem(wrong, 405));
    QCOMPARE(wrong.header("Allow"), "GET");
}

void TestManagementApi::standardRoles()
{
    const QJsonArray roles = m_http.get(api(u"/roles"_s), m_token).array();
    QStringList ids;
    for (const QJsonValue& role : roles) {
        ids.append(role[u"role_id"_s].toString());
        QCOMPARE(role[u"scope"_s].toString(), u"global"_s);
        QVERIFY(!role[u"name"_s].toString().isEmpty());
        QVERIFY(!role.toObject().contains(u"spaces"_s));
    }
    QCOMPARE(ids,
             (QStringList{u"DW_ADMINISTRATOR"_s, u"DW_SPACE_ADMINISTRATOR"_s, u"DW_INTEGRATOR"_s, u"DW_MODELER"_s,
                          u"DW_VIEWER"_s, u"DW_CONSUMER"_s}));
    for (const QString& id : std::as_const(ids)) {
        QVERIFY(isProblem(m_http.del(api(u"/roles/"_s + id), m_token), 403));
    }
}

void TestManagementApi::scopedRoleLifecycle()
{
    for (const QString& space : {u"SALES"_s, u"MARKETING"_s}) {
        QCOMPARE(
            m_http.postJson(api(u"/spaces"_s), QJsonObject{{u"space_id"_s, space}, {u"name"_s, space}}, m_token).status,
            201);
    }
    const QJsonObject body{{u"role_id"_s, u"SALES_MODELER"_s},
                           {u"name"_s, u"Sales Modeler"_s},
                           {u"description"_s, u"Models sales data."_s},
                           {u"scope"_s, u"scoped"_s},
                           {u"spaces"_s, QJsonArray{u"SALES"_s, u"MARKETING"_s}}};
    const auto created = m_http.postJson(api(u"/roles"_s), body, m_token);
    QCOMPARE(created.status, 201);
    QCOMPARE(created.header("Location"), "/api/v1/roles/SALES_MODELER");
    QCOMPARE(created.object(), body);
    QCOMPARE(m_http.get(api(u"/roles"_s), m_token).array().last().toObject(), body);

    // Held by a client: 409 until the client lets go.
    QJsonArray roles{QJsonObject{{u"role_id"_s, u"SALES_MODELER"_s}, {u"spaces"_s, QJsonArray{u"SALES"_s}}}};
    const auto holder = createClient(m_http, *m_server, m_token, technicalBody(u"Holder"_s, u"HOLDER"_s, roles));
    QCOMPARE(holder.status, 201);
    const auto held = m_http.del(api(u"/roles/SALES_MODELER"_s), m_token);
    QVERIFY(isProblem(held, 409));
    QCOMPARE(fieldsOf(held), QStringList{u"role_id"_s});
    // A space used by the role cannot go either.
    QVERIFY(isProblem(m_http.del(api(u"/spaces/SALES"_s), m_token), 409));

    QCOMPARE(
        m_http
            .patchJson(api(u"/clients/"_s + holder.id), QJsonObject{{u"roles"_s, roleList({u"DW_VIEWER"_s})}}, m_token)
            .status,
        200);
    QCOMPARE(m_http.del(api(u"/roles/SALES_MODELER"_s), m_token).status, 204);
    QVERIFY(isProblem(m_http.del(api(u"/roles/SALES_MODELER"_s), m_token), 404));
    QCOMPARE(m_http.get(api(u"/roles"_s), m_token).array().size(), 6);
    QCOMPARE(m_http.del(api(u"/spaces/SALES"_s), m_token).status, 204);
}

void TestManagementApi::roleErrors()
{
    QCOMPARE(
        m_http.postJson(api(u"/spaces"_s), QJsonObject{{u"space_id"_s, u"HR"_s}, {u"name"_s, u"HR"_s}}, m_token).status,
        201);
    const auto invalid = m_http.postJson(api(u"/roles"_s),
                                         QJsonObject{{u"role_id"_s, u"bad id!"_s},
                                                     {u"name"_s, u""_s},
                                                     {u"scope"_s, u"global"_s},
                                                     {u"spaces"_s, QJsonArray{u"NOPE"_s}},
                                                     {u"extra"_s, 1}},
                                         m_token);
    QVERIFY(isProblem(invalid, 422));
    const QStringList fields = fieldsOf(invalid);
    for (const QString& field : {u"role_id"_s, u"name"_s, u"scope"_s, u"spaces"_s, u"extra"_s}) {
        QVERIFY2(fields.contains(field), qPrintable(field));
    }
    const QJsonObject good{
        {u"role_id"_s, u"HR_VIEWER"_s}, {u"name"_s, u"HR Viewer"_s}, {u"spaces"_s, QJsonArray{u"HR"_s}}};
    QCOMPARE(m_http.postJson(api(u"/roles"_s), good, m_token).status, 201);
    const auto duplicate = m_http.postJson(api(u"/roles"_s), good, m_token);
    QVERIFY(isProblem(duplicate, 409));
    QCOMPARE(fieldsOf(duplicate), QStringList{u"role_id"_s});
    const auto standard = m_http.postJson(
        api(u"/roles"_s),
        QJsonObject{{u"role_id"_s, u"DW_VIEWER"_s}, {u"name"_s, u"Viewer"_s}, {u"spaces"_s, QJsonArray{u"HR"_s}}},
        m_token);
    QVERIFY(isProblem(standard, 409));
    const auto wrongMethod = m_http.get(api(u"/roles/HR_VIEWER"_s), m_token);
    QVERIFY(isProblem(wrongMethod, 405));
    QCOMPARE(wrongMethod.header("Allow"), "DELETE");
}

void TestManagementApi::spaceLifecycle()
{
    const auto created = m_http.postJson(
        api(u"/spaces"_s), QJsonObject{{u"space_id"_s, u"FINANCE"_s}, {u"name"_s, u" Finance "_s}}, m_token);
    QCOMPARE(created.status, 201);
    QCOMPARE(created.header("Location"), "/api/v1/spaces/FINANCE");
    QCOMPARE(created.object(), (QJsonObject{{u"space_id"_s, u"FINANCE"_s}, {u"name"_s, u"Finance"_s}}));
    QCOMPARE(m_http.get(api(u"/spaces"_s), m_token).array(), QJsonArray{created.object()});
    QCOMPARE(m_http.del(api(u"/spaces/FINANCE"_s), m_token).status, 204);
    QCOMPARE(m_http.get(api(u"/spaces"_s), m_token).array(), QJsonArray());
}

void TestManagementApi::spaceErrors()
{
    const auto invalid
        = m_http.postJson(api(u"/spaces"_s), QJsonObject{{u"space_id"_s, u"lower"_s}, {u"name"_s, 5}}, m_token);
    QVERIFY(isProblem(invalid, 422));
    QCOMPARE(fieldsOf(invalid), (QStringList{u"space_id"_s, u"name"_s}));
    const auto tooLong = m_http.postJson(
        api(u"/spaces"_s), QJsonObject{{u"space_id"_s, QString(21, u'A')}, {u"name"_s, u"Long"_s}}, m_token);
    QVERIFY(isProblem(tooLong, 422));
    QCOMPARE(
        m_http
            .postJson(api(u"/spaces"_s), QJsonObject{{u"space_id"_s, QString(20, u'A')}, {u"name"_s, u"A"_s}}, m_token)
            .status,
        201);
    QVERIFY(
        isProblem(m_http.postJson(api(u"/spaces"_s),
                                  QJsonObject{{u"space_id"_s, QString(20, u'A')}, {u"name"_s, u"Again"_s}}, m_token),
                  409));
    QVERIFY(isProblem(m_http.del(api(u"/spaces/NOPE"_s), m_token), 404));
}

void TestManagementApi::createClientsOfEveryPurpose()
{
    const qint64 now = m_server->clock().now();
    const auto technical = createClient(m_http, *m_server, m_token, technicalBody(u" Nightly load "_s, u"NIGHTLY"_s));
    QCOMPARE(technical.status, 201);
    QCOMPARE(technical.json.value(u"client_name"_s).toString(), u"Nightly load"_s); // trimmed
    QCOMPARE(technical.json.value(u"grant_types"_s).toArray(), QJsonArray{u"client_credentials"_s});
    QCOMPARE(technical.json.value(u"access_token_lifetime"_s).toInteger(), 86400);
    QCOMPARE(technical.json.value(u"refresh_token_lifetime"_s).toInteger(), 0);
    QCOMPARE(technical.json.value(u"client_secret_expires_at"_s).toInteger(),
             QDateTime::fromSecsSinceEpoch(now, Qt::UTC).addMonths(3).toSecsSinceEpoch());
    QCOMPARE(technical.json.value(u"client_id_issued_at"_s).toInteger(), now);
    QCOMPARE(technical.json.value(u"status"_s).toString(), u"active"_s);
    QCOMPARE(technical.json.value(u"secret_retrievable"_s).toBool(true), false);
    QCOMPARE(technical.secret.size(), 43);

    const auto apiClient = createClient(m_http, *m_server, m_token, apiBody(u"SCIM"_s));
    QCOMPARE(apiClient.status, 201);
    QCOMPARE(apiClient.json.value(u"access_token_lifetime"_s).toInteger(), 3600);
    QCOMPARE(apiClient.json.value(u"refresh_token_lifetime"_s).toInteger(), 2592000);
    QCOMPARE(apiClient.json.value(u"client_secret_expires_at"_s).toInteger(), 0);
    QCOMPARE(apiClient.json.value(u"user_id"_s), QJsonValue(QJsonValue::Null));

    const auto interactive
        = createClient(m_http, *m_server, m_token, interactiveBody(u"CLI"_s, u"http://localhost:8080/**"_s));
    QCOMPARE(interactive.status, 201);
    QCOMPARE(interactive.json.value(u"grant_types"_s).toArray(),
             (QJsonArray{u"authorization_code"_s, u"refresh_token"_s}));

    const auto created = m_http.postJson(api(u"/clients"_s), apiBody(u"Located"_s), m_token);
    QCOMPARE(created.header("Location"),
             "/api/v1/clients/" + created.object().value(u"client_id"_s).toString().toLatin1());
    QCOMPARE(created.header("Cache-Control"), "no-store");
    QVERIFY(technical.id != apiClient.id);
}

void TestManagementApi::createValidation_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QStringList>("fields");
    QTest::newRow("no purpose") << QJsonObject{{u"client_name"_s, u"A"_s}} << QStringList{u"purpose"_s};
    QTest::newRow("unknown purpose") << QJsonObject{{u"client_name"_s, u"A"_s}, {u"purpose"_s, u"robot"_s}}
                                     << QStringList{u"purpose"_s};
    QJsonObject emptyName = apiBody(u"   "_s);
    QTest::newRow("blank name") << emptyName << QStringList{u"client_name"_s};
    QTest::newRow("long name") << apiBody(QString(101, u'n')) << QStringList{u"client_name"_s};
    QTest::newRow("bad user id") << technicalBody(u"T"_s, u"lower_case"_s) << QStringList{u"user_id"_s};
    QTest::newRow("no roles") << technicalBody(u"T"_s, u"T1"_s, QJsonArray()) << QStringList{u"roles"_s};
    QTest::newRow("unknown role") << technicalBody(u"T"_s, u"T2"_s, roleList({u"NOPE"_s})) << QStringList{u"roles"_s};
    QTest::newRow("roles not objects") << technicalBody(u"T"_s, u"T3"_s, QJsonArray{u"DW_VIEWER"_s})
                                       << QStringList{u"roles"_s};
    QTest::newRow("no access") << apiBody(u"A"_s, {}) << QStringList{u"access"_s};
    QTest::newRow("relative redirect") << interactiveBody(u"I"_s, u"/callback"_s) << QStringList{u"redirect_uris"_s};
    QJsonObject lifetime = technicalBody(u"T"_s, u"T4"_s);
    lifetime.insert(u"access_token_lifetime"_s, 3599);
    QTest::newRow("short technical token") << lifetime << QStringList{u"access_token_lifetime"_s};
    QJsonObject expiry = technicalBody(u"T"_s, u"T5"_s);
    expiry.insert(u"client_secret_expires_at"_s, 1'750'000'000 + 6 * 86400);
    QTest::newRow("expiry too soon") << expiry << QStringList{u"client_secret_expires_at"_s};
    QJsonObject wrongType = apiBody(u"A"_s);
    wrongType.insert(u"access_token_lifetime"_s, u"3600"_s);
    QTest::newRow("string lifetime") << wrongType << QStringList{u"access_token_lifetime"_s};
    QJsonObject readOnly = apiBody(u"A"_s);
    readOnly.insert(u"client_id"_s, u"mine"_s);
    readOnly.insert(u"client_secret"_s, u"chosen"_s);
    QTest::newRow("read-only fields") << readOnly << QStringList{u"client_id"_s, u"client_secret"_s};
    QJsonObject unknown = apiBody(u"A"_s);
    unknown.insert(u"colour"_s, u"red"_s);
    QTest::newRow("unknown field") << unknown << QStringList{u"colour"_s};
    QJsonObject foreign = apiBody(u"A"_s);
    foreign.insert(u"user_id"_s, u"NOT_FOR_API"_s);
    QTest::newRow("field of another purpose") << foreign << QStringList{u"user_id"_s};
}

void TestManagementApi::createValidation()
{
    QFETCH(QJsonObject, body);
    QFETCH(QStringList, fields);
    const auto reply = m_http.postJson(api(u"/clients"_s), body, m_token);
    QVERIFY2(isProblem(reply, 422), reply.body.constData());
    QStringList actual = fieldsOf(reply);
    actual.removeDuplicates();
    actual.sort();
    fields.sort();
    QCOMPARE(actual, fields);
    for (const QJsonValue& error : reply.object().value(u"errors"_s).toArray()) {
        QVERIFY(!error[u"message"_s].toString().isEmpty());
    }
    QCOMPARE(m_http.get(api(u"/clients"_s), m_token).object().value(u"total"_s).toInt(), 1); // only the admin
}

void TestManagementApi::duplicateUserIdIsConflict()
{
    QCOMPARE(createClient(m_http, *m_server, m_token, technicalBody(u"One"_s, u"SHARED"_s)).status, 201);
    const auto reply = m_http.postJson(api(u"/clients"_s), technicalBody(u"Two"_s, u"SHARED"_s), m_token);
    QVERIFY(isProblem(reply, 409));
    QCOMPARE(fieldsOf(reply), QStringList{u"user_id"_s});
    // The bootstrap administrator's user ID is taken too.
    QVERIFY(isProblem(m_http.postJson(api(u"/clients"_s), technicalBody(u"Three"_s, u"ADMIN"_s), m_token), 409));
    QCOMPARE(m_http.get(api(u"/clients"_s), m_token).object().value(u"total"_s).toInt(), 2);
}

void TestManagementApi::getClientNeverShowsSecret()
{
    const auto client = createClient(m_http, *m_server, m_token, apiBody(u"Secretive"_s));
    const auto reply = m_http.get(api(u"/clients/"_s + client.id), m_token);
    QCOMPARE(reply.status, 200);
    QVERIFY(!reply.object().contains(u"client_secret"_s));
    QVERIFY(!reply.body.contains(client.secret.toLatin1()));
    QJsonObject expected = client.json;
    expected.remove(u"client_secret"_s);
    QCOMPARE(reply.object(), expected);
    QVERIFY(isProblem(m_http.get(api(u"/clients/cl-nothing"_s), m_token), 404));
}

void TestManagementApi::listSearchFilterSortPage()
{
    const qint64 now = m_server->clock().now();
    QJsonObject soon = technicalBody(u"Alpha soon"_s, u"ALPHA_SOON"_s);
    soon.insert(u"client_secret_expires_at"_s, now + 10 * 86400);
    QJsonObject later = technicalBody(u"beta later"_s, u"BETA_LATER"_s);
    later.insert(u"client_secret_expires_at"_s, now + 30 * 86400);
    QJsonObject soonest = technicalBody(u"Gamma gone"_s, u"GAMMA_GONE"_s);
    soonest.insert(u"client_secret_expires_at"_s, now + 7 * 86400);
    for (const QJsonObject& body : {soon, later, soonest, apiBody(u"delta api"_s), interactiveBody(u"Epsilon app"_s)}) {
        QCOMPARE(createClient(m_http, *m_server, m_token, body).status, 201);
    }
    m_server->clock().advance(7 * 86400); // Gamma expires, Alpha is within 14 days, beta is not
    m_token = adminToken(m_http, *m_server);

    const auto names = [&](const QString& query) {
        const auto reply = m_http.get(m_server->url(u"/api/v1/clients?"_s + query), m_token);
        QStringList list;
        for (const QJsonValue& item : reply.object().value(u"items"_s).toArray()) {
            list.append(item[u"client_name"_s].toString());
        }
        return list;
    };
    const auto total = [&](const QString& query) {
        return m_http.get(m_server->url(u"/api/v1/clients?"_s + query), m_token).object().value(u"total"_s).toInt();
    };
    QCOMPARE(names(QString()),
             (QStringList{u"Alpha soon"_s, u"beta later"_s, u"Bootstrap administrator"_s, u"delta api"_s,
                          u"Epsilon app"_s, u"Gamma gone"_s}));
    QCOMPARE(names(u"sort=-client_name&limit=2"_s), (QStringList{u"Gamma gone"_s, u"Epsilon app"_s}));
    QCOMPARE(total(u"sort=-client_name&limit=2"_s), 6);
    QCOMPARE(names(u"offset=4&limit=10"_s), (QStringList{u"Epsilon app"_s, u"Gamma gone"_s}));
    QCOMPARE(names(u"offset=100"_s), QStringList());
    QCOMPARE(total(u"offset=100"_s), 6);
    QCOMPARE(names(u"limit=0"_s), QStringList());
    QCOMPARE(names(u"q=ALPHA"_s), QStringList{u"Alpha soon"_s}); // name, case-insensitive
    QCOMPARE(names(u"q=beta_l"_s), QStringList{u"beta later"_s}); // user_id
    QCOMPARE(names(u"purpose=technical&sort=user_id"_s),
             (QStringList{u"Bootstrap administrator"_s, u"Alpha soon"_s, u"beta later"_s, u"Gamma gone"_s}));
    QCOMPARE(names(u"status=expired"_s), QStringList{u"Gamma gone"_s});
    QCOMPARE(names(u"status=expiring"_s), QStringList{u"Alpha soon"_s});
    QCOMPARE(total(u"status=active"_s), 5);
    QCOMPARE(names(u"purpose=api"_s), QStringList{u"delta api"_s});
    QCOMPARE(names(u"sort=client_secret_expires_at&purpose=technical&limit=1"_s), QStringList{u"Gamma gone"_s});
    const auto items
        = m_http.get(m_server->url(u"/api/v1/clients?status=expired"_s), m_token).object().value(u"items"_s).toArray();
    QCOMPARE(items.at(0)[u"status"_s].toString(), u"expired"_s);
    QVERIFY(!items.at(0).toObject().contains(u"client_secret"_s));

    const QString id = m_http.get(m_server->url(u"/api/v1/clients?q=delta"_s), m_token)
                           .object()
                           .value(u"items"_s)
                           .toArray()
                           .at(0)[u"client_id"_s]
                           .toString();
    QCOMPARE(names(u"q="_s + id.mid(3, 10).toUpper()), QStringList{u"delta api"_s}); // client_id
}

void TestManagementApi::listQueryErrors_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("field");
    QTest::newRow("limit over 5000") << u"limit=5001"_s << u"limit"_s;
    QTest::newRow("negative offset") << u"offset=-1"_s << u"offset"_s;
    QTest::newRow("text limit") << u"limit=ten"_s << u"limit"_s;
    QTest::newRow("unknown sort") << u"sort=secret"_s << u"sort"_s;
    QTest::newRow("unknown status") << u"status=sleeping"_s << u"status"_s;
    QTest::newRow("unknown purpose") << u"purpose=robot"_s << u"purpose"_s;
    QTest::newRow("unknown parameter") << u"colour=red"_s << u"colour"_s;
    QTest::newRow("repeated") << u"q=a&q=b"_s << u"q"_s;
    QTest::newRow("huge q") << u"q="_s + QString(60000, u'x') << u"q"_s;
}

void TestManagementApi::listQueryErrors()
{
    QFETCH(QString, query);
    QFETCH(QString, field);
    const auto reply = m_http.get(m_server->url(u"/api/v1/clients?"_s + query), m_token);
    QVERIFY2(isProblem(reply, 400), reply.body.left(300).constData());
    QVERIFY(fieldsOf(reply).contains(field));
}

void TestManagementApi::listQueryPlusAndSpace()
{
    QCOMPARE(createClient(m_http, *m_server, m_token, apiBody(u"C++ tools"_s)).status, 201);
    QCOMPARE(createClient(m_http, *m_server, m_token, apiBody(u"C tools"_s)).status, 201);
    const auto names = [&](const QByteArray& rawQuery) {
        QUrl url = m_server->url(u"/api/v1/clients"_s);
        url.setQuery(QString::fromLatin1(rawQuery), QUrl::StrictMode);
        QStringList list;
        for (const QJsonValue& item : m_http.get(url, m_token).object().value(u"items"_s).toArray()) {
            list.append(item[u"client_name"_s].toString());
        }
        return list;
    };
    QCOMPARE(names("q=C%2B%2B"), QStringList{u"C++ tools"_s}); // %2B is a plus sign
    QCOMPARE(names("q=C+tools"), QStringList{u"C tools"_s}); // + is a space
    QCOMPARE(names("q=C%20tools"), QStringList{u"C tools"_s});
    QCOMPARE(names("q=%2B%2B+tools"), QStringList{u"C++ tools"_s});
    QCOMPARE(createClient(m_http, *m_server, m_token, apiBody(u"100% sure"_s)).status, 201);
    QCOMPARE(names("q=100%25"), QStringList{u"100% sure"_s});
    // An isolated '%' makes the server read every '%' literally (QUrl's
    // tolerant reading); QNetworkAccessManager would not send it as is.
    const auto raw = rawRequest(m_server->baseUrl(),
                                "GET /api/v1/clients?q=0%+s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                                    + m_token.toLatin1() + "\r\n\r\n");
    QCOMPARE(raw.status, 200);
    QCOMPARE(raw.object().value(u"total"_s).toInt(), 1);
}

void TestManagementApi::patchMergesFields()
{
    QCOMPARE(
        m_http.postJson(api(u"/spaces"_s), QJsonObject{{u"space_id"_s, u"S1"_s}, {u"name"_s, u"S1"_s}}, m_token).status,
        201);
    QCOMPARE(
        m_http
            .postJson(api(u"/roles"_s),
                      QJsonObject{{u"role_id"_s, u"R1"_s}, {u"name"_s, u"R1"_s}, {u"spaces"_s, QJsonArray{u"S1"_s}}},
                      m_token)
            .status,
        201);
    QJsonObject body = technicalBody(u"Patch me"_s, u"PATCH_ME"_s);
    body.insert(u"access_token_lifetime"_s, 7200);
    const auto client = createClient(m_http, *m_server, m_token, body);
    QJsonArray roles = roleList({u"DW_INTEGRATOR"_s});
    roles.append(QJsonObject{{u"role_id"_s, u"R1"_s}, {u"spaces"_s, QJsonArray{u"S1"_s}}});
    const auto reply = m_http.patchJson(api(u"/clients/"_s + client.id),
                                        QJsonObject{{u"client_name"_s, u"Patched"_s},
                                                    {u"roles"_s, roles},
                                                    {u"access_token_lifetime"_s, QJsonValue::Null},
                                                    {u"client_id"_s, client.id}, // read-only, same value
                                                    {u"user_id"_s, u"PATCH_ME"_s}}, // same value
                                        m_token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Cache-Control"), "no-store");
    QJsonObject expected = client.json;
    expected.remove(u"client_secret"_s);
    expected.insert(u"client_name"_s, u"Patched"_s);
    expected.insert(u"roles"_s, roles);
    expected.insert(u"access_token_lifetime"_s, 86400); // null: back to the default
    QCOMPARE(reply.object(), expected);
    QCOMPARE(m_http.get(api(u"/clients/"_s + client.id), m_token).object(), expected);
    // The secret is unchanged.
    QVERIFY(!m_http.token(m_server->tokenUrl(), client.id, client.secret).isEmpty());
}

void TestManagementApi::patchValidation()
{
    const auto client = createClient(m_http, *m_server, m_token, technicalBody(u"Strict"_s, u"STRICT"_s));
    const QUrl url = api(u"/clients/"_s + client.id);
    const auto check = [&](const QJsonObject& patch, const QString& field) {
        const auto reply = m_http.patchJson(url, patch, m_token);
        return isProblem(reply, 422) && fieldsOf(reply).contains(field);
    };
    QVERIFY(check(QJsonObject{{u"user_id"_s, u"OTHER"_s}}, u"user_id"_s));
    QVERIFY(check(QJsonObject{{u"purpose"_s, u"api"_s}}, u"purpose"_s));
    QVERIFY(check(QJsonObject{{u"client_secret"_s, u"mine"_s}}, u"client_secret"_s));
    QVERIFY(check(QJsonObject{{u"client_name"_s, QJsonValue::Null}}, u"client_name"_s));
    QVERIFY(check(QJsonObject{{u"roles"_s, QJsonArray()}}, u"roles"_s));
    QVERIFY(check(QJsonObject{{u"access"_s, QJsonArray{u"user_provisioning"_s}}}, u"access"_s));
    QVERIFY(check(QJsonObject{{u"colour"_s, u"red"_s}}, u"colour"_s));
    QVERIFY(
        check(QJsonObject{{u"client_secret_expires_at"_s, m_server->clock().now()}}, u"client_secret_expires_at"_s));
    QVERIFY(check(QJsonObject{{u"client_name"_s, u"Fine"_s}, {u"access_token_lifetime"_s, 100}},
                  u"access_token_lifetime"_s));
    // Nothing of the rejected patches stuck.
    QCOMPARE(m_http.get(url, m_token).object().value(u"client_name"_s).toString(), u"Strict"_s);
    QVERIFY(
        isProblem(m_http.patchJson(api(u"/clients/cl-none"_s), QJsonObject{{u"client_name"_s, u"X"_s}}, m_token), 404));
}

void TestManagementApi::patchActiveExpiryKeepsSecret()
{
    const auto client = createClient(m_http, *m_server, m_token, technicalBody(u"Longer"_s, u"LONGER"_s));
    const qint64 later = m_server->clock().now() + 365 * 86400;
    const auto reply = m_http.patchJson(api(u"/clients/"_s + client.id),
                                        QJsonObject{{u"client_secret_expires_at"_s, later}}, m_token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value(u"client_secret_expires_at"_s).toInteger(), later);
    QVERIFY(!reply.object().contains(u"client_secret"_s));
    QVERIFY(!m_http.token(m_server->tokenUrl(), client.id, client.secret).isEmpty());
}

void TestManagementApi::expiredClientOnlyExtends()
{
    QJsonObject body = technicalBody(u"Lapsing"_s, u"LAPSING"_s);
    body.insert(u"client_secret_expires_at"_s, m_server->clock().now() + 7 * 86400);
    const auto client = createClient(m_http, *m_server, m_token, body);
    m_server->clock().advance(7 * 86400);
    m_token = adminToken(m_http, *m_server);
    const QUrl url = api(u"/clients/"_s + client.id);
    QJsonObject before = m_http.get(url, m_token).object();
    QCOMPARE(before.value(u"status"_s).toString(), u"expired"_s);

    const qint64 newExpiry = m_server->clock().now() + 90 * 86400;
    const auto mixed = m_http.patchJson(
        url, QJsonObject{{u"client_secret_expires_at"_s, newExpiry}, {u"client_name"_s, u"Renamed"_s}}, m_token);
    QVERIFY(isProblem(mixed, 409));
    QCOMPARE(fieldsOf(mixed), QStringList{u"client_name"_s});
    QVERIFY(isProblem(m_http.patchJson(url, QJsonObject{{u"roles"_s, roleList({u"DW_MODELER"_s})}}, m_token), 409));
    QCOMPARE(m_http.get(url, m_token).object(), before); // nothing changed

    const auto extended = m_http.patchJson(url, QJsonObject{{u"client_secret_expires_at"_s, newExpiry}}, m_token);
    QCOMPARE(extended.status, 200);
    const QString secret = extended.object().value(u"client_secret"_s).toString();
    QCOMPARE(secret.size(), 43);
    QCOMPARE(extended.object().value(u"status"_s).toString(), u"active"_s);
    QCOMPARE(extended.object().value(u"client_secret_expires_at"_s).toInteger(), newExpiry);
    QVERIFY(!m_http.get(url, m_token).body.contains(secret.toLatin1())); // shown once
    QVERIFY(m_http.token(m_server->tokenUrl(), client.id, client.secret).isEmpty());
    QVERIFY(!m_http.token(m_server->tokenUrl(), client.id, secret).isEmpty());
    // Active again: other fields may change, and a new expiry keeps the new secret.
    const auto renamed = m_http.patchJson(url, QJsonObject{{u"client_name"_s, u"Renamed"_s}}, m_token);
    QCOMPARE(renamed.status, 200);
    QVERIFY(!renamed.object().contains(u"client_secret"_s));
}

void TestManagementApi::patchMediaTypes()
{
    const auto client = createClient(m_http, *m_server, m_token, apiBody(u"Types"_s));
    const QUrl url = api(u"/clients/"_s + client.id);
    QCOMPARE(m_http.patchJson(url, QJsonObject{{u"client_name"_s, u"A"_s}}, m_token, "application/json").status, 200);
    QCOMPARE(m_http
                 .patchJson(url, QJsonObject{{u"client_name"_s, u"B"_s}}, m_token,
                            "application/merge-patch+json; charset=utf-8")
                 .status,
             200);
    QVERIFY(isProblem(m_http.patchJson(url, QJsonObject{{u"client_name"_s, u"C"_s}}, m_token, "text/plain"), 415));
    QVERIFY(isProblem(
        m_http.patchJson(url, QJsonObject{{u"client_name"_s, u"C"_s}}, m_token, "application/json-patch+json"), 415));
    QCOMPARE(m_http.get(url, m_token).object().value(u"client_name"_s).toString(), u"B"_s);
}

void TestManagementApi::legacySecretCanBeShown()
{
    TestServer demo(TestServer::Options{.demo = true});
    QVERIFY2(demo.start(), qPrintable(demo.errorString()));
    const QString token = adminToken(m_http, demo);
    const QJsonArray clients
        = m_http.get(demo.url(u"/api/v1/clients?limit=100"_s), token).object()[u"items"_s].toArray();
    int legacy = 0;
    for (const QJsonValue& item : clients) {
        const QString id = item[u"client_id"_s].toString();
        const auto reply = m_http.get(demo.url(u"/api/v1/clients/"_s + id + u"/secret"_s), token);
        if (item[u"secret_retrievable"_s].toBool()) {
            ++legacy;
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.header("Cache-Control"), "no-store");
            const QString secret = reply.object().value(u"client_secret"_s).toString();
            QVERIFY(!secret.isEmpty());
            // It is the real secret: the client authenticates with it.
            const auto introspection
                = m_http.postForm(demo.url(u"/oauth/introspect"_s), {{u"token"_s, u"x"_s}}, id, secret);
            QCOMPARE(introspection.status, 200);
        } else {
            QVERIFY(isProblem(reply, 403));
        }
    }
    QCOMPARE(legacy, 3); // one per purpose
    QVERIFY(isProblem(m_http.get(demo.url(u"/api/v1/clients/cl-none/secret"_s), token), 404));
}

void TestManagementApi::deleteClient()
{
    const auto client = createClient(m_http, *m_server, m_token, apiBody(u"Doomed"_s));
    const QUrl url = api(u"/clients/"_s + client.id);
    const auto reply = m_http.del(url, m_token);
    QCOMPARE(reply.status, 204);
    QVERIFY(reply.body.isEmpty());
    QVERIFY(isProblem(m_http.get(url, m_token), 404));
    QVERIFY(isProblem(m_http.del(url, m_token), 404));
    QVERIFY(isProblem(m_http.patchJson(url, QJsonObject{{u"client_name"_s, u"X"_s}}, m_token), 404));
}

int TestManagementApi::setBootstrapUserActive(bool active)
{
    QUrl users = m_server->url(u"/scim/v2/Users"_s);
    users.setQuery(u"filter=userName eq \"TENANT_ADMIN\""_s);
    const QString id = m_http.get(users, m_token).object()[u"Resources"_s].toArray().at(0)[u"id"_s].toString();
    const QJsonObject patch{
        {u"schemas"_s, QJsonArray{u"urn:ietf:params:scim:api:messages:2.0:PatchOp"_s}},
        {u"Operations"_s,
         QJsonArray{QJsonObject{{u"op"_s, u"replace"_s}, {u"path"_s, u"active"_s}, {u"value"_s, active}}}}};
    return m_http.patchJson(m_server->url(u"/scim/v2/Users/"_s + id), patch, m_token, "application/scim+json").status;
}

void TestManagementApi::lastAdministratorIsKept()
{
    const QString adminUrl = u"/clients/"_s + m_server->adminClientId();
    // The bootstrap user TENANT_ADMIN is an administrator too (api.md: client
    // or user): deactivated, the admin client is the only one left.
    QCOMPARE(setBootstrapUserActive(false), 200);
    const auto auditBefore = m_http.get(api(u"/audit/activities"_s), m_token).array().size();
    // Alone: it can neither go nor lose DW_ADMINISTRATOR.
    const auto deleted = m_http.del(api(adminUrl), m_token);
    QVERIFY(isProblem(deleted, 409));
    QCOMPARE(fieldsOf(deleted), QStringList{u"client_id"_s});
    const auto demoted
        = m_http.patchJson(api(adminUrl), QJsonObject{{u"roles"_s, roleList({u"DW_VIEWER"_s})}}, m_token);
    QVERIFY(isProblem(demoted, 409));
    QCOMPARE(fieldsOf(demoted), QStringList{u"roles"_s});
    const auto others = m_http.patchJson(
        api(adminUrl), QJsonObject{{u"roles"_s, roleList({u"DW_VIEWER"_s, u"DW_INTEGRATOR"_s})}}, m_token);
    QVERIFY(isProblem(others, 409));
    // Nothing changed, nothing was recorded; other changes still go through.
    const QJsonArray roles = m_http.get(api(adminUrl), m_token).object()[u"roles"_s].toArray();
    QCOMPARE(roles.size(), 1);
    QCOMPARE(roles.at(0)[u"role_id"_s].toString(), u"DW_ADMINISTRATOR"_s);
    QCOMPARE(m_http.get(api(u"/audit/activities"_s), m_token).array().size(), auditBefore);
    QCOMPARE(m_http.patchJson(api(adminUrl), QJsonObject{{u"client_name"_s, u"Still admin"_s}}, m_token).status, 200);

    // With a second administrator the first may go; then the second is the last.
    const auto second = createClient(m_http, *m_server, m_token,
                                     technicalBody(u"Second admin"_s, u"ADMIN2"_s, roleList({u"DW_ADMINISTRATOR"_s})));
    QCOMPARE(second.status, 201);
    QCOMPARE(m_http.patchJson(api(adminUrl), QJsonObject{{u"roles"_s, roleList({u"DW_VIEWER"_s})}}, m_token).status,
             200);
    const QString secondToken = m_http.token(m_server->tokenUrl(), second.id, second.secret);
    QCOMPARE(m_http.del(api(adminUrl), secondToken).status, 204);
    const auto last = m_http.del(api(u"/clients/"_s + second.id), secondToken);
    QVERIFY(isProblem(last, 409));
    QCOMPARE(fieldsOf(last), QStringList{u"client_id"_s});
    QCOMPARE(m_http.get(api(u"/clients/"_s + second.id), secondToken).status, 200);
    // The user is the last active administrator in the other direction, and
    // once active again it lets the last client go.
    m_token = secondToken;
    QCOMPARE(setBootstrapUserActive(true), 200);
    QCOMPARE(m_http.del(api(u"/clients/"_s + second.id), secondToken).status, 204);
}

void TestManagementApi::expiredAdministratorsDoNotCount()
{
    const qint64 now = m_server->clock().now();
    QJsonObject body = technicalBody(u"Short admin"_s, u"SHORT_ADMIN"_s, roleList({u"DW_ADMINISTRATOR"_s}));
    body.insert(u"client_secret_expires_at"_s, now + 7 * 86400);
    const auto shortLived = createClient(m_http, *m_server, m_token, body);
    QCOMPARE(shortLived.status, 201);
    m_server->clock().advance(8 * 86400);
    m_token = adminToken(m_http, *m_server);
    // The other administrator has expired: with the bootstrap user
    // deactivated, the bootstrap client is the last active one.
    QCOMPARE(setBootstrapUserActive(false), 200);
    const QString adminUrl = u"/clients/"_s + m_server->adminClientId();
    QVERIFY(isProblem(m_http.del(api(adminUrl), m_token), 409));
    // An expired administrator itself may be deleted.
    QCOMPARE(m_http.del(api(u"/clients/"_s + shortLived.id), m_token).status, 204);
}

void TestManagementApi::auditLogJsonAndCsv()
{
    const qint64 start = m_server->clock().now();
    const QString adminId = m_server->adminClientId();
    QJsonObject body = technicalBody(u"Audited"_s, u"AUDITED"_s);
    body.insert(u"client_secret_expires_at"_s, start + 7 * 86400);
    const auto client = createClient(m_http, *m_server, m_token, body);
    m_server->clock().advance(10);
    QCOMPARE(
        m_http.patchJson(api(u"/clients/"_s + client.id), QJsonObject{{u"client_name"_s, u"Audited, too"_s}}, m_token)
            .status,
        200);
    m_server->clock().advance(7 * 86400);
    m_token = adminToken(m_http, *m_server);
    const qint64 extendAt = m_server->clock().now();
    const auto extended = m_http.patchJson(
        api(u"/clients/"_s + client.id), QJsonObject{{u"client_secret_expires_at"_s, extendAt + 30 * 86400}}, m_token);
    QCOMPARE(extended.status, 200);
    QCOMPARE(m_http.postJson(api(u"/spaces"_s), QJsonObject{{u"space_id"_s, u"AUD"_s}, {u"name"_s, u"Aud"_s}}, m_token)
                 .status,
             201);
    QCOMPARE(
        m_http
            .postJson(api(u"/roles"_s),
                      QJsonObject{{u"role_id"_s, u"AUD_R"_s}, {u"name"_s, u"R"_s}, {u"spaces"_s, QJsonArray{u"AUD"_s}}},
                      m_token)
            .status,
        201);
    QCOMPARE(m_http.del(api(u"/roles/AUD_R"_s), m_token).status, 204);
    QCOMPARE(m_http.del(api(u"/spaces/AUD"_s), m_token).status, 204);
    QCOMPARE(m_http.del(api(u"/clients/"_s + client.id), m_token).status, 204);
    // Refused changes leave no trace.
    QCOMPARE(m_http.postJson(api(u"/clients"_s), apiBody(u""_s), m_token).status, 422);

    const auto reply = m_http.get(m_server->url(u"/api/v1/audit/activities"_s), m_token);
    QCOMPARE(reply.status, 200);
    const QJsonArray records = reply.array();
    QStringList actions;
    for (const QJsonValue& record : records) {
        actions.append(record[u"action"_s].toString());
        QVERIFY(!record[u"detail"_s].toString().isEmpty());
    }
    QCOMPARE(
        actions,
        (QStringList{u"client.create"_s, u"user.create"_s, u"client.create"_s, u"client.update"_s, u"client.extend"_s,
                     u"space.create"_s, u"role.create"_s, u"role.delete"_s, u"space.delete"_s, u"client.delete"_s}));
    QCOMPARE(records.at(0)[u"actor"_s].toString(), u"appint-server"_s); // the bootstrap administrator
    QCOMPARE(records.at(1)[u"actor"_s].toString(), u"appint-server"_s); // and the bootstrap user TENANT_ADMIN
    QVERIFY(records.at(1)[u"detail"_s].toString().contains(u"TENANT_ADMIN"_s));
    QCOMPARE(records.at(2)[u"actor"_s].toString(), adminId);
    QCOMPARE(records.at(2)[u"target"_s].toString(), client.id);
    QCOMPARE(records.at(2)[u"time"_s].toInteger(), start);
    QCOMPARE(records.at(4)[u"time"_s].toInteger(), extendAt);
    QVERIFY(records.at(4)[u"detail"_s].toString().contains(u"new secret"_s));

    // from inclusive, to exclusive.
    const auto window
        = m_http.get(m_server->url(u"/api/v1/audit/activities?from=%1&to=%2"_s.arg(start).arg(extendAt)), m_token);
    QCOMPARE(window.array().size(), 4);
    QCOMPARE(m_http.get(m_server->url(u"/api/v1/audit/activities?from=%1"_s.arg(extendAt)), m_token).array().size(), 6);

    const auto csv = m_http.get(
        m_server->url(u"/api/v1/audit/activities?format=csv&from=%1&to=%2"_s.arg(start).arg(start + 11)), m_token);
    QCOMPARE(csv.status, 200);
    QVERIFY(csv.header("Content-Type").startsWith("text/csv"));
    const QList<QByteArray> lines = csv.body.split('\n');
    QCOMPARE(lines.value(0), "time,actor,action,target,detail\r");
    // The bootstrap administrator was created in the same second.
    QVERIFY(lines.value(1).startsWith("2025-06-15T15:06:40Z,appint-server,client.create,"));
    QVERIFY(lines.value(2).startsWith("2025-06-15T15:06:40Z,appint-server,user.create,"));
    QVERIFY(lines.value(3).startsWith(QByteArray("2025-06-15T15:06:40Z," + adminId.toLatin1() + ",client.create,")));
    QVERIFY(lines.value(4).contains(",client.update,"));
    QVERIFY(lines.value(4).contains("\"")); // the comma in the new name is quoted
    QCOMPARE(lines.size(), 6); // four rows and the final CRLF
}

void TestManagementApi::auditQueryErrors()
{
    const auto check = [&](const QString& query, const QString& field) {
        const auto reply = m_http.get(m_server->url(u"/api/v1/audit/activities?"_s + query), m_token);
        return isProblem(reply, 400) && fieldsOf(reply).contains(field);
    };
    QVERIFY(check(u"from=yesterday"_s, u"from"_s));
    QVERIFY(check(u"to=-5"_s, u"to"_s));
    QVERIFY(check(u"format=xml"_s, u"format"_s));
    QVERIFY(check(u"user=admin"_s, u"user"_s));
    QVERIFY(check(u"from=1&from=2"_s, u"from"_s));
    QCOMPARE(m_http.get(m_server->url(u"/api/v1/audit/activities?from=10&to=5"_s), m_token).array(), QJsonArray());
}

APPINT_TEST_MAIN(TestManagementApi)
#include "TestManagementApi.moc"
