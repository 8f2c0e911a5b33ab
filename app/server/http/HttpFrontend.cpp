#include "server/http/HttpFrontend.h"

#include "server/http/HttpRequest.h"
#include "server/http/HttpResponse.h"
#include "server/http/Router.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTcpSocket>

#include <exception>

using namespace Qt::StringLiterals;

namespace appint {

Q_LOGGING_CATEGORY(lcHttp, "appint.server.http", QtInfoMsg)

HttpFrontend::HttpFrontend(const Router& router, Answered answered, QObject* parent)
    : QAbstractHttpServer(parent)
    , m_router(router)
    , m_answered(std::move(answered))
{
}

void HttpFrontend::writeResponse(QTcpSocket* socket, const HttpResponse& response, bool close)
{
    QByteArray head;
    head.reserve(256 + response.body.size());
    head += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + HttpResponse::reasonPhrase(response.status)
        + "\r\n";
    for (const auto& [name, value] : response.headers) {
        head += name + ": " + value + "\r\n";
    }
    if (!response.contentType.isEmpty()) {
        head += "Content-Type: " + response.contentType + "\r\n";
    }
    if (response.status != 204 && response.status != 304) { // neither has a body (RFC 9110 8.6)
        head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    }
    if (close) {
        head += "Connection: close\r\n";
    }
    head += "\r\n";
    head += response.body;
    socket->write(head);
    // Out at once: a client that half-closes its side after the request makes
    // Qt drop the connection with anything still buffered.
    socket->flush();
    if (close) {
        socket->disconnectFromHost();
    }
}

bool HttpFrontend::handleRequest(const QHttpServerRequest& qtRequest, QTcpSocket* socket)
{
    QElapsedTimer timer;
    timer.start();
    const HttpRequest request = HttpRequest::fromQt(qtRequest);
    HttpResponse response;
    try {
        response = m_router.handle(request);
    } catch (const std::exception& e) {
        qCCritical(lcHttp) << "unhandled exception while answering" << request.path << ':' << e.what();
        response = HttpResponse::problem(500, tr("The server failed to answer this request."));
    } catch (...) {
        qCCritical(lcHttp) << "unhandled exception while answering" << request.path;
        response = HttpResponse::problem(500, tr("The server failed to answer this request."));
    }
    const bool close = m_closing || request.header("Connection").toLower().contains("close");
    writeResponse(socket, response, close);
    // Never the query, body or Authorization header: they may carry secrets.
    qCDebug(lcHttp).noquote() << HttpRequest::methodName(request.method) << request.path.left(200) << response.status
                              << timer.nsecsElapsed() / 1000 << "us";
    if (response.status >= 500) {
        qCWarning(lcHttp).noquote() << HttpRequest::methodName(request.method) << request.path.left(200) << "answered"
                                    << response.status;
    }
    if (m_answered) {
        m_answered(socket);
    }
    return true;
}

void HttpFrontend::missingHandler(const QHttpServerRequest& qtRequest, QTcpSocket* socket)
{
    // handleRequest answers everything; this only runs if Qt asks anyway.
    writeResponse(socket,
                  HttpResponse::problem(404, tr("There is nothing at %1.").arg(qtRequest.url().path().left(200))),
                  m_closing);
    if (m_answered) {
        m_answered(socket);
    }
}

} // namespace appint
