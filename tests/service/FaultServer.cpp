#include "FaultServer.h"

#include <QTcpSocket>

namespace appint::test {

FaultServer::FaultServer(QObject* parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FaultServer::onConnection);
}

bool FaultServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FaultServer::url(const QString& path) const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_server.serverPort());
    url.setPath(path);
    return url;
}

FaultServer::Response FaultServer::json(int status, const QByteArray& body,
                                        QList<QPair<QByteArray, QByteArray>> headers)
{
    Response response;
    response.status = status;
    response.body = body;
    response.headers = std::move(headers);
    return response;
}

void FaultServer::onConnection()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        ++m_connectionCount;
        socket->setParent(this);
        if (m_stalling) {
            continue; // accept, read nothing, answer nothing
        }
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
            *buffer += socket->readAll();
            if (!m_raw.isEmpty()) {
                ++m_requestCount;
                socket->write(m_raw);
                socket->disconnectFromHost();
                return;
            }
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0) {
                return;
            }
            qsizetype length = 0;
            for (const QByteArray& line : buffer->left(end).split('\n')) {
                if (line.toLower().startsWith("content-length:")) {
                    length = line.mid(15).trimmed().toLongLong();
                }
            }
            if (buffer->size() < end + 4 + length) {
                return;
            }
            ++m_requestCount;
            m_requests.append(*buffer);
            buffer->clear();
            if (m_stallAfter >= 0 && m_requestCount > m_stallAfter) {
                return; // read the request, answer nothing
            }
            const Response response = m_responses.isEmpty()
                ? Response{}
                : m_responses.at(std::min<qsizetype>(m_requestCount - 1, m_responses.size() - 1));
            QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + " Status\r\n";
            out += "Content-Type: " + response.contentType + "\r\n";
            out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
            out += "Connection: close\r\n";
            for (const auto& [name, value] : response.headers) {
                out += name + ": " + value + "\r\n";
            }
            out += "\r\n" + response.body;
            socket->write(out);
            socket->disconnectFromHost();
        });
    }
}

} // namespace appint::test
