#pragma once

#include "server/oauth/UserDirectory.h"
#include "server/storage/StoredClient.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

namespace appint {

class SigningKey;
class Tenant;

// Issues and checks the access tokens: JWTs signed ES256 with the claims of
// api.md (iss, sub, client_id, aud, iat, exp, jti, scope, roles,
// scoped_roles). Stateless apart from the tenant it asks whether a token is
// still active; safe to use from every HTTP thread at once.
class TokenService
{
    Q_DECLARE_TR_FUNCTIONS(TokenService)

public:
    struct Request
    {
        std::optional<QString> scope; // space-separated, as sent
        QStringList resources; // RFC 8707 "resource", may repeat
        std::optional<QString> audience;
        // A token for a user (authorization code, refresh, SAML bearer): "sub"
        // is the user's userName and the roles are the user's; "scope" then
        // holds only the user's role ids that were asked for, and asking
        // for others is no error (the user may have lost a role).
        std::optional<SignInUser> user;
    };

    struct Issued
    {
        QByteArray accessToken;
        qint64 expiresIn = 0;
        QString scope; // what the token grants (see scopesFor)
        QString jti;
        qint64 expiresAt = 0;
    };

    struct Error
    {
        QByteArray code; // invalid_scope, invalid_target, server_error
        QString description;
    };

    // A token whose signature and issuer check out; it may still be inactive.
    struct Verified
    {
        QJsonObject claims;
        QString clientId;
        QString jti;
        qint64 issuedAt = 0;
        qint64 expiresAt = 0;
    };

    TokenService(const SigningKey& key, QString issuer, const Tenant& tenant);

    QString issuer() const { return m_issuer; }
    // The tenant's users, to check that a user's token still counts. Set
    // once before serving.
    void setUsers(const UserDirectory* users) { m_users = users; }

    std::variant<Issued, Error> issue(const StoredClient& client, const Request& request, qint64 now) const;
    std::optional<Verified> verify(QByteArrayView token) const;
    // Whether the token still counts: see Tenant::isTokenActive; a user's
    // token also needs that user to exist and be active.
    bool isActive(const Verified& token) const;
    // The RFC 7662 answer for an active token.
    QJsonObject introspection(const Verified& token) const;
    // {"keys": [the signing key's public JWK]}
    QJsonObject jwks() const;

    // The scope values a client may ask for: its access values (api) or the
    // ids of its roles (technical). Without a "scope" parameter a token
    // grants all of them.
    static QStringList scopesFor(const Client& client);

private:
    const SigningKey& m_key;
    const QString m_issuer;
    const Tenant& m_tenant;
    const QByteArray m_header;
    const UserDirectory* m_users = nullptr;
};

} // namespace appint
