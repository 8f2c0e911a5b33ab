// appint-stalled-secret-service: owns org.freedesktop.secrets on the session
// bus and never answers a call made to it. A fault injector for the watchdog
// test: libsecret (and so QtKeychain) waits on it like on a Secret Service
// that hangs. Runs until the bus goes away or it is terminated.
#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusVirtualObject>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {
class Silent : public QDBusVirtualObject
{
public:
    QString introspect(const QString&) const override { return QString(); }
    // "Handled": Qt sends no error reply, and the caller waits.
    bool handleMessage(const QDBusMessage&, const QDBusConnection&) override { return true; }
};
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QDBusConnection bus = QDBusConnection::sessionBus();
    Silent silent;
    if (!bus.registerVirtualObject(u"/org/freedesktop/secrets"_s, &silent, QDBusConnection::SubPath)
        || !bus.registerService(u"org.freedesktop.secrets"_s)) {
        std::fputs("appint-stalled-secret-service: cannot own org.freedesktop.secrets\n", stderr);
        return 1;
    }
    return app.exec();
}
