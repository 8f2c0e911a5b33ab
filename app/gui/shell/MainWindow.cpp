#include "gui/shell/MainWindow.h"

#include "gui/clients/AppIntegrationPage.h"
#include "gui/idps/IdentityProvidersPage.h"
#include "gui/outbound/OutboundCredentialsPage.h"
#include "gui/users/UsersPage.h"
#include "gui/widgets/Clipboard.h"
#include "gui/widgets/Icons.h"
#include "gui/widgets/MessageWidget.h"

#include <QCloseEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
constexpr int PageRole = Qt::UserRole + 1; // index into the page stack, -1 for a group
}

MainWindow::MainWindow(TenantApi* api, const QString& connectionText, const Clock& clock, QWidget* parent)
    : QMainWindow(parent)
    , m_clipboard(new Clipboard(this))
    , m_navigation(new QTreeWidget(this))
    , m_pages(new QStackedWidget(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowIcon(Icons::application());

    m_navigation->setObjectName(u"navigationTreeWidget"_s);
    m_navigation->setHeaderHidden(true);
    m_navigation->setRootIsDecorated(true);
    m_navigation->setUniformRowHeights(true);
    m_navigation->setMinimumWidth(fontMetrics().averageCharWidth() * 26);
    m_navigation->setAccessibleName(tr("Navigation"));

    m_appIntegration = new AppIntegrationPage(api, m_clipboard, clock, m_pages);
    QTreeWidgetItem* item = addPage({tr("System"), tr("Administration")}, tr("App Integration"),
                                    Icons::icon(u"nav-app-integration"_s), m_appIntegration);
    m_navigation->expandAll();
    m_navigation->setCurrentItem(item);
    // Wide enough for the deepest page's title.
    m_navigation->resizeColumnToContents(0);
    const int navigationWidth
        = m_navigation->columnWidth(0) + 2 * m_navigation->frameWidth() + fontMetrics().averageCharWidth() * 3;
    m_navigation->setMinimumWidth(std::max(m_navigation->minimumWidth(), navigationWidth));

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(u"mainSplitter"_s);
    splitter->addWidget(m_navigation);
    splitter->addWidget(m_pages);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setCollapsible(1, false);
    splitter->setSizes({m_navigation->minimumWidth(), 1000});

    auto* central = new QWidget(this);
    central->setObjectName(u"centralWidget"_s);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    m_connectionBanner = new MessageWidget(central);
    m_connectionBanner->setObjectName(u"connectionMessageWidget"_s);
    auto* bannerLayout = new QHBoxLayout;
    bannerLayout->setContentsMargins(6, 6, 6, 0);
    bannerLayout->addWidget(m_connectionBanner);
    centralLayout->addLayout(bannerLayout);
    centralLayout->addWidget(splitter, 1);
    setCentralWidget(central);

    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setTextFormat(Qt::PlainText); // names the tenant as the tenant calls itself
    m_connectionLabel->setText(connectionText);
    m_connectionLabel->setObjectName(u"connectionLabel"_s);
    m_clipboardLabel = new QLabel(this);
    m_clipboardLabel->setObjectName(u"clipboardLabel"_s);
    m_clipboardLabel->setContentsMargins(0, 0, fontMetrics().averageCharWidth() * 2, 0);
    m_clipboardLabel->hide();
    statusBar()->addPermanentWidget(m_clipboardLabel);
    statusBar()->addPermanentWidget(m_connectionLabel);

    connect(m_navigation, &QTreeWidget::currentItemChanged, this, &MainWindow::onNavigation);
    connect(statusBar(), &QStatusBar::messageChanged, this, [this](const QString& message) {
        if (message.isEmpty()) {
            statusBar()->setToolTip(QString());
        }
    });
    connect(m_appIntegration, &AppIntegrationPage::tenantLoaded, this, &MainWindow::onTenantLoaded);
    connect(m_appIntegration, &AppIntegrationPage::statusMessage, this, &MainWindow::showStatusMessage);
    connect(m_clipboard, &Clipboard::secretCountdown, this, [this](int seconds) {
        m_clipboardLabel->setVisible(seconds > 0);
        m_clipboardLabel->setText(tr("Secret on the clipboard; cleared in %n second(s)", nullptr, seconds));
    });

    resize(1280, 800);
    updateTitle();
}

MainWindow::~MainWindow()
{
    // The clipboard clears a secret when it goes; this window is going first.
    disconnect(m_clipboard, nullptr, this, nullptr);
}

AppIntegrationPage* MainWindow::appIntegrationPage() const
{
    return m_appIntegration;
}

Clipboard* MainWindow::clipboard() const
{
    return m_clipboard;
}

QTreeWidget* MainWindow::navigation() const
{
    return m_navigation;
}

MessageWidget* MainWindow::connectionBanner() const
{
    return m_connectionBanner;
}

void MainWindow::setTenant(TenantApi* api, ClientSecretKeeper* keeper, const QString& connectionText)
{
    m_appIntegration->setTenant(api, keeper);
    if (m_users) {
        m_users->setTenant(api);
    }
    if (m_identityProviders) {
        m_identityProviders->setTenant(api);
    }
    m_tenantName.clear();
    setConnectionText(connectionText);
    updateTitle();
}

void MainWindow::setConnectionText(const QString& text)
{
    m_connectionLabel->setText(text);
}

void MainWindow::showStatusMessage(const QString& text, int timeoutMs)
{
    // The status bar clips a long note at the permanent labels, mid-word;
    // elide it to the room there is, the whole text in the tooltip.
    QStatusBar* bar = statusBar();
    int room = bar->width() - fontMetrics().averageCharWidth() * 4;
    for (const QLabel* label : {m_clipboardLabel, m_connectionLabel}) {
        if (label->isVisible()) {
            room -= label->sizeHint().width() + fontMetrics().averageCharWidth();
        }
    }
    const QString oneLine = QString(text).replace(u'\n', u' ');
    const QString shown = fontMetrics().elidedText(oneLine, Qt::ElideRight, std::max(room, 0));
    bar->setToolTip(shown == oneLine ? QString() : oneLine);
    bar->showMessage(shown, timeoutMs);
}

void MainWindow::start()
{
    m_appIntegration->reload();
}

QTreeWidgetItem* MainWindow::groupItem(const QStringList& path)
{
    QTreeWidgetItem* parent = nullptr;
    const QIcon icons[] = {Icons::icon(u"nav-system"_s), Icons::icon(u"nav-administration"_s)};
    for (qsizetype level = 0; level < path.size(); ++level) {
        QTreeWidgetItem* found = nullptr;
        const int count = parent ? parent->childCount() : m_navigation->topLevelItemCount();
        for (int i = 0; i < count && !found; ++i) {
            QTreeWidgetItem* child = parent ? parent->child(i) : m_navigation->topLevelItem(i);
            if (child->text(0) == path[level] && child->data(0, PageRole).toInt() < 0) {
                found = child;
            }
        }
        if (!found) {
            found = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_navigation);
            found->setText(0, path[level]);
            found->setData(0, PageRole, -1);
            if (level < qsizetype(std::size(icons))) {
                found->setIcon(0, icons[level]);
            }
            // A group only opens and closes; it has no page of its own.
            found->setFlags(Qt::ItemIsEnabled);
        }
        parent = found;
    }
    return parent;
}

QTreeWidgetItem* MainWindow::addPage(const QStringList& path, const QString& title, const QIcon& icon, QWidget* page)
{
    QTreeWidgetItem* parent = groupItem(path);
    auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_navigation);
    item->setText(0, title);
    item->setIcon(0, icon);
    item->setData(0, PageRole, m_pages->addWidget(page));
    return item;
}

void MainWindow::addOutboundCredentialsPage(OutboundCredentialsPage* page)
{
    m_outboundCredentials = page;
    QTreeWidgetItem* item = addPage({tr("System"), tr("Administration")}, tr("Outbound Credentials"),
                                    Icons::icon(u"nav-outbound-credentials"_s), page);
    connect(page, &OutboundCredentialsPage::statusMessage, this, &MainWindow::showStatusMessage);
    m_navigation->expandAll();
    m_navigation->resizeColumnToContents(0);
    m_navigation->setMinimumWidth(
        std::max(m_navigation->minimumWidth(),
                 m_navigation->columnWidth(0) + 2 * m_navigation->frameWidth() + fontMetrics().averageCharWidth() * 3));
    m_appIntegration->createOutboundCredentialAction()->setVisible(true);
    connect(m_appIntegration, &AppIntegrationPage::createOutboundCredentialRequested, page,
            [this, item, page](const QString& tokenUrl, const QString& clientId, const QString& clientName) {
                m_navigation->setCurrentItem(item);
                page->createFromClient(tokenUrl, clientId, clientName);
            });
}

void MainWindow::addUsersPage(UsersPage* page)
{
    m_users = page;
    addPage({tr("System"), tr("Administration")}, tr("Users"), Icons::icon(u"nav-users"_s), page);
    connect(page, &UsersPage::statusMessage, this, &MainWindow::showStatusMessage);
    m_navigation->expandAll();
    m_navigation->resizeColumnToContents(0);
    m_navigation->setMinimumWidth(
        std::max(m_navigation->minimumWidth(),
                 m_navigation->columnWidth(0) + 2 * m_navigation->frameWidth() + fontMetrics().averageCharWidth() * 3));
}

void MainWindow::addIdentityProvidersPage(IdentityProvidersPage* page)
{
    m_identityProviders = page;
    page->setTenant(m_appIntegration->api());
    addPage({tr("System"), tr("Administration")}, tr("Trusted Identity Providers"),
            Icons::icon(u"nav-identity-providers"_s), page);
    connect(page, &IdentityProvidersPage::statusMessage, this, &MainWindow::showStatusMessage);
    m_navigation->expandAll();
    m_navigation->resizeColumnToContents(0);
    m_navigation->setMinimumWidth(
        std::max(m_navigation->minimumWidth(),
                 m_navigation->columnWidth(0) + 2 * m_navigation->frameWidth() + fontMetrics().averageCharWidth() * 3));
}

void MainWindow::onNavigation(QTreeWidgetItem* current)
{
    if (!current) {
        return;
    }
    const int page = current->data(0, PageRole).toInt();
    if (page >= 0) {
        m_pages->setCurrentIndex(page);
        updateTitle();
    }
}

void MainWindow::onTenantLoaded(const TenantInfo& tenant)
{
    m_tenantName = tenant.tenantName;
    updateTitle();
}

void MainWindow::updateTitle()
{
    QString page = tr("App Integration");
    if (QTreeWidgetItem* item = m_navigation->currentItem()) {
        page = item->text(0);
    }
    setWindowTitle(m_tenantName.isEmpty() ? tr("%1 – App Integration Console").arg(page)
                                          : tr("%1 – %2 – App Integration Console").arg(page, m_tenantName));
}

} // namespace appint
