#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
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

    // The key an accepted socket's peer is counted under: addressKey() of
    // its address; empty if it has none.
    static QByteArray peerKey(qintptr descriptor);
    // An IPv4 address (also IPv4-mapped IPv6) as its 4 bytes; an IPv6
    // address as its /64 prefix.
    static QByteArray addressKey(const QHostAddress& address);

private:
    mutable QMutex m_mutex;
    QHash<QByteArray, int> m_perAddress;
    int m_open = 0;
    const int m_maximum;
    const int m_maximumPerAddress;
};

} // namespace appint
