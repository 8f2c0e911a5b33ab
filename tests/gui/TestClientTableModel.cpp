#include "gui/clients/ClientTableModel.h"
#include "gui/widgets/Icons.h"

#include "core/ClientRules.h"

#include "ManualClock.h"
#include "TestMain.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace appint::test {

namespace {

constexpr qint64 Now = 1'750'000'000;

Client technical(const QString& id, const QString& name, const QString& userId, qint64 expiresAt)
{
    Client client = ClientRules::withDefaults(Purpose::Technical, Now);
    client.clientId = id;
    client.clientName = name;
    client.userId = userId;
    client.roles = {RoleAssignment{u"DW_VIEWER"_s, {}}};
    client.clientSecretExpiresAt = expiresAt;
    client.clientIdIssuedAt = Now - 1000;
    return client;
}

Client ofPurpose(const QString& id, const QString& name, Purpose purpose)
{
    Client client = ClientRules::withDefaults(purpose, Now);
    client.clientId = id;
    client.clientName = name;
    client.clientIdIssuedAt = Now - 500;
    if (purpose == Purpose::Api) {
        client.access = {u"user_provisioning"_s};
    } else if (purpose == Purpose::Interactive) {
        client.redirectUris = {u"https://app.example.com/callback"_s};
    }
    return client;
}

// Active, expiring (in 3 days), expired, API, interactive.
Clients sample()
{
    return {
        technical(u"sb-0001"_s, u"Reporting Robot"_s, u"REPORTING"_s, Now + 200 * SecondsPerDay),
        technical(u"sb-0002"_s, u"Nightly Export"_s, u"EXPORT"_s, Now + 3 * SecondsPerDay),
        technical(u"sb-0003"_s, u"Old Loader"_s, u"LOADER"_s, Now - SecondsPerDay),
        ofPurpose(u"sb-0004"_s, u"SCIM provisioning"_s, Purpose::Api),
        ofPurpose(u"sb-0005"_s, u"datasphere CLI"_s, Purpose::Interactive),
    };
}

QStringList column(const QAbstractItemModel& model, int column, int role = Qt::DisplayRole)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row) {
        values.append(model.index(row, column).data(role).toString());
    }
    return values;
}

} // namespace

class TestClientTableModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void testHeaders();
    void testDisplay();
    void testStatusMarkers_data();
    void testStatusMarkers();
    void testMarkersFollowTheClock();
    void testAddIsOneInsertAndKeepsSelection();
    void testEditIsOneDataChangedAndKeepsSelection();
    void testRemoveIsOneRemoval();
    void testFilterText_data();
    void testFilterText();
    void testFilterPurposeAndStatus();
    void testFilterKeepsSelectionAndView();
    void testJustAddedRowStaysVisible();
    void testSort_data();
    void testSort();
    void testPagedLoad();
    void testUserIdTaken();

private:
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<ClientTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestClientTableModel::init()
{
    m_clock = std::make_unique<ManualClock>(Now);
    m_model = std::make_unique<ClientTableModel>(*m_clock);
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->setClients(sample());
}

void TestClientTableModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_clock.reset();
}

void TestClientTableModel::testHeaders()
{
    QCOMPARE(m_model->columnCount(), 8);
    QStringList headers;
    for (int c = 0; c < m_model->columnCount(); ++c) {
        headers.append(m_model->headerData(c, Qt::Horizontal).toString());
    }
    QCOMPARE(headers,
             QStringList({u"Name"_s, u"OAuth Client ID"_s, u"Purpose"_s, u"User ID"_s, u"Roles"_s, u"Created"_s,
                          u"Expires"_s, u"Token Lifetime"_s}));
}

void TestClientTableModel::testDisplay()
{
    QCOMPARE(m_model->rowCount(), 5);
    const QModelIndex first = m_model->indexOf(u"sb-0001"_s);
    QVERIFY(first.isValid());
    const auto cell = [&](int column) { return first.siblingAtColumn(column).data().toString(); };
    QCOMPARE(cell(ClientTableModel::NameColumn), u"Reporting Robot"_s);
    QCOMPARE(cell(ClientTableModel::ClientIdColumn), u"sb-0001"_s);
    QCOMPARE(cell(ClientTableModel::PurposeColumn), u"Technical User"_s);
    QCOMPARE(cell(ClientTableModel::UserIdColumn), u"REPORTING"_s);
    QCOMPARE(cell(ClientTableModel::RolesColumn), u"DW_VIEWER"_s);
    QCOMPARE(cell(ClientTableModel::TokenLifetimeColumn), u"1 day"_s);
    QVERIFY(!cell(ClientTableModel::CreatedColumn).isEmpty());
    QVERIFY(!cell(ClientTableModel::ExpiresColumn).isEmpty());

    const QModelIndex api = m_model->indexOf(u"sb-0004"_s);
    QCOMPARE(api.siblingAtColumn(ClientTableModel::ExpiresColumn).data().toString(), u"Never"_s);
    QCOMPARE(api.siblingAtColumn(ClientTableModel::TokenLifetimeColumn).data().toString(), u"1 hour"_s);
    QCOMPARE(api.data(ClientTableModel::ClientIdRole).toString(), u"sb-0004"_s);

    Client scoped = technical(u"sb-0009"_s, u"Scoped"_s, u"SCOPED"_s, Now + 90 * SecondsPerDay);
    scoped.roles = {{u"DW_VIEWER"_s, {}}, {u"SALES_MODELER"_s, {u"SALES"_s, u"HR"_s}}};
    m_model->addClient(scoped);
    QCOMPARE(m_model->indexOf(u"sb-0009"_s).siblingAtColumn(ClientTableModel::RolesColumn).data().toString(),
             u"DW_VIEWER, SALES_MODELER (SALES, HR)"_s);
}

void TestClientTableModel::testStatusMarkers_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("tooltip");

    QTest::newRow("active") << u"sb-0001"_s << int(ExpiryState::Active) << QString();
    QTest::newRow("expiring") << u"sb-0002"_s << int(ExpiryState::Expiring) << u"Expires in 3 days"_s;
    QTest::newRow("expired") << u"sb-0003"_s << int(ExpiryState::Expired) << u"Expired on"_s;
    QTest::newRow("never expires") << u"sb-0004"_s << int(ExpiryState::Active) << QString();
}

void TestClientTableModel::testStatusMarkers()
{
    QFETCH(QString, clientId);
    QFETCH(int, state);
    QFETCH(QString, tooltip);

    const QModelIndex name = m_model->indexOf(clientId);
    QCOMPARE(name.data(ClientTableModel::ExpiryStateRole).toInt(), state);
    const QIcon icon = qvariant_cast<QIcon>(name.data(Qt::DecorationRole));
    switch (ExpiryState(state)) {
    case ExpiryState::Active:
        QVERIFY(icon.isNull());
        QVERIFY(name.data(Qt::ToolTipRole).isNull());
        break;
    case ExpiryState::Expiring:
        QCOMPARE(icon.cacheKey(), Icons::statusExpiring().cacheKey());
        QVERIFY(!icon.pixmap(16).isNull());
        QVERIFY2(name.data(Qt::ToolTipRole).toString().startsWith(tooltip),
                 qPrintable(name.data(Qt::ToolTipRole).toString()));
        break;
    case ExpiryState::Expired:
        QCOMPARE(icon.cacheKey(), Icons::statusExpired().cacheKey());
        QVERIFY(!icon.pixmap(16).isNull());
        QVERIFY(name.data(Qt::ToolTipRole).toString().startsWith(tooltip));
        break;
    }
    // The marker is on the Name column only.
    QVERIFY(name.siblingAtColumn(ClientTableModel::ClientIdColumn).data(Qt::DecorationRole).isNull());
}

void TestClientTableModel::testMarkersFollowTheClock()
{
    const QModelIndex active = m_model->indexOf(u"sb-0001"_s);
    QCOMPARE(active.data(ClientTableModel::ExpiryStateRole).toInt(), int(ExpiryState::Active));
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

    m_clock->advance(190 * SecondsPerDay); // 10 days left
    m_model->refreshExpiryStates();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(active.data(ClientTableModel::ExpiryStateRole).toInt(), int(ExpiryState::Expiring));

    m_clock->advance(10 * SecondsPerDay);
    m_model->refreshExpiryStates();
    QCOMPARE(active.data(ClientTableModel::ExpiryStateRole).toInt(), int(ExpiryState::Expired));
    QCOMPARE(qvariant_cast<QIcon>(active.data(Qt::DecorationRole)).cacheKey(), Icons::statusExpired().cacheKey());
}

void TestClientTableModel::testAddIsOneInsertAndKeepsSelection()
{
    m_model->sort(ClientTableModel::NameColumn);
    QItemSelectionModel selection(m_model.get());
    selection.select(m_model->indexOf(u"sb-0003"_s), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    selection.setCurrentIndex(m_model->indexOf(u"sb-0003"_s), QItemSelectionModel::NoUpdate);

    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy layout(m_model.get(), &QAbstractItemModel::layoutChanged);

    m_model->addClient(technical(u"sb-0100"_s, u"Alpha Agent"_s, u"ALPHA"_s, Now + 90 * SecondsPerDay));

    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0); // "alpha agent" sorts first
    QCOMPARE(inserted.at(0).at(2).toInt(), 0);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(layout.size(), 0);
    QCOMPARE(m_model->rowCount(), 6);
    QCOMPARE(m_model->index(0, 0).data().toString(), u"Alpha Agent"_s);
    QCOMPARE(selection.selectedRows().size(), 1);
    QCOMPARE(selection.selectedRows().constFirst().data(ClientTableModel::ClientIdRole).toString(), u"sb-0003"_s);
    QCOMPARE(selection.currentIndex().data(ClientTableModel::ClientIdRole).toString(), u"sb-0003"_s);
}

void TestClientTableModel::testEditIsOneDataChangedAndKeepsSelection()
{
    m_model->sort(ClientTableModel::NameColumn);
    QItemSelectionModel selection(m_model.get());
    const QModelIndex target = m_model->indexOf(u"sb-0001"_s);
    selection.select(target, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy layout(m_model.get(), &QAbstractItemModel::layoutChanged);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);

    Client edited = *m_model->client(u"sb-0001"_s);
    edited.clientName = u"Zulu Reporting"_s;
    QVERIFY(m_model->updateClient(edited));

    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), target.row());
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), target.row());
    QCOMPARE(reset.size() + layout.size() + inserted.size() + removed.size(), 0);
    QCOMPARE(m_model->indexOf(u"sb-0001"_s).data().toString(), u"Zulu Reporting"_s);
    QCOMPARE(selection.selectedRows().constFirst().data(ClientTableModel::ClientIdRole).toString(), u"sb-0001"_s);

    QVERIFY(!m_model->updateClient(technical(u"unknown"_s, u"X"_s, u"X"_s, 0)));
    QCOMPARE(changed.size(), 1);
}

void TestClientTableModel::testRemoveIsOneRemoval()
{
    QItemSelectionModel selection(m_model.get());
    selection.select(m_model->indexOf(u"sb-0005"_s), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy total(m_model.get(), &ClientTableModel::totalCountChanged);

    QVERIFY(m_model->removeClient(u"sb-0002"_s));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(total.size(), 1);
    QCOMPARE(total.at(0).at(0).toInt(), 4);
    QCOMPARE(m_model->rowCount(), 4);
    QVERIFY(!m_model->indexOf(u"sb-0002"_s).isValid());
    QVERIFY(!m_model->client(u"sb-0002"_s));
    QCOMPARE(m_model->indexOf(u"sb-0005"_s).data().toString(), u"datasphere CLI"_s);
    QCOMPARE(selection.selectedRows().constFirst().data(ClientTableModel::ClientIdRole).toString(), u"sb-0005"_s);
    QVERIFY(!m_model->removeClient(u"sb-0002"_s));
}

void TestClientTableModel::testFilterText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("empty") << QString()
                           << QStringList{u"sb-0001"_s, u"sb-0002"_s, u"sb-0003"_s, u"sb-0004"_s, u"sb-0005"_s};
    QTest::newRow("name, any case") << u"rOBOT"_s << QStringList{u"sb-0001"_s};
    QTest::newRow("client id") << u"SB-0004"_s << QStringList{u"sb-0004"_s};
    QTest::newRow("user id") << u"loader"_s << QStringList{u"sb-0003"_s};
    QTest::newRow("spaces trimmed") << u"  export "_s << QStringList{u"sb-0002"_s};
    QTest::newRow("several") << u"o"_s << QStringList{u"sb-0001"_s, u"sb-0002"_s, u"sb-0003"_s, u"sb-0004"_s};
    QTest::newRow("nothing") << u"zzz"_s << QStringList();
    QTest::newRow("not the purpose") << u"technical"_s << QStringList();
}

void TestClientTableModel::testFilterText()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    m_model->sort(ClientTableModel::ClientIdColumn);

    // Typed one character at a time, as in the filter box.
    for (qsizetype i = 1; i <= text.size(); ++i) {
        m_model->setFilterText(text.left(i));
    }
    QCOMPARE(column(*m_model, 0, ClientTableModel::ClientIdRole), expected);
    QCOMPARE(m_model->isFiltered(), !text.trimmed().isEmpty());
    QCOMPARE(m_model->totalCount(), 5);

    // Backspacing widens the view again.
    m_model->setFilterText(text.left(1));
    m_model->setFilterText(QString());
    QCOMPARE(m_model->rowCount(), 5);
}

void TestClientTableModel::testFilterPurposeAndStatus()
{
    m_model->sort(ClientTableModel::ClientIdColumn);
    m_model->setPurposeFilter(Purpose::Technical);
    QCOMPARE(column(*m_model, 0, ClientTableModel::ClientIdRole),
             QStringList({u"sb-0001"_s, u"sb-0002"_s, u"sb-0003"_s}));

    m_model->setStatusFilter(ClientQuery::Status::Expired);
    QCOMPARE(column(*m_model, 0, ClientTableModel::ClientIdRole), QStringList({u"sb-0003"_s}));
    m_model->setStatusFilter(ClientQuery::Status::Expiring);
    QCOMPARE(column(*m_model, 0, ClientTableModel::ClientIdRole), QStringList({u"sb-0002"_s}));
    m_model->setStatusFilter(ClientQuery::Status::Active);
    QCOMPARE(column(*m_model, 0, ClientTableModel::ClientIdRole), QStringList({u"sb-0001"_s, u"sb-0002"_s}));

    m_model->setPurposeFilter(std::nullopt);
    QCOMPARE(column(*m_model, 0, ClientTableModel::ClientIdRole),
             QStringList({u"sb-0001"_s, u"sb-0002"_s, u"sb-0004"_s, u"sb-0005"_s}));

    m_model->setFilterText(u"s"_s); // with status: always rebuilt from the whole list
    m_model->setFilterText(u"sc"_s);
    QCOMPARE(column(*m_model, 0, ClientTableModel::ClientIdRole), QStringList({u"sb-0004"_s}));

    m_model->setStatusFilter(ClientQuery::Status::Any);
    m_model->setFilterText(QString());
    QVERIFY(!m_model->isFiltered());
    QCOMPARE(m_model->rowCount(), 5);
}

void TestClientTableModel::testFilterKeepsSelectionAndView()
{
    QTableView view;
    view.setModel(m_model.get());
    view.setSortingEnabled(true);
    view.sortByColumn(ClientTableModel::NameColumn, Qt::AscendingOrder);
    view.selectRow(m_model->indexOf(u"sb-0002"_s).row());

    m_model->setFilterText(u"export"_s);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(view.verticalHeader()->count(), 1);
    QCOMPARE(view.selectionModel()->selectedRows().size(), 1);
    QCOMPARE(view.currentIndex().data(ClientTableModel::ClientIdRole).toString(), u"sb-0002"_s);

    m_model->setFilterText(u"robot"_s); // the selected row goes out of view
    QCOMPARE(view.verticalHeader()->count(), 1);
    QVERIFY(view.selectionModel()->selectedRows().isEmpty());

    m_model->setFilterText(QString());
    QCOMPARE(view.verticalHeader()->count(), 5);
    QCOMPARE(m_model->rowCount(), 5);

    view.sortByColumn(ClientTableModel::NameColumn, Qt::DescendingOrder);
    QCOMPARE(m_model->index(0, 0).data().toString(), u"SCIM provisioning"_s);
}

void TestClientTableModel::testJustAddedRowStaysVisible()
{
    m_model->setFilterText(u"robot"_s);
    QCOMPARE(m_model->rowCount(), 1);
    m_model->addClient(technical(u"sb-0200"_s, u"Unrelated"_s, u"UNRELATED"_s, Now + 90 * SecondsPerDay));
    QCOMPARE(m_model->rowCount(), 2);
    QVERIFY(m_model->indexOf(u"sb-0200"_s).isValid());

    // An edit that no longer matches keeps its row too.
    Client robot = *m_model->client(u"sb-0001"_s);
    robot.clientName = u"Renamed"_s;
    m_model->updateClient(robot);
    QVERIFY(m_model->indexOf(u"sb-0001"_s).isValid());

    // Until the filter changes.
    m_model->setFilterText(u"unrel"_s);
    QCOMPARE(column(*m_model, 0, ClientTableModel::ClientIdRole), QStringList({u"sb-0200"_s}));
}

void TestClientTableModel::testSort_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("order");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("name") << int(ClientTableModel::NameColumn) << int(Qt::AscendingOrder)
                          << QStringList{u"sb-0005"_s, u"sb-0002"_s, u"sb-0003"_s, u"sb-0001"_s, u"sb-0004"_s};
    QTest::newRow("name descending") << int(ClientTableModel::NameColumn) << int(Qt::DescendingOrder)
                                     << QStringList{u"sb-0004"_s, u"sb-0001"_s, u"sb-0003"_s, u"sb-0002"_s,
                                                    u"sb-0005"_s};
    QTest::newRow("purpose, ties by id") << int(ClientTableModel::PurposeColumn) << int(Qt::AscendingOrder)
                                         << QStringList{u"sb-0004"_s, u"sb-0005"_s, u"sb-0001"_s, u"sb-0002"_s,
                                                        u"sb-0003"_s};
    QTest::newRow("expires, never last") << int(ClientTableModel::ExpiresColumn) << int(Qt::AscendingOrder)
                                         << QStringList{u"sb-0003"_s, u"sb-0002"_s, u"sb-0001"_s, u"sb-0004"_s,
                                                        u"sb-0005"_s};
    QTest::newRow("token lifetime") << int(ClientTableModel::TokenLifetimeColumn) << int(Qt::AscendingOrder)
                                    << QStringList{u"sb-0004"_s, u"sb-0005"_s, u"sb-0001"_s, u"sb-0002"_s,
                                                   u"sb-0003"_s};
    QTest::newRow("user id descending") << int(ClientTableModel::UserIdColumn) << int(Qt::DescendingOrder)
                                        << QStringList{u"sb-0001"_s, u"sb-0003"_s, u"sb-0002"_s, u"sb-0005"_s,
                                                       u"sb-0004"_s};
}

void TestClientTableModel::testSort()
{
    QFETCH(int, column);
    QFETCH(int, order);
    QFETCH(QStringList, expected);

    QItemSelectionModel selection(m_model.get());
    selection.select(m_model->indexOf(u"sb-0003"_s), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);

    m_model->sort(column, Qt::SortOrder(order));
    QCOMPARE(::appint::test::column(*m_model, 0, ClientTableModel::ClientIdRole), expected);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(selection.selectedRows().constFirst().data(ClientTableModel::ClientIdRole).toString(), u"sb-0003"_s);
    QCOMPARE(m_model->sortColumn(), column);
}

void TestClientTableModel::testPagedLoad()
{
    m_model->sort(ClientTableModel::NameColumn);
    m_model->setClients({});
    QCOMPARE(m_model->rowCount(), 0);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy total(m_model.get(), &ClientTableModel::totalCountChanged);
    const Clients all = sample();
    m_model->appendClients(all.mid(3));
    m_model->appendClients(all.mid(0, 3));
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(total.size(), 2);
    QCOMPARE(total.last().at(0).toInt(), 5);
    m_model->finishLoading();
    QCOMPARE(column(*m_model, 0, ClientTableModel::ClientIdRole),
             QStringList({u"sb-0005"_s, u"sb-0002"_s, u"sb-0003"_s, u"sb-0001"_s, u"sb-0004"_s}));
}

void TestClientTableModel::testUserIdTaken()
{
    QVERIFY(m_model->isUserIdTaken(u"EXPORT"_s));
    QVERIFY(!m_model->isUserIdTaken(u"EXPORT"_s, u"sb-0002"_s));
    QVERIFY(!m_model->isUserIdTaken(u"export"_s));
    QVERIFY(!m_model->isUserIdTaken(QString()));
}

} // namespace appint::test

APPINT_TEST_GUI_MAIN(appint::test::TestClientTableModel)
#include "TestClientTableModel.moc"
