#include "gui/outbound/OutboundCredentialsPage.h"

#include "core/OutboundCredentialRules.h"
#include "core/TokenServiceUrl.h"
#include "credentials/OutboundCredentialStore.h"
#include "gui/outbound/OutboundCredentialDialog.h"
#include "gui/outbound/OutboundCredentialTableModel.h"
#include "gui/outbound/TokenDisplay.h"
#include "gui/outbound/TokenTestDialog.h"
#include "gui/widgets/ClientTableView.h"
#include "gui/widgets/Clipboard.h"
#include "gui/widgets/Logging.h"
#include "gui/widgets/MessageBox.h"
#include "gui/widgets/MessageWidget.h"
#include "gui/widgets/MiddleElideDelegate.h"
#include "gui/widgets/PageParts.h"
#include "service/TokenCacheFile.h"
#include "service/TokenClient.h"

#include "ui_OutboundCredentialsPage.h"

#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QTimer>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
constexpr int StatusTimeoutMs = 5000;
// The countdowns tick every second; the token cache file is read again every
// few ticks, for tokens that other processes fetched or dropped.
constexpr int CacheRereadTicks = 5;
} // namespace

OutboundCredentialsPage::OutboundCredentialsPage(QSettings* settings, SecretStore* secrets,
                                                 QNetworkAccessManager* network, Clipboard* clipboard,
                                                 const Clock& clock, QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::OutboundCredentialsPage>())
    , m_credentials(settings, secrets)
    , m_clipboard(clipboard)
    , m_clock(clock)
    , m_tokenClient(new TokenClient(network, clock, this))
    , m_tokenCache(std::make_unique<TokenCacheFile>())
    , m_model(new OutboundCredentialTableModel(clock, this))
    , m_countdownTimer(new QTimer(this))
{
    m_ui->setupUi(this);
    setObjectName(u"outboundCredentialsPage"_s);

    PageParts::emphasizeTitle(m_ui->titleLabel);

    ClientTableView* view = m_ui->credentialsTableView;
    view->setSortingEnabled(false); // the settings' order
    view->setModel(m_model);
    view->setItemDelegateForColumn(OutboundCredentialTableModel::ClientIdColumn, new MiddleElideDelegate(view));
    // URLs differ at both ends (host, tenant placeholder, path): elided in the middle.
    view->setItemDelegateForColumn(OutboundCredentialTableModel::TokenServiceUrlColumn, new MiddleElideDelegate(view));
    QHeaderView* header = view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(OutboundCredentialTableModel::TokenServiceUrlColumn, QHeaderView::Stretch);
    header->setStretchLastSection(false);
    const QFontMetrics metrics = fontMetrics();
    const int padding = metrics.averageCharWidth() * 3;
    const int iconSpace = style()->pixelMetric(QStyle::PM_SmallIconSize) + 6;
    // Client IDs are long and alike at both ends: elided in the middle, whole
    // in the tooltip (as in Configured Clients).
    header->resizeSection(OutboundCredentialTableModel::ClientIdColumn,
                          metrics.horizontalAdvance(u"cl-0123456789abcdef01"_s) + padding);
    header->resizeSection(OutboundCredentialTableModel::AuthenticationColumn,
                          metrics.horizontalAdvance(tr("Send as Request Header")) + padding);
    header->resizeSection(OutboundCredentialTableModel::LastTestColumn,
                          metrics.horizontalAdvance(tr("Token received; expires in %1").arg(u"0:00:00"_s)) + padding
                              + iconSpace);
    header->resizeSection(
        OutboundCredentialTableModel::CachedTokenColumn,
        metrics.horizontalAdvance(
            OutboundCredentialTableModel::tr("%1 left, renews in %2").arg(u"00:00:00"_s, u"00:00:00"_s))
            + padding);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex& topLeft) {
        if (topLeft.column() != OutboundCredentialTableModel::LastTestColumn
            && topLeft.column() != OutboundCredentialTableModel::CachedTokenColumn) {
            fitColumns();
        }
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &OutboundCredentialsPage::fitColumns);
    connect(m_model, &QAbstractItemModel::modelReset, this, &OutboundCredentialsPage::fitColumns);

    createActions();

    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &OutboundCredentialsPage::updateActions);
    connect(view, &QAbstractItemView::activated, this, &OutboundCredentialsPage::editCredential);
    connect(view, &QWidget::customContextMenuRequested, this, &OutboundCredentialsPage::onContextMenuRequested);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_model, signal, this, &OutboundCredentialsPage::updatePlaceholder);
    }
    connect(m_model, &QAbstractItemModel::modelReset, this, &OutboundCredentialsPage::updatePlaceholder);

    // The Last Test and Cached Token columns count the tokens' time down.
    m_countdownTimer->setInterval(1000);
    connect(m_countdownTimer, &QTimer::timeout, this, [this] {
        if (++m_ticks % CacheRereadTicks == 0) {
            refreshTokenCache();
        }
        if (m_model->hasCountdown()) {
            m_model->refreshCountdowns();
        } else if (!isVisible()) {
            m_countdownTimer->stop(); // showEvent() starts it again
        }
    });

    reload();
}

OutboundCredentialsPage::~OutboundCredentialsPage() = default;

void OutboundCredentialsPage::fitColumns()
{
    // A handful of rows: the name takes the width of the longest (within
    // reason); the token service URL, the most telling column, takes the rest.
    QHeaderView* header = m_ui->credentialsTableView->horizontalHeader();
    const QFontMetrics metrics = fontMetrics();
    int width
        = std::max(header->sectionSizeHint(OutboundCredentialTableModel::NameColumn), metrics.averageCharWidth() * 14);
    for (int row = 0; row < m_model->rowCount(); ++row) {
        width = std::max(width,
                         metrics.horizontalAdvance(m_model->index(row, 0).data().toString())
                             + metrics.averageCharWidth() * 3);
    }
    header->resizeSection(OutboundCredentialTableModel::NameColumn, std::min(width, metrics.averageCharWidth() * 32));
}

ClientTableView* OutboundCredentialsPage::view() const
{
    return m_ui->credentialsTableView;
}

MessageWidget* OutboundCredentialsPage::messageWidget() const
{
    return m_ui->messageWidget;
}

OutboundCredentialDialog* OutboundCredentialsPage::credentialDialog() const
{
    return m_dialog;
}

TokenTestDialog* OutboundCredentialsPage::testDialog() const
{
    return m_testDialog;
}

void OutboundCredentialsPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // Shown: what other processes cached or dropped meanwhile, then every few seconds.
    refreshTokenCache();
    m_countdownTimer->start();
}

void OutboundCredentialsPage::setTokenCacheFile(const QString& path)
{
    m_tokenCache = std::make_unique<TokenCacheFile>(path);
    refreshTokenCache();
}

void OutboundCredentialsPage::refreshTokenCache()
{
    QHash<QString, OutboundCredentialTableModel::CachedTokenInfo> byName;
    const QList<CachedToken> entries = m_tokenCache->entries();
    for (const CachedToken& entry : entries) {
        const QModelIndex index = m_model->indexOf(entry.name);
        // A token fetched for other settings of that name is not this credential's.
        if (!index.isValid() || TokenCacheFile::fingerprint(*m_model->credentialAt(index)) != entry.fingerprint) {
            continue;
        }
        byName.insert(entry.name, {entry.token.expiresAt(), entry.renewAt(), entry.hits, entry.fetches});
    }
    m_model->setCachedTokens(byName);
    const QStringList warnings = m_tokenCache->takeWarnings();
    if (!warnings.isEmpty()) {
        qCWarning(lcGui).noquote() << warnings.join(u' ');
        m_ui->messageWidget->showMessage(warnings.join(u'\n'), MessageWidget::Type::Warning);
    }
    if (m_model->hasCountdown() && !m_countdownTimer->isActive()) {
        m_countdownTimer->start();
    }
    updateActions();
}

void OutboundCredentialsPage::dropCachedToken()
{
    const OutboundCredential* selected = selectedCredential();
    if (!selected) {
        return;
    }
    const QString name = selected->name;
    const bool dropped = m_tokenCache->drop(name);
    qCInfo(lcGui).noquote() << "dropped the cached token of outbound credential" << name << dropped;
    refreshTokenCache();
    if (dropped) {
        showDone(tr("The cached token of “%1” was dropped; the next request fetches a new one.").arg(name));
    }
}

void OutboundCredentialsPage::createActions()
{
    const auto make = [this](const QString& name, const QString& text, const QString& icon) {
        return PageParts::createAction(this, name, text, icon);
    };
    m_addAction = make(u"addOutboundCredentialAction"_s, tr("Add"), u"list-add"_s);
    m_addAction->setToolTip(tr("Add an outbound credential"));
    m_addAction->setShortcut(QKeySequence::New);
    m_editAction = make(u"editOutboundCredentialAction"_s, tr("Edit"), u"document-edit"_s);
    m_editAction->setToolTip(tr("Edit the selected credential; the secret must be entered again"));
    m_deleteAction = make(u"deleteOutboundCredentialAction"_s, tr("Delete"), u"edit-delete"_s);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_testAction = make(u"testOutboundCredentialAction"_s, tr("Test"), u"token-test"_s);
    m_testAction->setToolTip(tr("Fetch a token with the selected credential and show it"));
    m_testAction->setShortcut(Qt::CTRL | Qt::Key_T);
    m_refreshAction = make(u"refreshOutboundCredentialsAction"_s, tr("Refresh"), u"view-refresh"_s);
    m_refreshAction->setToolTip(tr("Read the saved credentials again"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_dropCacheAction = make(u"dropCachedTokenAction"_s, tr("Drop Cached Token"), u"token-drop"_s);
    m_dropCacheAction->setToolTip(tr("Forget the token cached for the selected credential, here and for "
                                     "appint token; the next request fetches a new one"));
    for (QAction* action : {m_addAction, m_editAction, m_testAction, m_refreshAction}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    }
    m_deleteAction->setShortcutContext(Qt::WidgetShortcut);
    m_ui->credentialsTableView->addAction(m_deleteAction);

    connect(m_addAction, &QAction::triggered, this, &OutboundCredentialsPage::addCredential);
    connect(m_editAction, &QAction::triggered, this, &OutboundCredentialsPage::editCredential);
    connect(m_deleteAction, &QAction::triggered, this, &OutboundCredentialsPage::deleteCredential);
    connect(m_testAction, &QAction::triggered, this, &OutboundCredentialsPage::testCredential);
    connect(m_refreshAction, &QAction::triggered, this, &OutboundCredentialsPage::reload);
    connect(m_dropCacheAction, &QAction::triggered, this, &OutboundCredentialsPage::dropCachedToken);

    m_toolBar = PageParts::createToolBar(this, u"outboundCredentialsToolBar"_s);
    m_toolBar->addAction(m_addAction);
    m_toolBar->addAction(m_editAction);
    m_toolBar->addAction(m_deleteAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_testAction);
    m_toolBar->addAction(m_dropCacheAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_refreshAction);
    m_ui->toolbarLayout->insertWidget(0, m_toolBar);
}

std::unique_ptr<QMenu> OutboundCredentialsPage::createContextMenu()
{
    auto menu = std::make_unique<QMenu>(this);
    menu->setObjectName(u"outboundCredentialsContextMenu"_s);
    menu->addAction(m_addAction);
    menu->addSeparator();
    menu->addAction(m_editAction);
    menu->addAction(m_deleteAction);
    menu->addSeparator();
    menu->addAction(m_testAction);
    menu->addAction(m_dropCacheAction);
    return menu;
}

void OutboundCredentialsPage::onContextMenuRequested(const QPoint& position)
{
    PageParts::execContextMenu(m_ui->credentialsTableView, position, [this] { return createContextMenu(); });
}

// ---------------------------------------------------------------------------
// State

void OutboundCredentialsPage::reload()
{
    const QString keep = selectedCredential() ? selectedCredential()->name : QString();
    m_model->setCredentials(m_credentials.settings().credentials());
    if (!keep.isEmpty()) {
        selectCredential(keep);
    }
    m_ui->countLabel->setText(tr("%Ln credential(s)", nullptr, m_model->rowCount()));
    updatePlaceholder();
    refreshTokenCache();
}

const OutboundCredential* OutboundCredentialsPage::selectedCredential() const
{
    const QModelIndexList rows = m_ui->credentialsTableView->selectionModel()->selectedRows();
    return rows.isEmpty() ? nullptr : m_model->credentialAt(rows.constFirst());
}

void OutboundCredentialsPage::selectCredential(const QString& name)
{
    const QModelIndex index = m_model->indexOf(name);
    if (!index.isValid()) {
        return;
    }
    PageParts::selectRow(m_ui->credentialsTableView, index);
}

void OutboundCredentialsPage::updatePlaceholder()
{
    m_ui->countLabel->setText(tr("%Ln credential(s)", nullptr, m_model->rowCount()));
    m_ui->credentialsTableView->setPlaceholderText(
        m_model->rowCount() > 0
            ? QString()
            : tr("No outbound credentials yet.\nSelect “Add” to save the token service URL, client ID and secret of "
                 "an OAuth client you fetch tokens with,\nor pick a client in App Integration and choose “Create "
                 "Outbound Credential…” from its context menu."));
}

void OutboundCredentialsPage::updateActions()
{
    const bool selected = selectedCredential() != nullptr;
    const bool idle = m_operations == 0 && !m_dialog;
    m_addAction->setEnabled(idle);
    m_editAction->setEnabled(selected && idle);
    m_deleteAction->setEnabled(selected && idle);
    m_testAction->setEnabled(selected && idle && !(m_testDialog && m_testDialog->isRunning()));
    m_refreshAction->setEnabled(idle);
    m_dropCacheAction->setEnabled(selected && m_model->cachedToken(selectedCredential()->name).has_value());
}

void OutboundCredentialsPage::beginOperation()
{
    ++m_operations;
    setCursor(Qt::BusyCursor);
    updateActions();
}

void OutboundCredentialsPage::endOperation(bool ok)
{
    m_operations = std::max(0, m_operations - 1);
    if (m_operations == 0) {
        unsetCursor();
    }
    updateActions();
    emit operationFinished(ok);
}

void OutboundCredentialsPage::showError(const QString& text)
{
    qCWarning(lcGui).noquote() << text;
    m_ui->messageWidget->showMessage(text, MessageWidget::Type::Error);
}

void OutboundCredentialsPage::showDone(const QString& text)
{
    m_ui->messageWidget->showMessage(text, MessageWidget::Type::Positive, 8000);
    emit statusMessage(text, StatusTimeoutMs);
}

QStringList OutboundCredentialsPage::takenNames(const QString& except) const
{
    QStringList names = m_credentials.settings().names();
    names.removeIf([&](const QString& name) { return name.compare(except, Qt::CaseInsensitive) == 0; });
    return names;
}

QString OutboundCredentialsPage::nameSuggestion(const QString& clientName) const
{
    // The client's name in the characters a credential name allows.
    QString base;
    for (QChar c : clientName.trimmed()) {
        const bool allowed = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
            || c == u'_' || c == u'-' || c == u'.';
        if (allowed) {
            base += c;
        } else if (!base.isEmpty() && !base.endsWith(u'-')) {
            base += u'-';
        }
    }
    while (base.endsWith(u'-')) {
        base.chop(1);
    }
    base = base.left(OutboundCredentialRules::NameMaxLength - 4);
    if (base.isEmpty()) {
        base = u"credential"_s;
    }
    const QStringList taken = m_credentials.settings().names();
    QString name = base;
    for (int i = 2; taken.contains(name, Qt::CaseInsensitive); ++i) {
        name = base + u'-' + QString::number(i);
    }
    return name;
}

// ---------------------------------------------------------------------------
// Add, edit, delete

void OutboundCredentialsPage::openDialog(OutboundCredentialDialog* dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    connect(dialog, &QDialog::finished, this, [this] {
        m_dialog.clear();
        updateActions();
    });
    connect(dialog, &OutboundCredentialDialog::submitted, this, [this, dialog] { save(dialog); });
    updateActions();
    dialog->open();
}

void OutboundCredentialsPage::addCredential()
{
    if (m_dialog) {
        m_dialog->raise();
        return;
    }
    if (m_operations > 0) {
        return;
    }
    openDialog(new OutboundCredentialDialog(OutboundCredentialDialog::Mode::Add, OutboundCredential(),
                                            takenNames(QString()), this));
}

void OutboundCredentialsPage::createFromClient(const QString& tokenUrl, const QString& clientId,
                                               const QString& clientName)
{
    if (m_dialog) {
        m_dialog->raise();
        return;
    }
    if (m_operations > 0) {
        return;
    }
    OutboundCredential credential;
    credential.name = nameSuggestion(clientName.isEmpty() ? clientId : clientName);
    credential.description = clientName.isEmpty() ? QString() : tr("Client “%1”").arg(clientName);
    credential.tokenServiceUrl = tokenUrl;
    credential.clientId = clientId;
    openDialog(
        new OutboundCredentialDialog(OutboundCredentialDialog::Mode::Add, credential, takenNames(QString()), this));
}

void OutboundCredentialsPage::editCredential()
{
    const OutboundCredential* selected = selectedCredential();
    if (!selected || m_dialog || m_operations > 0) {
        return;
    }
    openDialog(new OutboundCredentialDialog(OutboundCredentialDialog::Mode::Edit, *selected, takenNames(selected->name),
                                            this));
}

void OutboundCredentialsPage::save(OutboundCredentialDialog* dialog)
{
    const OutboundCredential credential = dialog->credential();
    const bool editing = dialog->mode() == OutboundCredentialDialog::Mode::Edit;
    const QString previousName = editing ? dialog->originalName() : QString();
    // The settings may have changed since the dialog opened (the command line).
    const FieldErrors errors = OutboundCredentialRules::check(credential, takenNames(previousName));
    if (!errors.isEmpty()) {
        dialog->showSaveError(tr("The credential was not saved."), errors);
        return;
    }
    dialog->setBusy(true);
    beginOperation();

    const QPointer<OutboundCredentialDialog> guard(dialog);
    // The keychain, then the settings, undone when they cannot be written
    // (credentials/OutboundCredentialStore).
    std::optional<OutboundCredential> original;
    if (const QModelIndex index = m_model->indexOf(previousName); editing && index.isValid()) {
        original = *m_model->credentialAt(index);
    }
    m_credentials.save(
        credential, dialog->secrets(), previousName, original, this,
        [this, guard, credential, previousName](const OutboundCredentialStore::SaveOutcome& outcome) {
            switch (outcome.failedAt) {
            case OutboundCredentialStore::Step::KeychainRead:
                if (guard) {
                    guard->showSaveError(tr("The credential was not saved: the system keychain cannot be read. %1")
                                             .arg(outcome.keychain.message));
                }
                endOperation(false);
                return;
            case OutboundCredentialStore::Step::KeychainWrite:
                if (guard) {
                    guard->showSaveError(
                        tr("The credential was not saved: the system keychain did not take the secret. %1")
                            .arg(outcome.keychain.message));
                }
                endOperation(false);
                return;
            case OutboundCredentialStore::Step::Settings: {
                QString message = tr("The credential was not saved: %1").arg(outcome.saved.message);
                if (outcome.undone && !outcome.undone->ok()) {
                    message += u' '
                        + tr("Its new secret could not be taken back out of the system keychain: %1")
                              .arg(outcome.undone->message);
                }
                if (guard) {
                    guard->showSaveError(message, outcome.saved.fieldErrors);
                }
                endOperation(false);
                return;
            }
            case OutboundCredentialStore::Step::Done:
                break;
            }
            if (guard) {
                finishSave(guard, credential, previousName, outcome.oldRemoved);
            } else {
                endOperation(true);
            }
        });
}

void OutboundCredentialsPage::finishSave(OutboundCredentialDialog* dialog, const OutboundCredential& credential,
                                         const QString& previousName, const std::optional<KeychainResult>& oldRemoved)
{
    qCInfo(lcGui).noquote() << (previousName.isEmpty() ? "saved outbound credential" : "updated outbound credential")
                            << credential.name;
    if (previousName.isEmpty()) {
        m_model->addCredential(credential);
    } else {
        m_model->updateCredential(previousName, credential);
        if (previousName.compare(credential.name, Qt::CaseInsensitive) != 0) {
            m_tokenCache->drop(previousName); // renamed: nobody asks for that name's token again
        }
        refreshTokenCache();
    }
    selectCredential(credential.name);
    dialog->setBusy(false);
    dialog->accept();
    if (!oldRemoved) {
        showDone(tr("Outbound credential “%1” saved.").arg(credential.name));
    } else if (oldRemoved->ok()) {
        // Renamed: the old keychain entry went last, once the new one was in place.
        showDone(tr("Outbound credential “%1” saved (renamed from “%2”).").arg(credential.name, previousName));
    } else {
        showError(tr("Outbound credential “%1” saved, but the secret saved as “%2” could not be removed from the "
                     "system keychain: %3")
                      .arg(credential.name, previousName, oldRemoved->message));
    }
    endOperation(true);
}

void OutboundCredentialsPage::deleteCredential()
{
    const OutboundCredential* selected = selectedCredential();
    if (!selected || m_dialog || m_operations > 0) {
        return;
    }
    const OutboundCredential credential = *selected;
    const bool confirmed = MessageBox::confirm(
        this, tr("Delete Outbound Credential"),
        tr("Delete the outbound credential “%1”?\n\nIts secret is removed from the system keychain, and scripts that "
           "use it (appint token --credential %1) stop working. This cannot be undone.")
            .arg(credential.name),
        tr("Delete"), tr("Cancel"), true);
    if (!confirmed) {
        return;
    }
    beginOperation();
    // The keychain entry, then the settings; the secret is put back when the
    // settings cannot be written (credentials/OutboundCredentialStore).
    m_credentials.remove(credential, this, [this, credential](const OutboundCredentialStore::RemoveOutcome& outcome) {
        switch (outcome.failedAt) {
        case OutboundCredentialStore::Step::KeychainRead:
            showError(tr("The credential “%1” was not deleted: the system keychain cannot be read. %2")
                          .arg(credential.name, outcome.keychain.message));
            endOperation(false);
            return;
        case OutboundCredentialStore::Step::KeychainWrite:
            showError(tr("The credential “%1” was not deleted: its secret could not be removed from the system "
                         "keychain. %2")
                          .arg(credential.name, outcome.keychain.message));
            endOperation(false);
            return;
        case OutboundCredentialStore::Step::Settings: {
            QString message
                = tr("The credential “%1” was not deleted: %2").arg(credential.name, outcome.removed.message);
            if (outcome.restored && !outcome.restored->ok()) {
                message += u' '
                    + tr("Its secret could not be put back into the system keychain: %1")
                          .arg(outcome.restored->message);
            }
            showError(message);
            reload();
            endOperation(false);
            return;
        }
        case OutboundCredentialStore::Step::Done:
            break;
        }
        qCInfo(lcGui).noquote() << "deleted outbound credential" << credential.name;
        m_model->removeCredential(credential.name);
        m_tokenCache->drop(credential.name);
        showDone(tr("Outbound credential “%1” deleted.").arg(credential.name));
        endOperation(true);
    });
}

// ---------------------------------------------------------------------------
// Test

void OutboundCredentialsPage::testCredential()
{
    const OutboundCredential* selected = selectedCredential();
    if (!selected || m_operations > 0) {
        return;
    }
    const OutboundCredential credential = *selected;
    if (m_testDialog && m_testDialog->credentialName() != credential.name) {
        m_testDialog->close();
    }
    if (!m_testDialog) {
        auto* dialog = new TokenTestDialog(credential.name, m_clipboard, m_clock, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        m_testDialog = dialog;
        const QString name = credential.name;
        connect(dialog, &TokenTestDialog::testAgainRequested, this, [this, name] {
            // The credential as saved now (it may have been edited).
            const QModelIndex index = m_model->indexOf(name);
            if (index.isValid()) {
                runTest(*m_model->credentialAt(index), true);
            }
        });
        connect(dialog, &QDialog::finished, this, &OutboundCredentialsPage::updateActions);
        dialog->show();
    }
    m_testDialog->raise();
    runTest(credential, false);
}

void OutboundCredentialsPage::runTest(const OutboundCredential& credential, bool fresh)
{
    if (m_testDialog && m_testDialog->isRunning()) {
        return;
    }
    const QString name = credential.name;
    if (!fresh) {
        if (const std::optional<AccessToken> cached = m_tokenCache->take(credential, m_clock.now())) {
            // Answered later, as a fetched token is: never inside this call.
            m_model->setTestOutcome(name, {OutboundCredentialTableModel::TestState::Running, 0, {}, {}});
            QMetaObject::invokeMethod(
                this,
                [this, name, token = *cached] {
                    qCInfo(lcGui).noquote() << "test of outbound credential" << name << "reused the cached token";
                    m_model->setTestOutcome(
                        name, {OutboundCredentialTableModel::TestState::Succeeded, token.expiresAt(), {}, {}});
                    if (m_testDialog && m_testDialog->credentialName() == name) {
                        m_testDialog->showCachedToken(token);
                    }
                    refreshTokenCache();
                    m_countdownTimer->start();
                    emit testFinished(name, true);
                },
                Qt::QueuedConnection);
            return;
        }
    }
    const TokenServiceUrl::Resolved resolved = TokenServiceUrl::resolve(credential);
    if (m_testDialog) {
        m_testDialog->showRunning(resolved.error.isEmpty() ? resolved.url.toDisplayString()
                                                           : credential.tokenServiceUrl);
    }
    m_model->setTestOutcome(name, {OutboundCredentialTableModel::TestState::Running, 0, {}, {}});
    updateActions();

    const auto fail = [this, name](const QString& summary, const QString& message) {
        m_model->setTestOutcome(name, {OutboundCredentialTableModel::TestState::Failed, 0, summary, message});
        if (m_testDialog && m_testDialog->credentialName() == name) {
            m_testDialog->showFailure(message);
        }
        updateActions();
        emit testFinished(name, false);
    };
    m_credentials.readSecrets(
        name, this, [this, credential, name, fail](const OutboundCredentialStore::SecretsOutcome& stored) {
            if (stored.read.status == KeychainStatus::NotFound) {
                fail(tr("secret missing"),
                     tr("The secret of “%1” is not in the system keychain. Edit the credential "
                        "and enter the secret again.")
                         .arg(name));
                return;
            }
            if (!stored.ok()) {
                fail(tr("keychain"),
                     tr("The secret of “%1” cannot be read from the system keychain. %2")
                         .arg(name, stored.read.message));
                return;
            }
            const OutboundSecrets& secrets = stored.secrets;
            qCInfo(lcGui).noquote() << "testing outbound credential" << name;
            m_tokenClient->fetch(
                credential, secrets, this,
                [this, credential, name](const Result<AccessToken>& result, const RedactedRequest& sent) {
                    OutboundCredentialTableModel::TestOutcome outcome;
                    if (result.ok()) {
                        m_tokenCache->store(credential, result.value, m_clock.now());
                        refreshTokenCache();
                        outcome.state = OutboundCredentialTableModel::TestState::Succeeded;
                        outcome.expiresAt = result.value.expiresAt();
                        m_countdownTimer->start();
                    } else {
                        outcome.state = OutboundCredentialTableModel::TestState::Failed;
                        outcome.summary = TokenDisplay::failureSummary(result);
                        outcome.message = result.message;
                    }
                    qCInfo(lcGui).noquote() << "test of outbound credential" << name
                                            << (result.ok() ? u"succeeded"_s : u"failed: "_s + outcome.summary);
                    m_model->setTestOutcome(name, outcome);
                    if (m_testDialog && m_testDialog->credentialName() == name) {
                        m_testDialog->showResult(result, sent);
                    } else if (result.ok()) {
                        // Nobody looks at it: the token goes at once.
                        Secret token = result.value.value;
                        token.wipe();
                    }
                    updateActions();
                    emit testFinished(name, result.ok());
                });
        });
}

} // namespace appint
