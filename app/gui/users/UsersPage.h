#pragma once

#include "core/Role.h"
#include "core/Space.h"
#include "core/User.h"

#include <QPointer>
#include <QSet>
#include <QWidget>

#include <memory>

class QAction;
class QMenu;
class QSortFilterProxyModel;
class QToolBar;

namespace Ui {
class UsersPage;
}

namespace appint {

class ClientTableView;
class Clipboard;
class MessageWidget;
class TenantApi;
class UserApi;
class UserDialog;
class UserTableModel;

// System › Administration › Users (issue 13): the tenant's users over SCIM
// (UserApi) in a table with filter as you type; Add, Edit, Deactivate /
// Activate, Delete (confirmed), Reset Password. The page loads when it is
// first shown and again after each tenant switch (setTenant) while shown.
//
// User IDs share the tenant's namespace with the technical users of its
// clients: the page reads the technical users' IDs (TenantApi, clients of
// purpose Technical User) with the users, so that the dialog flags a taken
// user ID while the admin types. The roles and spaces come from TenantApi too,
// for the role picker.
class UsersPage : public QWidget
{
    Q_OBJECT

public:
    // `api` may be null (not connected yet); `clipboard` must outlive the page.
    UsersPage(TenantApi* api, Clipboard* clipboard, QWidget* parent = nullptr);
    ~UsersPage() override;

    // Another tenant: drops the previous one's users and loads again if shown
    // (otherwise when next shown).
    void setTenant(TenantApi* api);

    UserTableModel* model() const { return m_model; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    ClientTableView* view() const;
    MessageWidget* messageWidget() const;
    UserDialog* dialog() const;
    UserApi* userApi() const { return m_userApi; }
    const User* selectedUser() const;
    void selectUser(const QString& id);
    bool isLoaded() const { return m_loaded; }
    bool isBusy() const { return m_requests > 0; }
    // The user IDs of the tenant's technical users, as last loaded.
    const QSet<QString>& technicalUserIds() const { return m_technicalUserIds; }
    // Why `userName` cannot be had, or empty (what the dialog asks).
    QString userNameTaken(const QString& userName) const;

    QAction* addUserAction() const { return m_addAction; }
    QAction* editUserAction() const { return m_editAction; }
    QAction* toggleActiveAction() const { return m_toggleActiveAction; }
    QAction* deleteUserAction() const { return m_deleteAction; }
    QAction* resetPasswordAction() const { return m_resetPasswordAction; }
    QAction* refreshAction() const { return m_refreshAction; }
    std::unique_ptr<QMenu> createContextMenu();

public slots:
    void reload();
    void addUser();
    void editUser();
    void toggleActive();
    void deleteUser();
    void resetPassword();

signals:
    void statusMessage(const QString& text, int timeoutMs);
    // A load finished (ok or not).
    void loaded(bool ok);
    // An add, edit, activation change, delete or password reset finished.
    void operationFinished(bool ok);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void createActions();
    void updateActions();
    void updatePlaceholder();
    void openDialog(UserDialog* dialog);
    void save(UserDialog* dialog);
    void showError(const QString& text);
    void showDone(const QString& text);
    void beginRequest();
    void endRequest();
    void finishLoadPart(bool ok);

    std::unique_ptr<Ui::UsersPage> m_ui;
    QPointer<TenantApi> m_api;
    UserApi* m_userApi = nullptr;
    Clipboard* m_clipboard;
    UserTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QToolBar* m_toolBar = nullptr;
    QPointer<UserDialog> m_dialog;
    Roles m_roles;
    Spaces m_spaces;
    QSet<QString> m_technicalUserIds;
    // Bumped by each tenant switch: answers for the tenant before are dropped.
    int m_generation = 0;
    int m_loadParts = 0;
    bool m_loadFailed = false;
    bool m_loaded = false;
    int m_requests = 0;

    QAction* m_addAction = nullptr;
    QAction* m_editAction = nullptr;
    QAction* m_toggleActiveAction = nullptr;
    QAction* m_deleteAction = nullptr;
    QAction* m_resetPasswordAction = nullptr;
    QAction* m_refreshAction = nullptr;
};

} // namespace appint
