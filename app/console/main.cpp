#include "console/AdminCredentials.h"
#include "console/ConsoleCommandLine.h"
#include "console/SandboxTenant.h"

#include "core/Translations.h"
#include "gui/Icons.h"
#include "gui/MainWindow.h"
#include "gui/OutboundCredentialsPage.h"
#include "keychain/SystemSecretStore.h"
#include "service/AdminSession.h"
#include "service/SharedSettings.h"
#include "service/TenantApi.h"

#include <QApplication>
#include <QMessageBox>
#include <QNetworkAccessManager>

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

    // The sandbox lives as long as the window: declared first, destroyed last.
    std::unique_ptr<appint::SandboxTenant> sandbox;
    appint::AdminCredentials credentials;
    QUrl tenantUrl;
    QString connection;
    QString error;
    if (options.action == appint::ConsoleCommandLine::Action::Sandbox) {
        sandbox = std::make_unique<appint::SandboxTenant>(options.sandboxDir);
        if (!sandbox->start(&error)) {
            return fail(error);
        }
        credentials = sandbox->credentials();
        tenantUrl = sandbox->baseUrl();
        connection = QCoreApplication::translate("main", "Local sandbox tenant at %1")
                         .arg(tenantUrl.toDisplayString());
    } else {
        if (!credentials.load(options.credentialsFile, &error)) {
            return fail(error);
        }
        tenantUrl = options.tenantUrl;
        connection = QCoreApplication::translate("main", "Connected to %1").arg(tenantUrl.toDisplayString());
    }

    QNetworkAccessManager network;
    appint::AdminSession session(&network, tenantUrl, credentials.clientId, credentials.clientSecret);
    credentials.clientSecret = appint::Secret(); // the session holds it now
    appint::TenantApi api(&session);

    // Outbound Credentials (issue 5): the settings shared with `appint token`,
    // secrets in the system keychain. Both outlive the window.
    const std::unique_ptr<QSettings> settings = appint::SharedSettings::open();
    appint::SecretStore* secretStore = appint::createSystemSecretStore(&app);

    appint::MainWindow window(&api, connection);
    window.addOutboundCredentialsPage(
        new appint::OutboundCredentialsPage(settings.get(), secretStore, &network, window.clipboard()));
    window.show();
    window.start();
    const int status = QApplication::exec();
    api.cancelAll();
    return status;
}
