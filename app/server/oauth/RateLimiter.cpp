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
    return isV4 ? QHostAddress(v4).toString() : address.toString();
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
    Failures& failures = m_failures[keyOf(address)];
    prune(failures, now);
    failures.all.push_back(now);
    while (qsizetype(failures.all.size()) > m_limits.perAddress) {
        failures.all.pop_front();
    }
    std::deque<qint64>& times = failures.perClient[clientId.left(256)];
    times.push_back(now);
    while (qsizetype(times.size()) > m_limits.perClient) {
        times.pop_front();
    }
}

qsizetype RateLimiter::trackedAddresses() const
{
    QMutexLocker lock(&m_mutex);
    return m_failures.size();
}

} // namespace appint
