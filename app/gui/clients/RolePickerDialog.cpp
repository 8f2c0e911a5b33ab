#include "gui/clients/RolePickerDialog.h"

#include "gui/clients/RolePickerModel.h"

#include "ui_RolePickerDialog.h"

#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>

namespace appint {

RolePickerDialog::RolePickerDialog(const Roles& roles, const Spaces& spaces, const RoleAssignments& current,
                                   QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::RolePickerDialog>())
{
    m_ui->setupUi(this);
    m_model = new RolePickerModel(roles, spaces, this);
    m_model->setAssignments(current);

    // The catalogue is small (tens of roles): the stock proxy is fine here.
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setAutoAcceptChildRows(true);

    QTreeView* tree = m_ui->rolesTreeView;
    tree->setModel(m_proxy);
    tree->header()->setStretchLastSection(true);
    tree->header()->setSectionResizeMode(RolePickerModel::NameColumn, QHeaderView::ResizeToContents);
    tree->header()->setSectionResizeMode(RolePickerModel::IdColumn, QHeaderView::ResizeToContents);
    tree->expand(m_proxy->mapFromSource(m_model->globalGroupIndex()));
    tree->expand(m_proxy->mapFromSource(m_model->scopedGroupIndex()));
    // Open the scoped roles that hold some spaces, so the admin sees which.
    for (const RoleAssignment& assignment : current) {
        const QModelIndex role = m_model->roleIndex(assignment.roleId);
        if (role.isValid() && role.parent() == m_model->scopedGroupIndex()) {
            tree->expand(m_proxy->mapFromSource(role));
        }
    }

    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("OK"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->searchLineEdit, &QLineEdit::textChanged, this, &RolePickerDialog::applySearch);
    connect(m_model, &RolePickerModel::selectionChanged, this, &RolePickerDialog::updateCount);
    updateCount();
    m_ui->searchLineEdit->setFocus();
}

RolePickerDialog::~RolePickerDialog() = default;

RoleAssignments RolePickerDialog::assignments() const
{
    return m_model->assignments();
}

RolePickerModel* RolePickerDialog::model() const
{
    return m_model;
}

void RolePickerDialog::updateCount()
{
    const int roles = m_model->selectedRoleCount();
    const int spaces = m_model->selectedSpaceCount();
    QString text = roles == 0 ? tr("No roles selected") : tr("%n role(s) selected", nullptr, roles);
    if (spaces > 0) {
        text = tr("%1, in %n space(s)", nullptr, spaces).arg(text);
    }
    m_ui->selectionCountLabel->setText(text);
}

void RolePickerDialog::applySearch(const QString& text)
{
    m_proxy->setFilterFixedString(text.trimmed());
    if (!text.trimmed().isEmpty()) {
        m_ui->rolesTreeView->expandAll();
    }
}

void RolePickerDialog::pick(QWidget* parent, const Roles& roles, const Spaces& spaces, const RoleAssignments& current,
                            std::function<void(const RoleAssignments&)> accepted)
{
    auto* picker = new RolePickerDialog(roles, spaces, current, parent);
    picker->setAttribute(Qt::WA_DeleteOnClose);
    connect(picker, &QDialog::accepted, parent,
            [picker, accepted = std::move(accepted)] { accepted(picker->assignments()); });
    picker->open();
}

void RolePickerDialog::showSummary(QLabel* label, const RoleAssignments& roles)
{
    const QString summary = RoleAssignment::joinedText(roles);
    label->setTextFormat(Qt::PlainText); // role names come from the tenant
    label->setText(summary.isEmpty() ? tr("No roles selected") : summary);
    label->setEnabled(!summary.isEmpty());
}

} // namespace appint
