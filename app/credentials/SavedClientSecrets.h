#pragma once

#include <QSet>
#include <QSettings>
#include <QString>

namespace appint {

// Which clients of a tenant have their secret saved in the system keychain
// ("Save the secret in the system keychain" in the secret view). A keychain
// cannot list its entries, so the console keeps this index in the settings:
// client IDs only, never a secret, under the group "savedClientSecrets", one
// key per tenant. The keychain stays the authority: an entry the index names
// but the keychain no longer has is dropped when a read finds it missing.
//
// `tenantKey` is the tenant part of the keychain key (KeychainKeys): the
// normalised tenant URL, or the sandbox's own stable name.
class SavedClientSecrets
{
public:
    static inline const QString Group = QStringLiteral("savedClientSecrets");

    // `settings` is not owned and must outlive this object.
    explicit SavedClientSecrets(QSettings* settings);

    QSet<QString> clientIds(const QString& tenantKey) const;
    bool contains(const QString& tenantKey, const QString& clientId) const;
    void add(const QString& tenantKey, const QString& clientId);
    void remove(const QString& tenantKey, const QString& clientId);
    void removeTenant(const QString& tenantKey);

private:
    QString settingsKey(const QString& tenantKey) const;
    void write(const QString& tenantKey, const QSet<QString>& ids);

    QSettings* m_settings;
};

} // namespace appint
