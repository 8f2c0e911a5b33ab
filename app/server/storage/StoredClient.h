#pragma once

#include "core/Client.h"

#include <QByteArray>

namespace appint {

// A client as the server keeps it: the API object plus what never leaves the
// server. The secret itself is never stored; only its HMAC, and for legacy
// clients an AES-GCM sealed copy that "Show Secret" can open.
struct StoredClient
{
    Client client;
    QByteArray secretHash; // HMAC-SHA-256 of the secret under the server key
    qint64 secretIssuedAt = 0; // tokens issued before this moment are inactive
    QByteArray sealedSecret; // legacy clients only

    friend bool operator==(const StoredClient&, const StoredClient&) = default;
};

} // namespace appint
