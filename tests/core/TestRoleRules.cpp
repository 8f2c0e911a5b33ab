#include "TestMain.h"

#include "core/RoleRules.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;
using namespace appint;

namespace {
QJsonObject json(const char* text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

Spaces spaces()
{
    return {{u"SALES"_s, u"Sales"_s}, {u"FINANCE"_s, u"Finance"_s}};
}
} // namespace

class TestRoleRules : public QObject
{
    Q_OBJECT

private slots:
    void standardRoles();
    void role_data();
    void role();
    void roleConflict();
    void space_data();
    void space();
};

void TestRoleRules::standardRoles()
{
    const Roles roles = RoleRules::standardRoles();
    QStringList ids;
    for (const Role& role : roles) {
        ids.append(role.roleId);
        QCOMPARE(role.scope, RoleScope::Global);
        QVERIFY(role.standard);
        QVERIFY(!role.name.isEmpty());
    }
    QCOMPARE(ids,
             (QStringList{u"DW_ADMINISTRATOR"_s, u"DW_SPACE_ADMINISTRATOR"_s, u"DW_INTEGRATOR"_s, u"DW_MODELER"_s,
                          u"DW_VIEWER"_s, u"DW_CONSUMER"_s}));
    QVERIFY(RoleRules::isStandardRole(u"DW_VIEWER"_s));
    QVERIFY(!RoleRules::isStandardRole(u"SALES_MODELER"_s));
}

void TestRoleRules::role_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("fields");
    QTest::newRow("valid") << QByteArray(R"({"role_id":"SALES_MODELER","name":"Sales Modeler","scope":"scoped",)"
                                         R"("spaces":["SALES"]})")
                           << QStringList{};
    QTest::newRow("scope may be left out")
        << QByteArray(R"({"role_id":"X","name":"X","spaces":["SALES","FINANCE"]})") << QStringList{};
    QTest::newRow("global") << QByteArray(R"({"role_id":"X","name":"X","scope":"global","spaces":["SALES"]})")
                            << QStringList{u"scope"_s};
    QTest::newRow("no spaces") << QByteArray(R"({"role_id":"X","name":"X","spaces":[]})") << QStringList{u"spaces"_s};
    QTest::newRow("unknown space") << QByteArray(R"({"role_id":"X","name":"X","spaces":["HR"]})")
                                   << QStringList{u"spaces"_s};
    QTest::newRow("bad id") << QByteArray(R"({"role_id":"a b","name":"X","spaces":["SALES"]})")
                            << QStringList{u"role_id"_s};
    QTest::newRow("no name") << QByteArray(R"({"role_id":"X","spaces":["SALES"]})") << QStringList{u"name"_s};
    QTest::newRow("unknown field") << QByteArray(R"({"role_id":"X","name":"X","spaces":["SALES"],"z":1})")
                                   << QStringList{u"z"_s};
}

void TestRoleRules::role()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, fields);
    const auto result
        = RoleRules::parseRole(QJsonDocument::fromJson(body).object(), RoleRules::standardRoles(), spaces());
    QStringList got;
    for (const FieldError& error : result.errors) {
        got.append(error.field);
    }
    QCOMPARE(got, fields);
    QVERIFY(!result.conflict);
    if (fields.isEmpty()) {
        QCOMPARE(result.value.scope, RoleScope::Scoped);
        QVERIFY(!result.value.standard);
    }
}

void TestRoleRules::roleConflict()
{
    const auto result = RoleRules::parseRole(json(R"({"role_id":"DW_VIEWER","name":"V","spaces":["SALES"]})"),
                                             RoleRules::standardRoles(), spaces());
    QVERIFY(result.conflict);
    QCOMPARE(result.errors.constFirst().field, u"role_id"_s);
}

void TestRoleRules::space_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("fields");
    QTest::addColumn<bool>("conflict");
    QTest::newRow("valid") << QByteArray(R"({"space_id":"HR","name":"Human Resources"})") << QStringList{} << false;
    QTest::newRow("20 characters") << QByteArray(R"({"space_id":"ABCDEFGHIJ0123456789","name":"x"})") << QStringList{}
                                   << false;
    QTest::newRow("21 characters") << QByteArray(R"({"space_id":"ABCDEFGHIJ0123456789X","name":"x"})")
                                   << QStringList{u"space_id"_s} << false;
    QTest::newRow("lowercase") << QByteArray(R"({"space_id":"hr","name":"x"})") << QStringList{u"space_id"_s} << false;
    QTest::newRow("no name") << QByteArray(R"({"space_id":"HR"})") << QStringList{u"name"_s} << false;
    QTest::newRow("exists") << QByteArray(R"({"space_id":"SALES","name":"x"})") << QStringList{u"space_id"_s} << true;
}

void TestRoleRules::space()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, fields);
    QFETCH(bool, conflict);
    const auto result = RoleRules::parseSpace(QJsonDocument::fromJson(body).object(), spaces());
    QStringList got;
    for (const FieldError& error : result.errors) {
        got.append(error.field);
    }
    QCOMPARE(got, fields);
    QCOMPARE(result.conflict, conflict);
}

APPINT_TEST_MAIN(TestRoleRules)
#include "TestRoleRules.moc"
