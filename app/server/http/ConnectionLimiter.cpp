#include "server/http/ConnectionLimiter.h"

#include <QMutexLocker>

#include <arpa/inet.h>
#include <netinet/in.h>
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
    if (storage.ss_family == AF_INET) {
        const auto* in = reinterpret_cast<const sockaddr_in*>(&storage);
        return QByteArray(reinterpret_cast<const char*>(&in->sin_addr), sizeof(in->sin_addr));
    }
    if (storage.ss_family == AF_INET6) {
        const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&storage);
        const auto* bytes = reinterpret_cast<const char*>(&in6->sin6_addr);
        if (IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr)) {
            return QByteArray(bytes + 12, 4);
        }
        return QByteArray(bytes, sizeof(in6->sin6_addr));
    }
    return {};
}

} // namespace appint
