#include "server/oauth/SigningKey.h"

#include "server/crypto/Crypto.h"
#include "server/storage/SecureFile.h"

#include <QFileInfo>
#include <QJsonDocument>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <atomic>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

constexpr int CoordinateSize = 32;

std::atomic<quint64> nextInstance{1};

QByteArray bignumBytes(const EVP_PKEY* key, const char* name)
{
    BIGNUM* bn = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &bn) != 1) {
        return {};
    }
    QByteArray out(CoordinateSize, Qt::Uninitialized);
    BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), CoordinateSize);
    BN_free(bn);
    return out;
}

bool isP256(EVP_PKEY* key)
{
    char group[64] = {};
    size_t length = 0;
    return EVP_PKEY_get_base_id(key) == EVP_PKEY_EC
        && EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &length) == 1
        && QByteArrayView(group) == "prime256v1";
}

// One signing and one verifying context per thread and key: EVP_PKEY_CTX
// objects must not be shared between threads, and setting one up costs more
// than the signature itself.
struct ThreadContexts
{
    quint64 instance = 0;
    EVP_PKEY_CTX* sign = nullptr;
    EVP_PKEY_CTX* verify = nullptr;

    ~ThreadContexts() { reset(); }
    void reset()
    {
        EVP_PKEY_CTX_free(sign);
        EVP_PKEY_CTX_free(verify);
        sign = verify = nullptr;
        instance = 0;
    }
};

ThreadContexts& contextsFor(EVP_PKEY* key, quint64 instance)
{
    thread_local ThreadContexts contexts;
    if (contexts.instance != instance) {
        contexts.reset();
        contexts.sign = EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr);
        contexts.verify = EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr);
        if (EVP_PKEY_sign_init(contexts.sign) != 1 || EVP_PKEY_verify_init(contexts.verify) != 1) {
            contexts.reset();
            return contexts;
        }
        contexts.instance = instance;
    }
    return contexts;
}

} // namespace

SigningKey::SigningKey(EVP_PKEY* key)
    : m_key(key)
    , m_instance(nextInstance.fetch_add(1))
{
    m_x = bignumBytes(m_key, OSSL_PKEY_PARAM_EC_PUB_X);
    m_y = bignumBytes(m_key, OSSL_PKEY_PARAM_EC_PUB_Y);
    // RFC 7638: the required members in lexicographic order, no whitespace.
    const QByteArray thumbprintInput = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + Crypto::toBase64Url(m_x)
        + "\",\"y\":\"" + Crypto::toBase64Url(m_y) + "\"}";
    m_keyId = QString::fromLatin1(Crypto::toBase64Url(Crypto::sha256(thumbprintInput)));
}

SigningKey::~SigningKey()
{
    EVP_PKEY_free(m_key);
}

std::unique_ptr<SigningKey> SigningKey::generate()
{
    EVP_PKEY* key = EVP_EC_gen("P-256");
    if (!key) {
        return nullptr;
    }
    return std::unique_ptr<SigningKey>(new SigningKey(key));
}

std::unique_ptr<SigningKey> SigningKey::fromPem(const QByteArray& pem, QString* error)
{
    BIO* bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    EVP_PKEY* key = bio ? PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr) : nullptr;
    BIO_free(bio);
    if (!key || !isP256(key)) {
        EVP_PKEY_free(key);
        if (error) {
            *error = tr("the signing key is not a PEM-encoded P-256 private key");
        }
        return nullptr;
    }
    return std::unique_ptr<SigningKey>(new SigningKey(key));
}

std::unique_ptr<SigningKey> SigningKey::loadOrCreate(const QString& path, QString* error, QString* warning)
{
    if (QFileInfo::exists(path)) {
        const auto pem = SecureFile::read(path, error, warning);
        if (!pem) {
            return nullptr;
        }
        auto key = fromPem(*pem, error);
        if (!key && error) {
            *error = path + u": "_s + *error;
        }
        return key;
    }
    auto key = generate();
    if (!key) {
        if (error) {
            *error = tr("cannot generate a P-256 signing key");
        }
        return nullptr;
    }
    if (!SecureFile::create(path, key->toPem(), error)) {
        return nullptr;
    }
    return key;
}

QByteArray SigningKey::toPem() const
{
    BIO* bio = BIO_new(BIO_s_mem());
    QByteArray pem;
    if (bio && PEM_write_bio_PrivateKey(bio, m_key, nullptr, nullptr, 0, nullptr, nullptr) == 1) {
        char* data = nullptr;
        const long length = BIO_get_mem_data(bio, &data);
        pem = QByteArray(data, length);
    }
    BIO_free(bio);
    return pem;
}

QJsonObject SigningKey::publicJwk() const
{
    return QJsonObject{
        {u"kty"_s, u"EC"_s},
        {u"crv"_s, u"P-256"_s},
        {u"x"_s, QString::fromLatin1(Crypto::toBase64Url(m_x))},
        {u"y"_s, QString::fromLatin1(Crypto::toBase64Url(m_y))},
        {u"kid"_s, m_keyId},
        {u"use"_s, u"sig"_s},
        {u"alg"_s, u"ES256"_s},
    };
}

QByteArray SigningKey::sign(QByteArrayView data) const
{
    ThreadContexts& contexts = contextsFor(m_key, m_instance);
    if (!contexts.sign) {
        return {};
    }
    const QByteArray digest = Crypto::sha256(data);
    unsigned char der[80];
    size_t derLength = sizeof der;
    if (EVP_PKEY_sign(contexts.sign, der, &derLength, reinterpret_cast<const unsigned char*>(digest.constData()),
                      size_t(digest.size()))
        != 1) {
        return {};
    }
    const unsigned char* cursor = der;
    ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &cursor, long(derLength));
    if (!sig) {
        return {};
    }
    QByteArray raw(2 * CoordinateSize, Qt::Uninitialized);
    auto* out = reinterpret_cast<unsigned char*>(raw.data());
    BN_bn2binpad(ECDSA_SIG_get0_r(sig), out, CoordinateSize);
    BN_bn2binpad(ECDSA_SIG_get0_s(sig), out + CoordinateSize, CoordinateSize);
    ECDSA_SIG_free(sig);
    return raw;
}

bool SigningKey::verify(QByteArrayView data, QByteArrayView signature) const
{
    if (signature.size() != 2 * CoordinateSize) {
        return false;
    }
    ThreadContexts& contexts = contextsFor(m_key, m_instance);
    if (!contexts.verify) {
        return false;
    }
    const auto* raw = reinterpret_cast<const unsigned char*>(signature.data());
    ECDSA_SIG* sig = ECDSA_SIG_new();
    BIGNUM* r = BN_bin2bn(raw, CoordinateSize, nullptr);
    BIGNUM* s = BN_bin2bn(raw + CoordinateSize, CoordinateSize, nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig, r, s) != 1) {
        BN_free(r);
        BN_free(s);
        ECDSA_SIG_free(sig);
        return false;
    }
    unsigned char* der = nullptr;
    const int derLength = i2d_ECDSA_SIG(sig, &der);
    ECDSA_SIG_free(sig);
    if (derLength <= 0) {
        return false;
    }
    const QByteArray digest = Crypto::sha256(data);
    const bool ok = EVP_PKEY_verify(contexts.verify, der, size_t(derLength),
                                    reinterpret_cast<const unsigned char*>(digest.constData()), size_t(digest.size()))
        == 1;
    OPENSSL_free(der);
    return ok;
}

} // namespace appint
