#include "FaultServer.h"
#include "TestMain.h"
#include "TestServer.h"

#include "core/ClientRules.h"
#include "core/OAuthNames.h"
#include "core/TenantUrl.h"
#include "service/AdminSession.h"
#include "service/HttpLog.h"
#include "service/HttpReplies.h"
#include "service/TenantApi.h"
#include "service/TokenCache.h"
#include "service/TokenClient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QTcpServer>

using namespace Qt::StringLiterals;
using namespace appint;
using appint::test::FaultServer;
using appint::test::ManualClock;
using appint::test::TestServer;

Q_DECLARE_METATYPE(appint::test::FaultServer::Response)

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

// The service layer against a real appint-server on loopback (the
// TestServer fixture): every call, every error type, the admin token's
// renewal and re-authentication, and outbound tokens from /oauth/token.
class TestTenantApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void discoveryAndTenant();
    void rolesAndSpaces();
    void clientLifecycle();
    void validationErrorsFromServer();
    void conflictOnDuplicateUserId();
    void notFound();
    void expiredClientExtendedWithNewSecret();
    void showSecret();
    void auditActivities();
    void loadAllClientsInPages();
    void clientChangesSinceARevision();
    void loadAllStopsARunawayTenant_data();
    void loadAllStopsARunawayTenant();
    void adminTokenSharedByConcurrentCallers();
    void adminTokenRenewedBeforeExpiry();
    void unauthorizedReauthenticatesOnce();
    void repeatedUnauthorizedIsReported();
    void wrongAdminSecret();
    void stalledTenantTimesOut();
    void drippingTenantTimesOut_data();
    void drippingTenantTimesOut();
    void oversizedAnswerRefused_data();
    void oversizedAnswerRefused();
    void foreignTokenEndpointRefused();
    void sameOriginTokenEndpointAccepted();
    void retryAfterClamped();
    void refusedConnection();
    void notATenant();
    void cancelAll();
    void deadContextDropsCallback();
    void createdSecretNeverLogged();
    void outboundTokenFromCreatedClient_data();
    void outboundTokenFromCreatedClient();

private:
    template <typename T, typename Start>
    Result<T> wait(Start start);
    Client technical(const QString& name, const QString& userId) const;
    Client createOrFail(const Client& client, Secret* secret = nullptr);

    QNetworkAccessManager m_network;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<AdminSession> m_session;
    std::unique_ptr<TenantApi> m_api;
};

void TestTenantApi::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
}

void TestTenantApi::init()
{
    m_session = std::make_unique<AdminSession>(&m_network, m_server->baseUrl(), m_server->adminClientId(),
                                               Secret(m_server->adminSecret()), m_server->clock());
    m_api = std::make_unique<TenantApi>(m_session.get());
}

void TestTenantApi::cleanup()
{
    m_api.reset();
    m_session.reset();
}

template <typename T, typename Start>
Result<T> TestTenantApi::wait(Start start)
{
    auto reply = std::make_shared<Reply<T>>();
    start(this, [reply](const Result<T>& result) {
        ++reply->calls;
        reply->result = result;
    });
    // A guard against hanging, not a performance limit.
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

Client TestTenantApi::technical(const QString& name, const QString& userId) const
{
    Client client = ClientRules::withDefaults(Purpose::Technical, m_server->clock().now());
    client.clientName = name;
    client.userId = userId;
    client.roles = {RoleAssignment{u"DW_VIEWER"_s, {}}};
    return client;
}

Client TestTenantApi::createOrFail(const Client& client, Secret* secret)
{
    const auto created
        = wait<CreatedClient>([&](QObject* context, auto callback) { m_api->createClient(client, context, callback); });
    if (!created.ok()) {
        qWarning("create failed: %s", qPrintable(created.message));
        return {};
    }
    if (secret) {
        *secret = created.value.secret;
    }
    return created.value.client;
}

void TestTenantApi::discoveryAndTenant()
{
    const auto tenant = wait<TenantInfo>([&](QObject* c, auto cb) { m_api->tenant(c, cb); });
    QVERIFY2(tenant.ok(), qPrintable(tenant.message));
    QCOMPARE(tenant.httpStatus, 200);
    QCOMPARE(tenant.value.tenantName, u"Test tenant"_s);
    QCOMPARE(tenant.value.tokenUrl, m_server->tokenUrl().toString());
    QVERIFY(!tenant.value.authorizationUrl.isEmpty());
    QVERIFY(m_session->metadata().has_value());
    QCOMPARE(m_session->metadata()->tokenEndpoint, m_server->tokenUrl());
    QCOMPARE(AdminSession::metadataUrl(QUrl(u"https://t.example/"_s)),
             QUrl(u"https://t.example/.well-known/oauth-authorization-server"_s));
    QCOMPARE(AdminSession::metadataUrl(QUrl(u"https://t.example/tenant/a"_s)),
             QUrl(u"https://t.example/.well-known/oauth-authorization-server/tenant/a"_s));
}

void TestTenantApi::rolesAndSpaces()
{
    auto roles = wait<Roles>([&](QObject* c, auto cb) { m_api->roles(c, cb); });
    QVERIFY2(roles.ok(), qPrintable(roles.message));
    QVERIFY(findRole(roles.value, u"DW_ADMINISTRATOR"_s));
    QVERIFY(findRole(roles.value, u"DW_CONSUMER"_s));

    const auto space = wait<Space>([&](QObject* c, auto cb) {
        m_api->createSpace(Space{u"SALES"_s, u"Sales"_s}, c, cb);
    });
    QVERIFY2(space.ok(), qPrintable(space.message));
    QCOMPARE(space.value.spaceId, u"SALES"_s);
    const auto badSpace = wait<Space>([&](QObject* c, auto cb) {
        m_api->createSpace(Space{u"sales eu"_s, u"Sales EU"_s}, c, cb);
    });
    QCOMPARE(badSpace.status, ResultStatus::Validation);
    QVERIFY(!errorsForField(badSpace.fieldErrors, u"space_id"_s).isEmpty());
    const auto spaces = wait<Spaces>([&](QObject* c, auto cb) { m_api->spaces(c, cb); });
    QVERIFY(spaces.ok());
    QVERIFY(std::any_of(spaces.value.cbegin(), spaces.value.cend(),
                        [](const Space& s) { return s.spaceId == u"SALES"_s; }));

    Role scoped;
    scoped.roleId = u"SALES_MODELER"_s;
    scoped.name = u"Sales modeler"_s;
    scoped.scope = RoleScope::Scoped;
    scoped.spaces = {u"SALES"_s};
    const auto role = wait<Role>([&](QObject* c, auto cb) { m_api->createRole(scoped, c, cb); });
    QVERIFY2(role.ok(), qPrintable(role.message));
    QCOMPARE(role.value.roleId, u"SALES_MODELER"_s);
    QCOMPARE(role.value.scope, RoleScope::Scoped);

    const auto spaceInUse = wait<Empty>([&](QObject* c, auto cb) { m_api->deleteSpace(u"SALES"_s, c, cb); });
    QCOMPARE(spaceInUse.status, ResultStatus::Conflict);
    QCOMPARE(spaceInUse.httpStatus, 409);
    const auto standard = wait<Empty>([&](QObject* c, auto cb) { m_api->deleteRole(u"DW_VIEWER"_s, c, cb); });
    QCOMPARE(standard.status, ResultStatus::Forbidden);
    const auto deleted = wait<Empty>([&](QObject* c, auto cb) { m_api->deleteRole(u"SALES_MODELER"_s, c, cb); });
    QVERIFY2(deleted.ok(), qPrintable(deleted.message));
    const auto spaceGone = wait<Empty>([&](QObject* c, auto cb) { m_api->deleteSpace(u"SALES"_s, c, cb); });
    QVERIFY2(spaceGone.ok(), qPrintable(spaceGone.message));
}

void TestTenantApi::clientLifecycle()
{
    Secret secret;
    const Client created = createOrFail(technical(u"Nightly ETL"_s, u"ETL_LIFECYCLE"_s), &secret);
    QVERIFY(!created.clientId.isEmpty());
    QVERIFY(!secret.isEmpty());
    QCOMPARE(created.clientName, u"Nightly ETL"_s);
    QCOMPARE(created.userId, u"ETL_LIFECYCLE"_s);

    const auto fetched = wait<Client>([&](QObject* c, auto cb) { m_api->client(created.clientId, c, cb); });
    QVERIFY2(fetched.ok(), qPrintable(fetched.message));
    QCOMPARE(fetched.value, created);

    ClientQuery query;
    query.text = u"etl_lifecycle"_s;
    const auto page = wait<ClientPage>([&](QObject* c, auto cb) { m_api->listClients(query, c, cb); });
    QVERIFY2(page.ok(), qPrintable(page.message));
    QCOMPARE(page.value.total, 1);
    QCOMPARE(page.value.items.size(), 1);
    QCOMPARE(page.value.items.first().clientId, created.clientId);

    const auto updated = wait<UpdatedClient>([&](QObject* c, auto cb) {
        m_api->updateClient(created.clientId, QJsonObject{{u"client_name"_s, u"Nightly ETL (EU)"_s}}, c, cb);
    });
    QVERIFY2(updated.ok(), qPrintable(updated.message));
    QCOMPARE(updated.value.client.clientName, u"Nightly ETL (EU)"_s);
    QVERIFY(updated.value.newSecret.isEmpty());

    const auto removed = wait<Empty>([&](QObject* c, auto cb) { m_api->deleteClient(created.clientId, c, cb); });
    QVERIFY2(removed.ok(), qPrintable(removed.message));
    QCOMPARE(removed.httpStatus, 204);
    const auto gone = wait<Client>([&](QObject* c, auto cb) { m_api->client(created.clientId, c, cb); });
    QCOMPARE(gone.status, ResultStatus::NotFound);
}

void TestTenantApi::validationErrorsFromServer()
{
    Client client = technical(QString(), u"lower case"_s);
    client.accessTokenLifetime = 10;
    const auto result = wait<CreatedClient>([&](QObject* c, auto cb) { m_api->createClient(client, c, cb); });
    QCOMPARE(result.status, ResultStatus::Validation);
    QCOMPARE(result.httpStatus, 422);
    QVERIFY(!errorsForField(result.fieldErrors, u"client_name"_s).isEmpty());
    QVERIFY(!errorsForField(result.fieldErrors, u"user_id"_s).isEmpty());
    QVERIFY(!errorsForField(result.fieldErrors, u"access_token_lifetime"_s).isEmpty());
    QVERIFY(!result.message.isEmpty());
    QVERIFY(result.value.secret.isEmpty());

    const auto patch = wait<UpdatedClient>([&](QObject* c, auto cb) {
        m_api->updateClient(m_server->adminClientId(), QJsonObject{{u"access_token_lifetime"_s, u"long"_s}}, c, cb);
    });
    QVERIFY(patch.status == ResultStatus::Validation);
    QVERIFY(!errorsForField(patch.fieldErrors, u"access_token_lifetime"_s).isEmpty());
}

void TestTenantApi::conflictOnDuplicateUserId()
{
    QVERIFY(!createOrFail(technical(u"First"_s, u"DUPLICATE_USER"_s)).clientId.isEmpty());
    const auto second = wait<CreatedClient>(
        [&](QObject* c, auto cb) { m_api->createClient(technical(u"Second"_s, u"DUPLICATE_USER"_s), c, cb); });
    QCOMPARE(second.status, ResultStatus::Conflict);
    QCOMPARE(second.httpStatus, 409);
    QVERIFY(!errorsForField(second.fieldErrors, u"user_id"_s).isEmpty());
}

void TestTenantApi::notFound()
{
    const auto client = wait<Client>([&](QObject* c, auto cb) { m_api->client(u"no-such-client"_s, c, cb); });
    QCOMPARE(client.status, ResultStatus::NotFound);
    QCOMPARE(client.httpStatus, 404);
    QVERIFY(!client.message.isEmpty());
    const auto removed = wait<Empty>([&](QObject* c, auto cb) { m_api->deleteClient(u"no/such id"_s, c, cb); });
    QCOMPARE(removed.status, ResultStatus::NotFound);
    const auto role = wait<Empty>([&](QObject* c, auto cb) { m_api->deleteRole(u"NO_SUCH_ROLE"_s, c, cb); });
    QCOMPARE(role.status, ResultStatus::NotFound);
}

void TestTenantApi::expiredClientExtendedWithNewSecret()
{
    const qint64 now = m_server->clock().now();
    Client client = technical(u"Short lived"_s, u"SHORT_LIVED"_s);
    client.clientSecretExpiresAt = now + 8 * SecondsPerDay;
    Secret oldSecret;
    const Client created = createOrFail(client, &oldSecret);
    QVERIFY(!created.clientId.isEmpty());

    m_server->clock().advance(9 * SecondsPerDay);
    const auto rename = wait<UpdatedClient>([&](QObject* c, auto cb) {
        m_api->updateClient(created.clientId, QJsonObject{{u"client_name"_s, u"Renamed"_s}}, c, cb);
    });
    QCOMPARE(rename.status, ResultStatus::Conflict);
    const auto still = wait<Client>([&](QObject* c, auto cb) { m_api->client(created.clientId, c, cb); });
    QCOMPARE(still.value.clientName, u"Short lived"_s);
    QVERIFY(still.value.isExpiredAt(m_server->clock().now()));

    const qint64 newExpiry = m_server->clock().now() + 30 * SecondsPerDay;
    const auto extended = wait<UpdatedClient>([&](QObject* c, auto cb) {
        m_api->updateClient(created.clientId, QJsonObject{{u"client_secret_expires_at"_s, newExpiry}}, c, cb);
    });
    QVERIFY2(extended.ok(), qPrintable(extended.message));
    QCOMPARE(extended.value.client.clientSecretExpiresAt, newExpiry);
    QVERIFY(!extended.value.newSecret.isEmpty());
    QVERIFY(!(extended.value.newSecret == oldSecret));
}

void TestTenantApi::showSecret()
{
    // Not a legacy client: 403.
    const auto refused
        = wait<Secret>([&](QObject* c, auto cb) { m_api->clientSecret(m_server->adminClientId(), c, cb); });
    QCOMPARE(refused.status, ResultStatus::Forbidden);
    QVERIFY(refused.value.isEmpty());

    // The demo tenant has a legacy client whose secret can be shown.
    TestServer::Options options;
    options.demo = true;
    TestServer demo(options);
    QVERIFY2(demo.start(), qPrintable(demo.errorString()));
    AdminSession session(&m_network, demo.baseUrl(), demo.adminClientId(), Secret(demo.adminSecret()), demo.clock());
    TenantApi api(&session);
    ClientQuery query;
    query.limit = ClientQuery::MaximumLimit;
    const auto all = wait<ClientPage>([&](QObject* c, auto cb) { api.listClients(query, c, cb); });
    QVERIFY2(all.ok(), qPrintable(all.message));
    const auto legacy = std::find_if(all.value.items.cbegin(), all.value.items.cend(),
                                     [](const Client& client) { return client.secretRetrievable; });
    QVERIFY(legacy != all.value.items.cend());
    const auto shown = wait<Secret>([&](QObject* c, auto cb) { api.clientSecret(legacy->clientId, c, cb); });
    QVERIFY2(shown.ok(), qPrintable(shown.message));
    QVERIFY(!shown.value.isEmpty());
}

void TestTenantApi::auditActivities()
{
    const qint64 from = m_server->clock().now();
    const Client created = createOrFail(technical(u"Audited"_s, u"AUDITED"_s));
    QVERIFY(!created.clientId.isEmpty());
    const auto records
        = wait<AuditRecords>([&](QObject* c, auto cb) { m_api->auditActivities(from, from + 1, c, cb); });
    QVERIFY2(records.ok(), qPrintable(records.message));
    const auto entry = std::find_if(records.value.cbegin(), records.value.cend(), [&](const AuditRecord& r) {
        return r.action == u"client.create"_s && r.target == created.clientId;
    });
    QVERIFY(entry != records.value.cend());
    QCOMPARE(entry->actor, m_server->adminClientId());
    const auto none = wait<AuditRecords>([&](QObject* c, auto cb) { m_api->auditActivities(0, from, c, cb); });
    QVERIFY(none.ok());
    QVERIFY(std::none_of(none.value.cbegin(), none.value.cend(),
                         [&](const AuditRecord& r) { return r.target == created.clientId; }));
}

void TestTenantApi::loadAllClientsInPages()
{
    for (int i = 0; i < 7; ++i) {
        QVERIFY(!createOrFail(technical(u"Paged %1"_s.arg(i), u"PAGED_%1"_s.arg(i))).clientId.isEmpty());
    }
    m_api->setLoadAllPageSize(3);
    ClientQuery query;
    query.text = u"paged_"_s;
    query.sortField = u"user_id"_s;
    QList<ClientPage> pages;
    const auto done = wait<qint64>([&](QObject* c, auto cb) {
        m_api->loadAllClients(
            query, c, [&](const ClientPage& page) { pages.append(page); }, cb);
    });
    QVERIFY2(done.ok(), qPrintable(done.message));
    QCOMPARE(done.value, 7);
    QCOMPARE(pages.size(), 3);
    QStringList users;
    for (const ClientPage& page : std::as_const(pages)) {
        QCOMPARE(page.total, 7);
        for (const Client& client : page.items) {
            users.append(client.userId);
        }
    }
    QCOMPARE(users,
             (QStringList{u"PAGED_0"_s, u"PAGED_1"_s, u"PAGED_2"_s, u"PAGED_3"_s, u"PAGED_4"_s, u"PAGED_5"_s,
                          u"PAGED_6"_s}));
    QCOMPARE(m_api->loadAllPageSize(), 3);
    m_api->setLoadAllPageSize(100'000);
    QCOMPARE(m_api->loadAllPageSize(), TenantApi::LoadAllPageSize);
}

void TestTenantApi::clientChangesSinceARevision()
{
    ClientQuery query;
    query.limit = 1;
    const auto first = wait<ClientPage>([&](QObject* c, auto cb) { m_api->listClients(query, c, cb); });
    QVERIFY2(first.ok(), qPrintable(first.message));
    QVERIFY(!first.value.revision.isEmpty());

    // Nothing changed: no client comes back.
    const auto none
        = wait<ClientChanges>([&](QObject* c, auto cb) { m_api->clientChanges(first.value.revision, c, cb); });
    QVERIFY2(none.ok(), qPrintable(none.message));
    QVERIFY(none.value.changed.items.isEmpty());
    QVERIFY(none.value.deleted.isEmpty());
    QVERIFY(!none.value.more);

    // One created, one deleted: both, and a newer revision.
    const Client created = createOrFail(technical(u"Changes feed"_s, u"CHANGES_FEED"_s));
    const Client doomed = createOrFail(technical(u"Changes doomed"_s, u"CHANGES_DOOMED"_s));
    const auto deleted = wait<Empty>([&](QObject* c, auto cb) { m_api->deleteClient(doomed.clientId, c, cb); });
    QVERIFY2(deleted.ok(), qPrintable(deleted.message));
    const auto changes
        = wait<ClientChanges>([&](QObject* c, auto cb) { m_api->clientChanges(first.value.revision, c, cb); });
    QVERIFY2(changes.ok(), qPrintable(changes.message));
    QCOMPARE(changes.value.changed.items.size(), 1);
    QCOMPARE(changes.value.changed.items.first().clientId, created.clientId);
    QCOMPARE(changes.value.deleted, QStringList{doomed.clientId});
    QVERIFY(changes.value.changed.revision != first.value.revision);

    // A revision of another server run: 410, the caller loads again.
    const auto gone = wait<ClientChanges>([&](QObject* c, auto cb) { m_api->clientChanges(u"zzzz-1"_s, c, cb); });
    QVERIFY(!gone.ok());
    QCOMPARE(gone.httpStatus, 410);
}

void TestTenantApi::loadAllStopsARunawayTenant_data()
{
    const auto page = [](QList<int> ids, qint64 total) {
        QByteArray items;
        for (int id : ids) {
            items += QByteArray(items.isEmpty() ? "" : ",") + R"({"client_id":"cl-)" + QByteArray::number(id)
                + R"(","client_name":"Fake","purpose":"api"})";
        }
        return QByteArray("{\"items\":[" + items + "],\"total\":" + QByteArray::number(total) + "}");
    };
    QTest::addColumn<QList<QByteArray>>("pages");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("loaded");
    QTest::addColumn<int>("pageRequests");
    QTest::addColumn<QString>("message");
    // The fake repeats its last answer forever; page size 2, at most 5 clients.
    QTest::newRow("total of a billion") << QList{page({1, 2}, 1'000'000'000)} << false << qint64(0) << 1
                                        << u"more than the 5 this program loads"_s;
    QTest::newRow("same page forever") << QList{page({1, 2}, 4)} << false << qint64(0) << 2
                                       << u"sent client cl-1 a second time (at offset 2)"_s;
    QTest::newRow("page over the limit") << QList{page({1, 2, 3}, 4)} << false << qint64(0) << 1
                                         << u"sent 3 clients for a page of 2"_s;
    QTest::newRow("more pages than the maximum") << QList{page({1, 2}, 5), page({3, 4}, 5), page({5, 6}, 5)} << false
                                                 << qint64(0) << 3 << u"it lists 6 clients, more than the 5"_s;
    QTest::newRow("short page ends") << QList{page({1, 2}, 5), page({3}, 5)} << true << qint64(3) << 2 << QString();
    QTest::newRow("empty page ends") << QList{page({1, 2}, 5), page({}, 5)} << true << qint64(2) << 2 << QString();
}

void TestTenantApi::loadAllStopsARunawayTenant()
{
    QFETCH(QList<QByteArray>, pages);
    QFETCH(bool, ok);
    QFETCH(qint64, loaded);
    QFETCH(int, pageRequests);
    QFETCH(QString, message);
    FaultServer fake;
    QVERIFY(fake.listen());
    const QByteArray metadata = R"({"issuer":")" + fake.url(u"/"_s).toEncoded() + R"(","token_endpoint":")"
        + m_server->tokenUrl().toEncoded() + R"("})";
    QList<FaultServer::Response> responses{FaultServer::json(200, metadata)};
    for (const QByteArray& body : std::as_const(pages)) {
        responses.append(FaultServer::json(200, body));
    }
    fake.setResponses(responses);
    AdminSession session(&m_network, fake.url(u"/"_s), m_server->adminClientId(), Secret(m_server->adminSecret()),
                         m_server->clock());
    session.setTokenEndpoint(m_server->tokenUrl()); // pinned, as from a credentials file
    TenantApi api(&session);
    api.setLoadAllPageSize(2);
    api.setMaximumClients(5);
    QCOMPARE(api.maximumClients(), 5);
    qint64 received = 0;
    const auto done = wait<qint64>([&](QObject* c, auto cb) {
        api.loadAllClients(
            {}, c, [&](const ClientPage& page) { received += page.items.size(); }, cb);
    });
    QCOMPARE(done.ok(), ok);
    QCOMPARE(fake.requestCount(), 1 + pageRequests);
    if (ok) {
        QCOMPARE(done.value, loaded);
        QCOMPARE(received, loaded);
    } else {
        QCOMPARE(done.status, ResultStatus::Protocol);
        QVERIFY2(done.message.contains(message), qPrintable(done.message));
        QVERIFY(done.message.contains(u"loading stopped"_s));
        QVERIFY(received <= 5);
    }
    QCOMPARE(api.pendingCount(), 0);
}

void TestTenantApi::adminTokenSharedByConcurrentCallers()
{
    constexpr int Callers = 50;
    QList<std::shared_ptr<Reply<TenantInfo>>> replies;
    for (int i = 0; i < Callers; ++i) {
        auto reply = std::make_shared<Reply<TenantInfo>>();
        m_api->tenant(this, [reply](const Result<TenantInfo>& result) {
            ++reply->calls;
            reply->result = result;
        });
        replies.append(reply);
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(replies.cbegin(), replies.cend(), [](const auto& r) { return r->calls; }),
                             60'000);
    for (const auto& reply : std::as_const(replies)) {
        QCOMPARE(reply->calls, 1);
        QVERIFY2(reply->result.ok(), qPrintable(reply->result.message));
    }
    QCOMPARE(m_session->tokenRequestCount(), 1);
    QCOMPARE(m_api->pendingCount(), 0);
}

void TestTenantApi::adminTokenRenewedBeforeExpiry()
{
    auto tenant = wait<TenantInfo>([&](QObject* c, auto cb) { m_api->tenant(c, cb); });
    QVERIFY(tenant.ok());
    QCOMPARE(m_session->tokenRequestCount(), 1);
    const std::optional<qint64> renewal = m_session->tokenRenewalTime();
    QVERIFY(renewal.has_value());
    // The bootstrap admin's tokens live 86400 s: renewal 8640 s (10 %) before,
    // less at most 864 s of jitter.
    const qint64 obtained = m_server->clock().now();
    QVERIFY(*renewal <= obtained + 86400 - 8640);
    QVERIFY(*renewal >= obtained + 86400 - 8640 - 864);

    m_server->clock().set(*renewal - 1);
    tenant = wait<TenantInfo>([&](QObject* c, auto cb) { m_api->tenant(c, cb); });
    QVERIFY(tenant.ok());
    QCOMPARE(m_session->tokenRequestCount(), 1);

    m_server->clock().set(*renewal);
    tenant = wait<TenantInfo>([&](QObject* c, auto cb) { m_api->tenant(c, cb); });
    QVERIFY2(tenant.ok(), qPrintable(tenant.message));
    QCOMPARE(m_session->tokenRequestCount(), 2);
}

void TestTenantApi::unauthorizedReauthenticatesOnce()
{
    // The session's clock stands still while the server's moves past the
    // token's expiry: the session still trusts its token, the server
    // answers 401, and the call succeeds after one new token.
    ManualClock sessionClock(m_server->clock().now());
    AdminSession session(&m_network, m_server->baseUrl(), m_server->adminClientId(), Secret(m_server->adminSecret()),
                         sessionClock);
    TenantApi api(&session);
    auto tenant = wait<TenantInfo>([&](QObject* c, auto cb) { api.tenant(c, cb); });
    QVERIFY(tenant.ok());
    m_server->clock().advance(86400 + 1);
    tenant = wait<TenantInfo>([&](QObject* c, auto cb) { api.tenant(c, cb); });
    QVERIFY2(tenant.ok(), qPrintable(tenant.message));
    QCOMPARE(session.tokenRequestCount(), 2);
}

void TestTenantApi::repeatedUnauthorizedIsReported()
{
    // Discovery points the token endpoint at the real server; every API call
    // answers 401: one retry with a new token, then Authentication.
    FaultServer fake;
    QVERIFY(fake.listen());
    const QByteArray metadata = R"({"issuer":")" + fake.url(u"/"_s).toEncoded() + R"(","token_endpoint":")"
        + m_server->tokenUrl().toEncoded() + R"("})";
    fake.setResponses({FaultServer::json(200, metadata),
                       FaultServer::json(401, R"({"title":"Unauthorized","status":401,"detail":"Token inactive."})",
                                         {{"WWW-Authenticate", "Bearer"}})});
    AdminSession session(&m_network, fake.url(u"/"_s), m_server->adminClientId(), Secret(m_server->adminSecret()),
                         m_server->clock());
    session.setTokenEndpoint(m_server->tokenUrl()); // as a credentials file names it
    TenantApi api(&session);
    const auto tenant = wait<TenantInfo>([&](QObject* c, auto cb) { api.tenant(c, cb); });
    QCOMPARE(tenant.status, ResultStatus::Authentication);
    QCOMPARE(tenant.httpStatus, 401);
    QVERIFY(tenant.message.contains(u"Token inactive."_s));
    QCOMPARE(fake.requestCount(), 3); // discovery + the call + its one retry
    QCOMPARE(session.tokenRequestCount(), 2);
}

void TestTenantApi::wrongAdminSecret()
{
    AdminSession session(&m_network, m_server->baseUrl(), m_server->adminClientId(), Secret(u"wrong"_s),
                         m_server->clock());
    TenantApi api(&session);
    const auto tenant = wait<TenantInfo>([&](QObject* c, auto cb) { api.tenant(c, cb); });
    QCOMPARE(tenant.status, ResultStatus::Authentication);
    QCOMPARE(tenant.oauthError, u"invalid_client"_s);
    QCOMPARE(tenant.httpStatus, 401);
    QVERIFY(tenant.message.startsWith(u"The tenant did not accept the administrator's client ID and secret."_s));
}

void TestTenantApi::stalledTenantTimesOut()
{
    FaultServer fake;
    QVERIFY(fake.listen());
    const QByteArray metadata = R"({"issuer":")" + fake.url(u"/"_s).toEncoded() + R"(","token_endpoint":")"
        + m_server->tokenUrl().toEncoded() + R"("})";
    fake.setResponses({FaultServer::json(200, metadata)});
    fake.setStallAfter(1);
    AdminSession session(&m_network, fake.url(u"/"_s), m_server->adminClientId(), Secret(m_server->adminSecret()),
                         m_server->clock());
    session.setTokenEndpoint(m_server->tokenUrl());
    session.setTimeoutMs(500);
    TenantApi api(&session);
    const auto clients = wait<ClientPage>([&](QObject* c, auto cb) { api.listClients({}, c, cb); });
    QCOMPARE(clients.status, ResultStatus::Timeout);
    QCOMPARE(clients.networkError, QNetworkReply::TimeoutError);
    QVERIFY2(clients.message.contains(u"did not answer"_s), qPrintable(clients.message));
    QCOMPARE(fake.requestCount(), 2);
    QCOMPARE(api.pendingCount(), 0);
}

namespace {
const QByteArray MetadataPath = "/.well-known/oauth-authorization-server";

QByteArray metadataFor(const QUrl& issuer, const QUrl& tokenEndpoint)
{
    return R"({"issuer":")" + issuer.toEncoded() + R"(","token_endpoint":")" + tokenEndpoint.toEncoded() + R"("})";
}
} // namespace

void TestTenantApi::drippingTenantTimesOut_data()
{
    QTest::addColumn<FaultServer::Response>("response");
    FaultServer::Response dripping = FaultServer::json(200, R"({"items":[],"total":0})" + QByteArray(100, ' '));
    dripping.dripIntervalMs = 50; // 6 s for the whole answer
    QTest::newRow("one byte per 50 ms") << dripping;
    FaultServer::Response stalled = FaultServer::json(200, R"({"items":[],"total":0})");
    stalled.stallAfterHeaders = true;
    QTest::newRow("stall after the headers") << stalled;
}

void TestTenantApi::drippingTenantTimesOut()
{
    // An idle timer would be reset by every byte; the deadline is not, and a
    // stall after the headers is a timeout, not an answer that breaks the API.
    QFETCH(FaultServer::Response, response);
    FaultServer fake;
    QVERIFY(fake.listen());
    fake.setRoute(MetadataPath, FaultServer::json(200, metadataFor(fake.url(u"/"_s), m_server->tokenUrl())));
    fake.setRoute("/api/v1/clients", response);
    AdminSession session(&m_network, fake.url(u"/"_s), m_server->adminClientId(), Secret(m_server->adminSecret()),
                         m_server->clock());
    session.setTokenEndpoint(m_server->tokenUrl());
    session.setTimeoutMs(700);
    TenantApi api(&session);
    QElapsedTimer elapsed;
    elapsed.start();
    const auto clients = wait<ClientPage>([&](QObject* c, auto cb) { api.listClients({}, c, cb); });
    QCOMPARE(clients.status, ResultStatus::Timeout);
    QCOMPARE(clients.networkError, QNetworkReply::TimeoutError);
    QVERIFY2(clients.message.contains(u"did not answer"_s), qPrintable(clients.message));
    QVERIFY2(!clients.message.contains(u"does not follow the API"_s), qPrintable(clients.message));
    // The deadline (0.7 s for the call) plus a margin.
    QVERIFY2(elapsed.elapsed() < 5'000, qPrintable(QString::number(elapsed.elapsed())));
    QCOMPARE(fake.requestCount("/api/v1/clients"), 1);
    QCOMPARE(api.pendingCount(), 0);
}

void TestTenantApi::oversizedAnswerRefused_data()
{
    QTest::addColumn<FaultServer::Response>("response");
    QTest::addColumn<qint64>("cap");
    QTest::addColumn<QString>("capText");
    // A client page announcing 100 MiB: over the default 64 MiB cap, refused
    // from its headers (the body never comes, so nothing else could end it).
    FaultServer::Response announced = FaultServer::json(200, R"({"items":[)");
    announced.announcedLength = 100LL * 1024 * 1024;
    announced.stallAfterHeaders = true;
    QTest::newRow("content-length 100 MiB") << announced << qint64(0) << u"64 MiB"_s;
    // No Content-Length: refused once more than the cap (256 KiB here) arrived.
    FaultServer::Response streamed
        = FaultServer::json(200, R"({"items":[],"total":0,"x":")" + QByteArray(1024 * 1024, 'x') + R"("})");
    streamed.withoutContentLength = true;
    QTest::newRow("1 MiB without length") << streamed << qint64(256 * 1024) << u"256 KiB"_s;
}

void TestTenantApi::oversizedAnswerRefused()
{
    QFETCH(FaultServer::Response, response);
    QFETCH(qint64, cap);
    QFETCH(QString, capText);
    FaultServer fake;
    QVERIFY(fake.listen());
    fake.setRoute(MetadataPath, FaultServer::json(200, metadataFor(fake.url(u"/"_s), m_server->tokenUrl())));
    fake.setRoute("/api/v1/clients", response);
    AdminSession session(&m_network, fake.url(u"/"_s), m_server->adminClientId(), Secret(m_server->adminSecret()),
                         m_server->clock());
    session.setTokenEndpoint(m_server->tokenUrl());
    TenantApi api(&session);
    if (cap > 0) {
        api.setAnswerCap(cap);
    }
    const auto clients = wait<ClientPage>([&](QObject* c, auto cb) { api.listClients({}, c, cb); });
    QCOMPARE(clients.status, ResultStatus::Protocol);
    QVERIFY2(clients.message.contains(u"larger than "_s + capText), qPrintable(clients.message));
    QCOMPARE(api.pendingCount(), 0);
}

void TestTenantApi::foreignTokenEndpointRefused()
{
    // The tenant's discovery document names a token endpoint on another
    // host: refused, and that host receives nothing (no secret, no request).
    FaultServer other;
    QVERIFY(other.listen());
    other.setResponses({FaultServer::json(200, R"({"access_token":"t","token_type":"Bearer","expires_in":60})")});
    FaultServer fake;
    QVERIFY(fake.listen());
    fake.setRoute(MetadataPath, FaultServer::json(200, metadataFor(fake.url(u"/"_s), other.url(u"/oauth/token"_s))));
    AdminSession session(&m_network, fake.url(u"/"_s), u"admin"_s, Secret(u"admin-secret-123"_s), m_server->clock());
    TenantApi api(&session);
    const auto tenant = wait<TenantInfo>([&](QObject* c, auto cb) { api.tenant(c, cb); });
    QCOMPARE(tenant.status, ResultStatus::Protocol);
    QVERIFY2(tenant.message.contains(u"another host"_s), qPrintable(tenant.message));
    QVERIFY2(tenant.message.contains(u"was not sent"_s), qPrintable(tenant.message));
    QVERIFY(!tenant.message.contains(u"admin-secret-123"_s));
    QCOMPARE(other.connectionCount(), 0);
    QCOMPARE(other.requestCount(), 0);
    QCOMPARE(fake.requestCount(), 1); // discovery only
    QCOMPARE(session.tokenRequestCount(), 0);
}

void TestTenantApi::sameOriginTokenEndpointAccepted()
{
    // The origin rule itself: scheme, host and port, default ports filled in.
    QVERIFY(TenantUrl::sameOrigin(QUrl(u"https://t.example/oauth/token"_s), QUrl(u"HTTPS://T.Example:443/"_s)));
    QVERIFY(!TenantUrl::sameOrigin(QUrl(u"https://t.example.evil/oauth/token"_s), QUrl(u"https://t.example"_s)));
    QVERIFY(!TenantUrl::sameOrigin(QUrl(u"http://t.example/token"_s), QUrl(u"https://t.example"_s)));
    QVERIFY(!TenantUrl::sameOrigin(QUrl(u"https://t.example:8443/token"_s), QUrl(u"https://t.example"_s)));
    // The real server names its own token endpoint: accepted (every other test
    // of this suite connects that way too).
    const auto tenant = wait<TenantInfo>([&](QObject* c, auto cb) { m_api->tenant(c, cb); });
    QVERIFY2(tenant.ok(), qPrintable(tenant.message));
}

void TestTenantApi::retryAfterClamped()
{
    // 2^32 + 2^31 seconds: read as a 32-bit int it would wrap; clamped to one day.
    QCOMPARE(HttpReplies::parseRetryAfter("6442450944", 0), HttpReplies::MaximumRetryAfter);
    QCOMPARE(HttpReplies::parseRetryAfter("99999999999999999999999", 0), HttpReplies::MaximumRetryAfter);
    QCOMPARE(HttpReplies::parseRetryAfter("-5", 0), qint64(0));
    QCOMPARE(HttpReplies::parseRetryAfter("120", 0), qint64(120));
    FaultServer fake;
    QVERIFY(fake.listen());
    fake.setRoute(MetadataPath, FaultServer::json(200, metadataFor(fake.url(u"/"_s), m_server->tokenUrl())));
    fake.setRoute(
        "/api/v1/tenant",
        FaultServer::json(429, R"({"title":"Too Many Requests","status":429})", {{"Retry-After", "6442450944"}}));
    AdminSession session(&m_network, fake.url(u"/"_s), m_server->adminClientId(), Secret(m_server->adminSecret()),
                         m_server->clock());
    session.setTokenEndpoint(m_server->tokenUrl());
    TenantApi api(&session);
    const auto tenant = wait<TenantInfo>([&](QObject* c, auto cb) { api.tenant(c, cb); });
    QCOMPARE(tenant.status, ResultStatus::RateLimited);
    QCOMPARE(tenant.retryAfter, HttpReplies::MaximumRetryAfter);
    QVERIFY2(tenant.message.contains(u"86400 second"_s), qPrintable(tenant.message));
    QCOMPARE(fake.requestCount("/api/v1/tenant"), 1);
}

void TestTenantApi::refusedConnection()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const QUrl url(u"http://127.0.0.1:%1"_s.arg(closed.serverPort()));
    closed.close();
    AdminSession session(&m_network, url, u"x"_s, Secret(u"y"_s), m_server->clock());
    TenantApi api(&session);
    const auto tenant = wait<TenantInfo>([&](QObject* c, auto cb) { api.tenant(c, cb); });
    QCOMPARE(tenant.status, ResultStatus::Network);
    QCOMPARE(tenant.networkError, QNetworkReply::ConnectionRefusedError);
    QVERIFY2(tenant.message.contains(u"refused the connection"_s), qPrintable(tenant.message));
}

void TestTenantApi::notATenant()
{
    FaultServer fake;
    QVERIFY(fake.listen());
    fake.setResponses({FaultServer::json(404, "no")});
    AdminSession session(&m_network, fake.url(u"/"_s), u"x"_s, Secret(u"y"_s), m_server->clock());
    TenantApi api(&session);
    const auto tenant = wait<TenantInfo>([&](QObject* c, auto cb) { api.tenant(c, cb); });
    QCOMPARE(tenant.status, ResultStatus::Protocol);
    QVERIFY(tenant.message.contains(u"not an App Integration tenant"_s));
}

void TestTenantApi::cancelAll()
{
    FaultServer fake;
    QVERIFY(fake.listen());
    fake.setStalling(true);
    AdminSession session(&m_network, fake.url(u"/"_s), u"x"_s, Secret(u"y"_s), m_server->clock());
    TenantApi api(&session);
    auto reply = std::make_shared<Reply<Spaces>>();
    api.spaces(this, [reply](const Result<Spaces>& result) {
        ++reply->calls;
        reply->result = result;
    });
    QCOMPARE(api.pendingCount(), 1);
    api.cancelAll();
    QTRY_COMPARE(reply->calls, 1);
    QCOMPARE(reply->result.status, ResultStatus::Cancelled);
    QTRY_COMPARE(api.pendingCount(), 0);
}

void TestTenantApi::deadContextDropsCallback()
{
    auto context = std::make_unique<QObject>();
    bool called = false;
    m_api->roles(context.get(), [&](const Result<Roles>&) { called = true; });
    context.reset();
    QTRY_COMPARE_WITH_TIMEOUT(m_api->pendingCount(), 0, 60'000);
    QCoreApplication::processEvents();
    QVERIFY(!called);
}

void TestTenantApi::createdSecretNeverLogged()
{
    auto& category = const_cast<QLoggingCategory&>(lcServiceHttp());
    category.setEnabled(QtDebugMsg, true);
    g_log.clear();
    const QtMessageHandler previous = qInstallMessageHandler(captureLog);
    Secret secret;
    const Client created = createOrFail(technical(u"Logged"_s, u"LOGGED_USER"_s), &secret);
    qInstallMessageHandler(previous);
    category.setEnabled(QtDebugMsg, false);
    QVERIFY(!created.clientId.isEmpty());
    const QString log = g_log.join(u'\n');
    QVERIFY2(log.contains(u"POST "_s) && log.contains(u"/api/v1/clients"_s), qPrintable(log));
    QVERIFY(log.contains(u"\"client_secret\":\"<redacted>\""_s));
    QVERIFY(log.contains(u"Authorization: Bearer <redacted>"_s));
    QVERIFY(!log.contains(secret.toString()));
    QVERIFY(!log.contains(m_server->adminSecret()));
}

void TestTenantApi::outboundTokenFromCreatedClient_data()
{
    QTest::addColumn<bool>("header");
    QTest::newRow("client_secret_post") << false;
    QTest::newRow("client_secret_basic") << true;
}

void TestTenantApi::outboundTokenFromCreatedClient()
{
    QFETCH(bool, header);
    const QString userId = header ? u"OUTBOUND_BASIC"_s : u"OUTBOUND_POST"_s;
    Secret secret;
    const Client created = createOrFail(technical(u"Outbound"_s, userId), &secret);
    QVERIFY(!created.clientId.isEmpty());

    OutboundCredential credential;
    credential.name = u"tenant-client"_s;
    credential.tokenServiceUrl = m_server->tokenUrl().toString();
    credential.clientId = created.clientId;
    credential.clientAuthentication = header ? ClientAuthentication::Header : ClientAuthentication::Body;
    OutboundSecrets secrets;
    secrets.clientSecret = secret;
    TokenClient client(&m_network, m_server->clock());
    TokenCache cache(&client, m_server->clock());
    QList<std::shared_ptr<Reply<AccessToken>>> replies;
    for (int i = 0; i < 20; ++i) {
        auto reply = std::make_shared<Reply<AccessToken>>();
        cache.token(credential, secrets, this, [reply](const Result<AccessToken>& result) {
            ++reply->calls;
            reply->result = result;
        });
        replies.append(reply);
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(replies.cbegin(), replies.cend(), [](const auto& r) { return r->calls; }),
                             60'000);
    QCOMPARE(cache.requestCount(), 1);
    const Result<AccessToken>& token = replies.first()->result;
    QVERIFY2(token.ok(), qPrintable(token.message));
    QCOMPARE(token.value.tokenType, u"Bearer"_s);
    QCOMPARE(token.value.expiresIn, created.accessTokenLifetime);
    const std::optional<QJsonObject> claims = token.value.claims();
    QVERIFY(claims.has_value());
    QCOMPARE(claims->value(u"client_id"_s).toString(), created.clientId);
    QCOMPARE(claims->value(u"sub"_s).toString(), userId);
    QCOMPARE(claims->value(u"iss"_s).toString(),
             m_session->metadata() ? m_session->metadata()->issuer : m_server->baseUrl().toString());
    QVERIFY(claims->value(u"roles"_s).toArray().contains(u"DW_VIEWER"_s));
    QCOMPARE(claims->value(u"exp"_s).toInteger() - claims->value(u"iat"_s).toInteger(), created.accessTokenLifetime);

    // A wrong secret: invalid_client, readable.
    OutboundSecrets wrong;
    wrong.clientSecret = Secret(u"wrong"_s);
    bool done = false;
    Result<AccessToken> refused;
    client.fetch(credential, wrong, this, [&](const Result<AccessToken>& r, const RedactedRequest&) {
        refused = r;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 60'000);
    QCOMPARE(refused.status, ResultStatus::Authentication);
    QCOMPARE(refused.oauthError, u"invalid_client"_s);
}

APPINT_TEST_MAIN(TestTenantApi)
#include "TestTenantApi.moc"
