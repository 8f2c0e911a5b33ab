// libFuzzer target: JWT verification (server/oauth Jwt::verify) with a fixed
// ES256 key. The first byte picks the mode: verify the rest as a token as
// is; sign the rest as claims and verify (must succeed and give the claims
// back); or sign, flip one byte, and verify (must fail unless the flip left
// the token's meaning intact).

#include "server/oauth/Jwt.h"
#include "server/oauth/SigningKey.h"

#include <QJsonDocument>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

namespace {

// A P-256 key made for this target only; it signs nothing anywhere else.
const char FuzzKeyPem[] = "-----BEGIN PRIVATE KEY-----\n"
                          "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg2ykDzjdeaCKbCPY3\n"
                          "knvpR3g5CdENee7Qd/fzCO7fVOOhRANCAATymAN4mTgF3/ilhvlroCF5m+iZ5aZ3\n"
                          "zlCwkCXqZSLmt4mAN4VDT+NSPiNepqK5QTlYZBK+QyRIuUlooz3oHNAC\n"
                          "-----END PRIVATE KEY-----\n";

const appint::SigningKey& key()
{
    static const std::unique_ptr<appint::SigningKey> instance = [] {
        QString error;
        auto loaded = appint::SigningKey::fromPem(QByteArray(FuzzKeyPem), &error);
        if (!loaded) {
            std::abort();
        }
        return loaded;
    }();
    return *instance;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0) {
        return 0;
    }
    const appint::SigningKey& signingKey = key();
    const QByteArray rest(reinterpret_cast<const char*>(data) + 1, qsizetype(size - 1));
    switch (data[0] % 3) {
    case 0:
        (void)appint::Jwt::verify(rest, signingKey);
        break;
    case 1:
    case 2: {
        const QJsonDocument claims = QJsonDocument::fromJson(rest);
        if (!claims.isObject()) {
            break;
        }
        QByteArray token = appint::Jwt::sign(appint::Jwt::encodedHeader(signingKey), claims.object(), signingKey);
        if (data[0] % 3 == 1) {
            const auto verified = appint::Jwt::verify(token, signingKey);
            if (token.size() <= appint::Jwt::MaximumLength && (!verified || *verified != claims.object())) {
                std::abort(); // a token the server signed must verify to the same claims
            }
        } else if (!token.isEmpty()) {
            const qsizetype at = qsizetype(data[size - 1]) * 7919 % token.size();
            token[at] = char(token.at(at) ^ 0x01);
            (void)appint::Jwt::verify(token, signingKey);
        }
        break;
    }
    }
    return 0;
}
