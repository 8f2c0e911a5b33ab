#include "gui/clients/RolePickerDialog.h"
#include "gui/clients/RolePickerModel.h"

#include "GuiTestData.h"
#include "TestMain.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace appint::test {

class TestRolePicker : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void testTree();
    void testSetAssignments();
    void testTickingSpacesAndRoles();
    void testAssignmentsInCatalogueOrder();
    void testDialogSearchCountAndOk();
    void testDialogCancelKeepsNothing();

private:
    std::unique_ptr<RolePickerModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestRolePicker::init()
{
    m_model = std::make_unique<RolePickerModel>(sampleRoles(), sampleSpaces());
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestRolePicker::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void TestRolePicker::testTree()
{
    QCOMPARE(m_model->rowCount(), 2);
    const QModelIndex global = m_model->globalGroupIndex();
    const QModelIndex scoped = m_model->scopedGroupIndex();
    QCOMPARE(global.data().toString(), u"Global Roles"_s);
    QCOMPARE(scoped.data().toString(), u"Scoped Roles"_s);
    QCOMPARE(m_model->rowCount(global), 6);
    QCOMPARE(m_model->rowCount(scoped), 2);
    QVERIFY(!(m_model->flags(global) & Qt::ItemIsUserCheckable));

    const QModelIndex sales = m_model->roleIndex(u"SALES_MODELER"_s);
    QCOMPARE(sales.parent(), scoped);
    QCOMPARE(sales.data().toString(), u"Sales Modeler"_s);
    QCOMPARE(sales.siblingAtColumn(RolePickerModel::IdColumn).data().toString(), u"SALES_MODELER"_s);
    QCOMPARE(m_model->rowCount(sales), 3);
    const QModelIndex hr = m_model->spaceIndex(u"SALES_MODELER"_s, u"HR"_s);
    QCOMPARE(hr.parent(), sales);
    QCOMPARE(hr.data().toString(), u"Human Resources"_s);
    QCOMPARE(hr.data(RolePickerModel::SpaceIdRole).toString(), u"HR"_s);
    QVERIFY(m_model->flags(hr) & Qt::ItemIsUserCheckable);

    const QModelIndex viewer = m_model->roleIndex(u"DW_VIEWER"_s);
    QCOMPARE(viewer.parent(), global);
    QCOMPARE(m_model->rowCount(viewer), 0);
    QCOMPARE(viewer.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
}

void TestRolePicker::testSetAssignments()
{
    QSignalSpy changed(m_model.get(), &RolePickerModel::selectionChanged);
    m_model->setAssignments({{u"DW_VIEWER"_s, {}}, {u"SALES_MODELER"_s, {u"HR"_s}}, {u"GONE"_s, {}}});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(m_model->roleIndex(u"DW_VIEWER"_s).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QCOMPARE(m_model->roleIndex(u"SALES_MODELER"_s).data(Qt::CheckStateRole).toInt(), int(Qt::PartiallyChecked));
    QCOMPARE(m_model->spaceIndex(u"SALES_MODELER"_s, u"HR"_s).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QCOMPARE(m_model->spaceIndex(u"SALES_MODELER"_s, u"SALES"_s).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QCOMPARE(m_model->selectedRoleCount(), 2);
    QCOMPARE(m_model->selectedSpaceCount(), 1);
    // Unknown roles are dropped.
    QCOMPARE(m_model->assignments(), RoleAssignments({{u"DW_VIEWER"_s, {}}, {u"SALES_MODELER"_s, {u"HR"_s}}}));
}

void TestRolePicker::testTickingSpacesAndRoles()
{
    const QModelIndex sales = m_model->roleIndex(u"SALES_MODELER"_s);
    QSignalSpy dataChanged(m_model.get(), &QAbstractItemModel::dataChanged);

    QVERIFY(m_model->setData(m_model->spaceIndex(u"SALES_MODELER"_s, u"SALES"_s), Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(sales.data(Qt::CheckStateRole).toInt(), int(Qt::PartiallyChecked));
    QCOMPARE(dataChanged.size(), 2); // the space and its role

    // Ticking the role ticks every space.
    QVERIFY(m_model->setData(sales, Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(sales.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QCOMPARE(m_model->assignments(), RoleAssignments({{u"SALES_MODELER"_s, {u"SALES"_s, u"HR"_s, u"FINANCE"_s}}}));

    // Unticking one space leaves the role partly ticked; unticking the role clears all.
    m_model->setData(m_model->spaceIndex(u"SALES_MODELER"_s, u"HR"_s), Qt::Unchecked, Qt::CheckStateRole);
    QCOMPARE(sales.data(Qt::CheckStateRole).toInt(), int(Qt::PartiallyChecked));
    m_model->setData(sales, Qt::Unchecked, Qt::CheckStateRole);
    QCOMPARE(m_model->selectedRoleCount(), 0);
    QVERIFY(m_model->assignments().isEmpty());

    // Groups and other columns are not checkable.
    QVERIFY(!m_model->setData(m_model->globalGroupIndex(), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(!m_model->setData(sales.siblingAtColumn(RolePickerModel::IdColumn), Qt::Checked, Qt::CheckStateRole));
}

void TestRolePicker::testAssignmentsInCatalogueOrder()
{
    m_model->setData(m_model->roleIndex(u"SPACE_READER"_s), Qt::Checked, Qt::CheckStateRole);
    m_model->setData(m_model->spaceIndex(u"SALES_MODELER"_s, u"FINANCE"_s), Qt::Checked, Qt::CheckStateRole);
    m_model->setData(m_model->roleIndex(u"DW_CONSUMER"_s), Qt::Checked, Qt::CheckStateRole);
    m_model->setData(m_model->roleIndex(u"DW_ADMINISTRATOR"_s), Qt::Checked, Qt::CheckStateRole);
    QCOMPARE(m_model->assignments(),
             RoleAssignments({{u"DW_ADMINISTRATOR"_s, {}},
                              {u"DW_CONSUMER"_s, {}},
                              {u"SALES_MODELER"_s, {u"FINANCE"_s}},
                              {u"SPACE_READER"_s, {u"SALES"_s}}}));
    QCOMPARE(m_model->selectedRoleCount(), 4);
    QCOMPARE(m_model->selectedSpaceCount(), 2);
}

void TestRolePicker::testDialogSearchCountAndOk()
{
    RolePickerDialog dialog(sampleRoles(), sampleSpaces(), {{u"DW_VIEWER"_s, {}}});
    QAbstractItemModelTester proxyTester(dialog.findChild<QTreeView*>(u"rolesTreeView"_s)->model(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* count = dialog.findChild<QLabel*>(u"selectionCountLabel"_s);
    QCOMPARE(count->text(), u"1 role selected"_s);

    auto* search = dialog.findChild<QLineEdit*>(u"searchLineEdit"_s);
    auto* tree = dialog.findChild<QTreeView*>(u"rolesTreeView"_s);
    QTest::keyClicks(search, u"human"_s);
    const QAbstractItemModel* shown = tree->model();
    // Only the scoped group, the Sales Modeler role and its HR space match.
    QCOMPARE(shown->rowCount(), 1);
    const QModelIndex group = shown->index(0, 0);
    QCOMPARE(group.data().toString(), u"Scoped Roles"_s);
    QCOMPARE(shown->rowCount(group), 1);
    const QModelIndex role = shown->index(0, 0, group);
    QCOMPARE(role.data().toString(), u"Sales Modeler"_s);
    QCOMPARE(shown->rowCount(role), 1);
    const QModelIndex hr = shown->index(0, 0, role);
    QVERIFY(tree->isExpanded(role));

    // Tick HR from the keyboard, as the delegate handles it.
    tree->setFocus();
    tree->setCurrentIndex(hr);
    QTest::keyClick(tree, Qt::Key_Space);
    QCOMPARE(hr.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QCOMPARE(count->text(), u"2 roles selected, in 1 space"_s);

    search->clear();
    QCOMPARE(shown->rowCount(), 2);

    dialog.findChild<QDialogButtonBox*>(u"buttonBox"_s)->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.assignments(), RoleAssignments({{u"DW_VIEWER"_s, {}}, {u"SALES_MODELER"_s, {u"HR"_s}}}));
}

void TestRolePicker::testDialogCancelKeepsNothing()
{
    RolePickerDialog dialog(sampleRoles(), sampleSpaces(), {});
    dialog.show();
    auto* count = dialog.findChild<QLabel*>(u"selectionCountLabel"_s);
    QCOMPARE(count->text(), u"No roles selected"_s);
    dialog.model()->setData(dialog.model()->roleIndex(u"DW_MODELER"_s), Qt::Checked, Qt::CheckStateRole);
    QCOMPARE(count->text(), u"1 role selected"_s);
    dialog.findChild<QDialogButtonBox*>(u"buttonBox"_s)->button(QDialogButtonBox::Cancel)->click();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
}

} // namespace appint::test

APPINT_TEST_GUI_MAIN(appint::test::TestRolePicker)
#include "TestRolePicker.moc"
