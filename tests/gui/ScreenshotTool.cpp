// appint-screenshots OUTPUT_DIR: the pictures of docs/console.md and
// docs/console-credentials.md, made from the real widgets (QWidget::grab,
// offscreen) against real tenant services on loopback with the demo data and
// a fixed clock, and the real keychain of a private session. Run by
// scripts/screenshots.sh (inside scripts/with-test-session.sh).

#include "ConsoleFixture.h"
#include "FaultInjectingSecretStore.h"

#include "core/Translations.h"
#include "gui/clients/AppIntegrationPage.h"
#include "gui/clients/ClientDialog.h"
#include "gui/clients/ClientTableModel.h"
#include "gui/clients/ExportSheetDialog.h"
#include "gui/clients/RolePickerDialog.h"
#include "gui/clients/RolePickerModel.h"
#include "gui/clients/SecretDialog.h"
#include "gui/clients/SecretView.h"
#include "gui/clients/SheetExporter.h"
#include "gui/shell/ConsoleController.h"
#include "gui/shell/MainWindow.h"
#include "gui/shell/PreferencesDialog.h"
#include "gui/tenants/ConnectDialog.h"
#include "gui/tenants/TenantSwitcher.h"
#include "gui/widgets/DurationEdit.h"
#include "gui/widgets/MessageBox.h"
#include "gui/widgets/MessageWidget.h"
// Outbound Credentials (issue 5)
#include "HttpTestClient.h"
#include "gui/outbound/CustomParameterModel.h"
#include "gui/outbound/OutboundCredentialDialog.h"
#include "gui/outbound/OutboundCredentialTableModel.h"
#include "gui/outbound/OutboundCredentialsPage.h"
#include "gui/outbound/TokenTestDialog.h"
#include "keychain/KeychainKeys.h"
// Trusted Identity Providers (issue 14)
#include "SamlTestSupport.h"
#include "gui/idps/IdentityProviderDialog.h"
#include "gui/idps/IdentityProviderTableModel.h"
#include "gui/idps/IdentityProvidersPage.h"
#include "gui/widgets/FileDialogs.h"
#include "keychain/SystemSecretStore.h"
#include "service/OutboundCredentialSettings.h"
// Users (issue 13)
#include "gui/users/UserDialog.h"
#include "gui/users/UserTableModel.h"
#include "gui/users/UsersPage.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QPainter>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace appint;

namespace {

QString g_outputDir;
int g_failures = 0;

void settle()
{
    for (int i = 0; i < 5; ++i) {
        QCoreApplication::processEvents();
    }
}

void save(QWidget* widget, const QString& name)
{
    settle();
    const QString path = QDir(g_outputDir).filePath(name);
    if (!widget || !widget->grab().save(path)) {
        std::fprintf(stderr, "appint-screenshots: could not write %s\n", qPrintable(path));
        ++g_failures;
        return;
    }
    std::printf("%s\n", qPrintable(path));
}

template <typename Predicate>
void waitUntil(Predicate predicate, const char* what, int timeoutMs = 20'000)
{
    if (!QTest::qWaitFor(predicate, timeoutMs)) {
        std::fprintf(stderr, "appint-screenshots: timed out waiting for %s\n", what);
        ++g_failures;
    }
}

template <typename T>
T* find(QObject* parent, const QString& name)
{
    T* found = parent ? parent->findChild<T*>(name) : nullptr;
    if (!found) {
        std::fprintf(stderr, "appint-screenshots: no %s\n", qPrintable(name));
        ++g_failures;
    }
    return found;
}

QString findClient(const ClientTableModel& model, const std::function<bool(const Client&)>& predicate)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        const Client* client = model.clientAt(model.index(row, 0));
        if (client && predicate(*client)) {
            return client->clientId;
        }
    }
    return {};
}

// A window with one of its popups open (a combo box's list): offscreen each
// popup is a window of its own, so paint its picture over the window's.
void saveWithPopup(QWidget* window, QWidget* popup, const QString& name)
{
    settle();
    QPixmap picture = window->grab();
    if (popup && popup->isVisible()) {
        QPainter painter(&picture);
        const QPoint at = window->mapFromGlobal(popup->mapToGlobal(QPoint(0, 0)));
        painter.drawPixmap(at * picture.devicePixelRatio(), popup->grab());
    }
    const QString path = QDir(g_outputDir).filePath(name);
    if (!picture.save(path)) {
        std::fprintf(stderr, "appint-screenshots: could not write %s\n", qPrintable(path));
        ++g_failures;
        return;
    }
    std::printf("%s\n", qPrintable(path));
}

// The first page of a PDF as PNG, drawn by pdftoppm (poppler-utils).
void savePdfPage(const QString& pdf, const QString& name)
{
    const QString prefix = QDir(g_outputDir).filePath(QFileInfo(name).completeBaseName());
    QProcess pdftoppm;
    pdftoppm.start(u"pdftoppm"_s,
                   {u"-png"_s, u"-r"_s, u"80"_s, u"-f"_s, u"1"_s, u"-l"_s, u"1"_s, u"-singlefile"_s, pdf, prefix});
    if (!pdftoppm.waitForFinished(60'000) || pdftoppm.exitCode() != 0) {
        std::fprintf(stderr, "appint-screenshots: pdftoppm failed: %s\n", pdftoppm.readAllStandardError().constData());
        ++g_failures;
        return;
    }
    std::printf("%s.png\n", qPrintable(prefix));
}

// ---------------------------------------------------------------------------
// Outbound Credentials (issue 5): the page with a few credentials, the Edit
// dialog with a custom-parameter error, the Test dialog with decoded claims.
// Needs a keychain: scripts/screenshots.sh runs the tool in a private test
// session (scripts/with-test-session.sh).

bool writeSecret(SecretStore* store, const QString& name, const QString& secret)
{
    QObject context;
    std::optional<KeychainResult> result;
    store->write(KeychainKeys::outboundCredential(name), secret, &context,
                 [&](const KeychainResult& answer) { result = answer; });
    waitUntil([&] { return result.has_value(); }, "the keychain");
    if (!result || !result->ok()) {
        std::fprintf(stderr, "appint-screenshots: keychain: %s\n", result ? qPrintable(result->message) : "no answer");
        ++g_failures;
        return false;
    }
    return true;
}

// A technical client made through the API: its ID and secret.
QPair<QString, QString> createTechnicalClient(test::TestServer& server, const QString& name, const QString& userId)
{
    test::HttpTestClient http;
    const QString admin = http.token(server.tokenUrl(), server.adminClientId(), server.adminSecret());
    const test::HttpTestReply reply
        = http.postJson(server.url(u"/api/v1/clients"_s),
                        QJsonObject{{u"client_name"_s, name},
                                    {u"purpose"_s, u"technical"_s},
                                    {u"user_id"_s, userId},
                                    {u"roles"_s, QJsonArray{QJsonObject{{u"role_id"_s, u"DW_VIEWER"_s}}}}},
                        admin);
    if (reply.status != 201) {
        std::fprintf(stderr, "appint-screenshots: client not created (%d)\n", reply.status);
        ++g_failures;
        return {};
    }
    return {reply.object().value(u"client_id"_s).toString(), reply.object().value(u"client_secret"_s).toString()};
}

void outboundCredentialShots(test::ConsoleFixture& console)
{
    SecretStore* store = console.store();
    test::TestServer& server = console.sandbox();

    // Two credentials for clients of the tenant (one with a wrong secret),
    // two for token services elsewhere (seed 004's Common URL and Neo).
    const auto [ordersId, ordersSecret] = createTechnicalClient(server, u"Orders Robot"_s, u"ORDERS_ROBOT"_s);
    const auto [reportingId, reportingSecret] = createTechnicalClient(server, u"Reporting"_s, u"REPORTING_BOT"_s);
    OutboundCredentialSettings saved(&console.settings());
    OutboundCredential orders;
    orders.name = u"orders-robot"_s;
    orders.description = u"The tenant's Orders Robot client"_s;
    orders.tokenServiceUrl = server.tokenUrl().toString();
    orders.clientId = ordersId;
    orders.scope = QString();
    OutboundCredential reporting = orders;
    reporting.name = u"reporting"_s;
    reporting.description = u"Reporting, with an outdated secret"_s;
    reporting.clientId = reportingId;
    OutboundCredential destination;
    destination.name = u"btp-destination"_s;
    destination.tokenServiceUrl = u"https://{tenant}.authentication.eu10.hana.ondemand.com/oauth/token"_s;
    destination.urlType = TokenServiceUrlType::Common;
    destination.subdomain = u"acme"_s;
    destination.clientId = u"sb-acme-orders!t4711"_s;
    destination.clientAuthentication = ClientAuthentication::Header;
    destination.customParameters = {{u"x-zone"_s, u"eu10"_s, ParameterLocation::Header}};
    OutboundCredential neo;
    neo.name = u"neo-api"_s;
    neo.tokenServiceUrl = u"https://api.eu1.hana.ondemand.com/oauth2/apitoken/v1?grant_type=client_credentials"_s;
    neo.clientId = u"neo-client"_s;
    neo.clientAuthentication = ClientAuthentication::Header;
    neo.tokenServiceUser = u"neo-client"_s;
    for (const OutboundCredential& credential : {orders, reporting, destination, neo}) {
        if (!saved.save(credential).ok()) {
            std::fprintf(stderr, "appint-screenshots: %s not saved\n", qPrintable(credential.name));
            ++g_failures;
        }
    }
    writeSecret(store, orders.name, ordersSecret);
    writeSecret(store, reporting.name, reportingSecret + u"-old"_s);
    writeSecret(store, destination.name, u"not-a-real-secret"_s);
    writeSecret(store, neo.name, u"{\"clientSecret\":\"x\",\"tokenServicePassword\":\"y\"}"_s);

    OutboundCredentialsPage& page = *console.window().outboundCredentialsPage();
    MainWindow& window = console.window();
    QTreeWidget* navigation = window.navigation();
    const QList<QTreeWidgetItem*> items = navigation->findItems(u"Outbound Credentials"_s, Qt::MatchRecursive);
    if (!items.isEmpty()) {
        navigation->setCurrentItem(items.constFirst());
    }
    page.reload();

    // Test two of them: a token, and the refusal of an outdated secret.
    const auto test = [&page](const QString& name) {
        page.selectCredential(name);
        bool done = false;
        const QMetaObject::Connection connection = QObject::connect(
            &page, &OutboundCredentialsPage::testFinished, &page, [&done](const QString&, bool) { done = true; });
        page.testCredential();
        waitUntil([&done] { return done; }, "a token test");
        QObject::disconnect(connection);
    };
    test(reporting.name);
    if (page.testDialog()) {
        page.testDialog()->close();
    }
    settle();
    test(orders.name);
    TokenTestDialog* dialog = page.testDialog();
    if (dialog) {
        dialog->resize(dialog->width(), dialog->sizeHint().height());
        save(dialog, u"token-test-claims.png"_s);
        dialog->close();
    }
    settle();
    // Issue 15: Test again a little later reuses the cached token (one hit).
    console.clock().advance(120);
    test(orders.name);
    if (page.testDialog()) {
        page.testDialog()->close();
    }
    settle();
    console.clock().advance(634); // the countdown has moved on a little
    page.model()->refreshCountdowns();
    page.selectCredential(destination.name);
    window.statusBar()->clearMessage();
    save(&window, u"outbound-credentials-page.png"_s);

    // 3. Edit with a custom-parameter error: a reserved key and a repeated row.
    page.editCredential();
    OutboundCredentialDialog* edit = page.credentialDialog();
    waitUntil([edit] { return edit && edit->isVisible(); }, "the dialog");
    if (edit) {
        auto* tabs = find<QTabWidget>(edit, u"tabWidget"_s);
        tabs->setCurrentWidget(find<QWidget>(edit, u"parametersTab"_s));
        CustomParameterModel* parameters = edit->customParameterModel();
        auto* view = find<QTableView>(edit, u"customParametersTableView"_s);
        // Rows as if typed, without an open editor in the picture.
        parameters->insertRows(parameters->rowCount(), 2);
        parameters->setData(parameters->index(1, CustomParameterModel::KeyColumn), u"client_secret"_s);
        parameters->setData(parameters->index(1, CustomParameterModel::ValueColumn), u"abc"_s);
        parameters->setData(parameters->index(2, CustomParameterModel::KeyColumn), u"x-zone"_s);
        parameters->setData(parameters->index(2, CustomParameterModel::ValueColumn), u"eu10"_s);
        parameters->setData(parameters->index(2, CustomParameterModel::SendAsColumn), 1);
        view->clearSelection();
        view->setCurrentIndex(QModelIndex());
        edit->adjustSize();
        save(edit, u"outbound-credential-dialog-errors.png"_s);
        edit->reject();
    }
    settle();

    // 4. "Create Outbound Credential…" of a configured client: the Add dialog,
    // pre-filled, the secret being typed.
    page.createFromClient(server.tokenUrl().toString(), ordersId, u"Orders Robot"_s);
    OutboundCredentialDialog* add = page.credentialDialog();
    waitUntil([add] { return add && add->isVisible(); }, "the dialog");
    if (add) {
        QTest::keyClicks(find<QLineEdit>(add, u"descriptionLineEdit"_s), u" (tenant sandbox)"_s);
        QTest::keyClicks(find<QLineEdit>(add, u"clientSecretLineEdit"_s), ordersSecret);
        QTest::keyClicks(find<QLineEdit>(add, u"scopeLineEdit"_s), u"DW_VIEWER"_s);
        add->adjustSize();
        save(add, u"outbound-credential-dialog.png"_s);
        if (qEnvironmentVariableIsSet("SHOT_DEBUG")) {
            auto* tabs = find<QTabWidget>(add, u"tabWidget"_s);
            for (int i = 1; i < tabs->count(); ++i) {
                tabs->setCurrentIndex(i);
                settle();
                add->grab().save(u"/tmp/debug-outbound-tab-%1.png"_s.arg(i));
            }
        }
        add->reject();
    }
    settle();
    // The keychain entries go with the tool's run.
    for (const QString& name : saved.names()) {
        QObject context;
        bool removed = false;
        store->remove(KeychainKeys::outboundCredential(name), &context,
                      [&removed](const KeychainResult&) { removed = true; });
        waitUntil([&removed] { return removed; }, "the keychain");
    }
}

// A self-signed certificate made by openssl as if on `madeOn` (faketime), valid
// for `days`: its PEM, or empty after a failure.
QString certificateMadeOn(const QString& dir, const QString& name, const QString& madeOn, int days)
{
    const QString key = QDir(dir).filePath(name + u".key"_s);
    const QString crt = QDir(dir).filePath(name + u".crt"_s);
    const QString error = test::saml::run(u"faketime"_s,
                                          {madeOn, u"openssl"_s, u"req"_s, u"-x509"_s, u"-nodes"_s, u"-newkey"_s,
                                           u"rsa:2048"_s, u"-subj"_s, u"/CN="_s + name + u"/O=Example Corp"_s,
                                           u"-days"_s, QString::number(days), u"-keyout"_s, key, u"-out"_s, crt});
    QFile file(crt);
    if (!error.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "appint-screenshots: no certificate %s: %s\n", qPrintable(name), qPrintable(error));
        ++g_failures;
        return {};
    }
    return QString::fromLatin1(file.readAll());
}

void identityProviderShots(test::ConsoleFixture& console, const QString& scratch)
{
    MainWindow& window = console.window();
    test::TestServer& server = console.sandbox();
    IdentityProvidersPage* page = window.identityProvidersPage();
    // Around the fixed clock (24 Nov 2025): one good for long, one that
    // expires within 30 days, one that has expired.
    const QString corporate = certificateMadeOn(scratch, u"idp.example.com"_s, u"2025-06-01 08:00:00"_s, 730);
    const QString partner = certificateMadeOn(scratch, u"sso.partner.example.org"_s, u"2024-12-10 08:00:00"_s, 365);
    const QString legacy = certificateMadeOn(scratch, u"adfs.legacy.example.net"_s, u"2023-09-01 08:00:00"_s, 730);
    test::HttpTestClient http;
    const QString admin = http.token(server.tokenUrl(), server.adminClientId(), server.adminSecret());
    const auto add = [&](const QString& name, const QString& entityId, const QString& pem) {
        const test::HttpTestReply reply = http.postJson(
            server.url(u"/api/v1/identity-providers"_s),
            QJsonObject{{u"name"_s, name}, {u"entity_id"_s, entityId}, {u"certificates"_s, QJsonArray{pem}}}, admin);
        if (reply.status != 201) {
            std::fprintf(stderr, "appint-screenshots: identity provider not added (%d)\n", reply.status);
            ++g_failures;
        }
    };
    add(u"Partner SSO"_s, u"https://sso.partner.example.org/idp"_s, partner);
    add(u"Legacy ADFS"_s, u"http://adfs.legacy.example.net/adfs/services/trust"_s, legacy);

    QTreeWidget* navigation = window.navigation();
    const QList<QTreeWidgetItem*> items = navigation->findItems(u"Trusted Identity Providers"_s, Qt::MatchRecursive);
    if (items.isEmpty() || !page) {
        std::fprintf(stderr, "appint-screenshots: no Trusted Identity Providers page\n");
        ++g_failures;
        return;
    }
    navigation->setCurrentItem(items.constFirst());
    waitUntil([page] { return page->isLoaded() && !page->isBusy(); }, "the identity providers");

    // The Add dialog with a metadata file chosen, then added through the page.
    const QString metadata = QDir(scratch).filePath(u"idp.example.com-metadata.xml"_s);
    QFile file(metadata);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(test::saml::metadataXml(u"https://idp.example.com/saml/metadata"_s, corporate)) <= 0) {
        ++g_failures;
    }
    file.close();
    page->addProvider();
    IdentityProviderDialog* dialog = page->dialog();
    waitUntil([dialog] { return dialog && dialog->isVisible(); }, "the dialog");
    if (dialog) {
        FileDialogs::setNextOpenFileName(metadata);
        dialog->chooseMetadataFile();
        dialog->adjustSize();
        save(dialog, u"identity-provider-dialog.png"_s);
        dialog->addButton()->click();
        waitUntil([page] { return !page->dialog() && !page->isBusy(); }, "the new identity provider");
    }
    settle();
    page->selectProvider(page->model()->index(0, 0).data(IdentityProviderTableModel::IdpIdRole).toString());
    page->messageWidget()->hideMessage();
    window.statusBar()->clearMessage();
    save(&window, u"identity-providers-page.png"_s);
}

} // namespace

// Users (issue 13): the page with the demo users, and the Add dialog with a
// generated password and a user ID that a technical user has.
void userShots(test::ConsoleFixture& console)
{
    MainWindow& window = console.window();
    auto* page = new UsersPage(console.switcher().api(), window.clipboard());
    window.addUsersPage(page);
    const QList<QTreeWidgetItem*> items = window.navigation()->findItems(u"Users"_s, Qt::MatchRecursive);
    if (!items.isEmpty()) {
        window.navigation()->setCurrentItem(items.constFirst());
    }
    waitUntil([page] { return page->isLoaded() && !page->isBusy(); }, "the users");
    for (const User& user : page->model()->users()) {
        if (user.userName == u"CARLA_ROSSI"_s) {
            page->selectUser(user.id);
        }
    }
    window.statusBar()->clearMessage();
    save(&window, u"users-page.png"_s);

    page->addUser();
    UserDialog* dialog = page->dialog();
    waitUntil([dialog] { return dialog && dialog->isVisible(); }, "the user dialog");
    if (!dialog) {
        return;
    }
    QTest::keyClicks(find<QLineEdit>(dialog, u"userNameLineEdit"_s), u"JANE_DOE"_s);
    QTest::keyClicks(find<QLineEdit>(dialog, u"displayNameLineEdit"_s), u"Jane Doe"_s);
    QTest::keyClicks(find<QLineEdit>(dialog, u"emailLineEdit"_s), u"jane.doe@example.com"_s);
    find<QPushButton>(dialog, u"generatePasswordPushButton"_s)->click();
    dialog->adjustSize();
    save(dialog, u"user-dialog.png"_s);

    // A user ID that a technical user has, flagged as it is typed; the
    // password typed twice, not alike.
    find<QPushButton>(dialog, u"discardPasswordPushButton"_s)->click();
    auto* userName = find<QLineEdit>(dialog, u"userNameLineEdit"_s);
    userName->clear();
    QTest::keyClicks(userName, u"NIGHTLY_LOAD"_s);
    QTest::keyClicks(find<QLineEdit>(dialog, u"passwordLineEdit"_s), u"correct horse battery"_s);
    QTest::keyClicks(find<QLineEdit>(dialog, u"confirmPasswordLineEdit"_s), u"correct horse"_s);
    dialog->adjustSize();
    save(dialog, u"user-dialog-errors.png"_s);
    dialog->reject();
    settle();

    // Nothing matches the filter: the page says so.
    auto* filter = find<QLineEdit>(page, u"filterLineEdit"_s);
    QTest::keyClicks(filter, u"nobody here"_s);
    save(&window, u"users-page-filtered-empty.png"_s);
    filter->clear();
}

int main(int argc, char** argv)
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"appint-screenshots"_s);
    installTranslations(QLocale(QLocale::English));
    if (argc < 2) {
        std::fprintf(stderr, "usage: appint-screenshots OUTPUT_DIR\n");
        return 2;
    }
    g_outputDir = QString::fromLocal8Bit(argv[1]);
    QDir().mkpath(g_outputDir);
    QTemporaryDir scratch;

    const qint64 startTime = QDateTime(QDate(2025, 11, 24), QTime(10, 0), Qt::UTC).toSecsSinceEpoch();
    test::FaultInjectingSecretStore* faults = nullptr;
    test::ConsoleFixture::Options options;
    options.sandbox.demo = true;
    options.sandbox.tenantName = u"Local sandbox tenant"_s;
    options.sandbox.startTime = startTime;
    options.wrapStore = [&faults](SecretStore* real, QObject* owner) -> SecretStore* {
        faults = new test::FaultInjectingSecretStore(real, owner);
        return faults;
    };
    test::ConsoleFixture console(options);
    if (!console.startOnSandbox()) {
        std::fprintf(stderr, "appint-screenshots: %s\n", qPrintable(console.errorString()));
        return 1;
    }
    // A second tenant to connect to.
    test::TestServer::Options productionOptions;
    productionOptions.demo = true;
    productionOptions.tenantName = u"Acme Production"_s;
    productionOptions.startTime = startTime;
    test::TestServer production(productionOptions);
    if (!production.start()) {
        std::fprintf(stderr, "appint-screenshots: %s\n", qPrintable(production.errorString()));
        return 1;
    }

    MainWindow& window = console.window();
    AppIntegrationPage& page = console.page();
    ConsoleController& controller = console.controller();
    window.resize(1360, 820);
    const ClientTableModel& model = *page.model();
    const qint64 now = console.clock().now();

    // 1. The page with the demo data, an expiring client selected.
    page.selectClient(
        findClient(model, [now](const Client& c) { return c.expiryStateAt(now) == ExpiryState::Expiring; }));
    save(&window, u"app-integration-page.png"_s);

    // 2. The Add dialog with inline errors.
    page.addClient();
    ClientDialog* dialog = page.clientDialog();
    waitUntil([dialog] { return dialog->isVisible(); }, "the dialog");
    auto* name = find<QLineEdit>(dialog, u"nameLineEdit"_s);
    QTest::keyClicks(name, u"Quarterly close"_s);
    auto* userId = find<QLineEdit>(dialog, u"userIdLineEdit"_s);
    QTest::keyClicks(userId, u"quarterly-close"_s);
    auto* lifetime = find<DurationEdit>(dialog, u"tokenLifetimeDurationEdit"_s);
    lifetime->unitComboBox()->setCurrentIndex(1);
    lifetime->valueSpinBox()->setValue(30);
    dialog->adjustSize();
    save(dialog, u"add-client-dialog-errors.png"_s);

    // 3. The role picker.
    find<QPushButton>(dialog, u"selectRolesPushButton"_s)->click();
    auto* picker = dialog->findChild<RolePickerDialog*>();
    waitUntil([picker] { return picker && picker->isVisible(); }, "the dialog");
    RolePickerModel* roles = picker->model();
    roles->setData(roles->roleIndex(u"DW_VIEWER"_s), Qt::Checked, Qt::CheckStateRole);
    const QModelIndex scoped = roles->index(0, 0, roles->scopedGroupIndex());
    if (scoped.isValid() && roles->rowCount(scoped) > 0) {
        roles->setData(roles->index(0, 0, scoped), Qt::Checked, Qt::CheckStateRole);
        auto* tree = find<QTreeView>(picker, u"rolesTreeView"_s);
        tree->expandAll();
    }
    save(picker, u"role-picker.png"_s);
    find<QDialogButtonBox>(picker, u"buttonBox"_s)->button(QDialogButtonBox::Ok)->click();

    // 4. Fix the errors, add: the secret view, then the secret kept in the keychain.
    userId->clear();
    QTest::keyClicks(userId, u"QUARTERLY_CLOSE"_s);
    lifetime->unitComboBox()->setCurrentIndex(3);
    lifetime->valueSpinBox()->setValue(1);
    find<QPushButton>(dialog, u"submitPushButton"_s)->click();
    waitUntil([dialog] { return dialog->isShowingSecret(); }, "the secret view");
    save(dialog, u"secret-view.png"_s);
    SecretView* view = dialog->secretView();
    find<QCheckBox>(view, u"keepInKeychainCheckBox"_s)->click();
    waitUntil([view] { return view->keychainState() == SecretView::KeychainState::Saved; }, "the keychain");
    find<QPushButton>(view, u"copySecretPushButton"_s)->click();
    dialog->adjustSize();
    save(dialog, u"secret-view-keychain.png"_s);

    // 5. A PDF sheet from the secret view, drawn by pdftoppm.
    find<QPushButton>(view, u"exportSheetPushButton"_s)->click();
    waitUntil([&page] { return page.exportSheetDialog() && page.exportSheetDialog()->isVisible(); }, "the export");
    if (ExportSheetDialog* exporter = page.exportSheetDialog()) {
        const QString pdf = scratch.filePath(u"sheet.pdf"_s);
        exporter->setFilePath(pdf);
        find<QPushButton>(exporter, u"exportPushButton"_s)->click();
        waitUntil([&page] { return !page.exportSheetDialog(); }, "the export");
        savePdfPage(pdf, u"console-sheet-pdf.png"_s);
    }
    const QString quarterly = view->clientId();
    dialog->reject();
    settle();

    // 6. Export Connection Sheet… later, with the secret from the keychain;
    // and for a client whose grant some formats do not fit.
    page.selectClient(quarterly);
    page.exportSheet();
    waitUntil([&page] { return page.exportSheetDialog() && page.exportSheetDialog()->isVisible(); }, "the export");
    save(page.exportSheetDialog(), u"export-sheet-dialog.png"_s);
    if (page.exportSheetDialog()) {
        page.exportSheetDialog()->reject();
    }
    page.selectClient(findClient(model, [](const Client& c) { return c.purpose == Purpose::Interactive; }));
    page.exportSheet();
    waitUntil([&page] { return page.exportSheetDialog() && page.exportSheetDialog()->isVisible(); }, "the export");
    save(page.exportSheetDialog(), u"export-sheet-dialog-without-secret.png"_s);
    if (page.exportSheetDialog()) {
        page.exportSheetDialog()->reject();
    }
    settle();

    // 7. Edit an active technical client.
    page.selectClient(findClient(model, [now](const Client& c) {
        return c.purpose == Purpose::Technical && c.expiryStateAt(now) == ExpiryState::Active && !c.secretRetrievable
            && c.userId != u"ADMIN"_s && c.userId != u"QUARTERLY_CLOSE"_s;
    }));
    page.editClient();
    dialog = page.clientDialog();
    waitUntil([dialog] { return dialog && dialog->isVisible(); }, "the dialog");
    save(dialog, u"edit-client-dialog.png"_s);
    dialog->reject();
    settle();

    // 8. An expired client: only the expiry can be extended.
    page.selectClient(findClient(model, [now](const Client& c) { return c.isExpiredAt(now); }));
    page.editClient();
    dialog = page.clientDialog();
    waitUntil([dialog] { return dialog && dialog->isVisible(); }, "the dialog");
    save(dialog, u"extend-expired-client-dialog.png"_s);
    dialog->reject();
    settle();

    // 9. Show Secret on a legacy client.
    page.selectClient(findClient(model, [](const Client& c) { return c.secretRetrievable; }));
    page.showSecret();
    waitUntil([&page] { return page.secretDialog() && page.secretDialog()->isVisible(); }, "the dialog");
    save(page.secretDialog(), u"show-secret-legacy.png"_s);
    if (page.secretDialog()) {
        page.secretDialog()->reject();
    }

    // 10. The empty state of a filter that matches nothing.
    auto* filter = find<QLineEdit>(&page, u"filterLineEdit"_s);
    QTest::keyClicks(filter, u"no such client"_s);
    save(&window, u"app-integration-page-filtered-empty.png"_s);
    filter->clear();

    // 11. Preferences.
    controller.openPreferences();
    save(controller.preferencesDialog(), u"preferences-dialog.png"_s);
    if (controller.preferencesDialog()) {
        controller.preferencesDialog()->reject();
    }

    // 12. The connect dialog: filled in; a refused secret; a locked keychain.
    const auto fillConnectDialog = [&](const QString& secret) {
        ConnectDialog* connect = controller.connectDialog();
        if (!connect) {
            controller.openConnectDialog();
            connect = controller.connectDialog();
        }
        waitUntil([connect] { return connect && connect->isVisible(); }, "the connect dialog");
        for (const QString& field : {u"tenantUrlLineEdit"_s, u"clientIdLineEdit"_s, u"clientSecretLineEdit"_s}) {
            find<QLineEdit>(connect, field)->clear();
        }
        QTest::keyClicks(find<QLineEdit>(connect, u"tenantUrlLineEdit"_s), production.baseUrl().toString());
        QTest::keyClicks(find<QLineEdit>(connect, u"clientIdLineEdit"_s), production.adminClientId());
        QTest::keyClicks(find<QLineEdit>(connect, u"clientSecretLineEdit"_s), secret);
        return connect;
    };
    ConnectDialog* connect = fillConnectDialog(production.adminSecret());
    save(connect, u"connect-dialog.png"_s);
    // Browser sign-in (issue 13): the mode, then the wait for the browser
    // (drawn only: nothing is sent).
    connect->setMode(ConnectDialog::Mode::Browser);
    connect->adjustSize();
    save(connect, u"connect-dialog-browser.png"_s);
    connect->setBusy(true);
    connect->setWaitingForBrowser(production.url(u"/oauth/authorize"_s), true);
    connect->adjustSize();
    save(connect, u"connect-dialog-waiting.png"_s);
    connect->setBusy(false);
    connect->setMode(ConnectDialog::Mode::Client);
    connect = fillConnectDialog(u"not-the-right-secret"_s);
    find<QPushButton>(connect, u"connectPushButton"_s)->click();
    auto* connectBanner = find<MessageWidget>(connect, u"messageWidget"_s);
    waitUntil([connectBanner] { return connectBanner->isVisible(); }, "the refusal");
    connect->adjustSize();
    save(connect, u"connect-dialog-error.png"_s);
    faults->fail(KeychainStatus::Locked, QString(), test::FaultInjectingSecretStore::Operation::Write);
    connect = fillConnectDialog(production.adminSecret());
    find<QPushButton>(connect, u"connectPushButton"_s)->click();
    waitUntil([connect] { return !connect->isBusy(); }, "the keychain");
    connect->adjustSize();
    save(connect, u"connect-dialog-keychain-error.png"_s);
    faults->passThrough();
    find<QPushButton>(connect, u"connectPushButton"_s)->click();
    waitUntil([&controller] { return !controller.connectDialog(); }, "the connection");
    waitUntil([&console] { return !console.switcher().isActivating() && !console.page().isLoading(); }, "the tenant");
    settle();

    // 13. The tenant switcher, open, over the production tenant.
    QComboBox* tenants = controller.tenantComboBox();
    tenants->showPopup();
    saveWithPopup(&window, tenants->view()->window(), u"tenant-switcher.png"_s);
    tenants->hidePopup();

    // 14. A tenant that cannot be reached: the banner and the ways out.
    production.stop();
    const QList<TenantEntry> entries = console.switcher().entries();
    console.switcher().activate(TenantEntry::sandbox());
    waitUntil([&console] { return !console.switcher().isActivating() && !console.page().isLoading(); }, "sandbox");
    // The client whose secret is kept: the key in the table, Copy Secret in the toolbar.
    page.selectClient(quarterly);
    console.switcher().activate(entries.last());
    waitUntil([&window] { return window.connectionBanner()->isVisible(); }, "the banner");
    save(&window, u"tenant-unreachable.png"_s);

    // 15-18. Outbound Credentials (issue 5), back on the sandbox.
    filter->clear();
    console.switcher().activate(TenantEntry::sandbox());
    waitUntil([&console] { return !console.switcher().isActivating() && !console.page().isLoading(); }, "sandbox");
    outboundCredentialShots(console);

    // 19-22. Users (issue 13).
    userShots(console);
    // 19-20. Trusted Identity Providers (issue 14).
    identityProviderShots(console, scratch.path());

    return g_failures == 0 ? 0 : 1;
}
