#pragma once

#include <QAbstractHttpServer>

#include <functional>

namespace appint {

class Router;
struct HttpResponse;

// Qt HttpServer's request parser and connection handling on one thread,
// answering every request through the Router (own routing gives 405 with
// Allow, which QHttpServer 6.4 cannot). Never throws and never leaves a
// request unanswered.
class HttpFrontend final : public QAbstractHttpServer
{
    Q_OBJECT

public:
    // Called after each answer is written (the worker tracks busy sockets).
    using Answered = std::function<void(QTcpSocket* socket)>;

    HttpFrontend(const Router& router, Answered answered, QObject* parent = nullptr);

    // While closing, every answer carries "Connection: close".
    void setClosing(bool closing) { m_closing = closing; }

    // Writes a complete response on a socket.
    static void writeResponse(QTcpSocket* socket, const HttpResponse& response, bool close);

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    const Router& m_router;
    Answered m_answered;
    bool m_closing = false;
};

} // namespace appint
