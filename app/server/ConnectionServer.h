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
    explicit ConnectionServer(QObject* parent = nullptr);

    // Puts the server into the listening state on a duplicate of `listener`
    // and pauses it, so QAbstractHttpServer::bind() accepts it.
    bool attach(qintptr listener);
    // Takes over an accepted connection: wraps it in a socket, lets
    // `prepare` connect to it first, then queues it for the HTTP server.
    bool adopt(qintptr descriptor, const std::function<void(QTcpSocket*)>& prepare);
};

} // namespace appint
