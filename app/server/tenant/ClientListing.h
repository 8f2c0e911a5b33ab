#pragma once

#include "core/ClientQuery.h"
#include "server/storage/StoredClient.h"

#include <QHash>
#include <QMutex>
#include <QStringList>

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace appint {

// The listing side of a tenant's clients (GET /api/v1/clients).
//
// Pages: the filtered and sorted order of each recent query is cached, so a
// page costs in proportion to its size, not to its offset or the tenant's
// size. A cached order lasts until the next write, and, because `status`
// depends on the clock, only while the clock stays between the same two
// expiry boundaries (a client's "expiring" and "expired" moments).
//
// Changes: a revision counter raised by every client write, the revision at
// which each client last changed and tombstones of deleted clients, behind
// the `revision` of a list answer and `changed_since=`. A revision is
// "<epoch>-<counter>"; the epoch is new each time the tenant is loaded, so a
// revision from an earlier run (or a clock set back) is refused, never
// misread.
//
// The tenant calls the writers under its exclusive lock and the readers under
// its shared lock; the cache has its own mutex because readers fill it.
class ClientListing
{
public:
    using Record = std::shared_ptr<const StoredClient>;
    using Records = QHash<QString, Record>;

    static constexpr qsizetype MaximumTombstones = 100000;
    static constexpr qsizetype MaximumCachedOrders = 8;

    ClientListing();

    // --- Writers
    void reset(); // after loading: a new epoch, no changes recorded
    // One client created (previous null) or updated: the cached orders are
    // updated in place (a binary search and a move of the tail each), so the
    // next page needs no new sort.
    void updated(const Record& previous, const Record& current);
    void removed(const Record& previous);
    // Created or updated in bulk (seeding): the cached orders are dropped.
    void changed(const QString& clientId);

    // --- Readers
    QString revision() const;

    struct Page
    {
        QList<Record> items;
        qint64 total = 0;
        QString revision;
        QByteArray etag; // strong, quoted: changes whenever the answer's body would
        qint64 now = 0; // the moment the items' status is computed for
    };
    Page page(const Records& clients, const ClientQuery& query, qint64 now) const;

    struct Changes
    {
        QList<Record> items; // changed clients, current state
        QStringList deleted; // client_ids
        qint64 total = 0; // changes after `since`, including those left for later
        QString revision; // load changes after this one next
        bool more = false;
    };
    // Changes after `since` in revision order, at most `limit` of them; none
    // when `since` is not a revision of this run, lies ahead, or is older than
    // the oldest tombstone kept.
    std::optional<Changes> changesSince(const Records& clients, const QString& since, qint64 limit) const;

private:
    struct Logged
    {
        QString clientId;
        bool deleted = false;
    };
    using Order = std::vector<Record>;
    struct CachedOrder
    {
        std::shared_ptr<const Order> order;
        ClientQuery query;
        qint64 counter = 0;
        qint64 windowStart = 0;
        bool clockDependent = false;
        quint64 lastUse = 0;
    };

    void log(const QString& clientId, bool deleted);
    void updateOrders(const Record& previous, const Record& current);
    qint64 windowStart(const Records& clients, qint64 now) const; // caller holds m_cacheMutex
    static QString cacheKey(const ClientQuery& query);

    QString m_epoch;
    qint64 m_counter = 0;
    qint64 m_floor = 0; // changes since revisions before this are lost
    std::map<qint64, Logged> m_log; // revision -> last change of one client
    QHash<QString, qint64> m_lastChange; // client_id -> its entry in m_log
    qsizetype m_tombstones = 0;

    mutable QMutex m_cacheMutex;
    mutable QHash<QString, CachedOrder> m_orders;
    mutable quint64 m_uses = 0;
    mutable std::shared_ptr<const std::vector<qint64>> m_boundaries; // sorted expiry boundaries
    mutable qint64 m_boundariesCounter = -1;
};

} // namespace appint
