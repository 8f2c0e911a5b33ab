#include "TestMain.h"

#include "core/ClientInput.h"
#include "core/ClientRules.h"
#include "core/OAuthNames.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;
using namespace appint;

namespace {

constexpr qint64 Now = 1'764'000'000;

QJsonObject json(const char* text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

QStringList fieldsOf(const FieldErrors& errors)
{
    QStringList fields;
    for (const FieldError& error : errors) {
        fields.append(error.field);
    }
    return fields;
}

Client technicalClient()
{
    Client client = ClientRules::withDefaults(Purpose::Technical, Now);
    client.clientId = u"sb-1234"_s;
    client.clientName = u"ETL"_s;
    client.userId = u"ETL"_s;
    client.roles = {{u"DW_VIEWER"_s, {}}};
    client.clientIdIssuedAt = Now - 100;
    return client;
}

} // namespace

class TestClientInput : public QObject
{
    Q_OBJECT

private slots:
    void createAppliesDefaults();
    void createTrimsName();
    void createTypeErrors_data();
    void createTypeErrors();
    void createNullMeansDefault();
    void createWithoutPurpose();
    void patchChangesOnlyWhatItCarries();
    void patchNullResetsLifetime();
    void patchReadOnlyFields_data();
    void patchReadOnlyFields();
    void clientJsonRoundTrip();
    void roleAssignmentsAsJsonAndText();
};

void TestClientInput::createAppliesDefaults()
{
    const auto result = ClientInput::parseCreate(
        json(R"({"client_name":"ETL","purpose":"technical","user_id":"ETL","roles":[{"role_id":"DW_VIEWER"}]})"), Now);
    QVERIFY(result.errors.isEmpty());
    QVERIFY(result.purposeKnown);
    QCOMPARE(result.client.accessTokenLifetime, 86400);
    QCOMPARE(result.client.clientSecretExpiresAt, ClientRules::defaultExpiry(Now));
    QCOMPARE(result.client.grantTypes, QStringList{oauth::GrantClientCredentials});
    QCOMPARE(result.client.roles, (RoleAssignments{{u"DW_VIEWER"_s, {}}}));
    QVERIFY(ClientRules::check(result.client, RuleContext{Now, nullptr, {}}).isEmpty());
}

void TestClientInput::createTrimsName()
{
    const auto result = ClientInput::parseCreate(json(R"({"client_name":"  Reports  ","purpose":"api"})"), Now);
    QCOMPARE(result.client.clientName, u"Reports"_s);
    QCOMPARE(result.client.purpose, Purpose::Api);
}

void TestClientInput::createTypeErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("fields");
    QTest::newRow("name is a number") << QByteArray(R"({"purpose":"api","client_name":5})")
                                      << QStringList{u"client_name"_s};
    QTest::newRow("lifetime is a string")
        << QByteArray(R"({"purpose":"api","access_token_lifetime":"3600"})") << QStringList{u"access_token_lifetime"_s};
    QTest::newRow("lifetime is a fraction")
        << QByteArray(R"({"purpose":"api","access_token_lifetime":3600.5})") << QStringList{u"access_token_lifetime"_s};
    QTest::newRow("lifetime is huge") << QByteArray(R"({"purpose":"api","access_token_lifetime":1e300})")
                                      << QStringList{u"access_token_lifetime"_s};
    QTest::newRow("access is a string") << QByteArray(R"({"purpose":"api","access":"user_provisioning"})")
                                        << QStringList{u"access"_s};
    QTest::newRow("access holds a number")
        << QByteArray(R"({"purpose":"api","access":[1]})") << QStringList{u"access"_s};
    QTest::newRow("roles is an object") << QByteArray(R"({"purpose":"technical","roles":{"role_id":"X"}})")
                                        << QStringList{u"roles"_s};
    QTest::newRow("role without id") << QByteArray(R"({"purpose":"technical","roles":[{"spaces":["A"]}]})")
                                     << QStringList{u"roles"_s};
    QTest::newRow("role with unknown key")
        << QByteArray(R"({"purpose":"technical","roles":[{"role_id":"X","scope":"global"}]})")
        << QStringList{u"roles"_s};
    QTest::newRow("unknown field") << QByteArray(R"({"purpose":"api","colour":"red"})") << QStringList{u"colour"_s};
    QTest::newRow("client_id is read-only")
        << QByteArray(R"({"purpose":"api","client_id":"mine"})") << QStringList{u"client_id"_s};
    QTest::newRow("secret is read-only") << QByteArray(R"({"purpose":"api","client_secret":"hunter2"})")
                                         << QStringList{u"client_secret"_s};
    QTest::newRow("unknown purpose") << QByteArray(R"({"purpose":"robot"})") << QStringList{u"purpose"_s};
    QTest::newRow("purpose is a number") << QByteArray(R"({"purpose":1})") << QStringList{u"purpose"_s};
    QTest::newRow("two problems") << QByteArray(R"({"purpose":"api","client_name":[],"x":1})")
                                  << QStringList{u"client_name"_s, u"x"_s};
}

void TestClientInput::createTypeErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, fields);
    const auto result = ClientInput::parseCreate(QJsonDocument::fromJson(body).object(), Now);
    QStringList got = fieldsOf(result.errors);
    got.sort();
    fields.sort();
    QCOMPARE(got, fields);
    for (const FieldError& error : result.errors) {
        QVERIFY(!error.message.isEmpty());
        QVERIFY2(!error.message.contains(u"hunter2"_s), "an error message repeats a secret");
    }
}

void TestClientInput::createNullMeansDefault()
{
    const auto result = ClientInput::parseCreate(
        json(R"({"purpose":"interactive","client_name":"CLI","access_token_lifetime":null,"user_id":null})"), Now);
    QVERIFY(result.errors.isEmpty());
    QCOMPARE(result.client.accessTokenLifetime, 3600);
    QVERIFY(result.client.userId.isEmpty());
}

void TestClientInput::createWithoutPurpose()
{
    const auto result = ClientInput::parseCreate(json(R"({"client_name":"x"})"), Now);
    QVERIFY(!result.purposeKnown);
    QCOMPARE(fieldsOf(result.errors), QStringList{u"purpose"_s});
}

void TestClientInput::patchChangesOnlyWhatItCarries()
{
    const Client existing = technicalClient();
    const auto result = ClientInput::parsePatch(
        json(R"({"client_name":"ETL nightly","roles":[{"role_id":"DW_MODELER"}]})"), existing, Now);
    QVERIFY(result.errors.isEmpty());
    QCOMPARE(result.changedFields, (QStringList{u"client_name"_s, u"roles"_s}));
    QCOMPARE(result.client.clientName, u"ETL nightly"_s);
    QCOMPARE(result.client.roles, (RoleAssignments{{u"DW_MODELER"_s, {}}}));
    QCOMPARE(result.client.userId, existing.userId);
    QCOMPARE(result.client.clientSecretExpiresAt, existing.clientSecretExpiresAt);
}

void TestClientInput::patchNullResetsLifetime()
{
    Client existing = technicalClient();
    existing.accessTokenLifetime = 7200;
    const auto result = ClientInput::parsePatch(json(R"({"access_token_lifetime":null})"), existing, Now);
    QVERIFY(result.errors.isEmpty());
    QCOMPARE(result.client.accessTokenLifetime, 86400);

    const auto name = ClientInput::parsePatch(json(R"({"client_name":null})"), existing, Now);
    QVERIFY(name.errors.isEmpty());
    QCOMPARE(ClientRules::checkFields(name.client, RuleContext{Now, nullptr, {}}, name.changedFields).size(), 1);
}

void TestClientInput::patchReadOnlyFields_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("fields");
    QTest::newRow("same purpose") << QByteArray(R"({"purpose":"technical"})") << QStringList{};
    QTest::newRow("same client_id") << QByteArray(R"({"client_id":"sb-1234"})") << QStringList{};
    QTest::newRow("other purpose") << QByteArray(R"({"purpose":"api"})") << QStringList{u"purpose"_s};
    QTest::newRow("other user") << QByteArray(R"({"user_id":"OTHER"})") << QStringList{u"user_id"_s};
    QTest::newRow("grant types") << QByteArray(R"({"grant_types":["urn:ietf:params:oauth:grant-type:saml2-bearer"]})")
                                 << QStringList{u"grant_types"_s};
    QTest::newRow("secret") << QByteArray(R"({"client_secret":"x"})") << QStringList{u"client_secret"_s};
    QTest::newRow("unknown") << QByteArray(R"({"colour":"red"})") << QStringList{u"colour"_s};
    QTest::newRow("wrong type") << QByteArray(R"({"client_secret_expires_at":"soon"})")
                                << QStringList{u"client_secret_expires_at"_s};
}

void TestClientInput::patchReadOnlyFields()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, fields);
    const auto result = ClientInput::parsePatch(QJsonDocument::fromJson(body).object(), technicalClient(), Now);
    QCOMPARE(fieldsOf(result.errors), fields);
}

void TestClientInput::clientJsonRoundTrip()
{
    Client client = technicalClient();
    client.roles = {{u"DW_VIEWER"_s, {}}, {u"SALES_MODELER"_s, {u"SALES"_s}}};
    const QJsonObject object = client.toJson(Now);
    QCOMPARE(object.value(u"user_id"_s).toString(), u"ETL"_s);
    QVERIFY(object.value(u"access"_s).isArray());
    QVERIFY(!object.contains(u"client_secret"_s));
    QCOMPARE(Client::fromJson(object), client);

    Client api = ClientRules::withDefaults(Purpose::Api, Now);
    QVERIFY(api.toJson(Now).value(u"user_id"_s).isNull());
}

void TestClientInput::roleAssignmentsAsJsonAndText()
{
    const RoleAssignments roles{{u"DW_VIEWER"_s, {}}, {u"SALES_MODELER"_s, {u"HR"_s, u"SALES"_s}}};
    const QJsonArray array = RoleAssignment::toJsonArray(roles);
    QCOMPARE(QJsonDocument(array).toJson(QJsonDocument::Compact),
             QByteArray(R"([{"role_id":"DW_VIEWER"},{"role_id":"SALES_MODELER","spaces":["HR","SALES"]}])"));
    QCOMPARE(RoleAssignment::fromJsonArray(array), roles);
    QVERIFY(RoleAssignment::fromJsonArray(QJsonArray()).isEmpty());

    QCOMPARE(roles.at(0).displayText(), u"DW_VIEWER"_s);
    QCOMPARE(roles.at(1).displayText(), u"SALES_MODELER (HR, SALES)"_s);
    QCOMPARE(RoleAssignment::joinedText(roles), u"DW_VIEWER, SALES_MODELER (HR, SALES)"_s);
    QCOMPARE(RoleAssignment::joinedText(roles, u"\n"), u"DW_VIEWER\nSALES_MODELER (HR, SALES)"_s);
    QCOMPARE(RoleAssignment::joinedText({}), QString());
}

APPINT_TEST_MAIN(TestClientInput)
#include "TestClientInput.moc"
