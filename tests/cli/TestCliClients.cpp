#include "TestMain.h"

#include "CliFixture.h"
#include "keychain/KeychainKeys.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;
using namespace appint;
using appint::test::CliFixture;
using appint::test::CliRun;

// `appint clients list|show|delete` with the stored credentials, against a
// real appint-server; output checked as a person reads it and as JSON.
class TestCliClients : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void listsEveryClient();
    void listFilters();
    void showsOneClient();
    void showOfAnUnknownClientIsNotFound();
    void deletesAClientAndItsSavedSecret();
    void needsALogin();
    void choosesTheTenant();
    void missingKeychainEntryIsAKeychainError();
    void unreachableTenantIsANetworkError();

private:
    QString tenantKey() const
    {
        return KeychainKeys::tenantCredentials(m_fixture->tenantUrl(), m_fixture->server().adminClientId());
    }
    QByteArray adminSecret() const { return m_fixture->server().adminSecret().toUtf8(); }

    std::unique_ptr<CliFixture> m_fixture;
    QJsonObject m_etl;
    QJsonObject m_api;
};

void TestCliClients::initTestCase()
{
    const QString problem = CliFixture::checkEnvironment();
    if (!problem.isEmpty()) {
        QFAIL(qPrintable(problem));
    }
}

void TestCliClients::init()
{
    m_fixture = std::make_unique<CliFixture>();
    QString error;
    QVERIFY2(m_fixture->startServer(&error), qPrintable(error));
    m_etl = m_fixture->createClient(
        QJsonObject{{u"client_name"_s, u"Nightly ETL — Ünïcödé"_s},
                    {u"purpose"_s, u"technical"_s},
                    {u"user_id"_s, u"ETL_NIGHTLY"_s},
                    {u"roles"_s, QJsonArray{QJsonObject{{u"role_id"_s, u"DW_INTEGRATOR"_s}}}}});
    QVERIFY(!m_etl.isEmpty());
    m_api = m_fixture->createClient(QJsonObject{{u"client_name"_s, u"Provisioning"_s},
                                                {u"purpose"_s, u"api"_s},
                                                {u"access"_s, QJsonArray{u"user_provisioning"_s}}});
    QVERIFY(!m_api.isEmpty());
    const CliRun login = m_fixture->login();
    QVERIFY2(login.exitCode == 0, login.describe().constData());
}

void TestCliClients::cleanup()
{
    if (m_fixture) {
        m_fixture->keychainRemove(tenantKey());
        m_fixture->keychainRemove(
            KeychainKeys::clientSecret(m_fixture->tenantUrl(), m_etl.value(u"client_id"_s).toString()));
    }
    m_fixture.reset();
}

void TestCliClients::listsEveryClient()
{
    CliRun run = m_fixture->run({u"clients"_s, u"list"_s, u"--json"_s});
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    QVERIFY(run.standardError.isEmpty());
    const QJsonArray clients = run.json().array();
    QCOMPARE(clients.size(), 3); // the bootstrap administrator and the two above
    QStringList ids;
    for (const QJsonValue& client : clients) {
        ids.append(client[u"client_id"_s].toString());
        QVERIFY(!client.toObject().contains(u"client_secret"_s));
    }
    QVERIFY(ids.contains(m_fixture->server().adminClientId()));
    QVERIFY(ids.contains(m_etl[u"client_id"_s].toString()));
    QVERIFY(ids.contains(m_api[u"client_id"_s].toString()));
    // Sorted by name, as the API's default.
    QCOMPARE(clients.at(0)[u"client_name"_s].toString(), u"Bootstrap administrator"_s);
    QCOMPARE(clients.at(1)[u"client_name"_s].toString(), u"Nightly ETL — Ünïcödé"_s);
    QCOMPARE(clients.at(1)[u"status"_s].toString(), u"active"_s);
    QCOMPARE(clients.at(1)[u"user_id"_s].toString(), u"ETL_NIGHTLY"_s);

    // The table: a header, one aligned row per client, a count.
    run = m_fixture->run({u"clients"_s, u"list"_s});
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    const QList<QByteArray> lines = run.standardOutput.split('\n');
    QCOMPARE(lines.size(), 6); // header, 3 rows, count, empty after the last break
    QVERIFY(lines.at(0).startsWith("CLIENT ID"));
    const qsizetype nameColumn = lines.at(0).indexOf("NAME");
    const qsizetype purposeColumn = QString::fromUtf8(lines.at(0)).indexOf(u"PURPOSE"_s);
    for (int row = 1; row <= 3; ++row) {
        const QString line = QString::fromUtf8(lines.at(row));
        QVERIFY2(line.at(nameColumn - 1) == u' ' && line.at(nameColumn) != u' ', qPrintable(line));
        QVERIFY2(line.at(purposeColumn - 1) == u' ' && line.at(purposeColumn) != u' ', qPrintable(line));
    }
    QVERIFY(run.standardOutput.contains(m_etl[u"client_id"_s].toString().toUtf8()));
    QVERIFY(run.standardOutput.contains("Nightly ETL — Ünïcödé"));
    QVERIFY(run.standardOutput.contains("API Access"));
    QCOMPARE(lines.at(4), "3 clients");
    QVERIFY(!run.mentions(adminSecret()));
}

void TestCliClients::listFilters()
{
    CliRun run = m_fixture->run({u"clients"_s, u"list"_s, u"--json"_s, u"--purpose"_s, u"api"_s});
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    QCOMPARE(run.json().array().size(), 1);
    QCOMPARE(run.json().array().at(0)[u"client_name"_s].toString(), u"Provisioning"_s);

    run = m_fixture->run({u"clients"_s, u"list"_s, u"--json"_s, u"--search"_s, u"etl_night"_s});
    QCOMPARE(run.json().array().size(), 1);

    run = m_fixture->run({u"clients"_s, u"list"_s, u"--status"_s, u"expired"_s});
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    QCOMPARE(run.standardOutput, "No clients.\n");

    run = m_fixture->run({u"clients"_s, u"list"_s, u"--purpose"_s, u"robot"_s});
    QCOMPARE(run.exitCode, 2);
    run = m_fixture->run({u"clients"_s, u"show"_s, u"x"_s, u"--purpose"_s, u"api"_s});
    QCOMPARE(run.exitCode, 2);
}

void TestCliClients::showsOneClient()
{
    const QString id = m_etl[u"client_id"_s].toString();
    CliRun run = m_fixture->run({u"clients"_s, u"show"_s, id, u"--json"_s});
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    const QJsonObject client = run.json().object();
    QCOMPARE(client[u"client_id"_s].toString(), id);
    QCOMPARE(client[u"client_name"_s].toString(), u"Nightly ETL — Ünïcödé"_s);
    QCOMPARE(client[u"purpose"_s].toString(), u"technical"_s);
    QCOMPARE(client[u"roles"_s].toArray().at(0)[u"role_id"_s].toString(), u"DW_INTEGRATOR"_s);
    QCOMPARE(client[u"access_token_lifetime"_s].toInt(), 86400);
    QCOMPARE(client[u"client_secret_expires_at"_s].toInteger(), m_etl[u"client_secret_expires_at"_s].toInteger());
    QVERIFY(!client.contains(u"client_secret"_s));

    run = m_fixture->run({u"clients"_s, u"show"_s, id});
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    // Label and value on each line, every value starting in the same column.
    const QStringList lines = QString::fromUtf8(run.standardOutput).trimmed().split(u'\n');
    const QList<std::pair<QString, QString>> expected{{u"Client ID"_s, id},
                                                      {u"Name"_s, u"Nightly ETL — Ünïcödé"_s},
                                                      {u"Purpose"_s, u"Technical User"_s},
                                                      {u"Status"_s, u"active"_s},
                                                      {u"Technical user"_s, u"ETL_NIGHTLY"_s},
                                                      {u"Roles"_s, u"DW_INTEGRATOR"_s},
                                                      {u"Token lifetime"_s, u"1 day"_s}};
    qsizetype column = -1;
    for (const auto& [label, value] : expected) {
        const auto line = std::find_if(lines.cbegin(), lines.cend(),
                                       [&](const QString& l) { return l.startsWith(label + u"  "_s); });
        QVERIFY2(line != lines.cend(), qPrintable(label));
        QVERIFY2(line->endsWith(value), qPrintable(*line));
        const qsizetype valueColumn = line->size() - value.size();
        QVERIFY(column < 0 || valueColumn == column);
        QVERIFY(line->mid(label.size(), valueColumn - label.size()).trimmed().isEmpty());
        column = valueColumn;
    }
    QVERIFY2(column == QStringLiteral("Technical user").size() + 2, qPrintable(QString::number(column)));
}

void TestCliClients::showOfAnUnknownClientIsNotFound()
{
    const CliRun run = m_fixture->run({u"clients"_s, u"show"_s, u"cl-does-not-exist"_s});
    QCOMPARE(run.exitCode, 6);
    QCOMPARE(run.errorLines().size(), 1);
    QVERIFY2(run.standardError.startsWith("appint clients: The client cannot be shown:"), run.describe().constData());
    QVERIFY(run.standardOutput.isEmpty());
}

void TestCliClients::deletesAClientAndItsSavedSecret()
{
    const QString id = m_etl[u"client_id"_s].toString();
    const QString key = KeychainKeys::clientSecret(m_fixture->tenantUrl(), id);
    QVERIFY(m_fixture->keychainWrite(key, m_etl[u"client_secret"_s].toString()).ok());

    CliRun run = m_fixture->run({u"clients"_s, u"delete"_s, id, u"--json"_s});
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    QCOMPARE(run.json().object(),
             (QJsonObject{{u"client_id"_s, id}, {u"deleted"_s, true}, {u"saved_secret_removed"_s, true}}));
    QCOMPARE(m_fixture->keychainRead(key).status, KeychainStatus::NotFound);
    QVERIFY(!run.mentions(m_etl[u"client_secret"_s].toString().toUtf8()));

    // Gone from the tenant.
    run = m_fixture->run({u"clients"_s, u"show"_s, id});
    QCOMPARE(run.exitCode, 6);
    run = m_fixture->run({u"clients"_s, u"list"_s, u"--json"_s});
    QCOMPARE(run.json().array().size(), 2);

    // Without a saved secret: the plain message.
    const QString apiId = m_api[u"client_id"_s].toString();
    run = m_fixture->run({u"clients"_s, u"delete"_s, apiId});
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    QCOMPARE(run.standardOutput, QByteArray("Deleted client " + apiId.toUtf8() + ".\n"));

    run = m_fixture->run({u"clients"_s, u"delete"_s, apiId});
    QCOMPARE(run.exitCode, 6);
}

void TestCliClients::needsALogin()
{
    QVERIFY(m_fixture->run({u"logout"_s}).exitCode == 0);
    const CliRun run = m_fixture->run({u"clients"_s, u"list"_s});
    QCOMPARE(run.exitCode, 6);
    QVERIFY2(run.standardError.startsWith("appint clients: Not logged in to any tenant. Run: appint login"),
             run.describe().constData());
}

void TestCliClients::choosesTheTenant()
{
    // A second tenant logged in to: without --tenant the command cannot know.
    CliFixture other; // its own settings folder is not used: only its server
    QString error;
    QVERIFY2(other.startServer(&error), qPrintable(error));
    CliRun run = m_fixture->run({u"login"_s, u"--tenant"_s, other.tenantUrl(), u"--client-id"_s,
                                 other.server().adminClientId(), u"--client-secret-stdin"_s},
                                other.server().adminSecret().toUtf8());
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    const QString otherKey = KeychainKeys::tenantCredentials(other.tenantUrl(), other.server().adminClientId());

    run = m_fixture->run({u"clients"_s, u"list"_s, u"--json"_s});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.standardError.contains("Logged in to 2 tenants; choose one with --tenant"),
             run.describe().constData());

    run = m_fixture->run({u"clients"_s, u"list"_s, u"--json"_s, u"--tenant"_s, other.tenantUrl()});
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    QCOMPARE(run.json().array().size(), 1);

    run = m_fixture->run({u"clients"_s, u"list"_s, u"--json"_s}, {}, {{u"APPINT_TENANT"_s, m_fixture->tenantUrl()}});
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    QCOMPARE(run.json().array().size(), 3);

    run = m_fixture->run({u"clients"_s, u"list"_s, u"--tenant"_s, u"https://unknown.example"_s});
    QCOMPARE(run.exitCode, 6);
    other.keychainRemove(otherKey);
}

void TestCliClients::missingKeychainEntryIsAKeychainError()
{
    QVERIFY(m_fixture->keychainRemove(tenantKey()).ok());
    const CliRun run = m_fixture->run({u"clients"_s, u"list"_s});
    QCOMPARE(run.exitCode, 5);
    QVERIFY2(run.standardError.contains("is not in the system keychain. Run appint login again."),
             run.describe().constData());
}

void TestCliClients::unreachableTenantIsANetworkError()
{
    m_fixture->server().stop();
    const CliRun run = m_fixture->run({u"clients"_s, u"list"_s});
    QCOMPARE(run.exitCode, 4);
    QCOMPARE(run.errorLines().size(), 1);
}

APPINT_TEST_MAIN(TestCliClients)
#include "TestCliClients.moc"
