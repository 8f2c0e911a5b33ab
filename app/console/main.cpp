#include "console/AdminCredentials.h"
#include "console/ConsoleCommandLine.h"
#include "console/SandboxTenant.h"

#include "core/TenantUrl.h"
#include "core/Translations.h"
#include "gui/idps/IdentityProvidersPage.h"
#include "gui/outbound/OutboundCredentialsPage.h"
#include "gui/shell/ConsoleController.h"
#include "gui/shell/MainWindow.h"
#include "gui/tenants/TenantSwitcher.h"
#include "gui/users/UsersPage.h"
#include "gui/widgets/Icons.h"
#include "keychain/SystemSecretStore.h"
#include "service/SharedSettings.h"

#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QSettings>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

void print(FILE* stream, const QString& text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

// A start-up failure: on the terminal, and in a box for those who started
// the console from a menu.
int fail(const QString& message)
{
    print(stderr, u"appint-console: "_s + message + u'\n');
    QMessageBox::critical(nullptr, QCoreApplication::translate("main", "App Integration Console"), message);
    return 1;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"appint-console"_s);
    QApplication::setApplicationDisplayName(u"App Integration Console"_s);
    QApplication::setApplicationVersion(QStringLiteral(APPINT_VERSION));
    QApplication::setDesktopFileName(u"appint-console"_s);
    appint::installTranslations();

    const appint::ConsoleCommandLine::Parsed options = appint::ConsoleCommandLine::parse(QApplication::arguments());
    switch (options.action) {
    case appint::ConsoleCommandLine::Action::ShowHelp:
        print(stdout, options.helpText);
        return 0;
    case appint::ConsoleCommandLine::Action::ShowVersion:
        print(stdout, u"appint-console %1\n"_s.arg(QStringLiteral(APPINT_VERSION)));
        return 0;
    case appint::ConsoleCommandLine::Action::Fail:
        print(stderr, u"appint-console: "_s + options.error + u"\n\n"_s + options.helpText);
        return 2;
    case appint::ConsoleCommandLine::Action::Sandbox:
    case appint::ConsoleCommandLine::Action::Remote:
        break;
    }
    QApplication::setWindowIcon(appint::Icons::application());

    // Declared first, destroyed last: the sandbox outlives every connection to it.
    std::unique_ptr<appint::SandboxTenant> sandbox;
    const std::unique_ptr<QSettings> settings = appint::SharedSettings::open();
    QObject keychainOwner;
    appint::SecretStore* store = appint::createSystemSecretStore(&keychainOwner);
    appint::TenantSwitcher switcher(store, settings.get());

    // The local sandbox tenant starts on first use: at once when it is the
    // tenant to open, else when it is chosen in the switcher.
    const QString sandboxDir = options.sandboxDir;
    switcher.setSandboxStarter(
        [&sandbox, sandboxDir](QString* error) -> std::optional<appint::TenantSwitcher::Credentials> {
            if (!sandbox) {
                auto started = std::make_unique<appint::SandboxTenant>(sandboxDir);
                if (!started->start(error)) {
                    return std::nullopt;
                }
                sandbox = std::move(started);
            }
            // Client secrets saved while on the sandbox are keyed by its data
            // folder: its URL changes with every start.
            return appint::TenantSwitcher::Credentials{
                sandbox->baseUrl(), sandbox->credentials().clientId, sandbox->credentials().clientSecret,
                QUrl::fromLocalFile(QDir(sandbox->dataDir()).absolutePath()).toString()};
        });

    QString error;
    appint::TenantEntry first = switcher.startupEntry();
    if (options.action == appint::ConsoleCommandLine::Action::Remote) {
        appint::AdminCredentials credentials;
        if (!credentials.load(options.credentialsFile, &error)) {
            return fail(error);
        }
        const QString url = options.tenantUrl.toString();
        // The admin secret goes to the token_url the file names, else only to
        // a discovered token endpoint on the tenant's own host (issue 16).
        switcher.setCommandLineTenant({options.tenantUrl, credentials.clientId, credentials.clientSecret,
                                       appint::TenantUrl::normalized(url), credentials.tokenUrl});
        credentials.clientSecret = appint::Secret(); // the switcher holds it now
        first = switcher.startupEntry();
    } else if (!options.sandboxDir.isEmpty()) {
        first = appint::TenantEntry::sandbox();
    }
    if (first.kind == appint::TenantEntry::Kind::Sandbox) {
        sandbox = std::make_unique<appint::SandboxTenant>(options.sandboxDir);
        if (!sandbox->start(&error)) {
            return fail(error);
        }
    }

    appint::MainWindow window(nullptr, QCoreApplication::translate("main", "Not connected"));
    appint::ConsoleController controller(&window, &switcher);
    // Outbound Credentials (issue 5): the settings shared with `appint token`,
    // secrets in the system keychain, the switcher's network.
    window.addOutboundCredentialsPage(
        new appint::OutboundCredentialsPage(settings.get(), store, switcher.network(), window.clipboard()));
    // Users (issue 13): the tenant's users over SCIM; follows the tenant switcher.
    window.addUsersPage(new appint::UsersPage(nullptr, window.clipboard()));
    // Trusted Identity Providers (issue 14): follows the switcher's tenant.
    window.addIdentityProvidersPage(new appint::IdentityProvidersPage(nullptr));
    window.show();
    switcher.activate(first);
    return QApplication::exec();
}
