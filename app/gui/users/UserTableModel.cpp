#include "gui/users/UserTableModel.h"

#include <QColor>
#include <QGuiApplication>
#include <QPalette>

using namespace Qt::StringLiterals;

namespace appint {

UserTableModel::UserTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

UserTableModel::~UserTableModel() = default;

int UserTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_users.size());
}

int UserTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UserTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const User& user = m_users.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case UserNameColumn:
            return user.userName;
        case DisplayNameColumn:
            return user.shownName();
        case EmailColumn:
            return user.primaryEmail();
        case RolesColumn:
            return RoleAssignment::joinedText(user.roles);
        case ActiveColumn:
            return user.active ? tr("Active") : tr("Deactivated");
        default:
            return {};
        }
    case Qt::ForegroundRole:
        if (!user.active) {
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        }
        return {};
    case UserIdRole:
        return user.id;
    case ActiveRole:
        return user.active;
    case FilterTextRole:
        return QStringList{user.userName, user.shownName(), user.primaryEmail(), RoleAssignment::joinedText(user.roles),
                           user.active ? tr("Active") : tr("Deactivated")}
            .join(u'\n')
            .toLower();
    default:
        return {};
    }
}

QVariant UserTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case UserNameColumn:
        return tr("User ID");
    case DisplayNameColumn:
        return tr("Display Name");
    case EmailColumn:
        return tr("E-Mail");
    case RolesColumn:
        return tr("Roles");
    case ActiveColumn:
        return tr("Status");
    default:
        return {};
    }
}

Qt::ItemFlags UserTableModel::flags(const QModelIndex& index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return Qt::NoItemFlags;
    }
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

void UserTableModel::setUsers(const Users& users)
{
    beginResetModel();
    m_users = users;
    endResetModel();
}

void UserTableModel::clear()
{
    setUsers({});
}

void UserTableModel::addUser(const User& user)
{
    const int row = int(m_users.size());
    beginInsertRows({}, row, row);
    m_users.append(user);
    endInsertRows();
}

bool UserTableModel::updateUser(const User& user)
{
    const int row = rowOf(user.id);
    if (row < 0) {
        return false;
    }
    m_users[row] = user;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1),
                     {Qt::DisplayRole, Qt::ToolTipRole, Qt::ForegroundRole, ActiveRole, FilterTextRole});
    return true;
}

bool UserTableModel::removeUser(const QString& id)
{
    const int row = rowOf(id);
    if (row < 0) {
        return false;
    }
    beginRemoveRows({}, row, row);
    m_users.removeAt(row);
    endRemoveRows();
    return true;
}

const User* UserTableModel::userAt(const QModelIndex& index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return nullptr;
    }
    return &m_users.at(index.row());
}

const User* UserTableModel::user(const QString& id) const
{
    const int row = rowOf(id);
    return row < 0 ? nullptr : &m_users.at(row);
}

QModelIndex UserTableModel::indexOf(const QString& id, int column) const
{
    const int row = rowOf(id);
    return row < 0 ? QModelIndex() : index(row, column);
}

bool UserTableModel::hasUserName(const QString& userName, const QString& exceptId) const
{
    return std::any_of(m_users.cbegin(), m_users.cend(),
                       [&](const User& user) { return user.userName == userName && user.id != exceptId; });
}

int UserTableModel::rowOf(const QString& id) const
{
    for (qsizetype row = 0; row < m_users.size(); ++row) {
        if (m_users.at(row).id == id) {
            return int(row);
        }
    }
    return -1;
}

} // namespace appint
