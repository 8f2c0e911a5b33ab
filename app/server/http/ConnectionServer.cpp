#include "server/http/ConnectionServer.h"

#include <QTcpSocket>

#include <unistd.h>

namespace appint {

ConnectionServer::ConnectionServer(std::function<void(QTcpSocket*)> prepare, QObject* parent)
    : QTcpServer(parent)
    , m_prepare(std::move(prepare))
{
}

bool ConnectionServer::attach(qintptr listener)
{
    if (listener < 0 || !setSocketDescriptor(listener)) {
        return false;
    }
    pauseAccepting();
    return true;
}

bool ConnectionServer::adopt(qintptr descriptor)
{
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        ::close(int(descriptor));
        return false;
    }
    m_prepare(socket);
    addPendingConnection(socket);
    return true;
}

QTcpSocket* ConnectionServer::nextPendingConnection()
{
    QTcpSocket* socket = QTcpServer::nextPendingConnection();
    if (isListening()) {
        pauseAccepting();
    }
    return socket;
}

void ConnectionServer::incomingConnection(qintptr descriptor)
{
    adopt(descriptor);
}

} // namespace appint
