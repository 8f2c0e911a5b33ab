// appint-screenshots OUTPUT_DIR: the pictures of docs/console.md and
// docs/console-credentials.md, made from the real widgets (QWidget::grab,
// offscreen) against real tenant services on loopback with the demo data and
// a fixed clock, and the real keychain of a private session. Run by
// scripts/screenshots.sh (inside scripts/with-test-session.sh).

#include "ConsoleFixture.h"
#include "FaultInjectingSecretStore.h"

#include "core/Translations.h"
#include "gui/AppIntegrationPage.h"
#include "gui/ClientDialog.h"
#include "gui/ClientTableModel.h"
#include "gui/ConnectDialog.h"
#include "gui/ConsoleController.h"
#include "gui/DurationEdit.h"
#include "gui/ExportSheetDialog.h"
#include "gui/MainWindow.h"
#include "gui/MessageBox.h"
#include "gui/MessageWidget.h"
#include "gui/PreferencesDialog.h"
#include "gui/RolePickerDialog.h"
#include "gui/RolePickerModel.h"
#include "gui/SecretDialog.h"
#include "gui/SecretView.h"
#include "gui/SheetExporter.h"
#include "gui/TenantSwitcher.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLineEdit>
#include <QPainter>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace appint;

namespace {

QString g_outputDir;
int g_failures = 0;

void settle()
{
    for (int i = 0; i < 5; ++i) {
        QCoreApplication::processEvents();
    }
}

void save(QWidget* widget, const QString& name)
{
    settle();
    const QString path = QDir(g_outputDir).filePath(name);
    if (!widget || !widget->grab().save(path)) {
        std::fprintf(stderr, "appint-screenshots: could not write %s\n", qPrintable(path));
        ++g_failures;
        return;
    }
    std::printf("%s\n", qPrintable(path));
}

template<typename Predicate>
void waitUntil(Predicate predicate, const char* what, int timeoutMs = 20'000)
{
    if (!QTest::qWaitFor(predicate, timeoutMs)) {
        std::fprintf(stderr, "appint-screenshots: timed out waiting for %s\n", what);
        ++g_failures;
    }
}

template<typename T>
T* find(QObject* parent, const QString& name)
{
    T* found = parent ? parent->findChild<T*>(name) : nullptr;
    if (!found) {
        std::fprintf(stderr, "appint-screenshots: no %s\n", qPrintable(name));
        ++g_failures;
    }
    return found;
}

QString findClient(const ClientTableModel& model, const std::function<bool(const Client&)>& predicate)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        const Client* client = model.clientAt(model.index(row, 0));
        if (client && predicate(*client)) {
            return client->clientId;
        }
    }
    return {};
}

// A window with one of its popups open (a combo box's list): offscreen each
// popup is a window of its own, so paint its picture over the window's.
void saveWithPopup(QWidget* window, QWidget* popup, const QString& name)
{
    settle();
    QPixmap picture = window->grab();
    if (popup && popup->isVisible()) {
        QPainter painter(&picture);
        const QPoint at = window->mapFromGlobal(popup->mapToGlobal(QPoint(0, 0)));
        painter.drawPixmap(at * picture.devicePixelRatio(), popup->grab());
    }
    const QString path = QDir(g_outputDir).filePath(name);
    if (!picture.save(path)) {
        std::fprintf(stderr, "appint-screenshots: could not write %s\n", qPrintable(path));
        ++g_failures;
        return;
    }
    std::printf("%s\n", qPrintable(path));
}

// The first page of a PDF as PNG, drawn by pdftoppm (poppler-utils).
void savePdfPage(const QString& pdf, const QString& name)
{
    const QString prefix = QDir(g_outputDir).filePath(QFileInfo(name).completeBaseName());
    QProcess pdftoppm;
    pdftoppm.start(u"pdftoppm"_s, {u"-png"_s, u"-r"_s, u"80"_s, u"-f"_s, u"1"_s, u"-l"_s, u"1"_s, u"-singlefile"_s,
                                   pdf, prefix});
    if (!pdftoppm.waitForFinished(60'000) || pdftoppm.exitCode() != 0) {
        std::fprintf(stderr, "appint-screenshots: pdftoppm failed: %s\n",
                     pdftoppm.readAllStandardError().constData());
        ++g_failures;
        return;
    }
    std::printf("%s.png\n", qPrintable(prefix));
}

} // namespace

int main(int argc, char** argv)
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"appint-screenshots"_s);
    installTranslations(QLocale(QLocale::English));
    if (argc < 2) {
        std::fprintf(stderr, "usage: appint-screenshots OUTPUT_DIR\n");
        return 2;
    }
    g_outputDir = QString::fromLocal8Bit(argv[1]);
    QDir().mkpath(g_outputDir);
    QTemporaryDir scratch;

    const qint64 startTime = QDateTime(QDate(2025, 11, 24), QTime(10, 0), Qt::UTC).toSecsSinceEpoch();
    test::FaultInjectingSecretStore* faults = nullptr;
    test::ConsoleFixture::Options options;
    options.sandbox.demo = true;
    options.sandbox.tenantName = u"Local sandbox tenant"_s;
    options.sandbox.startTime = startTime;
    options.wrapStore = [&faults](SecretStore* real, QObject* owner) -> SecretStore* {
        faults = new test::FaultInjectingSecretStore(real, owner);
        return faults;
    };
    test::ConsoleFixture console(options);
    if (!console.startOnSandbox()) {
        std::fprintf(stderr, "appint-screenshots: %s\n", qPrintable(console.errorString()));
        return 1;
    }
    // A second tenant to connect to.
    test::TestServer::Options productionOptions;
    productionOptions.demo = true;
    productionOptions.tenantName = u"Acme Production"_s;
    productionOptions.startTime = startTime;
    test::TestServer production(productionOptions);
    if (!production.start()) {
        std::fprintf(stderr, "appint-screenshots: %s\n", qPrintable(production.errorString()));
        return 1;
    }

    MainWindow& window = console.window();
    AppIntegrationPage& page = console.page();
    ConsoleController& controller = console.controller();
    window.resize(1360, 820);
    const ClientTableModel& model = *page.model();
    const qint64 now = console.clock().now();

    // 1. The page with the demo data, an expiring client selected.
    page.selectClient(findClient(model, [now](const Client& c) {
        return c.expiryStateAt(now) == ExpiryState::Expiring;
    }));
    save(&window, u"app-integration-page.png"_s);

    // 2. The Add dialog with inline errors.
    page.addClient();
    ClientDialog* dialog = page.clientDialog();
    waitUntil([dialog] { return dialog->isVisible(); }, "the dialog");
    auto* name = find<QLineEdit>(dialog, u"nameLineEdit"_s);
    QTest::keyClicks(name, u"Quarterly close"_s);
    auto* userId = find<QLineEdit>(dialog, u"userIdLineEdit"_s);
    QTest::keyClicks(userId, u"quarterly-close"_s);
    auto* lifetime = find<DurationEdit>(dialog, u"tokenLifetimeDurationEdit"_s);
    lifetime->unitComboBox()->setCurrentIndex(1);
    lifetime->valueSpinBox()->setValue(30);
    dialog->adjustSize();
    save(dialog, u"add-client-dialog-errors.png"_s);

    // 3. The role picker.
    find<QPushButton>(dialog, u"selectRolesPushButton"_s)->click();
    auto* picker = dialog->findChild<RolePickerDialog*>();
    waitUntil([picker] { return picker && picker->isVisible(); }, "the dialog");
    RolePickerModel* roles = picker->model();
    roles->setData(roles->roleIndex(u"DW_VIEWER"_s), Qt::Checked, Qt::CheckStateRole);
    const QModelIndex scoped = roles->index(0, 0, roles->scopedGroupIndex());
    if (scoped.isValid() && roles->rowCount(scoped) > 0) {
        roles->setData(roles->index(0, 0, scoped), Qt::Checked, Qt::CheckStateRole);
        auto* tree = find<QTreeView>(picker, u"rolesTreeView"_s);
        tree->expandAll();
    }
    save(picker, u"role-picker.png"_s);
    find<QDialogButtonBox>(picker, u"buttonBox"_s)->button(QDialogButtonBox::Ok)->click();

    // 4. Fix the errors, add: the secret view, then the secret kept in the keychain.
    userId->clear();
    QTest::keyClicks(userId, u"QUARTERLY_CLOSE"_s);
    lifetime->unitComboBox()->setCurrentIndex(3);
    lifetime->valueSpinBox()->setValue(1);
    find<QPushButton>(dialog, u"submitPushButton"_s)->click();
    waitUntil([dialog] { return dialog->isShowingSecret(); }, "the secret view");
    save(dialog, u"secret-view.png"_s);
    SecretView* view = dialog->secretView();
    find<QCheckBox>(view, u"keepInKeychainCheckBox"_s)->click();
    waitUntil([view] { return view->keychainState() == SecretView::KeychainState::Saved; }, "the keychain");
    find<QPushButton>(view, u"copySecretPushButton"_s)->click();
    dialog->adjustSize();
    save(dialog, u"secret-view-keychain.png"_s);

    // 5. A PDF sheet from the secret view, drawn by pdftoppm.
    find<QPushButton>(view, u"exportSheetPushButton"_s)->click();
    waitUntil([&page] { return page.exportSheetDialog() && page.exportSheetDialog()->isVisible(); }, "the export");
    if (ExportSheetDialog* exporter = page.exportSheetDialog()) {
        const QString pdf = scratch.filePath(u"sheet.pdf"_s);
        exporter->setFilePath(pdf);
        find<QPushButton>(exporter, u"exportPushButton"_s)->click();
        waitUntil([&page] { return !page.exportSheetDialog(); }, "the export");
        savePdfPage(pdf, u"console-sheet-pdf.png"_s);
    }
    const QString quarterly = view->clientId();
    dialog->reject();
    settle();

    // 6. Export Connection Sheet… later, with the secret from the keychain;
    // and for a client whose grant some formats do not fit.
    page.selectClient(quarterly);
    page.exportSheet();
    waitUntil([&page] { return page.exportSheetDialog() && page.exportSheetDialog()->isVisible(); }, "the export");
    save(page.exportSheetDialog(), u"export-sheet-dialog.png"_s);
    if (page.exportSheetDialog()) {
        page.exportSheetDialog()->reject();
    }
    page.selectClient(findClient(model, [](const Client& c) { return c.purpose == Purpose::Interactive; }));
    page.exportSheet();
    waitUntil([&page] { return page.exportSheetDialog() && page.exportSheetDialog()->isVisible(); }, "the export");
    save(page.exportSheetDialog(), u"export-sheet-dialog-without-secret.png"_s);
    if (page.exportSheetDialog()) {
        page.exportSheetDialog()->reject();
    }
    settle();

    // 7. Edit an active technical client.
    page.selectClient(findClient(model, [now](const Client& c) {
        return c.purpose == Purpose::Technical && c.expiryStateAt(now) == ExpiryState::Active && !c.secretRetrievable
               && c.userId != u"ADMIN"_s && c.userId != u"QUARTERLY_CLOSE"_s;
    }));
    page.editClient();
    dialog = page.clientDialog();
    waitUntil([dialog] { return dialog && dialog->isVisible(); }, "the dialog");
    save(dialog, u"edit-client-dialog.png"_s);
    dialog->reject();
    settle();

    // 8. An expired client: only the expiry can be extended.
    page.selectClient(findClient(model, [now](const Client& c) { return c.isExpiredAt(now); }));
    page.editClient();
    dialog = page.clientDialog();
    waitUntil([dialog] { return dialog && dialog->isVisible(); }, "the dialog");
    save(dialog, u"extend-expired-client-dialog.png"_s);
    dialog->reject();
    settle();

    // 9. Show Secret on a legacy client.
    page.selectClient(findClient(model, [](const Client& c) { return c.secretRetrievable; }));
    page.showSecret();
    waitUntil([&page] { return page.secretDialog() && page.secretDialog()->isVisible(); }, "the dialog");
    save(page.secretDialog(), u"show-secret-legacy.png"_s);
    if (page.secretDialog()) {
        page.secretDialog()->reject();
    }

    // 10. The empty state of a filter that matches nothing.
    auto* filter = find<QLineEdit>(&page, u"filterLineEdit"_s);
    QTest::keyClicks(filter, u"no such client"_s);
    save(&window, u"app-integration-page-filtered-empty.png"_s);
    filter->clear();

    // 11. Preferences.
    controller.openPreferences();
    save(controller.preferencesDialog(), u"preferences-dialog.png"_s);
    if (controller.preferencesDialog()) {
        controller.preferencesDialog()->reject();
    }

    // 12. The connect dialog: filled in; a refused secret; a locked keychain.
    const auto fillConnectDialog = [&](const QString& secret) {
        ConnectDialog* connect = controller.connectDialog();
        if (!connect) {
            controller.openConnectDialog();
            connect = controller.connectDialog();
        }
        waitUntil([connect] { return connect && connect->isVisible(); }, "the connect dialog");
        for (const QString& field : {u"tenantUrlLineEdit"_s, u"clientIdLineEdit"_s, u"clientSecretLineEdit"_s}) {
            find<QLineEdit>(connect, field)->clear();
        }
        QTest::keyClicks(find<QLineEdit>(connect, u"tenantUrlLineEdit"_s), production.baseUrl().toString());
        QTest::keyClicks(find<QLineEdit>(connect, u"clientIdLineEdit"_s), production.adminClientId());
        QTest::keyClicks(find<QLineEdit>(connect, u"clientSecretLineEdit"_s), secret);
        return connect;
    };
    ConnectDialog* connect = fillConnectDialog(production.adminSecret());
    save(connect, u"connect-dialog.png"_s);
    connect = fillConnectDialog(u"not-the-right-secret"_s);
    find<QPushButton>(connect, u"connectPushButton"_s)->click();
    auto* connectBanner = find<MessageWidget>(connect, u"messageWidget"_s);
    waitUntil([connectBanner] { return connectBanner->isVisible(); }, "the refusal");
    connect->adjustSize();
    save(connect, u"connect-dialog-error.png"_s);
    faults->fail(KeychainStatus::Locked, QString(), test::FaultInjectingSecretStore::Operation::Write);
    connect = fillConnectDialog(production.adminSecret());
    find<QPushButton>(connect, u"connectPushButton"_s)->click();
    waitUntil([connect] { return !connect->isBusy(); }, "the keychain");
    connect->adjustSize();
    save(connect, u"connect-dialog-keychain-error.png"_s);
    faults->passThrough();
    find<QPushButton>(connect, u"connectPushButton"_s)->click();
    waitUntil([&controller] { return !controller.connectDialog(); }, "the connection");
    waitUntil([&console] { return !console.switcher().isActivating() && !console.page().isLoading(); },
              "the tenant");
    settle();

    // 13. The tenant switcher, open, over the production tenant.
    QComboBox* tenants = controller.tenantComboBox();
    tenants->showPopup();
    saveWithPopup(&window, tenants->view()->window(), u"tenant-switcher.png"_s);
    tenants->hidePopup();

    // 14. A tenant that cannot be reached: the banner and the ways out.
    production.stop();
    const QList<TenantEntry> entries = console.switcher().entries();
    console.switcher().activate(TenantEntry::sandbox());
    waitUntil([&console] { return !console.switcher().isActivating() && !console.page().isLoading(); }, "sandbox");
    // The client whose secret is kept: the key in the table, Copy Secret in the toolbar.
    page.selectClient(quarterly);
    console.switcher().activate(entries.last());
    waitUntil([&window] { return window.connectionBanner()->isVisible(); }, "the banner");
    save(&window, u"tenant-unreachable.png"_s);

    return g_failures == 0 ? 0 : 1;
}
