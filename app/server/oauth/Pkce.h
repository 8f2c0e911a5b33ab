#pragma once

#include <QString>

namespace appint {

// RFC 7636 with the S256 method only: code_challenge =
// BASE64URL(SHA256(ASCII(code_verifier))).
class Pkce
{
public:
    // 43 to 128 characters of [A-Za-z0-9-._~].
    static bool isValidVerifier(const QString& verifier);
    // An S256 challenge: 43 base64url characters (a SHA-256 digest).
    static bool isValidChallenge(const QString& challenge);
    // Whether `verifier` is valid and hashes to `challenge` (constant time).
    static bool verifyS256(const QString& verifier, const QString& challenge);
    static QString challengeFor(const QString& verifier);
};

} // namespace appint
