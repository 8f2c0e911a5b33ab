#pragma once

#include <QTcpServer>

#include <functional>

namespace appint {

// The QTcpServer an HttpFrontend is bound to on a worker thread. It does not
// accept by itself (its copy of the listening socket stays paused); the
// acceptor thread hands it connections with adopt(), so connections are
// spread evenly over the threads on every platform.
class ConnectionServer final : public QTcpServer
{
    Q_OBJECT

public:
    // `prepare` sees every new socket before Qt HttpServer does.
    explicit ConnectionServer(std::function<void(QTcpSocket*)> prepare, QObject* parent = nullptr);

    // Puts the server into the listening state on `listener` (a duplicate of
    // the acceptor's socket, which this server then owns) and pauses it, so
    // that QAbstractHttpServer::bind() accepts it.
    bool attach(qintptr listener);
    // Takes over an accepted connection and queues it for the HTTP server.
    bool adopt(qintptr descriptor);

    // QTcpServer's version turns accepting back on after each connection;
    // this one keeps it paused, so only the acceptor accepts.
    QTcpSocket* nextPendingConnection() override;

protected:
    // Only if accepting were ever resumed: the connection is tracked all the
    // same.
    void incomingConnection(qintptr descriptor) override;

private:
    std::function<void(QTcpSocket*)> m_prepare;
};

} // namespace appint
