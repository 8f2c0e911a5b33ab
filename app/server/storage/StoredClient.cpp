#include "server/storage/StoredClient.h"

#include <QJsonDocument>

namespace appint {

QByteArray ClientJsonCache::bytes(const Client& client, qint64 now) const
{
    auto& slot = m_slots[client.expiryStateAt(now) == ExpiryState::Expired ? 1 : 0];
    if (const std::shared_ptr<const QByteArray> cached = slot.load(std::memory_order_acquire)) {
        return *cached;
    }
    auto written = std::make_shared<const QByteArray>(QJsonDocument(client.toJson(now)).toJson(QJsonDocument::Compact));
    slot.store(written, std::memory_order_release);
    return *written;
}

} // namespace appint
