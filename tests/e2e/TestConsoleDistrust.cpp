#include "ConsoleFixture.h"
#include "FaultServer.h"
#include "TestMain.h"
#include "WidgetLookup.h"

#include "core/BidiText.h"
#include "gui/clients/AppIntegrationPage.h"
#include "gui/clients/ClientTableModel.h"
#include "gui/clients/ExportSheetDialog.h"
#include "gui/shell/MainWindow.h"
#include "gui/tenants/TenantSwitcher.h"
#include "gui/widgets/MessageWidget.h"
#include "service/TenantApi.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QUrlQuery>

#include <optional>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(appint::test::FaultServer::Response)

namespace appint::test {

namespace {
const QString AdminSecret = u"admin-secret-4711"_s;

QString clientId(qint64 number)
{
    return u"c-%1"_s.arg(number, 7, 10, QChar(u'0'));
}

// Clients c-<first> … c-<first + count - 1> as one page of GET /api/v1/clients.
QByteArray pageBody(qint64 first, qint64 count, double total)
{
    QJsonArray items;
    for (qint64 number = first; number < first + count; ++number) {
        items.append(FaultServer::clientJson(clientId(number), u"Client %1"_s.arg(number)));
    }
    return FaultServer::clientPage(items, qint64(total));
}

// The labels anywhere in the application whose text contains `text`.
QList<QLabel*> labelsShowing(const QString& text)
{
    QList<QLabel*> labels;
    for (QWidget* widget : QApplication::allWidgets()) {
        if (auto* label = qobject_cast<QLabel*>(widget); label && label->text().contains(text)) {
            labels.append(label);
        }
    }
    return labels;
}
} // namespace

// Issue 16 through the console's widgets: the whole console (tenant switcher,
// main window, page, the real Delete box) connected, as appint-console
// --tenant does, to a FaultServer that plays a tenant breaking the contract
// one endpoint at a time. Each scenario asserts what the admin sees (the
// banner naming the tenant's fault, the table) and what the tenant saw (how
// many requests): bounded, never a wall-clock or memory threshold.
class TestConsoleDistrust : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void runawayTotalStopsAtTheFirstPage();
    void ceilingStopsEndlessDistinctPages();
    void repeatedPageStops();
    void pageLargerThanAskedStops();
    void pageRepeatingEarlierIdsStops();
    void stopLoadingKeepsTheTableAndTheWindowResponds();
    void drippingTokenEndpointTimesOut();
    void drippingClientListTimesOut();
    void oversizedAnswerRefused_data();
    void oversizedAnswerRefused();
    void richTextNameIsPlainEverywhere();
    void rightToLeftOverrideIsIsolated();
    void malformedItemsCountedInOneBanner();
    void javascriptTokenUrlRefused();
    void foreignTokenEndpointGetsNoSecret();
    void tokenEndpointOfTheCredentialsIsUsed();

private:
    void serve();
    // Connects the console to the fake tenant (the command-line tenant) with
    // this request deadline; true when connected. Either way the switcher
    // has settled.
    bool connectToFake(int timeoutMs = 20'000, const QUrl& tokenEndpoint = {});
    // Connected, and the first load over.
    bool connectAndLoad(int timeoutMs = 20'000);
    QString bannerText() { return m_console->page().messageWidget()->text(); }
    QString connectionBannerText() { return m_console->window().connectionBanner()->text(); }

    std::unique_ptr<ConsoleFixture> m_console;
    std::unique_ptr<FaultServer> m_fake;
};

void TestConsoleDistrust::init()
{
    m_console = std::make_unique<ConsoleFixture>();
    QVERIFY2(m_console->build(), qPrintable(m_console->errorString()));
    m_fake = std::make_unique<FaultServer>();
    QVERIFY(m_fake->listen());
    serve();
}

void TestConsoleDistrust::cleanup()
{
    m_console.reset();
    m_fake.reset();
}

void TestConsoleDistrust::serve()
{
    m_fake->routeWorkingTenant();
    m_fake->setRoute("/api/v1/roles", FaultServer::json(200, "[]"));
    m_fake->setRoute("/api/v1/spaces", FaultServer::json(200, "[]"));
    m_fake->setRoute("/api/v1/clients", FaultServer::json(200, pageBody(0, 3, 3)));
}

bool TestConsoleDistrust::connectToFake(int timeoutMs, const QUrl& tokenEndpoint)
{
    TenantSwitcher& switcher = m_console->switcher();
    switcher.setTimeoutMs(timeoutMs);
    switcher.setCommandLineTenant(
        {m_fake->url(u""_s), u"admin"_s, Secret(AdminSecret), m_fake->url(u""_s).toString(), tokenEndpoint});
    const TenantEntry entry = switcher.startupEntry();
    switcher.activate(entry);
    if (!QTest::qWaitFor([&switcher] { return !switcher.isActivating(); }, 60'000)) {
        return false;
    }
    return switcher.current() && switcher.current()->id() == entry.id();
}

bool TestConsoleDistrust::connectAndLoad(int timeoutMs)
{
    if (!connectToFake(timeoutMs)) {
        qWarning().noquote() << "not connected:" << connectionBannerText();
        return false;
    }
    return QTest::qWaitFor([this] { return !m_console->page().isLoading(); }, 60'000);
}

void TestConsoleDistrust::runawayTotalStopsAtTheFirstPage()
{
    // A full page that claims a billion clients (before: 304 requests and
    // 2.16 GB in 60 s).
    m_fake->setRoute("/api/v1/clients", FaultServer::json(200, pageBody(0, TenantApi::LoadAllPageSize, 1e9)));
    QVERIFY(connectAndLoad());
    AppIntegrationPage& page = m_console->page();
    QCOMPARE(page.messageWidget()->type(), MessageWidget::Type::Error);
    QVERIFY2(bannerText().contains(u"1,000,000,000 clients, more than the 1,000,000 this program loads"_s),
             qPrintable(bannerText()));
    QVERIFY(bannerText().contains(u"loading stopped"_s));
    QCOMPARE(m_fake->requestCount("/api/v1/clients"), 1);
    QVERIFY(page.stopLoadButton()->isHidden());
    QVERIFY(page.refreshAction()->isEnabled());
    QCOMPARE(page.model()->totalCount(), 0);
}

void TestConsoleDistrust::ceilingStopsEndlessDistinctPages()
{
    QVERIFY(connectAndLoad());
    AppIntegrationPage& page = m_console->page();
    QCOMPARE(page.model()->totalCount(), 3);
    // Full pages of new clients at every offset, under a total just below
    // the ceiling: the ceiling (lowered here from 1,000,000) ends it.
    m_console->switcher().api()->setMaximumClients(12'000);
    m_fake->setHandler("/api/v1/clients", [](const QUrl& target) {
        const qint64 offset = QUrlQuery(target).queryItemValue(u"offset"_s).toLongLong();
        const qint64 limit = QUrlQuery(target).queryItemValue(u"limit"_s).toLongLong();
        return FaultServer::json(200, pageBody(offset, limit, 11'999));
    });
    page.reloadEverything();
    QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading(), 60'000);
    QVERIFY2(bannerText().contains(u"15,000 clients, more than the 12,000 this program loads"_s),
             qPrintable(bannerText()));
    QCOMPARE(m_fake->requestCount("/api/v1/clients"), 1 + 3);
    // The pages before the one over the ceiling stay shown.
    QCOMPARE(page.model()->totalCount(), 10'000);
}

void TestConsoleDistrust::repeatedPageStops()
{
    // The same full page at every offset (before: "Loading clients…
    // 1,475,000 of 1,000,000,000", then std::bad_alloc).
    m_fake->setRoute("/api/v1/clients", FaultServer::json(200, pageBody(0, TenantApi::LoadAllPageSize, 1e6)));
    QVERIFY(connectAndLoad());
    AppIntegrationPage& page = m_console->page();
    QVERIFY2(
        bannerText().contains(u"it sent client %1 a second time (at offset 5000); loading stopped."_s.arg(clientId(0))),
        qPrintable(bannerText()));
    QCOMPARE(m_fake->requestCount("/api/v1/clients"), 2);
    QCOMPARE(page.model()->totalCount(), int(TenantApi::LoadAllPageSize));
    QVERIFY(page.refreshAction()->isEnabled());
}

void TestConsoleDistrust::pageLargerThanAskedStops()
{
    // More items than the limit asked (before: pages of 488,846 items froze
    // the window for seconds and grew it to 5.4 GB).
    m_fake->setRoute("/api/v1/clients", FaultServer::json(200, pageBody(0, TenantApi::LoadAllPageSize + 1, 1e6)));
    QVERIFY(connectAndLoad());
    AppIntegrationPage& page = m_console->page();
    QVERIFY2(bannerText().contains(u"it sent 5001 clients for a page of 5000; loading stopped."_s),
             qPrintable(bannerText()));
    QCOMPARE(m_fake->requestCount("/api/v1/clients"), 1);
    QCOMPARE(page.model()->totalCount(), 0);
}

void TestConsoleDistrust::pageRepeatingEarlierIdsStops()
{
    // Each page starts half a page back: the second repeats 2,500 clients.
    m_fake->setHandler("/api/v1/clients", [](const QUrl& target) {
        const qint64 offset = QUrlQuery(target).queryItemValue(u"offset"_s).toLongLong();
        return FaultServer::json(200, pageBody(std::max<qint64>(0, offset - 2'500), 5'000, 50'000));
    });
    QVERIFY(connectAndLoad());
    AppIntegrationPage& page = m_console->page();
    QVERIFY2(bannerText().contains(u"it sent client %1 a second time (at offset 5000)"_s.arg(clientId(2'500))),
             qPrintable(bannerText()));
    QCOMPARE(m_fake->requestCount("/api/v1/clients"), 2);
    QCOMPARE(page.model()->totalCount(), 5'000);
}

void TestConsoleDistrust::stopLoadingKeepsTheTableAndTheWindowResponds()
{
    QVERIFY(connectAndLoad());
    AppIntegrationPage& page = m_console->page();
    QCOMPARE(page.model()->totalCount(), 3);
    QVERIFY(page.stopLoadButton()->isHidden());

    // Now the list drips, one byte per 50 ms (some 4 minutes for the page).
    FaultServer::Response dripping = FaultServer::json(200, pageBody(10, 20, 20));
    dripping.dripIntervalMs = 50;
    m_fake->setRoute("/api/v1/clients", dripping);
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
    ticker.start(10);
    page.reloadEverything();
    QVERIFY(page.isLoading());
    QTRY_VERIFY(m_fake->requestCount("/api/v1/clients") == 2);

    // The loading state offers Stop Loading; the window keeps working.
    QVERIFY(page.stopLoadButton()->isVisible());
    QVERIFY(page.stopLoadButton()->isEnabled());
    QVERIFY(!page.refreshAction()->isEnabled());
    auto* loadLabel = child<QLabel>(&page, u"loadLabel"_s);
    QVERIFY(loadLabel && loadLabel->isVisible());
    QTRY_VERIFY(ticks >= 30); // the event loop runs while the answer drips
    auto* filter = child<QLineEdit>(&page, u"filterLineEdit"_s);
    QVERIFY(filter);
    QTest::keyClicks(filter, u"Client 1"_s);
    QCOMPARE(page.model()->rowCount(), 1); // "Client 1" of the clients shown
    filter->clear();
    QCOMPARE(page.model()->rowCount(), 3);
    QVERIFY(page.isLoading());

    // Another page's read on the same tenant (as the Users page makes), on
    // its way when Stop is clicked: the page's Stop does not end it.
    FaultServer::Response slowClient = FaultServer::json(
        200, QJsonDocument(FaultServer::clientJson(u"c-probe"_s, u"Probe"_s)).toJson(QJsonDocument::Compact));
    slowClient.dripIntervalMs = 2;
    m_fake->setRoute("/api/v1/clients/c-probe", slowClient);
    QObject otherPage;
    std::optional<Result<Client>> probe;
    m_console->switcher().api()->client(u"c-probe"_s, &otherPage,
                                        [&probe](const Result<Client>& result) { probe = result; });
    QTRY_COMPARE(m_fake->requestCount("/api/v1/clients/c-probe"), 1);

    page.stopLoadButton()->click();
    QTRY_VERIFY(!page.isLoading());
    QVERIFY(page.stopLoadButton()->isHidden());
    // The table keeps what it had; the banner says what is shown.
    QCOMPARE(page.model()->totalCount(), 3);
    QVERIFY(page.model()->client(clientId(0)));
    QCOMPARE(page.messageWidget()->type(), MessageWidget::Type::Information);
    QVERIFY2(bannerText().startsWith(u"Loading stopped."_s), qPrintable(bannerText()));
    QVERIFY2(bannerText().contains(u"The table keeps the clients loaded before (3 clients)."_s),
             qPrintable(bannerText()));
    QVERIFY(page.refreshAction()->isEnabled());
    QCOMPARE(m_fake->requestCount("/api/v1/clients"), 2);
    QTRY_VERIFY_WITH_TIMEOUT(probe.has_value(), 20'000);
    QVERIFY2(probe->ok(), qPrintable(probe->message));
    QCOMPARE(probe->value.clientName, u"Probe"_s);
}

void TestConsoleDistrust::drippingTokenEndpointTimesOut()
{
    // One byte every 100 ms of a 10 kB token answer: without a total
    // deadline it would arrive after some 17 minutes (before: "Connecting
    // to…" with every action disabled at 79 s).
    FaultServer::Response dripping
        = FaultServer::json(200,
                            R"({"access_token":"fake-admin-token","token_type":"Bearer","expires_in":3600,"x":")"
                                + QByteArray(10'000, 'x') + R"("})");
    dripping.dripIntervalMs = 100;
    m_fake->setRoute("/oauth/token", dripping);
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
    ticker.start(10);
    QElapsedTimer elapsed;
    elapsed.start();
    QVERIFY(!connectToFake(1'000));
    QVERIFY2(connectionBannerText().contains(u"did not answer within 1 second"_s), qPrintable(connectionBannerText()));
    QVERIFY(!connectionBannerText().contains(u"does not follow the API"_s));
    QVERIFY(ticks >= 20); // the window was not blocked meanwhile
    QCOMPARE(m_fake->requestCount("/oauth/token"), 1);
    QCOMPARE(m_fake->requestCount("/api/v1/clients"), 0);
    qInfo() << "timed out after" << elapsed.elapsed() << "ms";
}

void TestConsoleDistrust::drippingClientListTimesOut()
{
    QVERIFY(connectAndLoad(1'500));
    AppIntegrationPage& page = m_console->page();
    QCOMPARE(page.model()->totalCount(), 3);
    FaultServer::Response dripping = FaultServer::json(200, pageBody(10, 20, 20));
    dripping.dripIntervalMs = 20;
    m_fake->setRoute("/api/v1/clients", dripping);
    page.reloadEverything();
    QVERIFY(page.isLoading());
    QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading(), 30'000);
    QCOMPARE(page.messageWidget()->type(), MessageWidget::Type::Error);
    QVERIFY2(bannerText().contains(u"did not answer within 1 second"_s), qPrintable(bannerText()));
    QCOMPARE(m_fake->requestCount("/api/v1/clients"), 2);
    QVERIFY(page.refreshAction()->isEnabled());
}

void TestConsoleDistrust::oversizedAnswerRefused_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<FaultServer::Response>("response");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("connects");

    // 200 MB announced: refused on the headers, nothing buffered.
    FaultServer::Response announced = FaultServer::json(200, pageBody(0, 1, 1));
    announced.announcedLength = 200LL * 1000 * 1000;
    QTest::newRow("client page of 200 MB")
        << QByteArray("/api/v1/clients") << announced << u"larger than 64 MiB"_s << true;
    // 2 MiB without a Content-Length: refused as it arrives.
    FaultServer::Response unannounced = FaultServer::json(
        200, R"({"access_token":")" + QByteArray(2 << 20, 'a') + R"(","token_type":"Bearer","expires_in":3600})");
    unannounced.withoutContentLength = true;
    QTest::newRow("token answer of 2 MiB")
        << QByteArray("/oauth/token") << unannounced << u"larger than 1 MiB"_s << false;
}

void TestConsoleDistrust::oversizedAnswerRefused()
{
    QFETCH(QByteArray, path);
    QFETCH(FaultServer::Response, response);
    QFETCH(QString, expected);
    QFETCH(bool, connects);
    m_fake->setRoute(path, response);
    if (!connects) {
        QVERIFY(!connectToFake());
        QVERIFY2(connectionBannerText().contains(expected), qPrintable(connectionBannerText()));
        QVERIFY(connectionBannerText().contains(u"refused"_s));
        QCOMPARE(m_fake->requestCount(path), 1);
        return;
    }
    QVERIFY(connectAndLoad());
    QCOMPARE(m_console->page().messageWidget()->type(), MessageWidget::Type::Error);
    QVERIFY2(bannerText().contains(expected), qPrintable(bannerText()));
    QVERIFY(bannerText().contains(u"refused"_s));
    QCOMPARE(m_fake->requestCount(path), 1);
    QCOMPARE(m_console->page().model()->totalCount(), 0);
}

void TestConsoleDistrust::richTextNameIsPlainEverywhere()
{
    const QString name = uR"(<b>Bold</b><img src="https://evil.example/x.png"><a href="https://evil.example">link</a>)"
                         uR"(<font size="7" color="red">BIG RED</font>)"_s;
    m_fake->setRoute(
        "/api/v1/clients",
        FaultServer::json(200,
                          FaultServer::clientPage(QJsonArray{FaultServer::clientJson(u"c-rich"_s, name),
                                                             FaultServer::clientJson(u"c-plain"_s, u"Plain"_s)})));
    QVERIFY(connectAndLoad());
    AppIntegrationPage& page = m_console->page();
    QVERIFY(page.messageWidget()->isHidden());
    // The table shows the characters, the tooltip escapes them.
    const QModelIndex index = page.model()->indexOf(u"c-rich"_s);
    QVERIFY(index.isValid());
    QCOMPARE(index.data(Qt::DisplayRole).toString(), name);
    QVERIFY(!index.data(Qt::ToolTipRole).toString().contains(u"<img"_s));

    // The real Delete box (no canned answer): plain text with the literal
    // markup, its client ID and warning visible; Cancel.
    page.selectClient(u"c-rich"_s);
    QVERIFY(page.deleteAction()->isEnabled());
    bool seen = false;
    QString boxText;
    Qt::TextFormat boxFormat = Qt::RichText;
    QList<Qt::TextFormat> labelFormats;
    QTimer poll;
    connect(&poll, &QTimer::timeout, this, [&] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box || seen) {
            return;
        }
        seen = true;
        boxText = box->text();
        boxFormat = box->textFormat();
        for (QLabel* label : box->findChildren<QLabel*>()) {
            if (label->text().contains(u"<b>"_s)) {
                labelFormats.append(label->textFormat());
            }
        }
        for (QAbstractButton* button : box->buttons()) {
            if (box->buttonRole(button) == QMessageBox::RejectRole) {
                button->click();
            }
        }
    });
    poll.start(20);
    page.deleteAction()->trigger();
    poll.stop();
    QVERIFY(seen);
    QCOMPARE(boxFormat, Qt::PlainText);
    QVERIFY2(boxText.contains(u"<b>Bold</b>"_s), qPrintable(boxText));
    QVERIFY(boxText.contains(u"<img src="_s));
    QVERIFY(boxText.contains(u"(\u2068c-rich\u2069)"_s));
    QVERIFY(boxText.contains(u"This cannot be undone."_s));
    QVERIFY(!labelFormats.isEmpty());
    for (const Qt::TextFormat format : labelFormats) {
        QCOMPARE(format, Qt::PlainText);
    }
    QVERIFY(page.model()->client(u"c-rich"_s)); // Cancel deleted nothing
    QCOMPARE(m_fake->requestCount("/api/v1/clients/c-rich"), 0);

    // The connection sheet dialog quotes the name in its title: plain too,
    // and so is every label that shows it anywhere in the console.
    page.exportSheet();
    QTRY_VERIFY(page.exportSheetDialog());
    const QList<QLabel*> labels = labelsShowing(u"<img"_s);
    QVERIFY(!labels.isEmpty());
    for (QLabel* label : labels) {
        QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->objectName()));
    }
    page.exportSheetDialog()->reject();
}

void TestConsoleDistrust::rightToLeftOverrideIsIsolated()
{
    // A name that would flip the words after it ("(enil dnammoc)").
    const QString name = u"Evil \u202Eenil dnammoc"_s;
    m_fake->setRoute(
        "/api/v1/clients",
        FaultServer::json(200, FaultServer::clientPage(QJsonArray{FaultServer::clientJson(u"c-rtl"_s, name)})));
    QVERIFY(connectAndLoad());
    AppIntegrationPage& page = m_console->page();
    page.selectClient(u"c-rtl"_s);
    QString boxText;
    QTimer poll;
    connect(&poll, &QTimer::timeout, this, [&] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (box && boxText.isEmpty()) {
            boxText = box->text();
            box->reject();
        }
    });
    poll.start(20);
    page.deleteAction()->trigger();
    poll.stop();
    QVERIFY(!boxText.isEmpty());
    // The name inside an isolate, without its override; our words outside.
    QVERIFY2(boxText.contains(u"“\u2068Evil enil dnammoc\u2069” (\u2068c-rtl\u2069)?"_s), qPrintable(boxText));
    QVERIFY(!boxText.contains(QChar(u'\u202E')));
    QVERIFY(boxText.startsWith(u"Delete the OAuth client"_s));

    // The success banner of a delete quotes it the same way.
    m_fake->setRoute("/api/v1/clients/c-rtl", FaultServer::json(204, {}));
    poll.disconnect();
    connect(&poll, &QTimer::timeout, this, [] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            for (QAbstractButton* button : box->buttons()) {
                if (box->buttonRole(button) == QMessageBox::DestructiveRole) {
                    button->click();
                }
            }
        }
    });
    poll.start(20);
    page.deleteAction()->trigger();
    poll.stop();
    QTRY_COMPARE(page.messageWidget()->type(), MessageWidget::Type::Positive);
    QCOMPARE(bannerText(), u"Client “\u2068Evil enil dnammoc\u2069” deleted."_s);
    QCOMPARE(m_fake->requestCount("/api/v1/clients/c-rtl"), 1);
}

void TestConsoleDistrust::malformedItemsCountedInOneBanner()
{
    QJsonObject purpose = FaultServer::clientJson(u"c-purpose"_s, u"Unknown purpose"_s);
    purpose.insert(u"purpose"_s, u"root"_s);
    QJsonObject status = FaultServer::clientJson(u"c-status"_s, u"Unknown status"_s);
    status.insert(u"status"_s, u"superuser"_s);
    QJsonObject lifetime = FaultServer::clientJson(u"c-negative"_s, u"Negative"_s);
    lifetime.insert(u"access_token_lifetime"_s, -1);
    QJsonObject expiry = FaultServer::clientJson(u"c-expiry"_s, u"Far future"_s);
    expiry.insert(u"client_secret_expires_at"_s, 1e300);
    m_fake->setRoute("/api/v1/clients",
                     FaultServer::json(200,
                                       FaultServer::clientPage(
                                           QJsonArray{QJsonValue(QJsonValue::Null), 7, QJsonObject{}, purpose, status,
                                                      lifetime, expiry, FaultServer::clientJson(u"c-one"_s, u"One"_s),
                                                      FaultServer::clientJson(u"c-one"_s, u"Two"_s),
                                                      FaultServer::clientJson(u"c-two"_s, u"Two"_s)})));
    QVERIFY(connectAndLoad());
    AppIntegrationPage& page = m_console->page();
    // Two real clients; no blank or guessed rows.
    QCOMPARE(page.model()->totalCount(), 2);
    QCOMPARE(page.model()->client(u"c-one"_s)->clientName, u"One"_s);
    QVERIFY(page.model()->client(u"c-two"_s));
    for (int row = 0; row < page.model()->rowCount(); ++row) {
        QVERIFY(!page.model()->index(row, ClientTableModel::NameColumn).data().toString().isEmpty());
    }
    QVERIFY(!modelContains(*page.model(), u"%n"_s));
    // One banner counts the rest and names the first fault.
    QCOMPARE(page.messageWidget()->type(), MessageWidget::Type::Error);
    QVERIFY2(bannerText().startsWith(
                 u"8 clients not shown: the tenant sent them in a form that does not follow the API. The first: "_s),
             qPrintable(bannerText()));
    QVERIFY(!bannerText().contains(u"%n"_s));
    QCOMPARE(m_fake->requestCount("/api/v1/clients"), 1);
}

void TestConsoleDistrust::javascriptTokenUrlRefused()
{
    const QByteArray base = m_fake->url(u""_s).toEncoded();
    m_fake->setRoute("/api/v1/tenant",
                     FaultServer::json(200,
                                       R"({"tenant_name":"Fake","issuer":")" + base + R"(","authorization_url":")"
                                           + base
                                           + R"x(/oauth/authorize","token_url":"javascript:alert(document.cookie)",)x"
                                             R"("saml_token_url":"","saml_audience":""})"));
    QVERIFY(!connectToFake());
    QVERIFY2(connectionBannerText().contains(u"token_url is not an http or https URL"_s),
             qPrintable(connectionBannerText()));
    AppIntegrationPage& page = m_console->page();
    // Nothing of it is shown, copyable or a link anywhere.
    auto* tokenUrl = child<QLineEdit>(&page, u"tokenUrlLineEdit"_s);
    QVERIFY(tokenUrl);
    QVERIFY(!tokenUrl->text().contains(u"javascript"_s));
    QVERIFY(!page.copyTokenUrlAction()->isEnabled());
    QVERIFY(labelsShowing(u"javascript:"_s).isEmpty());
    QVERIFY(!page.tenantInfo().tokenUrl.contains(u"javascript"_s));
    QCOMPARE(m_fake->requestCount("/api/v1/clients"), 0);
}

void TestConsoleDistrust::foreignTokenEndpointGetsNoSecret()
{
    FaultServer other;
    QVERIFY(other.listen());
    other.setResponses({FaultServer::json(200, R"({"access_token":"t","token_type":"Bearer","expires_in":60})")});
    m_fake->setRoute("/.well-known/oauth-authorization-server",
                     FaultServer::json(200,
                                       R"({"issuer":")" + m_fake->url(u""_s).toEncoded() + R"(","token_endpoint":")"
                                           + other.url(u"/oauth/token"_s).toEncoded() + R"("})"));
    QVERIFY(!connectToFake());
    QVERIFY2(connectionBannerText().contains(u"token endpoint on another host"_s), qPrintable(connectionBannerText()));
    QVERIFY(connectionBannerText().contains(u"was not sent"_s));
    QVERIFY(!connectionBannerText().contains(AdminSecret));
    // The other host saw no connection at all, the tenant no token request.
    QCOMPARE(other.connectionCount(), 0);
    QCOMPARE(m_fake->requestCount("/oauth/token"), 0);
    for (const QByteArray& request : m_fake->requests()) {
        QVERIFY(!request.contains(AdminSecret.toUtf8()));
        QVERIFY(!request.contains(QByteArray("admin:" + AdminSecret.toUtf8()).toBase64()));
    }
}

void TestConsoleDistrust::tokenEndpointOfTheCredentialsIsUsed()
{
    // The same discovery document, but the admin's credentials file names
    // that other host as its token_url: the admin chose it, so the secret
    // goes there (and only there), and the console connects.
    FaultServer other;
    QVERIFY(other.listen());
    other.setResponses({FaultServer::json(200, R"({"access_token":"t","token_type":"Bearer","expires_in":600})")});
    m_fake->setRoute("/.well-known/oauth-authorization-server",
                     FaultServer::json(200,
                                       R"({"issuer":")" + m_fake->url(u""_s).toEncoded() + R"(","token_endpoint":")"
                                           + other.url(u"/oauth/token"_s).toEncoded() + R"("})"));
    QVERIFY2(connectToFake(20'000, other.url(u"/oauth/token"_s)), qPrintable(connectionBannerText()));
    QTRY_VERIFY(!m_console->page().isLoading());
    QCOMPARE(m_console->page().model()->totalCount(), 3);
    QCOMPARE(other.requestCount(), 1);
    QVERIFY(other.requests().constFirst().contains(QByteArray("admin:" + AdminSecret.toUtf8()).toBase64()));
    QCOMPARE(m_fake->requestCount("/oauth/token"), 0);
}

} // namespace appint::test

APPINT_TEST_GUI_MAIN(appint::test::TestConsoleDistrust)
#include "TestConsoleDistrust.moc"
