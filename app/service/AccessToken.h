#pragma once

#include "core/Secret.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace appint {

// An access token as a token endpoint answered it (RFC 6749 §5.1).
struct AccessToken
{
    Secret value; // access_token
    QString tokenType; // usually "Bearer"
    qint64 expiresIn = 0; // seconds, as sent; 0 when the answer had none
    qint64 obtainedAt = 0; // Unix seconds when the request was sent (a safe lower bound)
    QString scope; // as granted, when the answer says
    QJsonObject otherFields; // the rest of the answer, without any token

    // obtainedAt + expiresIn; 0 when the lifetime is unknown.
    qint64 expiresAt() const;
    bool isExpiredAt(qint64 now) const;

    // The token response as JSON, access_token included: for the command line
    // that prints it on purpose. Anything else must not log or store it.
    QJsonObject toResponseJson() const;

    // The claims of a JWT (its decoded payload), without verifying the
    // signature: for display only. nullopt when the token is not a JWT.
    std::optional<QJsonObject> claims() const;
    static std::optional<QJsonObject> decodeJwtClaims(const QByteArray& token);
};

} // namespace appint
