#include "FaultServer.h"

#include <QJsonDocument>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <memory>

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

void FaultServer::routeWorkingTenant()
{
    const QByteArray base = url(QString()).toEncoded();
    const QByteArray token = url(QStringLiteral("/oauth/token")).toEncoded();
    setRoute("/.well-known/oauth-authorization-server",
             json(200, R"({"issuer":")" + base + R"(","token_endpoint":")" + token + R"("})"));
    setRoute("/oauth/token",
             json(200, R"({"access_token":"fake-admin-token","token_type":"Bearer","expires_in":3600})"));
    setRoute("/api/v1/tenant",
             json(200,
                  R"({"tenant_name":"Fake","issuer":")" + base + R"(","authorization_url":")" + base
                      + R"(/oauth/authorize","token_url":")" + token + R"(","saml_token_url":"","saml_audience":""})"));
}

QJsonObject FaultServer::clientJson(const QString& id, const QString& name)
{
    return QJsonObject{
        {QStringLiteral("client_id"), id},
        {QStringLiteral("client_name"), name},
        {QStringLiteral("purpose"), QStringLiteral("technical")},
        {QStringLiteral("status"), QStringLiteral("active")},
        {QStringLiteral("grant_types"), QJsonArray{QStringLiteral("client_credentials")}},
        {QStringLiteral("access"), QJsonArray{}},
        {QStringLiteral("redirect_uris"), QJsonArray{}},
        {QStringLiteral("user_id"), QString(QStringLiteral("USER_") + QString(id).toUpper().replace(u'-', u'_'))},
        {QStringLiteral("roles"), QJsonArray{}},
        {QStringLiteral("access_token_lifetime"), 3600},
        {QStringLiteral("refresh_token_lifetime"), 0},
        {QStringLiteral("client_secret_expires_at"), 4'000'000'000LL},
        {QStringLiteral("client_id_issued_at"), 1'700'000'000LL},
        {QStringLiteral("secret_retrievable"), false},
    };
}

QByteArray FaultServer::clientPage(const QJsonArray& items, qint64 total)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("items"), items},
                                     {QStringLiteral("total"), total < 0 ? items.size() : total}})
        .toJson(QJsonDocument::Compact);
}

void FaultServer::setRouteSequence(const QByteArray& path, QList<Response> responses)
{
    if (responses.isEmpty()) {
        m_handlers.remove(path);
        return;
    }
    auto answered = std::make_shared<qsizetype>(0);
    setHandler(path, [responses = std::move(responses), answered](const QUrl&) {
        return responses.at(std::min((*answered)++, responses.size() - 1));
    });
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
            const QByteArray requestLine = m_requests.constLast().left(m_requests.constLast().indexOf("\r\n"));
            const QByteArray target = requestLine.split(' ').value(1);
            const QByteArray path = target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?'));
            ++m_pathCounts[path];
            if (const auto handler = m_handlers.constFind(path); handler != m_handlers.cend()) {
                answer(socket, (*handler)(QUrl::fromEncoded(target)));
                return;
            }
            if (m_routes.contains(path)) {
                answer(socket, m_routes.value(path));
                return;
            }
            const Response response = m_responses.isEmpty()
                ? Response{}
                : m_responses.at(std::min<qsizetype>(m_requestCount - 1, m_responses.size() - 1));
            answer(socket, response);
        });
    }
}

void FaultServer::answer(QTcpSocket* socket, const Response& response)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + " Status\r\n";
    out += "Content-Type: " + response.contentType + "\r\n";
    if (!response.withoutContentLength) {
        const qint64 length = response.announcedLength >= 0 ? response.announcedLength : response.body.size();
        out += "Content-Length: " + QByteArray::number(length) + "\r\n";
    }
    out += "Connection: close\r\n";
    for (const auto& [name, value] : response.headers) {
        out += name + ": " + value + "\r\n";
    }
    out += "\r\n";
    if (response.stallAfterHeaders) {
        socket->write(out);
        return; // the body never comes
    }
    if (response.dripIntervalMs <= 0) {
        socket->write(out + response.body);
        socket->disconnectFromHost();
        return;
    }
    socket->write(out);
    auto* timer = new QTimer(socket);
    auto sent = std::make_shared<qsizetype>(0);
    connect(timer, &QTimer::timeout, socket, [socket, timer, sent, body = response.body] {
        if (*sent >= body.size()) {
            timer->stop();
            socket->disconnectFromHost();
            return;
        }
        socket->write(body.mid((*sent)++, 1));
    });
    timer->start(response.dripIntervalMs);
}

} // namespace appint::test
