#include "server/http/Acceptor.h"

namespace appint {

Acceptor::Acceptor(Dispatch dispatch, QObject* parent)
    : QTcpServer(parent)
    , m_dispatch(std::move(dispatch))
    , m_retry(new QTimer(this))
{
    m_retry->setSingleShot(true);
    m_retry->setInterval(100);
    connect(m_retry, &QTimer::timeout, this, [this] {
        if (isListening()) {
            resumeAccepting();
        }
    });
    connect(this, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError) {
        pauseAccepting();
        m_retry->start();
    });
}

void Acceptor::incomingConnection(qintptr descriptor)
{
    m_dispatch(descriptor);
}

} // namespace appint
