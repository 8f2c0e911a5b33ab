// appint-server: the tenant service (api.md, "The server's command line").

#include "ServerCommandLine.h"

#include "core/Translations.h"
#include "server/TenantServer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>

#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

bool installSignalHandlers()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, signalPipe) != 0) {
        return false;
    }
    struct sigaction action
    {
    };
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGTERM, &action, nullptr) == 0 && ::sigaction(SIGINT, &action, nullptr) == 0;
}

// Up to 1,024 connections plus the store and logs need more descriptors than
// the usual soft limit of 1,024: take what the hard limit allows.
void raiseDescriptorLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

void printLine(FILE* stream, const QString& text)
{
    std::fputs(qPrintable(text + u'\n'), stream);
    std::fflush(stream);
}

} // namespace

int main(int argc, char** argv)
{
    // Quiet per-request logging unless QT_LOGGING_RULES asks for it.
    QLoggingCategory::setFilterRules(u"appint.*.debug=false"_s);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"appint-server"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(APPINT_VERSION));
    appint::installTranslations();

    const auto parsed = appint::ServerCommandLine::parse(QCoreApplication::arguments());
    switch (parsed.action) {
    case appint::ServerCommandLine::Action::ShowHelp:
        std::fputs(qPrintable(parsed.helpText), stdout);
        return 0;
    case appint::ServerCommandLine::Action::ShowVersion:
        printLine(stdout, u"appint-server "_s + QCoreApplication::applicationVersion());
        return 0;
    case appint::ServerCommandLine::Action::Fail:
        printLine(stderr, u"appint-server: "_s + parsed.error);
        printLine(stderr, QCoreApplication::translate("main", "Try appint-server --help."));
        return 2;
    case appint::ServerCommandLine::Action::ResetAdmin: {
        QString error;
        if (!appint::TenantServer::resetAdministrator(parsed.options, &error)) {
            printLine(stderr, u"appint-server: "_s + error);
            return 1;
        }
        printLine(stdout,
                  QCoreApplication::translate("main", "new bootstrap administrator credentials: %1")
                      .arg(QDir(parsed.options.dataDir).absoluteFilePath(u"bootstrap-admin.json"_s)));
        return 0;
    }
    case appint::ServerCommandLine::Action::Import: {
        QString error;
        const auto imported
            = appint::TenantServer::importClients(parsed.options, parsed.importFile, parsed.importSecretsOut, &error);
        if (!imported) {
            printLine(stderr, u"appint-server: "_s + error);
            printLine(stderr, QCoreApplication::translate("main", "appint-server: nothing was imported"));
            return 1;
        }
        printLine(stdout,
                  QCoreApplication::translate("main", "clients imported: %1; their secrets: %2")
                      .arg(*imported)
                      .arg(QFileInfo(parsed.importSecretsOut).absoluteFilePath()));
        return 0;
    }
    case appint::ServerCommandLine::Action::Run:
        break;
    }

    raiseDescriptorLimit();
    if (!installSignalHandlers()) {
        printLine(stderr, u"appint-server: cannot install the signal handlers"_s);
        return 1;
    }
    appint::TenantServer server(parsed.options);
    QString error;
    if (!server.start(&error)) {
        printLine(stderr, u"appint-server: "_s + error);
        return 1;
    }
    for (const QString& warning : server.warnings()) {
        printLine(stderr, u"appint-server: "_s + warning);
    }
    if (server.createdBootstrapAdministrator()) {
        printLine(stdout,
                  QCoreApplication::translate("main", "bootstrap administrator credentials: %1")
                      .arg(server.bootstrapFilePath()));
    }
    if (server.seededDemoData()) {
        printLine(stderr, QCoreApplication::translate("main", "appint-server: seeded demo spaces, roles and clients"));
    }
    printLine(stdout, u"listening on "_s + server.baseUrl().toString());

    QSocketNotifier notifier{qintptr{signalPipe[0]}, QSocketNotifier::Read};
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&] {
        char byte = 0;
        [[maybe_unused]] const auto read = ::read(signalPipe[0], &byte, 1);
        notifier.setEnabled(false);
        server.stop(); // finishes the requests in flight
        QCoreApplication::exit(0);
    });
    return QCoreApplication::exec();
}
