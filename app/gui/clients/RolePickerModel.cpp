#include "gui/clients/RolePickerModel.h"

#include "gui/widgets/PlainToolTip.h"

#include <QFont>

using namespace Qt::StringLiterals;

namespace appint {

RolePickerModel::RolePickerModel(const Roles& roles, const Spaces& spaces, QObject* parent)
    : QAbstractItemModel(parent)
    , m_spaces(spaces)
{
    for (const Role& role : roles) {
        if (role.scope == RoleScope::Global) {
            m_global.append(role);
            m_globalTicked.append(false);
        } else {
            m_scoped.append({role, QList<bool>(role.spaces.size(), false)});
        }
    }
}

RolePickerModel::~RolePickerModel() = default;

QModelIndex RolePickerModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent)) {
        return {};
    }
    if (!parent.isValid()) {
        return createIndex(row, column, TopId);
    }
    const quintptr id = parent.internalId();
    if (id == TopId) {
        return createIndex(row, column, FirstGroupId + quintptr(parent.row()));
    }
    if (id == FirstGroupId + ScopedGroup) {
        return createIndex(row, column, FirstScopedRoleId + quintptr(parent.row()));
    }
    return {};
}

QModelIndex RolePickerModel::parent(const QModelIndex& index) const
{
    if (!index.isValid()) {
        return {};
    }
    const quintptr id = index.internalId();
    if (id == TopId) {
        return {};
    }
    if (id < FirstScopedRoleId) {
        return createIndex(int(id - FirstGroupId), 0, TopId);
    }
    return createIndex(int(id - FirstScopedRoleId), 0, FirstGroupId + ScopedGroup);
}

int RolePickerModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid()) {
        return GroupCount;
    }
    if (parent.column() != 0) {
        return 0;
    }
    const quintptr id = parent.internalId();
    if (id == TopId) {
        return parent.row() == GlobalGroup ? int(m_global.size()) : int(m_scoped.size());
    }
    if (id == FirstGroupId + ScopedGroup) {
        return int(m_scoped[parent.row()].role.spaces.size());
    }
    return 0;
}

int RolePickerModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant RolePickerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Role");
    case IdColumn:
        return tr("ID");
    case DescriptionColumn:
        return tr("Description");
    default:
        return {};
    }
}

QString RolePickerModel::spaceName(const QString& spaceId) const
{
    for (const Space& space : m_spaces) {
        if (space.spaceId == spaceId) {
            return space.name.isEmpty() ? spaceId : space.name;
        }
    }
    return spaceId;
}

Qt::CheckState RolePickerModel::scopedState(const ScopedRole& role) const
{
    const qsizetype ticked = role.ticked.count(true);
    if (ticked == 0) {
        return Qt::Unchecked;
    }
    return ticked == role.ticked.size() ? Qt::Checked : Qt::PartiallyChecked;
}

QVariant RolePickerModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const quintptr id = index.internalId();
    const int column = index.column();

    if (id == TopId) { // a group
        if (column != NameColumn) {
            return {};
        }
        if (role == Qt::DisplayRole) {
            return index.row() == GlobalGroup ? tr("Global Roles") : tr("Scoped Roles");
        }
        if (role == Qt::ToolTipRole) {
            return index.row() == GlobalGroup ? tr("Roles with privileges across the whole tenant.")
                                              : tr("Roles with privileges in the spaces you select.");
        }
        if (role == Qt::FontRole) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    }

    if (id < FirstScopedRoleId) { // a role
        const bool global = id == FirstGroupId + GlobalGroup;
        const Role& item = global ? m_global[index.row()] : m_scoped[index.row()].role;
        switch (role) {
        case Qt::DisplayRole:
            if (column == NameColumn) {
                return item.name.isEmpty() ? item.roleId : item.name;
            }
            if (column == IdColumn) {
                return item.roleId;
            }
            if (column == DescriptionColumn) {
                return item.description;
            }
            return {};
        case Qt::ToolTipRole:
            return item.description.isEmpty() ? QVariant() : QVariant(PlainToolTip::text(item.description));
        case Qt::CheckStateRole:
            if (column != NameColumn) {
                return {};
            }
            return global ? (m_globalTicked[index.row()] ? Qt::Checked : Qt::Unchecked)
                          : scopedState(m_scoped[index.row()]);
        case RoleIdRole:
            return item.roleId;
        default:
            return {};
        }
    }

    // a space of a scoped role
    const ScopedRole& owner = m_scoped[int(id - FirstScopedRoleId)];
    const QString& spaceId = owner.role.spaces[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        if (column == NameColumn) {
            return spaceName(spaceId);
        }
        if (column == IdColumn) {
            return spaceId;
        }
        return {};
    case Qt::CheckStateRole:
        if (column != NameColumn) {
            return {};
        }
        return owner.ticked[index.row()] ? Qt::Checked : Qt::Unchecked;
    case RoleIdRole:
        return owner.role.roleId;
    case SpaceIdRole:
        return spaceId;
    default:
        return {};
    }
}

Qt::ItemFlags RolePickerModel::flags(const QModelIndex& index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return Qt::NoItemFlags;
    }
    const quintptr id = index.internalId();
    if (id == TopId) {
        return Qt::ItemIsEnabled;
    }
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == NameColumn) {
        result |= Qt::ItemIsUserCheckable;
    }
    if (id >= FirstScopedRoleId || id == FirstGroupId + GlobalGroup) {
        result |= Qt::ItemNeverHasChildren;
    }
    return result;
}

void RolePickerModel::emitRowChanged(const QModelIndex& index)
{
    emit dataChanged(index.siblingAtColumn(NameColumn), index.siblingAtColumn(NameColumn), {Qt::CheckStateRole});
}

bool RolePickerModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::CheckStateRole || !index.isValid() || index.column() != NameColumn
        || !checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return false;
    }
    const quintptr id = index.internalId();
    if (id == TopId) {
        return false;
    }
    const bool tick = Qt::CheckState(value.toInt()) != Qt::Unchecked;

    if (id == FirstGroupId + GlobalGroup) {
        if (m_globalTicked[index.row()] == tick) {
            return true;
        }
        m_globalTicked[index.row()] = tick;
        emitRowChanged(index);
    } else if (id == FirstGroupId + ScopedGroup) {
        ScopedRole& scoped = m_scoped[index.row()];
        // A partly checked role becomes fully checked on click (as file
        // managers do); a fully checked one clears.
        const bool target = Qt::CheckState(value.toInt()) == Qt::PartiallyChecked ? true : tick;
        scoped.ticked.fill(target);
        emitRowChanged(index);
        const int spaces = int(scoped.ticked.size());
        if (spaces > 0) {
            emit dataChanged(this->index(0, NameColumn, index), this->index(spaces - 1, NameColumn, index),
                             {Qt::CheckStateRole});
        }
    } else {
        ScopedRole& scoped = m_scoped[int(id - FirstScopedRoleId)];
        if (scoped.ticked[index.row()] == tick) {
            return true;
        }
        scoped.ticked[index.row()] = tick;
        emitRowChanged(index);
        emitRowChanged(parent(index));
    }
    emit selectionChanged();
    return true;
}

void RolePickerModel::setAssignments(const RoleAssignments& assignments)
{
    m_globalTicked.fill(false);
    for (ScopedRole& scoped : m_scoped) {
        scoped.ticked.fill(false);
    }
    for (const RoleAssignment& assignment : assignments) {
        for (qsizetype i = 0; i < m_global.size(); ++i) {
            if (m_global[i].roleId == assignment.roleId) {
                m_globalTicked[i] = true;
            }
        }
        for (ScopedRole& scoped : m_scoped) {
            if (scoped.role.roleId != assignment.roleId) {
                continue;
            }
            for (qsizetype s = 0; s < scoped.role.spaces.size(); ++s) {
                if (assignment.spaces.contains(scoped.role.spaces[s])) {
                    scoped.ticked[s] = true;
                }
            }
        }
    }
    // Every check box may have changed: tell the views per group.
    for (int group = 0; group < GroupCount; ++group) {
        const QModelIndex groupIndex = index(group, 0);
        const int rows = rowCount(groupIndex);
        if (rows == 0) {
            continue;
        }
        emit dataChanged(index(0, NameColumn, groupIndex), index(rows - 1, NameColumn, groupIndex),
                         {Qt::CheckStateRole});
        if (group == ScopedGroup) {
            for (int row = 0; row < rows; ++row) {
                const QModelIndex roleRow = index(row, 0, groupIndex);
                const int spaces = rowCount(roleRow);
                if (spaces > 0) {
                    emit dataChanged(index(0, NameColumn, roleRow), index(spaces - 1, NameColumn, roleRow),
                                     {Qt::CheckStateRole});
                }
            }
        }
    }
    emit selectionChanged();
}

RoleAssignments RolePickerModel::assignments() const
{
    RoleAssignments result;
    for (qsizetype i = 0; i < m_global.size(); ++i) {
        if (m_globalTicked[i]) {
            result.append({m_global[i].roleId, {}});
        }
    }
    for (const ScopedRole& scoped : m_scoped) {
        QStringList spaces;
        for (qsizetype s = 0; s < scoped.role.spaces.size(); ++s) {
            if (scoped.ticked[s]) {
                spaces.append(scoped.role.spaces[s]);
            }
        }
        if (!spaces.isEmpty()) {
            result.append({scoped.role.roleId, spaces});
        }
    }
    return result;
}

int RolePickerModel::selectedRoleCount() const
{
    int count = int(m_globalTicked.count(true));
    for (const ScopedRole& scoped : m_scoped) {
        if (scoped.ticked.contains(true)) {
            ++count;
        }
    }
    return count;
}

int RolePickerModel::selectedSpaceCount() const
{
    int count = 0;
    for (const ScopedRole& scoped : m_scoped) {
        count += int(scoped.ticked.count(true));
    }
    return count;
}

QModelIndex RolePickerModel::globalGroupIndex() const
{
    return index(GlobalGroup, 0);
}

QModelIndex RolePickerModel::scopedGroupIndex() const
{
    return index(ScopedGroup, 0);
}

QModelIndex RolePickerModel::roleIndex(const QString& roleId, int column) const
{
    for (qsizetype i = 0; i < m_global.size(); ++i) {
        if (m_global[i].roleId == roleId) {
            return index(int(i), column, globalGroupIndex());
        }
    }
    for (qsizetype i = 0; i < m_scoped.size(); ++i) {
        if (m_scoped[i].role.roleId == roleId) {
            return index(int(i), column, scopedGroupIndex());
        }
    }
    return {};
}

QModelIndex RolePickerModel::spaceIndex(const QString& roleId, const QString& spaceId, int column) const
{
    const QModelIndex roleRow = roleIndex(roleId);
    if (!roleRow.isValid() || roleRow.parent() != scopedGroupIndex()) {
        return {};
    }
    const qsizetype row = m_scoped[roleRow.row()].role.spaces.indexOf(spaceId);
    return row < 0 ? QModelIndex() : index(int(row), column, roleRow);
}

} // namespace appint
