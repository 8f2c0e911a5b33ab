#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace appint {

// AES-256-GCM for the few secrets the server must be able to show again
// (legacy clients with "Show Secret"). A sealed value is
// nonce (12 bytes) | ciphertext | tag (16 bytes); the associated data (the
// client_id) binds it to its row, so a sealed secret copied to another client
// does not open.
class SecretCipher
{
public:
    static constexpr qsizetype KeySize = 32;

    explicit SecretCipher(QByteArray key);

    QByteArray seal(QByteArrayView plaintext, QByteArrayView associatedData) const;
    std::optional<QByteArray> open(QByteArrayView sealed, QByteArrayView associatedData) const;

private:
    QByteArray m_key;
};

} // namespace appint
