#include "server/oauth/RateLimiter.h"

#include <algorithm>

namespace appint {

namespace {
// Tracked addresses before a sweep drops every entry that left the window.
constexpr qsizetype SweepThreshold = 10'000;
} // namespace

RateLimiter::RateLimiter(Limits limits)
    : m_limits(limits)
{
}

QString RateLimiter::keyOf(const QHostAddress& address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4) {
        return QHostAddress(v4).toString();
    }
    if (address.protocol() != QAbstractSocket::IPv6Protocol) {
        return address.toString();
    }
    Q_IPV6ADDR bytes = address.toIPv6Address();
    for (int i = 8; i < 16; ++i) {
        bytes[i] = 0;
    }
    return QHostAddress(bytes).toString() + QStringLiteral("/64");
}

void RateLimiter::evictOldest()
{
    while (m_failures.size() > m_limits.maxTrackedAddresses && !m_order.empty()) {
        const auto [key, touched] = m_order.front();
        m_order.pop_front();
        const auto it = m_failures.find(key);
        if (it != m_failures.end() && it->touched == touched) {
            m_failures.erase(it);
        }
    }
    // Drop stale entries once they outnumber the live ones.
    if (qsizetype(m_order.size()) > 2 * std::max<qsizetype>(m_failures.size(), 1024)) {
        std::deque<std::pair<QString, quint64>> live;
        for (const auto& entry : m_order) {
            const auto it = m_failures.constFind(entry.first);
            if (it != m_failures.cend() && it->touched == entry.second) {
                live.push_back(entry);
            }
        }
        m_order.swap(live);
    }
}

void RateLimiter::prune(Failures& failures, qint64 now) const
{
    const qint64 oldest = now - m_limits.windowSeconds; // failures at or before this have left
    while (!failures.all.empty() && failures.all.front() <= oldest) {
        failures.all.pop_front();
    }
    for (auto it = failures.perClient.begin(); it != failures.perClient.end();) {
        while (!it->empty() && it->front() <= oldest) {
            it->pop_front();
        }
        it = it->empty() ? failures.perClient.erase(it) : std::next(it);
    }
}

void RateLimiter::pruneAll(qint64 now)
{
    for (auto it = m_failures.begin(); it != m_failures.end();) {
        prune(*it, now);
        it = it->all.empty() ? m_failures.erase(it) : std::next(it);
    }
    m_lastSweep = now;
}

qint64 RateLimiter::retryAfter(const QHostAddress& address, qint64 now)
{
    QMutexLocker lock(&m_mutex);
    if (m_failures.isEmpty()) {
        return 0;
    }
    const auto it = m_failures.find(keyOf(address));
    if (it == m_failures.end()) {
        return 0;
    }
    prune(*it, now);
    qint64 until = 0;
    // Blocked while the window holds the limit; free once the oldest of those
    // failures leaves it.
    if (qsizetype(it->all.size()) >= m_limits.perAddress) {
        until = std::max(until, it->all.front() + m_limits.windowSeconds);
    }
    for (const std::deque<qint64>& times : std::as_const(it->perClient)) {
        if (qsizetype(times.size()) >= m_limits.perClient) {
            until = std::max(until, times.front() + m_limits.windowSeconds);
        }
    }
    if (it->all.empty()) {
        m_failures.erase(it);
    }
    return until > now ? until - now : 0;
}

void RateLimiter::recordFailure(const QHostAddress& address, const QString& clientId, qint64 now)
{
    QMutexLocker lock(&m_mutex);
    if (m_failures.size() >= SweepThreshold && now != m_lastSweep) {
        pruneAll(now);
    }
    const QString key = keyOf(address);
    Failures& failures = m_failures[key];
    prune(failures, now);
    failures.touched = ++m_sequence;
    m_order.emplace_back(key, failures.touched);
    failures.all.push_back(now);
    while (qsizetype(failures.all.size()) > m_limits.perAddress) {
        failures.all.pop_front();
    }
    std::deque<qint64>& times = failures.perClient[clientId.left(256)];
    times.push_back(now);
    while (qsizetype(times.size()) > m_limits.perClient) {
        times.pop_front();
    }
    evictOldest();
}

qsizetype RateLimiter::trackedAddresses() const
{
    QMutexLocker lock(&m_mutex);
    return m_failures.size();
}

} // namespace appint
