#include "ConsoleFixture.h"
#include "FaultInjectingSecretStore.h"
#include "LogCapture.h"
#include "TestMain.h"
#include "WidgetLookup.h"

#include "credentials/ClientSecretKeeper.h"
#include "credentials/SavedClientSecrets.h"
#include "gui/clients/AppIntegrationPage.h"
#include "gui/clients/ClientTableModel.h"
#include "gui/shell/ConsoleController.h"
#include "gui/shell/ConsolePreferences.h"
#include "gui/shell/MainWindow.h"
#include "gui/tenants/ConnectDialog.h"
#include "gui/tenants/TenantSwitcher.h"
#include "gui/widgets/ClientTableView.h"
#include "gui/widgets/MessageBox.h"
#include "gui/widgets/MessageWidget.h"
#include "keychain/KeychainKeys.h"
#include "keychain/SecretStoreWatchdog.h"
#include "service/TenantApi.h"
#include "service/TenantProfiles.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>

using namespace Qt::StringLiterals;

namespace appint::test {

namespace {

// The ConnectDialog's field under its label (empty when none is shown).
QString fieldMessage(ConnectDialog* dialog, const QString& field)
{
    return dialog->fieldMessage(field);
}

} // namespace

// The console's tenants against real tenant services on loopback and the
// real gnome-keyring of the test session: the connect dialog, the switcher,
// "Forget This Tenant", the start-up with the tenant used last, and what
// happens when the keychain fails (FaultInjectingSecretStore, for the faults
// only) or a token is refused.
class TestTenantSwitching : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void testSandboxIsTheDefault();
    void testConnectWithTheRightSecret();
    void testConnectWithAWrongSecret();
    void testConnectDialogChecksTheFields();
    void testKeychainFailureSavesNothing_data();
    void testKeychainFailureSavesNothing();
    void testSwitchingTenants();
    void testStartupOpensTheTenantUsedLast();
    void testStartupWhenTheKeychainFails();
    void testStartupWhenTheTokenIsRefused();
    void testForgetRemovesTheKeychainItems();
    void testCommandLineTenant();

private:
    // Opens the connect dialog, types, clicks Connect; returns the dialog.
    ConnectDialog* connectThroughDialog(ConsoleFixture& console, const QUrl& url, const QString& clientId,
                                        const QString& secret, const QString& name = {});
    bool connectTo(ConsoleFixture& console, TestServer& server);

    std::unique_ptr<TestServer> m_tenantA;
    std::unique_ptr<TestServer> m_tenantB;
    std::unique_ptr<LogCapture> m_log;
};

void TestTenantSwitching::init()
{
    TestServer::Options a;
    a.tenantName = u"Tenant A"_s;
    a.threads = 1;
    m_tenantA = std::make_unique<TestServer>(a);
    QVERIFY2(m_tenantA->start(), qPrintable(m_tenantA->errorString()));
    TestServer::Options b;
    b.tenantName = u"Tenant B"_s;
    b.threads = 1;
    b.demo = true;
    m_tenantB = std::make_unique<TestServer>(b);
    QVERIFY2(m_tenantB->start(), qPrintable(m_tenantB->errorString()));
    m_log = std::make_unique<LogCapture>();
}

void TestTenantSwitching::cleanup()
{
    // No administrator secret ever reached a log line.
    if (m_log) {
        for (const QString& secret : {m_tenantA->adminSecret(), m_tenantB->adminSecret()}) {
            QVERIFY2(!m_log->contains(secret), "a secret reached the log");
        }
    }
    m_log.reset();
    m_tenantA.reset();
    m_tenantB.reset();
}

ConnectDialog* TestTenantSwitching::connectThroughDialog(ConsoleFixture& console, const QUrl& url,
                                                         const QString& clientId, const QString& secret,
                                                         const QString& name)
{
    console.controller().connectAction()->trigger();
    ConnectDialog* dialog = console.controller().connectDialog();
    if (!dialog || !QTest::qWaitFor([dialog] { return dialog->isVisible(); })) {
        return nullptr;
    }
    QTest::keyClicks(child<QLineEdit>(dialog, u"tenantUrlLineEdit"_s), url.toString());
    QTest::keyClicks(child<QLineEdit>(dialog, u"clientIdLineEdit"_s), clientId);
    QTest::keyClicks(child<QLineEdit>(dialog, u"clientSecretLineEdit"_s), secret);
    if (!name.isEmpty()) {
        QTest::keyClicks(child<QLineEdit>(dialog, u"displayNameLineEdit"_s), name);
    }
    QTest::mouseClick(child<QPushButton>(dialog, u"connectPushButton"_s), Qt::LeftButton);
    return dialog;
}

bool TestTenantSwitching::connectTo(ConsoleFixture& console, TestServer& server)
{
    QPointer<ConnectDialog> dialog
        = connectThroughDialog(console, server.baseUrl(), server.adminClientId(), server.adminSecret());
    if (!dialog || !QTest::qWaitFor([&dialog] { return !dialog; }, 20'000)) {
        qWarning("the connect dialog did not close: %s",
                 dialog ? qPrintable(child<MessageWidget>(dialog, u"messageWidget"_s)->text()) : "");
        return false;
    }
    const QString id = u"saved:"_s + TenantProfiles::normalizedUrl(server.baseUrl().toString());
    if (!console.waitForConnection(id)) {
        qWarning("%s", qPrintable(console.errorString()));
        return false;
    }
    return true;
}

void TestTenantSwitching::testSandboxIsTheDefault()
{
    ConsoleFixture console;
    QVERIFY2(console.build(), qPrintable(console.errorString()));
    // Nothing configured: the sandbox, and it is always in the switcher.
    const TenantEntry startup = console.switcher().startupEntry();
    QCOMPARE(startup.kind, TenantEntry::Kind::Sandbox);
    console.controller().start();
    QVERIFY2(console.waitForConnection(u"sandbox"_s), qPrintable(console.errorString()));
    QComboBox* combo = console.controller().tenantComboBox();
    QCOMPARE(combo->count(), 1);
    QCOMPARE(combo->currentText(), u"Local sandbox tenant"_s);
    QVERIFY(!console.controller().forgetAction()->isEnabled());
    QVERIFY(child<QLabel>(&console.window(), u"connectionLabel"_s)->text().startsWith(u"Local sandbox tenant at "_s));
    QCOMPARE(ConsolePreferences(&console.settings()).lastTenant(), u"sandbox"_s);
}

void TestTenantSwitching::testConnectWithTheRightSecret()
{
    ConsoleFixture console;
    QVERIFY2(console.startOnSandbox(), qPrintable(console.errorString()));
    TestServer& server = *m_tenantB;
    QVERIFY(connectTo(console, server));

    // Connected: the page shows tenant B's clients and name.
    const QString url = TenantProfiles::normalizedUrl(server.baseUrl().toString());
    QCOMPARE(console.switcher().current()->kind, TenantEntry::Kind::Saved);
    QCOMPARE(console.page().tenantInfo().tenantName, u"Tenant B"_s);
    QVERIFY(console.window().windowTitle().contains(u"Tenant B"_s));
    QVERIFY(console.page().model()->totalCount() >= 9); // the demo data
    QCOMPARE(console.controller().tenantComboBox()->currentText(), u"Tenant B"_s);
    QVERIFY(console.controller().forgetAction()->isEnabled());

    // The secret in the keychain, exactly; URL, client ID and name in the settings.
    const QString key = KeychainKeys::tenantCredentials(url, server.adminClientId());
    QCOMPARE(console.keychainLookup(key), std::optional<QString>(server.adminSecret()));
    const std::optional<TenantProfile> profile = TenantProfiles(&console.settings()).find(url);
    QVERIFY(profile);
    QCOMPARE(profile->clientId, server.adminClientId());
    QCOMPARE(profile->displayName, u"Tenant B"_s);
    QCOMPARE(ConsolePreferences(&console.settings()).lastTenant(), u"saved:"_s + url);

    // The settings file never holds the secret.
    const QByteArray settings = console.settingsFileContent();
    QVERIFY(settings.contains(server.adminClientId().toUtf8()));
    QVERIFY(!settings.contains(server.adminSecret().toUtf8()));
}

void TestTenantSwitching::testConnectWithAWrongSecret()
{
    ConsoleFixture console;
    QVERIFY2(console.startOnSandbox(), qPrintable(console.errorString()));
    TestServer& server = *m_tenantA;
    ConnectDialog* dialog
        = connectThroughDialog(console, server.baseUrl(), server.adminClientId(), u"not-the-secret"_s);
    QVERIFY(dialog);
    QVERIFY(dialog->isBusy());
    auto* banner = child<MessageWidget>(dialog, u"messageWidget"_s);
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 20'000);
    QVERIFY(!dialog->isBusy());
    QVERIFY2(banner->text().startsWith(u"Could not connect, nothing was saved."_s), qPrintable(banner->text()));
    QVERIFY2(banner->text().contains(u"did not accept the administrator's client ID and secret"_s),
             qPrintable(banner->text()));
    QVERIFY2(banner->text().contains(u"invalid_client"_s), qPrintable(banner->text()));
    // Beside the secret, and Connect waits for a change.
    QCOMPARE(fieldMessage(dialog, u"clientSecret"_s), u"The tenant did not accept this client ID and secret."_s);
    QVERIFY(!child<QPushButton>(dialog, u"connectPushButton"_s)->isEnabled());
    QTest::keyClick(child<QLineEdit>(dialog, u"clientSecretLineEdit"_s), Qt::Key_Backspace);
    QVERIFY(child<QPushButton>(dialog, u"connectPushButton"_s)->isEnabled());

    // Nothing saved: no profile, no keychain item, still on the sandbox.
    QVERIFY(TenantProfiles(&console.settings()).profiles().isEmpty());
    QVERIFY(console.keychainKeys().isEmpty());
    QCOMPARE(console.switcher().current()->kind, TenantEntry::Kind::Sandbox);
    QCOMPARE(console.controller().tenantComboBox()->count(), 1);

    // Cancel wipes the secret field.
    auto* secretEdit = child<QLineEdit>(dialog, u"clientSecretLineEdit"_s);
    QPointer<ConnectDialog> guard(dialog);
    child<QPushButton>(dialog, u"cancelPushButton"_s)->click();
    QVERIFY(!guard || secretEdit->text().isEmpty());
    QTRY_VERIFY(!guard);
}

void TestTenantSwitching::testConnectDialogChecksTheFields()
{
    ConnectDialog dialog;
    dialog.show();
    auto* connectButton = child<QPushButton>(&dialog, u"connectPushButton"_s);
    auto* url = child<QLineEdit>(&dialog, u"tenantUrlLineEdit"_s);
    auto* clientId = child<QLineEdit>(&dialog, u"clientIdLineEdit"_s);
    auto* secret = child<QLineEdit>(&dialog, u"clientSecretLineEdit"_s);
    QVERIFY(!connectButton->isEnabled());
    QCOMPARE(secret->echoMode(), QLineEdit::Password);

    // Untouched fields show nothing; a bad URL says why beside the field.
    QVERIFY(dialog.fieldMessage(u"url"_s).isEmpty());
    QTest::keyClicks(url, u"tenant.example.com"_s);
    QCOMPARE(dialog.fieldMessage(u"url"_s),
             u"The tenant URL must be an absolute http or https URL, like https://tenant.example.com."_s);
    url->clear();
    QTest::keyClicks(url, u"https://tenant.example.com/"_s);
    QVERIFY(dialog.fieldMessage(u"url"_s).isEmpty());
    QTest::keyClicks(clientId, u"admin"_s);
    QVERIFY(!connectButton->isEnabled());
    QVERIFY(connectButton->toolTip().contains(u"Enter the client secret."_s));
    QTest::keyClicks(secret, u"s3cr3t"_s);
    QVERIFY(connectButton->isEnabled());
    QCOMPARE(dialog.profile().url, u"https://tenant.example.com/"_s);
    QCOMPARE(dialog.secret(), Secret(u"s3cr3t"_s));

    // Busy: the fields and Cancel are disabled and closing is refused.
    QSignalSpy submitted(&dialog, &ConnectDialog::submitted);
    connectButton->click();
    QCOMPARE(submitted.size(), 1);
    dialog.setBusy(true);
    QVERIFY(!url->isEnabled());
    QVERIFY(!connectButton->isEnabled());
    dialog.reject();
    QVERIFY(dialog.isVisible());
    dialog.showError(u"The tenant at … refused the connection."_s, {{u"url"_s, u"Check the URL."_s}});
    QVERIFY(!dialog.isBusy());
    QCOMPARE(dialog.fieldMessage(u"url"_s), u"Check the URL."_s);
    QVERIFY(!connectButton->isEnabled());

    // Connecting again to a known tenant: the secret is what is missing.
    ConnectDialog again;
    again.setProfile({u"https://tenant.example.com"_s, u"admin"_s, u"Tenant"_s});
    QCOMPARE(child<QLineEdit>(&again, u"clientIdLineEdit"_s)->text(), u"admin"_s);
    QVERIFY(!child<QPushButton>(&again, u"connectPushButton"_s)->isEnabled());
}

void TestTenantSwitching::testKeychainFailureSavesNothing_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::newRow("no keychain") << int(KeychainStatus::NoService)
                                 << u"No system keychain is available (The name org.freedesktop.secrets was not "
                                    u"provided by any .service files)."_s;
    QTest::newRow("locked") << int(KeychainStatus::Locked) << u"The keychain is locked. Unlock it and try again."_s;
    QTest::newRow("denied") << int(KeychainStatus::AccessDenied) << u"Access was denied by the system keychain"_s;
    QTest::newRow("no answer") << int(KeychainStatus::Timeout) << u"The system keychain did not answer within"_s;
}

void TestTenantSwitching::testKeychainFailureSavesNothing()
{
    QFETCH(int, status);
    QFETCH(QString, message);
    FaultInjectingSecretStore* faults = nullptr;
    ConsoleFixture::Options options;
    options.wrapStore = [&faults, status](SecretStore* real, QObject* owner) -> SecretStore* {
        faults = new FaultInjectingSecretStore(real, owner);
        if (KeychainStatus(status) == KeychainStatus::Timeout) {
            // A keychain that never answers: the watchdog gives up (here after 300 ms).
            faults->stall(FaultInjectingSecretStore::Operation::Write);
            return new SecretStoreWatchdog(faults, std::chrono::milliseconds(300), owner);
        }
        faults->fail(KeychainStatus(status),
                     KeychainStatus(status) == KeychainStatus::NoService
                         ? u"The name org.freedesktop.secrets was not provided by any .service files"_s
                         : u"Access to keychain denied"_s,
                     FaultInjectingSecretStore::Operation::Write);
        return faults;
    };
    ConsoleFixture console(options);
    QVERIFY2(console.startOnSandbox(), qPrintable(console.errorString()));
    TestServer& server = *m_tenantA;
    ConnectDialog* dialog
        = connectThroughDialog(console, server.baseUrl(), server.adminClientId(), server.adminSecret());
    QVERIFY(dialog);
    auto* banner = child<MessageWidget>(dialog, u"messageWidget"_s);
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 20'000);
    QVERIFY2(banner->text().startsWith(u"The credentials work, but the secret cannot be saved in the system keychain, "
                                       u"so nothing was saved."_s),
             qPrintable(banner->text()));
    QVERIFY2(banner->text().contains(message), qPrintable(banner->text()));
    QCOMPARE(faults->callCount(FaultInjectingSecretStore::Operation::Write), 1);
    // Nothing half-saved: no profile, nothing in the keychain or the settings.
    QVERIFY(TenantProfiles(&console.settings()).profiles().isEmpty());
    QVERIFY(console.keychainKeys().isEmpty());
    QVERIFY(!console.settingsFileContent().contains(server.adminClientId().toUtf8()));
    QCOMPARE(console.switcher().current()->kind, TenantEntry::Kind::Sandbox);
    if (KeychainStatus(status) == KeychainStatus::Timeout) {
        faults->releaseStalled(KeychainResult::success());
    }
}

void TestTenantSwitching::testSwitchingTenants()
{
    ConsoleFixture console;
    QVERIFY2(console.startOnSandbox(), qPrintable(console.errorString()));
    QVERIFY(connectTo(console, *m_tenantA));
    QVERIFY(connectTo(console, *m_tenantB));
    QComboBox* combo = console.controller().tenantComboBox();
    QCOMPARE(combo->count(), 3);
    QCOMPARE(combo->itemText(0), u"Local sandbox tenant"_s);
    QCOMPARE(combo->itemText(1), u"Tenant A"_s);
    QCOMPARE(combo->itemText(2), u"Tenant B"_s);
    QCOMPARE(combo->currentIndex(), 2);
    const int clientsOfB = console.page().model()->totalCount();

    // To A: its secret comes from the keychain; B's clients are gone.
    combo->setCurrentIndex(1);
    emit combo->activated(1);
    QVERIFY(console.switcher().isActivating());
    QVERIFY(child<QLabel>(&console.window(), u"connectionLabel"_s)->text().startsWith(u"Connecting to Tenant A"_s));
    const QString idA = u"saved:"_s + TenantProfiles::normalizedUrl(m_tenantA->baseUrl().toString());
    QVERIFY2(console.waitForConnection(idA), qPrintable(console.errorString()));
    QCOMPARE(console.page().tenantInfo().tenantName, u"Tenant A"_s);
    QVERIFY(console.page().model()->totalCount() < clientsOfB);
    QVERIFY(console.window().windowTitle().contains(u"Tenant A"_s));
    QVERIFY(child<QLabel>(&console.window(), u"connectionLabel"_s)->text().contains(m_tenantA->adminClientId()));

    // To the sandbox and back again.
    combo->setCurrentIndex(0);
    emit combo->activated(0);
    QVERIFY2(console.waitForConnection(u"sandbox"_s), qPrintable(console.errorString()));
    QCOMPARE(console.page().tenantInfo().tenantName, u"Test tenant"_s);
    console.controller().tenantComboBox()->setCurrentIndex(2);
    emit console.controller().tenantComboBox()->activated(2);
    const QString idB = u"saved:"_s + TenantProfiles::normalizedUrl(m_tenantB->baseUrl().toString());
    QVERIFY2(console.waitForConnection(idB), qPrintable(console.errorString()));
    QCOMPARE(console.page().model()->totalCount(), clientsOfB);
}

void TestTenantSwitching::testStartupOpensTheTenantUsedLast()
{
    ConsoleFixture console;
    QVERIFY2(console.startOnSandbox(), qPrintable(console.errorString()));
    QVERIFY(connectTo(console, *m_tenantA));

    // appint-console without arguments, later: tenant A again.
    QVERIFY2(console.restart(), qPrintable(console.errorString()));
    const TenantEntry startup = console.switcher().startupEntry();
    QCOMPARE(startup.kind, TenantEntry::Kind::Saved);
    QCOMPARE(startup.displayName, u"Tenant A"_s);
    console.controller().start();
    QVERIFY2(console.waitForConnection(startup.id()), qPrintable(console.errorString()));
    QCOMPARE(console.page().tenantInfo().tenantName, u"Tenant A"_s);
    QVERIFY(!console.window().connectionBanner()->isVisible());
}

void TestTenantSwitching::testStartupWhenTheKeychainFails()
{
    FaultInjectingSecretStore* faults = nullptr;
    ConsoleFixture::Options options;
    options.wrapStore = [&faults](SecretStore* real, QObject* owner) -> SecretStore* {
        faults = new FaultInjectingSecretStore(real, owner);
        return faults;
    };
    ConsoleFixture console(options);
    QVERIFY2(console.startOnSandbox(), qPrintable(console.errorString()));
    QVERIFY(connectTo(console, *m_tenantA));

    // Next start: the keychain is locked.
    QVERIFY2(console.restart(), qPrintable(console.errorString()));
    faults->fail(KeychainStatus::Locked, QString(), FaultInjectingSecretStore::Operation::Read);
    console.controller().start();
    // While it connects, the empty table says so (not "Not connected").
    QVERIFY2(console.page().view()->placeholderText().startsWith(u"Connecting to "_s),
             qPrintable(console.page().view()->placeholderText()));
    MessageWidget* banner = console.window().connectionBanner();
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 20'000);
    QCOMPARE(banner->type(), MessageWidget::Type::Error);
    QVERIFY2(banner->text().contains(u"cannot be read from the system keychain. The keychain is locked."_s),
             qPrintable(banner->text()));
    QVERIFY(!console.switcher().current());
    QCOMPARE(child<QLabel>(&console.window(), u"connectionLabel"_s)->text(), u"Not connected"_s);
    QVERIFY(console.page().view()->placeholderText().startsWith(u"Not connected to a tenant."_s));
    QVERIFY(!console.page().addClientAction()->isEnabled());

    // The ways out: the connect dialog for this tenant, or the sandbox.
    QCOMPARE(banner->buttons().size(), 2);
    console.controller().bannerConnectAction()->trigger();
    ConnectDialog* dialog = console.controller().connectDialog();
    QVERIFY(dialog);
    QCOMPARE(child<QLineEdit>(dialog, u"tenantUrlLineEdit"_s)->text(),
             TenantProfiles::normalizedUrl(m_tenantA->baseUrl().toString()));
    QCOMPARE(child<QLineEdit>(dialog, u"clientIdLineEdit"_s)->text(), m_tenantA->adminClientId());
    QVERIFY(child<QLineEdit>(dialog, u"clientSecretLineEdit"_s)->text().isEmpty());
    dialog->reject();

    QPushButton* sandbox = banner->buttons().at(1);
    QCOMPARE(sandbox->text(), u"Use the Local Sandbox"_s);
    sandbox->click();
    QVERIFY2(console.waitForConnection(u"sandbox"_s), qPrintable(console.errorString()));
    QVERIFY(!banner->isVisible());
}

void TestTenantSwitching::testStartupWhenTheTokenIsRefused()
{
    ConsoleFixture console;
    QVERIFY2(console.startOnSandbox(), qPrintable(console.errorString()));
    QVERIFY(connectTo(console, *m_tenantA));
    // Someone changed the secret in the keychain (or the admin client's secret
    // no longer works).
    const QString url = TenantProfiles::normalizedUrl(m_tenantA->baseUrl().toString());
    bool written = false;
    QObject context;
    console.realStore()->write(KeychainKeys::tenantCredentials(url, m_tenantA->adminClientId()), u"stale-secret"_s,
                               &context, [&](const KeychainResult& result) { written = result.ok(); });
    QTRY_VERIFY(written);

    QVERIFY2(console.restart(), qPrintable(console.errorString()));
    console.controller().start();
    MessageWidget* banner = console.window().connectionBanner();
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 20'000);
    QVERIFY2(banner->text().startsWith(u"Could not connect to Tenant A."_s), qPrintable(banner->text()));
    QVERIFY2(banner->text().contains(u"did not accept the administrator's client ID and secret"_s),
             qPrintable(banner->text()));
    QVERIFY(!banner->text().contains(u"stale-secret"_s));
    QVERIFY(!console.switcher().current());
    QCOMPARE(banner->buttons().size(), 2);

    // Connecting again with the right secret replaces the stale one.
    console.controller().bannerConnectAction()->trigger();
    QPointer<ConnectDialog> dialog = console.controller().connectDialog();
    QVERIFY(dialog);
    QTest::keyClicks(child<QLineEdit>(dialog, u"clientSecretLineEdit"_s), m_tenantA->adminSecret());
    child<QPushButton>(dialog, u"connectPushButton"_s)->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog, 20'000);
    QVERIFY2(console.waitForConnection(u"saved:"_s + url), qPrintable(console.errorString()));
    QCOMPARE(console.keychainLookup(KeychainKeys::tenantCredentials(url, m_tenantA->adminClientId())),
             std::optional<QString>(m_tenantA->adminSecret()));
    QVERIFY(!banner->isVisible());
}

void TestTenantSwitching::testForgetRemovesTheKeychainItems()
{
    ConsoleFixture console;
    QVERIFY2(console.startOnSandbox(), qPrintable(console.errorString()));
    QVERIFY(connectTo(console, *m_tenantA));
    const QString url = TenantProfiles::normalizedUrl(m_tenantA->baseUrl().toString());
    // A client secret kept for this tenant goes too.
    bool saved = false;
    QObject context;
    console.switcher().keeper()->save(u"some-client"_s, Secret(u"kept-client-secret"_s), &context,
                                      [&](const KeychainResult& result) { saved = result.ok(); });
    QTRY_VERIFY(saved);
    const QString tenantKey = KeychainKeys::tenantCredentials(url, m_tenantA->adminClientId());
    const QString clientKey = KeychainKeys::clientSecret(url, u"some-client"_s);
    QCOMPARE(console.keychainKeys(), QStringList({clientKey, tenantKey}));

    // Cancelled: nothing happens.
    const int asked = MessageBox::questionCount();
    MessageBox::setNextAnswer(false);
    console.controller().forgetAction()->trigger();
    QCOMPARE(MessageBox::questionCount(), asked + 1);
    QVERIFY(MessageBox::lastQuestion().contains(u"Forget the tenant “Tenant A”"_s));
    QVERIFY(MessageBox::lastQuestion().contains(u"the 1 client secret saved for this tenant"_s));
    QCOMPARE(console.keychainKeys().size(), 2);

    MessageBox::setNextAnswer(true);
    console.controller().forgetAction()->trigger();
    // Gone from the keychain (secret-tool sees nothing), the settings and the
    // switcher; the console is on the sandbox again.
    QTRY_VERIFY_WITH_TIMEOUT(console.switcher().current()->kind == TenantEntry::Kind::Sandbox, 20'000);
    QVERIFY2(console.waitForConnection(u"sandbox"_s), qPrintable(console.errorString()));
    QTRY_VERIFY(console.keychainKeys().isEmpty());
    QVERIFY(!console.keychainLookup(tenantKey));
    QVERIFY(TenantProfiles(&console.settings()).profiles().isEmpty());
    QVERIFY(SavedClientSecrets(&console.settings()).clientIds(url).isEmpty());
    QCOMPARE(console.controller().tenantComboBox()->count(), 1);
    QCOMPARE(ConsolePreferences(&console.settings()).lastTenant(), u"sandbox"_s);
}

void TestTenantSwitching::testCommandLineTenant()
{
    ConsoleFixture console;
    QVERIFY2(console.build(), qPrintable(console.errorString()));
    // --tenant URL --admin-credentials FILE: no keychain, nothing saved.
    console.switcher().setCommandLineTenant({m_tenantB->baseUrl(), m_tenantB->adminClientId(),
                                             Secret(m_tenantB->adminSecret()),
                                             TenantProfiles::normalizedUrl(m_tenantB->baseUrl().toString())});
    const TenantEntry startup = console.switcher().startupEntry();
    QCOMPARE(startup.kind, TenantEntry::Kind::CommandLine);
    console.controller().start();
    QVERIFY2(console.waitForConnection(startup.id()), qPrintable(console.errorString()));
    QCOMPARE(console.page().tenantInfo().tenantName, u"Tenant B"_s);
    QVERIFY(console.keychainKeys().isEmpty());
    QVERIFY(TenantProfiles(&console.settings()).profiles().isEmpty());
    QVERIFY(ConsolePreferences(&console.settings()).lastTenant().isEmpty());
    QCOMPARE(console.controller().tenantComboBox()->count(), 2);
    QCOMPARE(console.controller().tenantComboBox()->currentText(), u"Tenant B (command line)"_s);
    QVERIFY(!console.controller().forgetAction()->isEnabled());
}

} // namespace appint::test

APPINT_TEST_GUI_MAIN(appint::test::TestTenantSwitching)
#include "TestTenantSwitching.moc"
