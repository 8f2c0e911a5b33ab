#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace appint {

// One refresh token as the store keeps it: never the token, only its keyed
// hash. Tokens of one grant share a family: each refresh retires the token
// presented and adds the next one to the family; presenting a retired one
// ends the family (RFC 9700 §4.14.2).
struct StoredRefreshToken
{
    QByteArray tokenHash; // HMAC-SHA-256 of the token under a server key
    QString familyId;
    QString clientId;
    QString userName;
    QString userId; // the user's id when the family began (a new user of the same name is another user)
    QString scope; // granted at the start of the family
    qint64 familyIssuedAt = 0; // when the authorization code was redeemed
    qint64 issuedAt = 0;
    qint64 expiresAt = 0;
    bool retired = false;
    QString accessJti; // the access token issued together with this one
    qint64 accessExpiresAt = 0;
};

using StoredRefreshTokens = QList<StoredRefreshToken>;

} // namespace appint
