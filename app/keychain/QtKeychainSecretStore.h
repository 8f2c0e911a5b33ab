#pragma once

#include "keychain/KeychainKeys.h"
#include "keychain/SecretStore.h"

#include <qt6keychain/keychain.h>

namespace appint {

// The SecretStore of the system keychain, through QtKeychain (Secret Service
// via libsecret on Linux, KWallet on KDE, Keychain on macOS, Credential
// Manager on Windows).
//
// - Never falls back to plain text: every job runs with
//   setInsecureFallback(false); a system without a keychain gets NoService.
// - Tells a locked keychain from a missing entry: QtKeychain reports a locked
//   Secret Service collection as "Entry not found" on read and as success on
//   delete (the entry stays). After such an answer the store writes and
//   deletes a probe entry; a locked collection refuses the write, and the
//   result becomes Locked.
// - Has no watchdog of its own: a job can hang (qtkeychain issues #303, #240).
//   createSystemSecretStore() wraps it in a SecretStoreWatchdog.
//
// Jobs are not parented: a job that is still running when the store goes away
// finishes (and deletes itself) on its own, and its result is dropped.
class QtKeychainSecretStore : public SecretStore
{
    Q_OBJECT

public:
    explicit QtKeychainSecretStore(const QString& service = KeychainKeys::defaultService(), QObject* parent = nullptr);
    ~QtKeychainSecretStore() override;

    QString service() const { return m_service; }

    void read(const QString& key, QObject* context, Callback callback) override;
    void write(const QString& key, const QString& secret, QObject* context, Callback callback) override;
    void remove(const QString& key, QObject* context, Callback callback) override;

    // What a QtKeychain error means for people (docs/keychain.md has the table).
    // `detail` is the job's errorString().
    static KeychainResult resultFor(QKeychain::Error error, const QString& detail);

private:
    QString m_service;
};

} // namespace appint
