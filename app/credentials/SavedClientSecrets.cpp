#include "credentials/SavedClientSecrets.h"

#include "core/TenantUrl.h"

#include <QUrl>

#include <algorithm>

namespace appint {

SavedClientSecrets::SavedClientSecrets(QSettings* settings)
    : m_settings(settings)
{
    Q_ASSERT(m_settings);
}

QString SavedClientSecrets::settingsKey(const QString& tenantKey) const
{
    // QSettings keys treat '/' as a group separator: encode the URL.
    return Group + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(TenantUrl::normalized(tenantKey)));
}

QSet<QString> SavedClientSecrets::clientIds(const QString& tenantKey) const
{
    m_settings->sync();
    const QStringList ids = m_settings->value(settingsKey(tenantKey)).toStringList();
    return QSet<QString>(ids.cbegin(), ids.cend());
}

bool SavedClientSecrets::contains(const QString& tenantKey, const QString& clientId) const
{
    return clientIds(tenantKey).contains(clientId);
}

void SavedClientSecrets::add(const QString& tenantKey, const QString& clientId)
{
    QSet<QString> ids = clientIds(tenantKey);
    ids.insert(clientId);
    write(tenantKey, ids);
}

void SavedClientSecrets::remove(const QString& tenantKey, const QString& clientId)
{
    QSet<QString> ids = clientIds(tenantKey);
    if (ids.remove(clientId)) {
        write(tenantKey, ids);
    }
}

void SavedClientSecrets::removeTenant(const QString& tenantKey)
{
    m_settings->remove(settingsKey(tenantKey));
    m_settings->sync();
}

void SavedClientSecrets::write(const QString& tenantKey, const QSet<QString>& ids)
{
    if (ids.isEmpty()) {
        removeTenant(tenantKey);
        return;
    }
    QStringList sorted(ids.cbegin(), ids.cend());
    std::sort(sorted.begin(), sorted.end());
    m_settings->setValue(settingsKey(tenantKey), sorted);
    m_settings->sync();
}

} // namespace appint
