#include "CliFixture.h"
#include "FaultServer.h"
#include "TestMain.h"

#include "keychain/KeychainKeys.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

using namespace Qt::StringLiterals;
using namespace appint;
using appint::test::CliFixture;
using appint::test::CliRun;
using appint::test::FaultServer;

Q_DECLARE_METATYPE(appint::test::FaultServer::Response)

namespace {
const QString AdminSecret = u"admin-secret-4711"_s;

// A full first page of the command line's list (1000 clients c-00000 …).
QJsonArray firstPageItems()
{
    QJsonArray items;
    for (int i = 0; i < 1000; ++i) {
        items.append(FaultServer::clientJson(u"c-%1"_s.arg(i, 5, 10, QLatin1Char('0')), u"Client %1"_s.arg(i)));
    }
    return items;
}
} // namespace

// `appint` against a tenant that breaks the contract (a FaultServer in this
// process, so runs pump its events instead of blocking): exit codes, nothing
// printed from a broken answer, no secret to another host, timeouts as
// timeouts (exit 4), no bidirectional controls on the terminal.
class TestCliDistrust : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void loginRefusesForeignTokenEndpoint();
    void drippingListIsATimeout_data();
    void drippingListIsATimeout();
    void brokenItemsPrintNothing();
    void listStreamsPages();
    void laterBrokenPageLeavesListIncomplete_data();
    void laterBrokenPageLeavesListIncomplete();
    void sheetRefusesAnotherClient();
    void bidiControlsStrippedFromTerminal();

private:
    void serve();
    CliRun run(const QStringList& arguments, const QByteArray& input = {}, const QMap<QString, QString>& env = {});
    CliRun login();

    std::unique_ptr<CliFixture> m_fixture;
    std::unique_ptr<FaultServer> m_fake;
};

void TestCliDistrust::initTestCase()
{
    const QString problem = CliFixture::checkEnvironment();
    if (!problem.isEmpty()) {
        QFAIL(qPrintable(problem));
    }
}

void TestCliDistrust::init()
{
    m_fixture = std::make_unique<CliFixture>();
    m_fake = std::make_unique<FaultServer>();
    QVERIFY(m_fake->listen());
    serve();
}

void TestCliDistrust::cleanup()
{
    if (m_fixture && m_fake) {
        m_fixture->keychainRemove(KeychainKeys::tenantCredentials(m_fake->url(u""_s).toString(), u"admin"_s));
    }
    m_fixture.reset();
    m_fake.reset();
}

void TestCliDistrust::serve()
{
    m_fake->routeWorkingTenant();
    m_fake->setRoute("/api/v1/clients",
                     FaultServer::json(200, FaultServer::clientPage({FaultServer::clientJson(u"c-one"_s, u"One"_s)})));
}

CliRun TestCliDistrust::run(const QStringList& arguments, const QByteArray& input, const QMap<QString, QString>& env)
{
    QProcessEnvironment environment = m_fixture->environment();
    for (auto it = env.cbegin(); it != env.cend(); ++it) {
        environment.insert(it.key(), it.value());
    }
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(m_fixture->configHome());
    process.start(CliFixture::program(), arguments);
    CliRun result;
    if (!process.waitForStarted()) {
        result.standardError = process.errorString().toUtf8();
        return result;
    }
    process.write(input);
    process.closeWriteChannel();
    // The fake tenant lives in this process: keep its events flowing. A
    // safety net for a hung program, not a speed limit.
    result.finished = QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 60'000);
    if (!result.finished) {
        process.kill();
        process.waitForFinished();
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.standardOutput = process.readAllStandardOutput();
    result.standardError = process.readAllStandardError();
    return result;
}

CliRun TestCliDistrust::login()
{
    return run({u"login"_s, u"--tenant"_s, m_fake->url(u""_s).toString(), u"--client-id"_s, u"admin"_s,
                u"--client-secret-stdin"_s},
               AdminSecret.toUtf8() + '\n');
}

void TestCliDistrust::loginRefusesForeignTokenEndpoint()
{
    FaultServer other;
    QVERIFY(other.listen());
    other.setResponses({FaultServer::json(200, R"({"access_token":"t","token_type":"Bearer","expires_in":60})")});
    m_fake->setRoute("/.well-known/oauth-authorization-server",
                     FaultServer::json(200,
                                       R"({"issuer":")" + m_fake->url(u""_s).toEncoded() + R"(","token_endpoint":")"
                                           + other.url(u"/oauth/token"_s).toEncoded() + R"("})"));
    const CliRun result = login();
    QVERIFY2(result.finished, result.describe().constData());
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.standardError.contains("another host"), result.describe().constData());
    QVERIFY(!result.mentions(AdminSecret.toUtf8()));
    QVERIFY(result.standardOutput.isEmpty());
    // The other host received nothing at all; the tenant no token request.
    QCOMPARE(other.connectionCount(), 0);
    QCOMPARE(m_fake->requestCount("/oauth/token"), 0);
}

void TestCliDistrust::drippingListIsATimeout_data()
{
    QTest::addColumn<FaultServer::Response>("response");
    FaultServer::Response dripping
        = FaultServer::json(200, FaultServer::clientPage({FaultServer::clientJson(u"c-one"_s, u"One"_s)}));
    dripping.dripIntervalMs = 20; // some 8 s for the whole answer
    QTest::newRow("one byte per 20 ms") << dripping;
    FaultServer::Response stalled = FaultServer::json(200, FaultServer::clientPage({}));
    stalled.stallAfterHeaders = true;
    QTest::newRow("stall after the headers") << stalled;
}

void TestCliDistrust::drippingListIsATimeout()
{
    QFETCH(FaultServer::Response, response);
    const CliRun loggedIn = login();
    QVERIFY2(loggedIn.exitCode == 0, loggedIn.describe().constData());
    m_fake->setRoute("/api/v1/clients", response);
    QElapsedTimer elapsed;
    elapsed.start();
    const CliRun result = run({u"clients"_s, u"list"_s}, {}, {{u"APPINT_TIMEOUT_MS"_s, u"1000"_s}});
    QVERIFY2(result.finished, result.describe().constData());
    QCOMPARE(result.exitCode, 4); // no connection: a timeout
    QVERIFY2(result.standardError.contains("did not answer within"), result.describe().constData());
    QVERIFY(!result.standardError.contains("does not follow the API"));
    QVERIFY(result.standardOutput.isEmpty());
    // The 1 s deadline (token and list each) plus a margin.
    QVERIFY2(elapsed.elapsed() < 10'000, qPrintable(QString::number(elapsed.elapsed())));
}

void TestCliDistrust::brokenItemsPrintNothing()
{
    QVERIFY(login().exitCode == 0);
    QJsonObject purpose = FaultServer::clientJson(u"c-purpose"_s, u"Unknown purpose"_s);
    purpose.insert(u"purpose"_s, u"root"_s);
    QJsonObject lifetime = FaultServer::clientJson(u"c-negative"_s, u"Negative"_s);
    lifetime.insert(u"access_token_lifetime"_s, -1);
    m_fake->setRoute("/api/v1/clients",
                     FaultServer::json(200,
                                       FaultServer::clientPage({QJsonValue(QJsonValue::Null), 7, QJsonObject{}, purpose,
                                                                lifetime, FaultServer::clientJson(u"c-one"_s, u"One"_s),
                                                                FaultServer::clientJson(u"c-one"_s, u"Two"_s)})));
    for (const QStringList& arguments :
         {QStringList{u"clients"_s, u"list"_s}, QStringList{u"clients"_s, u"list"_s, u"--json"_s}}) {
        const CliRun result = run(arguments);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.standardError.contains("sent 6 client"), result.describe().constData());
        QVERIFY(result.standardOutput.isEmpty());
        QVERIFY(!result.mentions("%n"));
    }
}

void TestCliDistrust::listStreamsPages()
{
    QVERIFY(login().exitCode == 0);
    const QJsonArray first = firstPageItems();
    m_fake->setRouteSequence(
        "/api/v1/clients",
        {FaultServer::json(200, FaultServer::clientPage(first, 1001)),
         FaultServer::json(200,
                           FaultServer::clientPage(
                               {FaultServer::clientJson(u"c-01000"_s, u"A longer name than any before"_s)}, 1001))});
    CliRun result = run({u"clients"_s, u"list"_s, u"--json"_s});
    QVERIFY2(result.exitCode == 0, result.standardError.constData());
    const QJsonArray array = result.json().array();
    QCOMPARE(array.size(), 1001);
    QCOMPARE(array.first().toObject().value(u"client_id"_s).toString(), u"c-00000"_s);
    QCOMPARE(array.last().toObject().value(u"client_id"_s).toString(), u"c-01000"_s);
    // The same text as one QJsonDocument of the whole array would be.
    QCOMPARE(result.standardOutput, QJsonDocument(array).toJson(QJsonDocument::Indented));

    m_fake->setRouteSequence(
        "/api/v1/clients",
        {FaultServer::json(200, FaultServer::clientPage(first, 1001)),
         FaultServer::json(200,
                           FaultServer::clientPage(
                               {FaultServer::clientJson(u"c-01000"_s, u"A longer name than any before"_s)}, 1001))});
    result = run({u"clients"_s, u"list"_s});
    QVERIFY2(result.exitCode == 0, result.standardError.constData());
    const QList<QByteArray> lines = result.standardOutput.trimmed().split('\n');
    QCOMPARE(lines.size(), 1 + 1001 + 1);
    QVERIFY(lines.first().startsWith("CLIENT ID"));
    QVERIFY(lines.at(1001).startsWith("c-01000    A longer name than any before  Technical"));
    // Columns keep the first page's widths and widen only from the row that needs it.
    QCOMPARE(lines.at(1).indexOf("Technical"), lines.first().indexOf("PURPOSE"));
    QVERIFY(lines.at(1001).indexOf("Technical") > lines.first().indexOf("PURPOSE"));
    QVERIFY(lines.last().startsWith("1001 clients"));
}

void TestCliDistrust::laterBrokenPageLeavesListIncomplete_data()
{
    QTest::addColumn<QByteArray>("secondPage");
    QTest::addColumn<QByteArray>("message");
    QJsonObject purpose = FaultServer::clientJson(u"c-purpose"_s, u"Unknown purpose"_s);
    purpose.insert(u"purpose"_s, u"root"_s);
    QTest::newRow("broken item")
        << FaultServer::clientPage({FaultServer::clientJson(u"c-01000"_s, u"Good"_s), purpose}, 1002)
        << QByteArray("A later page of the list held clients in a form that does not follow the API (1 of them; "
                      "the first: ");
    QTest::newRow("client of page one again") << FaultServer::clientPage(
        {FaultServer::clientJson(u"c-01000"_s, u"Good"_s), FaultServer::clientJson(u"c-00007"_s, u"Again"_s)}, 1002)
                                              << QByteArray("a second time");
}

void TestCliDistrust::laterBrokenPageLeavesListIncomplete()
{
    QFETCH(QByteArray, secondPage);
    QFETCH(QByteArray, message);
    QVERIFY(login().exitCode == 0);
    const QJsonArray first = firstPageItems();
    m_fake->setRouteSequence(
        "/api/v1/clients",
        {FaultServer::json(200, FaultServer::clientPage(first, 1002)), FaultServer::json(200, secondPage)});
    CliRun result = run({u"clients"_s, u"list"_s});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.standardError.contains(message), result.describe().constData());
    QVERIFY2(result.standardError.contains("the clients printed above are an incomplete list."),
             result.standardError.constData());
    QCOMPARE(result.errorLines().size(), 1);
    // The first page is out; nothing of the second, not even its good item.
    QVERIFY(result.standardOutput.contains("\nc-00999  "));
    QVERIFY(!result.standardOutput.contains("c-01000"));
    QVERIFY(!result.standardOutput.contains(" clients\n")); // no count line

    m_fake->setRouteSequence(
        "/api/v1/clients",
        {FaultServer::json(200, FaultServer::clientPage(first, 1002)), FaultServer::json(200, secondPage)});
    result = run({u"clients"_s, u"list"_s, u"--json"_s});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.standardError.contains("incomplete list"), result.standardError.constData());
    QVERIFY(result.standardOutput.startsWith("[\n    {"));
    QVERIFY(result.standardOutput.contains("\"c-00999\""));
    QVERIFY(!result.standardOutput.contains("c-01000"));
    // The array stays open: no JSON parser takes the part for the list.
    QJsonParseError error{};
    QJsonDocument::fromJson(result.standardOutput, &error);
    QVERIFY(error.error != QJsonParseError::NoError);
    QVERIFY(!result.standardOutput.trimmed().endsWith(']'));
}

void TestCliDistrust::sheetRefusesAnotherClient()
{
    QVERIFY(login().exitCode == 0);
    m_fake->setRoute(
        "/api/v1/clients/c-asked",
        FaultServer::json(
            200, QJsonDocument(FaultServer::clientJson(u"c-other"_s, u"Other"_s)).toJson(QJsonDocument::Compact)));
    const CliRun result
        = run({u"sheet"_s, u"c-asked"_s, u"--format"_s, u"env"_s, u"--without-secret"_s, u"--output"_s, u"-"_s});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.standardError.contains("another client"), result.describe().constData());
    QVERIFY(result.standardOutput.isEmpty());
    QVERIFY(!result.standardOutput.contains("c-other"));
}

void TestCliDistrust::bidiControlsStrippedFromTerminal()
{
    QVERIFY(login().exitCode == 0);
    // A problem detail with a right-to-left override and isolates.
    m_fake->setRoute("/api/v1/clients/c-x",
                     FaultServer::json(404,
                                       QStringLiteral(u"{\"title\":\"Not Found\",\"status\":404,"
                                                      u"\"detail\":\"\u202Eenil dnammoc \u2066x\u2069\"}")
                                           .toUtf8()));
    const CliRun result = run({u"clients"_s, u"show"_s, u"c-x"_s});
    QCOMPARE(result.exitCode, 6); // not found
    QVERIFY2(result.standardError.contains("enil dnammoc"), result.describe().constData());
    for (const char16_t control : {u'\u202E', u'\u2066', u'\u2069', u'\u2068'}) {
        QVERIFY(!result.standardError.contains(QString(QChar(control)).toUtf8()));
    }
}

APPINT_TEST_MAIN(TestCliDistrust)
#include "TestCliDistrust.moc"
