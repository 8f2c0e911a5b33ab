#include "ServerCommandLine.h"

#include "core/CommandLine.h"

#include <QCommandLineParser>

#include <type_traits>

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
    const QCommandLineOption importClients(
        u"import"_s,
        tr("Offline, with no server running on DIR: import the clients of FILE, one JSON object a line (a POST "
           "/api/v1/clients body, optionally with the client_id to keep), all or none, and exit. Needs "
           "--import-secrets-out."),
        tr("FILE"));
    const QCommandLineOption importSecretsOut(
        u"import-secrets-out"_s,
        tr("With --import: a new file (mode 0600) for the imported clients' new secrets, one JSON object a line."),
        tr("FILE"));
    const HttpLimits defaults;
    const QCommandLineOption maxHeaderBytes(
        u"max-header-bytes"_s,
        tr("Largest request line and headers, in bytes; larger ones get 431 (default: %1).")
            .arg(defaults.maxHeaderBytes),
        tr("BYTES"));
    const QCommandLineOption maxBodyBytes(
        u"max-body-bytes"_s,
        tr("Largest request body, in bytes; larger ones get 413 before they are read (default: %1).")
            .arg(defaults.maxBodyBytes),
        tr("BYTES"));
    const QCommandLineOption maxBufferedBodyBytes(
        u"max-buffered-body-bytes"_s,
        tr("Body bytes of unfinished requests, all connections together; beyond it bodies are read no further "
           "until others finish (default: %1).")
            .arg(defaults.maxBufferedBodyBytes),
        tr("BYTES"));
    const QCommandLineOption headerTimeout(
        u"header-timeout"_s,
        tr("Seconds from a request's first byte within which its headers must arrive, else 408 (default: %1).")
            .arg(defaults.headerTimeoutMs / 1000),
        tr("SECONDS"));
    const QCommandLineOption bodyTimeout(
        u"body-timeout"_s,
        tr("Seconds from a request's first byte within which its body must arrive, else 408 (default: %1).")
            .arg(defaults.bodyTimeoutMs / 1000),
        tr("SECONDS"));
    const QCommandLineOption idleTimeout(
        u"idle-timeout"_s,
        tr("Seconds after which a connection that sends nothing is closed; 0: never (default: %1).")
            .arg(defaults.idleTimeoutMs / 1000),
        tr("SECONDS"));
    const QCommandLineOption maxConnections(
        u"max-connections"_s,
        tr("Open connections of the process; further ones are closed at once (default: %1).")
            .arg(defaults.maxConnections),
        tr("N"));
    const QCommandLineOption maxConnectionsPerAddress(
        u"max-connections-per-address"_s,
        tr("Open connections from one client address; further ones are closed at once (default: %1).")
            .arg(defaults.maxConnectionsPerAddress),
        tr("N"));
    const QCommandLineOption blockingThreads(
        u"blocking-threads"_s,
        tr("Threads for requests that may wait (store writes, password checks) (default: %1).")
            .arg(defaults.blockingThreads),
        tr("N"));
    const QCommandLineOption blockingQueue(
        u"blocking-queue"_s,
        tr("Such requests that may wait for a thread; further ones get 503 with Retry-After (default: %1).")
            .arg(defaults.blockingQueue),
        tr("N"));
    parser.addOptions({dataDir, listen, issuer, demo, tenantName, threads, maxHeaderBytes, maxBodyBytes,
                       maxBufferedBodyBytes, headerTimeout, bodyTimeout, idleTimeout, maxConnections,
                       maxConnectionsPerAddress, blockingThreads, blockingQueue, resetAdmin, importClients,
                       importSecretsOut});

    Parsed result;
    if (!CommandLine::begin(parser, arguments, help, version, result)) {
        return result;
    }
    if (!parser.isSet(dataDir) || parser.value(dataDir).isEmpty()) {
        result.error = tr("Give the data folder with --data-dir DIR.");
        return result;
    }
    if (parser.isSet(importClients) || parser.isSet(importSecretsOut)) {
        if (parser.isSet(listen) || parser.isSet(demo) || parser.isSet(threads) || parser.isSet(resetAdmin)) {
            result.error = tr("--import runs offline: give it only --data-dir, --import-secrets-out (and --issuer).");
            return result;
        }
        if (parser.value(importClients).isEmpty() || parser.value(importSecretsOut).isEmpty()) {
            result.error = tr("--import FILE needs --import-secrets-out FILE: the new clients' secrets go there.");
            return result;
        }
        result.options.dataDir = parser.value(dataDir);
        result.options.issuer = parser.value(issuer);
        result.importFile = parser.value(importClients);
        result.importSecretsOut = parser.value(importSecretsOut);
        result.action = Action::Import;
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
    HttpLimits& limits = options.limits;
    // A whole number within [minimum, maximum].
    const auto number = [&](const QCommandLineOption& option, qint64 minimum, qint64 maximum, auto* target) {
        if (!parser.isSet(option)) {
            return true;
        }
        bool ok = false;
        const qint64 value = parser.value(option).toLongLong(&ok);
        if (!ok || value < minimum || value > maximum) {
            result.error = tr("--%1 takes a whole number from %2 to %3, not \"%4\".")
                               .arg(option.names().constFirst())
                               .arg(minimum)
                               .arg(maximum)
                               .arg(parser.value(option));
            return false;
        }
        *target = std::remove_pointer_t<decltype(target)>(value);
        return true;
    };
    // Seconds (fractions allowed) within [minimum, maximum], kept as ms.
    const auto seconds = [&](const QCommandLineOption& option, double minimum, double maximum, int* targetMs) {
        if (!parser.isSet(option)) {
            return true;
        }
        bool ok = false;
        const double value = parser.value(option).toDouble(&ok);
        if (!ok || !(value >= minimum && value <= maximum)) {
            result.error = tr("--%1 takes seconds from %2 to %3, not \"%4\".")
                               .arg(option.names().constFirst())
                               .arg(minimum)
                               .arg(maximum)
                               .arg(parser.value(option));
            return false;
        }
        *targetMs = int(value * 1000.0 + 0.5);
        return true;
    };
    constexpr qint64 MaximumBytes = qint64(1) << 30;
    if (!number(maxHeaderBytes, 1024, 16 * 1024 * 1024, &limits.maxHeaderBytes)
        || !number(maxBodyBytes, 0, MaximumBytes, &limits.maxBodyBytes)
        || !number(maxBufferedBodyBytes, 1024 * 1024, 64 * MaximumBytes, &limits.maxBufferedBodyBytes)
        || !seconds(headerTimeout, 0.01, 3600, &limits.headerTimeoutMs)
        || !seconds(bodyTimeout, 0.01, 3600, &limits.bodyTimeoutMs)
        || !seconds(idleTimeout, 0, 86400, &limits.idleTimeoutMs)
        || !number(maxConnections, 1, 1'000'000, &limits.maxConnections)
        || !number(maxConnectionsPerAddress, 1, 1'000'000, &limits.maxConnectionsPerAddress)
        || !number(blockingThreads, 1, 64, &limits.blockingThreads)
        || !number(blockingQueue, 0, 100'000, &limits.blockingQueue)) {
        return result;
    }
    result.action = Action::Run;
    return result;
}

} // namespace appint
