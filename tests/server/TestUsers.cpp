// The user model on its own (issue 12, milestone "user model"): Argon2id
// password hashes, the Users part of the tenant (lookups, sign-in check,
// token checks, changes with audit), the shared namespace with technical
// users, persistence through the store, and the bootstrap user TENANT_ADMIN.

#include "TestMain.h"

#include "ManualClock.h"
#include "ServerTestSupport.h"
#include "core/OAuthNames.h"
#include "server/crypto/PasswordHash.h"
#include "server/crypto/SecretCipher.h"
#include "server/storage/Store.h"
#include "server/tenant/Tenant.h"
#include "server/tenant/Users.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace appint;

namespace {

const QString Password = u"correct horse battery"_s;

// A tenant over a store in a temporary folder.
struct Fixture
{
    QTemporaryDir dir;
    test::ManualClock clock;
    std::unique_ptr<Store> store;
    std::unique_ptr<Tenant> tenant;

    bool open()
    {
        QString error;
        tenant.reset();
        store = Store::open(dir.filePath(u"tenant.db"_s), &error);
        if (!store) {
            qWarning() << error;
            return false;
        }
        tenant = std::make_unique<Tenant>(*store, QByteArray(32, 'k'), SecretCipher(QByteArray(32, 'c')), clock);
        if (!tenant->load(&error)) {
            qWarning() << error;
            return false;
        }
        return true;
    }
};

TenantUser fields(const QString& userName, const RoleAssignments& roles = {})
{
    TenantUser user;
    user.userName = userName;
    user.givenName = u"Ada"_s;
    user.familyName = u"Lovelace"_s;
    user.displayName = u"Ada Lovelace"_s;
    user.emails = {UserEmail{u"ada@example.com"_s, true}};
    user.roles = roles;
    return user;
}

Users::Change setActive(bool active)
{
    return [active](const TenantUser& current) {
        TenantUser next = current;
        next.active = active;
        return Outcome<TenantUser>::success(next);
    };
}

} // namespace

class TestUsers : public QObject
{
    Q_OBJECT

private slots:
    void passwordHashes();
    void createAndLookUp();
    void checkPassword();
    void invalidUsersAreRefusedWholly();
    void userNamesShareTheTechnicalUserNamespace();
    void deactivationEndsTokens();
    void deletionEndsTokensEvenForARecreatedName();
    void updatesAreVersionedAndAudited();
    void ifMatchVersion();
    void administratorsAreCounted();
    void lastAdministratorIsUserOrClient();
    void rolesHeldByUsersCannotBeDeleted();
    void usersSurviveARestart();
    void bootstrapCreatesTenantAdmin();
};

void TestUsers::passwordHashes()
{
    const QByteArray hash = PasswordHash::hash(Password.toUtf8());
    QVERIFY(hash.startsWith("$argon2id$v=19$"));
    QVERIFY2(hash.contains("m=19456,t=2,p=1"), hash.constData()); // the chosen parameters travel with it
    QVERIFY(!hash.contains(Password.toUtf8()));
    QVERIFY(PasswordHash::verify(hash, Password.toUtf8()));
    QVERIFY(!PasswordHash::verify(hash, "correct horse batterY"));
    QVERIFY(!PasswordHash::verify({}, Password.toUtf8()));
    QVERIFY(!PasswordHash::verify("not a hash", Password.toUtf8()));
    QVERIFY(!PasswordHash::needsRehash(hash));
    // Same password, new salt, new hash.
    QVERIFY(PasswordHash::hash(Password.toUtf8()) != hash);
    // A hash with older (weaker) parameters still verifies, and asks for a rehash.
    const QByteArray old = PasswordHash::hash(Password.toUtf8(), 1, 8 * 1024 * 1024);
    QVERIFY(PasswordHash::verify(old, Password.toUtf8()));
    QVERIFY(PasswordHash::needsRehash(old));
    QVERIFY(PasswordHash::verify(PasswordHash::dummy(), "anything") == false);
}

void TestUsers::createAndLookUp()
{
    Fixture f;
    QVERIFY(f.open());
    const auto created = f.tenant->users().create(fields(u"ADA"_s), Password, u"cl-admin"_s);
    QVERIFY2(created.ok(), qPrintable(created.detail));
    const UserRecord user = created.value;
    QCOMPARE(user->userName, u"ADA"_s);
    QVERIFY(!user->id.isEmpty());
    QCOMPARE(user->version, 1);
    QCOMPARE(user->created, f.clock.now());
    QVERIFY(user->active);
    QVERIFY(user->passwordHash.startsWith("$argon2id$"));
    QCOMPARE(f.tenant->users().userByName(u"ADA"_s), user);
    QCOMPARE(f.tenant->users().userById(user->id), user);
    QVERIFY(!f.tenant->users().userByName(u"ada"_s)); // names are exact
    QVERIFY(f.tenant->users().isUserActive(u"ADA"_s));
    QVERIFY(!f.tenant->users().isUserActive(u"NOBODY"_s));
    QCOMPARE(f.tenant->users().count(), 1);

    const auto audit = f.tenant->audit(0, f.clock.now() + 1, nullptr);
    QVERIFY(audit);
    QCOMPARE(audit->size(), 1);
    QCOMPARE(audit->first().action, u"user.create"_s);
    QCOMPARE(audit->first().actor, u"cl-admin"_s);
    QCOMPARE(audit->first().target, user->id);
    QVERIFY(audit->first().detail.contains(u"ADA"_s));
    QVERIFY(!audit->first().detail.contains(Password));
}

void TestUsers::checkPassword()
{
    Fixture f;
    QVERIFY(f.open());
    QVERIFY(f.tenant->users().create(fields(u"ADA"_s), Password, u"a"_s).ok());
    QVERIFY(f.tenant->users().create(fields(u"NOPASS"_s), std::nullopt, u"a"_s).ok());
    Users& users = f.tenant->users();
    UserRecord found;
    QCOMPARE(users.checkPassword(u"ADA"_s, Password.toUtf8(), &found), Users::PasswordCheck::Ok);
    QVERIFY(found && found->userName == u"ADA"_s);
    QCOMPARE(users.checkPassword(u"ADA"_s, "wrong password!", nullptr), Users::PasswordCheck::Wrong);
    QCOMPARE(users.checkPassword(u"GHOST"_s, Password.toUtf8(), nullptr), Users::PasswordCheck::Wrong);
    QCOMPARE(users.checkPassword(u"NOPASS"_s, "", nullptr), Users::PasswordCheck::Wrong);
    const QString id = users.userByName(u"ADA"_s)->id;
    QVERIFY(users.update(id, setActive(false), std::nullopt, u"a"_s).ok());
    QCOMPARE(users.checkPassword(u"ADA"_s, Password.toUtf8(), nullptr), Users::PasswordCheck::Disabled);
    // A disabled user with a wrong password learns nothing more than "wrong".
    QCOMPARE(users.checkPassword(u"ADA"_s, "wrong password!", nullptr), Users::PasswordCheck::Wrong);
}

void TestUsers::invalidUsersAreRefusedWholly()
{
    Fixture f;
    QVERIFY(f.open());
    Users& users = f.tenant->users();
    const auto shortPassword = users.create(fields(u"ADA"_s), u"elevenchars"_s, u"a"_s);
    QCOMPARE(shortPassword.status, OutcomeStatus::Invalid);
    QCOMPARE(shortPassword.code, u"invalidValue"_s);
    QCOMPARE(shortPassword.errors.first().field, u"password"_s);
    QVERIFY(!shortPassword.detail.contains(u"elevenchars"_s));

    const auto lowerCase = users.create(fields(u"ada"_s), Password, u"a"_s);
    QCOMPARE(lowerCase.status, OutcomeStatus::Invalid);
    QCOMPARE(lowerCase.errors.first().field, u"userName"_s);

    TenantUser badRoles = fields(u"ADA"_s, {{u"NO_SUCH_ROLE"_s, {}}});
    const auto unknownRole = users.create(badRoles, Password, u"a"_s);
    QCOMPARE(unknownRole.status, OutcomeStatus::Invalid);
    QCOMPARE(unknownRole.errors.first().field, u"roles"_s);
    QVERIFY(unknownRole.errors.first().message.contains(u"NO_SUCH_ROLE"_s));

    TenantUser spacedGlobal = fields(u"ADA"_s, {{u"DW_VIEWER"_s, {u"SALES"_s}}});
    QCOMPARE(users.create(spacedGlobal, Password, u"a"_s).status, OutcomeStatus::Invalid);

    TenantUser twoPrimaries = fields(u"ADA"_s);
    twoPrimaries.emails.append(UserEmail{u"ada@work.example"_s, true});
    const auto emails = users.create(twoPrimaries, Password, u"a"_s);
    QCOMPARE(emails.status, OutcomeStatus::Invalid);
    QCOMPARE(emails.errors.first().field, u"emails"_s);

    TenantUser notAnAddress = fields(u"ADA"_s);
    notAnAddress.emails = {UserEmail{u"ada at example"_s, false}};
    QCOMPARE(users.create(notAnAddress, Password, u"a"_s).status, OutcomeStatus::Invalid);

    QCOMPARE(users.count(), 0);
    QVERIFY(f.tenant->audit(0, f.clock.now() + 1, nullptr)->isEmpty());
}

void TestUsers::userNamesShareTheTechnicalUserNamespace()
{
    Fixture f;
    QVERIFY(f.open());
    const QJsonObject technical{{u"client_name"_s, u"Loader"_s},
                                {u"purpose"_s, u"technical"_s},
                                {u"user_id"_s, u"LOADER"_s},
                                {u"roles"_s, QJsonArray{QJsonObject{{u"role_id"_s, u"DW_VIEWER"_s}}}}};
    QVERIFY(f.tenant->createClient(technical, u"a"_s).ok());
    // A user named like a technical user.
    const auto clash = f.tenant->users().create(fields(u"LOADER"_s), Password, u"a"_s);
    QCOMPARE(clash.status, OutcomeStatus::Conflict);
    QCOMPARE(clash.code, u"uniqueness"_s);
    QCOMPARE(clash.errors.first().field, u"userName"_s);

    // A technical user named like a user.
    QVERIFY(f.tenant->users().create(fields(u"ADA"_s), Password, u"a"_s).ok());
    QJsonObject second = technical;
    second.insert(u"user_id"_s, u"ADA"_s);
    const auto clientClash = f.tenant->createClient(second, u"a"_s);
    QCOMPARE(clientClash.status, OutcomeStatus::Conflict);
    QCOMPARE(clientClash.errors.first().field, u"user_id"_s);

    // Renaming a user onto a technical user's name clashes too.
    const QString id = f.tenant->users().userByName(u"ADA"_s)->id;
    const auto rename = f.tenant->users().update(
        id,
        [](const TenantUser& current) {
            TenantUser next = current;
            next.userName = u"LOADER"_s;
            return Outcome<TenantUser>::success(next);
        },
        std::nullopt, u"a"_s);
    QCOMPARE(rename.status, OutcomeStatus::Conflict);
    QCOMPARE(f.tenant->users().userById(id)->userName, u"ADA"_s);

    // And a second user of the same name.
    QCOMPARE(f.tenant->users().create(fields(u"ADA"_s), Password, u"a"_s).code, u"uniqueness"_s);
}

void TestUsers::deactivationEndsTokens()
{
    Fixture f;
    QVERIFY(f.open());
    Users& users = f.tenant->users();
    const QString id = users.create(fields(u"ADA"_s), Password, u"a"_s).value->id;
    const qint64 issued = f.clock.now();
    QVERIFY(users.isUserTokenActive(u"ADA"_s, issued));
    QVERIFY(!users.isUserTokenActive(u"ADA"_s, issued - 1)); // before the user existed
    QVERIFY(!users.isUserTokenActive(u"GHOST"_s, issued));

    f.clock.advance(10);
    QVERIFY(users.update(id, setActive(false), std::nullopt, u"a"_s).ok());
    QVERIFY(!users.isUserActive(u"ADA"_s));
    QVERIFY(!users.isUserTokenActive(u"ADA"_s, issued));
    QVERIFY(!users.isUserTokenActive(u"ADA"_s, f.clock.now())); // issued in the second of the deactivation

    // Active again: what was issued before stays inactive, new tokens count.
    f.clock.advance(5);
    QVERIFY(users.update(id, setActive(true), std::nullopt, u"a"_s).ok());
    QVERIFY(!users.isUserTokenActive(u"ADA"_s, issued));
    QVERIFY(!users.isUserTokenActive(u"ADA"_s, f.clock.now() - 5));
    QVERIFY(users.isUserTokenActive(u"ADA"_s, f.clock.now()));
}

void TestUsers::deletionEndsTokensEvenForARecreatedName()
{
    Fixture f;
    QVERIFY(f.open());
    Users& users = f.tenant->users();
    const QString id = users.create(fields(u"ADA"_s), Password, u"a"_s).value->id;
    const qint64 issued = f.clock.now();
    QVERIFY(users.remove(id, u"a"_s).ok());
    QVERIFY(!users.userById(id));
    QVERIFY(!users.isUserTokenActive(u"ADA"_s, issued));
    QCOMPARE(users.remove(id, u"a"_s).status, OutcomeStatus::NotFound);

    // Re-created in the same second: the old person's tokens stay dead.
    QVERIFY(users.create(fields(u"ADA"_s), Password, u"a"_s).ok());
    QVERIFY(!users.isUserTokenActive(u"ADA"_s, issued));
    f.clock.advance(1);
    QVERIFY(users.isUserTokenActive(u"ADA"_s, f.clock.now()));

    const auto audit = f.tenant->audit(0, f.clock.now() + 1, nullptr);
    QCOMPARE(audit->at(1).action, u"user.delete"_s);
    QCOMPARE(audit->at(1).target, id);
}

void TestUsers::updatesAreVersionedAndAudited()
{
    Fixture f;
    QVERIFY(f.open());
    Users& users = f.tenant->users();
    const UserRecord created = users.create(fields(u"ADA"_s), Password, u"a"_s).value;
    f.clock.advance(60);
    const auto updated = users.update(
        created->id,
        [](const TenantUser& current) {
            TenantUser next = current;
            next.roles = {{u"DW_MODELER"_s, {}}};
            next.displayName = u"Countess"_s;
            return Outcome<TenantUser>::success(next);
        },
        u"a new long password"_s, u"admin"_s);
    QVERIFY2(updated.ok(), qPrintable(updated.detail));
    QCOMPARE(updated.value->version, 2);
    QCOMPARE(updated.value->lastModified, f.clock.now());
    QCOMPARE(updated.value->created, created->created);
    QCOMPARE(updated.value->etag(), u"W/\"2\""_s);
    QCOMPARE(users.checkPassword(u"ADA"_s, Password.toUtf8()), Users::PasswordCheck::Wrong);
    QCOMPARE(users.checkPassword(u"ADA"_s, "a new long password"), Users::PasswordCheck::Ok);
    // The previous record is untouched (readers holding it see no change).
    QCOMPARE(created->version, 1);
    QCOMPARE(created->displayName, u"Ada Lovelace"_s);

    // No change: no new version, no audit record.
    const auto same = users.update(
        created->id, [](const TenantUser& current) { return Outcome<TenantUser>::success(current); }, std::nullopt,
        u"admin"_s);
    QVERIFY(same.ok());
    QCOMPARE(same.value->version, 2);

    const auto audit = f.tenant->audit(0, f.clock.now() + 1, nullptr);
    QCOMPARE(audit->size(), 2);
    const AuditRecord& entry = audit->at(1);
    QCOMPARE(entry.action, u"user.update"_s);
    QVERIFY2(entry.detail.contains(u"roles  -> DW_MODELER"_s) || entry.detail.contains(u"roles"_s),
             qPrintable(entry.detail));
    QVERIFY(entry.detail.contains(u"password set"_s));
    QVERIFY(!entry.detail.contains(u"a new long password"_s));
}

void TestUsers::ifMatchVersion()
{
    Fixture f;
    QVERIFY(f.open());
    Users& users = f.tenant->users();
    const QString id = users.create(fields(u"ADA"_s), Password, u"a"_s).value->id;
    QCOMPARE(users.update(id, setActive(false), std::nullopt, u"a"_s, 7).status, OutcomeStatus::PreconditionFailed);
    QVERIFY(users.userById(id)->active);
    QVERIFY(users.update(id, setActive(false), std::nullopt, u"a"_s, 1).ok());
    QCOMPARE(users.remove(id, u"a"_s, 1).status, OutcomeStatus::PreconditionFailed);
    QVERIFY(users.remove(id, u"a"_s, 2).ok());
}

void TestUsers::administratorsAreCounted()
{
    Fixture f;
    QVERIFY(f.open());
    Users& users = f.tenant->users();
    const RoleAssignments admin{{oauth::RoleAdministrator, {}}};
    const QString a = users.create(fields(u"ADMIN_A"_s, admin), Password, u"a"_s).value->id;
    QVERIFY(users.create(fields(u"ADMIN_B"_s, admin), Password, u"a"_s).ok());
    QVERIFY(users.create(fields(u"VIEWER"_s, {{u"DW_VIEWER"_s, {}}}), Password, u"a"_s).ok());
    QCOMPARE(f.tenant->activeAdministratorUserCount(), 2);
    QVERIFY(f.tenant->isAdministratorUser(u"ADMIN_A"_s));
    QVERIFY(!f.tenant->isAdministratorUser(u"VIEWER"_s));
    QVERIFY(!f.tenant->isAdministratorUser(u"GHOST"_s));
    QVERIFY(users.update(a, setActive(false), std::nullopt, u"a"_s).ok());
    QCOMPARE(f.tenant->activeAdministratorUserCount(), 1);
    QVERIFY(!f.tenant->isAdministratorUser(u"ADMIN_A"_s)); // inactive users administer nothing
}

void TestUsers::lastAdministratorIsUserOrClient()
{
    Fixture f;
    QVERIFY(f.open());
    Users& users = f.tenant->users();
    const RoleAssignments admin{{oauth::RoleAdministrator, {}}};
    const QString a = users.create(fields(u"ADMIN_A"_s, admin), Password, u"a"_s).value->id;
    const QString b = users.create(fields(u"ADMIN_B"_s, admin), Password, u"a"_s).value->id;
    QVERIFY(users.update(a, setActive(false), std::nullopt, u"a"_s).ok()); // B is left
    // The last active administrator can be neither deactivated, demoted nor
    // deleted; each answer names the field.
    const auto deactivated = users.update(b, setActive(false), std::nullopt, u"a"_s);
    QCOMPARE(deactivated.status, OutcomeStatus::Conflict);
    QCOMPARE(deactivated.errors.first().field, u"active"_s);
    const auto demoted = users.update(
        b,
        [](const TenantUser& current) {
            TenantUser next = current;
            next.roles = {{u"DW_VIEWER"_s, {}}};
            return Outcome<TenantUser>::success(next);
        },
        std::nullopt, u"a"_s);
    QCOMPARE(demoted.status, OutcomeStatus::Conflict);
    QCOMPARE(demoted.errors.first().field, u"roles"_s);
    const auto deleted = users.remove(b, u"a"_s);
    QCOMPARE(deleted.status, OutcomeStatus::Conflict);
    QCOMPARE(deleted.errors.first().field, u"id"_s);
    QVERIFY(users.userById(b)->isActiveAdministrator());
    // Other changes of it go through.
    const auto renamed = users.update(
        b,
        [](const TenantUser& current) {
            TenantUser next = current;
            next.displayName = u"Still in charge"_s;
            return Outcome<TenantUser>::success(next);
        },
        std::nullopt, u"a"_s);
    QVERIFY(renamed.ok());

    // An administrator technical user counts: then B may go ...
    const QJsonObject technical{{u"client_name"_s, u"Admin robot"_s},
                                {u"purpose"_s, u"technical"_s},
                                {u"user_id"_s, u"ROBOT"_s},
                                {u"roles"_s, QJsonArray{QJsonObject{{u"role_id"_s, oauth::RoleAdministrator}}}}};
    const auto robot = f.tenant->createClient(technical, u"a"_s);
    QVERIFY(robot.ok());
    const QString robotId = robot.value.client.clientId;
    QVERIFY(users.update(b, setActive(false), std::nullopt, u"a"_s).ok());
    // ... and the client is now the last one ...
    QCOMPARE(f.tenant->deleteClient(robotId, u"a"_s).status, OutcomeStatus::Conflict);
    // ... until a user is an active administrator again.
    QVERIFY(users.update(a, setActive(true), std::nullopt, u"a"_s).ok());
    QVERIFY(f.tenant->deleteClient(robotId, u"a"_s).ok());
    QCOMPARE(f.tenant->activeAdministratorClientCount(), 0);
    QCOMPARE(users.remove(a, u"a"_s).status, OutcomeStatus::Conflict);
}

void TestUsers::rolesHeldByUsersCannotBeDeleted()
{
    Fixture f;
    QVERIFY(f.open());
    QVERIFY(f.tenant->createSpace({{u"space_id"_s, u"SALES"_s}, {u"name"_s, u"Sales"_s}}, u"a"_s).ok());
    QVERIFY(f.tenant
                ->createRole({{u"role_id"_s, u"SALES_VIEWER"_s},
                              {u"name"_s, u"Sales viewer"_s},
                              {u"scope"_s, u"scoped"_s},
                              {u"spaces"_s, QJsonArray{u"SALES"_s}}},
                             u"a"_s)
                .ok());
    QCOMPARE(f.tenant->users().create(fields(u"ADA"_s, {{u"SALES_VIEWER"_s, {}}}), Password, u"a"_s).status,
             OutcomeStatus::Invalid); // a scoped role needs spaces
    QVERIFY(f.tenant->users().create(fields(u"ADA"_s, {{u"SALES_VIEWER"_s, {u"SALES"_s}}}), Password, u"a"_s).ok());
    const auto deleted = f.tenant->deleteRole(u"SALES_VIEWER"_s, u"a"_s);
    QCOMPARE(deleted.status, OutcomeStatus::Conflict);
    QVERIFY(deleted.detail.contains(u"user"_s));
}

void TestUsers::usersSurviveARestart()
{
    Fixture f;
    QVERIFY(f.open());
    TenantUser input = fields(u"ADA"_s, {{u"DW_VIEWER"_s, {}}});
    input.emails.append(UserEmail{u"ada@work.example"_s, false});
    const UserRecord created = f.tenant->users().create(input, Password, u"a"_s).value;
    QVERIFY(f.open()); // a new Tenant over the same file
    const UserRecord loaded = f.tenant->users().userByName(u"ADA"_s);
    QVERIFY(loaded);
    QCOMPARE(*loaded, *created);
    QCOMPARE(f.tenant->users().checkPassword(u"ADA"_s, Password.toUtf8()), Users::PasswordCheck::Ok);
}

void TestUsers::bootstrapCreatesTenantAdmin()
{
    test::TestServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QFile file(server.bootstrapFilePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject credentials = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(credentials.value(u"user_name"_s).toString(), u"TENANT_ADMIN"_s);
    const QString password = credentials.value(u"user_password"_s).toString();
    QVERIFY(password.size() >= 12);
    QCOMPARE(server.adminUserPassword(), password);
    Tenant* tenant = server.serverThread()->server()->tenant();
    const UserRecord admin = tenant->users().userByName(u"TENANT_ADMIN"_s);
    QVERIFY(admin);
    QVERIFY(admin->isActiveAdministrator());
    QCOMPARE(tenant->users().checkPassword(u"TENANT_ADMIN"_s, password.toUtf8()), Users::PasswordCheck::Ok);
    QCOMPARE(tenant->activeAdministratorUserCount(), 1);
    // A restart creates nobody new and keeps the password.
    QVERIFY(server.restart());
    tenant = server.serverThread()->server()->tenant();
    QCOMPARE(tenant->users().count(), 1);
    QCOMPARE(tenant->users().userByName(u"TENANT_ADMIN"_s)->id, admin->id);
    QCOMPARE(tenant->users().checkPassword(u"TENANT_ADMIN"_s, password.toUtf8()), Users::PasswordCheck::Ok);
}

APPINT_TEST_MAIN(TestUsers)
#include "TestUsers.moc"
