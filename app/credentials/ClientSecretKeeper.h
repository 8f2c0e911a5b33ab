#pragma once

#include "core/Secret.h"
#include "credentials/SavedClientSecrets.h"
#include "keychain/KeychainResult.h"

#include <QObject>
#include <QSet>

#include <functional>
#include <optional>

class QSettings;

namespace appint {

class SecretStore;

// "Secrets a person may keep": the client secrets of one tenant that the
// administrator chose to save in the system keychain when they were issued,
// under KeychainKeys::clientSecret(tenantKey, clientId), with the index of
// SavedClientSecrets beside them so that the table can mark those clients.
//
// Every call answers once, later, through `callback` unless `context` is gone
// by then; the index follows the keychain's answer whatever became of the
// context (a write that succeeded is indexed even when the dialog that asked
// has closed). A read that finds nothing drops the client from the index.
class ClientSecretKeeper : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const KeychainResult&)>;

    // `store` and `settings` are not owned and must outlive the keeper.
    ClientSecretKeeper(SecretStore* store, QSettings* settings, const QString& tenantKey, QObject* parent = nullptr);
    ~ClientSecretKeeper() override;

    QString tenantKey() const { return m_tenantKey; }
    QString keychainKey(const QString& clientId) const;

    bool isSaved(const QString& clientId) const;
    QSet<QString> savedClientIds() const;

    void save(const QString& clientId, const Secret& secret, QObject* context, Callback callback);
    void read(const QString& clientId, QObject* context, Callback callback);
    void remove(const QString& clientId, QObject* context, Callback callback);

signals:
    // The index changed for that client.
    void savedChanged(const QString& clientId, bool saved);

private:
    Callback indexing(const QString& clientId, const char* what, std::optional<bool> savedOnOk,
                      std::optional<bool> savedOnNotFound, QObject* context, Callback callback);

    SecretStore* m_store;
    SavedClientSecrets m_index;
    QString m_tenantKey;
};

} // namespace appint
