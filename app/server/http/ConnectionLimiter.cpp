#include "server/http/ConnectionLimiter.h"

#include <QMutexLocker>

#include <sys/socket.h>

namespace appint {

ConnectionLimiter::ConnectionLimiter(int maximum, int perAddress)
    : m_maximum(maximum)
    , m_maximumPerAddress(perAddress)
{
}

bool ConnectionLimiter::tryAcquire(const QByteArray& address)
{
    QMutexLocker lock(&m_mutex);
    if (m_open >= m_maximum) {
        return false;
    }
    int& count = m_perAddress[address];
    if (count >= m_maximumPerAddress) {
        if (count == 0) {
            m_perAddress.remove(address);
        }
        return false;
    }
    ++count;
    ++m_open;
    return true;
}

void ConnectionLimiter::release(const QByteArray& address)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_perAddress.find(address);
    if (it != m_perAddress.end() && --it.value() <= 0) {
        m_perAddress.erase(it);
    }
    --m_open;
}

int ConnectionLimiter::open() const
{
    QMutexLocker lock(&m_mutex);
    return m_open;
}

int ConnectionLimiter::open(const QByteArray& address) const
{
    QMutexLocker lock(&m_mutex);
    return m_perAddress.value(address);
}

QByteArray ConnectionLimiter::peerKey(qintptr descriptor)
{
    sockaddr_storage storage{};
    socklen_t length = sizeof(storage);
    if (::getpeername(int(descriptor), reinterpret_cast<sockaddr*>(&storage), &length) != 0) {
        return {};
    }
    return addressKey(QHostAddress(reinterpret_cast<const sockaddr*>(&storage)));
}

QByteArray ConnectionLimiter::addressKey(const QHostAddress& address)
{
    bool mapped = false;
    const quint32 ipv4 = address.toIPv4Address(&mapped);
    if (mapped) {
        return QByteArray(reinterpret_cast<const char*>(&ipv4), sizeof(ipv4));
    }
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        // One host usually owns a whole /64 (as in the rate limiter).
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        return QByteArray(reinterpret_cast<const char*>(bytes.c), 8);
    }
    return {};
}

} // namespace appint
