#pragma once

#include "keychain/KeychainKeys.h"
#include "keychain/SecretStoreWatchdog.h"

namespace appint {

// The store the programs use: the system keychain (QtKeychainSecretStore)
// behind a SecretStoreWatchdog. Owned by `parent`. Tests pass their own
// service name, so that they never touch the application's entries, and may
// pass a shorter timeout.
SecretStore* createSystemSecretStore(QObject* parent, const QString& service = KeychainKeys::defaultService(),
                                     std::chrono::milliseconds timeout = SecretStoreWatchdog::DefaultTimeout);

} // namespace appint
