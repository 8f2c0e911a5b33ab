#pragma once

#include "core/Purpose.h"
#include "core/RoleAssignment.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace appint {

// Where a client stands with respect to its expiry date. Expiring is an
// active client that expires within ExpiringWindowSeconds (amber marker);
// Expired is the red exclamation mark of the App Integration page.
enum class ExpiryState { Active, Expiring, Expired };

constexpr qint64 SecondsPerDay = 86400;
constexpr qint64 ExpiringWindowSeconds = 14 * SecondsPerDay;

// An OAuth 2.0 client as the API describes it (api.md, "The client object").
// Plain data: the rules live in ClientRules, the JSON checks in ClientInput.
struct Client
{
    QString clientId;
    QString clientName;
    Purpose purpose = Purpose::Technical;
    QStringList grantTypes;
    QStringList access; // api only
    QStringList redirectUris; // interactive only
    QString userId; // technical only
    RoleAssignments roles; // technical only
    qint64 accessTokenLifetime = 0;
    qint64 refreshTokenLifetime = 0; // interactive and api; 0 otherwise
    qint64 clientSecretExpiresAt = 0; // technical; 0 means never
    qint64 clientIdIssuedAt = 0;
    bool secretRetrievable = false;

    friend bool operator==(const Client&, const Client&) = default;

    bool isExpiredAt(qint64 now) const;
    ExpiryState expiryStateAt(qint64 now) const;

    // Every field of the client object, with "status" computed at `now`. Fields
    // that do not apply to the purpose are present and empty (null user_id,
    // empty lists, 0 lifetimes) so that every client has the same shape.
    QJsonObject toJson(qint64 now) const;
    // Reads a client object as the server sends it. Lenient: missing fields
    // stay empty. Validation of requests is ClientInput's job.
    static Client fromJson(const QJsonObject& object);
};

using Clients = QList<Client>;

// "active" or "expired", the API's status values.
QString expiryStateId(ExpiryState state);

} // namespace appint
