#pragma once

#include "core/Client.h"

#include <QByteArray>

#include <array>
#include <atomic>
#include <memory>

namespace appint {

// The compact JSON of one client version, written once per status
// ("active", "expired") and kept: a page of 5,000 clients is then a
// concatenation, not 5,000 QJsonObjects. A copy starts empty (a copy is made
// to change the client), and the cache never takes part in comparisons.
class ClientJsonCache
{
public:
    ClientJsonCache() = default;
    ClientJsonCache(const ClientJsonCache&) { }
    ClientJsonCache& operator=(const ClientJsonCache&)
    {
        for (auto& slot : m_slots) {
            slot.store(nullptr);
        }
        return *this;
    }
    friend bool operator==(const ClientJsonCache&, const ClientJsonCache&) { return true; }

    // The client's toJson(now) as compact bytes. Thread-safe: two threads may
    // both write the bytes once; either result is the same.
    QByteArray bytes(const Client& client, qint64 now) const;

private:
    mutable std::array<std::atomic<std::shared_ptr<const QByteArray>>, 2> m_slots;
};

// A client as the server keeps it: the API object plus what never leaves the
// server. The secret itself is never stored; only its HMAC, and for legacy
// clients an AES-GCM sealed copy that "Show Secret" can open. Published
// versions are immutable (Tenant::Record is a pointer to const), which is
// what makes the JSON cache safe.
struct StoredClient
{
    Client client;
    QByteArray secretHash; // HMAC-SHA-256 of the secret under the server key
    qint64 secretIssuedAt = 0; // tokens issued before this moment are inactive
    QByteArray sealedSecret; // legacy clients only
    ClientJsonCache json;

    // client.toJson(now) as compact JSON, written once per status.
    QByteArray jsonBytes(qint64 now) const { return json.bytes(client, now); }

    friend bool operator==(const StoredClient&, const StoredClient&) = default;
};

} // namespace appint
