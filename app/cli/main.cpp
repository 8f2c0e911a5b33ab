#include "cli/Cli.h"
#include "cli/LoginCommand.h"
#include "cli/SheetCommand.h"
#include "core/Translations.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <memory>

using namespace Qt::StringLiterals;

int main(int argc, char** argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i) {
        arguments.append(QString::fromLocal8Bit(argv[i]));
    }
    // Only a PDF sheet needs fonts and painting: a QGuiApplication, on the
    // offscreen platform (no display needed). Everything else runs on a
    // QCoreApplication.
    std::unique_ptr<QCoreApplication> application;
    if (appint::SheetCommand::paintsPdf(arguments)) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        application = std::make_unique<QGuiApplication>(argc, argv);
    } else if (appint::LoginCommand::opensBrowser(arguments)
               && (qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY"))) {
        // QDesktopServices opens the system browser through the platform.
        application = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        application = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(u"appint"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(APPINT_VERSION));
    appint::installTranslations(QLocale());

    appint::Cli cli;
    return cli.run(arguments);
}
