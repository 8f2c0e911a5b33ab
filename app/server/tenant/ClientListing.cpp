#include "server/tenant/ClientListing.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

// Whether the order or the membership of a query's answer moves with the clock.
bool isClockDependent(const ClientQuery& query)
{
    return query.status != ClientQuery::Status::Any || query.sortField == u"status"_s;
}

} // namespace

ClientListing::ClientListing()
{
    reset();
}

void ClientListing::reset()
{
    m_epoch = QString::number(QRandomGenerator::global()->generate64() & 0xffffffffffffULL, 36);
    m_counter = 0;
    m_floor = 0;
    m_log.clear();
    m_lastChange.clear();
    m_tombstones = 0;
    QMutexLocker lock(&m_cacheMutex);
    m_orders.clear();
    m_boundaries.reset();
    m_boundariesCounter = -1;
}

void ClientListing::changed(const QString& clientId)
{
    log(clientId, false);
    QMutexLocker lock(&m_cacheMutex);
    m_orders.clear();
}

void ClientListing::updated(const Record& previous, const Record& current)
{
    log(current->client.clientId, false);
    updateOrders(previous, current);
}

void ClientListing::removed(const Record& previous)
{
    const QString clientId = previous->client.clientId;
    log(clientId, true);
    updateOrders(previous, nullptr);
    ++m_tombstones;
    // Forget the oldest tombstones beyond the cap; a client that asks for
    // changes from before them has to load the list again.
    for (auto it = m_log.begin(); m_tombstones > MaximumTombstones && it != m_log.end();) {
        if (it->second.deleted) {
            m_floor = it->first;
            m_lastChange.remove(it->second.clientId);
            it = m_log.erase(it);
            --m_tombstones;
        } else {
            ++it;
        }
    }
}

void ClientListing::log(const QString& clientId, bool deleted)
{
    ++m_counter;
    const auto previous = m_lastChange.constFind(clientId);
    if (previous != m_lastChange.cend()) {
        const auto entry = m_log.find(*previous);
        if (entry != m_log.end()) {
            if (entry->second.deleted) {
                --m_tombstones;
            }
            m_log.erase(entry);
        }
    }
    m_log.emplace(m_counter, Logged{clientId, deleted});
    m_lastChange.insert(clientId, m_counter);
}

void ClientListing::updateOrders(const Record& previous, const Record& current)
{
    QMutexLocker lock(&m_cacheMutex);
    for (auto it = m_orders.begin(); it != m_orders.end();) {
        CachedOrder& cached = *it;
        // Orders that move with the clock are rebuilt; so is one a write missed.
        if (cached.clockDependent || cached.counter != m_counter - 1) {
            it = m_orders.erase(it);
            continue;
        }
        // Neither matches() nor lessThan() reads the clock for these queries.
        const ClientQuery& query = cached.query;
        const auto less
            = [&query](const Record& a, const Record& b) { return query.lessThan(a->client, b->client, 0); };
        // Copied, not changed: readers may hold the old order.
        auto order = std::make_shared<Order>(*cached.order);
        if (previous && query.matches(previous->client, 0)) {
            const auto at = std::lower_bound(order->begin(), order->end(), previous, less);
            if (at == order->end() || *at != previous) {
                it = m_orders.erase(it);
                continue;
            }
            order->erase(at);
        }
        if (current && query.matches(current->client, 0)) {
            order->insert(std::upper_bound(order->begin(), order->end(), current, less), current);
        }
        cached.order = std::move(order);
        cached.counter = m_counter;
        ++it;
    }
}

QString ClientListing::revision() const
{
    return m_epoch + u'-' + QString::number(m_counter);
}

QString ClientListing::cacheKey(const ClientQuery& query)
{
    return QString::number(query.purpose ? int(*query.purpose) : -1) + u'|' + QString::number(int(query.status)) + u'|'
        + (query.descending ? u"-"_s : QString()) + query.sortField + u'|' + query.text;
}

qint64 ClientListing::windowStart(const Records& clients, qint64 now) const
{
    if (m_boundariesCounter != m_counter || !m_boundaries) {
        auto boundaries = std::make_shared<std::vector<qint64>>();
        boundaries->reserve(size_t(clients.size()) * 2);
        for (const Record& stored : clients) {
            const qint64 expiresAt = stored->client.clientSecretExpiresAt;
            if (expiresAt != 0) {
                boundaries->push_back(expiresAt - ExpiringWindowSeconds);
                boundaries->push_back(expiresAt);
            }
        }
        std::sort(boundaries->begin(), boundaries->end());
        boundaries->erase(std::unique(boundaries->begin(), boundaries->end()), boundaries->end());
        m_boundaries = std::move(boundaries);
        m_boundariesCounter = m_counter;
    }
    // Every client's status is constant from one boundary up to the next.
    const auto after = std::upper_bound(m_boundaries->begin(), m_boundaries->end(), now);
    return after == m_boundaries->begin() ? std::numeric_limits<qint64>::min() : *std::prev(after);
}

ClientListing::Page ClientListing::page(const Records& clients, const ClientQuery& query, qint64 now) const
{
    const bool clockDependent = isClockDependent(query);
    const QString key = cacheKey(query);
    std::shared_ptr<const Order> order;
    qint64 window = 0;
    {
        QMutexLocker lock(&m_cacheMutex);
        window = windowStart(clients, now);
        const auto cached = m_orders.find(key);
        if (cached != m_orders.end() && cached->counter == m_counter
            && (!cached->clockDependent || cached->windowStart == window)) {
            cached->lastUse = ++m_uses;
            order = cached->order;
        }
    }
    if (!order) {
        auto built = std::make_shared<Order>();
        built->reserve(size_t(clients.size()));
        for (const Record& stored : clients) {
            if (query.matches(stored->client, now)) {
                built->push_back(stored);
            }
        }
        std::sort(built->begin(), built->end(),
                  [&](const Record& a, const Record& b) { return query.lessThan(a->client, b->client, now); });
        order = built;
        QMutexLocker lock(&m_cacheMutex);
        if (m_orders.size() >= MaximumCachedOrders && !m_orders.contains(key)) {
            const auto oldest
                = std::min_element(m_orders.begin(), m_orders.end(),
                                   [](const CachedOrder& a, const CachedOrder& b) { return a.lastUse < b.lastUse; });
            m_orders.erase(oldest);
        }
        m_orders.insert(key, CachedOrder{order, query, m_counter, window, clockDependent, ++m_uses});
    }

    Page page;
    page.total = qint64(order->size());
    page.revision = revision();
    page.now = now;
    if (query.offset < page.total && query.limit > 0) {
        const qint64 end = std::min<qint64>(page.total, query.offset + query.limit);
        page.items.reserve(qsizetype(end - query.offset));
        for (qint64 i = query.offset; i < end; ++i) {
            page.items.append((*order)[size_t(i)]);
        }
    }
    // The body depends on the clients (the revision), each item's status (the
    // clock's window between expiry boundaries) and the query.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(key.toUtf8());
    hash.addData(QByteArray(QByteArray::number(query.offset) + '|' + QByteArray::number(query.limit)));
    page.etag = '"' + page.revision.toLatin1() + '-' + QByteArray::number(window, 36) + '-'
        + hash.result().first(9).toBase64(QByteArray::Base64UrlEncoding) + '"';
    return page;
}

std::optional<ClientListing::Changes> ClientListing::changesSince(const Records& clients, const QString& since,
                                                                  qint64 limit) const
{
    const qsizetype dash = since.lastIndexOf(u'-');
    if (dash <= 0 || since.first(dash) != m_epoch) {
        return std::nullopt;
    }
    bool ok = false;
    const qint64 from = since.mid(dash + 1).toLongLong(&ok);
    if (!ok || from < m_floor || from > m_counter) {
        return std::nullopt;
    }
    Changes changes;
    changes.revision = revision();
    auto it = m_log.upper_bound(from);
    changes.total = qint64(std::distance(it, m_log.end()));
    for (qint64 taken = 0; it != m_log.end(); ++it, ++taken) {
        if (taken == limit) {
            changes.more = true;
            changes.revision = m_epoch + u'-' + QString::number(taken == 0 ? from : std::prev(it)->first);
            break;
        }
        const Record stored = it->second.deleted ? Record() : clients.value(it->second.clientId);
        if (stored) {
            changes.items.append(stored);
        } else {
            changes.deleted.append(it->second.clientId);
        }
    }
    return changes;
}

} // namespace appint
