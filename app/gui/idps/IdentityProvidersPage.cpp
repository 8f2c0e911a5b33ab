#include "gui/idps/IdentityProvidersPage.h"

#include "gui/idps/IdentityProviderDialog.h"
#include "gui/idps/IdentityProviderTableModel.h"
#include "gui/widgets/ClientTableView.h"
#include "gui/widgets/Logging.h"
#include "gui/widgets/MessageBox.h"
#include "gui/widgets/MessageWidget.h"
#include "gui/widgets/MiddleElideDelegate.h"
#include "gui/widgets/PageParts.h"
#include "service/IdentityProviderApi.h"
#include "service/TenantApi.h"

#include "ui_IdentityProvidersPage.h"

#include <QAction>
#include <QFile>
#include <QHeaderView>
#include <QMenu>
#include <QStyle>
#include <QTimer>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
constexpr int StatusTimeoutMs = 5000;
// Markers follow the clock: "expires within 30 days" turns red at expiry.
constexpr int StateRefreshMs = 60 * 1000;
} // namespace

IdentityProvidersPage::IdentityProvidersPage(TenantApi* api, const Clock& clock, QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::IdentityProvidersPage>())
    , m_apiContext(new QObject(this))
    , m_clock(clock)
    , m_model(new IdentityProviderTableModel(clock, this))
    , m_stateTimer(new QTimer(this))
{
    m_ui->setupUi(this);
    setObjectName(u"identityProvidersPage"_s);
    PageParts::emphasizeTitle(m_ui->titleLabel);
    m_ui->busyProgressBar->hide();

    ClientTableView* view = m_ui->providersTableView;
    view->setSortingEnabled(false); // name order, kept by the model
    view->setModel(m_model);
    view->setAccessibleName(tr("Trusted identity providers"));
    view->setItemDelegateForColumn(IdentityProviderTableModel::EntityIdColumn, new MiddleElideDelegate(view));
    view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->verticalHeader()->hide();
    QHeaderView* header = view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(IdentityProviderTableModel::CertificatesColumn, QHeaderView::Stretch);
    header->setStretchLastSection(false);
    const QFontMetrics metrics = fontMetrics();
    const int padding = metrics.averageCharWidth() * 3;
    const int iconSpace = style()->pixelMetric(QStyle::PM_SmallIconSize) + 6;
    header->resizeSection(IdentityProviderTableModel::NameColumn, metrics.averageCharWidth() * 24 + iconSpace);
    header->resizeSection(IdentityProviderTableModel::EntityIdColumn,
                          metrics.horizontalAdvance(u"https://idp.example.com/saml/metadata"_s) + padding);
    header->resizeSection(IdentityProviderTableModel::ValidUntilColumn,
                          std::max(metrics.horizontalAdvance(u"00/00/0000"_s),
                                   metrics.horizontalAdvance(IdentityProviderTableModel::tr("Valid Until")))
                              + padding);

    createActions();
    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &IdentityProvidersPage::updateActions);
    connect(view, &QWidget::customContextMenuRequested, this, &IdentityProvidersPage::onContextMenuRequested);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_model, signal, this, &IdentityProvidersPage::updatePlaceholder);
    }
    connect(m_model, &QAbstractItemModel::modelReset, this, &IdentityProvidersPage::updatePlaceholder);

    m_stateTimer->setInterval(StateRefreshMs);
    connect(m_stateTimer, &QTimer::timeout, m_model, &IdentityProviderTableModel::refreshStates);

    setTenant(api);
}

IdentityProvidersPage::~IdentityProvidersPage() = default;

ClientTableView* IdentityProvidersPage::view() const
{
    return m_ui->providersTableView;
}

IdentityProviderDialog* IdentityProvidersPage::dialog() const
{
    return m_dialog;
}

MessageWidget* IdentityProvidersPage::messageWidget() const
{
    return m_ui->messageWidget;
}

void IdentityProvidersPage::createActions()
{
    const auto make = [this](const QString& name, const QString& text, const QString& icon) {
        return PageParts::createAction(this, name, text, icon);
    };
    m_addAction = make(u"addIdentityProviderAction"_s, tr("Add"), u"list-add"_s);
    m_addAction->setToolTip(tr("Trust an identity provider, from its SAML metadata or its certificate"));
    m_addAction->setShortcut(QKeySequence::New);
    m_deleteAction = make(u"deleteIdentityProviderAction"_s, tr("Delete"), u"edit-delete"_s);
    m_deleteAction->setToolTip(tr("Stop trusting the selected identity provider"));
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_refreshAction = make(u"refreshIdentityProvidersAction"_s, tr("Refresh"), u"view-refresh"_s);
    m_refreshAction->setToolTip(tr("Load the identity providers again"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    for (QAction* action : {m_addAction, m_refreshAction}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    }
    m_deleteAction->setShortcutContext(Qt::WidgetShortcut);
    m_ui->providersTableView->addAction(m_deleteAction);

    connect(m_addAction, &QAction::triggered, this, &IdentityProvidersPage::addProvider);
    connect(m_deleteAction, &QAction::triggered, this, &IdentityProvidersPage::deleteProvider);
    connect(m_refreshAction, &QAction::triggered, this, &IdentityProvidersPage::reload);

    m_toolBar = PageParts::createToolBar(this, u"identityProvidersToolBar"_s);
    m_toolBar->addAction(m_addAction);
    m_toolBar->addAction(m_deleteAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_refreshAction);
    m_ui->toolbarLayout->insertWidget(0, m_toolBar);
}

std::unique_ptr<QMenu> IdentityProvidersPage::createContextMenu()
{
    auto menu = std::make_unique<QMenu>(this);
    menu->setObjectName(u"identityProvidersContextMenu"_s);
    menu->addAction(m_addAction);
    menu->addSeparator();
    menu->addAction(m_deleteAction);
    return menu;
}

void IdentityProvidersPage::onContextMenuRequested(const QPoint& position)
{
    PageParts::execContextMenu(m_ui->providersTableView, position, [this] { return createContextMenu(); });
}

// ---------------------------------------------------------------------------
// Tenant and load

void IdentityProvidersPage::setTenant(TenantApi* api)
{
    // Whatever the previous tenant still answers goes nowhere.
    delete m_apiContext;
    m_apiContext = new QObject(this);
    if (m_dialog) {
        m_dialog->setBusy(false);
        delete m_dialog.data();
    }
    delete m_providers;
    m_providers = api ? new IdentityProviderApi(api, this) : nullptr;
    m_api = api;
    m_requests = 0;
    m_loaded = false;
    m_loadFailed = false;
    unsetCursor();
    m_ui->busyProgressBar->hide();
    m_ui->messageWidget->hideMessage();
    m_model->clear();
    updatePlaceholder();
    updateActions();
    if (m_api && isVisible()) {
        reload();
    }
}

void IdentityProvidersPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_model->refreshStates();
    m_stateTimer->start();
    if (m_api && !m_loaded && m_requests == 0) {
        reload();
    }
}

void IdentityProvidersPage::reload()
{
    if (!m_providers || m_requests > 0) {
        return;
    }
    beginRequest();
    const QString keep = selectedProviderId();
    m_providers->list(m_apiContext, [this, keep](const Result<TrustedIdentityProviders>& result) {
        if (!result.ok()) {
            m_loadFailed = true;
            showError(tr("The identity providers could not be loaded."), result.message);
            endRequest(false);
            return;
        }
        m_loaded = true;
        m_loadFailed = false;
        m_model->setProviders(result.value);
        if (!keep.isEmpty()) {
            selectProvider(keep);
        }
        endRequest(true);
    });
}

void IdentityProvidersPage::selectProvider(const QString& idpId)
{
    const QModelIndex index = m_model->indexOf(idpId);
    if (index.isValid()) {
        PageParts::selectRow(m_ui->providersTableView, index);
    }
}

QString IdentityProvidersPage::selectedProviderId() const
{
    const QModelIndexList rows = m_ui->providersTableView->selectionModel()->selectedRows();
    const TrustedIdentityProvider* provider = rows.isEmpty() ? nullptr : m_model->providerAt(rows.constFirst());
    return provider ? provider->idpId : QString();
}

// ---------------------------------------------------------------------------
// State

void IdentityProvidersPage::updatePlaceholder()
{
    m_ui->countLabel->setText(tr("%Ln identity provider(s)", nullptr, m_model->rowCount()));
    QString text;
    if (m_model->rowCount() == 0) {
        if (!m_api) {
            text = tr("Not connected to a tenant.");
        } else if (!m_loaded && m_requests > 0) {
            text = tr("Loading the identity providers…");
        } else if (m_loadFailed) {
            text = tr("The identity providers could not be loaded. Select “Refresh” to try again.");
        } else if (m_loaded) {
            text = tr("No trusted identity providers yet.\nSelect “Add” to trust one from its SAML metadata file or "
                      "its signing certificate;\nits signed assertions can then be exchanged for tokens by API "
                      "Access clients with the SAML 2.0 bearer grant.");
        }
    }
    m_ui->providersTableView->setPlaceholderText(text);
}

void IdentityProvidersPage::updateActions()
{
    const bool idle = m_api && m_requests == 0 && !m_dialog;
    m_addAction->setEnabled(idle);
    m_deleteAction->setEnabled(idle && !selectedProviderId().isEmpty());
    m_refreshAction->setEnabled(m_api && m_requests == 0);
}

void IdentityProvidersPage::beginRequest()
{
    ++m_requests;
    setCursor(Qt::BusyCursor);
    m_ui->busyProgressBar->show();
    updatePlaceholder();
    updateActions();
}

void IdentityProvidersPage::endRequest(bool ok)
{
    m_requests = std::max(0, m_requests - 1);
    if (m_requests == 0) {
        unsetCursor();
        m_ui->busyProgressBar->hide();
    }
    updatePlaceholder();
    updateActions();
    emit requestFinished(ok);
}

void IdentityProvidersPage::showError(const QString& what, const QString& message)
{
    const QString text = message.isEmpty() ? what : what + u' ' + message;
    qCWarning(lcGui).noquote() << text;
    m_ui->messageWidget->setCloseButtonVisible(true);
    m_ui->messageWidget->showMessage(text, MessageWidget::Type::Error);
}

void IdentityProvidersPage::showDone(const QString& text)
{
    m_ui->messageWidget->showMessage(text, MessageWidget::Type::Positive, 8000);
    emit statusMessage(text, StatusTimeoutMs);
}

// ---------------------------------------------------------------------------
// Add and delete

void IdentityProvidersPage::addProvider()
{
    if (m_dialog) {
        m_dialog->raise();
        return;
    }
    if (!m_providers || m_requests > 0) {
        return;
    }
    auto* dialog = new IdentityProviderDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    connect(dialog, &QDialog::finished, this, [this] {
        m_dialog.clear();
        updateActions();
    });
    connect(dialog, &IdentityProviderDialog::submitted, this, [this, dialog] { submit(dialog); });
    updateActions();
    dialog->open();
}

void IdentityProvidersPage::submit(IdentityProviderDialog* dialog)
{
    if (!m_providers) {
        return;
    }
    const QPointer<IdentityProviderDialog> guard(dialog);
    const auto answered = [this, guard](const Result<TrustedIdentityProvider>& result) {
        if (!result.ok()) {
            if (guard) {
                guard->showSaveError(tr("The identity provider was not added: %1").arg(result.message),
                                     result.fieldErrors);
            } else {
                showError(tr("The identity provider was not added."), result.message);
            }
            endRequest(false);
            return;
        }
        qCInfo(lcGui).noquote() << "added identity provider" << result.value.idpId;
        m_model->addProvider(result.value);
        selectProvider(result.value.idpId);
        if (guard) {
            guard->setBusy(false);
            guard->accept();
        }
        showDone(tr("Identity provider “%1” added.").arg(result.value.name));
        endRequest(true);
    };

    if (dialog->source() == IdentityProviderDialog::Source::Metadata) {
        // The file is read here, not in the dialog, and only as much as the tenant takes.
        QFile file(dialog->metadataPath());
        if (!file.open(QIODevice::ReadOnly)) {
            dialog->showSaveError(tr("The metadata file cannot be read."),
                                  {{IdentityProviderDialog::FieldMetadata, file.errorString()}});
            return;
        }
        const QByteArray xml = file.read(IdentityProviderApi::MaximumMetadataSize + 1);
        if (xml.size() > IdentityProviderApi::MaximumMetadataSize) {
            dialog->showSaveError(tr("The metadata file is too large."),
                                  {{IdentityProviderDialog::FieldMetadata,
                                    tr("Metadata files of more than %n byte(s) are not taken.", nullptr,
                                       int(IdentityProviderApi::MaximumMetadataSize))}});
            return;
        }
        dialog->setBusy(true);
        beginRequest();
        m_providers->importMetadata(xml, m_apiContext, answered);
        return;
    }
    dialog->setBusy(true);
    beginRequest();
    m_providers->create(dialog->name(), dialog->entityId(), dialog->certificatePems(), m_apiContext, answered);
}

void IdentityProvidersPage::deleteProvider()
{
    const QModelIndexList rows = m_ui->providersTableView->selectionModel()->selectedRows();
    const TrustedIdentityProvider* selected = rows.isEmpty() ? nullptr : m_model->providerAt(rows.constFirst());
    if (!selected || !m_providers || m_requests > 0 || m_dialog) {
        return;
    }
    const TrustedIdentityProvider provider = *selected;
    const bool confirmed = MessageBox::confirm(
        this, tr("Delete Trusted Identity Provider"),
        tr("Stop trusting the identity provider “%1” (%2)?\n\nAssertions it signs are refused from now on: API Access "
           "clients get no more tokens for its users. This cannot be undone; to trust it again, add it again.")
            .arg(provider.name, provider.entityId),
        tr("Delete"), tr("Cancel"), true);
    if (!confirmed) {
        return;
    }
    beginRequest();
    m_providers->remove(provider.idpId, m_apiContext, [this, provider](const Result<Empty>& result) {
        // Gone already (someone else deleted it): the row goes as well.
        if (!result.ok() && result.status != ResultStatus::NotFound) {
            showError(tr("The identity provider “%1” was not deleted.").arg(provider.name), result.message);
            endRequest(false);
            return;
        }
        qCInfo(lcGui).noquote() << "deleted identity provider" << provider.idpId;
        m_model->removeProvider(provider.idpId);
        showDone(tr("Identity provider “%1” deleted.").arg(provider.name));
        endRequest(true);
    });
}

} // namespace appint
