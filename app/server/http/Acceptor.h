#pragma once

#include <QTcpServer>
#include <QTimer>

#include <functional>

namespace appint {

// The listening socket. Hands each accepted connection's descriptor to a
// callback (which passes it to an HTTP thread) instead of wrapping it here.
// When accept() fails for want of file descriptors, QTcpServer stops
// accepting for good; the acceptor tries again 100 ms later instead.
class Acceptor final : public QTcpServer
{
    Q_OBJECT

public:
    using Dispatch = std::function<void(qintptr descriptor)>;

    explicit Acceptor(Dispatch dispatch, QObject* parent = nullptr);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    Dispatch m_dispatch;
    QTimer* m_retry = nullptr;
};

} // namespace appint
