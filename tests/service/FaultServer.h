#pragma once

#include <QByteArray>
#include <QList>
#include <QTcpServer>
#include <QUrl>

namespace appint::test {

// A tiny HTTP/1.1 server on loopback for fault injection: it answers each
// request with the next scripted response (the last one repeats), or, in
// stalling mode, accepts connections and never answers. Counts the requests it
// received. Only for faults: the happy path runs against real servers.
class FaultServer : public QObject
{
    Q_OBJECT

public:
    struct Response
    {
        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray contentType = "application/json";
    };

    explicit FaultServer(QObject* parent = nullptr);

    bool listen();
    QUrl url(const QString& path = QStringLiteral("/token")) const;

    void setStalling(bool stalling) { m_stalling = stalling; }
    // Answers the first `count` requests as scripted, then stalls.
    void setStallAfter(int count) { m_stallAfter = count; }
    void setResponses(QList<Response> responses) { m_responses = std::move(responses); }
    // Answers raw bytes, HTTP or not (e.g. plain text to a TLS client).
    void setRawReply(QByteArray raw) { m_raw = std::move(raw); }

    int requestCount() const { return m_requestCount; }
    int connectionCount() const { return m_connectionCount; }
    QList<QByteArray> requests() const { return m_requests; }

    static Response json(int status, const QByteArray& body, QList<QPair<QByteArray, QByteArray>> headers = {});

private:
    void onConnection();

    QTcpServer m_server;
    bool m_stalling = false;
    int m_stallAfter = -1;
    QList<Response> m_responses;
    QByteArray m_raw;
    int m_requestCount = 0;
    int m_connectionCount = 0;
    QList<QByteArray> m_requests;
};

} // namespace appint::test
