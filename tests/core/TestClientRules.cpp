#include "TestMain.h"

#include "core/ClientRules.h"
#include "core/OAuthNames.h"

#include <QDateTime>

using namespace Qt::StringLiterals;
using namespace appint;

Q_DECLARE_METATYPE(appint::Purpose)

namespace {

constexpr qint64 Now = 1'764'000'000; // 2025-11-24T16:00:00Z

QString fieldsOf(const FieldErrors& errors)
{
    QStringList fields;
    for (const FieldError& error : errors) {
        fields.append(error.field);
    }
    return fields.join(u',');
}

Roles catalogue()
{
    Roles roles;
    Role admin;
    admin.roleId = oauth::RoleAdministrator;
    admin.scope = RoleScope::Global;
    roles.append(admin);
    Role viewer;
    viewer.roleId = u"DW_VIEWER"_s;
    viewer.scope = RoleScope::Global;
    roles.append(viewer);
    Role modeler;
    modeler.roleId = u"SALES_MODELER"_s;
    modeler.scope = RoleScope::Scoped;
    modeler.spaces = QStringList{u"SALES"_s, u"FINANCE"_s};
    roles.append(modeler);
    return roles;
}

qint64 utcSeconds(int year, int month, int day)
{
    return QDateTime(QDate(year, month, day), QTime(12, 0), Qt::UTC).toSecsSinceEpoch();
}

} // namespace

class TestClientRules : public QObject
{
    Q_OBJECT

private slots:
    void name_data();
    void name();
    void accessTokenLifetime_data();
    void accessTokenLifetime();
    void refreshTokenLifetime_data();
    void refreshTokenLifetime();
    void expiry_data();
    void expiry();
    void expiryRangeIsCalendarBased_data();
    void expiryRangeIsCalendarBased();
    void userId_data();
    void userId();
    void roles_data();
    void roles();
    void redirectUris_data();
    void redirectUris();
    void access_data();
    void access();
    void grantTypes_data();
    void grantTypes();
    void defaults_data();
    void defaults();
    void expiryState_data();
    void expiryState();
    void checkCollectsEveryField();
    void messagesAreReadable();
};

void TestClientRules::name_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("blank") << u"   "_s << false;
    QTest::newRow("one") << u"a"_s << true;
    QTest::newRow("99") << QString(99, u'x') << true;
    QTest::newRow("100") << QString(100, u'x') << true;
    QTest::newRow("101") << QString(101, u'x') << false;
    QTest::newRow("100 plus blanks is trimmed") << (u"  "_s + QString(100, u'x') + u"  "_s) << true;
    QTest::newRow("100 code points outside the BMP")
        << QString::fromUcs4(std::u32string(100, U'\U0001F511').c_str()) << true;
    QTest::newRow("101 code points outside the BMP")
        << QString::fromUcs4(std::u32string(101, U'\U0001F511').c_str()) << false;
    QTest::newRow("line break") << u"a\nb"_s << false;
    QTest::newRow("unicode") << u"Vertrieb Süd – ETL"_s << true;
}

void TestClientRules::name()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    const FieldErrors errors = ClientRules::checkName(name);
    QCOMPARE(errors.isEmpty(), valid);
    if (!valid) {
        QCOMPARE(fieldsOf(errors), u"client_name"_s);
    }
}

void TestClientRules::accessTokenLifetime_data()
{
    QTest::addColumn<Purpose>("purpose");
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<bool>("valid");
    for (Purpose purpose : {Purpose::Interactive, Purpose::Api}) {
        const QByteArray p = purposeId(purpose).toLatin1();
        QTest::addRow("%s 59", p.constData()) << purpose << qint64(59) << false;
        QTest::addRow("%s 60", p.constData()) << purpose << qint64(60) << true;
        QTest::addRow("%s 61", p.constData()) << purpose << qint64(61) << true;
        QTest::addRow("%s 86399", p.constData()) << purpose << qint64(86399) << true;
        QTest::addRow("%s 86400", p.constData()) << purpose << qint64(86400) << true;
        QTest::addRow("%s 86401", p.constData()) << purpose << qint64(86401) << false;
    }
    QTest::newRow("technical 3599") << Purpose::Technical << qint64(3599) << false;
    QTest::newRow("technical 3600") << Purpose::Technical << qint64(3600) << true;
    QTest::newRow("technical 3601") << Purpose::Technical << qint64(3601) << true;
    QTest::newRow("technical 86399") << Purpose::Technical << qint64(86399) << true;
    QTest::newRow("technical 86400") << Purpose::Technical << qint64(86400) << true;
    QTest::newRow("technical 86401") << Purpose::Technical << qint64(86401) << false;
    QTest::newRow("technical 60") << Purpose::Technical << qint64(60) << false;
    QTest::newRow("negative") << Purpose::Api << qint64(-1) << false;
}

void TestClientRules::accessTokenLifetime()
{
    QFETCH(Purpose, purpose);
    QFETCH(qint64, seconds);
    QFETCH(bool, valid);
    const FieldErrors errors = ClientRules::checkAccessTokenLifetime(purpose, seconds);
    QCOMPARE(errors.isEmpty(), valid);
    if (!valid) {
        QCOMPARE(fieldsOf(errors), u"access_token_lifetime"_s);
    }
}

void TestClientRules::refreshTokenLifetime_data()
{
    QTest::addColumn<Purpose>("purpose");
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<bool>("valid");
    for (Purpose purpose : {Purpose::Interactive, Purpose::Api}) {
        const QByteArray p = purposeId(purpose).toLatin1();
        QTest::addRow("%s 59", p.constData()) << purpose << qint64(59) << false;
        QTest::addRow("%s 60", p.constData()) << purpose << qint64(60) << true;
        QTest::addRow("%s 61", p.constData()) << purpose << qint64(61) << true;
        QTest::addRow("%s 15551999", p.constData()) << purpose << qint64(15551999) << true;
        QTest::addRow("%s 15552000", p.constData()) << purpose << qint64(15552000) << true;
        QTest::addRow("%s 15552001", p.constData()) << purpose << qint64(15552001) << false;
        QTest::addRow("%s 0", p.constData()) << purpose << qint64(0) << false;
    }
    QTest::newRow("technical 0") << Purpose::Technical << qint64(0) << true;
    QTest::newRow("technical 60") << Purpose::Technical << qint64(60) << false;
}

void TestClientRules::refreshTokenLifetime()
{
    QFETCH(Purpose, purpose);
    QFETCH(qint64, seconds);
    QFETCH(bool, valid);
    const FieldErrors errors = ClientRules::checkRefreshTokenLifetime(purpose, seconds);
    QCOMPARE(errors.isEmpty(), valid);
    if (!valid) {
        QCOMPARE(fieldsOf(errors), u"refresh_token_lifetime"_s);
    }
}

void TestClientRules::expiry_data()
{
    QTest::addColumn<Purpose>("purpose");
    QTest::addColumn<qint64>("expiresAt");
    QTest::addColumn<bool>("valid");
    const qint64 minimum = Now + 7 * 86400;
    const qint64 maximum = QDateTime::fromSecsSinceEpoch(Now, Qt::UTC).addYears(20).toSecsSinceEpoch();
    QTest::newRow("7 days - 1 s") << Purpose::Technical << minimum - 1 << false;
    QTest::newRow("7 days") << Purpose::Technical << minimum << true;
    QTest::newRow("7 days + 1 s") << Purpose::Technical << minimum + 1 << true;
    QTest::newRow("20 years - 1 s") << Purpose::Technical << maximum - 1 << true;
    QTest::newRow("20 years") << Purpose::Technical << maximum << true;
    QTest::newRow("20 years + 1 s") << Purpose::Technical << maximum + 1 << false;
    QTest::newRow("never") << Purpose::Technical << qint64(0) << false;
    QTest::newRow("in the past") << Purpose::Technical << Now - 1 << false;
    QTest::newRow("api never") << Purpose::Api << qint64(0) << true;
    QTest::newRow("api with a date") << Purpose::Api << minimum << false;
    QTest::newRow("interactive never") << Purpose::Interactive << qint64(0) << true;
    QTest::newRow("interactive with a date") << Purpose::Interactive << minimum << false;
}

void TestClientRules::expiry()
{
    QFETCH(Purpose, purpose);
    QFETCH(qint64, expiresAt);
    QFETCH(bool, valid);
    const FieldErrors errors = ClientRules::checkExpiry(purpose, expiresAt, Now);
    QCOMPARE(errors.isEmpty(), valid);
    if (!valid) {
        QCOMPARE(fieldsOf(errors), u"client_secret_expires_at"_s);
    }
}

void TestClientRules::expiryRangeIsCalendarBased_data()
{
    QTest::addColumn<qint64>("now");
    QTest::addColumn<qint64>("expectedDefault");
    QTest::addColumn<qint64>("expectedMaximum");
    QTest::newRow("leap day") << utcSeconds(2024, 2, 29) << utcSeconds(2024, 5, 29) << utcSeconds(2044, 2, 29);
    QTest::newRow("end of november") << utcSeconds(2026, 11, 30) << utcSeconds(2027, 2, 28) << utcSeconds(2046, 11, 30);
    QTest::newRow("new year's eve") << utcSeconds(2026, 12, 31) << utcSeconds(2027, 3, 31) << utcSeconds(2046, 12, 31);
}

void TestClientRules::expiryRangeIsCalendarBased()
{
    QFETCH(qint64, now);
    QFETCH(qint64, expectedDefault);
    QFETCH(qint64, expectedMaximum);
    QCOMPARE(ClientRules::defaultExpiry(now), expectedDefault);
    QCOMPARE(ClientRules::maximumExpiry(now), expectedMaximum);
    QCOMPARE(ClientRules::minimumExpiry(now), now + 7 * 86400);
    QVERIFY(ClientRules::checkExpiry(Purpose::Technical, expectedDefault, now).isEmpty());
}

void TestClientRules::userId_data()
{
    QTest::addColumn<Purpose>("purpose");
    QTest::addColumn<QString>("userId");
    QTest::addColumn<bool>("valid");
    QTest::newRow("empty") << Purpose::Technical << QString() << false;
    QTest::newRow("one") << Purpose::Technical << u"A"_s << true;
    QTest::newRow("19") << Purpose::Technical << QString(19, u'A') << true;
    QTest::newRow("20") << Purpose::Technical << QString(20, u'A') << true;
    QTest::newRow("21") << Purpose::Technical << QString(21, u'A') << false;
    QTest::newRow("digits and underscore") << Purpose::Technical << u"ETL_2025"_s << true;
    QTest::newRow("lowercase") << Purpose::Technical << u"etl"_s << false;
    QTest::newRow("dash") << Purpose::Technical << u"ETL-1"_s << false;
    QTest::newRow("space") << Purpose::Technical << u"ETL 1"_s << false;
    QTest::newRow("umlaut") << Purpose::Technical << u"ÜBER"_s << false;
    QTest::newRow("taken") << Purpose::Technical << u"TAKEN"_s << false;
    QTest::newRow("api without") << Purpose::Api << QString() << true;
    QTest::newRow("api with") << Purpose::Api << u"ETL"_s << false;
    QTest::newRow("interactive with") << Purpose::Interactive << u"ETL"_s << false;
}

void TestClientRules::userId()
{
    QFETCH(Purpose, purpose);
    QFETCH(QString, userId);
    QFETCH(bool, valid);
    RuleContext context;
    context.userIdTaken = [](const QString& id) { return id == u"TAKEN"_s; };
    const FieldErrors errors = ClientRules::checkUserId(purpose, userId, context);
    QCOMPARE(errors.isEmpty(), valid);
    if (!valid) {
        QCOMPARE(fieldsOf(errors), u"user_id"_s);
    }
}

void TestClientRules::roles_data()
{
    QTest::addColumn<Purpose>("purpose");
    QTest::addColumn<RoleAssignments>("roles");
    QTest::addColumn<int>("errorCount");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("none") << Purpose::Technical << RoleAssignments{} << 1 << QString();
    QTest::newRow("one global") << Purpose::Technical << RoleAssignments{{u"DW_VIEWER"_s, {}}} << 0 << QString();
    QTest::newRow("global and scoped") << Purpose::Technical
                                       << RoleAssignments{{u"DW_VIEWER"_s, {}}, {u"SALES_MODELER"_s, {u"SALES"_s}}} << 0
                                       << QString();
    QTest::newRow("scoped, every space") << Purpose::Technical
                                         << RoleAssignments{{u"SALES_MODELER"_s, {u"SALES"_s, u"FINANCE"_s}}} << 0
                                         << QString();
    QTest::newRow("unknown role") << Purpose::Technical << RoleAssignments{{u"NOPE"_s, {}}} << 1 << u"NOPE"_s;
    QTest::newRow("global with spaces") << Purpose::Technical << RoleAssignments{{u"DW_VIEWER"_s, {u"SALES"_s}}} << 1
                                        << u"DW_VIEWER"_s;
    QTest::newRow("scoped without spaces")
        << Purpose::Technical << RoleAssignments{{u"SALES_MODELER"_s, {}}} << 1 << u"SALES_MODELER"_s;
    QTest::newRow("scoped with a foreign space")
        << Purpose::Technical << RoleAssignments{{u"SALES_MODELER"_s, {u"HR"_s}}} << 1 << u"HR"_s;
    QTest::newRow("same role twice") << Purpose::Technical
                                     << RoleAssignments{{u"DW_VIEWER"_s, {}}, {u"DW_VIEWER"_s, {}}} << 1
                                     << u"DW_VIEWER"_s;
    QTest::newRow("same space twice") << Purpose::Technical
                                      << RoleAssignments{{u"SALES_MODELER"_s, {u"SALES"_s, u"SALES"_s}}} << 1
                                      << u"SALES"_s;
    QTest::newRow("two bad items") << Purpose::Technical
                                   << RoleAssignments{{u"NOPE"_s, {}}, {u"SALES_MODELER"_s, {u"HR"_s}}} << 2 << u"HR"_s;
    QTest::newRow("api with roles") << Purpose::Api << RoleAssignments{{u"DW_VIEWER"_s, {}}} << 1 << QString();
    QTest::newRow("api without roles") << Purpose::Api << RoleAssignments{} << 0 << QString();
}

void TestClientRules::roles()
{
    QFETCH(Purpose, purpose);
    QFETCH(RoleAssignments, roles);
    QFETCH(int, errorCount);
    QFETCH(QString, mentions);
    const Roles known = catalogue();
    RuleContext context;
    context.roles = &known;
    const FieldErrors errors = ClientRules::checkRoles(purpose, roles, context);
    QCOMPARE(errors.size(), errorCount);
    for (const FieldError& error : errors) {
        QCOMPARE(error.field, u"roles"_s);
    }
    if (!mentions.isEmpty()) {
        QVERIFY2(errors.constLast().message.contains(mentions), qPrintable(errors.constLast().message));
    }
}

void TestClientRules::redirectUris_data()
{
    QTest::addColumn<Purpose>("purpose");
    QTest::addColumn<QStringList>("uris");
    QTest::addColumn<bool>("valid");
    QTest::newRow("none") << Purpose::Interactive << QStringList{} << false;
    QTest::newRow("blank") << Purpose::Interactive << QStringList{u""_s} << false;
    QTest::newRow("https") << Purpose::Interactive << QStringList{u"https://app.example.com/callback"_s} << true;
    QTest::newRow("loopback with port") << Purpose::Interactive << QStringList{u"http://localhost:8080"_s} << true;
    QTest::newRow("trailing wildcard") << Purpose::Interactive << QStringList{u"https://app.example.com/**"_s} << true;
    QTest::newRow("path wildcard") << Purpose::Interactive << QStringList{u"https://app.example.com/cb/**"_s} << true;
    QTest::newRow("wildcard in host") << Purpose::Interactive << QStringList{u"https://*.example.com/cb"_s} << false;
    QTest::newRow("single star") << Purpose::Interactive << QStringList{u"https://app.example.com/*"_s} << false;
    QTest::newRow("wildcard in the middle")
        << Purpose::Interactive << QStringList{u"https://app.example.com/**/cb"_s} << false;
    QTest::newRow("private-use scheme") << Purpose::Interactive << QStringList{u"com.example.app:/callback"_s} << true;
    QTest::newRow("relative") << Purpose::Interactive << QStringList{u"/callback"_s} << false;
    QTest::newRow("no host") << Purpose::Interactive << QStringList{u"https:///callback"_s} << false;
    QTest::newRow("not a uri") << Purpose::Interactive << QStringList{u"hello world"_s} << false;
    QTest::newRow("fragment") << Purpose::Interactive << QStringList{u"https://app.example.com/cb#x"_s} << false;
    QTest::newRow("two") << Purpose::Interactive
                         << QStringList{u"https://a.example.com/cb"_s, u"https://b.example.com/cb"_s} << false;
    QTest::newRow("2048 characters") << Purpose::Interactive
                                     << QStringList{u"https://a.example.com/"_s + QString(2048 - 22, u'x')} << true;
    QTest::newRow("2049 characters") << Purpose::Interactive
                                     << QStringList{u"https://a.example.com/"_s + QString(2049 - 22, u'x')} << false;
    QTest::newRow("technical with one") << Purpose::Technical << QStringList{u"https://a.example.com/cb"_s} << false;
    QTest::newRow("api without") << Purpose::Api << QStringList{} << true;
}

void TestClientRules::redirectUris()
{
    QFETCH(Purpose, purpose);
    QFETCH(QStringList, uris);
    QFETCH(bool, valid);
    const FieldErrors errors = ClientRules::checkRedirectUris(purpose, uris);
    QVERIFY2(errors.isEmpty() == valid, errors.isEmpty() ? "no error" : qPrintable(errors.constFirst().message));
    if (!valid) {
        QCOMPARE(fieldsOf(errors), u"redirect_uris"_s);
    }
}

void TestClientRules::access_data()
{
    QTest::addColumn<Purpose>("purpose");
    QTest::addColumn<QStringList>("access");
    QTest::addColumn<bool>("valid");
    QTest::newRow("none") << Purpose::Api << QStringList{} << false;
    QTest::newRow("provisioning") << Purpose::Api << QStringList{oauth::AccessUserProvisioning} << true;
    QTest::newRow("content network") << Purpose::Api << QStringList{oauth::AccessContentNetwork} << true;
    QTest::newRow("both") << Purpose::Api << QStringList{oauth::AccessContentNetwork, oauth::AccessUserProvisioning}
                          << true;
    QTest::newRow("twice") << Purpose::Api << QStringList{oauth::AccessUserProvisioning, oauth::AccessUserProvisioning}
                           << false;
    QTest::newRow("unknown") << Purpose::Api << QStringList{u"everything"_s} << false;
    QTest::newRow("technical with") << Purpose::Technical << QStringList{oauth::AccessUserProvisioning} << false;
    QTest::newRow("interactive without") << Purpose::Interactive << QStringList{} << true;
}

void TestClientRules::access()
{
    QFETCH(Purpose, purpose);
    QFETCH(QStringList, access);
    QFETCH(bool, valid);
    const FieldErrors errors = ClientRules::checkAccess(purpose, access);
    QCOMPARE(errors.isEmpty(), valid);
    if (!valid) {
        QCOMPARE(fieldsOf(errors), u"access"_s);
    }
}

void TestClientRules::grantTypes_data()
{
    QTest::addColumn<Purpose>("purpose");
    QTest::addColumn<QStringList>("grantTypes");
    QTest::addColumn<bool>("valid");
    QTest::newRow("technical cc") << Purpose::Technical << QStringList{oauth::GrantClientCredentials} << true;
    QTest::newRow("technical saml") << Purpose::Technical << QStringList{oauth::GrantSaml2Bearer} << false;
    QTest::newRow("technical none") << Purpose::Technical << QStringList{} << false;
    QTest::newRow("api cc") << Purpose::Api << QStringList{oauth::GrantClientCredentials} << true;
    QTest::newRow("api saml") << Purpose::Api << QStringList{oauth::GrantSaml2Bearer} << true;
    QTest::newRow("api both") << Purpose::Api << QStringList{oauth::GrantClientCredentials, oauth::GrantSaml2Bearer}
                              << false;
    QTest::newRow("api code") << Purpose::Api << QStringList{oauth::GrantAuthorizationCode} << false;
    QTest::newRow("api none") << Purpose::Api << QStringList{} << false;
    QTest::newRow("interactive code") << Purpose::Interactive << QStringList{oauth::GrantAuthorizationCode} << true;
    QTest::newRow("interactive code+refresh")
        << Purpose::Interactive << QStringList{oauth::GrantRefreshToken, oauth::GrantAuthorizationCode} << true;
    QTest::newRow("interactive refresh only") << Purpose::Interactive << QStringList{oauth::GrantRefreshToken} << false;
    QTest::newRow("interactive cc") << Purpose::Interactive << QStringList{oauth::GrantClientCredentials} << false;
}

void TestClientRules::grantTypes()
{
    QFETCH(Purpose, purpose);
    QFETCH(QStringList, grantTypes);
    QFETCH(bool, valid);
    const FieldErrors errors = ClientRules::checkGrantTypes(purpose, grantTypes);
    QCOMPARE(errors.isEmpty(), valid);
}

void TestClientRules::defaults_data()
{
    QTest::addColumn<Purpose>("purpose");
    QTest::addColumn<qint64>("accessTokenLifetime");
    QTest::addColumn<qint64>("refreshTokenLifetime");
    QTest::addColumn<qint64>("expiresAt");
    QTest::addColumn<QStringList>("grantTypes");
    QTest::newRow("interactive") << Purpose::Interactive << qint64(3600) << qint64(2592000) << qint64(0)
                                 << QStringList{oauth::GrantAuthorizationCode, oauth::GrantRefreshToken};
    QTest::newRow("api") << Purpose::Api << qint64(3600) << qint64(2592000) << qint64(0)
                         << QStringList{oauth::GrantClientCredentials};
    QTest::newRow("technical") << Purpose::Technical << qint64(86400) << qint64(0)
                               << QDateTime::fromSecsSinceEpoch(Now, Qt::UTC).addMonths(3).toSecsSinceEpoch()
                               << QStringList{oauth::GrantClientCredentials};
}

void TestClientRules::defaults()
{
    QFETCH(Purpose, purpose);
    QFETCH(qint64, accessTokenLifetime);
    QFETCH(qint64, refreshTokenLifetime);
    QFETCH(qint64, expiresAt);
    QFETCH(QStringList, grantTypes);
    const Client client = ClientRules::withDefaults(purpose, Now);
    QCOMPARE(client.purpose, purpose);
    QCOMPARE(client.accessTokenLifetime, accessTokenLifetime);
    QCOMPARE(client.refreshTokenLifetime, refreshTokenLifetime);
    QCOMPARE(client.clientSecretExpiresAt, expiresAt);
    QCOMPARE(client.grantTypes, grantTypes);
    // Defaults pass their own rules.
    QVERIFY(ClientRules::checkAccessTokenLifetime(purpose, client.accessTokenLifetime).isEmpty());
    QVERIFY(ClientRules::checkRefreshTokenLifetime(purpose, client.refreshTokenLifetime).isEmpty());
    QVERIFY(ClientRules::checkExpiry(purpose, client.clientSecretExpiresAt, Now).isEmpty());
    QVERIFY(ClientRules::checkGrantTypes(purpose, client.grantTypes).isEmpty());
}

void TestClientRules::expiryState_data()
{
    QTest::addColumn<qint64>("expiresAt");
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("status");
    QTest::newRow("never") << qint64(0) << int(ExpiryState::Active) << u"active"_s;
    QTest::newRow("in 15 days") << Now + 15 * 86400 << int(ExpiryState::Active) << u"active"_s;
    QTest::newRow("in 14 days + 1 s") << Now + 14 * 86400 + 1 << int(ExpiryState::Active) << u"active"_s;
    QTest::newRow("in 14 days") << Now + 14 * 86400 << int(ExpiryState::Expiring) << u"active"_s;
    QTest::newRow("in 1 s") << Now + 1 << int(ExpiryState::Expiring) << u"active"_s;
    QTest::newRow("now") << Now << int(ExpiryState::Expired) << u"expired"_s;
    QTest::newRow("a second ago") << Now - 1 << int(ExpiryState::Expired) << u"expired"_s;
}

void TestClientRules::expiryState()
{
    QFETCH(qint64, expiresAt);
    QFETCH(int, state);
    QFETCH(QString, status);
    Client client = ClientRules::withDefaults(Purpose::Technical, Now);
    client.clientSecretExpiresAt = expiresAt;
    QCOMPARE(int(client.expiryStateAt(Now)), state);
    QCOMPARE(client.isExpiredAt(Now), state == int(ExpiryState::Expired));
    QCOMPARE(client.toJson(Now).value(u"status"_s).toString(), status);
}

void TestClientRules::checkCollectsEveryField()
{
    Client client = ClientRules::withDefaults(Purpose::Technical, Now);
    client.accessTokenLifetime = 1;
    client.clientSecretExpiresAt = Now;
    const FieldErrors errors = ClientRules::check(client, RuleContext{Now, nullptr, {}});
    QCOMPARE(fieldsOf(errors), u"client_name,user_id,roles,access_token_lifetime,client_secret_expires_at"_s);

    client.clientName = u"ETL"_s;
    client.userId = u"ETL"_s;
    client.roles = {{u"DW_VIEWER"_s, {}}};
    client.accessTokenLifetime = 3600;
    client.clientSecretExpiresAt = ClientRules::defaultExpiry(Now);
    QCOMPARE(ClientRules::check(client, RuleContext{Now, nullptr, {}}), FieldErrors{});
}

void TestClientRules::messagesAreReadable()
{
    // The English plural forms are loaded: no "(s)" leaks into messages.
    const FieldErrors name = ClientRules::checkName(QString(101, u'x'));
    QCOMPARE(name.constFirst().message, u"The name can have at most 100 characters."_s);
    const FieldErrors lifetime = ClientRules::checkAccessTokenLifetime(Purpose::Technical, 10);
    QCOMPARE(lifetime.constFirst().message,
             u"The token lifetime must be between 1 hour and 1 day (3600–86400 seconds)."_s);
    const FieldErrors refresh = ClientRules::checkRefreshTokenLifetime(Purpose::Api, 10);
    QCOMPARE(refresh.constFirst().message,
             u"The refresh token lifetime must be between 1 minute and 180 days (60–15552000 seconds)."_s);
}

APPINT_TEST_MAIN(TestClientRules)
#include "TestClientRules.moc"
