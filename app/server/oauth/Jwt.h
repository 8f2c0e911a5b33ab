#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>

#include <optional>

namespace appint {

class SigningKey;

// Compact JWS (RFC 7515) with ES256, as the access tokens use it.
class Jwt
{
public:
    // Longer tokens are rejected before any parsing.
    static constexpr qsizetype MaximumLength = 16 * 1024;

    // The encoded protected header {"alg":"ES256","typ":"at+jwt","kid"}.
    static QByteArray encodedHeader(const SigningKey& key);
    // header.claims.signature. `header` as encodedHeader() returns it.
    static QByteArray sign(const QByteArray& header, const QJsonObject& claims, const SigningKey& key);
    // The claims of a token signed by `key` (alg ES256 and kid checked), or
    // std::nullopt for anything else. Says nothing about expiry or audience.
    static std::optional<QJsonObject> verify(QByteArrayView token, const SigningKey& key);
};

} // namespace appint
