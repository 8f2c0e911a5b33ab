#pragma once

#include "core/Client.h"

#include <QJsonValue>
#include <QString>

#include <optional>

namespace appint {

// What a client object from a server must be before anything shows it
// (api.md, "The client object"): one check, in the core, for the console and
// `appint` alike (issue 16). Client::fromJson stays lenient for our own data.
class ClientContract
{
public:
    // The latest time a client's dates may name (9999-12-31, what a date can
    // show); lifetimes longer than a century are out of range too.
    static constexpr qint64 MaximumTimestamp = 253402300799;
    static constexpr qint64 MaximumLifetimeSeconds = 100LL * 366 * SecondsPerDay;

    // Reads one item of a server answer: an object with a non-empty
    // client_id, a string client_name, a known purpose, a known status when
    // present, integral lifetimes within [0, MaximumLifetimeSeconds], dates
    // within [0, MaximumTimestamp], lists of strings. A broken item gives
    // std::nullopt and `problem` says what is wrong, in words for people.
    static std::optional<Client> fromServerJson(const QJsonValue& value, QString* problem);
};

} // namespace appint
