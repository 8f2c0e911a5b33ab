// appint-screenshots OUTPUT_DIR: the pictures of docs/console.md, made from the
// real widgets (QWidget::grab, offscreen) against a real tenant service on
// loopback with the demo data and a fixed clock. Run by scripts/screenshots.sh.

#include "ConsoleHarness.h"

#include "core/Translations.h"
#include "gui/AppIntegrationPage.h"
#include "gui/ClientDialog.h"
#include "gui/ClientTableModel.h"
#include "gui/DurationEdit.h"
#include "gui/MainWindow.h"
#include "gui/MessageBox.h"
#include "gui/RolePickerDialog.h"
#include "gui/RolePickerModel.h"
#include "gui/SecretDialog.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
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

    test::TestServer::Options options;
    options.demo = true;
    options.tenantName = u"Local sandbox tenant"_s;
    options.startTime = QDateTime(QDate(2025, 11, 24), QTime(10, 0), Qt::UTC).toSecsSinceEpoch();
    test::ConsoleHarness console(options);
    if (!console.start()) {
        std::fprintf(stderr, "appint-screenshots: %s\n", qPrintable(console.errorString()));
        return 1;
    }
    MainWindow& window = console.window();
    AppIntegrationPage& page = console.page();
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
    if (qEnvironmentVariableIsSet("SHOT_DEBUG")) {
        for (const char* n : {"purposeField", "purposeComboBox", "purposeMessageLabel", "nameField", "formPage", "userIdField"}) {
            auto* w = dialog->findChild<QWidget*>(QString::fromLatin1(n));
            std::fprintf(stderr, "%s geo %d,%d %dx%d hint %dx%d policy %d\n", n, w->x(), w->y(), w->width(), w->height(), w->sizeHint().width(), w->sizeHint().height(), int(w->sizePolicy().horizontalPolicy()));
        }
    }

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

    // 4. Fix the errors, add: the secret view.
    userId->clear();
    QTest::keyClicks(userId, u"QUARTERLY_CLOSE"_s);
    lifetime->unitComboBox()->setCurrentIndex(3);
    lifetime->valueSpinBox()->setValue(1);
    find<QPushButton>(dialog, u"submitPushButton"_s)->click();
    waitUntil([dialog] { return dialog->isShowingSecret(); }, "the dialog");
    save(dialog, u"secret-view.png"_s);
    if (qEnvironmentVariableIsSet("SHOT_DEBUG")) {
        auto* e = find<QLineEdit>(dialog, u"secretLineEdit"_s);
        std::fprintf(stderr, "secret len %d width %d min %d dialog %d min %d\n", int(e->text().size()), e->width(), e->minimumWidth(), dialog->width(), dialog->minimumWidth());
        for (const char* n : {"pagesStackedWidget", "secretPage", "formPage", "secretView", "buttonBox"}) {
            auto* w = dialog->findChild<QWidget*>(QString::fromLatin1(n));
            std::fprintf(stderr, "%s geo %dx%d hint %dx%d min %dx%d\n", n, w->width(), w->height(), w->sizeHint().width(), w->sizeHint().height(), w->minimumSizeHint().width(), w->minimumSizeHint().height());
        }
        std::fprintf(stderr, "dialog hint %dx%d minhint %dx%d min %dx%d\n", dialog->sizeHint().width(), dialog->sizeHint().height(), dialog->minimumSizeHint().width(), dialog->minimumSizeHint().height(), dialog->minimumWidth(), dialog->minimumHeight());
    }
    MessageBox::setNextAnswer(true);
    dialog->reject();
    settle();

    // 5. Edit an active technical client.
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

    // 6. An expired client: only the expiry can be extended.
    page.selectClient(findClient(model, [now](const Client& c) { return c.isExpiredAt(now); }));
    page.editClient();
    dialog = page.clientDialog();
    waitUntil([dialog] { return dialog && dialog->isVisible(); }, "the dialog");
    save(dialog, u"extend-expired-client-dialog.png"_s);
    dialog->reject();
    settle();

    // 7. Show Secret on a legacy client.
    page.selectClient(findClient(model, [](const Client& c) { return c.secretRetrievable; }));
    page.showSecret();
    waitUntil([&page] { return page.secretDialog() && page.secretDialog()->isVisible(); }, "the dialog");
    save(page.secretDialog(), u"show-secret-legacy.png"_s);
    if (page.secretDialog()) {
        page.secretDialog()->reject();
    }

    // 8. The empty state of a filter that matches nothing.
    auto* filter = find<QLineEdit>(&page, u"filterLineEdit"_s);
    QTest::keyClicks(filter, u"no such client"_s);
    save(&window, u"app-integration-page-filtered-empty.png"_s);

    return g_failures == 0 ? 0 : 1;
}
