#include "keychain/SecretStoreWatchdog.h"

#include "keychain/KeychainLog.h"

#include <QPointer>
#include <QTimer>

#include <memory>

namespace appint {

SecretStoreWatchdog::SecretStoreWatchdog(SecretStore* inner, std::chrono::milliseconds timeout, QObject* parent)
    : SecretStore(parent)
    , m_inner(inner)
    , m_timeout(timeout)
{
    Q_ASSERT(inner);
    m_inner->setParent(this);
}

SecretStoreWatchdog::~SecretStoreWatchdog() = default;

void SecretStoreWatchdog::watch(const char* operation, const QString& key, QObject* context, Callback callback,
                                const std::function<void(QObject* guard, const Callback& deliver)>& start)
{
    Q_ASSERT(context);
    // A child of the caller's context: when the context goes, so do the guard,
    // the timer and the inner store's delivery.
    auto* guard = new QObject(context);
    auto done = std::make_shared<bool>(false);
    Callback deliver = [guard, done, callback = std::move(callback)](const KeychainResult& result) {
        if (*done) {
            return;
        }
        *done = true;
        const QPointer<QObject> alive(guard);
        callback(result); // may destroy the context, and with it the guard
        if (alive) {
            alive->deleteLater();
        }
    };
    QTimer::singleShot(m_timeout, guard, [deliver, operation, key, timeout = m_timeout] {
        qCWarning(lcKeychain).noquote() << operation << key << "did not answer within" << timeout.count() << "ms";
        deliver(KeychainResult::timeout(timeout));
    });
    start(guard, deliver);
}

void SecretStoreWatchdog::read(const QString& key, QObject* context, Callback callback)
{
    watch("read", key, context, std::move(callback),
          [this, key](QObject* guard, const Callback& deliver) { m_inner->read(key, guard, deliver); });
}

void SecretStoreWatchdog::write(const QString& key, const QString& secret, QObject* context, Callback callback)
{
    watch("write", key, context, std::move(callback), [this, key, secret](QObject* guard, const Callback& deliver) {
        m_inner->write(key, secret, guard, deliver);
    });
}

void SecretStoreWatchdog::remove(const QString& key, QObject* context, Callback callback)
{
    watch("remove", key, context, std::move(callback),
          [this, key](QObject* guard, const Callback& deliver) { m_inner->remove(key, guard, deliver); });
}

} // namespace appint
