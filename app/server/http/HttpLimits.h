#pragma once

#include <QtGlobal>

namespace appint {

// The numbers the HTTP edge enforces where the bytes arrive (api.md, "Limits
// and recovery"). Every one can be changed on appint-server's command line.
struct HttpLimits
{
    // Request line and header fields together (431 beyond).
    qsizetype maxHeaderBytes = 64 * 1024;
    // A request body, decoded (413 beyond, refused before it is buffered).
    qsizetype maxBodyBytes = 1024 * 1024;
    // From a request's first byte: its headers must be complete within
    // headerTimeoutMs and its body within bodyTimeoutMs (408, then close).
    // Deadlines, not idle timers: trickling bytes do not extend them.
    // Body bytes of unfinished requests, all connections together: while
    // over it no connection reads more than the first 16 KiB of a body (TCP
    // holds the client back; its body deadline keeps running), so memory
    // stays bounded (by this plus 16 KiB per connection) and small requests
    // are still served.
    qint64 maxBufferedBodyBytes = 32 * 1024 * 1024;
    int headerTimeoutMs = 10'000;
    int bodyTimeoutMs = 30'000;
    // A connection with no request in progress, or one that sends nothing
    // at all, is closed after this (0: never).
    int idleTimeoutMs = 60'000;
    // Open connections of the process and of one client address; a new
    // connection beyond either is closed at once.
    int maxConnections = 1024;
    int maxConnectionsPerAddress = 256;
    // Handlers of Router::Execution::Blocking routes run on a pool of this
    // many threads; at most blockingQueue more wait for one, further ones
    // get 503 with Retry-After.
    int blockingThreads = 4;
    int blockingQueue = 64;
};

} // namespace appint
