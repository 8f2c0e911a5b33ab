#include "keychain/SystemSecretStore.h"

#include "keychain/QtKeychainSecretStore.h"

namespace appint {

SecretStore* createSystemSecretStore(QObject* parent, const QString& service, std::chrono::milliseconds timeout)
{
    return new SecretStoreWatchdog(new QtKeychainSecretStore(service), timeout, parent);
}

} // namespace appint
