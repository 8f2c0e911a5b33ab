#pragma once

#include "core/Role.h"
#include "core/RoleAssignment.h"
#include "core/Space.h"

#include <QDialog>

#include <functional>
#include <memory>

class QLabel;
class QSortFilterProxyModel;

namespace Ui {
class RolePickerDialog;
}

namespace appint {

class RolePickerModel;

// "Select Roles": the tenant's global and scoped roles with checkboxes, each
// scoped role expandable to its spaces, a search box and a count of what is
// ticked. Takes the catalogue and the current assignments; OK hands back the
// new assignments through assignments(). No network calls.
class RolePickerDialog : public QDialog
{
    Q_OBJECT

public:
    RolePickerDialog(const Roles& roles, const Spaces& spaces, const RoleAssignments& current,
                     QWidget* parent = nullptr);
    ~RolePickerDialog() override;

    RoleAssignments assignments() const;
    RolePickerModel* model() const;

    // Opens the picker, window-modal over `parent`, and hands OK's
    // assignments to `accepted` (the client and user dialogs' "Select…").
    static void pick(QWidget* parent, const Roles& roles, const Spaces& spaces, const RoleAssignments& current,
                     std::function<void(const RoleAssignments&)> accepted);
    // The assignments as the dialogs show them beside "Select…".
    static void showSummary(QLabel* label, const RoleAssignments& roles);

private:
    void updateCount();
    void applySearch(const QString& text);

    std::unique_ptr<Ui::RolePickerDialog> m_ui;
    RolePickerModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
};

} // namespace appint
