#include "server/ConnectionServer.h"

#include <QTcpSocket>

#include <unistd.h>

namespace appint {

ConnectionServer::ConnectionServer(QObject* parent)
    : QTcpServer(parent)
{
}

bool ConnectionServer::attach(qintptr listener)
{
    const int copy = ::dup(int(listener));
    if (copy < 0) {
        return false;
    }
    if (!setSocketDescriptor(copy)) {
        ::close(copy);
        return false;
    }
    pauseAccepting();
    return true;
}

bool ConnectionServer::adopt(qintptr descriptor, const std::function<void(QTcpSocket*)>& prepare)
{
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        ::close(int(descriptor));
        return false;
    }
    prepare(socket);
    addPendingConnection(socket);
    return true;
}

} // namespace appint
