#include "server/http/HttpParser.h"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <optional>

using namespace Qt::StringLiterals;

namespace appint {

namespace http = boost::beast::http;

struct HttpParser::Beast
{
    std::optional<http::request_parser<http::string_body>> parser;
};

namespace {

QByteArray bytes(boost::beast::string_view text)
{
    return QByteArray(text.data(), qsizetype(text.size()));
}

} // namespace

HttpParser::HttpParser(const HttpLimits& limits)
    : m_limits(limits)
    , m_beast(std::make_unique<Beast>())
{
    reset();
}

HttpParser::~HttpParser() = default;

void HttpParser::reset()
{
    auto& parser = m_beast->parser.emplace();
    parser.header_limit(std::uint32_t(std::max<qsizetype>(m_limits.maxHeaderBytes, 1)));
    parser.body_limit(std::uint64_t(std::max<qsizetype>(m_limits.maxBodyBytes, 0)));
    // Stop after the header, so that it is checked before any body byte.
    parser.eager(false);
    m_request = HttpRequest();
    m_headerChecked = false;
    m_keepAlive = false;
    m_upgrade = false;
    m_version = 11;
    m_errorStatus = 0;
    m_errorDetail.clear();
}

bool HttpParser::headerDone() const
{
    return m_headerChecked;
}

bool HttpParser::expectsContinue() const
{
    if (!m_headerChecked) {
        return false;
    }
    const auto& parser = *m_beast->parser;
    const auto& message = parser.get();
    const bool body = parser.chunked() || parser.content_length().value_or(0) > 0;
    return body && message.version() == 11
        && boost::beast::iequals(message[http::field::expect], boost::beast::string_view("100-continue"));
}

HttpParser::Status HttpParser::fail(int status, const QString& detail)
{
    m_errorStatus = status;
    m_errorDetail = detail;
    return Status::Failed;
}

bool HttpParser::checkHeader()
{
    const auto& message = m_beast->parser->get();
    if (message.version() / 10 != 1) {
        fail(505, tr("Only HTTP/1.0 and HTTP/1.1 are served."));
        return false;
    }
    int hosts = 0;
    bool contentLength = false;
    bool transferEncoding = false;
    QByteArray codings;
    for (const auto& field : message) {
        const QByteArray name = bytes(field.name_string()).toLower();
        if (name == "host") {
            ++hosts;
        } else if (name == "content-length") {
            contentLength = true;
        } else if (name == "transfer-encoding") {
            transferEncoding = true;
            codings += (codings.isEmpty() ? "" : ",") + bytes(field.value());
        }
    }
    if (message.version() == 11 && hosts != 1) {
        fail(400, hosts == 0 ? tr("An HTTP/1.1 request needs a Host header.") : tr("A request has one Host header."));
        return false;
    }
    if (transferEncoding) {
        if (message.version() == 10) {
            fail(400, tr("Transfer-Encoding is not allowed in an HTTP/1.0 request."));
            return false;
        }
        if (contentLength) {
            fail(400, tr("A request cannot have both Content-Length and Transfer-Encoding."));
            return false;
        }
        if (codings.trimmed().compare("chunked", Qt::CaseInsensitive) != 0) {
            fail(400,
                 tr("The only transfer coding served is \"chunked\", not \"%1\".")
                     .arg(QString::fromLatin1(codings.left(100))));
            return false;
        }
    }
    m_headerChecked = true;
    return true;
}

HttpParser::Status HttpParser::parse(QByteArray& buffer)
{
    if (m_errorStatus != 0) {
        return Status::Failed;
    }
    auto& parser = *m_beast->parser;
    qsizetype used = 0;
    Status status = Status::NeedMore;
    while (used < buffer.size()) {
        boost::system::error_code error;
        const std::size_t consumed = parser.put(
            boost::asio::const_buffer(buffer.constData() + used, std::size_t(buffer.size() - used)), error);
        used += qsizetype(consumed);
        if (error == http::error::need_more) {
            break;
        }
        if (error) {
            buffer.remove(0, used);
            if (error == http::error::header_limit) {
                return fail(431,
                            tr("The request line and headers are larger than %1 bytes.").arg(m_limits.maxHeaderBytes));
            }
            if (error == http::error::body_limit) {
                return fail(413, tr("The body is larger than %1 bytes.").arg(m_limits.maxBodyBytes));
            }
            if (error == http::error::bad_content_length) {
                return fail(400, tr("The Content-Length header is invalid or differs from another one."));
            }
            if (error == http::error::bad_transfer_encoding) {
                return fail(400,
                            tr("The Transfer-Encoding header is invalid, repeated or combined with "
                               "Content-Length."));
            }
            return fail(400,
                        tr("The request is not valid HTTP/1.1 (%1).").arg(QString::fromStdString(error.message())));
        }
        if (parser.is_header_done() && !m_headerChecked && !checkHeader()) {
            buffer.remove(0, used);
            return Status::Failed;
        }
        if (parser.is_done()) {
            status = Status::Complete;
            break;
        }
        if (consumed == 0) {
            break;
        }
    }
    buffer.remove(0, used);
    if (status != Status::Complete) {
        return status;
    }
    m_keepAlive = parser.keep_alive();
    m_upgrade = parser.get().find(http::field::upgrade) != parser.get().end();
    m_version = int(parser.get().version());
    auto message = parser.release();
    m_request = HttpRequest();
    m_request.method = HttpRequest::methodFromName(
        QByteArrayView(message.method_string().data(), qsizetype(message.method_string().size())));
    m_request.setTarget(bytes(message.target()));
    m_request.headers.reserve(8);
    for (const auto& field : message) {
        m_request.headers.append({bytes(field.name_string()), bytes(field.value())});
    }
    m_request.body = QByteArray(message.body().data(), qsizetype(message.body().size()));
    return Status::Complete;
}

QByteArray HttpParser::target() const
{
    if (!m_beast->parser || !m_beast->parser->got_some()) {
        return {};
    }
    return bytes(m_beast->parser->get().target());
}

qsizetype HttpParser::bodySize() const
{
    return m_headerChecked && m_beast->parser ? qsizetype(m_beast->parser->get().body().size()) : 0;
}

HttpRequest HttpParser::takeRequest()
{
    return std::move(m_request);
}

} // namespace appint
