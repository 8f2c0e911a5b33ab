#include "ConsoleHarness.h"
#include "HttpTestClient.h"
#include "TestMain.h"
#include "WidgetLookup.h"

#include "core/ClientRules.h"
#include "gui/clients/AppIntegrationPage.h"
#include "gui/clients/ClientDialog.h"
#include "gui/clients/ClientTableModel.h"
#include "gui/clients/RolePickerDialog.h"
#include "gui/clients/RolePickerModel.h"
#include "gui/clients/SecretDialog.h"
#include "gui/clients/SecretView.h"
#include "gui/shell/MainWindow.h"
#include "gui/widgets/ClientTableView.h"
#include "gui/widgets/MessageBox.h"
#include "gui/widgets/MessageWidget.h"
#include "service/TenantApi.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

namespace appint::test {

class TestConsoleEndToEnd : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void testLoadsTheTenantWithDemoData();
    void testCreateClientShowsTheSecretOnce();
    void testServerFieldErrorLandsBesideTheField();
    void testEditClient();
    void testExtendExpiredClient();
    void testDeleteClient();
    void testShowSecretOnLegacyClient();
    void testCopyActions();
    void testFilterAndEmptyState();
    void testErrorsGoToTheBanner();
    void testRefreshMovesOnlyWhatChanged();
    void testStopLoadingKeepsWhatArrived();

private:
    // Creates a client through the service layer (not the page).
    CreatedClient createDirectly(const Client& client);
    Client technical(const QString& name, const QString& userId, qint64 expiresAt) const;
    QString tokenFor(const QString& clientId, const QString& secret);

    std::unique_ptr<ConsoleHarness> m_console;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    HttpTestClient m_http;
};

void TestConsoleEndToEnd::init()
{
    TestServer::Options options;
    options.demo = true;
    options.tenantName = u"Acme Test Tenant"_s;
    m_console = std::make_unique<ConsoleHarness>(options);
    QVERIFY2(m_console->start(), qPrintable(m_console->errorString()));
    // The page's model stays consistent through every flow below.
    m_tester = std::make_unique<QAbstractItemModelTester>(m_console->page().model(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    QGuiApplication::clipboard()->clear();
}

void TestConsoleEndToEnd::cleanup()
{
    m_tester.reset();
    m_console.reset();
}

Client TestConsoleEndToEnd::technical(const QString& name, const QString& userId, qint64 expiresAt) const
{
    Client client = ClientRules::withDefaults(Purpose::Technical, m_console->clock().now());
    client.clientName = name;
    client.userId = userId;
    client.roles = {{u"DW_VIEWER"_s, {}}};
    client.clientSecretExpiresAt = expiresAt;
    return client;
}

CreatedClient TestConsoleEndToEnd::createDirectly(const Client& client)
{
    CreatedClient created;
    bool done = false;
    QObject context;
    m_console->api().createClient(client, &context, [&](const Result<CreatedClient>& result) {
        if (result.ok()) {
            created = result.value;
        } else {
            qWarning("create failed: %s", qPrintable(result.message));
        }
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 20'000)) {
        qWarning("create timed out");
    }
    return created;
}

QString TestConsoleEndToEnd::tokenFor(const QString& clientId, const QString& secret)
{
    return m_http.token(m_console->server().tokenUrl(), clientId, secret);
}

void TestConsoleEndToEnd::testLoadsTheTenantWithDemoData()
{
    MainWindow& window = m_console->window();
    AppIntegrationPage& page = m_console->page();
    QVERIFY(window.windowTitle().contains(u"App Integration"_s));
    QVERIFY(window.windowTitle().contains(u"Acme Test Tenant"_s));

    // The navigation: System › Administration › App Integration.
    QTreeWidgetItem* current = window.navigation()->currentItem();
    QCOMPARE(current->text(0), u"App Integration"_s);
    QCOMPARE(current->parent()->text(0), u"Administration"_s);
    QCOMPARE(current->parent()->parent()->text(0), u"System"_s);

    // OAuth 2.0 Server Information.
    const TenantInfo tenant = page.tenantInfo();
    QCOMPARE(child<QLineEdit>(&page, u"tokenUrlLineEdit"_s)->text(), tenant.tokenUrl);
    QVERIFY(tenant.tokenUrl.startsWith(m_console->server().baseUrl().toString()));
    QVERIFY(!child<QLineEdit>(&page, u"authorizationUrlLineEdit"_s)->text().isEmpty());
    QVERIFY(!child<QLineEdit>(&page, u"samlTokenUrlLineEdit"_s)->text().isEmpty());
    QVERIFY(!child<QLineEdit>(&page, u"samlAudienceLineEdit"_s)->text().isEmpty());

    // The demo data shows every state.
    const ClientTableModel* model = page.model();
    QVERIFY(model->totalCount() >= 9);
    QCOMPARE(model->rowCount(), model->totalCount());
    int expired = 0;
    int expiring = 0;
    int legacy = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        expired += index.data(ClientTableModel::ExpiryStateRole).toInt() == int(ExpiryState::Expired);
        expiring += index.data(ClientTableModel::ExpiryStateRole).toInt() == int(ExpiryState::Expiring);
        legacy += index.data(ClientTableModel::SecretRetrievableRole).toBool();
    }
    QVERIFY(expired >= 1);
    QVERIFY(expiring >= 1);
    QVERIFY(legacy >= 1);
    QVERIFY(child<QLabel>(&page, u"countLabel"_s)->text().endsWith(u" clients"_s));
}

void TestConsoleEndToEnd::testCreateClientShowsTheSecretOnce()
{
    AppIntegrationPage& page = m_console->page();
    QSignalSpy inserted(page.model(), &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(page.model(), &QAbstractItemModel::modelReset);
    const int before = page.model()->totalCount();

    page.addClientAction()->trigger();
    ClientDialog* dialog = page.clientDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(!page.addClientAction()->isEnabled());

    QTest::keyClicks(child<QLineEdit>(dialog, u"nameLineEdit"_s), u"Quarterly Close Robot"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, u"userIdLineEdit"_s), u"quarterly_close"_s);
    child<QPushButton>(dialog, u"selectRolesPushButton"_s)->click();
    auto* picker = dialog->findChild<RolePickerDialog*>();
    QVERIFY(picker);
    // The catalogue came from the server: standard and demo scoped roles.
    QVERIFY(picker->model()->rowCount(picker->model()->scopedGroupIndex()) >= 1);
    picker->model()->setData(picker->model()->roleIndex(u"DW_MODELER"_s), Qt::Checked, Qt::CheckStateRole);
    child<QDialogButtonBox>(picker, u"buttonBox"_s)->button(QDialogButtonBox::Ok)->click();

    QPushButton* add = child<QPushButton>(dialog, u"submitPushButton"_s);
    QVERIFY(add->isEnabled());
    QTest::mouseClick(add, Qt::LeftButton);
    QVERIFY(dialog->isBusy());
    QVERIFY(!add->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isShowingSecret(), 20'000);

    // The secret is shown once, beside the new client ID.
    const QString clientId = child<QLineEdit>(dialog, u"secretClientIdLineEdit"_s)->text();
    const QString secret = child<QLineEdit>(dialog, u"secretLineEdit"_s)->text();
    QVERIFY(!clientId.isEmpty());
    QVERIFY(secret.size() >= 16);

    // One row inserted (no reset), selected, and no secret anywhere in the model.
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(page.model()->totalCount(), before + 1);
    QCOMPARE(page.selectedClient()->clientId, clientId);
    QCOMPARE(page.selectedClient()->roles, RoleAssignments({{u"DW_MODELER"_s, {}}}));
    QVERIFY(!modelContains(*page.model(), secret));

    // Copy it: on the clipboard with the password-manager hint.
    child<QPushButton>(dialog, u"copySecretPushButton"_s)->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), secret);

    // The client works: a token with that secret.
    QVERIFY(!tokenFor(clientId, secret).isEmpty());

    // Closing wipes the secret from the dialog.
    QLineEdit* secretEdit = child<QLineEdit>(dialog, u"secretLineEdit"_s);
    const QPointer<ClientDialog> guard(dialog);
    child<QPushButton>(dialog, u"closePushButton"_s)->click();
    QVERIFY(secretEdit->text().isEmpty() || !guard);
    QTRY_VERIFY(!guard); // deleted on close
    QVERIFY(page.addClientAction()->isEnabled());

    // And the server never sends it again.
    bool done = false;
    QObject context;
    m_console->api().client(clientId, &context, [&](const Result<Client>& result) {
        QVERIFY(result.ok());
        QVERIFY(!result.value.secretRetrievable);
        done = true;
    });
    QTRY_VERIFY(done);
}

void TestConsoleEndToEnd::testServerFieldErrorLandsBesideTheField()
{
    AppIntegrationPage& page = m_console->page();
    // Another console took this user ID after ours loaded: the page does not
    // know it, the server does.
    const CreatedClient other = createDirectly(
        technical(u"Elsewhere"_s, u"SHARED_ID"_s, ClientRules::defaultExpiry(m_console->clock().now())));
    QVERIFY(!other.client.clientId.isEmpty());
    QVERIFY(!page.model()->isUserIdTaken(u"SHARED_ID"_s));

    page.addClient();
    ClientDialog* dialog = page.clientDialog();
    QTRY_VERIFY(dialog && dialog->isVisible());
    QTest::keyClicks(child<QLineEdit>(dialog, u"nameLineEdit"_s), u"Second"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, u"userIdLineEdit"_s), u"SHARED_ID"_s);
    child<QPushButton>(dialog, u"selectRolesPushButton"_s)->click();
    auto* picker = dialog->findChild<RolePickerDialog*>();
    picker->model()->setData(picker->model()->roleIndex(u"DW_VIEWER"_s), Qt::Checked, Qt::CheckStateRole);
    child<QDialogButtonBox>(picker, u"buttonBox"_s)->button(QDialogButtonBox::Ok)->click();
    const int before = page.model()->totalCount();
    child<QPushButton>(dialog, u"submitPushButton"_s)->click();

    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 20'000);
    QVERIFY(!dialog->isShowingSecret());
    QVERIFY(dialog->fieldHasError(u"user_id"_s));
    QVERIFY2(dialog->fieldMessage(u"user_id"_s).contains(u"SHARED_ID"_s),
             qPrintable(dialog->fieldMessage(u"user_id"_s)));
    auto* banner = child<MessageWidget>(dialog, u"messageWidget"_s);
    QVERIFY(banner->isVisible());
    QVERIFY(banner->text().startsWith(u"The client was not added."_s));
    QCOMPARE(page.model()->totalCount(), before); // nothing half-saved
    QVERIFY(!child<QPushButton>(dialog, u"submitPushButton"_s)->isEnabled());

    // A new user ID, and it goes through.
    QTest::keyClicks(child<QLineEdit>(dialog, u"userIdLineEdit"_s), u"_2"_s);
    QVERIFY(child<QPushButton>(dialog, u"submitPushButton"_s)->isEnabled());
    child<QPushButton>(dialog, u"submitPushButton"_s)->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isShowingSecret(), 20'000);
    MessageBox::setNextAnswer(true); // close without copying
    dialog->reject();
    QCOMPARE(page.model()->totalCount(), before + 1);
}

void TestConsoleEndToEnd::testEditClient()
{
    AppIntegrationPage& page = m_console->page();
    const CreatedClient created
        = createDirectly(technical(u"Editable"_s, u"EDITABLE"_s, ClientRules::defaultExpiry(m_console->clock().now())));
    QVERIFY(m_console->reload());
    page.selectClient(created.client.clientId);
    QCOMPARE(page.selectedClient()->clientName, u"Editable"_s);
    QCOMPARE(page.editAction()->text(), u"Edit"_s);

    QSignalSpy changed(page.model(), &QAbstractItemModel::dataChanged);
    QSignalSpy reset(page.model(), &QAbstractItemModel::modelReset);
    page.editAction()->trigger();
    ClientDialog* dialog = page.clientDialog();
    QTRY_VERIFY(dialog && dialog->isVisible());
    QCOMPARE(dialog->mode(), ClientDialog::Mode::Edit);
    auto* name = child<QLineEdit>(dialog, u"nameLineEdit"_s);
    name->selectAll();
    QTest::keyClicks(name, u"Edited name"_s);
    const QPointer<ClientDialog> guard(dialog);
    child<QPushButton>(dialog, u"submitPushButton"_s)->click();
    QTRY_VERIFY_WITH_TIMEOUT(!guard, 20'000); // saved and closed

    QCOMPARE(changed.size(), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(page.selectedClient()->clientId, created.client.clientId); // the selection stays
    QCOMPARE(page.selectedClient()->clientName, u"Edited name"_s);
    QVERIFY(page.messageWidget()->text().contains(u"saved"_s));

    // The server agrees, and the secret still works.
    bool done = false;
    QObject context;
    m_console->api().client(created.client.clientId, &context, [&](const Result<Client>& result) {
        QVERIFY(result.ok());
        QCOMPARE(result.value.clientName, u"Edited name"_s);
        done = true;
    });
    QTRY_VERIFY(done);
    QVERIFY(!tokenFor(created.client.clientId, created.secret.toString()).isEmpty());
}

void TestConsoleEndToEnd::testExtendExpiredClient()
{
    AppIntegrationPage& page = m_console->page();
    const qint64 now = m_console->clock().now();
    const CreatedClient created
        = createDirectly(technical(u"Short lived"_s, u"SHORT_LIVED"_s, ClientRules::minimumExpiry(now) + 60));
    QVERIFY(!created.client.clientId.isEmpty());
    QVERIFY(!tokenFor(created.client.clientId, created.secret.toString()).isEmpty());

    // Eight days later it has expired: the red marker.
    m_console->clock().advance(8 * SecondsPerDay);
    QVERIFY(m_console->reload());
    const QModelIndex index = page.model()->indexOf(created.client.clientId);
    QCOMPARE(index.data(ClientTableModel::ExpiryStateRole).toInt(), int(ExpiryState::Expired));
    QVERIFY(index.data(Qt::ToolTipRole).toString().startsWith(u"Expired on"_s));
    QVERIFY(tokenFor(created.client.clientId, created.secret.toString()).isEmpty());

    page.selectClient(created.client.clientId);
    QCOMPARE(page.editAction()->text(), u"Extend Expiry"_s);
    page.editAction()->trigger();
    ClientDialog* dialog = page.clientDialog();
    QTRY_VERIFY(dialog && dialog->isVisible());
    QCOMPARE(dialog->mode(), ClientDialog::Mode::Extend);
    QVERIFY(child<QLineEdit>(dialog, u"nameLineEdit"_s)->isReadOnly());
    QCOMPARE(dialog->mergePatch().keys(), QStringList{u"client_secret_expires_at"_s});
    child<QPushButton>(dialog, u"submitPushButton"_s)->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isShowingSecret(), 20'000);

    const QString secret = child<QLineEdit>(dialog, u"secretLineEdit"_s)->text();
    QVERIFY(!secret.isEmpty());
    QVERIFY(secret != created.secret.toString());
    QCOMPARE(dialog->windowTitle(), u"New Secret Generated"_s);
    // The new secret works; the row is active again.
    QVERIFY(!tokenFor(created.client.clientId, secret).isEmpty());
    QCOMPARE(page.model()->indexOf(created.client.clientId).data(ClientTableModel::ExpiryStateRole).toInt(),
             int(ExpiryState::Active));
    QVERIFY(!modelContains(*page.model(), secret));
    child<QPushButton>(dialog, u"copySecretPushButton"_s)->click();
    child<QPushButton>(dialog, u"closePushButton"_s)->click();
    QTRY_VERIFY(!page.clientDialog());
}

void TestConsoleEndToEnd::testDeleteClient()
{
    AppIntegrationPage& page = m_console->page();
    const CreatedClient created
        = createDirectly(technical(u"Doomed"_s, u"DOOMED"_s, ClientRules::defaultExpiry(m_console->clock().now())));
    QVERIFY(m_console->reload());
    page.selectClient(created.client.clientId);
    const int before = page.model()->totalCount();

    // "Cancel" keeps it.
    MessageBox::setNextAnswer(false);
    page.deleteAction()->trigger();
    QVERIFY(MessageBox::lastQuestion().contains(u"Doomed"_s));
    QCOMPARE(page.model()->totalCount(), before);

    QSignalSpy removed(page.model(), &QAbstractItemModel::rowsRemoved);
    MessageBox::setNextAnswer(true);
    page.deleteAction()->trigger();
    QVERIFY(!page.deleteAction()->isEnabled()); // no second delete while the first runs
    QTRY_COMPARE_WITH_TIMEOUT(page.model()->totalCount(), before - 1, 20'000);
    QCOMPARE(removed.size(), 1);
    QVERIFY(!page.model()->client(created.client.clientId));
    QVERIFY(page.messageWidget()->text().contains(u"deleted"_s));

    bool done = false;
    QObject context;
    m_console->api().client(created.client.clientId, &context, [&](const Result<Client>& result) {
        QCOMPARE(result.status, ResultStatus::NotFound);
        done = true;
    });
    QTRY_VERIFY(done);
    QVERIFY(tokenFor(created.client.clientId, created.secret.toString()).isEmpty());
}

void TestConsoleEndToEnd::testShowSecretOnLegacyClient()
{
    AppIntegrationPage& page = m_console->page();
    const ClientTableModel* model = page.model();
    QString legacyId;
    QString regularId;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(ClientTableModel::SecretRetrievableRole).toBool()) {
            legacyId = index.data(ClientTableModel::ClientIdRole).toString();
        } else {
            regularId = index.data(ClientTableModel::ClientIdRole).toString();
        }
    }
    QVERIFY(!legacyId.isEmpty());
    QVERIFY(!regularId.isEmpty());

    // Not on a regular client: neither in the toolbar nor the context menu.
    page.selectClient(regularId);
    QVERIFY(!page.showSecretAction()->isVisible());
    QVERIFY(!page.showSecretAction()->isEnabled());
    QVERIFY(!page.createContextMenu()->actions().contains(page.showSecretAction()));

    page.selectClient(legacyId);
    QVERIFY(page.showSecretAction()->isVisible());
    QVERIFY(page.createContextMenu()->actions().contains(page.showSecretAction()));
    page.showSecretAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(page.secretDialog() && page.secretDialog()->isVisible(), 20'000);
    SecretDialog* dialog = page.secretDialog();
    const QString secret = child<QLineEdit>(dialog, u"secretLineEdit"_s)->text();
    QVERIFY(!secret.isEmpty());
    QCOMPARE(child<QLineEdit>(dialog, u"secretClientIdLineEdit"_s)->text(), legacyId);
    QVERIFY(!child<MessageWidget>(dialog, u"warningMessageWidget"_s)->isVisible()); // no "once" warning
    QVERIFY(!tokenFor(legacyId, secret).isEmpty());
    QLineEdit* secretEdit = child<QLineEdit>(dialog, u"secretLineEdit"_s);
    dialog->reject();
    QVERIFY(secretEdit->text().isEmpty());
}

void TestConsoleEndToEnd::testCopyActions()
{
    AppIntegrationPage& page = m_console->page();
    const QModelIndex first = page.model()->index(0, 0);
    const QString clientId = first.data(ClientTableModel::ClientIdRole).toString();
    page.selectClient(clientId);

    page.copyClientIdAction()->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), clientId);
    page.copyTokenUrlAction()->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), page.tenantInfo().tokenUrl);
    page.copyParametersAction()->trigger();
    const QString parameters = QGuiApplication::clipboard()->text();
    QVERIFY(parameters.contains(u"Client ID: "_s + clientId));
    QVERIFY(parameters.contains(u"Secret: "_s));

    // The copy buttons of the server information.
    child<QToolButton>(&page, u"copySamlAudienceToolButton"_s)->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), page.tenantInfo().samlAudience);
}

void TestConsoleEndToEnd::testFilterAndEmptyState()
{
    AppIntegrationPage& page = m_console->page();
    auto* filter = child<QLineEdit>(&page, u"filterLineEdit"_s);
    QTest::keyClicks(filter, u"zzz-no-such-client"_s);
    QCOMPARE(page.model()->rowCount(), 0);
    QVERIFY(page.view()->placeholderText().startsWith(u"No client matches the filter."_s));
    QVERIFY(child<QLabel>(&page, u"countLabel"_s)->text().startsWith(u"0 of "_s));
    filter->clear();
    QCOMPARE(page.model()->rowCount(), page.model()->totalCount());
    QVERIFY(page.view()->placeholderText().isEmpty());

    auto* status = child<QComboBox>(&page, u"statusFilterComboBox"_s);
    status->setCurrentIndex(status->findData(int(ClientQuery::Status::Expired)));
    QVERIFY(page.model()->rowCount() >= 1);
    for (int row = 0; row < page.model()->rowCount(); ++row) {
        QCOMPARE(page.model()->index(row, 0).data(ClientTableModel::ExpiryStateRole).toInt(),
                 int(ExpiryState::Expired));
    }
}

void TestConsoleEndToEnd::testErrorsGoToTheBanner()
{
    AppIntegrationPage& page = m_console->page();
    m_console->server().stop();
    page.refreshAction()->trigger();
    QVERIFY(!page.refreshAction()->isEnabled()); // no second load while one runs
    QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading(), 40'000);
    MessageWidget* banner = page.messageWidget();
    QVERIFY(banner->isVisible());
    QCOMPARE(banner->type(), MessageWidget::Type::Error);
    QVERIFY2(banner->text().contains(u"could not be loaded"_s), qPrintable(banner->text()));
    QVERIFY(page.refreshAction()->isEnabled());
    // The rows loaded before stay; nothing modal is shown.
    QVERIFY(page.model()->totalCount() > 0);
    QVERIFY(!QApplication::activeModalWidget());
}

void TestConsoleEndToEnd::testRefreshMovesOnlyWhatChanged()
{
    AppIntegrationPage& page = m_console->page();
    const ClientTableModel* model = page.model();
    QCOMPARE(page.lastRefreshMoved(), -1); // the first load loads everything
    const int before = model->totalCount();

    // An unchanged tenant: Refresh asks for changes and gets none.
    QVERIFY(m_console->reload());
    QCOMPARE(page.lastRefreshMoved(), 0);
    QCOMPARE(model->totalCount(), before);

    // Another administrator creates, renames and deletes (here: the service
    // layer directly, not the page): Refresh moves those three, no others.
    const qint64 expiry = ClientRules::defaultExpiry(m_console->clock().now());
    const CreatedClient renamed = createDirectly(technical(u"Before rename"_s, u"RENAME_ME"_s, expiry));
    const CreatedClient doomed = createDirectly(technical(u"Deleted elsewhere"_s, u"DELETED_ELSEWHERE"_s, expiry));
    QVERIFY(!renamed.client.clientId.isEmpty() && !doomed.client.clientId.isEmpty());
    QVERIFY(m_console->reload());
    QCOMPARE(page.lastRefreshMoved(), 2);
    QCOMPARE(model->totalCount(), before + 2);

    const CreatedClient added = createDirectly(technical(u"Added elsewhere"_s, u"ADDED_ELSEWHERE"_s, expiry));
    int answered = 0;
    QObject context;
    m_console->api().updateClient(renamed.client.clientId, QJsonObject{{u"client_name"_s, u"After rename"_s}}, &context,
                                  [&](const Result<UpdatedClient>& result) {
                                      QVERIFY2(result.ok(), qPrintable(result.message));
                                      ++answered;
                                  });
    m_console->api().deleteClient(doomed.client.clientId, &context, [&](const Result<Empty>& result) {
        QVERIFY2(result.ok(), qPrintable(result.message));
        ++answered;
    });
    QTRY_COMPARE_WITH_TIMEOUT(answered, 2, 20'000);

    QVERIFY(m_console->reload());
    QCOMPARE(page.lastRefreshMoved(), 3);
    QCOMPARE(model->totalCount(), before + 2);
    QVERIFY(model->client(added.client.clientId));
    QVERIFY(!model->client(doomed.client.clientId));
    QCOMPARE(model->client(renamed.client.clientId)->clientName, u"After rename"_s);
    QVERIFY(model->indexOf(renamed.client.clientId).isValid()); // shown, not only kept
    QVERIFY(model->indexOf(added.client.clientId).isValid());
    QCOMPARE(model->rowCount(), model->totalCount());
}

void TestConsoleEndToEnd::testStopLoadingKeepsWhatArrived()
{
    AppIntegrationPage& page = m_console->page();
    const ClientTableModel* model = page.model();
    const int all = model->totalCount();
    QVERIFY(all >= 3);
    QVERIFY(page.stopLoadButton()->isHidden());

    // Pages of one client; Stop right after the first page arrived (from the
    // event loop, so that the next page's request is the one cancelled).
    m_console->api().setLoadAllPageSize(1);
    bool clicked = false;
    QMetaObject::Connection stopper = connect(model, &QAbstractItemModel::modelReset, this, [&] {
        if (!clicked && page.isLoading()) {
            clicked = true;
            QTimer::singleShot(0, &page, [&page] {
                QVERIFY(!page.stopLoadButton()->isHidden());
                page.stopLoadButton()->click();
            });
        }
    });
    page.reloadEverything();
    QVERIFY(page.isLoading());
    QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading(), 20'000);
    disconnect(stopper);
    QVERIFY(clicked);
    QVERIFY(page.stopLoadButton()->isHidden());
    QVERIFY2(model->totalCount() >= 1 && model->totalCount() < all, qPrintable(QString::number(model->totalCount())));
    QCOMPARE(page.messageWidget()->type(), MessageWidget::Type::Information);
    QVERIFY2(page.messageWidget()->text().startsWith(
                 u"Loading stopped: %1 of %2 clients are shown."_s.arg(model->totalCount()).arg(all)),
             qPrintable(page.messageWidget()->text()));
    QVERIFY(page.refreshAction()->isEnabled());

    // The next Refresh loads everything, not only changes.
    m_console->api().setLoadAllPageSize(TenantApi::LoadAllPageSize);
    QVERIFY(m_console->reload());
    QCOMPARE(page.lastRefreshMoved(), -1);
    QCOMPARE(model->totalCount(), all);
}

} // namespace appint::test

APPINT_TEST_GUI_MAIN(appint::test::TestConsoleEndToEnd)
#include "TestConsoleEndToEnd.moc"
