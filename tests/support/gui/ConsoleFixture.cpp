#include "ConsoleFixture.h"

#include "gui/clients/AppIntegrationPage.h"
#include "gui/idps/IdentityProvidersPage.h"
#include "gui/outbound/OutboundCredentialsPage.h"
#include "gui/shell/ConsoleController.h"
#include "gui/shell/MainWindow.h"
#include "gui/tenants/TenantSwitcher.h"
#include "gui/widgets/MessageWidget.h"
#include "keychain/SecretStore.h"
#include "keychain/SystemSecretStore.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace appint::test {

namespace {
QByteArray secretTool(const QStringList& arguments, const QByteArray& input = {}, int* exitCode = nullptr)
{
    QProcess process;
    process.start(u"secret-tool"_s, arguments);
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(60'000);
    if (exitCode) {
        *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }
    return process.readAllStandardOutput() + process.readAllStandardError();
}
} // namespace

ConsoleFixture::ConsoleFixture()
    : ConsoleFixture(Options{})
{
}

ConsoleFixture::ConsoleFixture(Options options)
    : m_options(std::move(options))
    , m_sandbox(m_options.sandbox)
    , m_service(u"appint-test-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

ConsoleFixture::~ConsoleFixture()
{
    teardown();
    m_settings.reset();
    secretTool({u"clear"_s, u"server"_s, m_service});
}

void ConsoleFixture::teardown()
{
    m_controller.reset();
    m_window.reset();
    m_switcher.reset();
    m_storeOwner.reset();
    m_store = nullptr;
    m_realStore = nullptr;
}

AppIntegrationPage& ConsoleFixture::page()
{
    return *m_window->appIntegrationPage();
}

QString ConsoleFixture::settingsFile() const
{
    return QDir(m_dir.path()).filePath(u"appint.conf"_s);
}

QByteArray ConsoleFixture::settingsFileContent() const
{
    QFile file(settingsFile());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool ConsoleFixture::build()
{
    // Never the developer's own keyring: with-test-session.sh points the data
    // folder (where gnome-keyring keeps its files) into a temporary tree.
    const QString dataHome = qEnvironmentVariable("XDG_DATA_HOME");
    if (dataHome.isEmpty() || !QDir(dataHome).canonicalPath().startsWith(QDir(QDir::tempPath()).canonicalPath())) {
        m_error = u"run in a private session: scripts/with-test-session.sh ctest ..."_s;
        return false;
    }
    if (!m_dir.isValid() || !m_sandbox.start()) {
        m_error = m_sandbox.errorString();
        return false;
    }
    if (!m_settings) {
        m_settings = std::make_unique<QSettings>(settingsFile(), QSettings::IniFormat);
    }
    m_storeOwner = std::make_unique<QObject>();
    m_realStore = createSystemSecretStore(m_storeOwner.get(), m_service);
    m_store = m_options.wrapStore ? m_options.wrapStore(m_realStore, m_storeOwner.get()) : m_realStore;

    m_switcher = std::make_unique<TenantSwitcher>(m_store, m_settings.get(), m_sandbox.clock());
    m_switcher->setTimeoutMs(m_options.sessionTimeoutMs);
    TestServer* sandbox = &m_sandbox;
    const QString sandboxKey = QUrl::fromLocalFile(m_sandbox.dataDir()).toString();
    m_switcher->setSandboxStarter([sandbox, sandboxKey](QString*) -> std::optional<TenantSwitcher::Credentials> {
        return TenantSwitcher::Credentials{sandbox->baseUrl(), sandbox->adminClientId(), Secret(sandbox->adminSecret()),
                                           sandboxKey};
    });
    m_window = std::make_unique<MainWindow>(nullptr, u"Not connected"_s, m_sandbox.clock());
    m_controller = std::make_unique<ConsoleController>(m_window.get(), m_switcher.get());
    m_window->addOutboundCredentialsPage(new OutboundCredentialsPage(m_settings.get(), m_store, m_switcher->network(),
                                                                     m_window->clipboard(), m_sandbox.clock()));
    m_window->addIdentityProvidersPage(new IdentityProvidersPage(nullptr, m_sandbox.clock()));
    m_window->show();
    if (!QTest::qWaitForWindowExposed(m_window.get())) {
        m_error = u"the main window was not shown"_s;
        return false;
    }
    return true;
}

bool ConsoleFixture::startOnSandbox()
{
    if (!build()) {
        return false;
    }
    m_switcher->activate(m_switcher->entries().constFirst());
    return waitForConnection(u"sandbox"_s);
}

bool ConsoleFixture::restart()
{
    teardown();
    return build();
}

bool ConsoleFixture::waitForConnection(const QString& id, int timeoutMs)
{
    const bool settled = QTest::qWaitFor([this] { return !m_switcher->isActivating(); }, timeoutMs);
    if (!settled) {
        m_error = u"the switcher did not settle"_s;
        return false;
    }
    if (!m_switcher->current() || m_switcher->current()->id() != id) {
        m_error = u"not connected to %1: %2"_s.arg(id, m_window->connectionBanner()->text());
        return false;
    }
    return waitForLoad(timeoutMs);
}

bool ConsoleFixture::waitForLoad(int timeoutMs)
{
    // A load starts with the connection; wait for it to begin and to end.
    const bool done
        = QTest::qWaitFor([this] { return !page().isLoading() && !page().tenantInfo().tokenUrl.isEmpty(); }, timeoutMs);
    if (!done) {
        m_error = u"the page did not finish loading: "_s + page().messageWidget()->text();
        return false;
    }
    if (page().messageWidget()->isVisible() && page().messageWidget()->type() == MessageWidget::Type::Error) {
        m_error = u"the page shows an error: "_s + page().messageWidget()->text();
        return false;
    }
    return true;
}

std::optional<QString> ConsoleFixture::keychainLookup(const QString& key) const
{
    int exitCode = -1;
    const QByteArray out = secretTool({u"lookup"_s, u"server"_s, m_service, u"user"_s, key}, {}, &exitCode);
    if (exitCode != 0) {
        return std::nullopt;
    }
    return QString::fromUtf8(out);
}

QStringList ConsoleFixture::keychainKeys() const
{
    const QString text = QString::fromUtf8(secretTool({u"search"_s, u"--all"_s, u"server"_s, m_service}));
    QStringList keys;
    for (const QString& line : text.split(u'\n')) {
        if (line.startsWith(u"attribute.user = "_s)) {
            keys.append(line.mid(17));
        }
    }
    keys.sort();
    return keys;
}

bool ConsoleFixture::keychainStore(const QString& key, const QString& secret) const
{
    int exitCode = -1;
    secretTool({u"store"_s, u"--label"_s, m_service, u"server"_s, m_service, u"user"_s, key, u"type"_s, u"plaintext"_s,
                u"xdg:schema"_s, u"org.qt.keychain"_s},
               secret.toUtf8(), &exitCode);
    return exitCode == 0;
}

} // namespace appint::test
