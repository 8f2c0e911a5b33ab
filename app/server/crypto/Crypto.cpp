#include "server/crypto/Crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <cstdio>
#include <cstdlib>

namespace appint {

QByteArray Crypto::randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    if (size > 0 && RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), int(size)) != 1) {
        std::fputs("appint: the system random number generator failed\n", stderr);
        std::abort();
    }
    return bytes;
}

QString Crypto::randomToken(qsizetype size)
{
    return QString::fromLatin1(toBase64Url(randomBytes(size)));
}

QByteArray Crypto::sha256(QByteArrayView data)
{
    QByteArray digest(32, Qt::Uninitialized);
    unsigned int length = 0;
    EVP_Digest(data.data(), size_t(data.size()), reinterpret_cast<unsigned char*>(digest.data()), &length, EVP_sha256(),
               nullptr);
    return digest;
}

QByteArray Crypto::hmacSha256(QByteArrayView key, QByteArrayView data)
{
    QByteArray mac(32, Qt::Uninitialized);
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), int(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
         size_t(data.size()), reinterpret_cast<unsigned char*>(mac.data()), &length);
    return mac;
}

bool Crypto::constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size()) {
        return false;
    }
    return CRYPTO_memcmp(a.data(), b.data(), size_t(a.size())) == 0;
}

QByteArray Crypto::toBase64Url(QByteArrayView data)
{
    return data.toByteArray().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> Crypto::fromBase64Url(QByteArrayView text)
{
    for (char c : text) {
        const bool ok
            = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) {
            return std::nullopt;
        }
    }
    if (text.size() % 4 == 1) {
        return std::nullopt;
    }
    auto result = QByteArray::fromBase64Encoding(
        text.toByteArray(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!result) {
        return std::nullopt;
    }
    // Reject non-canonical encodings (stray low bits in the last character).
    if (toBase64Url(*result) != text) {
        return std::nullopt;
    }
    return std::move(*result);
}

} // namespace appint
