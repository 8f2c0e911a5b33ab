#pragma once

#include "server/http/HttpLimits.h"
#include "server/http/HttpRequest.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <memory>

namespace appint {

// One HTTP/1.1 request at a time, framed strictly by RFC 9112: Boost.Beast's
// request parser (a maintained parser, header-only from Debian's
// libboost-dev) plus the rules it leaves to its user. Refuses, with the
// status to answer:
// - request line and headers over the header limit: 431;
// - a Content-Length over the body limit: 413 before any body byte is
//   buffered; a chunked body growing past it: 413;
// - Content-Length together with Transfer-Encoding, differing or invalid
//   (negative) Content-Length values, any transfer coding other than a
//   single "chunked" (e.g. "xchunked", "gzip, chunked"), Transfer-Encoding in
//   an HTTP/1.0 request, an HTTP/1.1 request without exactly one Host, and
//   any syntax error: 400;
// - an HTTP major version other than 1: 505.
// After any refusal the connection must be closed: the framing of whatever
// follows is unknown. Knows no sockets, so it can be fuzzed and unit-tested.
class HttpParser
{
    Q_DECLARE_TR_FUNCTIONS(HttpParser)

public:
    enum class Status { NeedMore, Complete, Failed };

    explicit HttpParser(const HttpLimits& limits);
    ~HttpParser();
    HttpParser(const HttpParser&) = delete;
    HttpParser& operator=(const HttpParser&) = delete;

    // Parses from the front of `buffer` and removes what it used. Complete:
    // takeRequest() holds the request and the rest of `buffer` belongs to the
    // next one (pipelining). Failed: errorStatus()/errorDetail() say why.
    Status parse(QByteArray& buffer);

    // Whether the request line and headers are in (the body may follow).
    bool headerDone() const;
    // After headerDone(): the client waits for "100 Continue" before it
    // sends the body it announced.
    bool expectsContinue() const;
    // After Complete: whether the connection may carry another request
    // (HTTP/1.1 without "Connection: close", HTTP/1.0 with keep-alive).
    bool keepAlive() const { return m_keepAlive; }
    // After Complete: 10 or 11.
    int version() const { return m_version; }
    // After Complete: the request asks for a protocol upgrade (WebSocket).
    bool upgrade() const { return m_upgrade; }
    HttpRequest takeRequest();
    // The request target once the request line is parsed (also after a
    // refusal for the body or the headers that followed it), else empty.
    QByteArray target() const;
    // Body bytes buffered so far for the request in progress.
    qsizetype bodySize() const;

    int errorStatus() const { return m_errorStatus; }
    QString errorDetail() const { return m_errorDetail; }

    // Ready for the next request on the same connection.
    void reset();

private:
    struct Beast;

    Status fail(int status, const QString& detail);
    bool checkHeader();

    HttpLimits m_limits;
    std::unique_ptr<Beast> m_beast;
    HttpRequest m_request;
    bool m_headerChecked = false;
    bool m_keepAlive = false;
    bool m_upgrade = false;
    int m_version = 11;
    int m_errorStatus = 0;
    QString m_errorDetail;
};

} // namespace appint
