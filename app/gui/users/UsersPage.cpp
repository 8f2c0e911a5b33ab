#include "gui/users/UsersPage.h"

#include "core/BidiText.h"
#include "core/ClientQuery.h"
#include "gui/users/UserDialog.h"
#include "gui/users/UserTableModel.h"
#include "gui/widgets/ClientTableView.h"
#include "gui/widgets/Logging.h"
#include "gui/widgets/MessageBox.h"
#include "gui/widgets/MessageWidget.h"
#include "gui/widgets/PageParts.h"
#include "service/AdminSession.h"
#include "service/TenantApi.h"
#include "service/UserApi.h"

#include "ui_UsersPage.h"

#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
constexpr int StatusTimeoutMs = 5000;
// Users, roles, spaces and the technical users' IDs.
constexpr int LoadParts = 4;
} // namespace

UsersPage::UsersPage(TenantApi* api, Clipboard* clipboard, QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::UsersPage>())
    , m_clipboard(clipboard)
    , m_model(new UserTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    m_ui->setupUi(this);
    setObjectName(u"usersPage"_s);
    PageParts::emphasizeTitle(m_ui->titleLabel);
    m_ui->busyProgressBar->hide();

    m_proxy->setObjectName(u"usersProxyModel"_s);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(UserTableModel::FilterTextRole);
    m_proxy->setFilterKeyColumn(UserTableModel::UserNameColumn);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortLocaleAware(true);

    ClientTableView* view = m_ui->usersTableView;
    view->setModel(m_proxy);
    view->setSortingEnabled(true);
    view->sortByColumn(UserTableModel::UserNameColumn, Qt::AscendingOrder);
    view->verticalHeader()->hide();
    QHeaderView* header = view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(UserTableModel::RolesColumn, QHeaderView::Stretch);
    const QFontMetrics metrics = fontMetrics();
    const int padding = metrics.averageCharWidth() * 3;
    // Room for most user IDs (at most 20 characters; longer ones in the tooltip).
    header->resizeSection(UserTableModel::UserNameColumn, metrics.horizontalAdvance(u"ABCDEFGHIJKLMNOP"_s) + padding);
    header->resizeSection(UserTableModel::DisplayNameColumn, metrics.averageCharWidth() * 26 + padding);
    header->resizeSection(UserTableModel::EmailColumn, metrics.averageCharWidth() * 30 + padding);
    header->resizeSection(UserTableModel::ActiveColumn,
                          std::max(metrics.horizontalAdvance(UserTableModel::tr("Deactivated")),
                                   metrics.horizontalAdvance(UserTableModel::tr("Status")))
                              + padding * 2);

    createActions();

    connect(m_ui->filterLineEdit, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setFilterFixedString(text.trimmed().toLower());
        updatePlaceholder();
    });
    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &UsersPage::updateActions);
    connect(view, &QAbstractItemView::activated, this, &UsersPage::editUser);
    connect(view, &QWidget::customContextMenuRequested, this, [this](const QPoint& position) {
        PageParts::execContextMenu(m_ui->usersTableView, position, [this] { return createContextMenu(); });
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_proxy, signal, this, &UsersPage::updatePlaceholder);
    }
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &UsersPage::updatePlaceholder);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &UsersPage::updateActions);

    setTenant(api);
}

UsersPage::~UsersPage()
{
    // An open dialog goes with the page: it has no actions to update then.
    if (m_dialog) {
        disconnect(m_dialog, nullptr, this, nullptr);
    }
    if (m_userApi) {
        m_userApi->cancelAll();
    }
}

ClientTableView* UsersPage::view() const
{
    return m_ui->usersTableView;
}

MessageWidget* UsersPage::messageWidget() const
{
    return m_ui->messageWidget;
}

UserDialog* UsersPage::dialog() const
{
    return m_dialog;
}

void UsersPage::createActions()
{
    const auto make = [this](const QString& name, const QString& text, const QString& icon) {
        return PageParts::createAction(this, name, text, icon);
    };
    m_addAction = make(u"addUserAction"_s, tr("Add"), u"list-add"_s);
    m_addAction->setToolTip(tr("Add a user"));
    m_addAction->setShortcut(QKeySequence::New);
    m_editAction = make(u"editUserAction"_s, tr("Edit"), u"document-edit"_s);
    m_editAction->setToolTip(tr("Change the selected user's display name, e-mail address and roles"));
    m_toggleActiveAction = make(u"toggleActiveUserAction"_s, tr("Deactivate"), QString());
    m_deleteAction = make(u"deleteUserAction"_s, tr("Delete"), u"edit-delete"_s);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_resetPasswordAction = make(u"resetPasswordAction"_s, tr("Reset Password"), QString());
    m_resetPasswordAction->setToolTip(tr("Set a new password for the selected user"));
    m_refreshAction = make(u"refreshUsersAction"_s, tr("Refresh"), u"view-refresh"_s);
    m_refreshAction->setToolTip(tr("Load the users again"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    for (QAction* action : {m_addAction, m_editAction, m_refreshAction}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    }
    m_deleteAction->setShortcutContext(Qt::WidgetShortcut);
    m_ui->usersTableView->addAction(m_deleteAction);

    connect(m_addAction, &QAction::triggered, this, &UsersPage::addUser);
    connect(m_editAction, &QAction::triggered, this, &UsersPage::editUser);
    connect(m_toggleActiveAction, &QAction::triggered, this, &UsersPage::toggleActive);
    connect(m_deleteAction, &QAction::triggered, this, &UsersPage::deleteUser);
    connect(m_resetPasswordAction, &QAction::triggered, this, &UsersPage::resetPassword);
    connect(m_refreshAction, &QAction::triggered, this, &UsersPage::reload);

    m_toolBar = PageParts::createToolBar(this, u"usersToolBar"_s);
    m_toolBar->addAction(m_addAction);
    m_toolBar->addAction(m_editAction);
    m_toolBar->addAction(m_toggleActiveAction);
    m_toolBar->addAction(m_deleteAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_resetPasswordAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_refreshAction);
    m_ui->toolbarLayout->insertWidget(0, m_toolBar);
}

std::unique_ptr<QMenu> UsersPage::createContextMenu()
{
    auto menu = std::make_unique<QMenu>(this);
    menu->setObjectName(u"usersContextMenu"_s);
    menu->addAction(m_addAction);
    menu->addSeparator();
    menu->addAction(m_editAction);
    menu->addAction(m_toggleActiveAction);
    menu->addAction(m_resetPasswordAction);
    menu->addSeparator();
    menu->addAction(m_deleteAction);
    return menu;
}

// ---------------------------------------------------------------------------
// State

void UsersPage::setTenant(TenantApi* api)
{
    ++m_generation;
    if (m_userApi) {
        m_userApi->cancelAll();
        m_userApi->deleteLater();
        m_userApi = nullptr;
    }
    if (m_dialog) {
        m_dialog->setBusy(false);
        m_dialog->reject();
    }
    m_api = api;
    if (api && api->session()) {
        m_userApi = new UserApi(api->session(), this);
    }
    m_model->clear();
    m_roles.clear();
    m_spaces.clear();
    m_technicalUserIds.clear();
    m_loaded = false;
    m_loadParts = 0;
    m_requests = 0;
    m_ui->messageWidget->hideMessage();
    m_ui->busyProgressBar->hide();
    updatePlaceholder();
    updateActions();
    if (isVisible() && m_api) {
        reload();
    }
}

void UsersPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // Loads when first shown, and when shown again after a tenant switch.
    if (!m_loaded && m_loadParts == 0 && m_api) {
        reload();
    }
}

void UsersPage::reload()
{
    if (!m_api || !m_userApi || m_loadParts > 0) {
        return;
    }
    const int generation = m_generation;
    m_loadParts = LoadParts;
    m_loadFailed = false;
    beginRequest();
    updatePlaceholder();
    const QString keep = selectedUser() ? selectedUser()->id : QString();

    m_userApi->listUsers(this, [this, generation, keep](const Result<Users>& result) {
        if (generation != m_generation) {
            return;
        }
        if (result.ok()) {
            m_model->setUsers(result.value);
            if (!keep.isEmpty()) {
                selectUser(keep);
            }
        } else {
            showError(tr("The users could not be loaded. %1").arg(result.message));
        }
        finishLoadPart(result.ok());
    });
    m_api->roles(this, [this, generation](const Result<Roles>& result) {
        if (generation != m_generation) {
            return;
        }
        if (result.ok()) {
            m_roles = result.value;
        } else {
            showError(tr("The tenant's roles could not be loaded. %1").arg(result.message));
        }
        finishLoadPart(result.ok());
    });
    m_api->spaces(this, [this, generation](const Result<Spaces>& result) {
        if (generation != m_generation) {
            return;
        }
        if (result.ok()) {
            m_spaces = result.value;
        }
        finishLoadPart(result.ok());
    });
    ClientQuery technical;
    technical.purpose = Purpose::Technical;
    auto ids = std::make_shared<QSet<QString>>();
    m_api->loadAllClients(
        technical, this,
        [ids](const ClientPage& page) {
            for (const Client& client : page.items) {
                if (!client.userId.isEmpty()) {
                    ids->insert(client.userId);
                }
            }
        },
        [this, generation, ids](const Result<qint64>& result) {
            if (generation != m_generation) {
                return;
            }
            if (result.ok()) {
                m_technicalUserIds = *ids;
            } else {
                showError(tr("The technical users' IDs could not be loaded; a taken user ID shows only when you "
                             "add the user. %1")
                              .arg(result.message));
            }
            finishLoadPart(result.ok());
        });
}

void UsersPage::finishLoadPart(bool ok)
{
    m_loadFailed = m_loadFailed || !ok;
    if (--m_loadParts > 0) {
        return;
    }
    m_loaded = true;
    endRequest();
    if (!m_loadFailed) {
        m_ui->messageWidget->hideMessage();
    }
    updatePlaceholder();
    emit loaded(!m_loadFailed);
}

const User* UsersPage::selectedUser() const
{
    const QModelIndexList rows = m_ui->usersTableView->selectionModel()->selectedRows();
    return rows.isEmpty() ? nullptr : m_model->userAt(m_proxy->mapToSource(rows.constFirst()));
}

void UsersPage::selectUser(const QString& id)
{
    const QModelIndex index = m_proxy->mapFromSource(m_model->indexOf(id));
    if (index.isValid()) {
        PageParts::selectRow(m_ui->usersTableView, index);
    }
}

QString UsersPage::userNameTaken(const QString& userName) const
{
    if (m_technicalUserIds.contains(userName)) {
        return tr("%1 is the user ID of a technical user (an OAuth client); user IDs are unique in the tenant.")
            .arg(userName);
    }
    if (m_model->hasUserName(userName)) {
        return tr("Another user has the user ID %1.").arg(userName);
    }
    return {};
}

void UsersPage::updatePlaceholder()
{
    const int shown = m_proxy->rowCount();
    const int all = m_model->rowCount();
    m_ui->countLabel->setText(shown == all ? tr("%Ln user(s)", nullptr, all)
                                           : tr("%1 of %Ln user(s)", nullptr, all).arg(shown));
    QString text;
    if (shown == 0) {
        if (!m_api) {
            text = tr("Not connected to a tenant.");
        } else if (m_loadParts > 0) {
            text = tr("Loading the users…");
        } else if (all > 0) {
            text = tr("No user matches “%1”.").arg(m_ui->filterLineEdit->text().trimmed());
        } else if (m_loaded && !m_loadFailed) {
            text = tr("No users yet.\nSelect “Add” to add a person who signs in with their browser through an "
                      "Interactive Usage client.");
        }
    }
    m_ui->usersTableView->setPlaceholderText(text);
}

void UsersPage::updateActions()
{
    const User* selected = selectedUser();
    const bool idle = m_api && m_userApi && m_requests == 0 && !m_dialog;
    m_addAction->setEnabled(idle);
    m_editAction->setEnabled(idle && selected);
    m_toggleActiveAction->setEnabled(idle && selected);
    m_deleteAction->setEnabled(idle && selected);
    m_resetPasswordAction->setEnabled(idle && selected);
    m_refreshAction->setEnabled(m_api && m_userApi && m_requests == 0);
    const bool active = !selected || selected->active;
    m_toggleActiveAction->setText(active ? tr("Deactivate") : tr("Activate"));
    m_toggleActiveAction->setToolTip(active ? tr("Stop the selected user from signing in; their sign-ins end at once")
                                            : tr("Let the selected user sign in again"));
}

void UsersPage::beginRequest()
{
    ++m_requests;
    m_ui->busyProgressBar->show();
    updateActions();
}

void UsersPage::endRequest()
{
    m_requests = std::max(0, m_requests - 1);
    m_ui->busyProgressBar->setVisible(m_requests > 0);
    updateActions();
}

void UsersPage::showError(const QString& text)
{
    qCWarning(lcGui).noquote() << "users:" << text;
    m_ui->messageWidget->showMessage(text, MessageWidget::Type::Error);
}

void UsersPage::showDone(const QString& text)
{
    m_ui->messageWidget->showMessage(text, MessageWidget::Type::Positive, StatusTimeoutMs);
    emit statusMessage(text, StatusTimeoutMs);
}

// ---------------------------------------------------------------------------
// Actions

void UsersPage::openDialog(UserDialog* dialog)
{
    m_dialog = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &UserDialog::submitted, this, [this, dialog] { save(dialog); });
    connect(dialog, &QObject::destroyed, this, &UsersPage::updateActions);
    updateActions();
    dialog->open();
}

void UsersPage::addUser()
{
    if (!m_addAction->isEnabled()) {
        return;
    }
    UserDialogContext context{m_roles, m_spaces, [this](const QString& name) { return userNameTaken(name); },
                              m_clipboard};
    openDialog(new UserDialog(context, this));
}

void UsersPage::editUser()
{
    const User* selected = selectedUser();
    if (!selected || !m_editAction->isEnabled()) {
        return;
    }
    UserDialogContext context{m_roles, m_spaces, {}, m_clipboard};
    openDialog(new UserDialog(context, *selected, UserDialog::Mode::Edit, this));
}

void UsersPage::resetPassword()
{
    const User* selected = selectedUser();
    if (!selected || !m_resetPasswordAction->isEnabled()) {
        return;
    }
    UserDialogContext context{m_roles, m_spaces, {}, m_clipboard};
    openDialog(new UserDialog(context, *selected, UserDialog::Mode::ResetPassword, this));
}

void UsersPage::save(UserDialog* dialog)
{
    if (!m_userApi) {
        return;
    }
    const int generation = m_generation;
    QPointer<UserDialog> guard(dialog);
    dialog->setBusy(true);
    beginRequest();
    const User user = dialog->user();
    const UserDialog::Mode mode = dialog->mode();
    auto finish = [this, generation, guard, mode](const Result<User>& result) {
        if (generation != m_generation) {
            return;
        }
        endRequest();
        if (!result.ok()) {
            if (guard) {
                guard->showServerErrors(result.message, result.fieldErrors);
            } else {
                showError(result.message);
            }
            emit operationFinished(false);
            return;
        }
        const QString name = BidiText::isolate(result.value.userName);
        switch (mode) {
        case UserDialog::Mode::Add:
            m_model->addUser(result.value);
            selectUser(result.value.id);
            showDone(tr("The user %1 was added.").arg(name));
            break;
        case UserDialog::Mode::Edit:
            m_model->updateUser(result.value);
            showDone(tr("The user %1 was saved.").arg(name));
            break;
        case UserDialog::Mode::ResetPassword:
            m_model->updateUser(result.value);
            showDone(tr("The password of %1 was set.").arg(name));
            break;
        }
        if (guard) {
            guard->setBusy(false);
            guard->accept();
        }
        emit operationFinished(true);
    };
    switch (mode) {
    case UserDialog::Mode::Add: {
        Secret password = dialog->password();
        m_userApi->createUser(user, password, this, finish);
        password = Secret();
        break;
    }
    case UserDialog::Mode::Edit:
        m_userApi->updateUser(dialog->original(), user, this, finish);
        break;
    case UserDialog::Mode::ResetPassword: {
        Secret password = dialog->password();
        m_userApi->resetPassword(user.id, password, this, finish);
        password = Secret();
        break;
    }
    }
}

void UsersPage::toggleActive()
{
    const User* selected = selectedUser();
    if (!selected || !m_toggleActiveAction->isEnabled()) {
        return;
    }
    const bool activate = !selected->active;
    const int generation = m_generation;
    beginRequest();
    m_userApi->setActive(selected->id, activate, this, [this, generation, activate](const Result<User>& result) {
        if (generation != m_generation) {
            return;
        }
        endRequest();
        if (!result.ok()) {
            showError(activate ? tr("The user could not be activated. %1").arg(result.message)
                               : tr("The user could not be deactivated. %1").arg(result.message));
            emit operationFinished(false);
            return;
        }
        m_model->updateUser(result.value);
        const QString name = BidiText::isolate(result.value.userName);
        showDone(activate ? tr("The user %1 can sign in again.").arg(name)
                          : tr("The user %1 was deactivated; their sign-ins have ended.").arg(name));
        emit operationFinished(true);
    });
}

void UsersPage::deleteUser()
{
    const User* selected = selectedUser();
    if (!selected || !m_deleteAction->isEnabled()) {
        return;
    }
    const QString id = selected->id;
    const QString name = BidiText::isolate(selected->userName);
    if (!MessageBox::confirm(this, tr("Delete User?"),
                             tr("Delete the user %1? Their sign-ins end at once. This cannot be undone; the user ID "
                                "becomes free again.")
                                 .arg(name),
                             tr("Delete"), tr("Cancel"), true)) {
        return;
    }
    const int generation = m_generation;
    beginRequest();
    m_userApi->deleteUser(id, this, [this, generation, id, name](const Result<Empty>& result) {
        if (generation != m_generation) {
            return;
        }
        endRequest();
        if (!result.ok()) {
            showError(tr("The user %1 could not be deleted. %2").arg(name, result.message));
            emit operationFinished(false);
            return;
        }
        m_model->removeUser(id);
        showDone(tr("The user %1 was deleted.").arg(name));
        emit operationFinished(true);
    });
}

} // namespace appint
