#include "keychain/SecretStore.h"

namespace appint {

SecretStore::SecretStore(QObject* parent)
    : QObject(parent)
{
}

SecretStore::~SecretStore() = default;

} // namespace appint
