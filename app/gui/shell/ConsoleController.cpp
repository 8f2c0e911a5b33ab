#include "gui/shell/ConsoleController.h"

#include "credentials/SavedClientSecrets.h"
#include "gui/clients/AppIntegrationPage.h"
#include "gui/shell/ConsolePreferences.h"
#include "gui/shell/MainWindow.h"
#include "gui/shell/PreferencesDialog.h"
#include "gui/tenants/ConnectDialog.h"
#include "gui/tenants/TenantSwitcher.h"
#include "gui/widgets/Clipboard.h"
#include "gui/widgets/MessageBox.h"
#include "gui/widgets/MessageWidget.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
constexpr int StatusTimeoutMs = 5000;
// The person's time in the browser, signing in included.
constexpr int BrowserSignInTimeoutMs = 5 * 60 * 1000;
} // namespace

ConsoleController::ConsoleController(MainWindow* window, TenantSwitcher* switcher, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_switcher(switcher)
{
    m_window->clipboard()->setClearSeconds(ConsolePreferences(m_switcher->settings()).clipboardClearSeconds());
    createActions();

    connect(m_switcher, &TenantSwitcher::entriesChanged, this, &ConsoleController::rebuildSwitcher);
    connect(m_switcher, &TenantSwitcher::activationStarted, this, &ConsoleController::onActivationStarted);
    connect(m_switcher, &TenantSwitcher::activated, this, &ConsoleController::onActivated);
    connect(m_switcher, &TenantSwitcher::activationFailed, this, &ConsoleController::onActivationFailed);
    connect(m_switcher, &TenantSwitcher::signInEnded, this, &ConsoleController::onSignInEnded);
    connect(m_switcher, &TenantSwitcher::userRenewed, this, [this] {
        if (const std::optional<TenantEntry> current = m_switcher->current()) {
            m_window->setConnectionText(current->connectionText(m_switcher->userRoles()));
        }
    });
    rebuildSwitcher();
    updateActions();
}

ConsoleController::~ConsoleController() = default;

ConnectDialog* ConsoleController::connectDialog() const
{
    return m_connectDialog;
}

PreferencesDialog* ConsoleController::preferencesDialog() const
{
    return m_preferencesDialog;
}

void ConsoleController::createActions()
{
    const auto make = [this](const QString& name, const QString& text) {
        auto* action = new QAction(text, this);
        action->setObjectName(name);
        return action;
    };
    m_connectAction = make(u"connectTenantAction"_s, tr("Connect to a Tenant…"));
    m_connectAction->setToolTip(
        tr("Connect to a tenant with an administrator's client ID and secret, or sign in with your browser"));
    m_forgetAction = make(u"forgetTenantAction"_s, tr("Forget This Tenant…"));
    m_forgetAction->setToolTip(
        tr("Remove this tenant from the list and its administrator secret from the system keychain"));
    m_useSandboxAction = make(u"useSandboxAction"_s, tr("Use the Local Sandbox Tenant"));
    m_preferencesAction = make(u"preferencesAction"_s, tr("Preferences…"));
    m_preferencesAction->setMenuRole(QAction::PreferencesRole);
    m_quitAction = make(u"quitAction"_s, tr("Quit"));
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    m_bannerConnectAction = make(u"bannerConnectAction"_s, tr("Connect…"));
    m_bannerSandboxAction = make(u"bannerSandboxAction"_s, tr("Use the Local Sandbox"));
    m_bannerSignInAction = make(u"bannerSignInAction"_s, tr("Sign In Again…"));

    connect(m_connectAction, &QAction::triggered, this, &ConsoleController::openConnectDialog);
    connect(m_forgetAction, &QAction::triggered, this, &ConsoleController::forgetCurrentTenant);
    connect(m_useSandboxAction, &QAction::triggered, this, &ConsoleController::useSandbox);
    connect(m_preferencesAction, &QAction::triggered, this, &ConsoleController::openPreferences);
    connect(m_quitAction, &QAction::triggered, m_window, &QWidget::close);
    connect(m_bannerConnectAction, &QAction::triggered, this, [this] { reconnect(m_failedEntry); });
    connect(m_bannerSandboxAction, &QAction::triggered, this, &ConsoleController::useSandbox);
    connect(m_bannerSignInAction, &QAction::triggered, this, [this] { reconnect(m_failedEntry); });

    // The switcher: a toolbar above the pages.
    m_toolBar = new QToolBar(tr("Tenant"), m_window);
    m_toolBar->setObjectName(u"tenantToolBar"_s);
    m_toolBar->setMovable(false);
    m_toolBar->setFloatable(false);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto* label = new QLabel(tr("Tenant:"), m_toolBar);
    label->setObjectName(u"tenantLabel"_s);
    label->setContentsMargins(6, 0, 6, 0);
    m_tenantComboBox = new QComboBox(m_toolBar);
    m_tenantComboBox->setObjectName(u"tenantComboBox"_s);
    m_tenantComboBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_tenantComboBox->setMinimumContentsLength(28);
    m_tenantComboBox->setAccessibleName(tr("Tenant"));
    m_tenantComboBox->setToolTip(tr("The tenant whose clients the console shows"));
    label->setBuddy(m_tenantComboBox);
    m_toolBar->addWidget(label);
    m_toolBar->addWidget(m_tenantComboBox);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_connectAction);
    m_toolBar->addAction(m_forgetAction);
    m_window->addToolBar(Qt::TopToolBarArea, m_toolBar);
    connect(m_tenantComboBox, &QComboBox::activated, this, &ConsoleController::onTenantChosen);

    // The menus.
    QMenuBar* bar = m_window->menuBar();
    QMenu* file = bar->addMenu(tr("&File"));
    file->setObjectName(u"fileMenu"_s);
    file->addAction(m_quitAction);
    m_tenantMenu = bar->addMenu(tr("&Tenant"));
    m_tenantMenu->setObjectName(u"tenantMenu"_s);
    m_tenantMenu->addAction(m_connectAction);
    m_tenantMenu->addAction(m_useSandboxAction);
    m_tenantMenu->addSeparator();
    m_tenantMenu->addAction(m_forgetAction);
    QMenu* settings = bar->addMenu(tr("&Settings"));
    settings->setObjectName(u"settingsMenu"_s);
    settings->addAction(m_preferencesAction);
}

void ConsoleController::start()
{
    m_switcher->activate(m_switcher->startupEntry());
}

void ConsoleController::rebuildSwitcher()
{
    // Keep what is shown: the tenant being connected to, else the current one.
    const QString shown = m_tenantComboBox->currentData().toString();
    const std::optional<TenantEntry> current = m_switcher->current();
    m_rebuilding = true;
    m_tenantComboBox->clear();
    for (const TenantEntry& entry : m_switcher->entries()) {
        m_tenantComboBox->addItem(entry.displayText(), entry.id());
        const int index = m_tenantComboBox->count() - 1;
        QString tip = entry.kind == TenantEntry::Kind::Sandbox
            ? tr("The tenant service inside the console, with demo data")
            : entry.url;
        if (!entry.userName.isEmpty()) {
            tip += u'\n' + tr("Signed in as %1 with client %2").arg(entry.userName, entry.clientId);
        } else if (!entry.clientId.isEmpty() && entry.kind != TenantEntry::Kind::Sandbox) {
            tip += u'\n' + tr("Administrator client: %1").arg(entry.clientId);
        }
        m_tenantComboBox->setItemData(index, tip, Qt::ToolTipRole);
    }
    int index = m_tenantComboBox->findData(m_switcher->isActivating() ? shown : (current ? current->id() : shown));
    if (index < 0 && current) {
        index = m_tenantComboBox->findData(current->id());
    }
    m_tenantComboBox->setCurrentIndex(std::max(index, 0));
    m_rebuilding = false;
    updateActions();
}

void ConsoleController::updateActions()
{
    const std::optional<TenantEntry> current = m_switcher->current();
    m_forgetAction->setEnabled(current && current->kind == TenantEntry::Kind::Saved);
    m_useSandboxAction->setEnabled(!current || current->kind != TenantEntry::Kind::Sandbox);
}

void ConsoleController::onTenantChosen(int index)
{
    if (m_rebuilding || index < 0) {
        return;
    }
    const QString id = m_tenantComboBox->itemData(index).toString();
    const std::optional<TenantEntry> current = m_switcher->current();
    if (current && current->id() == id && !m_switcher->isActivating()) {
        return;
    }
    for (const TenantEntry& entry : m_switcher->entries()) {
        if (entry.id() == id) {
            m_switcher->activate(entry);
            return;
        }
    }
}

void ConsoleController::onActivationStarted(const TenantEntry& entry)
{
    m_window->connectionBanner()->hideMessage();
    m_window->setConnectionText(tr("Connecting to %1…").arg(entry.displayText()));
    m_window->appIntegrationPage()->setConnecting(entry.displayText());
    m_rebuilding = true;
    const int index = m_tenantComboBox->findData(entry.id());
    if (index >= 0) {
        m_tenantComboBox->setCurrentIndex(index);
    }
    m_rebuilding = false;
}

void ConsoleController::onActivated(const TenantEntry& entry)
{
    m_window->appIntegrationPage()->setConnecting({});
    m_window->connectionBanner()->hideMessage();
    m_window->setTenant(m_switcher->api(), m_switcher->keeper(), entry.connectionText(m_switcher->userRoles()));
    m_window->start();
    rebuildSwitcher();
    showStatus(tr("Connected to %1.").arg(entry.displayText()));
}

void ConsoleController::onActivationFailed(const TenantEntry& entry, const QString& message)
{
    m_failedEntry = entry;
    m_window->appIntegrationPage()->setConnecting({});
    MessageWidget* banner = m_window->connectionBanner();
    banner->showMessage(message, MessageWidget::Type::Error);
    const std::optional<TenantEntry> current = m_switcher->current();
    if (entry.kind != TenantEntry::Kind::Sandbox) {
        banner->addButton(m_bannerConnectAction);
        if (!current || current->kind != TenantEntry::Kind::Sandbox) {
            banner->addButton(m_bannerSandboxAction);
        }
    }
    m_window->setConnectionText(current ? current->connectionText(m_switcher->userRoles()) : tr("Not connected"));
    rebuildSwitcher();
}

void ConsoleController::onSignInEnded(const TenantEntry& entry, const QString& message)
{
    // The page keeps what it shows; calls fail until the person signs in again.
    m_failedEntry = entry;
    MessageWidget* banner = m_window->connectionBanner();
    banner->showMessage(message, MessageWidget::Type::Error);
    banner->addButton(m_bannerSignInAction);
    m_window->setConnectionText(tr("Sign-in ended: %1").arg(entry.connectionText()));
}

void ConsoleController::openConnectDialog()
{
    showConnectDialog(TenantProfile{});
}

void ConsoleController::reconnect(const TenantEntry& entry)
{
    TenantProfile profile = entry.profile();
    if (entry.kind == TenantEntry::Kind::Sandbox) {
        profile = TenantProfile{};
    }
    showConnectDialog(profile);
}

void ConsoleController::showConnectDialog(const TenantProfile& profile)
{
    if (m_connectDialog) {
        m_connectDialog->raise();
        m_connectDialog->activateWindow();
        return;
    }
    auto* dialog = new ConnectDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!profile.url.isEmpty()) {
        dialog->setProfile(profile);
    }
    m_connectDialog = dialog;
    connect(dialog, &ConnectDialog::cancelRequested, m_switcher, &TenantSwitcher::cancelBrowserSignIn);
    connect(dialog, &ConnectDialog::submitted, this, [this, dialog] {
        dialog->setBusy(true);
        auto done = [this, dialog, browser = dialog->mode() == ConnectDialog::Mode::Browser](
                        const TenantSwitcher::ConnectOutcome& outcome) {
            if (browser) {
                // Back from the browser: the console comes to the front.
                m_window->raise();
                m_window->activateWindow();
            }
            if (!outcome.ok()) {
                dialog->showError(outcome.message, outcome.fieldErrors);
                return;
            }
            dialog->setBusy(false);
            dialog->accept();
        };
        if (dialog->mode() == ConnectDialog::Mode::Browser) {
            m_switcher->signInWithBrowser(
                dialog->profile(), dialog->secret(), BrowserSignInTimeoutMs, dialog,
                [dialog](const QUrl& url, bool opened) { dialog->setWaitingForBrowser(url, opened); }, done);
            return;
        }
        m_switcher->connectTenant(dialog->profile(), dialog->secret(), dialog, done);
    });
    dialog->open();
}

void ConsoleController::forgetCurrentTenant()
{
    const std::optional<TenantEntry> current = m_switcher->current();
    if (!current || current->kind != TenantEntry::Kind::Saved) {
        return;
    }
    const TenantEntry entry = *current;
    const int saved = int(SavedClientSecrets(m_switcher->settings()).clientIds(entry.url).size());
    QString text = tr("Forget the tenant “%1” (%2)?").arg(entry.displayText(), entry.url) + u"\n\n"_s;
    text += saved > 0 ? tr("The console removes the administrator secret of %1 and the %n client secret(s) saved for "
                           "this tenant from the system keychain, and the tenant from its list.",
                           nullptr, saved)
                            .arg(entry.clientId)
                      : tr("The console removes the administrator secret of %1 from the system keychain, and the "
                           "tenant from its list.")
                            .arg(entry.clientId);
    text += u' ' + tr("The tenant itself and its clients stay as they are.");
    if (!MessageBox::confirm(m_window, tr("Forget This Tenant"), text, tr("Forget"), tr("Cancel"), true)) {
        return;
    }
    m_forgetAction->setEnabled(false);
    m_switcher->forget(entry, this, [this, entry](const QString& message) {
        updateActions();
        if (!message.isEmpty()) {
            m_window->connectionBanner()->showMessage(message, MessageWidget::Type::Error);
            return;
        }
        showStatus(tr("Forgot %1.").arg(entry.displayText()));
    });
}

void ConsoleController::openPreferences()
{
    if (m_preferencesDialog) {
        m_preferencesDialog->raise();
        return;
    }
    ConsolePreferences preferences(m_switcher->settings());
    auto* dialog = new PreferencesDialog(preferences.clipboardClearSeconds(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_preferencesDialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        ConsolePreferences(m_switcher->settings()).setClipboardClearSeconds(dialog->clipboardClearSeconds());
        m_window->clipboard()->setClearSeconds(ConsolePreferences(m_switcher->settings()).clipboardClearSeconds());
    });
    dialog->open();
}

void ConsoleController::useSandbox()
{
    m_switcher->activate(TenantEntry::sandbox());
}

void ConsoleController::showStatus(const QString& text)
{
    m_window->showStatusMessage(text, StatusTimeoutMs);
}

} // namespace appint
