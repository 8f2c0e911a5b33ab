#include "TestMain.h"
#include "TestServer.h"

#include "core/ClientRules.h"
#include "core/UserRules.h"
#include "service/AdminSession.h"
#include "service/HttpLog.h"
#include "service/TenantApi.h"
#include "service/UserApi.h"

#include <QNetworkAccessManager>
#include <QSet>

using namespace Qt::StringLiterals;
using namespace appint;
using appint::test::TestServer;

namespace {
template <typename T>
struct Reply
{
    int calls = 0;
    Result<T> result;
};

QStringList g_log;
void captureLog(QtMsgType, const QMessageLogContext&, const QString& message)
{
    g_log.append(message);
}
} // namespace

// UserApi (issue 13) against a real appint-server on loopback: the SCIM
// Users endpoints page by page, every change, and the errors typed, with the
// server's uniqueness conflict as a field error of userName.
class TestUserApi : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void testListsEveryPage();
    void testCreateUpdateActivateDelete();
    void testUserNameTakenIsAFieldError();
    void testPasswordRuleIsAFieldError();
    void testPasswordNeverLogged();
    void testCancelWhenTheSessionGoes();

private:
    template <typename T, typename Start>
    Result<T> wait(Start start);
    User create(const QString& userName, const QString& password = u"a-long-enough-password"_s);

    QNetworkAccessManager m_network;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<AdminSession> m_session;
    std::unique_ptr<UserApi> m_api;
};

void TestUserApi::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    m_session = std::make_unique<AdminSession>(&m_network, m_server->baseUrl(), m_server->adminClientId(),
                                               Secret(m_server->adminSecret()), m_server->clock());
    m_api = std::make_unique<UserApi>(m_session.get());
}

void TestUserApi::cleanup()
{
    m_api.reset();
    m_session.reset();
    m_server.reset();
}

template <typename T, typename Start>
Result<T> TestUserApi::wait(Start start)
{
    auto reply = std::make_shared<Reply<T>>();
    start(this, [reply](const Result<T>& result) {
        ++reply->calls;
        reply->result = result;
    });
    if (!QTest::qWaitFor([&] { return reply->calls > 0; }, 60'000)) {
        qWarning("call did not finish");
    }
    QCoreApplication::processEvents();
    if (reply->calls != 1) {
        qWarning("callback ran %d times", reply->calls);
        reply->result.status = ResultStatus::Protocol;
    }
    return reply->result;
}

User TestUserApi::create(const QString& userName, const QString& password)
{
    User user;
    user.userName = userName;
    const auto created = wait<User>(
        [&](QObject* context, auto callback) { m_api->createUser(user, Secret(password), context, callback); });
    if (!created.ok()) {
        qWarning("create failed: %s", qPrintable(created.message));
    }
    return created.value;
}

void TestUserApi::testListsEveryPage()
{
    for (int i = 0; i < 7; ++i) {
        QVERIFY(!create(u"PAGED_%1"_s.arg(i)).id.isEmpty());
    }
    m_api->setListPageSize(3);
    const auto listed = wait<Users>([&](QObject* c, auto cb) { m_api->listUsers(c, cb); });
    QVERIFY2(listed.ok(), qPrintable(listed.message));
    QSet<QString> names;
    QSet<QString> ids;
    for (const User& user : listed.value) {
        names.insert(user.userName);
        ids.insert(user.id);
    }
    QCOMPARE(ids.size(), listed.value.size()); // no user twice across pages
    for (int i = 0; i < 7; ++i) {
        QVERIFY(names.contains(u"PAGED_%1"_s.arg(i)));
    }
    QVERIFY(names.contains(u"TENANT_ADMIN"_s)); // the bootstrap administrator
    QCOMPARE(listed.value.size(), 8);
}

void TestUserApi::testCreateUpdateActivateDelete()
{
    User user;
    user.userName = u"FLOW_USER"_s;
    user.displayName = u"Flow User"_s;
    user.emails = {{u"flow@example.com"_s, true}};
    user.roles = {{u"DW_VIEWER"_s, {}}};
    const auto created
        = wait<User>([&](QObject* c, auto cb) { m_api->createUser(user, Secret(u"a-long-enough-password"_s), c, cb); });
    QVERIFY2(created.ok(), qPrintable(created.message));
    QCOMPARE(created.httpStatus, 201);
    QVERIFY(!created.value.id.isEmpty());
    QCOMPARE(created.value.primaryEmail(), u"flow@example.com"_s);
    QCOMPARE(created.value.roles, user.roles);

    User changed = created.value;
    changed.displayName = u"Flow User, Renamed"_s;
    changed.roles = {{u"DW_MODELER"_s, {}}};
    const auto updated = wait<User>([&](QObject* c, auto cb) { m_api->updateUser(created.value, changed, c, cb); });
    QVERIFY2(updated.ok(), qPrintable(updated.message));
    QCOMPARE(updated.value.displayName, changed.displayName);
    QCOMPARE(updated.value.roles, changed.roles);
    QVERIFY(updated.value.version != created.value.version);

    const auto deactivated = wait<User>([&](QObject* c, auto cb) { m_api->setActive(created.value.id, false, c, cb); });
    QVERIFY2(deactivated.ok(), qPrintable(deactivated.message));
    QVERIFY(!deactivated.value.active);

    const auto reset = wait<User>([&](QObject* c, auto cb) {
        m_api->resetPassword(created.value.id, Secret(u"another-long-password"_s), c, cb);
    });
    QVERIFY2(reset.ok(), qPrintable(reset.message));

    const auto deleted = wait<Empty>([&](QObject* c, auto cb) { m_api->deleteUser(created.value.id, c, cb); });
    QVERIFY2(deleted.ok(), qPrintable(deleted.message));
    const auto gone = wait<User>([&](QObject* c, auto cb) { m_api->user(created.value.id, c, cb); });
    QCOMPARE(gone.status, ResultStatus::NotFound);
    QCOMPARE(gone.httpStatus, 404);
    QVERIFY(!gone.message.isEmpty());
}

void TestUserApi::testUserNameTakenIsAFieldError()
{
    // A technical user's ID, then another user's name.
    TenantApi tenantApi(m_session.get());
    Client client = ClientRules::withDefaults(Purpose::Technical, m_server->clock().now());
    client.clientName = u"Robot"_s;
    client.userId = u"ROBOT_ONE"_s;
    client.roles = {RoleAssignment{u"DW_VIEWER"_s, {}}};
    const auto made = wait<CreatedClient>([&](QObject* c, auto cb) { tenantApi.createClient(client, c, cb); });
    QVERIFY2(made.ok(), qPrintable(made.message));
    QVERIFY(!create(u"TAKEN"_s).id.isEmpty());

    for (const QString& name : {u"ROBOT_ONE"_s, u"TAKEN"_s}) {
        User user;
        user.userName = name;
        const auto refused = wait<User>([&](QObject* c, auto cb) { m_api->createUser(user, Secret(), c, cb); });
        QCOMPARE(refused.status, ResultStatus::Conflict);
        QCOMPARE(refused.httpStatus, 409);
        QCOMPARE(refused.fieldErrors.size(), 1);
        QCOMPARE(refused.fieldErrors.first().field, UserRules::FieldUserName);
        QVERIFY(refused.fieldErrors.first().message.contains(name));
    }
}

void TestUserApi::testPasswordRuleIsAFieldError()
{
    const User user = create(u"SHORT_PW"_s);
    QVERIFY(!user.id.isEmpty());
    const auto refused
        = wait<User>([&](QObject* c, auto cb) { m_api->resetPassword(user.id, Secret(u"short"_s), c, cb); });
    QCOMPARE(refused.status, ResultStatus::Validation);
    QCOMPARE(refused.fieldErrors.size(), 1);
    QCOMPARE(refused.fieldErrors.first().field, UserRules::FieldPassword);
    QVERIFY(!refused.message.contains(u"short\""_s));
}

void TestUserApi::testPasswordNeverLogged()
{
    auto& category = const_cast<QLoggingCategory&>(lcServiceHttp());
    category.setEnabled(QtDebugMsg, true);
    g_log.clear();
    const QtMessageHandler previous = qInstallMessageHandler(captureLog);
    const QString password = u"Never-In-The-Log-4711"_s;
    const User user = create(u"LOGGED"_s, password);
    const auto reset
        = wait<User>([&](QObject* c, auto cb) { m_api->resetPassword(user.id, Secret(password + u"-2"_s), c, cb); });
    qInstallMessageHandler(previous);
    category.setEnabled(QtDebugMsg, false);
    QVERIFY(!user.id.isEmpty());
    QVERIFY(reset.ok());
    const QString log = g_log.join(u'\n');
    QVERIFY2(log.contains(u"/scim/v2/Users"_s), qPrintable(log));
    QVERIFY(log.contains(u"\"password\":\"<redacted>\""_s));
    QVERIFY(!log.contains(password)); // neither the initial one nor the reset one
    QVERIFY(log.contains(u"\"path\":\"password\",\"value\":\"<redacted>\""_s));
    QVERIFY(!log.contains(m_server->adminSecret()));
}

void TestUserApi::testCancelWhenTheSessionGoes()
{
    bool called = false;
    ResultStatus status = ResultStatus::Ok;
    m_api->listUsers(this, [&](const Result<Users>& result) {
        called = true;
        status = result.status;
    });
    QCOMPARE(m_api->pendingCount(), 1);
    m_session.reset();
    QTRY_VERIFY_WITH_TIMEOUT(called, 10'000);
    QCOMPARE(status, ResultStatus::Cancelled);
    QCOMPARE(m_api->pendingCount(), 0);
}

APPINT_TEST_MAIN(TestUserApi)
#include "TestUserApi.moc"
