// The console's Refresh at scale (issue 11): the page of a ConsoleHarness
// (MainWindow, AdminSession, TenantApi over loopback HTTP) against a tenant
// service seeded with 100,000 clients; times a full reload and Refresh of
// the unchanged tenant (the changes feed: roles, spaces and one changes
// request, no client sent). Reports numbers only, asserts nothing about
// speed. ctest runs a smoke at 2,000 clients (APPINT_BENCH_ROWS).
//
//   QT_QPA_PLATFORM=offscreen build/ci/bin/BenchConsoleRefresh
//
// The server runs in this process, so its work and memory count here too:
// the console's own load time and memory are measured on the real
// appint-console process instead (docs/console.md, "Scale").

#include "ConsoleHarness.h"
#include "TestMain.h"

#include "core/ClientRules.h"
#include "core/OAuthNames.h"
#include "gui/clients/AppIntegrationPage.h"
#include "server/ServerThread.h"
#include "server/TenantServer.h"
#include "server/tenant/Tenant.h"

#include <QAction>
#include <QElapsedTimer>
#include <QTest>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace appint::test {

namespace {

const int Rows = [] {
    bool ok = false;
    const int rows = qEnvironmentVariableIntValue("APPINT_BENCH_ROWS", &ok);
    return ok && rows > 0 ? rows : 100'000;
}();
constexpr int Runs = 3;

double loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    return file.open(QIODevice::ReadOnly) ? file.readAll().split(' ').value(0).toDouble() : -1.0;
}

} // namespace

class BenchConsoleRefresh : public QObject
{
    Q_OBJECT

private slots:
    void refreshAtScale();
};

void BenchConsoleRefresh::refreshAtScale()
{
    ConsoleHarness console;
    QVERIFY2(console.start(), qPrintable(console.errorString()));
    Tenant* tenant = console.server().serverThread()->server()->tenant();
    const qint64 now = tenant->now();
    QList<Tenant::Seed> seeds;
    seeds.reserve(Rows);
    for (int i = 0; i < Rows; ++i) {
        Tenant::Seed seed;
        seed.client = ClientRules::withDefaults(Purpose::Api, now);
        seed.client.clientId = Tenant::newClientId();
        seed.client.clientName = u"Bench client %1"_s.arg((i * 7919) % Rows);
        seed.client.access = {oauth::AccessUserProvisioning};
        seed.client.clientIdIssuedAt = now;
        seed.client.clientSecretExpiresAt = now + 86400 * (1 + i % 400);
        seed.secret = Tenant::newSecret();
        seeds.append(std::move(seed));
    }
    QString error;
    QVERIFY2(tenant->seed(seeds, {}, {}, {}, &error), qPrintable(error));
    seeds.clear();

    AppIntegrationPage& page = console.page();
    const auto timed = [&](const auto& action) {
        QElapsedTimer timer;
        timer.start();
        action();
        const bool done = QTest::qWaitFor([&] { return !page.isLoading(); }, 120'000);
        return done ? timer.elapsed() : qint64(-1);
    };
    for (int run = 1; run <= Runs; ++run) {
        const qint64 full = timed([&] { page.reloadEverything(); });
        QVERIFY(full >= 0);
        QCOMPARE(page.lastRefreshMoved(), -1); // everything loaded
        const qint64 refresh = timed([&] { page.refreshAction()->trigger(); });
        QVERIFY(refresh >= 0);
        QCOMPARE(page.lastRefreshMoved(), 0); // no client moved
        std::printf("RESULT clients=%d run=%d full_reload=%lldms unchanged_refresh=%lldms load=%.2f\n", Rows + 1, run,
                    static_cast<long long>(full), static_cast<long long>(refresh), loadAverage());
        std::fflush(stdout);
    }
}

} // namespace appint::test

APPINT_TEST_GUI_MAIN(appint::test::BenchConsoleRefresh)
#include "BenchConsoleRefresh.moc"
