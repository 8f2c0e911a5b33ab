#pragma once

#include <QTcpServer>

#include <functional>

namespace appint {

// The listening socket. Hands each accepted connection's descriptor to a
// callback (which passes it to an HTTP thread) instead of wrapping it here.
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
};

} // namespace appint
