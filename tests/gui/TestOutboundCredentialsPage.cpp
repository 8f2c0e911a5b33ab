#include "gui/outbound/OutboundCredentialDialog.h"
#include "gui/outbound/OutboundCredentialTableModel.h"
#include "gui/outbound/OutboundCredentialsPage.h"
#include "gui/outbound/TokenTestDialog.h"
#include "gui/widgets/ClientTableView.h"
#include "gui/widgets/Clipboard.h"
#include "gui/widgets/MessageBox.h"
#include "gui/widgets/MessageWidget.h"
#include "keychain/KeychainKeys.h"
#include "keychain/SystemSecretStore.h"
#include "service/OutboundCredentialSettings.h"
#include "service/OutboundSecretsCodec.h"

#include "FaultInjectingSecretStore.h"
#include "ManualClock.h"
#include "OidcPeer.h"
#include "TestMain.h"
#include "gui/outbound/TokenDisplay.h"
#include "service/TokenCacheFile.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace appint::test {

namespace {

const QString Secret1 = u"first-Secret-7f3a9c"_s;
const QString Secret2 = u"second-Secret-2b81d4"_s;
const QString Password = u"basic-Password-91c2"_s;

QString banner(OutboundCredentialsPage* page)
{
    return page->messageWidget()->isVisible() ? page->messageWidget()->text() : QString();
}

QString dialogBanner(QWidget* dialog)
{
    auto* widget = dialog->findChild<MessageWidget*>(u"messageWidget"_s);
    return widget && widget->isVisible() ? widget->text() : QString();
}

} // namespace

// The Outbound Credentials page with the test session's real keychain
// (scripts/with-test-session.sh: a private gnome-keyring) under a service
// name of its own, and real QSettings in a temporary folder. Faults (a
// keychain that refuses, a settings file that cannot be written) are
// injected around the real parts.
class TestOutboundCredentialsPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void testEmptyState();
    void testAddKeepsSecretsInTheKeychainOnly();
    void testEditRequiresAndReplacesTheSecret();
    void testRenameMovesTheKeychainEntry();
    void testDeleteAsksAndRemovesTheKeychainEntry();
    void testKeychainRefusalSavesNothing();
    void testSettingsFailureTakesTheSecretBack();
    void testEditSettingsFailurePutsTheOldSecretBack();
    void testDeleteKeychainFailureKeepsTheCredential();
    void testTestWithoutASavedSecret();
    void testTestRefusedConnection();
    void testContextMenu();
    void testTestUsesTheSharedTokenCache();
    void testCacheColumnFollowsOtherProcesses();

private:
    void createPage(QSettings* settings);
    // Adds a credential through the dialog, as an admin would.
    // Add, with name, token URL, client ID "sb-<name>" and secret typed in.
    OutboundCredentialDialog* openFilledAddDialog(const QString& name, const QString& secret);
    bool addThroughDialog(const QString& name, const QString& secret, const QString& user = {},
                          const QString& password = {});
    KeychainResult keychainRead(const QString& name);
    KeychainResult keychainWrite(const QString& name, const QString& secret);
    QString secretToolLookup(const QString& name) const;
    QByteArray settingsBytes() const;
    void verifyNoSecretsIn(const QByteArray& bytes);
    template <typename T>
    static T* find(QWidget* parent, const QString& name)
    {
        auto* widget = parent ? parent->findChild<T*>(name) : nullptr;
        if (!widget) {
            qWarning("no widget %s", qPrintable(name));
        }
        return widget;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
    QString m_service;
    QObject m_owner;
    SecretStore* m_store = nullptr;
    std::unique_ptr<FaultInjectingSecretStore> m_faults;
    QNetworkAccessManager m_network;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Clipboard> m_clipboard;
    std::unique_ptr<OutboundCredentialsPage> m_page;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestOutboundCredentialsPage::initTestCase()
{
    // Never the developer's own keyring: with-test-session.sh points the
    // keyring's data folder into a temporary tree.
    const QString dataHome = qEnvironmentVariable("XDG_DATA_HOME");
    if (dataHome.isEmpty() || !QDir(dataHome).canonicalPath().startsWith(QDir(QDir::tempPath()).canonicalPath())) {
        QFAIL("Run the page tests in the private test session: scripts/with-test-session.sh ctest -L gui");
    }
}

void TestOutboundCredentialsPage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir(m_dir->path()).mkpath(u"config"_s));
    m_settings = std::make_unique<QSettings>(m_dir->filePath(u"config/appint.conf"_s), QSettings::IniFormat);
    m_service = u"appint-test-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_store = createSystemSecretStore(&m_owner, m_service);
    m_faults = std::make_unique<FaultInjectingSecretStore>(m_store);
    m_clock = std::make_unique<ManualClock>(1'750'000'000);
    m_clipboard = std::make_unique<Clipboard>();
    createPage(m_settings.get());
}

void TestOutboundCredentialsPage::createPage(QSettings* settings)
{
    m_tester.reset();
    m_page.reset();
    m_page
        = std::make_unique<OutboundCredentialsPage>(settings, m_faults.get(), &m_network, m_clipboard.get(), *m_clock);
    m_tester = std::make_unique<QAbstractItemModelTester>(m_page->model(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_page->resize(1100, 600);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void TestOutboundCredentialsPage::cleanup()
{
    // Whatever this test left in the keychain goes with it.
    if (m_page) {
        for (const QString& name : m_page->model()->names()) {
            QObject context;
            bool done = false;
            m_store->remove(KeychainKeys::outboundCredential(name), &context,
                            [&](const KeychainResult&) { done = true; });
            QTRY_VERIFY(done);
        }
    }
    m_tester.reset();
    m_page.reset();
    m_clipboard.reset();
    m_faults.reset();
    delete m_store;
    m_store = nullptr;
    m_settings.reset();
    m_dir.reset();
}

KeychainResult TestOutboundCredentialsPage::keychainRead(const QString& name)
{
    QObject context;
    std::optional<KeychainResult> result;
    m_store->read(KeychainKeys::outboundCredential(name), &context, [&](const KeychainResult& r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 30'000)) {
        return KeychainResult::failure(KeychainStatus::Timeout);
    }
    return *result;
}

KeychainResult TestOutboundCredentialsPage::keychainWrite(const QString& name, const QString& secret)
{
    QObject context;
    std::optional<KeychainResult> result;
    m_store->write(KeychainKeys::outboundCredential(name), secret, &context,
                   [&](const KeychainResult& r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 30'000)) {
        return KeychainResult::failure(KeychainStatus::Timeout);
    }
    return *result;
}

QString TestOutboundCredentialsPage::secretToolLookup(const QString& name) const
{
    QProcess process;
    process.start(u"secret-tool"_s,
                  {u"lookup"_s, u"server"_s, m_service, u"user"_s, KeychainKeys::outboundCredential(name)});
    if (!process.waitForFinished(30'000) || process.exitCode() != 0) {
        return QString();
    }
    return QString::fromUtf8(process.readAllStandardOutput());
}

QByteArray TestOutboundCredentialsPage::settingsBytes() const
{
    m_settings->sync();
    QFile file(m_settings->fileName());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestOutboundCredentialsPage::verifyNoSecretsIn(const QByteArray& bytes)
{
    for (const QString& secret : {Secret1, Secret2, Password}) {
        const QByteArray utf8 = secret.toUtf8();
        QVERIFY2(!bytes.contains(utf8), "a secret in the settings file");
        QVERIFY2(!bytes.contains(utf8.toBase64()), "a secret in the settings file (base64)");
        QVERIFY2(!bytes.contains(utf8.toPercentEncoding()), "a secret in the settings file (percent-encoded)");
    }
    QVERIFY(!bytes.contains("clientSecret"));
    QVERIFY(!bytes.contains("tokenServicePassword"));
}

OutboundCredentialDialog* TestOutboundCredentialsPage::openFilledAddDialog(const QString& name, const QString& secret)
{
    m_page->addCredentialAction()->trigger();
    OutboundCredentialDialog* dialog = m_page->credentialDialog();
    if (!dialog || !QTest::qWaitForWindowExposed(dialog)) {
        return nullptr;
    }
    QTest::keyClicks(find<QLineEdit>(dialog, u"nameLineEdit"_s), name);
    QTest::keyClicks(find<QLineEdit>(dialog, u"tokenServiceUrlLineEdit"_s), u"https://auth.example.com/oauth/token"_s);
    QTest::keyClicks(find<QLineEdit>(dialog, u"clientIdLineEdit"_s), u"sb-"_s + name);
    QTest::keyClicks(find<QLineEdit>(dialog, u"clientSecretLineEdit"_s), secret);
    return dialog;
}

bool TestOutboundCredentialsPage::addThroughDialog(const QString& name, const QString& secret, const QString& user,
                                                   const QString& password)
{
    OutboundCredentialDialog* dialog = openFilledAddDialog(name, secret);
    if (!dialog) {
        return false;
    }
    if (!user.isEmpty()) {
        QTest::keyClicks(find<QLineEdit>(dialog, u"tokenServiceUserLineEdit"_s), user);
        QTest::keyClicks(find<QLineEdit>(dialog, u"tokenServicePasswordLineEdit"_s), password);
    }
    QPushButton* submit = find<QPushButton>(dialog, u"submitPushButton"_s);
    if (!submit || !submit->isEnabled()) {
        return false;
    }
    submit->click();
    return QTest::qWaitFor([this] { return !m_page->credentialDialog(); }, 30'000);
}

void TestOutboundCredentialsPage::testEmptyState()
{
    QCOMPARE(m_page->model()->rowCount(), 0);
    QVERIFY(m_page->view()->placeholderText().startsWith(u"No outbound credentials yet.\nSelect “Add”"_s));
    QVERIFY(m_page->view()->placeholderText().contains(u"Create Outbound Credential…"_s));
    QCOMPARE(find<QLabel>(m_page.get(), u"countLabel"_s)->text(), u"0 credentials"_s);
    QVERIFY(m_page->addCredentialAction()->isEnabled());
    QVERIFY(!m_page->editCredentialAction()->isEnabled());
    QVERIFY(!m_page->deleteCredentialAction()->isEnabled());
    QVERIFY(!m_page->testCredentialAction()->isEnabled());
}

void TestOutboundCredentialsPage::testAddKeepsSecretsInTheKeychainOnly()
{
    QSignalSpy status(m_page.get(), &OutboundCredentialsPage::statusMessage);
    QVERIFY(addThroughDialog(u"erp-orders"_s, Secret1, u"basic-user"_s, Password));

    // The table: one row, selected, and the banner says so.
    QCOMPARE(m_page->model()->rowCount(), 1);
    QCOMPARE(m_page->selectedCredential()->name, u"erp-orders"_s);
    QCOMPARE(banner(m_page.get()), u"Outbound credential “erp-orders” saved."_s);
    QCOMPARE(status.count(), 1);
    QVERIFY(m_page->view()->placeholderText().isEmpty());
    QCOMPARE(find<QLabel>(m_page.get(), u"countLabel"_s)->text(), u"1 credential"_s);
    QVERIFY(m_page->testCredentialAction()->isEnabled());

    // The settings: the non-secret fields, as `appint token` reads them.
    const std::optional<OutboundCredential> saved = OutboundCredentialSettings(m_settings.get()).find(u"erp-orders"_s);
    QVERIFY(saved);
    QCOMPARE(saved->clientId, u"sb-erp-orders"_s);
    QCOMPARE(saved->tokenServiceUser, u"basic-user"_s);

    // The keychain: both secrets, under outbound:<name>; libsecret's own tool
    // sees the same item.
    const KeychainResult stored = keychainRead(u"erp-orders"_s);
    QVERIFY2(stored.ok(), qPrintable(stored.message));
    const OutboundSecrets secrets = OutboundSecretsCodec::decode(Secret(stored.secret));
    QCOMPARE(secrets.clientSecret.toString(), Secret1);
    QCOMPARE(secrets.tokenServicePassword.toString(), Password);
    QCOMPARE(secretToolLookup(u"erp-orders"_s), stored.secret);

    // Nothing secret in the settings file, and none of it in the model.
    verifyNoSecretsIn(settingsBytes());
    for (int column = 0; column < m_page->model()->columnCount(); ++column) {
        for (int role = 0; role <= Qt::UserRole + 8; ++role) {
            const QString text = m_page->model()->index(0, column).data(role).toString();
            QVERIFY(!text.contains(Secret1));
            QVERIFY(!text.contains(Password));
        }
    }
}

void TestOutboundCredentialsPage::testEditRequiresAndReplacesTheSecret()
{
    QVERIFY(addThroughDialog(u"orders"_s, Secret1));
    QSignalSpy reset(m_page->model(), &QAbstractItemModel::modelReset);
    QSignalSpy changed(m_page->model(), &QAbstractItemModel::dataChanged);

    m_page->editCredentialAction()->trigger();
    OutboundCredentialDialog* dialog = m_page->credentialDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->mode(), OutboundCredentialDialog::Mode::Edit);
    auto* secret = find<QLineEdit>(dialog, u"clientSecretLineEdit"_s);
    QVERIFY(secret->text().isEmpty());
    auto* submit = find<QPushButton>(dialog, u"submitPushButton"_s);
    QVERIFY(!submit->isEnabled());
    QTest::keyClicks(find<QLineEdit>(dialog, u"scopeLineEdit"_s), u"orders.read"_s);
    QVERIFY(!submit->isEnabled()); // still no secret
    QTest::keyClicks(secret, Secret2);
    QVERIFY(submit->isEnabled());
    submit->click();
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->credentialDialog(), 30'000);

    QCOMPARE(reset.count(), 0);
    QVERIFY(changed.count() >= 1);
    QCOMPARE(m_page->model()->rowCount(), 1);
    QCOMPARE(OutboundCredentialSettings(m_settings.get()).find(u"orders"_s)->scope, u"orders.read"_s);
    QCOMPARE(keychainRead(u"orders"_s).secret, Secret2);
    verifyNoSecretsIn(settingsBytes());
}

void TestOutboundCredentialsPage::testRenameMovesTheKeychainEntry()
{
    QVERIFY(addThroughDialog(u"orders"_s, Secret1));
    m_page->editCredentialAction()->trigger();
    OutboundCredentialDialog* dialog = m_page->credentialDialog();
    QVERIFY(dialog);
    auto* name = find<QLineEdit>(dialog, u"nameLineEdit"_s);
    name->selectAll();
    QTest::keyClicks(name, u"orders-v2"_s);
    QTest::keyClicks(find<QLineEdit>(dialog, u"clientSecretLineEdit"_s), Secret2);
    find<QPushButton>(dialog, u"submitPushButton"_s)->click();
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->credentialDialog(), 30'000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), 30'000);

    QCOMPARE(m_page->model()->names(), QStringList{u"orders-v2"_s});
    QCOMPARE(OutboundCredentialSettings(m_settings.get()).names(), QStringList{u"orders-v2"_s});
    QCOMPARE(keychainRead(u"orders-v2"_s).secret, Secret2);
    QCOMPARE(keychainRead(u"orders"_s).status, KeychainStatus::NotFound);
    QCOMPARE(banner(m_page.get()), u"Outbound credential “orders-v2” saved (renamed from “orders”)."_s);
}

void TestOutboundCredentialsPage::testDeleteAsksAndRemovesTheKeychainEntry()
{
    QVERIFY(addThroughDialog(u"keep-me"_s, Secret1));
    QVERIFY(addThroughDialog(u"orders"_s, Secret2));
    m_page->selectCredential(u"orders"_s);

    const int asked = MessageBox::questionCount();
    MessageBox::setNextAnswer(false);
    m_page->deleteCredentialAction()->trigger();
    QCOMPARE(MessageBox::questionCount(), asked + 1);
    QVERIFY(MessageBox::lastQuestion().contains(u"Delete the outbound credential “orders”?"_s));
    QVERIFY(MessageBox::lastQuestion().contains(u"removed from the system keychain"_s));
    QCOMPARE(m_page->model()->rowCount(), 2);
    QCOMPARE(keychainRead(u"orders"_s).secret, Secret2);

    QSignalSpy finished(m_page.get(), &OutboundCredentialsPage::operationFinished);
    MessageBox::setNextAnswer(true);
    m_page->deleteCredentialAction()->trigger();
    QVERIFY(finished.wait(30'000));
    QCOMPARE(finished.first().at(0).toBool(), true);
    QCOMPARE(m_page->model()->names(), QStringList{u"keep-me"_s});
    QCOMPARE(OutboundCredentialSettings(m_settings.get()).names(), QStringList{u"keep-me"_s});
    QCOMPARE(keychainRead(u"orders"_s).status, KeychainStatus::NotFound);
    QCOMPARE(secretToolLookup(u"orders"_s), QString());
    QCOMPARE(keychainRead(u"keep-me"_s).secret, Secret1);
    QCOMPARE(banner(m_page.get()), u"Outbound credential “orders” deleted."_s);
}

void TestOutboundCredentialsPage::testKeychainRefusalSavesNothing()
{
    m_faults->fail(KeychainStatus::Locked, {}, FaultInjectingSecretStore::Operation::Write);
    OutboundCredentialDialog* dialog = openFilledAddDialog(u"orders"_s, Secret1);
    QVERIFY(dialog);
    QSignalSpy finished(m_page.get(), &OutboundCredentialsPage::operationFinished);
    find<QPushButton>(dialog, u"submitPushButton"_s)->click();
    QVERIFY(finished.wait(30'000));
    QCOMPARE(finished.first().at(0).toBool(), false);

    // The dialog stays open with the keychain's own words; nothing is saved.
    QCOMPARE(m_page->credentialDialog(), dialog);
    QVERIFY(!dialog->isBusy());
    QVERIFY2(dialogBanner(dialog).contains(u"The keychain is locked. Unlock it and try again."_s),
             qPrintable(dialogBanner(dialog)));
    QCOMPARE(m_faults->keys(FaultInjectingSecretStore::Operation::Write),
             QStringList{KeychainKeys::outboundCredential(u"orders"_s)});
    QCOMPARE(m_page->model()->rowCount(), 0);
    QVERIFY(OutboundCredentialSettings(m_settings.get()).names().isEmpty());
    QVERIFY(!settingsBytes().contains("orders"));
    QCOMPARE(keychainRead(u"orders"_s).status, KeychainStatus::NotFound);

    // Unlocked: the same dialog, the secret still typed, saves.
    m_faults->passThrough();
    auto* submit = find<QPushButton>(dialog, u"submitPushButton"_s);
    QVERIFY(submit->isEnabled());
    submit->click();
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->credentialDialog(), 30'000);
    QCOMPARE(m_page->model()->rowCount(), 1);
    QCOMPARE(keychainRead(u"orders"_s).secret, Secret1);
}

void TestOutboundCredentialsPage::testSettingsFailureTakesTheSecretBack()
{
    // A settings file whose folder is a file: nothing can be written there.
    QFile blocker(m_dir->filePath(u"blocked"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QSettings broken(m_dir->filePath(u"blocked/appint.conf"_s), QSettings::IniFormat);
    createPage(&broken);

    OutboundCredentialDialog* dialog = openFilledAddDialog(u"orders"_s, Secret1);
    QVERIFY(dialog);
    QSignalSpy finished(m_page.get(), &OutboundCredentialsPage::operationFinished);
    find<QPushButton>(dialog, u"submitPushButton"_s)->click();
    QVERIFY(finished.wait(30'000));
    QCOMPARE(finished.first().at(0).toBool(), false);

    QVERIFY2(dialogBanner(dialog).startsWith(u"The credential was not saved: The settings file "_s),
             qPrintable(dialogBanner(dialog)));
    QVERIFY(dialogBanner(dialog).contains(u"cannot be written"_s));
    // The keychain write was undone, the page shows nothing new.
    QCOMPARE(m_faults->keys(FaultInjectingSecretStore::Operation::Remove),
             QStringList{KeychainKeys::outboundCredential(u"orders"_s)});
    QCOMPARE(keychainRead(u"orders"_s).status, KeychainStatus::NotFound);
    QCOMPARE(m_page->model()->rowCount(), 0);
    QVERIFY(OutboundCredentialSettings(&broken).names().isEmpty());
    dialog->reject();
    createPage(m_settings.get()); // before `broken` goes
}

void TestOutboundCredentialsPage::testEditSettingsFailurePutsTheOldSecretBack()
{
    QVERIFY(addThroughDialog(u"orders"_s, Secret1));
    // From now on the settings folder is a file.
    const QString folder = m_dir->filePath(u"config"_s);
    QVERIFY(QDir(folder).removeRecursively());
    QFile blocker(folder);
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();

    m_page->editCredentialAction()->trigger();
    OutboundCredentialDialog* dialog = m_page->credentialDialog();
    QVERIFY(dialog);
    QTest::keyClicks(find<QLineEdit>(dialog, u"scopeLineEdit"_s), u"changed"_s);
    QTest::keyClicks(find<QLineEdit>(dialog, u"clientSecretLineEdit"_s), Secret2);
    QSignalSpy finished(m_page.get(), &OutboundCredentialsPage::operationFinished);
    find<QPushButton>(dialog, u"submitPushButton"_s)->click();
    QVERIFY(finished.wait(30'000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY2(dialogBanner(dialog).contains(u"cannot be written"_s), qPrintable(dialogBanner(dialog)));

    // The old secret is back in the keychain; the table and the settings
    // (in memory) hold the credential as it was.
    QCOMPARE(keychainRead(u"orders"_s).secret, Secret1);
    QCOMPARE(m_page->model()->credentials().value(0).scope, QString());
    QCOMPARE(OutboundCredentialSettings(m_settings.get()).find(u"orders"_s)->scope, QString());
    dialog->reject();
}

void TestOutboundCredentialsPage::testDeleteKeychainFailureKeepsTheCredential()
{
    QVERIFY(addThroughDialog(u"orders"_s, Secret1));
    m_faults->fail(KeychainStatus::AccessDenied, u"no"_s, FaultInjectingSecretStore::Operation::Remove);
    MessageBox::setNextAnswer(true);
    QSignalSpy finished(m_page.get(), &OutboundCredentialsPage::operationFinished);
    m_page->deleteCredentialAction()->trigger();
    QVERIFY(finished.wait(30'000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    QCOMPARE(banner(m_page.get()),
             u"The credential “orders” was not deleted: its secret could not be removed from the system keychain. "
             "Access was denied by the system keychain (no)."_s);
    QCOMPARE(m_page->messageWidget()->type(), MessageWidget::Type::Error);
    QCOMPARE(m_page->model()->rowCount(), 1);
    QCOMPARE(OutboundCredentialSettings(m_settings.get()).names(), QStringList{u"orders"_s});
    QCOMPARE(keychainRead(u"orders"_s).secret, Secret1);
}

void TestOutboundCredentialsPage::testTestWithoutASavedSecret()
{
    // Saved by hand (or by another computer's settings): no keychain entry.
    OutboundCredential credential;
    credential.name = u"no-secret"_s;
    credential.tokenServiceUrl = u"https://auth.example.com/token"_s;
    credential.clientId = u"sb-x"_s;
    QVERIFY(OutboundCredentialSettings(m_settings.get()).save(credential).ok());
    m_page->refreshAction()->trigger();
    QCOMPARE(m_page->model()->rowCount(), 1);
    m_page->selectCredential(u"no-secret"_s);

    QSignalSpy tested(m_page.get(), &OutboundCredentialsPage::testFinished);
    m_page->testCredentialAction()->trigger();
    QVERIFY(tested.wait(30'000));
    QCOMPARE(tested.first().at(1).toBool(), false);
    TokenTestDialog* dialog = m_page->testDialog();
    QVERIFY(dialog);
    QCOMPARE(dialogBanner(dialog),
             u"The secret of “no-secret” is not in the system keychain. Edit the credential "
             "and enter the secret again."_s);
    QVERIFY(!dialog->hasToken());
    QCOMPARE(m_page->model()->index(0, OutboundCredentialTableModel::LastTestColumn).data().toString(),
             u"Failed: secret missing"_s);
    dialog->reject();
}

void TestOutboundCredentialsPage::testTestRefusedConnection()
{
    // A port that was free a moment ago: nobody listens there.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    OutboundCredential credential;
    credential.name = u"refused"_s;
    credential.tokenServiceUrl = u"http://127.0.0.1:%1/oauth/token"_s.arg(port);
    credential.clientId = u"sb-x"_s;
    QVERIFY(OutboundCredentialSettings(m_settings.get()).save(credential).ok());
    QVERIFY(keychainWrite(u"refused"_s, Secret1).ok());
    m_page->reload();
    m_page->selectCredential(u"refused"_s);

    QSignalSpy tested(m_page.get(), &OutboundCredentialsPage::testFinished);
    m_page->testCredential();
    QVERIFY(tested.wait(30'000));
    TokenTestDialog* dialog = m_page->testDialog();
    QVERIFY(dialog);
    QCOMPARE(find<QLabel>(dialog, u"problemValueLabel"_s)->text(), u"connection refused"_s);
    QVERIFY(!find<QLabel>(dialog, u"httpStatusValueLabel"_s)->isVisible());
    QVERIFY(!dialogBanner(dialog).isEmpty());
    // The request that was tried, with the secret redacted.
    const QString request = find<QPlainTextEdit>(dialog, u"requestPlainTextEdit"_s)->toPlainText();
    QVERIFY2(request.contains(u"client_secret=<redacted>"_s), qPrintable(request));
    QVERIFY(!request.contains(Secret1));
    QCOMPARE(m_page->model()->index(0, OutboundCredentialTableModel::LastTestColumn).data().toString(),
             u"Failed: connection refused"_s);
    dialog->reject();
}

void TestOutboundCredentialsPage::testContextMenu()
{
    QVERIFY(addThroughDialog(u"orders"_s, Secret1));
    std::unique_ptr<QMenu> menu = m_page->createContextMenu();
    QStringList texts;
    for (QAction* action : menu->actions()) {
        if (!action->isSeparator()) {
            texts.append(action->text());
        }
    }
    QCOMPARE(texts, (QStringList{u"Add"_s, u"Edit"_s, u"Delete"_s, u"Test"_s, u"Drop Cached Token"_s}));
    QVERIFY(!m_page->dropCachedTokenAction()->isEnabled()); // nothing cached
    // While a dialog is open, the actions that would open another wait.
    m_page->editCredentialAction()->trigger();
    QVERIFY(m_page->credentialDialog());
    QVERIFY(!m_page->addCredentialAction()->isEnabled());
    QVERIFY(!m_page->deleteCredentialAction()->isEnabled());
    m_page->credentialDialog()->reject();
    QTRY_VERIFY(m_page->addCredentialAction()->isEnabled());
}

void TestOutboundCredentialsPage::testTestUsesTheSharedTokenCache()
{
    OidcPeer peer;
    const QString error = peer.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString cachePath = m_dir->filePath(u"runtime/appint/token-cache.json"_s);
    QVERIFY(QDir(m_dir->path()).mkpath(u"runtime"_s));
    m_page->setTokenCacheFile(cachePath);

    OutboundCredential credential;
    credential.name = u"partner"_s;
    credential.tokenServiceUrl = peer.tokenUrl().toString();
    credential.clientId = u"post-client"_s;
    credential.scope = u"api:read"_s;
    QVERIFY(OutboundCredentialSettings(m_settings.get()).save(credential).ok());
    QVERIFY(keychainWrite(u"partner"_s, OutboundSecretsCodec::encode({Secret(u"post-secret"_s), Secret()}).toString())
                .ok());
    m_page->reload();
    m_page->selectCredential(u"partner"_s);
    const QModelIndex cell = m_page->model()->index(0, OutboundCredentialTableModel::CachedTokenColumn);
    QCOMPARE(cell.data().toString(), u"None"_s);
    QVERIFY(!m_page->dropCachedTokenAction()->isEnabled());
    QSignalSpy resets(m_page->model(), &QAbstractItemModel::modelReset);
    QSignalSpy changed(m_page->model(), &QAbstractItemModel::dataChanged);

    // 1. Nothing cached: one request; the token is cached.
    QSignalSpy tested(m_page.get(), &OutboundCredentialsPage::testFinished);
    m_page->testCredential();
    QVERIFY(tested.wait(30'000));
    QCOMPARE(tested.takeFirst().at(1).toBool(), true);
    QCOMPARE(peer.tokenRequests(), 1);
    TokenTestDialog* dialog = m_page->testDialog();
    QVERIFY(dialog && dialog->hasToken());
    QCOMPARE(dialogBanner(dialog), u"The token service issued an access token."_s);
    const QString countdown600 = TokenDisplay::countdown(600);
    const QString countdown540 = TokenDisplay::countdown(540);
    QCOMPARE(cell.data().toString(), u"%1 left, renews in %2"_s.arg(countdown600, countdown540));
    QVERIFY(cell.data(Qt::ToolTipRole)
                .toString()
                .contains(u"Served from the cache 0 times. 1 token fetched with these settings."_s));
    QCOMPARE(cell.data(OutboundCredentialTableModel::CachedTokenExpiresAtRole).toLongLong(), m_clock->now() + 600);
    QVERIFY(m_page->dropCachedTokenAction()->isEnabled());
    QVERIFY(std::any_of(changed.cbegin(), changed.cend(), [](const QList<QVariant>& arguments) {
        return arguments.at(0).value<QModelIndex>().column() == OutboundCredentialTableModel::CachedTokenColumn;
    }));
    dialog->reject();
    QTRY_VERIFY(!m_page->testDialog());

    // 2. Test again a minute later: the cached token, no request.
    m_clock->advance(60);
    m_page->testCredential();
    QVERIFY(tested.wait(30'000));
    QCOMPARE(tested.takeFirst().at(1).toBool(), true);
    QCOMPARE(peer.tokenRequests(), 1);
    dialog = m_page->testDialog();
    QVERIFY(dialog && dialog->hasToken());
    QVERIFY2(dialogBanner(dialog).startsWith(u"The cached token is still valid, so no request was sent."_s),
             qPrintable(dialogBanner(dialog)));
    QCOMPARE(cell.data().toString(),
             u"%1 left, renews in %2"_s.arg(TokenDisplay::countdown(540), TokenDisplay::countdown(480)));
    QVERIFY(cell.data(Qt::ToolTipRole)
                .toString()
                .contains(u"Served from the cache 1 time. 1 token fetched with these settings."_s));

    // 3. Test Again in the dialog fetches a new token and caches it.
    find<QPushButton>(dialog, u"testAgainPushButton"_s)->click();
    QVERIFY(tested.wait(30'000));
    QCOMPARE(peer.tokenRequests(), 2);
    QCOMPARE(dialogBanner(dialog), u"The token service issued an access token."_s);
    QCOMPARE(cell.data().toString(), u"%1 left, renews in %2"_s.arg(countdown600, countdown540));
    QVERIFY(cell.data(Qt::ToolTipRole)
                .toString()
                .contains(u"Served from the cache 1 time. 2 tokens fetched with these settings."_s));
    dialog->reject();
    QTRY_VERIFY(!m_page->testDialog());

    // 4. Within the renewal margin: due, and Test fetches a new one.
    m_clock->advance(541);
    m_page->model()->refreshCountdowns();
    QCOMPARE(cell.data().toString(), u"%1 left, renewal due"_s.arg(TokenDisplay::countdown(59)));
    QVERIFY(cell.data(Qt::ToolTipRole)
                .toString()
                .contains(u"Served from the cache 1 time. 2 tokens fetched with these settings."_s));
    m_page->testCredential();
    QVERIFY(tested.wait(30'000));
    QCOMPARE(peer.tokenRequests(), 3);
    m_page->testDialog()->reject();
    QTRY_VERIFY(!m_page->testDialog());

    // 5. Drop: forgotten here and in the file; the next Test fetches.
    QFile file(cachePath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    file.close();
    QVERIFY(!bytes.contains("post-secret"));
    QVERIFY(bytes.contains("partner"));
    QCOMPARE(QFile::permissions(cachePath), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
    m_page->dropCachedTokenAction()->trigger();
    QCOMPARE(cell.data().toString(), u"None"_s);
    QVERIFY(!m_page->dropCachedTokenAction()->isEnabled());
    QVERIFY(banner(m_page.get()).contains(u"was dropped"_s));
    QVERIFY(TokenCacheFile(cachePath).entries().isEmpty());
    QCOMPARE(resets.size(), 0); // every change was a dataChanged
}

void TestOutboundCredentialsPage::testCacheColumnFollowsOtherProcesses()
{
    const QString cachePath = m_dir->filePath(u"runtime/appint/token-cache.json"_s);
    QVERIFY(QDir(m_dir->path()).mkpath(u"runtime"_s));
    m_page->setTokenCacheFile(cachePath);
    OutboundCredential credential;
    credential.name = u"partner"_s;
    credential.tokenServiceUrl = u"https://auth.example.com/oauth/token"_s;
    credential.clientId = u"sb-partner"_s;
    QVERIFY(OutboundCredentialSettings(m_settings.get()).save(credential).ok());
    m_page->reload();
    const QModelIndex cell = m_page->model()->index(0, OutboundCredentialTableModel::CachedTokenColumn);
    QCOMPARE(cell.data().toString(), u"None"_s);

    // Another process (appint token) caches a token: the page reads it within a few ticks.
    AccessToken token;
    token.value = Secret(u"token-of-another-process"_s);
    token.obtainedAt = m_clock->now();
    token.expiresIn = 3600;
    QVERIFY(TokenCacheFile(cachePath).store(credential, token, m_clock->now()));
    m_page->refreshTokenCache();
    QCOMPARE(cell.data(OutboundCredentialTableModel::CachedTokenExpiresAtRole).toLongLong(), m_clock->now() + 3600);
    QVERIFY(!cell.data().toString().contains(u"token-of-another-process"_s));
    QVERIFY(!cell.data(Qt::ToolTipRole).toString().contains(u"token-of-another-process"_s));

    // A token for other settings of that name (edited since) is not shown.
    OutboundCredential other = credential;
    other.scope = u"api:write"_s;
    QVERIFY(TokenCacheFile(cachePath).store(other, token, m_clock->now()));
    m_page->refreshTokenCache();
    QCOMPARE(cell.data().toString(), u"None"_s);

    // A cache file others may read is ignored, with a warning on the page.
    QVERIFY(TokenCacheFile(cachePath).store(credential, token, m_clock->now()));
    QVERIFY(
        QFile::setPermissions(cachePath, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
    m_page->refreshTokenCache();
    QCOMPARE(cell.data().toString(), u"None"_s);
    QVERIFY2(banner(m_page.get()).contains(u"was ignored: others may read it"_s), qPrintable(banner(m_page.get())));
}

} // namespace appint::test

APPINT_TEST_GUI_MAIN(appint::test::TestOutboundCredentialsPage)
#include "TestOutboundCredentialsPage.moc"
