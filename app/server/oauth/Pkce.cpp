#include "server/oauth/Pkce.h"

#include "server/crypto/Crypto.h"

#include <algorithm>

namespace appint {

namespace {

bool isUnreserved(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' || u == '.'
        || u == '_' || u == '~';
}

} // namespace

bool Pkce::isValidVerifier(const QString& verifier)
{
    return verifier.size() >= 43 && verifier.size() <= 128
        && std::all_of(verifier.cbegin(), verifier.cend(), isUnreserved);
}

bool Pkce::isValidChallenge(const QString& challenge)
{
    return challenge.size() == 43 && Crypto::fromBase64Url(challenge.toLatin1()).has_value()
        && std::all_of(challenge.cbegin(), challenge.cend(), isUnreserved);
}

QString Pkce::challengeFor(const QString& verifier)
{
    return QString::fromLatin1(Crypto::toBase64Url(Crypto::sha256(verifier.toLatin1())));
}

bool Pkce::verifyS256(const QString& verifier, const QString& challenge)
{
    if (!isValidVerifier(verifier)) {
        return false;
    }
    return Crypto::constantTimeEquals(challengeFor(verifier).toLatin1(), challenge.toLatin1());
}

} // namespace appint
