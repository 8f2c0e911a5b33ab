#include "server/crypto/PasswordHash.h"

#include "server/crypto/Crypto.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>

namespace appint {

namespace {

void ensureInitialised()
{
    // sodium_init() is thread-safe and cheap after the first call.
    static const bool ready = [] {
        if (sodium_init() < 0) {
            std::fputs("appint: libsodium could not be initialised\n", stderr);
            std::abort();
        }
        return true;
    }();
    Q_UNUSED(ready);
}

// A NUL-terminated copy of `encoded`, or an empty array if it does not fit.
QByteArray terminated(QByteArrayView encoded)
{
    if (encoded.isEmpty() || encoded.size() >= qsizetype(crypto_pwhash_STRBYTES) || encoded.contains('\0')) {
        return {};
    }
    return encoded.toByteArray();
}

} // namespace

QByteArray PasswordHash::hash(QByteArrayView password)
{
    return hash(password, OpsLimit, MemLimit);
}

QByteArray PasswordHash::hash(QByteArrayView password, unsigned long long opsLimit, size_t memLimit)
{
    ensureInitialised();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), static_cast<unsigned long long>(password.size()), opsLimit,
                              memLimit, crypto_pwhash_ALG_ARGON2ID13)
        != 0) {
        return {};
    }
    return QByteArray(out);
}

bool PasswordHash::verify(QByteArrayView encoded, QByteArrayView password)
{
    ensureInitialised();
    const QByteArray text = terminated(encoded);
    if (text.isEmpty()) {
        return false;
    }
    return crypto_pwhash_str_verify(text.constData(), password.data(), static_cast<unsigned long long>(password.size()))
        == 0;
}

bool PasswordHash::needsRehash(QByteArrayView encoded)
{
    ensureInitialised();
    const QByteArray text = terminated(encoded);
    return text.isEmpty() || crypto_pwhash_str_needs_rehash(text.constData(), OpsLimit, MemLimit) != 0;
}

const QByteArray& PasswordHash::dummy()
{
    static const QByteArray value = hash(Crypto::randomBytes(32).toBase64());
    return value;
}

} // namespace appint
