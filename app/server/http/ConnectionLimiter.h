#pragma once

#include <QByteArray>
#include <QHash>
#include <QMutex>

namespace appint {

// Counts the open connections of the process and of each client address
// (api.md: at most 1,024 and 256 by default). Thread-safe: the acceptor
// acquires, the HTTP threads release.
class ConnectionLimiter
{
public:
    ConnectionLimiter(int maximum, int perAddress);

    // Takes a slot for a connection from `address` (the raw address bytes),
    // or returns false when the process or that address is at its limit.
    bool tryAcquire(const QByteArray& address);
    void release(const QByteArray& address);

    int open() const;
    int open(const QByteArray& address) const;

    // The address bytes of an accepted socket's peer (IPv4-mapped IPv6
    // addresses count as their IPv4 address); empty if it has none.
    static QByteArray peerKey(qintptr descriptor);

private:
    mutable QMutex m_mutex;
    QHash<QByteArray, int> m_perAddress;
    int m_open = 0;
    const int m_maximum;
    const int m_maximumPerAddress;
};

} // namespace appint
