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
class RateLimiter
{
public:
    struct Limits
    {
        int perClient = 10;
        int perAddress = 30;
        qint64 windowSeconds = 300;
    };

    RateLimiter() = default;
    explicit RateLimiter(Limits limits);

    // 0 if the address may try now, else the seconds until it may (at least
    // 1): the Retry-After value.
    qint64 retryAfter(const QHostAddress& address, qint64 now);
    void recordFailure(const QHostAddress& address, const QString& clientId, qint64 now);

    // How many addresses are being tracked (bounded; for tests).
    qsizetype trackedAddresses() const;

private:
    struct Failures
    {
        std::deque<qint64> all; // the last perAddress failures
        QHash<QString, std::deque<qint64>> perClient; // the last perClient failures of each id
    };

    static QString keyOf(const QHostAddress& address);
    void prune(Failures& failures, qint64 now) const;
    void pruneAll(qint64 now);

    const Limits m_limits;
    mutable QMutex m_mutex;
    QHash<QString, Failures> m_failures;
    qint64 m_lastSweep = 0;
};

} // namespace appint
