// SCIM 2.0 for tenant users (api.md "Users (SCIM 2.0)") against a real
// server on loopback: every operation, the filter subset, paging, SCIM
// errors with scimType, who may call (administrators, API Access clients with
// and without user_provisioning), the shared user-ID namespace both ways,
// the audit trail and the deactivation hook.

#include "TestMain.h"

#include "ServerTestSupport.h"
#include "server/crypto/Crypto.h"
#include "server/oauth/Jwt.h"
#include "server/oauth/SigningKey.h"
#include "server/tenant/Tenant.h"
#include "server/tenant/Users.h"

#include <QDir>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;
using namespace appint;
using namespace appint::test;

namespace {

const QString CoreSchema = u"urn:ietf:params:scim:schemas:core:2.0:User"_s;
const QString RolesSchema = u"urn:appint:params:scim:schemas:extension:roles:2.0:User"_s;
const QString ErrorSchema = u"urn:ietf:params:scim:api:messages:2.0:Error"_s;
const QString PatchSchema = u"urn:ietf:params:scim:api:messages:2.0:PatchOp"_s;
const QString Password = u"a long enough password"_s;

QJsonObject userBody(const QString& userName, const QJsonObject& extra = {})
{
    QJsonObject body{
        {u"schemas"_s, QJsonArray{CoreSchema, RolesSchema}},
        {u"userName"_s, userName},
        {u"name"_s, QJsonObject{{u"givenName"_s, u"Grace"_s}, {u"familyName"_s, u"Hopper"_s}}},
        {u"displayName"_s, u"Grace Hopper"_s},
        {u"emails"_s,
         QJsonArray{QJsonObject{{u"value"_s, QString(userName.toLower() + u"@example.com"_s)}, {u"primary"_s, true}}}},
        {u"password"_s, Password}};
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        body.insert(it.key(), it.value());
    }
    return body;
}

QJsonObject patchBody(const QJsonArray& operations)
{
    return QJsonObject{{u"schemas"_s, QJsonArray{PatchSchema}}, {u"Operations"_s, operations}};
}

QJsonObject op(const QString& name, const QString& path, const QJsonValue& value = QJsonValue::Undefined)
{
    QJsonObject operation{{u"op"_s, name}};
    if (!path.isEmpty()) {
        operation.insert(u"path"_s, path);
    }
    if (!value.isUndefined()) {
        operation.insert(u"value"_s, value);
    }
    return operation;
}

QJsonArray roles(const QJsonArray& items)
{
    return items;
}

} // namespace

class TestScim : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void discoveryNeedsNoToken();
    void createGetDelete();
    void applicationJsonIsAccepted();
    void createErrors_data();
    void createErrors();
    void namespaceIsSharedWithTechnicalUsers();
    void listFiltersAndPages();
    void invalidFilters_data();
    void invalidFilters();
    void countIsCutTo1000();
    void putReplacesAndKeepsPassword();
    void ifMatch();
    void patchOperations();
    void patchRoles();
    void patchErrors_data();
    void patchErrors();
    void whoMayCall();
    void deactivationAndDeletionEndTokens();
    void administratorUsersMayCall();
    void changesAreAudited();
    void usersSurviveRestart();
    void unknownIdsAndPaths();

private:
    HttpTestReply scim(const QByteArray& method, const QString& path, const QJsonObject& body = {},
                       const QString& token = {}, const HttpHeaders& extra = {});
    QString createUser(const QString& userName, const QJsonObject& extra = {});
    Users& users() { return m_server.serverThread()->server()->tenant()->users(); }
    void verifyScimError(const HttpTestReply& reply, int status, const QString& scimType);

    TestServer m_server;
    HttpTestClient m_http;
    QString m_admin;
};

HttpTestReply TestScim::scim(const QByteArray& method, const QString& path, const QJsonObject& body,
                             const QString& token, const HttpHeaders& extra)
{
    HttpHeaders headers{{"Authorization", "Bearer " + (token.isEmpty() ? m_admin : token).toLatin1()}};
    QByteArray payload;
    if (!body.isEmpty()) {
        headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/scim+json")));
        payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
    }
    headers += extra;
    return m_http.send(method, m_server.url(path), payload, headers);
}

QString TestScim::createUser(const QString& userName, const QJsonObject& extra)
{
    const auto reply = scim("POST", u"/scim/v2/Users"_s, userBody(userName, extra));
    if (reply.status != 201) {
        qWarning() << reply.status << reply.body;
        return {};
    }
    return reply.object()[u"id"_s].toString();
}

void TestScim::verifyScimError(const HttpTestReply& reply, int status, const QString& scimType)
{
    QVERIFY2(reply.status == status,
             qPrintable(QString::number(reply.status) + u" "_s + QString::fromUtf8(reply.body)));
    QVERIFY2(reply.header("Content-Type").startsWith("application/scim+json"),
             reply.header("Content-Type").constData());
    const QJsonObject error = reply.object();
    QCOMPARE(error[u"schemas"_s].toArray(), QJsonArray{ErrorSchema});
    QCOMPARE(error[u"status"_s].toString(), QString::number(status));
    QVERIFY(!error[u"detail"_s].toString().isEmpty());
    QCOMPARE(error[u"scimType"_s].toString(), scimType);
}

void TestScim::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_admin = adminToken(m_http, m_server);
    QVERIFY(!m_admin.isEmpty());
}

void TestScim::discoveryNeedsNoToken()
{
    const auto config = m_http.get(m_server.url(u"/scim/v2/ServiceProviderConfig"_s));
    QCOMPARE(config.status, 200);
    QVERIFY(config.header("Content-Type").startsWith("application/scim+json"));
    QCOMPARE(config.object()[u"patch"_s][u"supported"_s].toBool(), true);
    QCOMPARE(config.object()[u"filter"_s][u"supported"_s].toBool(), true);
    QCOMPARE(config.object()[u"filter"_s][u"maxResults"_s].toInt(), 1000);
    QCOMPARE(config.object()[u"bulk"_s][u"supported"_s].toBool(), false);
    QCOMPARE(config.object()[u"authenticationSchemes"_s][0][u"type"_s].toString(), u"oauthbearertoken"_s);

    const auto types = m_http.get(m_server.url(u"/scim/v2/ResourceTypes"_s));
    QCOMPARE(types.status, 200);
    const QJsonObject user = types.object()[u"Resources"_s][0].toObject();
    QCOMPARE(user[u"endpoint"_s].toString(), u"/Users"_s);
    QCOMPARE(user[u"schema"_s].toString(), CoreSchema);
    QCOMPARE(user[u"schemaExtensions"_s][0][u"schema"_s].toString(), RolesSchema);
    QCOMPARE(m_http.get(m_server.url(u"/scim/v2/ResourceTypes/User"_s)).status, 200);

    const auto schemas = m_http.get(m_server.url(u"/scim/v2/Schemas"_s));
    QCOMPARE(schemas.status, 200);
    QCOMPARE(schemas.object()[u"totalResults"_s].toInt(), 2);
    const auto core = m_http.get(m_server.url(u"/scim/v2/Schemas/"_s + CoreSchema));
    QCOMPARE(core.status, 200);
    bool passwordWriteOnly = false;
    for (const QJsonValue& attribute : core.object()[u"attributes"_s].toArray()) {
        if (attribute[u"name"_s] == u"password"_s) {
            passwordWriteOnly = attribute[u"mutability"_s] == u"writeOnly"_s && attribute[u"returned"_s] == u"never"_s;
        }
    }
    QVERIFY(passwordWriteOnly);
    verifyScimError(m_http.get(m_server.url(u"/scim/v2/Schemas/urn:nothing"_s)), 404, {});
}

void TestScim::createGetDelete()
{
    const QJsonObject body = userBody(
        u"GRACE"_s, {{RolesSchema, QJsonObject{{u"roles"_s, roles({QJsonObject{{u"role_id"_s, u"DW_VIEWER"_s}}})}}}});
    const auto created = scim("POST", u"/scim/v2/Users"_s, body);
    QCOMPARE(created.status, 201);
    QVERIFY(created.header("Content-Type").startsWith("application/scim+json"));
    const QJsonObject user = created.object();
    const QString id = user[u"id"_s].toString();
    QVERIFY(!id.isEmpty());
    QCOMPARE(QString::fromUtf8(created.header("Location")), m_server.baseUrl().toString() + u"/scim/v2/Users/"_s + id);
    QCOMPARE(user[u"meta"_s][u"location"_s].toString(), QString::fromUtf8(created.header("Location")));
    QCOMPARE(user[u"meta"_s][u"version"_s].toString(), QString::fromUtf8(created.header("ETag")));
    QCOMPARE(user[u"meta"_s][u"resourceType"_s].toString(), u"User"_s);
    QVERIFY(QDateTime::fromString(user[u"meta"_s][u"created"_s].toString(), Qt::ISODate).isValid());
    QCOMPARE(user[u"userName"_s].toString(), u"GRACE"_s);
    QCOMPARE(user[u"name"_s][u"givenName"_s].toString(), u"Grace"_s);
    QCOMPARE(user[u"name"_s][u"familyName"_s].toString(), u"Hopper"_s);
    QCOMPARE(user[u"displayName"_s].toString(), u"Grace Hopper"_s);
    QCOMPARE(user[u"active"_s].toBool(), true);
    QCOMPARE(user[u"emails"_s][0][u"value"_s].toString(), u"grace@example.com"_s);
    QCOMPARE(user[u"emails"_s][0][u"primary"_s].toBool(), true);
    QCOMPARE(user[RolesSchema][u"roles"_s][0][u"role_id"_s].toString(), u"DW_VIEWER"_s);
    QVERIFY(user[u"schemas"_s].toArray().contains(CoreSchema));
    QVERIFY(!user.contains(u"password"_s));
    QVERIFY(!created.body.contains(Password.toUtf8()));

    const auto got = scim("GET", u"/scim/v2/Users/"_s + id);
    QCOMPARE(got.status, 200);
    QCOMPARE(got.object(), user);
    QCOMPARE(got.header("ETag"), created.header("ETag"));
    QCOMPARE(users().checkPassword(u"GRACE"_s, Password.toUtf8()), Users::PasswordCheck::Ok);

    const auto deleted = scim("DELETE", u"/scim/v2/Users/"_s + id);
    QCOMPARE(deleted.status, 204);
    QVERIFY(deleted.body.isEmpty());
    verifyScimError(scim("GET", u"/scim/v2/Users/"_s + id), 404, {});
    verifyScimError(scim("DELETE", u"/scim/v2/Users/"_s + id), 404, {});
    QVERIFY(!users().userByName(u"GRACE"_s));
}

void TestScim::applicationJsonIsAccepted()
{
    const auto reply = m_http.send(
        "POST", m_server.url(u"/scim/v2/Users"_s), QJsonDocument(userBody(u"PLAIN_JSON"_s)).toJson(),
        {{"Authorization", "Bearer " + m_admin.toLatin1()}, {"Content-Type", "application/json; charset=utf-8"}});
    QCOMPARE(reply.status, 201);
    const auto wrongType
        = m_http.send("POST", m_server.url(u"/scim/v2/Users"_s), QJsonDocument(userBody(u"TEXT_PLAIN"_s)).toJson(),
                      {{"Authorization", "Bearer " + m_admin.toLatin1()}, {"Content-Type", "text/plain"}});
    verifyScimError(wrongType, 415, {});
    QVERIFY(!users().userByName(u"TEXT_PLAIN"_s));
}

void TestScim::createErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("scimType");
    QTest::addColumn<QString>("detailMentions");
    const auto json = [](const QJsonObject& object) { return QJsonDocument(object).toJson(QJsonDocument::Compact); };
    QJsonObject noSchemas = userBody(u"BAD_A"_s);
    noSchemas.remove(u"schemas"_s);
    QTest::newRow("no schemas") << json(noSchemas) << 400 << u"invalidSyntax"_s << u"schemas"_s;
    QTest::newRow("not json") << QByteArray("{\"userName\": ") << 400 << u"invalidSyntax"_s << u"JSON"_s;
    QTest::newRow("array") << QByteArray("[]") << 400 << u"invalidSyntax"_s << u"object"_s;
    QJsonObject noName = userBody(u"X"_s);
    noName.remove(u"userName"_s);
    QTest::newRow("no userName") << json(noName) << 400 << u"invalidValue"_s << u"userName"_s;
    QTest::newRow("lower-case userName") << json(userBody(u"grace_b"_s)) << 400 << u"invalidValue"_s << u"user name"_s;
    QTest::newRow("userName too long") << json(userBody(u"ABCDEFGHIJKLMNOPQRSTU"_s)) << 400 << u"invalidValue"_s
                                       << u"20"_s;
    QTest::newRow("short password") << json(userBody(u"BAD_B"_s, {{u"password"_s, u"elevenchars"_s}})) << 400
                                    << u"invalidValue"_s << u"12"_s;
    QTest::newRow("password not a string")
        << json(userBody(u"BAD_C"_s, {{u"password"_s, 1234567890.0}})) << 400 << u"invalidValue"_s << u"password"_s;
    QTest::newRow("active not boolean") << json(userBody(u"BAD_D"_s, {{u"active"_s, u"maybe"_s}})) << 400
                                        << u"invalidValue"_s << u"active"_s;
    QTest::newRow("email not an address")
        << json(userBody(u"BAD_E"_s, {{u"emails"_s, QJsonArray{QJsonObject{{u"value"_s, u"nobody"_s}}}}})) << 400
        << u"invalidValue"_s << u"e-mail"_s;
    QTest::newRow("two primary emails") << json(
        userBody(u"BAD_F"_s,
                 {{u"emails"_s,
                   QJsonArray{QJsonObject{{u"value"_s, u"a@x.org"_s}, {u"primary"_s, true}},
                              QJsonObject{{u"value"_s, u"b@x.org"_s}, {u"primary"_s, true}}}}}))
                                        << 400 << u"invalidValue"_s << u"primary"_s;
    QTest::newRow("unknown role") << json(userBody(
        u"BAD_G"_s, {{RolesSchema, QJsonObject{{u"roles"_s, QJsonArray{QJsonObject{{u"role_id"_s, u"NOPE"_s}}}}}}}))
                                  << 400 << u"invalidValue"_s << u"NOPE"_s;
    QTest::newRow("global role with spaces")
        << json(userBody(u"BAD_H"_s,
                         {{RolesSchema,
                           QJsonObject{{u"roles"_s,
                                        QJsonArray{QJsonObject{{u"role_id"_s, u"DW_VIEWER"_s},
                                                               {u"spaces"_s, QJsonArray{u"SALES"_s}}}}}}}}))
        << 400 << u"invalidValue"_s << u"global"_s;
    QTest::newRow("role item with unknown field") << json(
        userBody(u"BAD_I"_s,
                 {{RolesSchema,
                   QJsonObject{{u"roles"_s, QJsonArray{QJsonObject{{u"role_id"_s, u"DW_VIEWER"_s}, {u"x"_s, 1}}}}}}}))
                                                  << 400 << u"invalidValue"_s << u"unknown"_s;
    QTest::newRow("name not an object") << json(userBody(u"BAD_J"_s, {{u"name"_s, u"Grace"_s}})) << 400
                                        << u"invalidValue"_s << u"name"_s;
}

void TestScim::createErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, scimType);
    QFETCH(QString, detailMentions);
    const qsizetype before = users().count();
    const auto reply
        = m_http.send("POST", m_server.url(u"/scim/v2/Users"_s), body,
                      {{"Authorization", "Bearer " + m_admin.toLatin1()}, {"Content-Type", "application/scim+json"}});
    verifyScimError(reply, status, scimType);
    const QString detail = reply.object()[u"detail"_s].toString();
    QVERIFY2(detail.contains(detailMentions, Qt::CaseInsensitive), qPrintable(detail));
    QVERIFY(!detail.contains(u"elevenchars"_s));
    QCOMPARE(users().count(), before); // nothing half-saved
}

void TestScim::namespaceIsSharedWithTechnicalUsers()
{
    // A user named like a technical user: 409 uniqueness.
    const auto technical = createClient(m_http, m_server, m_admin, technicalBody(u"Loader"_s, u"LOADER"_s));
    QCOMPARE(technical.status, 201);
    verifyScimError(scim("POST", u"/scim/v2/Users"_s, userBody(u"LOADER"_s)), 409, u"uniqueness"_s);
    // A bootstrap technical user too.
    verifyScimError(scim("POST", u"/scim/v2/Users"_s, userBody(u"ADMIN"_s)), 409, u"uniqueness"_s);

    // A technical user named like a user: 409 naming user_id.
    QVERIFY(!createUser(u"EDSGER"_s).isEmpty());
    const auto clash = createClient(m_http, m_server, m_admin, technicalBody(u"Clash"_s, u"EDSGER"_s));
    QCOMPARE(clash.status, 409);
    QCOMPARE(clash.json[u"errors"_s][0][u"field"_s].toString(), u"user_id"_s);
    const auto bootstrapClash = createClient(m_http, m_server, m_admin, technicalBody(u"Clash"_s, u"TENANT_ADMIN"_s));
    QCOMPARE(bootstrapClash.status, 409);

    // A second user of a taken name.
    verifyScimError(scim("POST", u"/scim/v2/Users"_s, userBody(u"EDSGER"_s)), 409, u"uniqueness"_s);
}

void TestScim::listFiltersAndPages()
{
    for (const QString& name : {u"LIST_ALICE"_s, u"LIST_ALBERT"_s, u"LIST_BOB"_s, u"LIST_CAROL"_s}) {
        QVERIFY(!createUser(name).isEmpty());
    }
    const QString carol = users().userByName(u"LIST_CAROL"_s)->id;
    QCOMPARE(scim("PATCH", u"/scim/v2/Users/"_s + carol, patchBody({op(u"replace"_s, u"active"_s, false)})).status,
             200);

    const auto list = [&](const QString& filter, const QString& paging = {}) {
        QString path = u"/scim/v2/Users?filter="_s + QString::fromLatin1(QUrl::toPercentEncoding(filter));
        if (!paging.isEmpty()) {
            path += u"&"_s + paging;
        }
        const auto reply = scim("GET", path);
        QStringList names;
        for (const QJsonValue& user : reply.object()[u"Resources"_s].toArray()) {
            names.append(user[u"userName"_s].toString());
        }
        return std::make_pair(reply, names);
    };

    auto [all, allNames] = list(u"userName sw \"LIST_\""_s);
    QCOMPARE(all.status, 200);
    QCOMPARE(all.object()[u"schemas"_s].toArray(), QJsonArray{u"urn:ietf:params:scim:api:messages:2.0:ListResponse"_s});
    QCOMPARE(allNames, (QStringList{u"LIST_ALBERT"_s, u"LIST_ALICE"_s, u"LIST_BOB"_s, u"LIST_CAROL"_s}));
    QCOMPARE(all.object()[u"totalResults"_s].toInt(), 4);
    QCOMPARE(all.object()[u"startIndex"_s].toInt(), 1);
    QCOMPARE(all.object()[u"itemsPerPage"_s].toInt(), 4);
    QVERIFY(!all.body.contains("password"));

    QCOMPARE(list(u"userName eq \"list_bob\""_s).second, QStringList{u"LIST_BOB"_s}); // case-insensitive
    QCOMPARE(list(u"userName co \"AL\""_s).second, (QStringList{u"LIST_ALBERT"_s, u"LIST_ALICE"_s}));
    QCOMPARE(list(u"emails.value co \"list_b\""_s).second, QStringList{u"LIST_BOB"_s});
    QCOMPARE(list(u"emails.value eq \"LIST_ALICE@example.com\""_s).second, QStringList{u"LIST_ALICE"_s});
    QCOMPARE(list(u"userName sw \"LIST_\" and active eq false"_s).second, QStringList{u"LIST_CAROL"_s});
    QCOMPARE(list(u"userName sw \"LIST_\" AND active eq true and emails.value sw \"list_al\""_s).second,
             (QStringList{u"LIST_ALBERT"_s, u"LIST_ALICE"_s}));
    QCOMPARE(list(u"userName eq \"NOBODY\""_s).second, QStringList{});
    QCOMPARE(list(u"userName eq \"NOBODY\""_s).first.object()[u"totalResults"_s].toInt(), 0);

    // Paging: 1-based startIndex, count; totalResults counts every match.
    auto [page, pageNames] = list(u"userName sw \"LIST_\""_s, u"startIndex=2&count=2"_s);
    QCOMPARE(pageNames, (QStringList{u"LIST_ALICE"_s, u"LIST_BOB"_s}));
    QCOMPARE(page.object()[u"totalResults"_s].toInt(), 4);
    QCOMPARE(page.object()[u"startIndex"_s].toInt(), 2);
    QCOMPARE(page.object()[u"itemsPerPage"_s].toInt(), 2);
    QCOMPARE(list(u"userName sw \"LIST_\""_s, u"startIndex=4&count=10"_s).second, QStringList{u"LIST_CAROL"_s});
    QCOMPARE(list(u"userName sw \"LIST_\""_s, u"startIndex=9"_s).second, QStringList{});
    QCOMPARE(list(u"userName sw \"LIST_\""_s, u"startIndex=0&count=1"_s).second, QStringList{u"LIST_ALBERT"_s});
    auto [none, noNames] = list(u"userName sw \"LIST_\""_s, u"count=0"_s);
    QCOMPARE(noNames, QStringList{});
    QCOMPARE(none.object()[u"totalResults"_s].toInt(), 4);
    verifyScimError(scim("GET", u"/scim/v2/Users?count=many"_s), 400, u"invalidValue"_s);
    verifyScimError(scim("GET", u"/scim/v2/Users?startIndex=1.5"_s), 400, u"invalidValue"_s);
}

void TestScim::invalidFilters_data()
{
    QTest::addColumn<QString>("filter");
    QTest::newRow("unsupported attribute") << u"displayName eq \"x\""_s;
    QTest::newRow("or") << u"userName eq \"A\" or userName eq \"B\""_s;
    QTest::newRow("unsupported operator") << u"userName gt \"A\""_s;
    QTest::newRow("unquoted string") << u"userName eq ADA"_s;
    QTest::newRow("unclosed string") << u"userName eq \"ADA"_s;
    QTest::newRow("active co") << u"active co \"t\""_s;
    QTest::newRow("active not boolean") << u"active eq \"yes\""_s;
    QTest::newRow("dangling and") << u"userName eq \"A\" and"_s;
    QTest::newRow("no operator") << u"userName"_s;
    QTest::newRow("empty") << u" "_s;
}

void TestScim::invalidFilters()
{
    QFETCH(QString, filter);
    const auto reply = scim("GET", u"/scim/v2/Users?filter="_s + QString::fromLatin1(QUrl::toPercentEncoding(filter)));
    verifyScimError(reply, 400, u"invalidFilter"_s);
}

void TestScim::countIsCutTo1000()
{
    // 1,100 users straight into the store (no password: no hashing), then
    // one page asking for 5,000.
    QList<TenantUser> many;
    for (int i = 0; i < 1100; ++i) {
        TenantUser user;
        user.id = Users::newId();
        user.userName = u"BULK_%1"_s.arg(i, 4, 10, QLatin1Char('0'));
        user.created = user.lastModified = user.tokensValidSince = m_server.clock().now();
        many.append(user);
    }
    QString error;
    QVERIFY2(m_server.serverThread()->server()->tenant()->seed({}, {}, {}, {}, &error, {}, many), qPrintable(error));
    const auto reply = scim("GET", u"/scim/v2/Users?filter=userName%20sw%20%22BULK_%22&count=5000"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object()[u"totalResults"_s].toInt(), 1100);
    QCOMPARE(reply.object()[u"itemsPerPage"_s].toInt(), 1000);
    QCOMPARE(reply.object()[u"Resources"_s].toArray().size(), 1000);
    const auto rest = scim("GET", u"/scim/v2/Users?filter=userName%20sw%20%22BULK_%22&startIndex=1001&count=1000"_s);
    QCOMPARE(rest.object()[u"Resources"_s].toArray().size(), 100);
    QCOMPARE(rest.object()[u"Resources"_s][99][u"userName"_s].toString(), u"BULK_1099"_s);
}

void TestScim::putReplacesAndKeepsPassword()
{
    const QString id = createUser(u"PUT_ME"_s);
    QVERIFY(!id.isEmpty());
    QJsonObject replacement{{u"schemas"_s, QJsonArray{CoreSchema}},
                            {u"userName"_s, u"PUT_ME"_s},
                            {u"displayName"_s, u"Replaced"_s},
                            {u"active"_s, false}};
    const auto put = scim("PUT", u"/scim/v2/Users/"_s + id, replacement);
    QCOMPARE(put.status, 200);
    const QJsonObject user = put.object();
    QCOMPARE(user[u"displayName"_s].toString(), u"Replaced"_s);
    QCOMPARE(user[u"active"_s].toBool(), false);
    QVERIFY(!user.contains(u"name"_s)); // not sent: replaced by nothing
    QCOMPARE(user[u"emails"_s].toArray().size(), 0);
    QCOMPARE(user[u"meta"_s][u"version"_s].toString(), u"W/\"2\""_s);
    QCOMPARE(put.header("ETag"), QByteArray("W/\"2\""));
    QCOMPARE(users().checkPassword(u"PUT_ME"_s, Password.toUtf8()), Users::PasswordCheck::Disabled);
    // With a password, and renamed.
    replacement.insert(u"password"_s, u"another long password"_s);
    replacement.insert(u"userName"_s, u"PUT_RENAMED"_s);
    replacement.insert(u"active"_s, true);
    QCOMPARE(scim("PUT", u"/scim/v2/Users/"_s + id, replacement).status, 200);
    QVERIFY(!users().userByName(u"PUT_ME"_s));
    QCOMPARE(users().checkPassword(u"PUT_RENAMED"_s, "another long password"), Users::PasswordCheck::Ok);
    // Invalid: nothing changes.
    replacement.insert(u"password"_s, u"short"_s);
    verifyScimError(scim("PUT", u"/scim/v2/Users/"_s + id, replacement), 400, u"invalidValue"_s);
    QCOMPARE(users().checkPassword(u"PUT_RENAMED"_s, "another long password"), Users::PasswordCheck::Ok);
    verifyScimError(scim("PUT", u"/scim/v2/Users/no-such-id"_s, replacement), 404, {});
}

void TestScim::ifMatch()
{
    const QString id = createUser(u"ETAGGED"_s);
    const QJsonObject patch = patchBody({op(u"replace"_s, u"displayName"_s, u"v2"_s)});
    verifyScimError(scim("PATCH", u"/scim/v2/Users/"_s + id, patch, {}, {{"If-Match", "W/\"7\""}}), 412, {});
    QCOMPARE(users().userById(id)->displayName, u"Grace Hopper"_s);
    const auto ok = scim("PATCH", u"/scim/v2/Users/"_s + id, patch, {}, {{"If-Match", "W/\"1\""}});
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.header("ETag"), QByteArray("W/\"2\""));
    verifyScimError(scim("DELETE", u"/scim/v2/Users/"_s + id, {}, {}, {{"If-Match", "W/\"1\""}}), 412, {});
    QCOMPARE(scim("DELETE", u"/scim/v2/Users/"_s + id, {}, {}, {{"If-Match", "*"}}).status, 204);
}

void TestScim::patchOperations()
{
    const QString id = createUser(u"PATCHY"_s);
    const QString path = u"/scim/v2/Users/"_s + id;
    const auto patch = [&](const QJsonArray& operations) { return scim("PATCH", path, patchBody(operations)); };

    auto reply = patch({op(u"replace"_s, u"active"_s, false)});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object()[u"active"_s].toBool(), false);
    // Capitalised op names and string booleans, as some provisioning clients send.
    reply = patch({op(u"Replace"_s, u"active"_s, u"True"_s)});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object()[u"active"_s].toBool(), true);

    reply = patch(
        {op(u"replace"_s, u"name.givenName"_s, u"Amazing"_s), op(u"add"_s, u"displayName"_s, u"Amazing Grace"_s)});
    QCOMPARE(reply.object()[u"name"_s][u"givenName"_s].toString(), u"Amazing"_s);
    QCOMPARE(reply.object()[u"name"_s][u"familyName"_s].toString(), u"Hopper"_s);
    QCOMPARE(reply.object()[u"displayName"_s].toString(), u"Amazing Grace"_s);

    reply = patch({op(u"replace"_s, u"name"_s, QJsonObject{{u"familyName"_s, u"Murray"_s}})});
    QCOMPARE(reply.object()[u"name"_s][u"givenName"_s].toString(), u"Amazing"_s); // sub-attributes merge
    QCOMPARE(reply.object()[u"name"_s][u"familyName"_s].toString(), u"Murray"_s);

    reply = patch({op(u"add"_s, u"emails"_s,
                      QJsonArray{QJsonObject{{u"value"_s, u"work@example.org"_s}, {u"primary"_s, true}}})});
    QCOMPARE(reply.object()[u"emails"_s].toArray().size(), 2);
    QCOMPARE(reply.object()[u"emails"_s][0][u"primary"_s].toBool(), false); // the new primary took the flag
    QCOMPARE(reply.object()[u"emails"_s][1][u"primary"_s].toBool(), true);

    reply = patch({op(u"remove"_s, u"emails[value eq \"patchy@example.com\"]"_s)});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object()[u"emails"_s].toArray().size(), 1);
    QCOMPARE(reply.object()[u"emails"_s][0][u"value"_s].toString(), u"work@example.org"_s);

    // No path: an object of attributes.
    reply = patch({op(u"replace"_s, {}, QJsonObject{{u"displayName"_s, u"No Path"_s}, {u"active"_s, false}})});
    QCOMPARE(reply.object()[u"displayName"_s].toString(), u"No Path"_s);
    QCOMPARE(reply.object()[u"active"_s].toBool(), false);

    // The password: write-only, checked, hashed.
    reply = patch({op(u"replace"_s, u"password"_s, u"brand new password"_s), op(u"replace"_s, u"active"_s, true)});
    QCOMPARE(reply.status, 200);
    QVERIFY(!reply.body.contains("brand new password"));
    QCOMPARE(users().checkPassword(u"PATCHY"_s, "brand new password"), Users::PasswordCheck::Ok);
    QCOMPARE(users().checkPassword(u"PATCHY"_s, Password.toUtf8()), Users::PasswordCheck::Wrong);
    reply = patch({op(u"replace"_s, {}, QJsonObject{{u"password"_s, u"pathless password"_s}})});
    QCOMPARE(users().checkPassword(u"PATCHY"_s, "pathless password"), Users::PasswordCheck::Ok);

    reply = patch({op(u"remove"_s, u"displayName"_s), op(u"remove"_s, u"name"_s), op(u"remove"_s, u"emails"_s)});
    QVERIFY(!reply.object().contains(u"displayName"_s));
    QVERIFY(!reply.object().contains(u"name"_s));
    QCOMPARE(reply.object()[u"emails"_s].toArray().size(), 0);
}

void TestScim::patchRoles()
{
    const QString rolesPath = RolesSchema + u":roles"_s;
    QCOMPARE(m_http
                 .postJson(m_server.url(u"/api/v1/spaces"_s), {{u"space_id"_s, u"SALES"_s}, {u"name"_s, u"Sales"_s}},
                           m_admin)
                 .status,
             201);
    QCOMPARE(m_http
                 .postJson(m_server.url(u"/api/v1/roles"_s),
                           {{u"role_id"_s, u"SALES_MODELER"_s},
                            {u"name"_s, u"Sales modeler"_s},
                            {u"spaces"_s, QJsonArray{u"SALES"_s}}},
                           m_admin)
                 .status,
             201);
    const QString id = createUser(u"ROLEY"_s);
    const QString path = u"/scim/v2/Users/"_s + id;
    const auto patch = [&](const QJsonArray& operations) { return scim("PATCH", path, patchBody(operations)); };
    const auto held = [](const HttpTestReply& reply) {
        QStringList ids;
        for (const QJsonValue& role : reply.object()[RolesSchema][u"roles"_s].toArray()) {
            ids.append(role[u"role_id"_s].toString());
        }
        return ids;
    };

    auto reply = patch(
        {op(u"add"_s, rolesPath,
            QJsonArray{QJsonObject{{u"role_id"_s, u"DW_VIEWER"_s}},
                       QJsonObject{{u"role_id"_s, u"SALES_MODELER"_s}, {u"spaces"_s, QJsonArray{u"SALES"_s}}}})});
    QCOMPARE(reply.status, 200);
    QCOMPARE(held(reply), (QStringList{u"DW_VIEWER"_s, u"SALES_MODELER"_s}));
    QCOMPARE(reply.object()[RolesSchema][u"roles"_s][1][u"spaces"_s].toArray(), QJsonArray{u"SALES"_s});

    reply = patch({op(u"add"_s, rolesPath, QJsonArray{QJsonObject{{u"role_id"_s, u"DW_MODELER"_s}}})});
    QCOMPARE(held(reply), (QStringList{u"DW_VIEWER"_s, u"SALES_MODELER"_s, u"DW_MODELER"_s}));

    // Remove one role by the path filter of api.md.
    reply = patch({op(u"remove"_s, rolesPath + u"[role_id eq \"DW_VIEWER\"]"_s)});
    QCOMPARE(reply.status, 200);
    QCOMPARE(held(reply), (QStringList{u"SALES_MODELER"_s, u"DW_MODELER"_s}));
    verifyScimError(patch({op(u"remove"_s, rolesPath + u"[role_id eq \"DW_VIEWER\"]"_s)}), 400, u"noTarget"_s);

    // Replace through the extension object.
    reply = patch({op(u"replace"_s, RolesSchema,
                      QJsonObject{{u"roles"_s, QJsonArray{QJsonObject{{u"role_id"_s, u"DW_CONSUMER"_s}}}}})});
    QCOMPARE(held(reply), QStringList{u"DW_CONSUMER"_s});

    // The same item rules as technical users: nothing changes on a bad one.
    verifyScimError(patch({op(u"add"_s, rolesPath, QJsonArray{QJsonObject{{u"role_id"_s, u"SALES_MODELER"_s}}})}), 400,
                    u"invalidValue"_s);
    verifyScimError(patch({op(u"add"_s, rolesPath,
                              QJsonArray{QJsonObject{{u"role_id"_s, u"SALES_MODELER"_s},
                                                     {u"spaces"_s, QJsonArray{u"FINANCE"_s}}}})}),
                    400, u"invalidValue"_s);
    QCOMPARE(held(scim("GET", path)), QStringList{u"DW_CONSUMER"_s});

    // A role a user holds cannot be deleted.
    patch({op(u"replace"_s, rolesPath,
              QJsonArray{QJsonObject{{u"role_id"_s, u"SALES_MODELER"_s}, {u"spaces"_s, QJsonArray{u"SALES"_s}}}})});
    QCOMPARE(m_http.del(m_server.url(u"/api/v1/roles/SALES_MODELER"_s), m_admin).status, 409);

    // Remove them all: a user may hold none.
    reply = patch({op(u"remove"_s, rolesPath)});
    QCOMPARE(held(reply), QStringList{});
}

void TestScim::patchErrors_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("scimType");
    QTest::newRow("no PatchOp schema") << QJsonObject{{u"Operations"_s,
                                                       QJsonArray{op(u"replace"_s, u"active"_s, false)}}}
                                       << u"invalidSyntax"_s;
    QTest::newRow("no operations") << patchBody({}) << u"invalidSyntax"_s;
    QTest::newRow("unknown op") << patchBody({op(u"move"_s, u"active"_s, false)}) << u"invalidSyntax"_s;
    QTest::newRow("remove without path") << patchBody({op(u"remove"_s, {})}) << u"noTarget"_s;
    QTest::newRow("unknown attribute") << patchBody({op(u"replace"_s, u"nickName"_s, u"x"_s)}) << u"invalidPath"_s;
    QTest::newRow("unsupported filter") << patchBody({op(u"remove"_s, u"emails[type eq \"work\"]"_s)})
                                        << u"invalidPath"_s;
    QTest::newRow("email filter without match")
        << patchBody({op(u"remove"_s, u"emails[value eq \"x@y.z\"]"_s)}) << u"noTarget"_s;
    QTest::newRow("read-only id") << patchBody({op(u"replace"_s, u"id"_s, u"other"_s)}) << u"mutability"_s;
    QTest::newRow("value missing") << patchBody({op(u"replace"_s, u"displayName"_s)}) << u"invalidValue"_s;
    QTest::newRow("active not boolean") << patchBody({op(u"replace"_s, u"active"_s, 3)}) << u"invalidValue"_s;
    QTest::newRow("remove userName") << patchBody({op(u"remove"_s, u"userName"_s)}) << u"invalidValue"_s;
    QTest::newRow("short password") << patchBody({op(u"replace"_s, u"password"_s, u"short"_s)}) << u"invalidValue"_s;
    QTest::newRow("bad userName") << patchBody({op(u"replace"_s, u"userName"_s, u"lower"_s)}) << u"invalidValue"_s;
    QTest::newRow("pathless value not an object") << patchBody({op(u"replace"_s, {}, u"x"_s)}) << u"invalidValue"_s;
}

void TestScim::patchErrors()
{
    QFETCH(QJsonObject, body);
    QFETCH(QString, scimType);
    static QString id;
    if (id.isEmpty()) {
        id = createUser(u"PATCH_ERRORS"_s);
    }
    const UserRecord before = users().userById(id);
    // Every operation is refused together: a good one before a bad one does not stick.
    QJsonArray operations{op(u"replace"_s, u"displayName"_s, u"Changed"_s)};
    for (const QJsonValue& operation : body[u"Operations"_s].toArray()) {
        operations.append(operation);
    }
    if (body.contains(u"Operations"_s) && !body[u"Operations"_s].toArray().isEmpty()) {
        body.insert(u"Operations"_s, operations);
    }
    verifyScimError(scim("PATCH", u"/scim/v2/Users/"_s + id, body), 400, scimType);
    QCOMPARE(*users().userById(id), *before);
}

void TestScim::whoMayCall()
{
    const QString path = u"/scim/v2/Users"_s;
    // No token, a malformed one.
    const auto anonymous = m_http.get(m_server.url(path));
    verifyScimError(anonymous, 401, {});
    QVERIFY(anonymous.header("WWW-Authenticate").startsWith("Bearer"));
    verifyScimError(scim("GET", path, {}, u"not-a-token"_s), 401, {});

    // API Access with user_provisioning: may.
    const auto provisioning = createClient(m_http, m_server, m_admin, apiBody(u"Provisioning"_s));
    QCOMPARE(provisioning.status, 201);
    const QString provisioningToken = m_http.token(m_server.tokenUrl(), provisioning.id, provisioning.secret);
    QCOMPARE(scim("GET", path, {}, provisioningToken).status, 200);
    const auto created = scim("POST", path, userBody(u"PROVISIONED"_s), provisioningToken);
    QCOMPARE(created.status, 201);
    QCOMPARE(scim("DELETE", path + u"/"_s + created.object()[u"id"_s].toString(), {}, provisioningToken).status, 204);

    // ... but not with a token narrowed to another scope.
    const auto both
        = createClient(m_http, m_server, m_admin, apiBody(u"Both"_s, {u"user_provisioning"_s, u"content_network"_s}));
    const QString narrowed
        = m_http.token(m_server.tokenUrl(), both.id, both.secret, {{u"scope"_s, u"content_network"_s}});
    QVERIFY(!narrowed.isEmpty());
    verifyScimError(scim("GET", path, {}, narrowed), 403, {});
    QCOMPARE(scim("GET", path, {}, m_http.token(m_server.tokenUrl(), both.id, both.secret)).status, 200);

    // API Access without user_provisioning, a technical user without
    // DW_ADMINISTRATOR: 403, for reads and writes alike.
    const auto content = createClient(m_http, m_server, m_admin, apiBody(u"Content"_s, {u"content_network"_s}));
    const QString contentToken = m_http.token(m_server.tokenUrl(), content.id, content.secret);
    verifyScimError(scim("GET", path, {}, contentToken), 403, {});
    verifyScimError(scim("POST", path, userBody(u"NOT_ALLOWED"_s), contentToken), 403, {});
    const auto viewer = createClient(m_http, m_server, m_admin, technicalBody(u"Viewer"_s, u"SCIM_VIEWER"_s));
    const QString viewerToken = m_http.token(m_server.tokenUrl(), viewer.id, viewer.secret);
    verifyScimError(scim("GET", path, {}, viewerToken), 403, {});
    verifyScimError(scim("DELETE", path + u"/whatever"_s, {}, viewerToken), 403, {});
    QVERIFY(!users().userByName(u"NOT_ALLOWED"_s));

    // A deleted client's token stops working at once.
    QCOMPARE(m_http.del(m_server.url(u"/api/v1/clients/"_s + provisioning.id), m_admin).status, 204);
    verifyScimError(scim("GET", path, {}, provisioningToken), 401, {});
}

void TestScim::deactivationAndDeletionEndTokens()
{
    const QString id = createUser(u"HOOKED"_s);
    const qint64 issued = m_server.clock().now();
    QVERIFY(users().isUserTokenActive(u"HOOKED"_s, issued));
    m_server.clock().advance(30);
    QCOMPARE(scim("PATCH", u"/scim/v2/Users/"_s + id, patchBody({op(u"replace"_s, u"active"_s, false)})).status, 200);
    QVERIFY(!users().isUserActive(u"HOOKED"_s));
    QVERIFY(!users().isUserTokenActive(u"HOOKED"_s, issued));
    m_server.clock().advance(30);
    QCOMPARE(scim("PATCH", u"/scim/v2/Users/"_s + id, patchBody({op(u"replace"_s, u"active"_s, true)})).status, 200);
    QVERIFY(!users().isUserTokenActive(u"HOOKED"_s, issued)); // stays ended
    QVERIFY(users().isUserTokenActive(u"HOOKED"_s, m_server.clock().now()));
    QCOMPARE(scim("DELETE", u"/scim/v2/Users/"_s + id).status, 204);
    QVERIFY(!users().isUserTokenActive(u"HOOKED"_s, m_server.clock().now()));
}

// A token that acts for a user, as the authorization-code and SAML grants
// issue them (sub = the user name), signed with the server's own key.
static QString userToken(const TestServer& server, const QString& clientId, const QString& userName, qint64 now)
{
    QString error;
    QString warning;
    const auto key = SigningKey::loadOrCreate(QDir(server.dataDir()).filePath(u"signing-key.pem"_s), &error, &warning);
    if (!key) {
        qWarning() << error;
        return {};
    }
    const QString issuer = server.baseUrl().toString();
    const QJsonObject claims{{u"iss"_s, issuer},
                             {u"sub"_s, userName},
                             {u"client_id"_s, clientId},
                             {u"aud"_s, issuer},
                             {u"iat"_s, now},
                             {u"exp"_s, now + 3600},
                             {u"jti"_s, Crypto::randomToken(16)},
                             {u"roles"_s, QJsonArray{}},
                             {u"scoped_roles"_s, QJsonObject{}}};
    return QString::fromLatin1(Jwt::sign(Jwt::encodedHeader(*key), claims, *key));
}

void TestScim::administratorUsersMayCall()
{
    const auto interactive = createClient(m_http, m_server, m_admin, interactiveBody(u"Sign-in app"_s));
    QCOMPARE(interactive.status, 201);
    const QString adminId = createUser(
        u"SECOND_ADMIN"_s,
        {{RolesSchema, QJsonObject{{u"roles"_s, QJsonArray{QJsonObject{{u"role_id"_s, u"DW_ADMINISTRATOR"_s}}}}}}});
    QVERIFY(
        !createUser(u"PLAIN_USER"_s,
                    {{RolesSchema, QJsonObject{{u"roles"_s, QJsonArray{QJsonObject{{u"role_id"_s, u"DW_VIEWER"_s}}}}}}})
             .isEmpty());
    const qint64 now = m_server.clock().now();
    const QString adminUser = userToken(m_server, interactive.id, u"SECOND_ADMIN"_s, now);
    const QString plainUser = userToken(m_server, interactive.id, u"PLAIN_USER"_s, now);
    const QString ghost = userToken(m_server, interactive.id, u"NO_SUCH_USER"_s, now);
    QVERIFY(!adminUser.isEmpty());

    // An administrator user: SCIM and the management API; the actor is the user.
    QCOMPARE(scim("GET", u"/scim/v2/Users"_s, {}, adminUser).status, 200);
    QCOMPARE(m_http.get(m_server.url(u"/api/v1/tenant"_s), adminUser).status, 200);
    const auto created = scim("POST", u"/scim/v2/Users"_s, userBody(u"MADE_BY_USER"_s), adminUser);
    QCOMPARE(created.status, 201);
    const auto audit = m_http.get(m_server.url(u"/api/v1/audit/activities"_s), m_admin);
    bool actorIsUser = false;
    for (const QJsonValue& record : audit.array()) {
        if (record[u"target"_s].toString() == created.object()[u"id"_s].toString()) {
            actorIsUser = record[u"actor"_s].toString() == u"SECOND_ADMIN"_s;
        }
    }
    QVERIFY(actorIsUser);

    // A user without DW_ADMINISTRATOR: 403; an unknown user: 401.
    verifyScimError(scim("GET", u"/scim/v2/Users"_s, {}, plainUser), 403, {});
    QCOMPARE(m_http.get(m_server.url(u"/api/v1/tenant"_s), plainUser).status, 403);
    verifyScimError(scim("GET", u"/scim/v2/Users"_s, {}, ghost), 401, {});

    // Deactivated: the token is inactive everywhere at once, also after reactivation.
    m_server.clock().advance(5);
    QCOMPARE(scim("PATCH", u"/scim/v2/Users/"_s + adminId, patchBody({op(u"replace"_s, u"active"_s, false)})).status,
             200);
    verifyScimError(scim("GET", u"/scim/v2/Users"_s, {}, adminUser), 401, {});
    QCOMPARE(m_http.get(m_server.url(u"/api/v1/tenant"_s), adminUser).status, 401);
    const auto introspection = m_http.postForm(m_server.url(u"/oauth/introspect"_s), {{u"token"_s, adminUser}},
                                               m_server.adminClientId(), m_server.adminSecret());
    QCOMPARE(introspection.status, 200);
    QCOMPARE(introspection.object()[u"active"_s].toBool(), false);
    m_server.clock().advance(5);
    QCOMPARE(scim("PATCH", u"/scim/v2/Users/"_s + adminId, patchBody({op(u"replace"_s, u"active"_s, true)})).status,
             200);
    verifyScimError(scim("GET", u"/scim/v2/Users"_s, {}, adminUser), 401, {});
    const QString fresh = userToken(m_server, interactive.id, u"SECOND_ADMIN"_s, m_server.clock().now());
    QCOMPARE(scim("GET", u"/scim/v2/Users"_s, {}, fresh).status, 200);
}

void TestScim::changesAreAudited()
{
    const qint64 from = m_server.clock().now();
    m_server.clock().advance(100);
    const QString id = createUser(u"AUDITED"_s);
    QCOMPARE(scim("PATCH", u"/scim/v2/Users/"_s + id,
                  patchBody({op(u"replace"_s, u"password"_s, u"audited new password"_s),
                             op(u"replace"_s, u"active"_s, false)}))
                 .status,
             200);
    QCOMPARE(scim("DELETE", u"/scim/v2/Users/"_s + id).status, 204);
    const auto audit
        = m_http.get(m_server.url(u"/api/v1/audit/activities?from=%1&format=json"_s.arg(from + 100)), m_admin);
    QCOMPARE(audit.status, 200);
    QStringList actions;
    for (const QJsonValue& record : audit.array()) {
        if (record[u"target"_s].toString() == id) {
            actions.append(record[u"action"_s].toString());
            QCOMPARE(record[u"actor"_s].toString(), m_server.adminClientId());
            QVERIFY(record[u"detail"_s].toString().contains(u"AUDITED"_s));
        }
    }
    QCOMPARE(actions, (QStringList{u"user.create"_s, u"user.update"_s, u"user.delete"_s}));
    QVERIFY(!audit.body.contains(Password.toUtf8()));
    QVERIFY(!audit.body.contains("audited new password"));
    QVERIFY(audit.body.contains("password set"));
}

void TestScim::usersSurviveRestart()
{
    const QString id = createUser(u"DURABLE"_s);
    QVERIFY(m_server.restart());
    m_admin = adminToken(m_http, m_server);
    const auto got = scim("GET", u"/scim/v2/Users/"_s + id);
    QCOMPARE(got.status, 200);
    QCOMPARE(got.object()[u"userName"_s].toString(), u"DURABLE"_s);
    QCOMPARE(users().checkPassword(u"DURABLE"_s, Password.toUtf8()), Users::PasswordCheck::Ok);
}

void TestScim::unknownIdsAndPaths()
{
    verifyScimError(scim("GET", u"/scim/v2/Users/00000000-0000-0000-0000-000000000000"_s), 404, {});
    verifyScimError(scim("PATCH", u"/scim/v2/Users/nope"_s, patchBody({op(u"replace"_s, u"active"_s, false)})), 404,
                    {});
    verifyScimError(scim("GET", u"/scim/v2/Groups"_s), 404, {});
    const auto wrongMethod = scim("POST", u"/scim/v2/Users/someone"_s, userBody(u"X"_s));
    verifyScimError(wrongMethod, 405, {});
    QVERIFY(wrongMethod.header("Allow").contains("PATCH"));
}

APPINT_TEST_MAIN(TestScim)
#include "TestScim.moc"
