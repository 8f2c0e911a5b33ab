// The cost of one tenant-user password hash (docs/performance-server.md):
// libsodium Argon2id at the chosen parameters and at neighbours, wall-clock
// and process CPU time per hash, plus the verification a sign-in does.
//
//   appint-password-bench [--rounds N]

#include "server/crypto/PasswordHash.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStringList>

#include <cstdio>
#include <ctime>

namespace {

double cpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

struct Cost
{
    double wallMs = 0;
    double cpuMs = 0;
};

template <typename F>
Cost measure(int rounds, F&& work)
{
    QElapsedTimer wall;
    const double cpu = cpuSeconds();
    wall.start();
    for (int i = 0; i < rounds; ++i) {
        work();
    }
    return Cost{double(wall.nsecsElapsed()) / 1e6 / rounds, (cpuSeconds() - cpu) * 1000 / rounds};
}

double loadAverage()
{
    double load[1] = {0};
    return getloadavg(load, 1) == 1 ? load[0] : -1;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    int rounds = 10;
    if (const qsizetype i = args.indexOf(QStringLiteral("--rounds")); i >= 0) {
        rounds = std::max(1, args.value(i + 1).toInt());
    }
    const QByteArray password = "correct horse battery staple";
    std::printf("load average %.2f, %d round(s) per setting\n", loadAverage(), rounds);
    struct Setting
    {
        unsigned long long ops;
        size_t mib;
    };
    const Setting chosen{appint::PasswordHash::OpsLimit, appint::PasswordHash::MemLimit >> 20};
    const Setting settings[] = {{1, 19}, {2, 12}, chosen, {3, 19}, {2, 32}, {2, 64}};
    bool ok = true;
    for (const Setting& s : settings) {
        QByteArray hash;
        const Cost cost = measure(rounds, [&] { hash = appint::PasswordHash::hash(password, s.ops, s.mib << 20); });
        ok = ok && appint::PasswordHash::verify(hash, password);
        std::printf("RESULT hash t=%llu m=%zu MiB: %.1f ms wall, %.1f ms CPU%s\n", s.ops, s.mib, cost.wallMs,
                    cost.cpuMs, s.ops == chosen.ops && s.mib == chosen.mib ? "  <- chosen" : "");
    }
    const QByteArray stored = appint::PasswordHash::hash(password);
    const Cost verify = measure(rounds, [&] { ok = ok && appint::PasswordHash::verify(stored, password); });
    std::printf("RESULT verify (chosen): %.1f ms wall, %.1f ms CPU; %.1f sign-ins/s per core\n", verify.wallMs,
                verify.cpuMs, 1000.0 / verify.cpuMs);
    if (!ok) {
        std::fputs("a hash did not verify\n", stderr);
        return 1;
    }
    return 0;
}
