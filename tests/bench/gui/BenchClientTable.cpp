#include "gui/clients/ClientTableModel.h"
#include "gui/widgets/ClientTableView.h"

#include "core/ClientRules.h"

#include "ManualClock.h"
#include "TestMain.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace appint::test {

namespace {

constexpr qint64 Now = 1'750'000'000;
// 100,000 rows, the scale the issue measures. ctest runs a small smoke of the
// same code (APPINT_BENCH_ROWS); run the binary by hand for the numbers.
const int Rows = [] {
    bool ok = false;
    const int rows = qEnvironmentVariableIntValue("APPINT_BENCH_ROWS", &ok);
    return ok && rows > 0 ? rows : 100'000;
}();
constexpr int PageSize = 5000;

// 100,000 clients of every purpose with names, ids and user ids of realistic
// length; about one in 50 expired, one in 50 expiring.
Clients makeClients()
{
    const QStringList words{u"Reporting"_s,    u"Nightly"_s,  u"Export"_s,      u"Loader"_s, u"SCIM"_s,
                            u"Provisioning"_s, u"Signavio"_s, u"Transport"_s,   u"Robot"_s,  u"Analytics"_s,
                            u"Finance"_s,      u"Sales"_s,    u"Marketplace"_s, u"OData"_s,  u"Replication"_s};
    Clients clients;
    clients.reserve(Rows);
    quint32 seed = 12345;
    const auto next = [&seed] {
        seed = seed * 1664525u + 1013904223u;
        return seed >> 8;
    };
    for (int i = 0; i < Rows; ++i) {
        const Purpose purpose = allPurposes().at(int(next() % 3));
        Client client = ClientRules::withDefaults(purpose, Now);
        client.clientId = u"sb-%1-%2"_s.arg(next(), 8, 16, QChar(u'0')).arg(i, 6, 10, QChar(u'0'));
        client.clientName
            = words[next() % words.size()] + u' ' + words[next() % words.size()] + u' ' + QString::number(i);
        client.clientIdIssuedAt = Now - qint64(next() % (400 * SecondsPerDay));
        if (purpose == Purpose::Technical) {
            client.userId = u"TU_%1"_s.arg(i, 6, 10, QChar(u'0'));
            client.roles = {{u"DW_VIEWER"_s, {}}};
            const int kind = int(next() % 50);
            client.clientSecretExpiresAt = kind == 0 ? Now - SecondsPerDay
                : kind == 1                          ? Now + 5 * SecondsPerDay
                                                     : Now + qint64(30 + next() % 700) * SecondsPerDay;
        } else if (purpose == Purpose::Api) {
            client.access = {u"user_provisioning"_s};
        } else {
            client.redirectUris = {u"https://app.example.com/callback"_s};
        }
        clients.append(client);
    }
    return clients;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values[values.size() / 2];
}

double maximum(const QList<double>& values)
{
    return values.isEmpty() ? 0 : *std::max_element(values.begin(), values.end());
}

double percentile95(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values[qsizetype(double(values.size() - 1) * 0.95)];
}

} // namespace

class BenchClientTable : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void benchLoadInPages();
    void benchFilterTyping();
    void benchFilterKeystroke_data();
    void benchFilterKeystroke();
    void benchSort_data();
    void benchSort();
    void benchPaint();
    void benchSingleAddAndEdit();

private:
    void loadInPages();

    Clients m_clients;
    QList<double> m_narrowing; // milliseconds per keystroke, over every run of benchFilterTyping
    QList<double> m_widening;
    ManualClock m_clock{Now};
    std::unique_ptr<ClientTableModel> m_model;
    std::unique_ptr<ClientTableView> m_view;
};

void BenchClientTable::initTestCase()
{
    m_clients = makeClients();
}

void BenchClientTable::cleanupTestCase()
{
    qInfo("keystroke while typing \"robot 4\" (narrowing), %d keystrokes: median %.2f ms, 95%% %.2f ms, max %.2f ms",
          int(m_narrowing.size()), median(m_narrowing), percentile95(m_narrowing), maximum(m_narrowing));
    qInfo("keystroke while deleting it (widening), %d keystrokes: median %.2f ms, 95%% %.2f ms, max %.2f ms",
          int(m_widening.size()), median(m_widening), percentile95(m_widening), maximum(m_widening));
}

void BenchClientTable::init()
{
    m_model = std::make_unique<ClientTableModel>(m_clock);
    m_view = std::make_unique<ClientTableView>();
    if (qEnvironmentVariableIsEmpty("BENCH_NO_VIEW")) {
        m_view->setModel(m_model.get());
    }
    m_view->resize(1200, 700);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_view->sortByColumn(ClientTableModel::NameColumn, Qt::AscendingOrder);
}

void BenchClientTable::cleanup()
{
    m_view.reset();
    m_model.reset();
}

void BenchClientTable::loadInPages()
{
    for (qsizetype offset = 0; offset < m_clients.size(); offset += PageSize) {
        if (offset == 0) {
            m_model->setClients(m_clients.mid(0, PageSize));
        } else {
            m_model->appendClients(m_clients.mid(offset, PageSize));
        }
    }
    m_model->finishLoading();
}

void BenchClientTable::benchLoadInPages()
{
    // 20 pages of 5000 as the API delivers them, then one sort by name, with
    // the table view attached (no network: that is the server's benchmark).
    QBENCHMARK
    {
        loadInPages();
    }
    QCOMPARE(m_model->rowCount(), Rows);
}

void BenchClientTable::benchFilterTyping()
{
    loadInPages();
    // Type "robot 4" and delete it again: 14 keystrokes, each one a full
    // filter pass and view update. Per keystroke: divide by 14.
    const QString word = u"robot 4"_s;
    QList<double>& narrowing = m_narrowing;
    QList<double>& widening = m_widening;
    QBENCHMARK
    {
        for (qsizetype i = 1; i <= word.size(); ++i) {
            QElapsedTimer timer;
            timer.start();
            m_model->setFilterText(word.left(i));
            narrowing.append(timer.nsecsElapsed() / 1e6);
        }
        for (qsizetype i = word.size() - 1; i >= 0; --i) {
            QElapsedTimer timer;
            timer.start();
            m_model->setFilterText(word.left(i));
            widening.append(timer.nsecsElapsed() / 1e6);
        }
    }
    QCOMPARE(m_model->rowCount(), Rows);
}

void BenchClientTable::benchFilterKeystroke_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::newRow("first character (all rows scanned)") << QString() << u"r"_s;
    QTest::newRow("clear the filter (all rows back)") << u"r"_s << QString();
    QTest::newRow("a rare match") << QString() << u"tu_0999"_s;
}

void BenchClientTable::benchFilterKeystroke()
{
    QFETCH(QString, before);
    QFETCH(QString, after);
    loadInPages();
    // Two keystrokes per iteration: there and back.
    QBENCHMARK
    {
        m_model->setFilterText(after);
        m_model->setFilterText(before);
    }
}

void BenchClientTable::benchSort_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("order");
    QTest::newRow("Name") << int(ClientTableModel::NameColumn) << int(Qt::DescendingOrder);
    QTest::newRow("OAuth Client ID") << int(ClientTableModel::ClientIdColumn) << int(Qt::AscendingOrder);
    QTest::newRow("Roles") << int(ClientTableModel::RolesColumn) << int(Qt::AscendingOrder);
    QTest::newRow("Expires") << int(ClientTableModel::ExpiresColumn) << int(Qt::AscendingOrder);
}

void BenchClientTable::benchSort()
{
    QFETCH(int, column);
    QFETCH(int, order);
    loadInPages();
    // One full sort per iteration, as a click on the header does (the order
    // alternates, so that no iteration starts from its own result).
    m_model->sort(column, Qt::SortOrder(order));
    Qt::SortOrder next = Qt::SortOrder(order);
    QBENCHMARK
    {
        next = next == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder;
        m_model->sort(column, next);
    }
}

void BenchClientTable::benchPaint()
{
    loadInPages();
    m_model->setFilterText(u"ro"_s);
    QBENCHMARK
    {
        m_view->viewport()->repaint();
    }
}

void BenchClientTable::benchSingleAddAndEdit()
{
    loadInPages();
    Client client = m_clients.first();
    client.clientId = u"sb-new"_s;
    QBENCHMARK
    {
        m_model->addClient(client);
        client.clientName += u'x';
        m_model->updateClient(client);
        m_model->removeClient(client.clientId);
    }
}

} // namespace appint::test

APPINT_TEST_GUI_MAIN(appint::test::BenchClientTable)
#include "BenchClientTable.moc"
