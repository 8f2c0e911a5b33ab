#include "ConsoleHarness.h"
#include "TestMain.h"
#include "WidgetLookup.h"

#include "core/UserRules.h"
#include "gui/clients/RolePickerDialog.h"
#include "gui/clients/RolePickerModel.h"
#include "gui/shell/MainWindow.h"
#include "gui/users/UserDialog.h"
#include "gui/users/UserTableModel.h"
#include "gui/users/UsersPage.h"
#include "gui/widgets/ClientTableView.h"
#include "gui/widgets/Clipboard.h"
#include "gui/widgets/MessageBox.h"
#include "gui/widgets/MessageWidget.h"
#include "service/AdminSession.h"
#include "service/TenantApi.h"
#include "service/UserApi.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

namespace appint::test {

// The Users page (issue 13) driven through its widgets against a real
// appint-server on loopback with the demo data (four users; technical users
// such as NIGHTLY_LOAD).
class TestUsersEndToEnd : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void testLoadsWhenFirstShown();
    void testFilterAsYouType();
    void testAddUserWithGeneratedPassword();
    void testAddUserWithTypedPassword();
    void testEditRoles();
    void testDeactivateAndActivate();
    void testDeleteAsksFirst();
    void testResetPassword();
    void testDuplicateUserIdShowsFieldError();
    void testTechnicalUserIdFlaggedWhileTyping();
    void testFollowsTenantSwitch();

private:
    UserDialog* openAddDialog();
    // The users as the server has them now (through the service layer).
    Users serverUsers();
    std::optional<User> serverUser(const QString& userName);
    void selectByName(const QString& userName);

    std::unique_ptr<ConsoleHarness> m_console;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    UsersPage* m_page = nullptr;
};

void TestUsersEndToEnd::init()
{
    TestServer::Options options;
    options.demo = true;
    m_console = std::make_unique<ConsoleHarness>(options);
    QVERIFY2(m_console->start(), qPrintable(m_console->errorString()));
    MainWindow& window = m_console->window();
    m_page = new UsersPage(&m_console->api(), window.clipboard());
    window.addUsersPage(m_page);
    m_tester = std::make_unique<QAbstractItemModelTester>(m_page->model(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(!m_page->isLoaded()); // not shown yet: nothing loaded
    // System › Administration › Users.
    const QList<QTreeWidgetItem*> items = window.navigation()->findItems(u"Users"_s, Qt::MatchRecursive);
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.first()->parent()->text(0), u"Administration"_s);
    window.navigation()->setCurrentItem(items.first());
    QTRY_VERIFY_WITH_TIMEOUT(m_page->isLoaded() && !m_page->isBusy(), 20'000);
    QGuiApplication::clipboard()->clear();
}

void TestUsersEndToEnd::cleanup()
{
    m_tester.reset();
    m_page = nullptr;
    m_console.reset();
}

Users TestUsersEndToEnd::serverUsers()
{
    UserApi api(m_console->api().session());
    Users users;
    bool done = false;
    QObject context;
    api.listUsers(&context, [&](const Result<Users>& result) {
        if (!result.ok()) {
            qWarning("list failed: %s", qPrintable(result.message));
        }
        users = result.value;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 20'000)) {
        qWarning("list timed out");
    }
    return users;
}

std::optional<User> TestUsersEndToEnd::serverUser(const QString& userName)
{
    for (const User& user : serverUsers()) {
        if (user.userName == userName) {
            return user;
        }
    }
    return std::nullopt;
}

void TestUsersEndToEnd::selectByName(const QString& userName)
{
    for (const User& user : m_page->model()->users()) {
        if (user.userName == userName) {
            m_page->selectUser(user.id);
            return;
        }
    }
    QFAIL(qPrintable(u"no user "_s + userName));
}

UserDialog* TestUsersEndToEnd::openAddDialog()
{
    m_page->addUserAction()->trigger();
    UserDialog* dialog = m_page->dialog();
    if (dialog && !QTest::qWaitForWindowExposed(dialog)) {
        qWarning("the user dialog was not shown");
    }
    return dialog;
}

void TestUsersEndToEnd::testLoadsWhenFirstShown()
{
    // The demo's four users plus the bootstrap TENANT_ADMIN.
    const UserTableModel* model = m_page->model();
    QCOMPARE(model->rowCount(), int(serverUsers().size()));
    QVERIFY(model->hasUserName(u"ANNA_MUELLER"_s));
    QVERIFY(model->hasUserName(u"TENANT_ADMIN"_s));
    QVERIFY(m_page->technicalUserIds().contains(u"NIGHTLY_LOAD"_s));
    QVERIFY(m_console->window().windowTitle().startsWith(u"Users"_s));
    // Sorted by user name; the deactivated user says so.
    QCOMPARE(m_page->proxy()->index(0, 0).data().toString(), u"ANNA_MUELLER"_s);
    selectByName(u"CARLA_ROSSI"_s);
    QCOMPARE(m_page->toggleActiveAction()->text(), u"Activate"_s);
    selectByName(u"BEN_SCHMIDT"_s);
    QCOMPARE(m_page->toggleActiveAction()->text(), u"Deactivate"_s);
    // (Plural forms come with the next lupdate of translations/.)
    QVERIFY(child<QLabel>(m_page, u"countLabel"_s)->text().startsWith(QString::number(model->rowCount()) + u" user"_s));
}

void TestUsersEndToEnd::testFilterAsYouType()
{
    auto* filter = child<QLineEdit>(m_page, u"filterLineEdit"_s);
    QTest::keyClicks(filter, u"rossi"_s);
    QCOMPARE(m_page->proxy()->rowCount(), 1);
    QCOMPARE(m_page->proxy()->index(0, 0).data().toString(), u"CARLA_ROSSI"_s);
    filter->clear();
    QTest::keyClicks(filter, u"no such person"_s);
    QCOMPARE(m_page->proxy()->rowCount(), 0);
    QVERIFY(m_page->view()->placeholderText().contains(u"No user matches"_s));
    filter->clear();
    QCOMPARE(m_page->proxy()->rowCount(), m_page->model()->rowCount());
}

void TestUsersEndToEnd::testAddUserWithGeneratedPassword()
{
    QSignalSpy inserted(m_page->model(), &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(m_page->model(), &QAbstractItemModel::modelReset);
    UserDialog* dialog = openAddDialog();
    QVERIFY(dialog);
    QVERIFY(!m_page->addUserAction()->isEnabled());
    auto* submit = child<QPushButton>(dialog, u"submitPushButton"_s);
    QVERIFY(!submit->isEnabled());

    QTest::keyClicks(child<QLineEdit>(dialog, u"userNameLineEdit"_s), u"JANE_DOE"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, u"displayNameLineEdit"_s), u"Jane Doe"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, u"emailLineEdit"_s), u"jane.doe@example.com"_s);
    QVERIFY(!submit->isEnabled()); // no password yet

    QTest::mouseClick(child<QPushButton>(dialog, u"generatePasswordPushButton"_s), Qt::LeftButton);
    QPointer<QLineEdit> generated = child<QLineEdit>(dialog, u"generatedPasswordLineEdit"_s);
    QVERIFY(generated->isVisible());
    QVERIFY(!child<QLineEdit>(dialog, u"passwordLineEdit"_s)->isVisible());
    const QString password = generated->text();
    QCOMPARE(password.size(), UserDialog::GeneratedPasswordLength);
    QVERIFY(UserRules::checkPassword(password).isEmpty());
    QTest::mouseClick(child<QPushButton>(dialog, u"copyPasswordPushButton"_s), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), password);
    QVERIFY(m_console->window().clipboard()->secondsLeft() > 0);

    QVERIFY(submit->isEnabled());
    QTest::mouseClick(submit, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->dialog(), 20'000);
    QVERIFY(generated.isNull() || generated->text().isEmpty());

    // One row inserted and selected, and the password nowhere in the model.
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(reset.count(), 0);
    QVERIFY(m_page->selectedUser());
    QCOMPARE(m_page->selectedUser()->userName, u"JANE_DOE"_s);
    QVERIFY(!modelContains(*m_page->model(), password));
    QCOMPARE(m_page->messageWidget()->type(), MessageWidget::Type::Positive);

    const std::optional<User> stored = serverUser(u"JANE_DOE"_s);
    QVERIFY(stored);
    QCOMPARE(stored->displayName, u"Jane Doe"_s);
    QCOMPARE(stored->primaryEmail(), u"jane.doe@example.com"_s);
    QVERIFY(stored->active);
}

void TestUsersEndToEnd::testAddUserWithTypedPassword()
{
    UserDialog* dialog = openAddDialog();
    QVERIFY(dialog);
    auto* submit = child<QPushButton>(dialog, u"submitPushButton"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, u"userNameLineEdit"_s), u"TYPED_PW"_s);
    auto* password = child<QLineEdit>(dialog, u"passwordLineEdit"_s);
    auto* confirm = child<QLineEdit>(dialog, u"confirmPasswordLineEdit"_s);
    QCOMPARE(password->echoMode(), QLineEdit::Password);
    QTest::keyClicks(password, u"short"_s);
    QVERIFY(dialog->fieldHasError(UserRules::FieldPassword));
    QTest::keyClicks(password, u"-but-now-long-enough"_s);
    QVERIFY(!dialog->fieldHasError(UserRules::FieldPassword));
    QTest::keyClicks(confirm, u"short-but-now-long-enougX"_s);
    QVERIFY(dialog->fieldHasError(UserDialog::FieldConfirmPassword));
    QVERIFY(!submit->isEnabled());
    QTest::keyClick(confirm, Qt::Key_Backspace);
    QTest::keyClicks(confirm, u"h"_s);
    QVERIFY(!dialog->fieldHasError(UserDialog::FieldConfirmPassword));
    QVERIFY(submit->isEnabled());
    QTest::mouseClick(submit, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->dialog(), 20'000);
    QVERIFY(serverUser(u"TYPED_PW"_s));
}

void TestUsersEndToEnd::testEditRoles()
{
    QSignalSpy changed(m_page->model(), &QAbstractItemModel::dataChanged);
    QSignalSpy reset(m_page->model(), &QAbstractItemModel::modelReset);
    selectByName(u"DAVID_KIM"_s);
    m_page->editUserAction()->trigger();
    UserDialog* dialog = m_page->dialog();
    QVERIFY(dialog);
    QVERIFY(child<QLineEdit>(dialog, u"userNameLineEdit"_s)->isReadOnly());
    QVERIFY(!child<QLineEdit>(dialog, u"passwordLineEdit"_s)->isVisible());
    auto* submit = child<QPushButton>(dialog, u"submitPushButton"_s);
    QVERIFY(!submit->isEnabled()); // nothing changed yet

    child<QPushButton>(dialog, u"selectRolesPushButton"_s)->click();
    auto* picker = dialog->findChild<RolePickerDialog*>();
    QVERIFY(picker);
    picker->model()->setData(picker->model()->roleIndex(u"DW_VIEWER"_s), Qt::Checked, Qt::CheckStateRole);
    child<QDialogButtonBox>(picker, u"buttonBox"_s)->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(child<QLabel>(dialog, u"rolesSummaryLabel"_s)->text(), u"DW_VIEWER"_s);
    QVERIFY(submit->isEnabled());
    QTest::mouseClick(submit, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->dialog(), 20'000);

    QCOMPARE(reset.count(), 0);
    QVERIFY(changed.count() >= 1);
    QCOMPARE(m_page->selectedUser()->userName, u"DAVID_KIM"_s);
    QCOMPARE(m_page->selectedUser()->roles, (RoleAssignments{{u"DW_VIEWER"_s, {}}}));
    const std::optional<User> stored = serverUser(u"DAVID_KIM"_s);
    QVERIFY(stored);
    QCOMPARE(stored->roles, (RoleAssignments{{u"DW_VIEWER"_s, {}}}));
    QCOMPARE(stored->primaryEmail(), u"david.kim@example.com"_s); // untouched
}

void TestUsersEndToEnd::testDeactivateAndActivate()
{
    selectByName(u"BEN_SCHMIDT"_s);
    QSignalSpy finished(m_page, &UsersPage::operationFinished);
    m_page->toggleActiveAction()->trigger();
    QVERIFY(m_page->isBusy());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20'000);
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(!m_page->selectedUser()->active);
    QCOMPARE(m_page->toggleActiveAction()->text(), u"Activate"_s);
    QVERIFY(!serverUser(u"BEN_SCHMIDT"_s)->active);

    m_page->toggleActiveAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 20'000);
    QVERIFY(m_page->selectedUser()->active);
    QVERIFY(serverUser(u"BEN_SCHMIDT"_s)->active);
}

void TestUsersEndToEnd::testDeleteAsksFirst()
{
    selectByName(u"ANNA_MUELLER"_s);
    const int rows = m_page->model()->rowCount();
    const int asked = MessageBox::questionCount();
    MessageBox::setNextAnswer(false);
    m_page->deleteUserAction()->trigger();
    QCOMPARE(MessageBox::questionCount(), asked + 1);
    QVERIFY(MessageBox::lastQuestion().contains(u"ANNA_MUELLER"_s));
    QCOMPARE(m_page->model()->rowCount(), rows);
    QVERIFY(!m_page->isBusy());

    QSignalSpy removed(m_page->model(), &QAbstractItemModel::rowsRemoved);
    MessageBox::setNextAnswer(true);
    m_page->deleteUserAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 1, 20'000);
    QCOMPARE(m_page->model()->rowCount(), rows - 1);
    QVERIFY(!m_page->model()->hasUserName(u"ANNA_MUELLER"_s));
    QVERIFY(!serverUser(u"ANNA_MUELLER"_s));
}

void TestUsersEndToEnd::testResetPassword()
{
    selectByName(u"BEN_SCHMIDT"_s);
    const QString versionBefore = m_page->selectedUser()->version;
    m_page->resetPasswordAction()->trigger();
    UserDialog* dialog = m_page->dialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->mode(), UserDialog::Mode::ResetPassword);
    QVERIFY(!child<QLineEdit>(dialog, u"displayNameLineEdit"_s)->isVisible());
    QTest::mouseClick(child<QPushButton>(dialog, u"generatePasswordPushButton"_s), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(dialog, u"submitPushButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->dialog(), 20'000);
    QCOMPARE(m_page->messageWidget()->type(), MessageWidget::Type::Positive);
    // The server changed the user (a new version).
    QVERIFY(serverUser(u"BEN_SCHMIDT"_s)->version != versionBefore);
}

void TestUsersEndToEnd::testDuplicateUserIdShowsFieldError()
{
    // Another administrator adds ERIC meanwhile: the page does not know yet.
    {
        UserApi api(m_console->api().session());
        User eric;
        eric.userName = u"ERIC"_s;
        bool done = false;
        QObject context;
        api.createUser(eric, Secret(u"a-long-enough-password"_s), &context, [&](const Result<User>& result) {
            QVERIFY2(result.ok(), qPrintable(result.message));
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 20'000);
    }
    UserDialog* dialog = openAddDialog();
    QVERIFY(dialog);
    QTest::keyClicks(child<QLineEdit>(dialog, u"userNameLineEdit"_s), u"ERIC"_s);
    QVERIFY(!dialog->fieldHasError(UserRules::FieldUserName));
    QTest::mouseClick(child<QPushButton>(dialog, u"generatePasswordPushButton"_s), Qt::LeftButton);
    auto* submit = child<QPushButton>(dialog, u"submitPushButton"_s);
    QTest::mouseClick(submit, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 20'000);

    // The server's 409 "uniqueness" lands beside the user ID.
    QVERIFY(m_page->dialog());
    QVERIFY(dialog->fieldHasError(UserRules::FieldUserName));
    QVERIFY(dialog->fieldMessage(UserRules::FieldUserName).contains(u"already taken"_s));
    QVERIFY(!submit->isEnabled()); // until the user ID changes
    QTest::keyClicks(child<QLineEdit>(dialog, u"userNameLineEdit"_s), u"_2"_s);
    QVERIFY(!dialog->fieldHasError(UserRules::FieldUserName));
    QVERIFY(submit->isEnabled());
    child<QPushButton>(dialog, u"cancelPushButton"_s)->click();
    QTRY_VERIFY(!m_page->dialog());
}

void TestUsersEndToEnd::testTechnicalUserIdFlaggedWhileTyping()
{
    UserDialog* dialog = openAddDialog();
    QVERIFY(dialog);
    auto* userName = child<QLineEdit>(dialog, u"userNameLineEdit"_s);
    QTest::keyClicks(userName, u"NIGHTLY_LOA"_s);
    QVERIFY(!dialog->fieldHasError(UserRules::FieldUserName));
    QTest::keyClicks(userName, u"D"_s);
    QVERIFY(dialog->fieldHasError(UserRules::FieldUserName));
    QVERIFY(dialog->fieldMessage(UserRules::FieldUserName).contains(u"technical user"_s));
    QVERIFY(!child<QPushButton>(dialog, u"submitPushButton"_s)->isEnabled());
    // Another user's ID is flagged too, and the pattern as well.
    userName->clear();
    QTest::keyClicks(userName, u"BEN_SCHMIDT"_s);
    QVERIFY(dialog->fieldMessage(UserRules::FieldUserName).contains(u"Another user"_s));
    userName->clear();
    QTest::keyClicks(userName, u"lower-case"_s);
    QVERIFY(dialog->fieldMessage(UserRules::FieldUserName).contains(u"uppercase"_s));
    dialog->reject();
}

void TestUsersEndToEnd::testFollowsTenantSwitch()
{
    QVERIFY(m_page->model()->rowCount() > 0);
    m_page->setTenant(nullptr);
    QCOMPARE(m_page->model()->rowCount(), 0);
    QVERIFY(!m_page->addUserAction()->isEnabled());
    QVERIFY(m_page->view()->placeholderText().contains(u"Not connected"_s));
    m_page->setTenant(&m_console->api());
    // Shown: loads at once.
    QTRY_VERIFY_WITH_TIMEOUT(m_page->isLoaded() && !m_page->isBusy(), 20'000);
    QVERIFY(m_page->model()->hasUserName(u"TENANT_ADMIN"_s));
}

} // namespace appint::test

APPINT_TEST_GUI_MAIN(appint::test::TestUsersEndToEnd)
#include "TestUsersEndToEnd.moc"
