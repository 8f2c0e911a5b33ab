#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <memory>

typedef struct evp_pkey_st EVP_PKEY;

namespace appint {

// The ES256 (ECDSA P-256 with SHA-256) key that signs access tokens. Kept as
// a PKCS#8 PEM file with mode 0600; its public half is published as a JWK
// whose kid is the RFC 7638 thumbprint. Thread-safe: each thread signs with
// its own OpenSSL context.
class SigningKey
{
    Q_DECLARE_TR_FUNCTIONS(SigningKey)

public:
    ~SigningKey();
    SigningKey(const SigningKey&) = delete;
    SigningKey& operator=(const SigningKey&) = delete;

    static std::unique_ptr<SigningKey> generate();
    static std::unique_ptr<SigningKey> fromPem(const QByteArray& pem, QString* error);
    // Reads the key at `path`, or creates one there (0600) if none exists.
    static std::unique_ptr<SigningKey> loadOrCreate(const QString& path, QString* error, QString* warning);

    QByteArray toPem() const;
    QString keyId() const { return m_keyId; }
    // {"kty": "EC", "crv": "P-256", "x", "y", "kid", "use": "sig", "alg": "ES256"}
    QJsonObject publicJwk() const;

    // The JWS signature of `data`: r || s, 64 bytes (RFC 7518 §3.4).
    QByteArray sign(QByteArrayView data) const;
    bool verify(QByteArrayView data, QByteArrayView signature) const;

private:
    explicit SigningKey(EVP_PKEY* key);

    EVP_PKEY* m_key = nullptr;
    quint64 m_instance = 0; // tells per-thread contexts of different keys apart
    QByteArray m_x;
    QByteArray m_y;
    QString m_keyId;
};

} // namespace appint
