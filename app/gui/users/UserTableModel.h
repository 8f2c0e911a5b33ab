#pragma once

#include "core/User.h"

#include <QAbstractTableModel>

namespace appint {

// The Users table: one row per tenant user (user name, display name, e-mail,
// roles, active), in the order they were given. Filtering and sorting are the
// page's proxy. A single add is one row insert, an edit one dataChanged, a
// delete one row removal, never a reset. User has no password: none is held.
class UserTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { UserNameColumn, DisplayNameColumn, EmailColumn, RolesColumn, ActiveColumn, ColumnCount };

    enum ItemRole {
        UserIdRole = Qt::UserRole + 1, // the SCIM id
        ActiveRole, // bool
        // Lower-case text of every column, for filter as you type.
        FilterTextRole,
    };

    explicit UserTableModel(QObject* parent = nullptr);
    ~UserTableModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

    // Replaces every row (one reset: a load).
    void setUsers(const Users& users);
    void clear();
    // One row insert at the end.
    void addUser(const User& user);
    // The row of the user with `user.id`: one dataChanged. False when absent.
    bool updateUser(const User& user);
    // One row removal. False when absent.
    bool removeUser(const QString& id);

    const User* userAt(const QModelIndex& index) const;
    const User* user(const QString& id) const;
    QModelIndex indexOf(const QString& id, int column = 0) const;
    // Whether a user other than `exceptId` has this user name.
    bool hasUserName(const QString& userName, const QString& exceptId = {}) const;
    const Users& users() const { return m_users; }

private:
    int rowOf(const QString& id) const;

    Users m_users;
};

} // namespace appint
