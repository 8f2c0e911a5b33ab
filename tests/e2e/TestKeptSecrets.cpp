#include "ConsoleFixture.h"
#include "FaultInjectingSecretStore.h"
#include "LogCapture.h"
#include "TestMain.h"
#include "WidgetLookup.h"

#include "core/BidiText.h"
#include "core/ClientRules.h"
#include "credentials/ClientSecretKeeper.h"
#include "credentials/SavedClientSecrets.h"
#include "gui/clients/AppIntegrationPage.h"
#include "gui/clients/ClientDialog.h"
#include "gui/clients/ClientTableModel.h"
#include "gui/clients/ExportSheetDialog.h"
#include "gui/clients/RolePickerDialog.h"
#include "gui/clients/RolePickerModel.h"
#include "gui/clients/SecretView.h"
#include "gui/shell/ConsoleController.h"
#include "gui/shell/ConsolePreferences.h"
#include "gui/shell/MainWindow.h"
#include "gui/shell/PreferencesDialog.h"
#include "gui/tenants/TenantSwitcher.h"
#include "gui/widgets/Clipboard.h"
#include "gui/widgets/FileDialogs.h"
#include "gui/widgets/MessageBox.h"
#include "gui/widgets/MessageWidget.h"
#include "keychain/KeychainKeys.h"
#include "service/TenantApi.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace appint::test {

namespace {

constexpr auto OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

QFileDevice::Permissions modeOf(const QString& path)
{
    // The permission bits only (QFileInfo adds the "user" duplicates).
    return QFileInfo(path).permissions()
        & (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadGroup
           | QFileDevice::WriteGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther
           | QFileDevice::ExeOther);
}

QByteArray contentOf(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

// "Secrets a person may keep" and "Export Connection Sheet…" in the whole
// console: the real page and dialogs against a real tenant service on
// loopback, the real gnome-keyring of the test session (checked with
// secret-tool), real files.
class TestKeptSecrets : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void testSaveInTheKeychainFromTheSecretView();
    void testUntickRemovesTheSavedSecret();
    void testCopySecretLaterFromTheKeychain();
    void testClipboardCountdownAndPreferences();
    void testExportLaterWithTheSavedSecret();
    void testExportWithoutTheSecret();
    void testExportFromTheSecretView();
    void testEveryFormatWithTheSecretIsPrivate();
    void testFormatsThatDoNotFitAreDisabled();
    void testDeleteOffersToRemoveTheSavedSecret();
    void testExtendReplacesTheSavedSecret();
    void testKeychainFailureInTheSecretView();

private:
    struct Added
    {
        QPointer<ClientDialog> dialog;
        QString clientId;
        QString secret;
    };
    // Adds a Technical User client through the Add dialog and waits for the
    // secret view.
    Added addThroughDialog(const QString& name, const QString& userId);
    void closeDialog(ClientDialog* dialog);
    // Adds a client and keeps its secret in the keychain, dialog closed.
    Added addAndKeep(const QString& name, const QString& userId);
    ExportSheetDialog* openExportFromTable(const QString& clientId);
    QString exportPath(const QString& name) const { return m_files.filePath(name); }

    std::unique_ptr<ConsoleFixture> m_console;
    FaultInjectingSecretStore* m_faults = nullptr;
    std::unique_ptr<LogCapture> m_log;
    QStringList m_secrets; // every secret seen: none may reach a log, the settings or a DisplayRole
    QTemporaryDir m_files;
};

void TestKeptSecrets::init()
{
    ConsoleFixture::Options options;
    options.sandbox.demo = true;
    options.sandbox.tenantName = u"Acme Test Tenant"_s;
    options.wrapStore = [this](SecretStore* real, QObject* owner) -> SecretStore* {
        m_faults = new FaultInjectingSecretStore(real, owner); // passes everything through until told otherwise
        return m_faults;
    };
    m_console = std::make_unique<ConsoleFixture>(options);
    m_log = std::make_unique<LogCapture>();
    QVERIFY2(m_console->startOnSandbox(), qPrintable(m_console->errorString()));
    m_secrets = {m_console->sandbox().adminSecret()};
    QGuiApplication::clipboard()->clear();
}

void TestKeptSecrets::cleanup()
{
    if (m_console) {
        // No secret in a log line, the settings file or any role of the table.
        const QByteArray settings = m_console->settingsFileContent();
        for (const QString& secret : std::as_const(m_secrets)) {
            QVERIFY2(!m_log->contains(secret), "a secret reached the log");
            QVERIFY2(!settings.contains(secret.toUtf8()), "a secret reached the settings file");
            QVERIFY2(!modelContains(*m_console->page().model(), secret), "a secret reached the table model");
        }
    }
    m_log.reset();
    m_console.reset();
    m_faults = nullptr;
    QGuiApplication::clipboard()->clear();
}

TestKeptSecrets::Added TestKeptSecrets::addThroughDialog(const QString& name, const QString& userId)
{
    Added added;
    AppIntegrationPage& page = m_console->page();
    page.addClientAction()->trigger();
    ClientDialog* dialog = page.clientDialog();
    if (!dialog) {
        return added;
    }
    QTest::keyClicks(child<QLineEdit>(dialog, u"nameLineEdit"_s), name);
    QTest::keyClicks(child<QLineEdit>(dialog, u"userIdLineEdit"_s), userId);
    child<QPushButton>(dialog, u"selectRolesPushButton"_s)->click();
    auto* picker = dialog->findChild<RolePickerDialog*>();
    picker->model()->setData(picker->model()->roleIndex(u"DW_VIEWER"_s), Qt::Checked, Qt::CheckStateRole);
    child<QDialogButtonBox>(picker, u"buttonBox"_s)->button(QDialogButtonBox::Ok)->click();
    child<QPushButton>(dialog, u"submitPushButton"_s)->click();
    if (!QTest::qWaitFor([dialog] { return dialog->isShowingSecret(); }, 20'000)) {
        return added;
    }
    added.dialog = dialog;
    added.clientId = child<QLineEdit>(dialog, u"secretClientIdLineEdit"_s)->text();
    added.secret = child<QLineEdit>(dialog, u"secretLineEdit"_s)->text();
    m_secrets.append(added.secret);
    return added;
}

void TestKeptSecrets::closeDialog(ClientDialog* dialog)
{
    const QPointer<ClientDialog> guard(dialog);
    child<QPushButton>(dialog, u"closePushButton"_s)->click();
    if (!QTest::qWaitFor([&guard] { return !guard; })) {
        qWarning("the dialog did not close");
    }
}

TestKeptSecrets::Added TestKeptSecrets::addAndKeep(const QString& name, const QString& userId)
{
    Added added = addThroughDialog(name, userId);
    if (!added.dialog) {
        return added;
    }
    SecretView* view = added.dialog->secretView();
    child<QCheckBox>(view, u"keepInKeychainCheckBox"_s)->click();
    if (!QTest::qWaitFor([view] { return view->keychainState() == SecretView::KeychainState::Saved; }, 20'000)) {
        qWarning("the secret was not saved");
        added.clientId.clear();
        return added;
    }
    closeDialog(added.dialog);
    return added;
}

ExportSheetDialog* TestKeptSecrets::openExportFromTable(const QString& clientId)
{
    AppIntegrationPage& page = m_console->page();
    page.selectClient(clientId);
    page.exportSheetAction()->trigger();
    if (!QTest::qWaitFor([&page] { return page.exportSheetDialog() && page.exportSheetDialog()->isVisible(); },
                         20'000)) {
        return nullptr;
    }
    return page.exportSheetDialog();
}

void TestKeptSecrets::testSaveInTheKeychainFromTheSecretView()
{
    Added added = addThroughDialog(u"Keychain robot"_s, u"KEYCHAIN_ROBOT"_s);
    QVERIFY(added.dialog);
    SecretView* view = added.dialog->secretView();
    auto* keep = child<QCheckBox>(view, u"keepInKeychainCheckBox"_s);
    // Offered, and off by default.
    QVERIFY(keep->isVisible());
    QCOMPARE(keep->text(), u"Save the secret in the system keychain"_s);
    QVERIFY(!keep->isChecked());
    QCOMPARE(view->keychainState(), SecretView::KeychainState::NotSaved);

    keep->click();
    QTRY_COMPARE_WITH_TIMEOUT(view->keychainState(), SecretView::KeychainState::Saved, 20'000);
    QVERIFY(keep->isChecked());
    QVERIFY(child<QLabel>(view, u"keychainStatusLabel"_s)->text().startsWith(u"Saved in the system keychain."_s));

    // In the keychain exactly (secret-tool), under client:<tenant>:<client id>.
    ClientSecretKeeper* keeper = m_console->switcher().keeper();
    const QString key = keeper->keychainKey(added.clientId);
    QVERIFY(key.startsWith(u"client:file://"_s)); // the sandbox is keyed by its data folder
    QCOMPARE(m_console->keychainLookup(key), std::optional<QString>(added.secret));
    QVERIFY(keeper->isSaved(added.clientId));

    // The table marks the client: an icon and a tooltip in the client ID column.
    const ClientTableModel* model = m_console->page().model();
    const QModelIndex cell = model->indexOf(added.clientId, ClientTableModel::ClientIdColumn);
    QVERIFY(cell.data(ClientTableModel::SecretSavedRole).toBool());
    QVERIFY(!cell.data(Qt::DecorationRole).value<QIcon>().isNull());
    QVERIFY(cell.data(Qt::ToolTipRole).toString().endsWith(u"The secret is saved in the system keychain."_s));
    QCOMPARE(cell.data(Qt::DisplayRole).toString(), added.clientId);

    // Kept: closing without copying asks nothing.
    const int asked = MessageBox::questionCount();
    closeDialog(added.dialog);
    QCOMPARE(MessageBox::questionCount(), asked);
}

void TestKeptSecrets::testUntickRemovesTheSavedSecret()
{
    Added added = addThroughDialog(u"Changed mind"_s, u"CHANGED_MIND"_s);
    QVERIFY(added.dialog);
    SecretView* view = added.dialog->secretView();
    auto* keep = child<QCheckBox>(view, u"keepInKeychainCheckBox"_s);
    keep->click();
    QTRY_COMPARE_WITH_TIMEOUT(view->keychainState(), SecretView::KeychainState::Saved, 20'000);
    const QString key = m_console->switcher().keeper()->keychainKey(added.clientId);
    QVERIFY(m_console->keychainLookup(key));
    keep->click();
    QTRY_COMPARE_WITH_TIMEOUT(view->keychainState(), SecretView::KeychainState::NotSaved, 20'000);
    QVERIFY(!m_console->keychainLookup(key));
    QVERIFY(!m_console->page().model()->isSecretSaved(added.clientId));
    // Not kept any more: closing asks.
    MessageBox::setNextAnswer(true);
    const int asked = MessageBox::questionCount();
    closeDialog(added.dialog);
    QCOMPARE(MessageBox::questionCount(), asked + 1);
}

void TestKeptSecrets::testCopySecretLaterFromTheKeychain()
{
    const Added kept = addAndKeep(u"Copy later"_s, u"COPY_LATER"_s);
    QVERIFY(!kept.clientId.isEmpty());
    AppIntegrationPage& page = m_console->page();

    // A client without a saved secret has no Copy Secret.
    page.selectClient(page.model()->clientAt(page.model()->index(0, 0))->clientId == kept.clientId
                          ? page.model()->clientAt(page.model()->index(1, 0))->clientId
                          : page.model()->clientAt(page.model()->index(0, 0))->clientId);
    QVERIFY(!page.copySecretAction()->isVisible());
    std::unique_ptr<QMenu> menu = page.createContextMenu();
    QVERIFY(!menu->actions().contains(page.copySecretAction()));

    page.selectClient(kept.clientId);
    QVERIFY(page.copySecretAction()->isVisible());
    QVERIFY(page.copySecretAction()->isEnabled());
    menu = page.createContextMenu();
    QVERIFY(menu->actions().contains(page.copySecretAction()));
    QVERIFY(menu->actions().contains(page.exportSheetAction()));

    page.copySecretAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(QGuiApplication::clipboard()->text(), kept.secret, 20'000);
    // A secret: with the password-manager hint, counted down in the status bar.
    QCOMPARE(QGuiApplication::clipboard()->mimeData()->data(u"x-kde-passwordManagerHint"_s), "secret"_ba);
    auto* countdown = child<QLabel>(&m_console->window(), u"clipboardLabel"_s);
    QVERIFY(countdown->isVisible());
    QCOMPARE(countdown->text(), u"Secret on the clipboard; cleared in 30 seconds"_s);
}

void TestKeptSecrets::testClipboardCountdownAndPreferences()
{
    // Preferences: the time a secret stays on the clipboard, kept in the settings.
    ConsoleController& controller = m_console->controller();
    controller.preferencesAction()->trigger();
    PreferencesDialog* preferences = controller.preferencesDialog();
    QVERIFY(preferences);
    auto* seconds = child<QSpinBox>(preferences, u"clearSecondsSpinBox"_s);
    QCOMPARE(seconds->value(), 30);
    QCOMPARE(seconds->minimum(), 5);
    seconds->setValue(7);
    child<QPushButton>(preferences, u"okPushButton"_s)->click();
    QCOMPARE(m_console->window().clipboard()->clearSeconds(), 7);
    QCOMPARE(m_console->settings().value(ConsolePreferences::ClipboardClearSecondsKey).toInt(), 7);
    QVERIFY(m_console->settingsFileContent().contains("clipboardClearSeconds=7"));
    // A restarted console reads it back.
    QVERIFY2(m_console->restart(), qPrintable(m_console->errorString()));
    QCOMPARE(m_console->window().clipboard()->clearSeconds(), 7);
    m_console->controller().start();
    QVERIFY2(m_console->waitForConnection(u"sandbox"_s), qPrintable(m_console->errorString()));

    // A short injected time: the countdown in the status bar, then the
    // clipboard is empty.
    Clipboard* clipboard = m_console->window().clipboard();
    clipboard->setClearSeconds(2);
    const Added added = addThroughDialog(u"Countdown"_s, u"COUNTDOWN"_s);
    QVERIFY(added.dialog);
    child<QPushButton>(added.dialog->secretView(), u"copySecretPushButton"_s)->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), added.secret);
    auto* countdown = child<QLabel>(&m_console->window(), u"clipboardLabel"_s);
    QVERIFY(countdown->isVisible());
    QCOMPARE(countdown->text(), u"Secret on the clipboard; cleared in 2 seconds"_s);
    QTRY_COMPARE_WITH_TIMEOUT(countdown->text(), u"Secret on the clipboard; cleared in 1 second"_s, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!countdown->isVisible(), 5000);
    QVERIFY(QGuiApplication::clipboard()->text().isEmpty());

    // Copied again, and replaced by someone else: theirs stays.
    child<QPushButton>(added.dialog->secretView(), u"copySecretPushButton"_s)->click();
    QGuiApplication::clipboard()->setText(u"someone else's text"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!countdown->isVisible(), 5000);
    QCOMPARE(QGuiApplication::clipboard()->text(), u"someone else's text"_s);

    // Non-secret values are copied plainly: no hint, no countdown.
    m_console->page().selectClient(added.clientId);
    m_console->page().copyClientIdAction()->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), added.clientId);
    QVERIFY(!QGuiApplication::clipboard()->mimeData()->hasFormat(u"x-kde-passwordManagerHint"_s));
    QVERIFY(!countdown->isVisible());
    closeDialog(added.dialog);
}

void TestKeptSecrets::testExportLaterWithTheSavedSecret()
{
    const Added kept = addAndKeep(u"Sheet later"_s, u"SHEET_LATER"_s);
    QVERIFY(!kept.clientId.isEmpty());
    ExportSheetDialog* dialog = openExportFromTable(kept.clientId);
    QVERIFY(dialog);
    QVERIFY(dialog->secretAvailable());
    QVERIFY(dialog->includesSecret());
    QVERIFY2(dialog->secretText().startsWith(u"The sheet includes the secret, read from the system keychain."_s),
             qPrintable(dialog->secretText()));
    QVERIFY(dialog->secretText().contains(u"(mode 0600)"_s));
    // The file name follows the format.
    QCOMPARE(QFileInfo(dialog->filePath()).fileName(), u"sheet-later-connection-sheet.pdf"_s);
    QVERIFY(dialog->setFormat(SheetFormat::Env));
    QCOMPARE(QFileInfo(dialog->filePath()).fileName(), u"sheet-later.env"_s);

    // The file chooser (answered) picks the place.
    const QString path = exportPath(u"later.env"_s);
    FileDialogs::setNextSaveFileName(path);
    child<QPushButton>(dialog, u"browsePushButton"_s)->click();
    QCOMPARE(dialog->filePath(), path);
    const QPointer<ExportSheetDialog> guard(dialog);
    child<QPushButton>(dialog, u"exportPushButton"_s)->click();
    QTRY_VERIFY(!guard);

    QCOMPARE(modeOf(path), OwnerOnly);
    const QByteArray content = contentOf(path);
    const QByteArray line = "OAUTH_CLIENT_SECRET='" + kept.secret.toUtf8() + '\'';
    QVERIFY(content.contains(line));
    QVERIFY(content.contains(kept.clientId.toUtf8()));
    MessageWidget* banner = m_console->page().messageWidget();
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(u"with the secret"_s) && banner->text().contains(u"(mode 0600)"_s),
             qPrintable(banner->text()));
}

void TestKeptSecrets::testExportWithoutTheSecret()
{
    AppIntegrationPage& page = m_console->page();
    const ClientTableModel* model = page.model();
    QString clientId;
    for (int row = 0; row < model->rowCount() && clientId.isEmpty(); ++row) {
        const Client* client = model->clientAt(model->index(row, 0));
        if (client->purpose == Purpose::Technical && !client->isExpiredAt(m_console->clock().now())) {
            clientId = client->clientId;
        }
    }
    QVERIFY(!clientId.isEmpty());
    ExportSheetDialog* dialog = openExportFromTable(clientId);
    QVERIFY(dialog);
    QVERIFY(!dialog->secretAvailable());
    QVERIFY(!child<QCheckBox>(dialog, u"includeSecretCheckBox"_s)->isVisible());
    QVERIFY2(dialog->secretText().startsWith(u"The secret is not included: it is shown only once, when the client is "
                                             u"created or extended, and it was not saved in the system keychain."_s),
             qPrintable(dialog->secretText()));
    QVERIFY(dialog->setFormat(SheetFormat::Json));
    const QString path = exportPath(u"without.json"_s);
    dialog->setFilePath(path);
    const QPointer<ExportSheetDialog> guard(dialog);
    child<QPushButton>(dialog, u"exportPushButton"_s)->click();
    QTRY_VERIFY(!guard);

    // The usual mode of a new file, not 0600, and no client_secret.
    QFile reference(exportPath(u"reference"_s));
    QVERIFY(reference.open(QIODevice::WriteOnly));
    reference.close();
    QCOMPARE(modeOf(path), modeOf(reference.fileName()));
    QVERIFY(modeOf(path) != OwnerOnly);
    const QByteArray content = contentOf(path);
    QVERIFY(content.contains(clientId.toUtf8()));
    QVERIFY(!content.contains("client_secret"));
    QVERIFY(page.messageWidget()->text().contains(u"without the secret"_s));

    // An existing file is replaced only when confirmed.
    dialog = openExportFromTable(clientId);
    QVERIFY(dialog->setFormat(SheetFormat::Json));
    dialog->setFilePath(path);
    const int asked = MessageBox::questionCount();
    MessageBox::setNextAnswer(false);
    child<QPushButton>(dialog, u"exportPushButton"_s)->click();
    QCOMPARE(MessageBox::questionCount(), asked + 1);
    QVERIFY(MessageBox::lastQuestion().contains(u"already exists"_s));
    QVERIFY(dialog->isVisible());
    dialog->reject();
}

void TestKeptSecrets::testExportFromTheSecretView()
{
    Added added = addThroughDialog(u"Fresh sheet"_s, u"FRESH_SHEET"_s);
    QVERIFY(added.dialog);
    auto* exportButton = child<QPushButton>(added.dialog->secretView(), u"exportSheetPushButton"_s);
    QVERIFY(exportButton->isVisible());
    exportButton->click();
    AppIntegrationPage& page = m_console->page();
    QTRY_VERIFY(page.exportSheetDialog() && page.exportSheetDialog()->isVisible());
    ExportSheetDialog* dialog = page.exportSheetDialog();
    QCOMPARE(dialog->parentWidget(), added.dialog.data());
    QVERIFY(dialog->secretAvailable());
    QVERIFY(dialog->secretText().startsWith(u"The sheet includes the secret, which was just issued."_s));
    QCOMPARE(dialog->format(), SheetFormat::Pdf);
    const QString path = exportPath(u"fresh.pdf"_s);
    dialog->setFilePath(path);
    const QPointer<ExportSheetDialog> guard(dialog);
    child<QPushButton>(dialog, u"exportPushButton"_s)->click();
    QTRY_VERIFY(!guard);
    QCOMPARE(modeOf(path), OwnerOnly);
    QVERIFY(contentOf(path).startsWith("%PDF-"));

    // Exported with the secret: the admin has it; closing asks nothing.
    const int asked = MessageBox::questionCount();
    closeDialog(added.dialog);
    QCOMPARE(MessageBox::questionCount(), asked);
}

void TestKeptSecrets::testEveryFormatWithTheSecretIsPrivate()
{
    const Added kept = addAndKeep(u"Every format"_s, u"EVERY_FORMAT"_s);
    QVERIFY(!kept.clientId.isEmpty());
    for (const SheetFormat format : allSheetFormats()) {
        ExportSheetDialog* dialog = openExportFromTable(kept.clientId);
        QVERIFY(dialog);
        QVERIFY2(dialog->setFormat(format), qPrintable(sheetFormatId(format)));
        const QString path = exportPath(u"every."_s + sheetFormatId(format));
        dialog->setFilePath(path);
        const QPointer<ExportSheetDialog> guard(dialog);
        child<QPushButton>(dialog, u"exportPushButton"_s)->click();
        QTRY_VERIFY(!guard);
        QCOMPARE(modeOf(path), OwnerOnly);
        if (sheetFormatIsText(format)) {
            QVERIFY2(contentOf(path).contains(kept.secret.toUtf8()), qPrintable(sheetFormatId(format)));
        } else {
            QVERIFY(contentOf(path).startsWith("%PDF-"));
        }
    }
    // Left out on request: the usual mode, and no secret.
    ExportSheetDialog* dialog = openExportFromTable(kept.clientId);
    dialog->setIncludeSecret(false);
    QVERIFY(dialog->secretText().startsWith(u"The secret is left out"_s));
    QVERIFY(dialog->setFormat(SheetFormat::Markdown));
    const QString path = exportPath(u"left-out.md"_s);
    dialog->setFilePath(path);
    child<QPushButton>(dialog, u"exportPushButton"_s)->click();
    QTRY_VERIFY(QFileInfo::exists(path));
    QVERIFY(modeOf(path) != OwnerOnly);
    QVERIFY(!contentOf(path).contains(kept.secret.toUtf8()));
}

void TestKeptSecrets::testFormatsThatDoNotFitAreDisabled()
{
    AppIntegrationPage& page = m_console->page();
    const ClientTableModel* model = page.model();
    QString interactive;
    for (int row = 0; row < model->rowCount() && interactive.isEmpty(); ++row) {
        const Client* client = model->clientAt(model->index(row, 0));
        if (client->purpose == Purpose::Interactive) {
            interactive = client->clientId;
        }
    }
    QVERIFY(!interactive.isEmpty());
    ExportSheetDialog* dialog = openExportFromTable(interactive);
    QVERIFY(dialog);
    QVERIFY(!dialog->isFormatEnabled(SheetFormat::BtpDestination));
    QVERIFY(!dialog->isFormatEnabled(SheetFormat::CloudIntegration));
    QVERIFY(!dialog->setFormat(SheetFormat::BtpDestination));
    for (SheetFormat format :
         {SheetFormat::Pdf, SheetFormat::Json, SheetFormat::Curl, SheetFormat::Env, SheetFormat::Markdown}) {
        QVERIFY(dialog->isFormatEnabled(format));
    }
    auto* list = child<QListWidget>(dialog, u"formatListWidget"_s);
    QVERIFY(list->item(2)->text().endsWith(u"— needs the Client Credentials grant"_s));
    dialog->reject();
}

void TestKeptSecrets::testDeleteOffersToRemoveTheSavedSecret()
{
    const Added removed = addAndKeep(u"Delete and remove"_s, u"DELETE_REMOVE"_s);
    const Added kept = addAndKeep(u"Delete and keep"_s, u"DELETE_KEEP"_s);
    QVERIFY(!removed.clientId.isEmpty() && !kept.clientId.isEmpty());
    ClientSecretKeeper* keeper = m_console->switcher().keeper();
    AppIntegrationPage& page = m_console->page();

    // Delete (confirmed at once), then yes to the offer that follows the
    // server's answer: the saved secret goes too.
    page.selectClient(removed.clientId);
    const int asked = MessageBox::questionCount();
    MessageBox::setNextAnswer(true);
    page.deleteAction()->trigger();
    QCOMPARE(MessageBox::questionCount(), asked + 1);
    QVERIFY(MessageBox::lastQuestion().contains(u"Delete the OAuth client “"_s
                                                + BidiText::isolate(u"Delete and remove"_s) + u"”"_s));
    MessageBox::setNextAnswer(true);
    QTRY_COMPARE_WITH_TIMEOUT(MessageBox::questionCount(), asked + 2, 20'000);
    QVERIFY(!page.model()->client(removed.clientId));
    QVERIFY2(MessageBox::lastQuestion().contains(u"is still saved in the system keychain"_s),
             qPrintable(MessageBox::lastQuestion()));
    QTRY_VERIFY_WITH_TIMEOUT(!m_console->keychainLookup(keeper->keychainKey(removed.clientId)), 20'000);
    QTRY_VERIFY(!keeper->isSaved(removed.clientId));
    QTRY_VERIFY(page.messageWidget()->text().contains(u"its secret removed from the system keychain"_s));

    // Delete, then no: the saved secret stays.
    page.selectClient(kept.clientId);
    MessageBox::setNextAnswer(true);
    page.deleteAction()->trigger();
    MessageBox::setNextAnswer(false);
    QTRY_COMPARE_WITH_TIMEOUT(MessageBox::questionCount(), asked + 4, 20'000);
    QVERIFY(!page.model()->client(kept.clientId));
    QCOMPARE(m_console->keychainLookup(keeper->keychainKey(kept.clientId)), std::optional<QString>(kept.secret));
    QVERIFY(keeper->isSaved(kept.clientId));

    // A client without a saved secret: no offer.
    const ClientTableModel* model = page.model();
    QString plain;
    for (int row = 0; row < model->rowCount() && plain.isEmpty(); ++row) {
        const Client* client = model->clientAt(model->index(row, 0));
        if (client->userId != u"ADMIN"_s) { // not the administrator the console works as
            plain = client->clientId;
        }
    }
    QVERIFY(!keeper->isSaved(plain));
    page.selectClient(plain);
    MessageBox::setNextAnswer(true);
    page.deleteAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!page.model()->client(plain), 20'000);
    QCOMPARE(MessageBox::questionCount(), asked + 5);
}

void TestKeptSecrets::testExtendReplacesTheSavedSecret()
{
    // A client that expires in 7 days, its secret kept.
    const qint64 now = m_console->clock().now();
    Client client = ClientRules::withDefaults(Purpose::Technical, now);
    client.clientName = u"Soon expired"_s;
    client.userId = u"SOON_EXPIRED"_s;
    client.roles = {{u"DW_VIEWER"_s, {}}};
    client.clientSecretExpiresAt = now + 7 * 86400 + 60;
    CreatedClient created;
    bool done = false;
    QObject context;
    m_console->switcher().api()->createClient(client, &context, [&](const Result<CreatedClient>& result) {
        created = result.value;
        done = result.ok();
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 20'000);
    const QString oldSecret = created.secret.toString();
    m_secrets.append(oldSecret);
    ClientSecretKeeper* keeper = m_console->switcher().keeper();
    bool saved = false;
    keeper->save(created.client.clientId, created.secret, &context,
                 [&](const KeychainResult& result) { saved = result.ok(); });
    QTRY_VERIFY(saved);

    // Eight days later it has expired; Extend issues a new secret.
    m_console->clock().advance(8 * 86400);
    QVERIFY(m_console->waitForLoad());
    m_console->page().reload();
    QVERIFY(m_console->waitForLoad());
    AppIntegrationPage& page = m_console->page();
    page.selectClient(created.client.clientId);
    QVERIFY(page.model()->isSecretSaved(created.client.clientId));
    page.editAction()->trigger();
    ClientDialog* dialog = page.clientDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->mode(), ClientDialog::Mode::Extend);
    child<QPushButton>(dialog, u"submitPushButton"_s)->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isShowingSecret(), 20'000);
    const QString newSecret = child<QLineEdit>(dialog, u"secretLineEdit"_s)->text();
    m_secrets.append(newSecret);
    QVERIFY(newSecret != oldSecret);

    // The kept secret no longer works: the new one takes its place at once.
    SecretView* view = dialog->secretView();
    QTRY_COMPARE_WITH_TIMEOUT(view->keychainState(), SecretView::KeychainState::Saved, 20'000);
    QCOMPARE(child<QLabel>(view, u"keychainStatusLabel"_s)->text(),
             u"Saved in the system keychain, in place of the earlier secret, which no longer works."_s);
    QCOMPARE(m_console->keychainLookup(keeper->keychainKey(created.client.clientId)),
             std::optional<QString>(newSecret));
    closeDialog(dialog);
}

void TestKeptSecrets::testKeychainFailureInTheSecretView()
{
    m_faults->fail(KeychainStatus::Locked, QString(), FaultInjectingSecretStore::Operation::Write);
    Added added = addThroughDialog(u"Locked out"_s, u"LOCKED_OUT"_s);
    QVERIFY(added.dialog);
    SecretView* view = added.dialog->secretView();
    auto* keep = child<QCheckBox>(view, u"keepInKeychainCheckBox"_s);
    keep->click();
    QTRY_COMPARE_WITH_TIMEOUT(view->keychainState(), SecretView::KeychainState::Failed, 20'000);
    QVERIFY(!keep->isChecked());
    QCOMPARE(child<QLabel>(view, u"keychainStatusLabel"_s)->text(),
             u"The secret was not saved. The keychain is locked. Unlock it and try again."_s);
    QVERIFY(!m_console->switcher().keeper()->isSaved(added.clientId));
    QVERIFY(!m_console->page().model()->isSecretSaved(added.clientId));
    // Not kept: closing asks first.
    const int asked = MessageBox::questionCount();
    MessageBox::setNextAnswer(true);
    closeDialog(added.dialog);
    QCOMPARE(MessageBox::questionCount(), asked + 1);
}

} // namespace appint::test

APPINT_TEST_GUI_MAIN(appint::test::TestKeptSecrets)
#include "TestKeptSecrets.moc"
