#include "credentials/ClientSecretKeeper.h"

#include "core/TenantUrl.h"
#include "credentials/CredentialsLog.h"
#include "keychain/KeychainKeys.h"
#include "keychain/SecretStore.h"

#include <QPointer>

namespace appint {

namespace {
// Runs `callback` if `context` is still there.
ClientSecretKeeper::Callback guarded(QObject* context, ClientSecretKeeper::Callback callback)
{
    return [context = QPointer<QObject>(context), callback = std::move(callback)](const KeychainResult& result) {
        if (context && callback) {
            callback(result);
        }
    };
}
} // namespace

ClientSecretKeeper::ClientSecretKeeper(SecretStore* store, QSettings* settings, const QString& tenantKey,
                                       QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_index(settings)
    , m_tenantKey(TenantUrl::normalized(tenantKey))
{
    Q_ASSERT(m_store);
}

ClientSecretKeeper::~ClientSecretKeeper() = default;

QString ClientSecretKeeper::keychainKey(const QString& clientId) const
{
    return KeychainKeys::clientSecret(m_tenantKey, clientId);
}

bool ClientSecretKeeper::isSaved(const QString& clientId) const
{
    return m_index.contains(m_tenantKey, clientId);
}

QSet<QString> ClientSecretKeeper::savedClientIds() const
{
    return m_index.clientIds(m_tenantKey);
}

ClientSecretKeeper::Callback ClientSecretKeeper::indexing(const QString& clientId, const char* what,
                                                          std::optional<bool> savedOnOk,
                                                          std::optional<bool> savedOnNotFound, QObject* context,
                                                          Callback callback)
{
    // The store, not the keeper, is the context of the keychain call: the
    // index must follow the keychain even when the keeper goes first (the
    // console switched tenants while a write ran).
    return [keeper = QPointer<ClientSecretKeeper>(this), index = m_index, tenantKey = m_tenantKey, clientId, what,
            savedOnOk, savedOnNotFound, done = guarded(context, std::move(callback))](const KeychainResult& result) {
        qCInfo(lcCredentials).noquote() << "keychain:" << what << "the secret of" << clientId << "->"
                                        << keychainStatusId(result.status);
        std::optional<bool> saved;
        if (result.ok()) {
            saved = savedOnOk;
        } else if (result.status == KeychainStatus::NotFound) {
            saved = savedOnNotFound;
        }
        if (saved && index.contains(tenantKey, clientId) != *saved) {
            SavedClientSecrets writable = index;
            if (*saved) {
                writable.add(tenantKey, clientId);
            } else {
                writable.remove(tenantKey, clientId);
            }
            if (keeper) {
                emit keeper->savedChanged(clientId, *saved);
            }
        }
        done(result);
    };
}

void ClientSecretKeeper::save(const QString& clientId, const Secret& secret, QObject* context, Callback callback)
{
    QString text = secret.toString();
    m_store->write(keychainKey(clientId), text, m_store,
                   indexing(clientId, "save", true, std::nullopt, context, std::move(callback)));
    wipeString(text);
}

void ClientSecretKeeper::read(const QString& clientId, QObject* context, Callback callback)
{
    m_store->read(keychainKey(clientId), m_store,
                  indexing(clientId, "read", std::nullopt, false, context, std::move(callback)));
}

void ClientSecretKeeper::remove(const QString& clientId, QObject* context, Callback callback)
{
    m_store->remove(keychainKey(clientId), m_store,
                    indexing(clientId, "remove", false, std::nullopt, context, std::move(callback)));
}

} // namespace appint
