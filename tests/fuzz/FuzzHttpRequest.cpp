// libFuzzer target: bytes off the wire through the HTTP edge's parser
// (server/http/HttpParser, pipelined requests included) and the real
// tenant service's Router (every OAuth and management route), as
// HttpConnection answers them.

#include "server/TenantServer.h"
#include "server/http/HttpConnection.h"
#include "server/http/HttpParser.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

const appint::Router* router = nullptr;

} // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    static QCoreApplication app(*argc, *argv);
    static QTemporaryDir dir;
    appint::ServerOptions options;
    options.dataDir = dir.path();
    options.threads = 1;
    // Lives as long as the process and is never destroyed: a static object's
    // destructor would run after the thread-local store connections are
    // gone (exit handlers run thread_local destructors first), which
    // AddressSanitizer rightly reports as a use after free.
    auto* server = new appint::TenantServer(options);
    QString error;
    if (!server->start(&error)) {
        std::fprintf(stderr, "cannot start the tenant service: %s\n", qPrintable(error));
        std::abort();
    }
    router = server->router();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    QByteArray buffer(reinterpret_cast<const char*>(data), qsizetype(size));
    appint::HttpLimits limits;
    limits.maxHeaderBytes = 8 * 1024; // small inputs reach the limits too
    limits.maxBodyBytes = 16 * 1024;
    appint::HttpParser parser(limits);
    for (int requests = 0; requests < 8; ++requests) {
        const appint::HttpParser::Status status = parser.parse(buffer);
        if (status == appint::HttpParser::Status::Failed) {
            const appint::HttpResponse refusal
                = appint::HttpResponse::problem(parser.errorStatus(), parser.errorDetail());
            (void)refusal.serialize(false, true);
            break;
        }
        if (status == appint::HttpParser::Status::NeedMore) {
            break;
        }
        const appint::HttpRequest request = parser.takeRequest();
        const appint::HttpResponse response = appint::HttpConnection::answer(*router, request);
        if (response.status < 100 || response.status > 599) {
            std::abort();
        }
        (void)response.serialize(request.method == QHttpServerRequest::Method::Head, !parser.keepAlive());
        parser.reset();
    }
    return 0;
}
