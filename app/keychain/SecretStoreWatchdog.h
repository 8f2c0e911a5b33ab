#pragma once

#include "keychain/SecretStore.h"

#include <chrono>

namespace appint {

// A SecretStore in front of another one that answers every call within a
// fixed time: when the inner store has not answered after `timeout`, the
// caller gets Timeout ("The system keychain did not answer within 5 seconds
// ...") and a later answer of the inner store is dropped. QtKeychain jobs can
// hang for 25 s, or for ever while a wallet waits to be unlocked (qtkeychain
// issues #303, #240); the window must not.
//
// The time covers the whole operation, including QtKeychainSecretStore's lock
// probe. Takes ownership of `inner` (becomes its parent).
class SecretStoreWatchdog : public SecretStore
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds DefaultTimeout{5000};

    explicit SecretStoreWatchdog(SecretStore* inner, std::chrono::milliseconds timeout = DefaultTimeout,
                                 QObject* parent = nullptr);
    ~SecretStoreWatchdog() override;

    std::chrono::milliseconds timeout() const { return m_timeout; }
    SecretStore* inner() const { return m_inner; }

    void read(const QString& key, QObject* context, Callback callback) override;
    void write(const QString& key, const QString& secret, QObject* context, Callback callback) override;
    void remove(const QString& key, QObject* context, Callback callback) override;

private:
    // Runs `start(guard, deliver)`: the inner call, bound to a guard object
    // that lives as a child of `context` until the first of answer or timeout.
    void watch(const char* operation, const QString& key, QObject* context, Callback callback,
               const std::function<void(QObject* guard, const Callback& deliver)>& start);

    SecretStore* m_inner;
    std::chrono::milliseconds m_timeout;
};

} // namespace appint
