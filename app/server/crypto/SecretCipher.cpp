#include "server/crypto/SecretCipher.h"

#include "server/crypto/Crypto.h"

#include <openssl/evp.h>

#include <memory>

namespace appint {

namespace {

constexpr int NonceSize = 12;
constexpr int TagSize = 16;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

unsigned char* bytes(QByteArray& data)
{
    return reinterpret_cast<unsigned char*>(data.data());
}

const unsigned char* bytes(QByteArrayView data)
{
    return reinterpret_cast<const unsigned char*>(data.data());
}

} // namespace

SecretCipher::SecretCipher(QByteArray key)
    : m_key(std::move(key))
{
    Q_ASSERT(m_key.size() == KeySize);
}

QByteArray SecretCipher::seal(QByteArrayView plaintext, QByteArrayView associatedData) const
{
    const QByteArray nonce = Crypto::randomBytes(NonceSize);
    QByteArray out = nonce;
    out.resize(NonceSize + plaintext.size() + TagSize);
    CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    int length = 0;
    const bool ok = ctx
        && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(QByteArrayView(m_key)), bytes(nonce)) == 1
        && EVP_EncryptUpdate(ctx.get(), nullptr, &length, bytes(associatedData), int(associatedData.size())) == 1
        && EVP_EncryptUpdate(ctx.get(), bytes(out) + NonceSize, &length, bytes(plaintext), int(plaintext.size())) == 1
        && EVP_EncryptFinal_ex(ctx.get(), bytes(out) + NonceSize + length, &length) == 1
        && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, TagSize, bytes(out) + NonceSize + plaintext.size())
            == 1;
    return ok ? out : QByteArray();
}

std::optional<QByteArray> SecretCipher::open(QByteArrayView sealed, QByteArrayView associatedData) const
{
    if (sealed.size() < NonceSize + TagSize) {
        return std::nullopt;
    }
    const qsizetype textSize = sealed.size() - NonceSize - TagSize;
    QByteArray plain(textSize, Qt::Uninitialized);
    QByteArray tag = sealed.sliced(NonceSize + textSize).toByteArray();
    CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    int length = 0;
    const bool ok = ctx
        && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(QByteArrayView(m_key)), bytes(sealed)) == 1
        && EVP_DecryptUpdate(ctx.get(), nullptr, &length, bytes(associatedData), int(associatedData.size())) == 1
        && EVP_DecryptUpdate(ctx.get(), bytes(plain), &length, bytes(sealed) + NonceSize, int(textSize)) == 1
        && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, TagSize, tag.data()) == 1
        && EVP_DecryptFinal_ex(ctx.get(), bytes(plain) + length, &length) == 1;
    if (!ok) {
        return std::nullopt;
    }
    return plain;
}

} // namespace appint
