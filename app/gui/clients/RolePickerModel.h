#pragma once

#include "core/Role.h"
#include "core/RoleAssignment.h"
#include "core/Space.h"

#include <QAbstractItemModel>
#include <QList>

namespace appint {

// The tree of "Select Roles": two groups, "Global Roles" and "Scoped Roles";
// each scoped role expands to the spaces it is defined for. Roles and spaces
// carry checkboxes; a scoped role's box is checked when all its spaces are,
// partly checked when some are, and ticking it ticks every space.
class RolePickerModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, IdColumn, DescriptionColumn, ColumnCount };
    enum ItemRole {
        RoleIdRole = Qt::UserRole + 1, // the role id of a role row, or of a space row's role
        SpaceIdRole, // the space id of a space row
    };

    // `spaces` supplies the display names of the spaces; a space a role lists
    // that is not among them is shown by its id.
    explicit RolePickerModel(const Roles& roles, const Spaces& spaces, QObject* parent = nullptr);
    ~RolePickerModel() override;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& index) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Ticks what `assignments` hold and clears the rest. Roles or spaces that
    // are not in the catalogue are ignored.
    void setAssignments(const RoleAssignments& assignments);
    // What is ticked, in catalogue order: global roles, then scoped roles with
    // their ticked spaces.
    RoleAssignments assignments() const;
    // Roles with something ticked (a scoped role counts once, whatever the
    // number of its spaces).
    int selectedRoleCount() const;
    int selectedSpaceCount() const;

    QModelIndex globalGroupIndex() const;
    QModelIndex scopedGroupIndex() const;
    QModelIndex roleIndex(const QString& roleId, int column = NameColumn) const;
    QModelIndex spaceIndex(const QString& roleId, const QString& spaceId, int column = NameColumn) const;

signals:
    void selectionChanged();

private:
    struct ScopedRole
    {
        Role role;
        QList<bool> ticked; // one per role.spaces
    };

    enum Group { GlobalGroup, ScopedGroup, GroupCount };
    // internalId of an index says what its parent is: 0 = none (a group),
    // 1 + group = a role of that group, 3 + scoped role row = a space of it.
    static constexpr quintptr TopId = 0;
    static constexpr quintptr FirstGroupId = 1;
    static constexpr quintptr FirstScopedRoleId = 3;

    Qt::CheckState scopedState(const ScopedRole& role) const;
    QString spaceName(const QString& spaceId) const;
    void emitRowChanged(const QModelIndex& index);

    QList<Role> m_global;
    QList<bool> m_globalTicked;
    QList<ScopedRole> m_scoped;
    Spaces m_spaces;
};

} // namespace appint
