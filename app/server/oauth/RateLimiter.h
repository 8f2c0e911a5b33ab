#pragma once

#include <QHash>
#include <QHostAddress>
#include <QMutex>
#include <QString>

#include <deque>

namespace appint {

// Failed client authentications, per address and per client_id from that
// address, over a sliding window (api.md: 10 per client_id and address, or 30
// per address, within 5 minutes). Once either limit is reached every attempt
// from that address is refused, correct or not, until enough failures have
// left the window; other addresses are unaffected. Refused attempts do not
// count. Thread-safe; time comes from the caller (the server's Clock).
//
// An IPv6 client is counted per /64 (one host usually owns a whole /64), an
// IPv4 client (also IPv4-mapped IPv6) per address. At most
// `maxTrackedAddresses` addresses are remembered: beyond that, the one with
// the oldest failure is forgotten first, so that a flood from many
// addresses cannot grow memory without bound.
class RateLimiter
{
public:
    struct Limits
    {
        int perClient = 10;
        int perAddress = 30;
        qint64 windowSeconds = 300;
        qsizetype maxTrackedAddresses = 100'000;
    };

    RateLimiter() = default;
    explicit RateLimiter(Limits limits);

    // 0 if the address may try now, else the seconds until it may (at least
    // 1): the Retry-After value.
    qint64 retryAfter(const QHostAddress& address, qint64 now);
    void recordFailure(const QHostAddress& address, const QString& clientId, qint64 now);

    // How many addresses are being tracked (bounded; for tests).
    qsizetype trackedAddresses() const;
    // The key an address is counted under: "192.0.2.7", "2001:db8:1:2::/64".
    static QString keyOf(const QHostAddress& address);

private:
    struct Failures
    {
        std::deque<qint64> all; // the last perAddress failures
        QHash<QString, std::deque<qint64>> perClient; // the last perClient failures of each id
        quint64 touched = 0; // the sequence number of its latest failure
    };

    void prune(Failures& failures, qint64 now) const;
    void pruneAll(qint64 now);
    void evictOldest();

    const Limits m_limits{};
    mutable QMutex m_mutex;
    QHash<QString, Failures> m_failures;
    qint64 m_lastSweep = 0;
    // Keys in the order of their failures, with the sequence number then;
    // an entry whose number is not its key's latest is stale and skipped.
    std::deque<std::pair<QString, quint64>> m_order;
    quint64 m_sequence = 0;
};

} // namespace appint
