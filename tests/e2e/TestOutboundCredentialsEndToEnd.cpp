#include "ConsoleHarness.h"
#include "FaultServer.h"
#include "HttpTestClient.h"
#include "TestMain.h"

#include "gui/clients/AppIntegrationPage.h"
#include "gui/outbound/OutboundCredentialDialog.h"
#include "gui/outbound/OutboundCredentialTableModel.h"
#include "gui/outbound/OutboundCredentialsPage.h"
#include "gui/outbound/TokenDisplay.h"
#include "gui/outbound/TokenTestDialog.h"
#include "gui/shell/MainWindow.h"
#include "gui/widgets/ClientTableView.h"
#include "gui/widgets/Clipboard.h"
#include "gui/widgets/MessageWidget.h"
#include "keychain/KeychainKeys.h"
#include "keychain/SystemSecretStore.h"
#include "service/AccessToken.h"
#include "service/OutboundCredentialSettings.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace appint::test {

namespace {

template <typename T>
T* child(QObject* parent, const QString& name)
{
    T* found = parent ? parent->findChild<T*>(name) : nullptr;
    if (!found) {
        qWarning("no %s", qPrintable(name));
    }
    return found;
}

QString labelText(QWidget* dialog, const QString& name)
{
    auto* label = child<QLabel>(dialog, name);
    return label && label->isVisible() ? label->text() : QString();
}

QString bannerText(QWidget* dialog)
{
    auto* banner = child<MessageWidget>(dialog, u"messageWidget"_s);
    return banner && banner->isVisible() ? banner->text() : QString();
}

} // namespace

// The Outbound Credentials page end to end: the console's window against a
// real appint-server on loopback (ConsoleHarness), the test session's real
// keychain, settings in a temporary folder. Clients are created through the
// management API; the page saves a credential for one and tests it against
// the server's real token endpoint. A stalled token service is the one fake
// (FaultServer, fault injection).
class TestOutboundCredentialsEndToEnd : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void testTestShowsTheDecodedClaims();
    void testWrongSecretShowsInvalidClient();
    void testStalledTokenServiceTimesOut();
    void testCreateFromAConfiguredClient();

private:
    // A client of the given purpose, made through the API: its id and secret.
    QPair<QString, QString> createClient(const QString& name, const QString& purpose);
    // Adds a credential through the page's dialog.
    bool addCredential(const QString& name, const QString& tokenUrl, const QString& clientId, const QString& secret,
                       int readTimeout = -1);
    // Selects the credential, runs Test and waits for the answer.
    TokenTestDialog* runTest(const QString& name);

    std::unique_ptr<ConsoleHarness> m_console;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
    QObject m_owner;
    SecretStore* m_store = nullptr;
    OutboundCredentialsPage* m_page = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    HttpTestClient m_http;
};

void TestOutboundCredentialsEndToEnd::initTestCase()
{
    const QString dataHome = qEnvironmentVariable("XDG_DATA_HOME");
    if (dataHome.isEmpty() || !QDir(dataHome).canonicalPath().startsWith(QDir(QDir::tempPath()).canonicalPath())) {
        QFAIL("Run the end-to-end tests in the private test session: scripts/with-test-session.sh ctest -L e2e");
    }
}

void TestOutboundCredentialsEndToEnd::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<QSettings>(m_dir->filePath(u"appint.conf"_s), QSettings::IniFormat);
    m_store = createSystemSecretStore(&m_owner, u"appint-e2e-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces));
    m_console = std::make_unique<ConsoleHarness>();
    QVERIFY2(m_console->start(), qPrintable(m_console->errorString()));
    m_page = &m_console->addOutboundCredentialsPage(m_settings.get(), m_store);
    m_tester = std::make_unique<QAbstractItemModelTester>(m_page->model(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestOutboundCredentialsEndToEnd::cleanup()
{
    if (m_page) {
        for (const QString& name : m_page->model()->names()) {
            QObject context;
            bool done = false;
            m_store->remove(KeychainKeys::outboundCredential(name), &context,
                            [&](const KeychainResult&) { done = true; });
            QTRY_VERIFY(done);
        }
    }
    m_tester.reset();
    m_page = nullptr;
    m_console.reset();
    delete m_store;
    m_store = nullptr;
    m_settings.reset();
    m_dir.reset();
}

QPair<QString, QString> TestOutboundCredentialsEndToEnd::createClient(const QString& name, const QString& purpose)
{
    TestServer& server = m_console->server();
    const QString admin = m_http.token(server.tokenUrl(), server.adminClientId(), server.adminSecret());
    QJsonObject body{{u"client_name"_s, name}, {u"purpose"_s, purpose}};
    if (purpose == u"technical"_s) {
        body.insert(u"user_id"_s, name.toUpper().replace(u' ', u'_'));
        body.insert(u"roles"_s, QJsonArray{QJsonObject{{u"role_id"_s, u"DW_VIEWER"_s}}});
    } else if (purpose == u"interactive"_s) {
        body.insert(u"redirect_uris"_s, QJsonArray{u"https://app.example.com/callback"_s});
    }
    const HttpTestReply reply = m_http.postJson(server.url(u"/api/v1/clients"_s), body, admin);
    if (reply.status != 201) {
        qWarning("client not created: %d %s", reply.status, reply.body.constData());
        return {};
    }
    return {reply.object().value(u"client_id"_s).toString(), reply.object().value(u"client_secret"_s).toString()};
}

bool TestOutboundCredentialsEndToEnd::addCredential(const QString& name, const QString& tokenUrl,
                                                    const QString& clientId, const QString& secret, int readTimeout)
{
    m_page->addCredential();
    OutboundCredentialDialog* dialog = m_page->credentialDialog();
    if (!dialog) {
        return false;
    }
    QTest::keyClicks(child<QLineEdit>(dialog, u"nameLineEdit"_s), name);
    QTest::keyClicks(child<QLineEdit>(dialog, u"tokenServiceUrlLineEdit"_s), tokenUrl);
    QTest::keyClicks(child<QLineEdit>(dialog, u"clientIdLineEdit"_s), clientId);
    QTest::keyClicks(child<QLineEdit>(dialog, u"clientSecretLineEdit"_s), secret);
    if (readTimeout >= 0) {
        child<QSpinBox>(dialog, u"readTimeoutSpinBox"_s)->setValue(readTimeout);
        child<QSpinBox>(dialog, u"connectionTimeoutSpinBox"_s)->setValue(readTimeout);
    }
    auto* submit = child<QPushButton>(dialog, u"submitPushButton"_s);
    if (!submit || !submit->isEnabled()) {
        qWarning("cannot add: %s", qPrintable(submit ? submit->toolTip() : QString()));
        return false;
    }
    submit->click();
    return QTest::qWaitFor([this] { return !m_page->credentialDialog(); }, 30'000);
}

TokenTestDialog* TestOutboundCredentialsEndToEnd::runTest(const QString& name)
{
    m_page->selectCredential(name);
    QSignalSpy finished(m_page, &OutboundCredentialsPage::testFinished);
    m_page->testCredentialAction()->trigger();
    if (!finished.wait(30'000)) {
        return nullptr;
    }
    return m_page->testDialog();
}

void TestOutboundCredentialsEndToEnd::testTestShowsTheDecodedClaims()
{
    const auto [clientId, secret] = createClient(u"Orders Robot"_s, u"technical"_s);
    QVERIFY(!clientId.isEmpty());
    QVERIFY(addCredential(u"orders"_s, m_console->server().tokenUrl().toString(), clientId, secret));

    TokenTestDialog* dialog = runTest(u"orders"_s);
    QVERIFY(dialog);
    QVERIFY(dialog->hasToken());
    QCOMPARE(bannerText(dialog), u"The token service issued an access token."_s);
    QCOMPARE(labelText(dialog, u"tokenTypeValueLabel"_s), u"Bearer"_s);
    QVERIFY(labelText(dialog, u"oauthErrorValueLabel"_s).isEmpty());

    // The decoded claims, as JSON with the times as dates.
    const QString claims = child<QPlainTextEdit>(dialog, u"claimsPlainTextEdit"_s)->toPlainText();
    QVERIFY2(claims.contains(u"\"client_id\": \"%1\""_s.arg(clientId)), qPrintable(claims));
    QVERIFY(claims.contains(u"\"roles\": ["_s));
    QVERIFY(claims.contains(u"\"exp\": "_s));
    QVERIFY(claims.contains(u"   // "_s)); // exp and iat as dates
    const QString header = child<QPlainTextEdit>(dialog, u"jwtHeaderPlainTextEdit"_s)->toPlainText();
    QVERIFY2(header.contains(u"\"alg\": \"ES256\""_s), qPrintable(header));

    // The token masked; Copy Token puts the whole of it on the clipboard,
    // marked as a secret.
    const QString masked = labelText(dialog, u"tokenValueLabel"_s);
    QVERIFY(masked.contains(u"••••••••"_s));
    child<QPushButton>(dialog, u"copyTokenPushButton"_s)->click();
    const QString copied = QGuiApplication::clipboard()->text();
    QVERIFY(copied.size() > 100);
    QVERIFY(!masked.contains(copied.mid(TokenDisplay::VisiblePrefix, 10)));
    const std::optional<QJsonObject> copiedClaims = AccessToken::decodeJwtClaims(copied.toUtf8());
    QVERIFY(copiedClaims);
    QCOMPARE(copiedClaims->value(u"client_id"_s).toString(), clientId);
    QCOMPARE(QGuiApplication::clipboard()->mimeData()->data(u"x-kde-passwordManagerHint"_s), "secret"_ba);
    QVERIFY(m_console->window().clipboard()->secondsLeft() > 0);
    QVERIFY(!claims.contains(copied));

    // The request that was sent, secret redacted.
    const QString request = child<QPlainTextEdit>(dialog, u"requestPlainTextEdit"_s)->toPlainText();
    QVERIFY2(request.startsWith(u"POST "_s + m_console->server().tokenUrl().toString()), qPrintable(request));
    QVERIFY(request.contains(u"client_id="_s + clientId));
    QVERIFY(request.contains(u"client_secret=<redacted>"_s));
    QVERIFY(!request.contains(secret));

    // The expiry counts down on the console's clock, in the dialog and in the table.
    const qint64 lifetime = copiedClaims->value(u"exp"_s).toInteger() - copiedClaims->value(u"iat"_s).toInteger();
    QVERIFY(lifetime > 120);
    QVERIFY2(labelText(dialog, u"expiresValueLabel"_s).startsWith(u"In "_s + TokenDisplay::countdown(lifetime)),
             qPrintable(labelText(dialog, u"expiresValueLabel"_s)));
    m_console->clock().advance(90);
    QTRY_VERIFY_WITH_TIMEOUT(
        labelText(dialog, u"expiresValueLabel"_s).startsWith(u"In "_s + TokenDisplay::countdown(lifetime - 90)), 5000);
    const QModelIndex lastTest = m_page->model()->indexOf(u"orders"_s, OutboundCredentialTableModel::LastTestColumn);
    QTRY_COMPARE_WITH_TIMEOUT(lastTest.data().toString(),
                              u"Token received; expires in "_s + TokenDisplay::countdown(lifetime - 90), 5000);

    // Closing the dialog wipes the token it held.
    dialog->reject();
    QTRY_VERIFY(!m_page->testDialog());
}

void TestOutboundCredentialsEndToEnd::testWrongSecretShowsInvalidClient()
{
    const auto [clientId, secret] = createClient(u"Wrong Secret"_s, u"technical"_s);
    QVERIFY(!clientId.isEmpty());
    QVERIFY(addCredential(u"wrong"_s, m_console->server().tokenUrl().toString(), clientId, secret + u"-not"_s));

    TokenTestDialog* dialog = runTest(u"wrong"_s);
    QVERIFY(dialog);
    QVERIFY(!dialog->hasToken());
    QCOMPARE(labelText(dialog, u"oauthErrorValueLabel"_s), u"invalid_client"_s);
    QVERIFY(!labelText(dialog, u"oauthErrorDescriptionValueLabel"_s).isEmpty());
    QCOMPARE(labelText(dialog, u"httpStatusValueLabel"_s), u"401"_s);
    QVERIFY2(bannerText(dialog).contains(u"invalid_client"_s), qPrintable(bannerText(dialog)));
    QVERIFY(!child<QLabel>(dialog, u"tokenValueLabel"_s)->isVisible());
    auto* tabs = child<QTabWidget>(dialog, u"detailsTabWidget"_s);
    QCOMPARE(tabs->currentWidget()->objectName(), u"requestTab"_s);
    QVERIFY(!tabs->isTabEnabled(tabs->indexOf(child<QWidget>(dialog, u"claimsTab"_s))));
    QVERIFY(!child<QPlainTextEdit>(dialog, u"requestPlainTextEdit"_s)->toPlainText().contains(secret));
    QCOMPARE(m_page->model()->indexOf(u"wrong"_s, OutboundCredentialTableModel::LastTestColumn).data().toString(),
             u"Failed: invalid_client"_s);

    // Test Again sends another request, with the same outcome.
    const int before = child<QPushButton>(dialog, u"testAgainPushButton"_s)->isEnabled() ? 1 : 0;
    QCOMPARE(before, 1);
    QSignalSpy finished(m_page, &OutboundCredentialsPage::testFinished);
    child<QPushButton>(dialog, u"testAgainPushButton"_s)->click();
    QVERIFY(finished.wait(30'000));
    QCOMPARE(finished.first().at(1).toBool(), false);
    QCOMPARE(labelText(dialog, u"oauthErrorValueLabel"_s), u"invalid_client"_s);
    dialog->reject();
}

void TestOutboundCredentialsEndToEnd::testStalledTokenServiceTimesOut()
{
    FaultServer stalling;
    stalling.setStalling(true);
    QVERIFY(stalling.listen());
    QVERIFY(addCredential(u"stalled"_s, stalling.url(u"/oauth/token"_s).toString(), u"sb-stalled"_s, u"s"_s, 1));
    QCOMPARE(OutboundCredentialSettings(m_settings.get()).find(u"stalled"_s)->readTimeoutSeconds, 1);

    TokenTestDialog* dialog = runTest(u"stalled"_s);
    QVERIFY(dialog);
    QCOMPARE(stalling.connectionCount(), 1);
    QCOMPARE(labelText(dialog, u"problemValueLabel"_s), u"timed out"_s);
    QVERIFY(labelText(dialog, u"httpStatusValueLabel"_s).isEmpty());
    QVERIFY2(bannerText(dialog).contains(u"did not answer within 1 second"_s), qPrintable(bannerText(dialog)));
    QCOMPARE(m_page->model()->indexOf(u"stalled"_s, OutboundCredentialTableModel::LastTestColumn).data().toString(),
             u"Failed: timed out"_s);
    dialog->reject();
}

void TestOutboundCredentialsEndToEnd::testCreateFromAConfiguredClient()
{
    const auto [clientId, secret] = createClient(u"Orders Robot"_s, u"technical"_s);
    const auto [interactiveId, interactiveSecret] = createClient(u"Sign In"_s, u"interactive"_s);
    QVERIFY(!clientId.isEmpty());
    QVERIFY(!interactiveId.isEmpty());
    QVERIFY(m_console->reload());
    AppIntegrationPage& clients = m_console->page();
    QAction* create = clients.createOutboundCredentialAction();
    QVERIFY(create->isVisible());

    // Interactive clients cannot use the client-credentials grant.
    clients.selectClient(interactiveId);
    QVERIFY(!create->isEnabled());

    clients.selectClient(clientId);
    QVERIFY(create->isEnabled());
    std::unique_ptr<QMenu> menu = clients.createContextMenu();
    QVERIFY(menu->actions().contains(create));
    create->trigger();

    // The navigation moved to the page, whose Add dialog is pre-filled.
    QCOMPARE(m_console->window().navigation()->currentItem()->text(0), u"Outbound Credentials"_s);
    OutboundCredentialDialog* dialog = m_page->credentialDialog();
    QVERIFY(dialog);
    QCOMPARE(child<QLineEdit>(dialog, u"tokenServiceUrlLineEdit"_s)->text(), clients.tenantInfo().tokenUrl);
    QCOMPARE(child<QLineEdit>(dialog, u"clientIdLineEdit"_s)->text(), clientId);
    QCOMPARE(child<QLineEdit>(dialog, u"nameLineEdit"_s)->text(), u"Orders-Robot"_s);
    QVERIFY(child<QLineEdit>(dialog, u"clientSecretLineEdit"_s)->text().isEmpty());
    // Typing starts with what is missing.
    QCOMPARE(dialog->focusWidget(), child<QLineEdit>(dialog, u"clientSecretLineEdit"_s));
    auto* submit = child<QPushButton>(dialog, u"submitPushButton"_s);
    QVERIFY(!submit->isEnabled()); // the secret is missing
    QTest::keyClicks(child<QLineEdit>(dialog, u"clientSecretLineEdit"_s), secret);
    QVERIFY(submit->isEnabled());
    submit->click();
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->credentialDialog(), 30'000);

    TokenTestDialog* test = runTest(u"Orders-Robot"_s);
    QVERIFY(test);
    QVERIFY(test->hasToken());
    QVERIFY(child<QPlainTextEdit>(test, u"claimsPlainTextEdit"_s)->toPlainText().contains(clientId));
    test->reject();

    // A second credential for the same client gets a name of its own.
    create->trigger();
    dialog = m_page->credentialDialog();
    QVERIFY(dialog);
    QCOMPARE(child<QLineEdit>(dialog, u"nameLineEdit"_s)->text(), u"Orders-Robot-2"_s);
    dialog->reject();
}

} // namespace appint::test

APPINT_TEST_GUI_MAIN(appint::test::TestOutboundCredentialsEndToEnd)
#include "TestOutboundCredentialsEndToEnd.moc"
