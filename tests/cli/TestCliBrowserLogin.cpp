#include "TestMain.h"

#include "CliFixture.h"
#include "TestUsers.h"
#include "keychain/KeychainKeys.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>

using namespace Qt::StringLiterals;
using namespace appint;
using appint::test::CliFixture;
using appint::test::CliRun;
using appint::test::HttpTestReply;
namespace TestUsers = appint::test::TestUsers;

// `appint login --browser` against a real appint-server, the person at the
// browser played by a real headless Chromium driven through WebDriver
// (browser_sign_in.py, Selenium): the user signs in on the server's own page,
// `appint` receives the code on its loopback listener, exchanges it with
// PKCE, and later commands act as that user through the refresh token until
// the user is deactivated.
class TestCliBrowserLogin : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void browserLoginActsAsTheUserUntilTheUserIsDeactivated();
    void secretsFileSignsInWithTheSheetsClient();

private:
    // Runs `appint login --browser --no-open`, signs in through Chromium and
    // returns the finished login.
    CliRun browserLogin(const QStringList& arguments, const QByteArray& input, const QString& userName);
    CliRun browserLogin(const QString& clientId, const QString& clientSecret, const QString& userName);
    QJsonObject createInteractiveClient();

    std::unique_ptr<CliFixture> m_fixture;
    QString m_clientId;
};

namespace {
const QString Password = u"a long browser password 7"_s;
constexpr int StepTimeoutMs = 60'000;
} // namespace

void TestCliBrowserLogin::initTestCase()
{
    const QString problem = CliFixture::checkEnvironment();
    if (!problem.isEmpty()) {
        QFAIL(qPrintable(problem));
    }
    // No skipping: a missing browser is a broken test machine.
    for (const QString& path : {QStringLiteral(APPINT_SYSTEM_PYTHON), u"/usr/bin/chromedriver"_s}) {
        QVERIFY2(QFileInfo(path).isExecutable(),
                 qPrintable(path
                            + u" is missing: install python3, python3-selenium and chromium-driver "
                              "(scripts/install-deps.sh)"_s));
    }
    QProcess check;
    check.start(QStringLiteral(APPINT_SYSTEM_PYTHON), {u"-c"_s, u"import selenium"_s});
    QVERIFY(check.waitForFinished(30'000));
    QVERIFY2(check.exitCode() == 0,
             qPrintable(u"python3-selenium is missing (scripts/install-deps.sh): "_s
                        + QString::fromUtf8(check.readAllStandardError())));
}

void TestCliBrowserLogin::init()
{
    m_fixture = std::make_unique<CliFixture>();
    QString error;
    QVERIFY2(m_fixture->startServer(&error), qPrintable(error));
}

void TestCliBrowserLogin::cleanup()
{
    if (m_fixture && !m_clientId.isEmpty()) {
        m_fixture->keychainRemove(KeychainKeys::tenantCredentials(m_fixture->tenantUrl(), m_clientId));
        m_fixture->keychainRemove(KeychainKeys::refreshToken(m_fixture->tenantUrl(), m_clientId));
    }
    m_clientId.clear();
    m_fixture.reset();
}

QJsonObject TestCliBrowserLogin::createInteractiveClient()
{
    // A loopback redirect URI: any port of 127.0.0.1 matches (RFC 8252 §7.3).
    const QJsonObject client
        = m_fixture->createClient(QJsonObject{{u"client_name"_s, u"Command line"_s},
                                              {u"purpose"_s, u"interactive"_s},
                                              {u"redirect_uris"_s, QJsonArray{u"http://127.0.0.1/"_s}}});
    m_clientId = client.value(u"client_id"_s).toString();
    return client;
}

CliRun TestCliBrowserLogin::browserLogin(const QString& clientId, const QString& clientSecret, const QString& userName)
{
    return browserLogin({u"login"_s, u"--browser"_s, u"--no-open"_s, u"--timeout"_s, u"120"_s, u"--tenant"_s,
                         m_fixture->tenantUrl(), u"--client-id"_s, clientId, u"--client-secret-stdin"_s},
                        clientSecret.toUtf8() + '\n', userName);
}

CliRun TestCliBrowserLogin::browserLogin(const QStringList& arguments, const QByteArray& input, const QString& userName)
{
    CliRun run;
    QProcess login;
    login.setProcessEnvironment(m_fixture->environment());
    login.setWorkingDirectory(m_fixture->configHome());
    login.start(CliFixture::program(), arguments);
    if (!login.waitForStarted()) {
        run.standardError = login.errorString().toUtf8();
        return run;
    }
    login.write(input);
    login.closeWriteChannel();

    // The authorization URL, on a line of its own on standard error.
    QByteArray standardError;
    QString url;
    QElapsedTimer waited;
    waited.start();
    static const QRegularExpression urlLine(u"^(http://\\S+/oauth/authorize\\?\\S+)$"_s,
                                            QRegularExpression::MultilineOption);
    while (url.isEmpty() && waited.elapsed() < StepTimeoutMs && login.state() == QProcess::Running) {
        login.waitForReadyRead(1000);
        standardError += login.readAllStandardError();
        const QRegularExpressionMatch match = urlLine.match(QString::fromUtf8(standardError));
        if (match.hasMatch()) {
            url = match.captured(1);
        }
    }
    if (url.isEmpty()) {
        login.kill();
        login.waitForFinished();
        run.standardError = standardError + login.readAllStandardError() + "\n(no authorization URL printed)";
        return run;
    }

    // The browser: real Chromium through WebDriver, the password on stdin.
    QProcess browser;
    browser.start(QStringLiteral(APPINT_SYSTEM_PYTHON), {QStringLiteral(APPINT_BROWSER_SIGN_IN), url, userName});
    browser.write(Password.toUtf8() + '\n');
    browser.closeWriteChannel();
    const bool browserDone = browser.waitForFinished(120'000);
    if (!browserDone || browser.exitCode() != 0) {
        browser.kill();
        browser.waitForFinished();
        login.kill();
        login.waitForFinished();
        run.standardError
            = standardError + login.readAllStandardError() + "\nbrowser: " + browser.readAllStandardError();
        return run;
    }

    run.finished = login.waitForFinished(StepTimeoutMs);
    if (!run.finished) {
        login.kill();
        login.waitForFinished();
    }
    run.exitCode = login.exitStatus() == QProcess::NormalExit ? login.exitCode() : -1;
    run.standardOutput = login.readAllStandardOutput();
    run.standardError = standardError + login.readAllStandardError();
    return run;
}

void TestCliBrowserLogin::browserLoginActsAsTheUserUntilTheUserIsDeactivated()
{
    const QString userId = TestUsers::create(m_fixture->server(), m_fixture->http(), u"BROWSER_ADMIN"_s, Password);
    QVERIFY2(!userId.isEmpty(), "the user was not created over SCIM");
    const QJsonObject client = createInteractiveClient();
    const QString clientSecret = client.value(u"client_secret"_s).toString();
    QVERIFY2(!m_clientId.isEmpty() && !clientSecret.isEmpty(), "the Interactive Usage client was not created");

    const CliRun login = browserLogin(m_clientId, clientSecret, u"BROWSER_ADMIN"_s);
    QVERIFY2(login.finished && login.exitCode == 0, login.describe().constData());
    QVERIFY2(login.standardOutput.contains("as BROWSER_ADMIN"), login.describe().constData());

    // The keychain holds the client secret and the refresh token; the
    // settings hold the user's name and no secret.
    const QString refreshKey = KeychainKeys::refreshToken(m_fixture->tenantUrl(), m_clientId);
    const KeychainResult firstRefresh = m_fixture->keychainRead(refreshKey);
    QVERIFY2(firstRefresh.ok() && !firstRefresh.secret.isEmpty(), qPrintable(firstRefresh.message));
    const KeychainResult storedSecret
        = m_fixture->keychainRead(KeychainKeys::tenantCredentials(m_fixture->tenantUrl(), m_clientId));
    QVERIFY(storedSecret.ok());
    QCOMPARE(storedSecret.secret, clientSecret);
    const QByteArray settings = m_fixture->settingsBytes();
    QVERIFY2(settings.contains("BROWSER_ADMIN"), settings.constData());
    QVERIFY(!settings.contains(clientSecret.toUtf8()));
    QVERIFY(!settings.contains(firstRefresh.secret.toUtf8()));
    QVERIFY(!login.mentions(clientSecret.toUtf8()));
    QVERIFY(!login.mentions(Password.toUtf8()));
    QVERIFY(!login.mentions(firstRefresh.secret.toUtf8()));

    // Later commands act as the user; each renews through the refresh token
    // and keeps the rotated one.
    for (int round = 0; round < 2; ++round) {
        const KeychainResult before = m_fixture->keychainRead(refreshKey);
        const CliRun list = m_fixture->run({u"clients"_s, u"list"_s});
        QVERIFY2(list.exitCode == 0, list.describe().constData());
        QVERIFY2(list.mentions("Command line"), list.describe().constData());
        QVERIFY(!list.mentions(before.secret.toUtf8()));
        const KeychainResult after = m_fixture->keychainRead(refreshKey);
        QVERIFY(after.ok());
        QVERIFY2(after.secret != before.secret, "the rotated refresh token was not kept");
    }

    // Deactivating the user ends the sign-in: the next command says so.
    const QJsonObject deactivate{
        {u"schemas"_s, QJsonArray{u"urn:ietf:params:scim:api:messages:2.0:PatchOp"_s}},
        {u"Operations"_s,
         QJsonArray{QJsonObject{{u"op"_s, u"replace"_s}, {u"path"_s, u"active"_s}, {u"value"_s, false}}}}};
    const HttpTestReply patched
        = m_fixture->http().patchJson(m_fixture->server().url(u"/scim/v2/Users/"_s + userId), deactivate,
                                      m_fixture->adminToken(), "application/scim+json");
    QVERIFY2(patched.status == 200, patched.body.constData());
    const CliRun refused = m_fixture->run({u"clients"_s, u"list"_s});
    QVERIFY2(refused.exitCode != 0, refused.describe().constData());
    QVERIFY2(refused.standardError.contains("sign-in has ended"), refused.describe().constData());
    QVERIFY2(refused.standardError.contains("appint login --browser again"), refused.describe().constData());

    // Logging out removes the refresh token.
    const CliRun logout = m_fixture->run({u"logout"_s});
    QVERIFY2(logout.exitCode == 0, logout.describe().constData());
    QCOMPARE(m_fixture->keychainRead(refreshKey).status, KeychainStatus::NotFound);
}

void TestCliBrowserLogin::secretsFileSignsInWithTheSheetsClient()
{
    QVERIFY(!TestUsers::create(m_fixture->server(), m_fixture->http(), u"SHEET_READER"_s, Password).isEmpty());
    const QJsonObject client = createInteractiveClient();
    QVERIFY(!m_clientId.isEmpty());
    // The datasphere CLI's shape, as the console's JSON connection sheet.
    const QJsonObject sheet{{u"client_id"_s, m_clientId},
                            {u"authorization_url"_s, QString(m_fixture->tenantUrl() + u"/oauth/authorize"_s)},
                            {u"token_url"_s, m_fixture->tokenUrl()},
                            {u"client_secret"_s, client.value(u"client_secret"_s)}};
    const QString path = m_fixture->configHome() + u"/sheet.json"_s;
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(sheet).toJson());
    file.close();

    const CliRun login = browserLogin({u"login"_s, u"--secrets-file"_s, path, u"--no-open"_s}, {}, u"SHEET_READER"_s);
    QVERIFY2(login.finished && login.exitCode == 0, login.describe().constData());
    QVERIFY2(login.standardOutput.contains("as SHEET_READER"), login.describe().constData());
    QVERIFY(!login.mentions(client.value(u"client_secret"_s).toString().toUtf8()));
    const CliRun list = m_fixture->run({u"clients"_s, u"list"_s});
    QVERIFY2(list.exitCode == 0, list.describe().constData());
    QVERIFY2(list.mentions("Command line"), list.describe().constData());

    // Logging out revokes the sign-in at the tenant (RFC 7009): a copy of the
    // refresh token taken before is refused afterwards.
    const KeychainResult copy = m_fixture->keychainRead(KeychainKeys::refreshToken(m_fixture->tenantUrl(), m_clientId));
    QVERIFY(copy.ok());
    const CliRun logout = m_fixture->run({u"logout"_s});
    QVERIFY2(logout.exitCode == 0 && !logout.standardError.contains("could not be told"),
             logout.describe().constData());
    QVERIFY(!logout.mentions(copy.secret.toUtf8()));
    const HttpTestReply reused = m_fixture->http().postForm(
        QUrl(m_fixture->tokenUrl()), {{u"grant_type"_s, u"refresh_token"_s}, {u"refresh_token"_s, copy.secret}},
        m_clientId, client.value(u"client_secret"_s).toString());
    QCOMPARE(reused.status, 400);
    QCOMPARE(reused.object().value(u"error"_s).toString(), u"invalid_grant"_s);

    // A sheet that is not one is refused before anything starts.
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(R"({"client_id": "x"})");
    file.close();
    const CliRun refused = m_fixture->run({u"login"_s, u"--secrets-file"_s, path, u"--no-open"_s});
    QVERIFY2(refused.exitCode != 0 && refused.standardError.contains("not a connection sheet"),
             refused.describe().constData());
}

APPINT_TEST_MAIN(TestCliBrowserLogin)
#include "TestCliBrowserLogin.moc"
