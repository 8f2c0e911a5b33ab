#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace appint {

// Small OpenSSL wrappers the server builds on: randomness, SHA-256, HMAC,
// constant-time comparison and base64url (RFC 4648 §5, no padding).
class Crypto
{
public:
    // `size` bytes from the operating system's CSPRNG (OpenSSL RAND_bytes).
    // Aborts the program if no randomness is available: nothing the server
    // makes may be guessable.
    static QByteArray randomBytes(qsizetype size);
    // `size` random bytes as base64url text: 32 bytes make a 43-character
    // secret with 256 bits of entropy.
    static QString randomToken(qsizetype size);

    static QByteArray sha256(QByteArrayView data);
    static QByteArray hmacSha256(QByteArrayView key, QByteArrayView data);

    // Compares in time that depends only on the length (CRYPTO_memcmp).
    static bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

    static QByteArray toBase64Url(QByteArrayView data);
    // Strict: only the base64url alphabet, no padding, no stray bits.
    static std::optional<QByteArray> fromBase64Url(QByteArrayView text);
};

} // namespace appint
