#include "ConsoleHarness.h"

#include "core/Secret.h"
#include "gui/clients/AppIntegrationPage.h"
#include "gui/outbound/OutboundCredentialsPage.h"
#include "gui/shell/MainWindow.h"
#include "gui/widgets/MessageWidget.h"
#include "service/AdminSession.h"
#include "service/TenantApi.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace appint::test {

ConsoleHarness::ConsoleHarness()
    : ConsoleHarness(TestServer::Options{})
{
}

ConsoleHarness::ConsoleHarness(TestServer::Options options)
    : m_server(std::move(options))
{
}

ConsoleHarness::~ConsoleHarness()
{
    if (m_api) {
        m_api->cancelAll();
    }
    m_window.reset();
    m_api.reset();
    m_session.reset();
}

AppIntegrationPage& ConsoleHarness::page()
{
    return *m_window->appIntegrationPage();
}

bool ConsoleHarness::start()
{
    if (!m_server.start()) {
        m_error = m_server.errorString();
        return false;
    }
    m_session = std::make_unique<AdminSession>(&m_network, m_server.baseUrl(), m_server.adminClientId(),
                                               Secret(m_server.adminSecret()), m_server.clock());
    m_api = std::make_unique<TenantApi>(m_session.get());
    m_window = std::make_unique<MainWindow>(
        m_api.get(), u"Local sandbox tenant at %1"_s.arg(m_server.baseUrl().toDisplayString()), m_server.clock());
    m_window->show();
    if (!QTest::qWaitForWindowExposed(m_window.get())) {
        m_error = u"the main window was not shown"_s;
        return false;
    }
    m_window->start();
    return waitForLoad();
}

bool ConsoleHarness::reload()
{
    page().reload();
    return waitForLoad();
}

OutboundCredentialsPage& ConsoleHarness::addOutboundCredentialsPage(QSettings* settings, SecretStore* secrets)
{
    auto* page = new OutboundCredentialsPage(settings, secrets, &m_network, m_window->clipboard(), m_server.clock());
    m_window->addOutboundCredentialsPage(page);
    return *page;
}

bool ConsoleHarness::waitForLoad()
{
    const bool done = QTest::qWaitFor([this] { return !page().isLoading(); }, 20'000);
    if (!done) {
        m_error = u"the page did not finish loading"_s;
        return false;
    }
    if (page().messageWidget()->isVisible() && page().messageWidget()->type() == MessageWidget::Type::Error) {
        m_error = u"the page shows an error: "_s + page().messageWidget()->text();
        return false;
    }
    return true;
}

} // namespace appint::test
