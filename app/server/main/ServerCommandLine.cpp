#include "ServerCommandLine.h"

#include "core/CommandLine.h"

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace appint {

bool ServerCommandLine::parseListen(const QString& text, QHostAddress* address, quint16* port)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0) {
        return false;
    }
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']')) {
        host = host.mid(1, host.size() - 2);
    }
    bool ok = false;
    const QString portText = text.mid(colon + 1);
    const uint value = portText.toUInt(&ok);
    if (!ok || value > 65535 || portText.startsWith(u'+')) {
        return false;
    }
    if (host == u"localhost"_s) {
        *address = QHostAddress(QHostAddress::LocalHost);
    } else if (!address->setAddress(host)) {
        return false;
    }
    *port = quint16(value);
    return true;
}

ServerCommandLine::Parsed ServerCommandLine::parse(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("The tenant service of App Integration Console: an OAuth 2.0 authorization server and the management "
           "API for its clients."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption dataDir(
        u"data-dir"_s, tr("Folder of the store, keys and bootstrap credentials (created if missing)."), tr("DIR"));
    const QCommandLineOption listen(u"listen"_s, tr("Address and port to listen on; port 0 takes a free one."),
                                    tr("HOST:PORT"));
    const QCommandLineOption issuer(u"issuer"_s,
                                    tr("Issuer URL of the tokens and base of the endpoint URLs (default: the "
                                       "listening URL)."),
                                    tr("URL"));
    const QCommandLineOption demo(u"demo"_s, tr("Seed demo spaces, roles and clients into a new store."));
    const QCommandLineOption tenantName(u"tenant-name"_s, tr("Name shown for the tenant."), tr("NAME"));
    const QCommandLineOption threads(u"threads"_s, tr("HTTP threads (default: one per core)."), tr("N"));
    const QCommandLineOption resetAdmin(
        u"reset-admin"_s,
        tr("Offline, with no server running on DIR: make a new bootstrap administrator and write its credentials to "
           "a new DIR/bootstrap-admin.json (the way back into a tenant whose administrators are gone or expired)."));
    parser.addOptions({dataDir, listen, issuer, demo, tenantName, threads, resetAdmin});

    Parsed result;
    if (!CommandLine::begin(parser, arguments, help, version, result)) {
        return result;
    }
    if (!parser.isSet(dataDir) || parser.value(dataDir).isEmpty()) {
        result.error = tr("Give the data folder with --data-dir DIR.");
        return result;
    }
    if (parser.isSet(resetAdmin)) {
        if (parser.isSet(listen) || parser.isSet(demo) || parser.isSet(threads)) {
            result.error = tr("--reset-admin runs offline: give it only --data-dir (and --issuer).");
            return result;
        }
        result.options.dataDir = parser.value(dataDir);
        result.options.issuer = parser.value(issuer);
        result.action = Action::ResetAdmin;
        return result;
    }
    if (!parser.isSet(listen)) {
        result.error = tr("Give the address to listen on with --listen HOST:PORT, e.g. --listen 127.0.0.1:8080.");
        return result;
    }
    ServerOptions& options = result.options;
    options.dataDir = parser.value(dataDir);
    if (!parseListen(parser.value(listen), &options.address, &options.port)) {
        result.error = tr("--listen takes HOST:PORT with an IP address (or localhost) and a port from 0 to 65535, "
                          "not \"%1\".")
                           .arg(parser.value(listen));
        return result;
    }
    options.issuer = parser.value(issuer);
    options.demo = parser.isSet(demo);
    options.tenantName = parser.value(tenantName);
    if (parser.isSet(threads)) {
        bool ok = false;
        options.threads = parser.value(threads).toInt(&ok);
        if (!ok || options.threads < 1 || options.threads > 8) {
            result.error = tr("--threads takes a number from 1 to 8.");
            return result;
        }
    }
    result.action = Action::Run;
    return result;
}

} // namespace appint
