#include "ConsoleFixture.h"
#include "HttpTestClient.h"
#include "LogCapture.h"
#include "TestMain.h"
#include "TestUsers.h"
#include "WidgetLookup.h"

#include "gui/clients/AppIntegrationPage.h"
#include "gui/clients/ClientTableModel.h"
#include "gui/shell/ConsoleController.h"
#include "gui/shell/MainWindow.h"
#include "gui/tenants/ConnectDialog.h"
#include "gui/tenants/TenantSwitcher.h"
#include "gui/widgets/FileDialogs.h"
#include "gui/widgets/MessageBox.h"
#include "gui/widgets/MessageWidget.h"
#include "keychain/KeychainKeys.h"
#include "service/TenantProfiles.h"

#include <QAction>
#include <QDesktopServices>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace appint::test {

namespace {

const QString Password = u"a long console password 9"_s;
constexpr int BrowserTimeoutMs = 90'000;
// Waits for the console's own steps (keychain, dialogs): generous, since a
// loaded CI machine can take seconds for what takes milliseconds here.
constexpr int SlowMs = 20'000;

} // namespace

// The system's URL opener for http: instead of xdg-open, a real headless
// Chromium driven through WebDriver (tests/cli/browser_sign_in.py) that signs
// in on the tenant's own page as `userName`. Only "which program opens the
// page" is replaced; the page, the browser and the loopback listener are real.
class BrowserLauncher : public QObject
{
    Q_OBJECT

public:
    QString userName;
    bool enabled = true;
    QList<QUrl> opened;
    QProcess* browser = nullptr;

    ~BrowserLauncher() override
    {
        if (browser) {
            browser->kill();
            browser->waitForFinished(10'000);
            delete browser;
        }
    }

    // Spins the event loop meanwhile: the console's loopback listener, in
    // this thread, must answer the browser.
    bool waitForBrowser(int timeoutMs)
    {
        return browser && QTest::qWaitFor([this] { return browser->state() == QProcess::NotRunning; }, timeoutMs)
            && browser->exitStatus() == QProcess::NormalExit && browser->exitCode() == 0;
    }

public slots:
    void openUrl(const QUrl& url)
    {
        opened.append(url);
        if (!enabled) {
            return;
        }
        delete browser;
        browser = new QProcess;
        browser->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        browser->start(QStringLiteral(APPINT_SYSTEM_PYTHON),
                       {QStringLiteral(APPINT_BROWSER_SIGN_IN), url.toString(QUrl::FullyEncoded), userName});
        browser->write(Password.toUtf8() + '\n');
        browser->closeWriteChannel();
    }
};

// The console's "Sign in with your browser" against a real appint-server on
// loopback, the real keychain of the test session and a real headless
// Chromium: the connect dialog in browser mode, the waiting state and its
// Cancel, the sign-in kept in the keychain (never in the settings), the page
// listing clients as that user, a restart that signs in from the keychain,
// and a deactivated user's sign-in ending with "Sign In Again" while the page
// keeps what it shows.
class TestConsoleBrowserSignIn : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void signInListsClientsAsTheUserUntilDeactivated();
    void cancelWhileWaitingSavesNothing();
    void connectionSheetFillsTheDialog();

private:
    ConnectDialog* openBrowserDialog(ConsoleFixture& console);

    std::unique_ptr<TestServer> m_tenant;
    std::unique_ptr<LogCapture> m_log;
    BrowserLauncher m_launcher;
    HttpTestClient m_http;
    QString m_adminToken;
    QString m_clientId;
    QString m_clientSecret;
};

void TestConsoleBrowserSignIn::initTestCase()
{
    // No skipping: a missing browser is a broken test machine.
    for (const QString& path : {QStringLiteral(APPINT_SYSTEM_PYTHON), u"/usr/bin/chromedriver"_s}) {
        QVERIFY2(QFileInfo(path).isExecutable(), qPrintable(path + u" is missing: run scripts/install-deps.sh"_s));
    }
    QDesktopServices::setUrlHandler(u"http"_s, &m_launcher, "openUrl");
}

void TestConsoleBrowserSignIn::cleanupTestCase()
{
    QDesktopServices::unsetUrlHandler(u"http"_s);
}

void TestConsoleBrowserSignIn::init()
{
    TestServer::Options options;
    options.tenantName = u"Signed-in tenant"_s;
    m_tenant = std::make_unique<TestServer>(options);
    QVERIFY2(m_tenant->start(), qPrintable(m_tenant->errorString()));
    m_adminToken = m_http.token(m_tenant->tokenUrl(), m_tenant->adminClientId(), m_tenant->adminSecret());
    QVERIFY(!m_adminToken.isEmpty());
    // An Interactive Usage client with a loopback redirect URI: any port of
    // 127.0.0.1 matches (RFC 8252 §7.3).
    const HttpTestReply client = m_http.postJson(m_tenant->url(u"/api/v1/clients"_s),
                                                 QJsonObject{{u"client_name"_s, u"Console sign-in"_s},
                                                             {u"purpose"_s, u"interactive"_s},
                                                             {u"redirect_uris"_s, QJsonArray{u"http://127.0.0.1/"_s}}},
                                                 m_adminToken);
    QVERIFY2(client.status == 201, client.body.constData());
    m_clientId = client.object().value(u"client_id"_s).toString();
    m_clientSecret = client.object().value(u"client_secret"_s).toString();
    m_launcher.opened.clear();
    m_launcher.enabled = true;
    m_log = std::make_unique<LogCapture>();
}

void TestConsoleBrowserSignIn::cleanup()
{
    if (m_log) {
        QVERIFY2(!m_log->contains(m_clientSecret), "the client secret reached the log");
        QVERIFY2(!m_log->contains(Password), "the password reached the log");
    }
    m_log.reset();
    m_tenant.reset();
}

ConnectDialog* TestConsoleBrowserSignIn::openBrowserDialog(ConsoleFixture& console)
{
    console.controller().connectAction()->trigger();
    ConnectDialog* dialog = console.controller().connectDialog();
    if (!dialog || !QTest::qWaitFor([dialog] { return dialog->isVisible(); })) {
        return nullptr;
    }
    QTest::mouseClick(child<QRadioButton>(dialog, u"browserModeRadioButton"_s), Qt::LeftButton);
    return dialog;
}

void TestConsoleBrowserSignIn::signInListsClientsAsTheUserUntilDeactivated()
{
    const QString userId = TestUsers::create(*m_tenant, m_http, u"CONSOLE_ADMIN"_s, Password);
    QVERIFY(!userId.isEmpty());
    m_launcher.userName = u"CONSOLE_ADMIN"_s;
    const QString url = TenantProfiles::normalizedUrl(m_tenant->baseUrl().toString());
    const QString savedId = u"saved:"_s + url;

    ConsoleFixture console;
    QVERIFY2(console.startOnSandbox(), qPrintable(console.errorString()));
    QPointer<ConnectDialog> dialog = openBrowserDialog(console);
    QVERIFY(dialog);
    QCOMPARE(dialog->mode(), ConnectDialog::Mode::Browser);
    QVERIFY(child<QPushButton>(dialog, u"readSheetPushButton"_s)->isVisible());
    QTest::keyClicks(child<QLineEdit>(dialog, u"tenantUrlLineEdit"_s), url);
    QTest::keyClicks(child<QLineEdit>(dialog, u"clientIdLineEdit"_s), m_clientId);
    QTest::keyClicks(child<QLineEdit>(dialog, u"clientSecretLineEdit"_s), m_clientSecret);
    auto* signIn = child<QPushButton>(dialog, u"connectPushButton"_s);
    QCOMPARE(signIn->text(), u"Sign In…"_s);
    QVERIFY(signIn->isEnabled());
    QTest::mouseClick(signIn, Qt::LeftButton);

    // The waiting state: the page was handed to the system's browser, and
    // the dialog says so with a link to it.
    QTRY_COMPARE_WITH_TIMEOUT(m_launcher.opened.size(), 1, 20'000);
    const QUrl opened = m_launcher.opened.constFirst();
    QCOMPARE(opened.path(), u"/oauth/authorize"_s);
    QVERIFY(opened.query().contains(u"code_challenge_method=S256"_s));
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(dialog, u"busyLabel"_s)->text().contains(u"Waiting for the browser"_s),
                             SlowMs);
    QVERIFY(child<QLabel>(dialog, u"browserLinkLabel"_s)->isVisible());
    QVERIFY(child<QPushButton>(dialog, u"cancelPushButton"_s)->isEnabled());

    QVERIFY2(m_launcher.waitForBrowser(BrowserTimeoutMs), "the browser did not sign in");
    QVERIFY(console.waitForConnection(savedId, 30'000));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog, SlowMs);
    QVERIFY(console.waitForLoad());
    QVERIFY(console.page().model()->totalCount() >= 1); // the sign-in client itself
    const QString label = child<QLabel>(&console.window(), u"connectionLabel"_s)->text();
    QVERIFY2(label.contains(u"CONSOLE_ADMIN"_s) && label.contains(u"DW_ADMINISTRATOR"_s), qPrintable(label));

    // The client secret and the refresh token in the keychain; the settings
    // hold the user's name, never a secret or a token.
    QCOMPARE(console.keychainLookup(KeychainKeys::tenantCredentials(url, m_clientId)), m_clientSecret);
    const std::optional<QString> refresh = console.keychainLookup(KeychainKeys::refreshToken(url, m_clientId));
    QVERIFY(refresh && !refresh->isEmpty());
    const QByteArray settings = console.settingsFileContent();
    QVERIFY(settings.contains("CONSOLE_ADMIN"));
    QVERIFY(!settings.contains(m_clientSecret.toUtf8()));
    QVERIFY(!settings.contains(refresh->toUtf8()));

    // A new start signs in from the keychain; the tenant rotates the refresh
    // token, and the newest is kept.
    QVERIFY2(console.restart(), qPrintable(console.errorString()));
    console.controller().start();
    QVERIFY(console.waitForConnection(savedId));
    QVERIFY(console.waitForLoad());
    QTRY_VERIFY_WITH_TIMEOUT(console.keychainLookup(KeychainKeys::refreshToken(url, m_clientId)) != refresh, SlowMs);
    const int rows = console.page().model()->totalCount();
    QVERIFY(rows >= 1);

    // The user is deactivated: their tokens end at once. The next call's
    // renewal is refused; the console offers to sign in again and the page
    // keeps what it shows.
    const HttpTestReply deactivated = m_http.patchJson(
        m_tenant->url(u"/scim/v2/Users/"_s + userId),
        QJsonObject{{u"schemas"_s, QJsonArray{u"urn:ietf:params:scim:api:messages:2.0:PatchOp"_s}},
                    {u"Operations"_s,
                     QJsonArray{QJsonObject{{u"op"_s, u"replace"_s}, {u"path"_s, u"active"_s}, {u"value"_s, false}}}}},
        m_adminToken, "application/scim+json");
    QVERIFY2(deactivated.status == 200, deactivated.body.constData());
    console.page().refreshAction()->trigger();
    MessageWidget* banner = console.window().connectionBanner();
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible() && banner->text().contains(u"Sign in again"_s), 20'000);
    QCOMPARE(banner->buttons().size(), 1);
    QCOMPARE(banner->buttons().constFirst()->text(), u"Sign In Again…"_s);
    QCOMPARE(console.page().model()->totalCount(), rows);

    // "Sign In Again…" opens the dialog in browser mode with the tenant and
    // client filled in; only the secret is to be typed.
    console.controller().bannerSignInAction()->trigger();
    ConnectDialog* again = console.controller().connectDialog();
    QVERIFY(again);
    QCOMPARE(again->mode(), ConnectDialog::Mode::Browser);
    QCOMPARE(again->profile().url, url);
    QCOMPARE(again->profile().clientId, m_clientId);
    again->reject();
    QTRY_VERIFY_WITH_TIMEOUT(!console.controller().connectDialog(), SlowMs);

    // Forget This Tenant takes the client secret and the sign-in out of the
    // keychain.
    MessageBox::setNextAnswer(true);
    console.controller().forgetAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(console.switcher().current()->kind == TenantEntry::Kind::Sandbox, 20'000);
    QVERIFY2(console.waitForConnection(u"sandbox"_s), qPrintable(console.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(!console.keychainLookup(KeychainKeys::refreshToken(url, m_clientId)), SlowMs);
    QVERIFY(!console.keychainLookup(KeychainKeys::tenantCredentials(url, m_clientId)));
    QVERIFY(!TenantProfiles(&console.settings()).find(url));
}

void TestConsoleBrowserSignIn::cancelWhileWaitingSavesNothing()
{
    m_launcher.enabled = false; // the page opens, nobody signs in
    const QString url = TenantProfiles::normalizedUrl(m_tenant->baseUrl().toString());
    ConsoleFixture console;
    QVERIFY2(console.startOnSandbox(), qPrintable(console.errorString()));
    QPointer<ConnectDialog> dialog = openBrowserDialog(console);
    QVERIFY(dialog);
    QTest::keyClicks(child<QLineEdit>(dialog, u"tenantUrlLineEdit"_s), url);
    QTest::keyClicks(child<QLineEdit>(dialog, u"clientIdLineEdit"_s), m_clientId);
    QTest::keyClicks(child<QLineEdit>(dialog, u"clientSecretLineEdit"_s), m_clientSecret);
    QTest::mouseClick(child<QPushButton>(dialog, u"connectPushButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_launcher.opened.size(), 1, 20'000);
    QTRY_VERIFY_WITH_TIMEOUT(console.switcher().isSigningIn(), SlowMs);
    // Escape while waiting cancels the sign-in; the dialog stays, says so and
    // is usable again.
    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!console.switcher().isSigningIn(), SlowMs);
    QVERIFY(dialog && dialog->isVisible());
    QVERIFY(!dialog->isBusy());
    auto* message = child<MessageWidget>(dialog, u"messageWidget"_s);
    QTRY_VERIFY_WITH_TIMEOUT(message->isVisible(), SlowMs);
    QVERIFY2(message->text().contains(u"cancelled"_s), qPrintable(message->text()));
    QVERIFY(!child<QLabel>(dialog, u"browserLinkLabel"_s)->isVisible());
    QVERIFY(!console.keychainLookup(KeychainKeys::tenantCredentials(url, m_clientId)));
    QVERIFY(!TenantProfiles(&console.settings()).find(url));
    QCOMPARE(console.switcher().current()->kind, TenantEntry::Kind::Sandbox);
    dialog->reject();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog, SlowMs);
}

void TestConsoleBrowserSignIn::connectionSheetFillsTheDialog()
{
    ConsoleFixture console;
    QVERIFY2(console.build(), qPrintable(console.errorString()));
    console.controller().connectAction()->trigger();
    ConnectDialog* dialog = console.controller().connectDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->mode(), ConnectDialog::Mode::Client);
    QVERIFY(!child<QPushButton>(dialog, u"readSheetPushButton"_s)->isVisibleTo(dialog));

    QTemporaryDir dir;
    const QString path = dir.filePath(u"sheet.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(QJsonObject{{u"client_id"_s, m_clientId},
                                         {u"client_secret"_s, m_clientSecret},
                                         {u"authorization_url"_s, m_tenant->url(u"/oauth/authorize"_s).toString()},
                                         {u"token_url"_s, m_tenant->tokenUrl().toString()}})
                   .toJson());
    file.close();
    dialog->setMode(ConnectDialog::Mode::Browser);
    FileDialogs::setNextOpenFileName(path);
    QTest::mouseClick(child<QPushButton>(dialog, u"readSheetPushButton"_s), Qt::LeftButton);
    QCOMPARE(dialog->profile().url, TenantProfiles::normalizedUrl(m_tenant->baseUrl().toString()));
    QCOMPARE(dialog->profile().clientId, m_clientId);
    QCOMPARE(dialog->secret().toString(), m_clientSecret);
    QVERIFY(dialog->canSubmit());

    // A file that is not a sheet is told in the banner; the fields stay.
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(R"({"client_id": "x"})");
    file.close();
    FileDialogs::setNextOpenFileName(path);
    QTest::mouseClick(child<QPushButton>(dialog, u"readSheetPushButton"_s), Qt::LeftButton);
    auto* message = child<MessageWidget>(dialog, u"messageWidget"_s);
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains(u"not a connection sheet"_s), qPrintable(message->text()));
    QCOMPARE(dialog->profile().clientId, m_clientId);
    dialog->reject();
}

} // namespace appint::test

APPINT_TEST_GUI_MAIN(appint::test::TestConsoleBrowserSignIn)
#include "TestConsoleBrowserSignIn.moc"
