#include "server/http/Acceptor.h"

namespace appint {

Acceptor::Acceptor(Dispatch dispatch, QObject* parent)
    : QTcpServer(parent)
    , m_dispatch(std::move(dispatch))
{
}

void Acceptor::incomingConnection(qintptr descriptor)
{
    m_dispatch(descriptor);
}

} // namespace appint
