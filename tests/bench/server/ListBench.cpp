// The client-list benchmark (issue 11, docs/performance-server.md): a tenant
// service with N clients on loopback; what one page of GET /api/v1/clients
// costs at offsets 0, N/2 and N-5000, in the tenant and over HTTP, what all
// pages of 5,000 cost one after another, and what an unchanged refresh
// (changed_since, If-None-Match) costs. For comparison, the listing as it was
// before issue 11 (filter and partial_sort on every page) runs on the same
// clients in the same process.
#include "core/ClientQuery.h"
#include "core/ClientRules.h"
#include "core/OAuthNames.h"
#include "server/ServerThread.h"
#include "server/TenantServer.h"
#include "server/tenant/Tenant.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTextStream>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

void print(const QString& line)
{
    QTextStream(stdout) << line << Qt::endl;
}

QString ms(qint64 nanoseconds)
{
    return QString::number(double(nanoseconds) / 1e6, 'f', 1);
}

struct Fetched
{
    int status = 0;
    QByteArray body;
    QByteArray etag;
};

Fetched fetch(QNetworkAccessManager& manager, const QUrl& url, const QByteArray& bearer,
              const QByteArray& ifNoneMatch = {})
{
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + bearer);
    if (!ifNoneMatch.isEmpty()) {
        request.setRawHeader("If-None-Match", ifNoneMatch);
    }
    QNetworkReply* reply = manager.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Fetched fetched{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(),
                    reply->rawHeader("ETag")};
    reply->deleteLater();
    return fetched;
}

QByteArray adminToken(QNetworkAccessManager& manager, const QUrl& base, const QString& id, const QString& secret)
{
    QNetworkRequest request(base.resolved(QUrl(u"/oauth/token"_s)));
    request.setRawHeader("Content-Type", "application/x-www-form-urlencoded");
    request.setRawHeader("Authorization", "Basic " + (id + u':' + secret).toUtf8().toBase64());
    QNetworkReply* reply = manager.post(request, QByteArray("grant_type=client_credentials"));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const QByteArray token = QJsonDocument::fromJson(reply->readAll())[u"access_token"_s].toString().toLatin1();
    reply->deleteLater();
    return token;
}

// The listing before issue 11: every page filters and partially sorts all clients.
qsizetype oldPage(const QList<appint::Client>& clients, const appint::ClientQuery& query, qint64 now)
{
    QList<const appint::Client*> matches;
    matches.reserve(clients.size());
    for (const appint::Client& client : clients) {
        if (query.matches(client, now)) {
            matches.append(&client);
        }
    }
    const qsizetype end = qsizetype(std::min<qint64>(matches.size(), query.offset + query.limit));
    std::partial_sort(matches.begin(), matches.begin() + end, matches.end(),
                      [&](const appint::Client* a, const appint::Client* b) { return query.lessThan(*a, *b, now); });
    appint::Clients page;
    for (qsizetype i = qsizetype(query.offset); i < end; ++i) {
        page.append(*matches.at(i));
    }
    return page.size();
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption clientsOption(u"clients"_s, u"Clients in the tenant."_s, u"N"_s, u"100000"_s);
    const QCommandLineOption runsOption(u"runs"_s, u"Runs of each measurement (the median is printed)."_s, u"N"_s,
                                        u"5"_s);
    parser.addOptions({clientsOption, runsOption});
    parser.process(app);
    const int clientCount = parser.value(clientsOption).toInt();
    const int runs = std::max(1, parser.value(runsOption).toInt());
    const qint64 pageSize = std::min<qint64>(5000, clientCount);

    QTemporaryDir dir;
    appint::ServerOptions options;
    options.dataDir = dir.filePath(u"data"_s);
    appint::ServerThread server(options);
    QString error;
    if (!server.start(&error)) {
        print(u"cannot start the server: "_s + error);
        return 1;
    }
    appint::Tenant* tenant = server.server()->tenant();
    const qint64 now = tenant->now();
    QList<appint::Tenant::Seed> seeds;
    seeds.reserve(clientCount);
    for (int i = 0; i < clientCount; ++i) {
        appint::Tenant::Seed seed;
        seed.client = appint::ClientRules::withDefaults(appint::Purpose::Api, now);
        seed.client.clientId = appint::Tenant::newClientId();
        seed.client.clientName = u"Bench client %1"_s.arg((i * 7919) % clientCount);
        seed.client.access = {appint::oauth::AccessUserProvisioning};
        seed.client.clientIdIssuedAt = now;
        seed.client.clientSecretExpiresAt = now + 86400 * (1 + i % 400);
        seed.secret = appint::Tenant::newSecret();
        seeds.append(std::move(seed));
    }
    if (!tenant->seed(seeds, {}, {}, {}, &error)) {
        print(u"cannot seed the clients: "_s + error);
        return 1;
    }
    QList<appint::Client> all;
    for (const appint::Tenant::Seed& seed : std::as_const(seeds)) {
        all.append(seed.client);
    }
    seeds.clear();
    print(u"%1 clients in the tenant, pages of %2, median of %3 runs"_s.arg(tenant->clientCount())
              .arg(pageSize)
              .arg(runs));

    const auto median = [](QList<qint64> values) {
        std::sort(values.begin(), values.end());
        return values.at(values.size() / 2);
    };
    const QList<qint64> offsets{0, clientCount / 2, std::max<qint64>(0, clientCount - pageSize)};

    // In the tenant: the old algorithm, then the cached order.
    for (const qint64 offset : offsets) {
        appint::ClientQuery query;
        query.offset = offset;
        query.limit = pageSize;
        QList<qint64> before;
        QList<qint64> after;
        for (int run = 0; run < runs; ++run) {
            QElapsedTimer timer;
            timer.start();
            oldPage(all, query, now);
            before.append(timer.nsecsElapsed());
            timer.restart();
            tenant->listClients(query);
            after.append(timer.nsecsElapsed());
        }
        print(u"TENANT page at offset %1: before %2 ms, after %3 ms"_s.arg(offset).arg(ms(median(before)),
                                                                                       ms(median(after))));
    }
    {
        // Writing one page's JSON: each client through QJsonObject and
        // QJsonDocument (before), or the bytes each stored version keeps
        // (after; the first page written fills them, later ones reuse them).
        appint::ClientQuery query;
        query.limit = pageSize;
        const appint::Tenant::Page page = tenant->listClients(query);
        QList<qint64> before;
        QList<qint64> first;
        QList<qint64> after;
        qsizetype bytes = 0;
        for (int run = 0; run < runs; ++run) {
            QElapsedTimer timer;
            timer.start();
            QJsonArray items;
            for (const appint::Tenant::Record& stored : page.items) {
                items.append(stored->client.toJson(page.now));
            }
            bytes = QJsonDocument(QJsonObject{{u"items"_s, items}}).toJson(QJsonDocument::Compact).size();
            before.append(timer.nsecsElapsed());
            for (QList<qint64>* times : {&first, &after}) {
                timer.restart();
                QByteArray document;
                for (const appint::Tenant::Record& stored : page.items) {
                    // A fresh copy's cache is empty: the first pass writes.
                    document += times == &first ? appint::StoredClient(*stored).jsonBytes(page.now)
                                                : stored->jsonBytes(page.now);
                }
                times->append(timer.nsecsElapsed());
            }
        }
        print(u"JSON of one page of %1 (%2 KiB): before %3 ms, first write %4 ms, cached %5 ms"_s.arg(page.items.size())
                  .arg(bytes / 1024)
                  .arg(ms(median(before)), ms(median(first)), ms(median(after))));
    }
    {
        // One client created through the API's path: the cached order is
        // updated in place, not sorted again.
        QElapsedTimer timer;
        timer.start();
        const auto created
            = tenant->createClient(QJsonObject{{u"client_name"_s, u"One more"_s},
                                               {u"purpose"_s, u"api"_s},
                                               {u"access"_s, QJsonArray{appint::oauth::AccessUserProvisioning}}},
                                   appint::Tenant::systemActor());
        const qint64 write = timer.nsecsElapsed();
        appint::ClientQuery query;
        query.limit = pageSize;
        timer.restart();
        tenant->listClients(query);
        print(u"TENANT create one client (store write included): %1 ms; the next first page: %2 ms"_s.arg(
            ms(write), ms(timer.nsecsElapsed())));
        if (!created.ok()) {
            print(u"cannot create a client"_s);
            return 1;
        }
        // A seed drops the cached orders: the next page sorts once.
        appint::Tenant::Seed one;
        one.client = appint::ClientRules::withDefaults(appint::Purpose::Api, now);
        one.client.clientId = appint::Tenant::newClientId();
        one.client.clientName = u"One more seeded"_s;
        one.client.access = {appint::oauth::AccessUserProvisioning};
        one.secret = appint::Tenant::newSecret();
        tenant->seed({one}, {}, {}, {}, &error);
        timer.restart();
        tenant->listClients(query);
        print(u"TENANT first page after a seed (order sorted again): %1 ms"_s.arg(ms(timer.nsecsElapsed())));
    }

    // Over HTTP on loopback.
    QNetworkAccessManager manager;
    const QUrl base = server.baseUrl();
    QFile credentialsFile(server.bootstrapFilePath());
    credentialsFile.open(QIODevice::ReadOnly);
    const QJsonObject credentials = QJsonDocument::fromJson(credentialsFile.readAll()).object();
    const QByteArray token = adminToken(manager, base, credentials.value(u"client_id"_s).toString(),
                                        credentials.value(u"client_secret"_s).toString());
    if (token.isEmpty()) {
        print(u"no administrator token"_s);
        return 1;
    }
    const auto pageUrl = [&](qint64 offset) {
        return base.resolved(QUrl(u"/api/v1/clients?offset=%1&limit=%2"_s.arg(offset).arg(pageSize)));
    };
    for (const qint64 offset : offsets) {
        QList<qint64> times;
        for (int run = 0; run < runs; ++run) {
            QElapsedTimer timer;
            timer.start();
            const Fetched page = fetch(manager, pageUrl(offset), token);
            times.append(timer.nsecsElapsed());
            if (page.status != 200) {
                print(u"page answered %1"_s.arg(page.status));
                return 1;
            }
        }
        print(u"HTTP page at offset %1: %2 ms"_s.arg(offset).arg(ms(median(times))));
    }
    QList<qint64> wholeTimes;
    QByteArray firstEtag;
    QString revision;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        qint64 offset = 0;
        qint64 total = 1;
        while (offset < total) {
            const Fetched page = fetch(manager, pageUrl(offset), token);
            const QJsonObject body = QJsonDocument::fromJson(page.body).object();
            total = body.value(u"total"_s).toInteger();
            if (offset == 0) {
                firstEtag = page.etag;
                revision = body.value(u"revision"_s).toString();
            }
            offset += pageSize;
        }
        wholeTimes.append(timer.nsecsElapsed());
    }
    print(u"HTTP all %1 pages one after another: %2 ms"_s.arg((tenant->clientCount() + pageSize - 1) / pageSize)
              .arg(ms(median(wholeTimes))));

    QList<qint64> notModified;
    QList<qint64> noChanges;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        const Fetched unchanged = fetch(manager, pageUrl(0), token, firstEtag);
        notModified.append(timer.nsecsElapsed());
        timer.restart();
        const Fetched changes = fetch(
            manager, base.resolved(QUrl(u"/api/v1/clients?changed_since=%1&limit=5000"_s.arg(revision))), token);
        noChanges.append(timer.nsecsElapsed());
        if (unchanged.status != 304 || changes.status != 200) {
            print(u"refresh answered %1 / %2"_s.arg(unchanged.status).arg(changes.status));
            return 1;
        }
    }
    print(
        u"HTTP unchanged first page with If-None-Match (304): %1 ms; changed_since of an unchanged tenant: %2 ms"_s.arg(
            ms(median(notModified)), ms(median(noChanges))));
    return 0;
}
