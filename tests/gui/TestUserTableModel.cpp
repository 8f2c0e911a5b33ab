#include "TestMain.h"

#include "gui/users/UserTableModel.h"
#include "service/UserApi.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSortFilterProxyModel>

using namespace Qt::StringLiterals;

namespace appint::test {

namespace {

User makeUser(const QString& id, const QString& userName, bool active = true)
{
    User user;
    user.id = id;
    user.userName = userName;
    user.displayName = u"Name of "_s + userName;
    user.emails = {{userName.toLower() + u"@example.com"_s, true}};
    user.roles = {{u"DW_VIEWER"_s, {}}, {u"FINANCE_VIEWER"_s, {u"FINANCE"_s}}};
    user.active = active;
    return user;
}

} // namespace

class TestUserTableModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void testColumns_data();
    void testColumns();
    void testAddIsOneInsert();
    void testUpdateIsOneDataChanged();
    void testRemoveIsOneRemoval();
    void testUserNameLookup();
    void testFilterText();
    void testScimJsonRoundTrip();
    void testPatchOperations();
    void testScimErrorsBecomeFieldErrors_data();
    void testScimErrorsBecomeFieldErrors();

private:
    std::unique_ptr<UserTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestUserTableModel::init()
{
    m_model = std::make_unique<UserTableModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->setUsers({makeUser(u"1"_s, u"ALICE"_s), makeUser(u"2"_s, u"BOB"_s, false)});
}

void TestUserTableModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void TestUserTableModel::testColumns_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");
    QTest::newRow("user name") << 0 << int(UserTableModel::UserNameColumn) << u"ALICE"_s;
    QTest::newRow("display name") << 0 << int(UserTableModel::DisplayNameColumn) << u"Name of ALICE"_s;
    QTest::newRow("e-mail") << 0 << int(UserTableModel::EmailColumn) << u"alice@example.com"_s;
    QTest::newRow("roles") << 0 << int(UserTableModel::RolesColumn) << u"DW_VIEWER, FINANCE_VIEWER (FINANCE)"_s;
    QTest::newRow("active") << 0 << int(UserTableModel::ActiveColumn) << u"Active"_s;
    QTest::newRow("deactivated") << 1 << int(UserTableModel::ActiveColumn) << u"Deactivated"_s;
}

void TestUserTableModel::testColumns()
{
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, text);
    QCOMPARE(m_model->columnCount(), int(UserTableModel::ColumnCount));
    QCOMPARE(m_model->index(row, column).data().toString(), text);
    QVERIFY(!m_model->headerData(column, Qt::Horizontal).toString().isEmpty());
}

void TestUserTableModel::testAddIsOneInsert()
{
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->addUser(makeUser(u"3"_s, u"CAROL"_s));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->indexOf(u"3"_s).row(), 2);
}

void TestUserTableModel::testUpdateIsOneDataChanged()
{
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    User bob = *m_model->user(u"2"_s);
    bob.active = true;
    bob.roles = {};
    QVERIFY(m_model->updateUser(bob));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
    QCOMPARE(m_model->index(1, UserTableModel::ActiveColumn).data().toString(), u"Active"_s);
    QCOMPARE(m_model->index(1, UserTableModel::RolesColumn).data().toString(), QString());
    QVERIFY(!m_model->updateUser(makeUser(u"nobody"_s, u"NOBODY"_s)));
}

void TestUserTableModel::testRemoveIsOneRemoval()
{
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QVERIFY(m_model->removeUser(u"1"_s));
    QVERIFY(!m_model->removeUser(u"1"_s));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->index(0, 0).data().toString(), u"BOB"_s);
}

void TestUserTableModel::testUserNameLookup()
{
    QVERIFY(m_model->hasUserName(u"ALICE"_s));
    QVERIFY(!m_model->hasUserName(u"ALICE"_s, u"1"_s)); // herself
    QVERIFY(!m_model->hasUserName(u"alice"_s));
    QCOMPARE(m_model->userAt(m_model->index(1, 0))->id, u"2"_s);
    QCOMPARE(m_model->userAt(QModelIndex()), nullptr);
}

void TestUserTableModel::testFilterText()
{
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(m_model.get());
    proxy.setFilterRole(UserTableModel::FilterTextRole);
    proxy.setFilterFixedString(u"finance_viewer"_s);
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setFilterFixedString(u"bob@"_s);
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setFilterFixedString(u"deactivated"_s);
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, 0).data().toString(), u"BOB"_s);
}

void TestUserTableModel::testScimJsonRoundTrip()
{
    User user = makeUser(u"7"_s, u"DORA"_s);
    user.givenName = u"Dora"_s;
    QJsonObject json = user.toScimJson();
    QVERIFY(!json.contains(u"password"_s));
    json.insert(u"id"_s, u"7"_s);
    json.insert(u"meta"_s, QJsonObject{{u"version"_s, u"W/\"1\""_s}});
    const std::optional<User> back = User::fromScimJson(json);
    QVERIFY(back);
    user.version = u"W/\"1\""_s;
    QCOMPARE(*back, user);
    QString problem;
    QVERIFY(!User::fromScimJson(QJsonObject{{u"id"_s, u"8"_s}}, &problem));
    QVERIFY(problem.contains(u"userName"_s));
}

void TestUserTableModel::testPatchOperations()
{
    const User before = makeUser(u"1"_s, u"ALICE"_s);
    QVERIFY(UserApi::patchOperations(before, before).isEmpty());
    User after = before;
    after.active = false;
    after.roles = {{u"DW_ADMINISTRATOR"_s, {}}};
    const QJsonArray operations = UserApi::patchOperations(before, after);
    QCOMPARE(operations.size(), 2);
    const QString text = QString::fromUtf8(QJsonDocument(operations).toJson(QJsonDocument::Compact));
    QVERIFY(text.contains(u"\"path\":\"active\""_s));
    QVERIFY(text.contains(u"roles:2.0:User:roles"_s));
    QVERIFY(text.contains(u"DW_ADMINISTRATOR"_s));
}

void TestUserTableModel::testScimErrorsBecomeFieldErrors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("userNameSent");
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("resultStatus");
    QTest::newRow("uniqueness")
        << 409 << QByteArray(R"({"status":"409","scimType":"uniqueness","detail":"The user name X is already taken."})")
        << true << u"userName"_s << int(ResultStatus::Conflict);
    QTest::newRow("uniqueness without a user name")
        << 409 << QByteArray(R"({"status":"409","scimType":"uniqueness","detail":"taken"})") << false << QString()
        << int(ResultStatus::Conflict);
    QTest::newRow("attribute first")
        << 400 << QByteArray(R"({"status":"400","scimType":"invalidValue","detail":"userName is required."})") << true
        << u"userName"_s << int(ResultStatus::Validation);
    QTest::newRow("password rule") << 400
                                   << QByteArray(R"({"status":"400","scimType":"invalidValue",)"
                                                 R"("detail":"The password must have at least 12 characters."})")
                                   << false << u"password"_s << int(ResultStatus::Validation);
    QTest::newRow("not found") << 404 << QByteArray(R"({"status":"404","detail":"There is no user 9."})") << false
                               << QString() << int(ResultStatus::NotFound);
}

void TestUserTableModel::testScimErrorsBecomeFieldErrors()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, userNameSent);
    QFETCH(QString, field);
    QFETCH(int, resultStatus);
    const ResultInfo info = UserApi::scimFailure(status, body, 0, userNameSent);
    QCOMPARE(int(info.status), resultStatus);
    QVERIFY(!info.message.isEmpty());
    if (field.isEmpty()) {
        QVERIFY(info.fieldErrors.isEmpty());
    } else {
        QCOMPARE(info.fieldErrors.size(), 1);
        QCOMPARE(info.fieldErrors.first().field, field);
    }
}

} // namespace appint::test

APPINT_TEST_GUI_MAIN(appint::test::TestUserTableModel)
#include "TestUserTableModel.moc"
