// appint-grant-bench: starts the tenant service on 127.0.0.1 over a fresh data
// folder, seeds N API clients straight through the tenant and its store, and
// drives POST /oauth/token (client_credentials, HTTP Basic, a random client
// per request, keep-alive connections) with wrk. Prints grants per second
// and the latency percentiles wrk measured.
//
//   appint-grant-bench [--clients 100000] [--duration 15] [--connections 64]
//                      [--wrk-threads 1] [--server-threads 2] [--wrk wrk]

#include "core/ClientRules.h"
#include "core/OAuthNames.h"
#include "server/ServerThread.h"
#include "server/tenant/Tenant.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QUrl>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

void print(const QString& text)
{
    std::fputs(qPrintable(text + u'\n'), stdout);
    std::fflush(stdout);
}

// "1.23ms", "456.00us", "2.01s" -> milliseconds
double milliseconds(const QString& text)
{
    static const QRegularExpression pattern(u"^([0-9.]+)(us|ms|s)$"_s);
    const auto match = pattern.match(text);
    if (!match.hasMatch()) {
        return -1;
    }
    const double value = match.captured(1).toDouble();
    const QString unit = match.captured(2);
    return unit == u"us"_s ? value / 1000 : unit == u"s"_s ? value * 1000 : value;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"client_credentials grant benchmark of appint-server"_s);
    parser.addHelpOption();
    const QCommandLineOption clientsOption(u"clients"_s, u"Registered clients."_s, u"N"_s, u"100000"_s);
    const QCommandLineOption durationOption(u"duration"_s, u"Seconds of load."_s, u"S"_s, u"15"_s);
    const QCommandLineOption connectionsOption(u"connections"_s, u"Keep-alive connections."_s, u"C"_s, u"64"_s);
    const QCommandLineOption wrkThreadsOption(u"wrk-threads"_s, u"wrk threads."_s, u"T"_s, u"1"_s);
    const QCommandLineOption serverThreadsOption(u"server-threads"_s,
                                                 u"HTTP threads of the server (0: one per core)."_s, u"T"_s, u"0"_s);
    const QCommandLineOption wrkOption(u"wrk"_s, u"The wrk program."_s, u"PATH"_s, u"wrk"_s);
    parser.addOptions(
        {clientsOption, durationOption, connectionsOption, wrkThreadsOption, serverThreadsOption, wrkOption});
    parser.process(app);
    const int clientCount = parser.value(clientsOption).toInt();

    // Resident memory in KiB (Linux), to tell what the client cache costs.
    const auto residentKiB = [] {
        QFile status(u"/proc/self/status"_s);
        status.open(QIODevice::ReadOnly);
        for (const QByteArray& line : status.readAll().split('\n')) {
            if (line.startsWith("VmRSS:")) {
                return line.mid(6).trimmed().split(' ').first().toLongLong();
            }
        }
        return qint64(0);
    };

    QTemporaryDir dir;
    appint::ServerOptions options;
    options.dataDir = dir.filePath(u"data"_s);
    options.threads = parser.value(serverThreadsOption).toInt();
    appint::ServerThread server(options);
    QString error;
    if (!server.start(&error)) {
        print(u"cannot start the server: "_s + error);
        return 1;
    }

    // Seed the clients through the tenant (its store included), as an import
    // would: one transaction.
    QElapsedTimer timer;
    timer.start();
    const qint64 residentBefore = residentKiB();
    appint::Tenant* tenant = server.server()->tenant();
    const qint64 now = tenant->now();
    QList<appint::Tenant::Seed> seeds;
    seeds.reserve(clientCount);
    QFile credentials(dir.filePath(u"credentials.txt"_s));
    if (!credentials.open(QIODevice::WriteOnly)) {
        print(u"cannot write the credentials file"_s);
        return 1;
    }
    for (int i = 0; i < clientCount; ++i) {
        appint::Tenant::Seed seed;
        seed.client = appint::ClientRules::withDefaults(appint::Purpose::Api, now);
        seed.client.clientId = appint::Tenant::newClientId();
        seed.client.clientName = u"Bench client %1"_s.arg(i);
        seed.client.access = {appint::oauth::AccessUserProvisioning};
        seed.client.clientIdIssuedAt = now;
        seed.secret = appint::Tenant::newSecret();
        credentials.write("Basic " + (seed.client.clientId + u':' + seed.secret).toLatin1().toBase64() + '\n');
        seeds.append(std::move(seed));
    }
    credentials.close();
    if (!tenant->seed(seeds, {}, {}, {}, &error)) {
        print(u"cannot seed the clients: "_s + error);
        return 1;
    }
    seeds.clear();
    seeds.squeeze();
    print(u"resident memory grew by %1 MiB for %2 clients"_s.arg((residentKiB() - residentBefore) / 1024)
              .arg(clientCount));
    print(u"seeded %1 clients in %2 ms (%3 in the tenant)"_s.arg(clientCount)
              .arg(timer.elapsed())
              .arg(tenant->clientCount()));

    // Does a wrong secret cost the same for a known and an unknown client id?
    // (The secret is hashed and compared in either case.) Median of many
    // single calls, interleaved so that drift hits all three alike.
    {
        QFile file(credentials.fileName());
        file.open(QIODevice::ReadOnly);
        const QByteArray pair = QByteArray::fromBase64(file.readLine().trimmed().mid(6));
        const QString knownId = QString::fromLatin1(pair.left(pair.indexOf(':')));
        const QByteArray rightSecret = pair.mid(pair.indexOf(':') + 1);
        const QByteArray wrongSecret = appint::Tenant::newSecret().toLatin1();
        const QString unknownId = appint::Tenant::newClientId();
        constexpr int Rounds = 20000;
        QList<qint64> known, unknown, right;
        known.reserve(Rounds);
        unknown.reserve(Rounds);
        right.reserve(Rounds);
        QElapsedTimer clock;
        for (int i = 0; i < Rounds; ++i) {
            clock.start();
            const bool a = tenant->authenticate(knownId, wrongSecret) != nullptr;
            known.append(clock.nsecsElapsed());
            clock.start();
            const bool b = tenant->authenticate(unknownId, wrongSecret) != nullptr;
            unknown.append(clock.nsecsElapsed());
            clock.start();
            const bool c = tenant->authenticate(knownId, rightSecret) != nullptr;
            right.append(clock.nsecsElapsed());
            if (a || b || !c) {
                print(u"authentication gave a wrong answer"_s);
                return 1;
            }
        }
        const auto median = [](QList<qint64>& values) {
            std::sort(values.begin(), values.end());
            return values.at(values.size() / 2);
        };
        print(u"AUTH median ns: known id + wrong secret %1, unknown id + wrong secret %2, known id + right secret %3"_s
                  .arg(median(known))
                  .arg(median(unknown))
                  .arg(median(right)));
    }

    // What listing costs with this many clients (the console's table).
    for (const QString& query :
         {u"limit=100"_s, u"sort=-client_name&limit=5000"_s, u"q=client+4711"_s, u"status=expiring"_s}) {
        const appint::ClientQuery parsed = appint::ClientQuery::fromQueryString(query).query;
        QElapsedTimer listTimer;
        listTimer.start();
        const appint::Tenant::Page page = tenant->listClients(parsed);
        print(u"LIST %1: %2 of %3 in %4 ms"_s.arg(query)
                  .arg(page.items.size())
                  .arg(page.total)
                  .arg(double(listTimer.nsecsElapsed()) / 1e6, 0, 'f', 1));
    }

    const QString url = server.baseUrl().toString();
    QProcess wrk;
    wrk.setProgram(parser.value(wrkOption));
    wrk.setArguments({u"-t"_s + parser.value(wrkThreadsOption), u"-c"_s + parser.value(connectionsOption),
                      u"-d"_s + parser.value(durationOption) + u's', u"--latency"_s, u"-s"_s,
                      QStringLiteral(APPINT_GRANT_LUA), url, credentials.fileName()});
    wrk.setProcessChannelMode(QProcess::MergedChannels);
    wrk.start();
    if (!wrk.waitForFinished(parser.value(durationOption).toInt() * 1000 + 60'000) || wrk.exitCode() != 0) {
        print(u"wrk failed: "_s + QString::fromUtf8(wrk.readAll()) + wrk.errorString());
        return 1;
    }
    const QString output = QString::fromUtf8(wrk.readAll());
    print(output.trimmed());

    const auto capture = [&](const QString& pattern) {
        return QRegularExpression(pattern, QRegularExpression::MultilineOption).match(output).captured(1);
    };
    const double rate = capture(u"^Requests/sec:\\s+([0-9.]+)"_s).toDouble();
    const QString nonOk = capture(u"Non-2xx or 3xx responses:\\s+(\\d+)"_s);
    const QString socketErrors = capture(u"(Socket errors:.*)$"_s);
    const double p50 = milliseconds(capture(u"^\\s+50%\\s+(\\S+)"_s));
    const double p99 = milliseconds(capture(u"^\\s+99%\\s+(\\S+)"_s));
    print(u"RESULT clients=%1 connections=%2 grants_per_second=%3 p50_ms=%4 p99_ms=%5 non_2xx=%6 %7"_s.arg(clientCount)
              .arg(parser.value(connectionsOption))
              .arg(rate, 0, 'f', 0)
              .arg(p50, 0, 'f', 3)
              .arg(p99, 0, 'f', 3)
              .arg(nonOk.isEmpty() ? u"0"_s : nonOk)
              .arg(socketErrors));
    if (rate <= 0 || !nonOk.isEmpty()) {
        print(u"FAILED: no grants, or some were refused"_s);
        return 1;
    }
    return 0;
}
