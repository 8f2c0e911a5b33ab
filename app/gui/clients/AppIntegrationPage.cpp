#include "gui/clients/AppIntegrationPage.h"

#include "core/BidiText.h"
#include "core/ClientQuery.h"
#include "core/OAuthNames.h"
#include "credentials/ClientSecretKeeper.h"
#include "gui/clients/ClientDialog.h"
#include "gui/clients/ClientParameters.h"
#include "gui/clients/ClientTableModel.h"
#include "gui/clients/ExportSheetDialog.h"
#include "gui/clients/SecretDialog.h"
#include "gui/clients/SecretView.h"
#include "gui/clients/SheetExporter.h"
#include "gui/widgets/ClientTableView.h"
#include "gui/widgets/Clipboard.h"
#include "gui/widgets/Formats.h"
#include "gui/widgets/Icons.h"
#include "gui/widgets/Logging.h"
#include "gui/widgets/MessageBox.h"
#include "gui/widgets/MessageWidget.h"
#include "gui/widgets/MiddleElideDelegate.h"
#include "gui/widgets/PageParts.h"
#include "service/TenantApi.h"

#include "ui_AppIntegrationPage.h"

#include <QAction>
#include <QFileInfo>
#include <QHeaderView>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QStyle>
#include <QTimer>
#include <QToolBar>

#include <limits>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
constexpr int StatusTimeoutMs = 5000;
constexpr int ExpiryRefreshMs = 60'000;
// More changes than this since the last load: a full load is cheaper.
constexpr qsizetype MaximumChangesApplied = 500;
} // namespace

AppIntegrationPage::AppIntegrationPage(TenantApi* api, Clipboard* clipboard, const Clock& clock, QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::AppIntegrationPage>())
    , m_api(api)
    , m_apiContext(new QObject(this))
    , m_clipboard(clipboard)
    , m_clock(clock)
    , m_model(new ClientTableModel(clock, this))
    , m_expiryTimer(new QTimer(this))
{
    m_ui->setupUi(this);
    setObjectName(u"appIntegrationPage"_s);

    PageParts::emphasizeTitle(m_ui->titleLabel);

    const QIcon copyIcon = Icons::icon(u"edit-copy"_s);
    const struct
    {
        QToolButton* button;
        QLineEdit* edit;
        QString name;
    } copies[] = {
        {m_ui->copyAuthorizationUrlToolButton, m_ui->authorizationUrlLineEdit, tr("Authorization URL")},
        {m_ui->copyTokenUrlToolButton, m_ui->tokenUrlLineEdit, tr("Token URL")},
        {m_ui->copySamlTokenUrlToolButton, m_ui->samlTokenUrlLineEdit, tr("OAuth2SAML Token URL")},
        {m_ui->copySamlAudienceToolButton, m_ui->samlAudienceLineEdit, tr("OAuth2SAML Audience")},
    };
    for (const auto& copy : copies) {
        copy.button->setIcon(copyIcon);
        copy.button->setToolTip(tr("Copy the %1").arg(copy.name));
        copy.button->setAccessibleName(tr("Copy the %1").arg(copy.name));
        QLineEdit* edit = copy.edit;
        const QString name = copy.name;
        connect(copy.button, &QToolButton::clicked, this, [this, edit, name] { copyServerValue(name, edit->text()); });
    }

    m_ui->clientsTableView->setModel(m_model);
    QHeaderView* header = m_ui->clientsTableView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    // Widths from the text they hold (the view never measures 100,000 rows).
    // Client IDs are long and alike at both ends: the view elides them in the
    // middle, and the tooltip has the whole ID.
    const QFontMetrics metrics = fontMetrics();
    const int padding = metrics.averageCharWidth() * 3;
    const int iconSpace = style()->pixelMetric(QStyle::PM_SmallIconSize) + 6;
    const QString dateSample = formatShortDate(QDate(2026, 12, 28));
    const int widths[] = {
        metrics.averageCharWidth() * 26 + iconSpace,
        metrics.horizontalAdvance(u"cl-0123456789abcdef0123"_s) + padding,
        metrics.horizontalAdvance(purposeDisplayName(Purpose::Interactive)) + padding,
        metrics.horizontalAdvance(u"SIGNAVIO_SYNC_1"_s) + padding,
        metrics.averageCharWidth() * 26,
        metrics.horizontalAdvance(dateSample) + padding,
        metrics.horizontalAdvance(dateSample) + padding,
        metrics.horizontalAdvance(tr("Token Lifetime")) + padding,
    };
    for (int column = 0; column < ClientTableModel::ColumnCount; ++column) {
        header->resizeSection(column, widths[column]);
    }
    m_ui->clientsTableView->setItemDelegateForColumn(ClientTableModel::ClientIdColumn,
                                                     new MiddleElideDelegate(m_ui->clientsTableView));
    m_ui->clientsTableView->sortByColumn(ClientTableModel::NameColumn, Qt::AscendingOrder);

    m_ui->purposeFilterComboBox->addItem(tr("All purposes"), -1);
    for (Purpose purpose : allPurposes()) {
        m_ui->purposeFilterComboBox->addItem(purposeDisplayName(purpose), int(purpose));
    }
    m_ui->statusFilterComboBox->addItem(tr("All statuses"), int(ClientQuery::Status::Any));
    m_ui->statusFilterComboBox->addItem(tr("Active"), int(ClientQuery::Status::Active));
    m_ui->statusFilterComboBox->addItem(tr("Expiring within 14 days"), int(ClientQuery::Status::Expiring));
    m_ui->statusFilterComboBox->addItem(tr("Expired"), int(ClientQuery::Status::Expired));

    m_ui->loadProgressBar->hide();
    m_ui->loadLabel->hide();
    // A long load (100,000 clients, a slow tenant) can be stopped; what
    // arrived stays shown and the next Refresh loads everything.
    m_stopLoadButton = new QPushButton(tr("Stop Loading"), this);
    m_stopLoadButton->setObjectName(u"stopLoadPushButton"_s);
    m_stopLoadButton->hide();
    m_ui->loadLayout->insertWidget(m_ui->loadLayout->indexOf(m_ui->loadLabel) + 1, m_stopLoadButton);
    connect(m_stopLoadButton, &QPushButton::clicked, this, &AppIntegrationPage::stopLoading);
    // The count takes the room of its widest likely text from the start, so
    // that the filter box keeps its width while clients load or filter.
    {
        const QLocale locale;
        const int sample = 9'999'999;
        m_ui->countLabel->setMinimumWidth(m_ui->countLabel->fontMetrics().horizontalAdvance(
            tr("%1 of %Ln client(s)", nullptr, sample).arg(locale.toString(sample))));
        m_ui->countLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }

    createActions();

    connect(m_ui->filterLineEdit, &QLineEdit::textChanged, m_model, &ClientTableModel::setFilterText);
    connect(m_ui->purposeFilterComboBox, &QComboBox::currentIndexChanged, this, &AppIntegrationPage::applyFilters);
    connect(m_ui->statusFilterComboBox, &QComboBox::currentIndexChanged, this, &AppIntegrationPage::applyFilters);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &AppIntegrationPage::updateCount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &AppIntegrationPage::updateCount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &AppIntegrationPage::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AppIntegrationPage::updateCount);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &AppIntegrationPage::updateActions);
    connect(m_ui->clientsTableView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AppIntegrationPage::updateActions);
    connect(m_ui->clientsTableView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AppIntegrationPage::updateActions);
    connect(m_ui->clientsTableView, &QAbstractItemView::activated, this, &AppIntegrationPage::editClient);
    connect(m_ui->clientsTableView, &QWidget::customContextMenuRequested, this,
            &AppIntegrationPage::onContextMenuRequested);

    // Expiry is a matter of time: re-check the markers every minute.
    connect(m_expiryTimer, &QTimer::timeout, m_model, &ClientTableModel::refreshExpiryStates);
    m_expiryTimer->start(ExpiryRefreshMs);

    updateCount();
    updateActions();
}

AppIntegrationPage::~AppIntegrationPage() = default;

void AppIntegrationPage::createActions()
{
    const auto make = [this](const QString& name, const QString& text, const QString& icon) {
        return PageParts::createAction(this, name, text, icon);
    };
    m_addAction = make(u"addClientAction"_s, tr("Add a New OAuth Client"), u"list-add"_s);
    m_addAction->setShortcut(QKeySequence::New);
    m_editAction = make(u"editClientAction"_s, tr("Edit"), u"document-edit"_s);
    m_editAction->setToolTip(tr("Edit the selected client; once it has expired, extend its expiry date"));
    m_deleteAction = make(u"deleteClientAction"_s, tr("Delete"), u"edit-delete"_s);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_copyClientIdAction = make(u"copyClientIdAction"_s, tr("Copy Client ID"), u"edit-copy"_s);
    m_copyTokenUrlAction = make(u"copyTokenUrlAction"_s, tr("Copy Token URL"), QString());
    m_copyParametersAction = make(u"copyParametersAction"_s, tr("Copy Parameters"), QString());
    m_copyParametersAction->setToolTip(
        tr("Copy what the users of the client need (client ID, URLs) as text; the secret is not included"));
    m_showSecretAction = make(u"showSecretAction"_s, tr("Show Secret"), u"view-secret"_s);
    m_showSecretAction->setToolTip(tr("Show the secret of a client created before secrets could be copied only once"));
    m_copySecretAction = make(u"copySecretAction"_s, tr("Copy Secret"), u"secret-saved"_s);
    m_copySecretAction->setToolTip(tr("Copy the secret saved in the system keychain for this client"));
    m_exportSheetAction = make(u"exportSheetAction"_s, tr("Export Connection Sheet…"), u"document-export"_s);
    m_exportSheetAction->setToolTip(tr("Write what the users of the client need (PDF, JSON, BTP destination, Cloud "
                                       "Integration, curl, .env, Markdown)"));
    m_refreshAction = make(u"refreshAction"_s, tr("Refresh"), u"view-refresh"_s);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_createOutboundAction = make(u"createOutboundCredentialAction"_s, tr("Create Outbound Credential…"), QString());
    m_createOutboundAction->setToolTip(tr("Save the token URL and client ID as an outbound credential to fetch tokens "
                                          "with"));
    m_createOutboundAction->setVisible(false);

    for (QAction* action : {m_addAction, m_editAction, m_deleteAction, m_refreshAction}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    }
    m_deleteAction->setShortcutContext(Qt::WidgetShortcut);
    m_ui->clientsTableView->addAction(m_deleteAction);

    connect(m_addAction, &QAction::triggered, this, &AppIntegrationPage::addClient);
    connect(m_editAction, &QAction::triggered, this, &AppIntegrationPage::editClient);
    connect(m_deleteAction, &QAction::triggered, this, &AppIntegrationPage::deleteClient);
    connect(m_copyClientIdAction, &QAction::triggered, this, &AppIntegrationPage::copyClientId);
    connect(m_copyTokenUrlAction, &QAction::triggered, this, &AppIntegrationPage::copyTokenUrl);
    connect(m_copyParametersAction, &QAction::triggered, this, &AppIntegrationPage::copyParameters);
    connect(m_showSecretAction, &QAction::triggered, this, &AppIntegrationPage::showSecret);
    connect(m_copySecretAction, &QAction::triggered, this, &AppIntegrationPage::copySecret);
    connect(m_exportSheetAction, &QAction::triggered, this, &AppIntegrationPage::exportSheet);
    connect(m_refreshAction, &QAction::triggered, this, &AppIntegrationPage::reload);
    connect(m_createOutboundAction, &QAction::triggered, this, [this] {
        if (const Client* client = selectedClient()) {
            emit createOutboundCredentialRequested(m_tenant.tokenUrl, client->clientId, client->clientName);
        }
    });

    m_toolBar = PageParts::createToolBar(this, u"clientsToolBar"_s);
    m_toolBar->addAction(m_addAction);
    m_toolBar->addAction(m_editAction);
    m_toolBar->addAction(m_deleteAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_copyClientIdAction);
    // Copy Token URL is in the context menu; the toolbar leaves it to the
    // copy button beside the Token URL above, so that all fits at 1280 px.
    m_toolBar->addAction(m_copyParametersAction);
    m_toolBar->addAction(m_copySecretAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_exportSheetAction);
    m_toolBar->addAction(m_showSecretAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_refreshAction);
    m_ui->toolbarLayout->addWidget(m_toolBar);
}

std::unique_ptr<QMenu> AppIntegrationPage::createContextMenu()
{
    auto menu = std::make_unique<QMenu>(this);
    menu->setObjectName(u"clientsContextMenu"_s);
    menu->addAction(m_addAction);
    menu->addSeparator();
    menu->addAction(m_editAction);
    menu->addAction(m_deleteAction);
    menu->addSeparator();
    menu->addAction(m_copyClientIdAction);
    menu->addAction(m_copyTokenUrlAction);
    menu->addAction(m_copyParametersAction);
    const Client* client = selectedClient();
    // "Copy Secret" only where one is saved.
    if (client && m_model->isSecretSaved(client->clientId)) {
        menu->addAction(m_copySecretAction);
    }
    menu->addSeparator();
    menu->addAction(m_exportSheetAction);
    if (m_createOutboundAction->isVisible()) {
        menu->addAction(m_createOutboundAction);
    }
    // "Show Secret" only where it applies: legacy clients.
    if (client && client->secretRetrievable) {
        menu->addSeparator();
        menu->addAction(m_showSecretAction);
    }
    return menu;
}

void AppIntegrationPage::onContextMenuRequested(const QPoint& position)
{
    PageParts::execContextMenu(m_ui->clientsTableView, position, [this] { return createContextMenu(); });
}

// ---------------------------------------------------------------------------
// Loading

void AppIntegrationPage::reload()
{
    if (m_loading || !m_api) {
        return;
    }
    if (m_keeper) {
        m_model->setSavedSecrets(m_keeper->savedClientIds());
    }
    m_loading = true;
    m_loadFailed = false;
    m_loadsPending = 4; // tenant, roles, spaces, clients
    beginRequest();
    m_ui->messageWidget->hideMessage();

    m_api->tenant(m_apiContext, [this](const Result<TenantInfo>& result) {
        if (result.ok()) {
            setTenantInfo(result.value);
        } else if (result.status != ResultStatus::Cancelled) {
            showError(tr("The tenant information could not be loaded."), result.message);
        }
        finishLoad();
    });
    // The catalogue is for the dialogs; without it roles are checked for
    // shape only and the picker is empty, so say so.
    m_api->roles(m_apiContext, [this](const Result<Roles>& result) {
        if (result.ok()) {
            m_roles = result.value;
        } else if (result.status != ResultStatus::Cancelled) {
            showError(tr("The roles could not be loaded."), result.message);
        }
        finishLoad();
    });
    m_api->spaces(m_apiContext, [this](const Result<Spaces>& result) {
        if (result.ok()) {
            m_spaces = result.value;
        }
        finishLoad();
    });
    if (m_revision.isEmpty()) {
        loadClients();
    } else {
        loadClientChanges(m_revision);
    }
}

void AppIntegrationPage::loadClientChanges(const QString& revision)
{
    // A Refresh after a full load asks only for what changed since (the
    // tenant's changes feed, docs/server.md): an unchanged tenant sends no
    // client. A revision the tenant no longer knows (410, e.g. after its
    // restart), an answer that breaks the contract, or more changes than
    // are worth applying one by one: everything is loaded again.
    m_api->clientChanges(revision, m_apiContext, [this](const Result<ClientChanges>& result) {
        const qsizetype moved = result.ok() ? result.value.changed.items.size() + result.value.deleted.size() : 0;
        if (!result.ok() || result.value.more || moved > MaximumChangesApplied || result.value.changed.rejected > 0) {
            if (result.status == ResultStatus::Cancelled) {
                finishLoad();
                return;
            }
            if (!result.ok() && result.httpStatus != 410 && result.status != ResultStatus::Protocol) {
                m_loadFailed = true;
                showError(tr("The clients could not be loaded."), result.message);
                finishLoad();
                return;
            }
            m_revision.clear();
            loadClients();
            return;
        }
        const QString keep = currentClientId();
        m_model->applyChanges(result.value.changed.items, result.value.deleted);
        m_revision = result.value.changed.revision;
        m_lastRefreshMoved = moved;
        qCInfo(lcGui) << "refreshed:" << moved << "clients changed or deleted";
        emit statusMessage(moved == 0
                               ? tr("No client changed since the last load.")
                               : tr("%Ln client(s) changed or deleted since the last load.", nullptr, int(moved)),
                           StatusTimeoutMs);
        if (!keep.isEmpty() && m_model->client(keep)) {
            selectClient(keep);
        }
        emit clientsLoaded(m_model->totalCount());
        finishLoad();
    });
}

void AppIntegrationPage::finishLoad()
{
    if (--m_loadsPending > 0) {
        return;
    }
    m_loading = false;
    endRequest();
    updatePlaceholder();
    updateActions();
}

void AppIntegrationPage::loadClients()
{
    const QString keep = currentClientId();
    m_ui->loadProgressBar->setRange(0, 0);
    m_ui->loadProgressBar->show();
    m_ui->loadLabel->setText(tr("Loading clients…"));
    m_ui->loadLabel->show();
    m_stopLoadButton->setEnabled(true);
    m_stopLoadButton->show();
    m_loadStopped = false;
    updatePlaceholder();
    updateActions();

    m_lastRefreshMoved = -1;
    auto first = std::make_shared<bool>(true);
    auto loaded = std::make_shared<qint64>(0);
    auto total = std::make_shared<qint64>(0);
    auto rejected = std::make_shared<QPair<qint64, QString>>(0, QString());
    ClientQuery query; // every client, sorted by name; the model sorts as the view asks
    m_api->loadAllClients(
        query, m_apiContext,
        [this, first, loaded, total, rejected](const ClientPage& page) {
            *total = page.total;
            if (page.rejected > 0 && rejected->first == 0) {
                rejected->second = page.firstRejection;
            }
            rejected->first += page.rejected;
            if (*first) {
                m_revision = page.revision; // where the next Refresh starts
                m_model->setClients(page.items);
                *first = false;
            } else {
                m_model->appendClients(page.items);
            }
            *loaded += page.items.size();
            m_ui->loadProgressBar->setRange(0, int(std::max<qint64>(page.total, 1)));
            m_ui->loadProgressBar->setValue(int(*loaded));
            m_ui->loadLabel->setText(
                tr("Loading clients… %1 of %2").arg(QLocale().toString(*loaded), QLocale().toString(page.total)));
        },
        [this, first, loaded, total, keep, rejected](const Result<qint64>& result) {
            m_ui->loadProgressBar->hide();
            m_ui->loadLabel->hide();
            m_stopLoadButton->hide();
            if (*first && result.ok()) {
                m_model->setClients({}); // the tenant has no clients
            }
            m_model->finishLoading();
            if (result.status == ResultStatus::Cancelled && m_loadStopped) {
                m_revision.clear(); // the next Refresh loads everything
                // Stopped before the first page: the table still holds the
                // clients of the load before, not "0 of 0".
                const QString text = !*first
                    ? tr("Loading stopped: %1 of %Ln client(s) are shown. Select Refresh to load them all.", nullptr,
                         int(std::min<qint64>(*total, std::numeric_limits<int>::max())))
                          .arg(QLocale().toString(*loaded))
                    : m_model->totalCount() > 0
                    ? tr("Loading stopped. The table keeps the clients loaded before (%1). Select Refresh to load "
                         "them again.")
                          .arg(tr("%Ln client(s)", nullptr, m_model->totalCount()))
                    : tr("Loading stopped before any client arrived. Select Refresh to load them.");
                m_ui->messageWidget->showMessage(text, MessageWidget::Type::Information);
            } else if (!result.ok()) {
                m_loadFailed = true;
                m_revision.clear();
                showError(tr("The clients could not be loaded."), result.message);
            } else {
                qCInfo(lcGui) << "loaded" << m_model->totalCount() << "clients";
                emit clientsLoaded(m_model->totalCount());
            }
            if (result.ok() && rejected->first > 0) {
                // One banner for every item that broke the contract.
                showError(tr("%Ln client(s) not shown: the tenant sent them in a form that does not follow the API.",
                             nullptr, int(std::min<qint64>(rejected->first, std::numeric_limits<int>::max()))),
                          tr("The first: %1.").arg(rejected->second));
            }
            if (!keep.isEmpty()) {
                selectClient(keep);
            }
            finishLoad();
        });
}

void AppIntegrationPage::stopLoading()
{
    if (!m_api || !m_loading) {
        return;
    }
    m_loadStopped = true;
    m_stopLoadButton->setEnabled(false);
    // Only this page's reads: an edit on its way, and the other pages'
    // calls on the same tenant, go on.
    m_api->cancelReads(m_apiContext);
}

void AppIntegrationPage::reloadEverything()
{
    if (m_loading) {
        return;
    }
    m_revision.clear();
    reload();
}

bool AppIntegrationPage::isLoading() const
{
    return m_loading;
}

void AppIntegrationPage::setTenantInfo(const TenantInfo& tenant)
{
    m_tenant = tenant;
    m_ui->authorizationUrlLineEdit->setText(tenant.authorizationUrl);
    m_ui->tokenUrlLineEdit->setText(tenant.tokenUrl);
    m_ui->samlTokenUrlLineEdit->setText(tenant.samlTokenUrl);
    m_ui->samlAudienceLineEdit->setText(tenant.samlAudience);
    for (QLineEdit* edit : {m_ui->authorizationUrlLineEdit, m_ui->tokenUrlLineEdit, m_ui->samlTokenUrlLineEdit,
                            m_ui->samlAudienceLineEdit}) {
        edit->setCursorPosition(0);
    }
    updateActions();
    emit tenantLoaded(tenant);
}

TenantInfo AppIntegrationPage::tenantInfo() const
{
    return m_tenant;
}

// ---------------------------------------------------------------------------
// State

ClientTableModel* AppIntegrationPage::model() const
{
    return m_model;
}

ClientTableView* AppIntegrationPage::view() const
{
    return m_ui->clientsTableView;
}

MessageWidget* AppIntegrationPage::messageWidget() const
{
    return m_ui->messageWidget;
}

ClientDialog* AppIntegrationPage::clientDialog() const
{
    return m_dialog;
}

SecretDialog* AppIntegrationPage::secretDialog() const
{
    return m_secretDialog;
}

ExportSheetDialog* AppIntegrationPage::exportSheetDialog() const
{
    return m_exportDialog;
}

const Client* AppIntegrationPage::selectedClient() const
{
    const QModelIndexList rows = m_ui->clientsTableView->selectionModel()->selectedRows();
    return rows.isEmpty() ? nullptr : m_model->clientAt(rows.constFirst());
}

QString AppIntegrationPage::currentClientId() const
{
    const Client* client = selectedClient();
    return client ? client->clientId : QString();
}

void AppIntegrationPage::selectClient(const QString& clientId)
{
    const QModelIndex index = m_model->indexOf(clientId);
    if (!index.isValid()) {
        return;
    }
    PageParts::selectRow(m_ui->clientsTableView, index);
}

void AppIntegrationPage::applyFilters()
{
    const int purpose = m_ui->purposeFilterComboBox->currentData().toInt();
    m_model->setPurposeFilter(purpose < 0 ? std::nullopt : std::optional<Purpose>(Purpose(purpose)));
    m_model->setStatusFilter(ClientQuery::Status(m_ui->statusFilterComboBox->currentData().toInt()));
}

void AppIntegrationPage::updateCount()
{
    const int total = m_model->totalCount();
    const int shown = m_model->rowCount();
    if (m_model->isFiltered()) {
        m_ui->countLabel->setText(tr("%1 of %Ln client(s)", nullptr, total).arg(QLocale().toString(shown)));
    } else {
        m_ui->countLabel->setText(tr("%Ln client(s)", nullptr, total));
    }
    updatePlaceholder();
    updateActions();
}

void AppIntegrationPage::setConnecting(const QString& tenantText)
{
    m_connectingTo = tenantText;
    updatePlaceholder();
}

void AppIntegrationPage::updatePlaceholder()
{
    QString text;
    if (m_model->rowCount() > 0) {
        text.clear();
    } else if (!m_api && !m_connectingTo.isEmpty()) {
        text = tr("Connecting to %1…").arg(BidiText::isolate(m_connectingTo));
    } else if (!m_api) {
        text = tr("Not connected to a tenant.\nChoose one in the tenant switcher, or connect to a tenant.");
    } else if (m_loading) {
        text = tr("Loading clients…");
    } else if (m_loadFailed) {
        text = tr("The clients could not be loaded.\nSelect Refresh to try again.");
    } else if (m_model->totalCount() == 0) {
        text = tr("No OAuth clients yet.\nSelect “Add a New OAuth Client” to create one for a tool or app that "
                  "connects to the tenant.");
    } else {
        text = tr("No client matches the filter.\nClear the filter to see all %Ln client(s).", nullptr,
                  m_model->totalCount());
    }
    m_ui->clientsTableView->setPlaceholderText(text);
}

void AppIntegrationPage::updateActions()
{
    const Client* client = m_api ? selectedClient() : nullptr;
    const bool idle = m_requests == 0;
    const bool saved = client && m_keeper && m_model->isSecretSaved(client->clientId);
    m_addAction->setEnabled(m_api && !m_dialog);
    m_copySecretAction->setEnabled(saved && idle);
    m_copySecretAction->setVisible(saved);
    m_exportSheetAction->setEnabled(client && idle && !m_tenant.tokenUrl.isEmpty() && !m_dialog);
    m_editAction->setEnabled(client && !m_dialog);
    m_deleteAction->setEnabled(client && idle && !m_dialog);
    m_copyClientIdAction->setEnabled(client);
    m_copyTokenUrlAction->setEnabled(client && !m_tenant.tokenUrl.isEmpty());
    m_copyParametersAction->setEnabled(client && !m_tenant.tokenUrl.isEmpty());
    m_showSecretAction->setEnabled(client && client->secretRetrievable && idle);
    m_showSecretAction->setVisible(client && client->secretRetrievable);
    m_refreshAction->setEnabled(m_api && !m_loading && idle && !m_dialog);
    // Only a client that may use the client-credentials grant can fetch a token.
    m_createOutboundAction->setEnabled(client && !m_tenant.tokenUrl.isEmpty()
                                       && client->grantTypes.contains(oauth::GrantClientCredentials));
    if (client && m_editAction->isEnabled()) {
        m_editAction->setText(client->isExpiredAt(m_clock.now()) ? tr("Extend Expiry") : tr("Edit"));
    } else {
        m_editAction->setText(tr("Edit"));
    }
}

void AppIntegrationPage::beginRequest()
{
    ++m_requests;
    setCursor(Qt::BusyCursor);
    updateActions();
}

void AppIntegrationPage::endRequest()
{
    m_requests = std::max(0, m_requests - 1);
    if (m_requests == 0) {
        unsetCursor();
    }
    updateActions();
}

void AppIntegrationPage::showError(const QString& what, const QString& message)
{
    qCWarning(lcGui).noquote() << what << message;
    const QString text = message.isEmpty() ? what : what + u' ' + message;
    m_ui->messageWidget->showMessage(text, MessageWidget::Type::Error);
}

void AppIntegrationPage::showDone(const QString& text)
{
    m_ui->messageWidget->showMessage(text, MessageWidget::Type::Positive, 8000);
    emit statusMessage(text, StatusTimeoutMs);
}

// ---------------------------------------------------------------------------
// Actions

namespace {
ClientDialogContext makeContext(const Clock& clock, const Roles& roles, const Spaces& spaces,
                                const ClientTableModel* model, Clipboard* clipboard, const QString& exceptClientId)
{
    ClientDialogContext context;
    context.clock = &clock;
    context.roles = roles;
    context.spaces = spaces;
    context.clipboard = clipboard;
    context.userIdTaken
        = [model, exceptClientId](const QString& userId) { return model->isUserIdTaken(userId, exceptClientId); };
    return context;
}
} // namespace

void AppIntegrationPage::addClient()
{
    if (m_dialog) {
        m_dialog->raise();
        return;
    }
    auto* dialog = new ClientDialog(makeContext(m_clock, m_roles, m_spaces, m_model, m_clipboard, {}), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    connect(dialog, &QDialog::finished, this, [this] {
        m_dialog.clear();
        updateActions();
    });
    connect(dialog, &ClientDialog::submitted, this, [this, dialog] {
        dialog->setBusy(true);
        m_api->createClient(dialog->client(), dialog, [this, dialog](const Result<CreatedClient>& result) {
            if (!result.ok()) {
                dialog->showServerErrors(tr("The client was not added.") + u' ' + result.message, result.fieldErrors);
                return;
            }
            const Client& created = result.value.client;
            qCInfo(lcGui) << "created client" << created.clientId;
            m_model->addClient(created);
            selectClient(created.clientId);
            dialog->showSecret(created.clientId, result.value.secret);
            setUpSecretView(dialog, created, false);
            emit statusMessage(tr("Client “%1” added.").arg(BidiText::isolate(created.clientName)), StatusTimeoutMs);
        });
    });
    updateActions();
    dialog->open();
}

void AppIntegrationPage::editClient()
{
    const Client* selected = selectedClient();
    if (!selected || m_dialog) {
        return;
    }
    const Client client = *selected;
    auto* dialog = new ClientDialog(makeContext(m_clock, m_roles, m_spaces, m_model, m_clipboard, client.clientId),
                                    client, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    connect(dialog, &QDialog::finished, this, [this] {
        m_dialog.clear();
        updateActions();
    });
    connect(dialog, &ClientDialog::submitted, this, [this, dialog, client] {
        dialog->setBusy(true);
        m_api->updateClient(client.clientId, dialog->mergePatch(), dialog,
                            [this, dialog](const Result<UpdatedClient>& result) {
                                if (!result.ok()) {
                                    if (result.status == ResultStatus::NotFound) {
                                        m_model->removeClient(dialog->client().clientId);
                                    }
                                    dialog->showServerErrors(tr("The changes were not saved.") + u' ' + result.message,
                                                             result.fieldErrors);
                                    return;
                                }
                                const Client& updated = result.value.client;
                                qCInfo(lcGui) << "updated client" << updated.clientId
                                              << (result.value.newSecret.isEmpty() ? "" : "(new secret issued)");
                                m_model->updateClient(updated);
                                if (!result.value.newSecret.isEmpty()) {
                                    dialog->showSecret(updated.clientId, result.value.newSecret);
                                    setUpSecretView(dialog, updated, true);
                                    emit statusMessage(tr("Client “%1” extended; a new secret was generated.")
                                                           .arg(BidiText::isolate(updated.clientName)),
                                                       StatusTimeoutMs);
                                } else {
                                    dialog->setBusy(false);
                                    dialog->accept();
                                    showDone(tr("Changes to “%1” saved.").arg(BidiText::isolate(updated.clientName)));
                                }
                            });
    });
    updateActions();
    dialog->open();
}

void AppIntegrationPage::deleteClient()
{
    const Client* selected = selectedClient();
    if (!selected || m_requests > 0 || m_dialog) {
        return;
    }
    const Client client = *selected;
    const bool confirmed = MessageBox::confirm(
        this, tr("Delete OAuth Client"),
        tr("Delete the OAuth client “%1” (%2)?\n\nTools and apps that use it can no longer get tokens. This cannot be "
           "undone.")
            .arg(BidiText::isolate(client.clientName), BidiText::isolate(client.clientId)),
        tr("Delete"), tr("Cancel"), true);
    if (!confirmed) {
        return;
    }
    beginRequest();
    m_api->deleteClient(client.clientId, m_apiContext, [this, client](const Result<Empty>& result) {
        endRequest();
        if (result.ok() || result.status == ResultStatus::NotFound) {
            qCInfo(lcGui) << "deleted client" << client.clientId;
            m_model->removeClient(client.clientId);
            showDone(tr("Client “%1” deleted.").arg(BidiText::isolate(client.clientName)));
            if (m_keeper && m_keeper->isSaved(client.clientId)) {
                offerToRemoveSavedSecret(client);
            }
            return;
        }
        showError(tr("The client “%1” was not deleted.").arg(BidiText::isolate(client.clientName)), result.message);
    });
}

void AppIntegrationPage::copyClientId()
{
    if (const Client* client = selectedClient()) {
        m_clipboard->setText(client->clientId);
        emit statusMessage(tr("Client ID copied to the clipboard."), StatusTimeoutMs);
    }
}

void AppIntegrationPage::copyTokenUrl()
{
    if (selectedClient()) {
        copyServerValue(tr("Token URL"), m_tenant.tokenUrl);
    }
}

void AppIntegrationPage::copyParameters()
{
    if (const Client* client = selectedClient()) {
        m_clipboard->setText(ClientParameters::text(*client, m_tenant));
        emit statusMessage(tr("Parameters of “%1” copied to the clipboard.").arg(BidiText::isolate(client->clientName)),
                           StatusTimeoutMs);
    }
}

void AppIntegrationPage::copyServerValue(const QString& name, const QString& value)
{
    if (value.isEmpty()) {
        return;
    }
    m_clipboard->setText(value);
    emit statusMessage(tr("%1 copied to the clipboard.").arg(name), StatusTimeoutMs);
}

void AppIntegrationPage::showSecret()
{
    const Client* selected = selectedClient();
    if (!selected || !selected->secretRetrievable || m_requests > 0) {
        return;
    }
    const QString clientId = selected->clientId;
    beginRequest();
    m_api->clientSecret(clientId, m_apiContext, [this, clientId](const Result<Secret>& result) {
        endRequest();
        if (!result.ok()) {
            showError(tr("The secret could not be shown."), result.message);
            return;
        }
        auto* dialog = new SecretDialog(clientId, result.value, m_clipboard, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        m_secretDialog = dialog;
        dialog->open();
    });
}

// ---------------------------------------------------------------------------
// Tenants and the secrets kept for them

void AppIntegrationPage::setTenant(TenantApi* api, ClientSecretKeeper* keeper)
{
    // Whatever the previous tenant still answers goes nowhere.
    delete m_apiContext;
    m_apiContext = new QObject(this);
    delete m_exportDialog.data();
    delete m_secretDialog.data();
    delete m_dialog.data(); // its secret view wipes the secret

    if (m_keeper) {
        disconnect(m_keeper, nullptr, this, nullptr);
    }
    m_api = api;
    m_keeper = keeper;
    if (m_keeper) {
        connect(m_keeper, &ClientSecretKeeper::savedChanged, this, [this](const QString& clientId, bool saved) {
            m_model->setSecretSaved(clientId, saved);
            updateActions();
        });
    }

    m_loading = false;
    m_loadFailed = false;
    m_loadsPending = 0;
    m_requests = 0;
    m_revision.clear();
    m_lastRefreshMoved = -1;
    unsetCursor();
    m_tenant = TenantInfo();
    m_roles.clear();
    m_spaces.clear();
    for (QLineEdit* edit : {m_ui->authorizationUrlLineEdit, m_ui->tokenUrlLineEdit, m_ui->samlTokenUrlLineEdit,
                            m_ui->samlAudienceLineEdit}) {
        edit->clear();
    }
    m_ui->messageWidget->hideMessage();
    m_ui->loadProgressBar->hide();
    m_ui->loadLabel->hide();
    m_stopLoadButton->hide();
    m_model->setClients({});
    m_model->setSavedSecrets(m_keeper ? m_keeper->savedClientIds() : QSet<QString>());
    updateCount();
}

void AppIntegrationPage::setUpSecretView(ClientDialog* dialog, const Client& client, bool renewed)
{
    SecretView* view = dialog->secretView();
    view->setExportAvailable(true);
    connect(view, &SecretView::exportSheetRequested, this, [this, dialog, view, client] {
        if (!view->hasSecret()) {
            return;
        }
        QString secret = view->secret().toString();
        openExportDialog(client, secret, SecretOrigin::Issued, QString(), dialog, view);
        wipeString(secret);
    });
    if (!m_keeper) {
        view->setKeychainState(SecretView::KeychainState::Unavailable);
        return;
    }
    const QString clientId = client.clientId;
    connect(view, &SecretView::keepInKeychainToggled, this,
            [this, view, clientId](bool keep) { saveSecretInKeychain(view, clientId, keep); });
    if (renewed && m_keeper->isSaved(clientId)) {
        // The admin kept this client's secret before, and the saved one stops
        // working now: the new one takes its place.
        saveSecretInKeychain(view, clientId, true);
    } else {
        view->setKeychainState(SecretView::KeychainState::NotSaved);
    }
}

void AppIntegrationPage::saveSecretInKeychain(SecretView* view, const QString& clientId, bool keep)
{
    if (!m_keeper) {
        return;
    }
    if (keep) {
        const bool replacing = m_keeper->isSaved(clientId);
        view->setKeychainState(SecretView::KeychainState::Saving);
        m_keeper->save(clientId, view->secret(), view, [view, replacing](const KeychainResult& result) {
            if (result.ok()) {
                view->setKeychainState(SecretView::KeychainState::Saved,
                                       replacing ? tr("Saved in the system keychain, in place of the earlier "
                                                      "secret, which no longer works.")
                                                 : QString());
            } else {
                view->setKeychainState(SecretView::KeychainState::Failed,
                                       tr("The secret was not saved. %1").arg(result.message));
            }
        });
        return;
    }
    view->setKeychainState(SecretView::KeychainState::Removing);
    m_keeper->remove(clientId, view, [view](const KeychainResult& result) {
        if (result.ok()) {
            view->setKeychainState(SecretView::KeychainState::NotSaved);
        } else {
            view->setKeychainState(
                SecretView::KeychainState::Saved,
                tr("Still saved in the system keychain: it could not be removed. %1").arg(result.message));
        }
    });
}

void AppIntegrationPage::copySecret()
{
    const Client* selected = selectedClient();
    if (!selected || !m_keeper || !m_model->isSecretSaved(selected->clientId) || m_requests > 0) {
        return;
    }
    const Client client = *selected;
    beginRequest();
    m_keeper->read(client.clientId, m_apiContext, [this, client](const KeychainResult& result) {
        endRequest();
        if (result.status == KeychainStatus::NotFound) {
            showError(tr("No secret of “%1” is saved in the system keychain any more.")
                          .arg(BidiText::isolate(client.clientName)),
                      QString());
            return;
        }
        if (!result.ok()) {
            showError(tr("The secret of “%1” could not be read from the system keychain.")
                          .arg(BidiText::isolate(client.clientName)),
                      result.message);
            return;
        }
        m_clipboard->setSecret(result.secret);
        emit statusMessage(tr("The secret of “%1” from the system keychain is on the clipboard; it is cleared in %n "
                              "second(s).",
                              nullptr, m_clipboard->clearSeconds())
                               .arg(BidiText::isolate(client.clientName)),
                           StatusTimeoutMs);
    });
}

void AppIntegrationPage::exportSheet()
{
    const Client* selected = selectedClient();
    if (!selected || m_tenant.tokenUrl.isEmpty() || m_requests > 0 || m_dialog) {
        return;
    }
    const Client client = *selected;
    if (!m_keeper || !m_model->isSecretSaved(client.clientId)) {
        openExportDialog(client, std::nullopt, SecretOrigin::Issued,
                         tr("it is shown only once, when the client is created or extended, and it was not saved in "
                            "the system keychain"),
                         this, nullptr);
        return;
    }
    beginRequest();
    m_keeper->read(client.clientId, m_apiContext, [this, client](const KeychainResult& result) {
        endRequest();
        if (result.ok()) {
            openExportDialog(client, result.secret, SecretOrigin::Keychain, QString(), this, nullptr);
        } else if (result.status == KeychainStatus::NotFound) {
            openExportDialog(client, std::nullopt, SecretOrigin::Keychain,
                             tr("no secret of this client is saved in the system keychain any more"), this, nullptr);
        } else {
            openExportDialog(client, std::nullopt, SecretOrigin::Keychain,
                             tr("the system keychain cannot be read now (%1)").arg(result.message), this, nullptr);
        }
    });
}

void AppIntegrationPage::openExportDialog(const Client& client, std::optional<QString> secret, SecretOrigin origin,
                                          const QString& missingReason, QWidget* parent, SecretView* fromView)
{
    ConnectionSheetInput input{m_tenant, client, std::move(secret), origin, m_clock.now()};
    auto* dialog = new ExportSheetDialog(std::move(input), missingReason, m_exportDirectory, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_exportDialog = dialog;
    QPointer<SecretView> view(fromView);
    const QString clientId = client.clientId;
    const QString clientName = client.clientName;
    connect(dialog, &QDialog::finished, this, &AppIntegrationPage::updateActions);
    connect(dialog, &ExportSheetDialog::exportRequested, this, [this, dialog, view, clientId, clientName] {
        const ConnectionSheet sheet = dialog->sheet();
        const SheetFormat format = dialog->format();
        const QString path = dialog->filePath();
        const QString problem = SheetExporter::write(sheet, format, path);
        if (!problem.isEmpty()) {
            qCWarning(lcGui).noquote() << "connection sheet of" << clientId << "not written:" << problem;
            dialog->showError(problem);
            return;
        }
        const bool withSecret = sheet.containsSecret();
        qCInfo(lcGui).noquote() << "wrote the connection sheet of" << clientId << "as" << sheetFormatId(format)
                                << (withSecret ? "with the secret (mode 0600)" : "without the secret");
        m_exportDirectory = QFileInfo(path).absolutePath();
        if (view && withSecret) {
            view->markExported();
        }
        dialog->accept();
        showDone(withSecret ? tr("Wrote the connection sheet of “%1” with the secret to %2. The file is readable only "
                                 "by you (mode 0600).")
                                  .arg(BidiText::isolate(clientName), path)
                            : tr("Wrote the connection sheet of “%1” to %2, without the secret.")
                                  .arg(BidiText::isolate(clientName), path));
    });
    updateActions();
    dialog->open();
}

void AppIntegrationPage::offerToRemoveSavedSecret(const Client& client)
{
    const bool remove = MessageBox::confirm(
        this, tr("Remove the Saved Secret?"),
        tr("The secret of the deleted client “%1” (%2) is still saved in the system keychain, where it is of no use "
           "any more. Remove it from the keychain?")
            .arg(BidiText::isolate(client.clientName), BidiText::isolate(client.clientId)),
        tr("Remove Secret"), tr("Keep It"), false);
    if (!remove) {
        return;
    }
    m_keeper->remove(client.clientId, m_apiContext, [this, client](const KeychainResult& result) {
        if (result.ok()) {
            showDone(tr("Client “%1” deleted and its secret removed from the system keychain.")
                         .arg(BidiText::isolate(client.clientName)));
        } else {
            showError(tr("The saved secret of “%1” was not removed from the system keychain.")
                          .arg(BidiText::isolate(client.clientName)),
                      result.message);
        }
    });
}

} // namespace appint
