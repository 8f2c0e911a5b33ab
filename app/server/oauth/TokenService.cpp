#include "server/oauth/TokenService.h"

#include "core/ClientRules.h"
#include "server/crypto/Crypto.h"
#include "server/oauth/Jwt.h"
#include "server/oauth/SigningKey.h"
#include "server/tenant/Tenant.h"

#include <QJsonArray>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

constexpr qsizetype MaximumAudienceLength = 2048;

// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
bool isScopeToken(const QString& token)
{
    return !token.isEmpty() && std::all_of(token.cbegin(), token.cend(), [](QChar c) {
        const char16_t u = c.unicode();
        return u == 0x21 || (u >= 0x23 && u <= 0x5B) || (u >= 0x5D && u <= 0x7E);
    });
}

bool isAbsoluteUriWithoutFragment(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    return text.size() <= MaximumAudienceLength && url.isValid() && !url.isRelative() && !url.hasFragment()
        && !text.contains(u' ');
}

} // namespace

TokenService::TokenService(const SigningKey& key, QString issuer, const Tenant& tenant)
    : m_key(key)
    , m_issuer(std::move(issuer))
    , m_tenant(tenant)
    , m_header(Jwt::encodedHeader(key))
{
}

QStringList TokenService::scopesFor(const Client& client)
{
    switch (client.purpose) {
    case Purpose::Api:
        return client.access;
    case Purpose::Technical: {
        QStringList ids;
        for (const RoleAssignment& role : client.roles) {
            ids.append(role.roleId);
        }
        return ids;
    }
    case Purpose::Interactive:
        return {};
    }
    Q_UNREACHABLE();
}

std::variant<TokenService::Issued, TokenService::Error> TokenService::issue(const StoredClient& stored,
                                                                            const Request& request, qint64 now) const
{
    const Client& client = stored.client;
    const RoleAssignments& roles = request.user ? request.user->roles : client.roles;
    QStringList allowed = scopesFor(client);
    if (request.user) {
        allowed.clear();
        for (const RoleAssignment& role : roles) {
            allowed.append(role.roleId);
        }
    }
    QStringList granted;
    if (request.scope) {
        const QStringList asked = request.scope->split(u' ', Qt::SkipEmptyParts);
        for (const QString& token : asked) {
            if (!isScopeToken(token)) {
                return Error{"invalid_scope", tr("The scope is malformed.")};
            }
            if (request.user && !allowed.contains(token)) {
                continue;
            }
            if (!allowed.contains(token)) {
                return Error{"invalid_scope",
                             tr("This client may not request the scope \"%1\"; it may request: %2.")
                                 .arg(token.left(100), allowed.isEmpty() ? tr("none") : allowed.join(u' '))};
            }
            if (!granted.contains(token)) {
                granted.append(token);
            }
        }
    }
    const bool scopeRequested
        = !granted.isEmpty() || (request.user && request.scope && !request.scope->trimmed().isEmpty());
    if (!scopeRequested) {
        granted = allowed;
    }

    QStringList audiences;
    for (const QString& resource : request.resources) {
        if (!isAbsoluteUriWithoutFragment(resource)) {
            return Error{"invalid_target", tr("A resource must be an absolute URI without a fragment.")};
        }
        if (!audiences.contains(resource)) {
            audiences.append(resource);
        }
    }
    if (request.audience) {
        if (request.audience->isEmpty() || request.audience->size() > MaximumAudienceLength) {
            return Error{"invalid_target", tr("The audience must be 1 to %1 characters.").arg(MaximumAudienceLength)};
        }
        if (!audiences.contains(*request.audience)) {
            audiences.append(*request.audience);
        }
    }
    QJsonValue audience = m_issuer;
    if (audiences.size() == 1) {
        audience = audiences.constFirst();
    } else if (audiences.size() > 1) {
        audience = QJsonArray::fromStringList(audiences);
    }

    QJsonArray globalRoles;
    QJsonObject scopedRoles;
    for (const RoleAssignment& role : roles) {
        if (role.spaces.isEmpty()) {
            globalRoles.append(role.roleId);
        } else {
            scopedRoles.insert(role.roleId, QJsonArray::fromStringList(role.spaces));
        }
    }
    const qint64 lifetime = client.accessTokenLifetime;
    const QString jti = Crypto::randomToken(16);
    QString subject
        = ClientRules::hasUserId(client.purpose) && !client.userId.isEmpty() ? client.userId : client.clientId;
    if (request.user) {
        subject = request.user->userName;
    }
    QJsonObject claims{
        {u"iss"_s, m_issuer}, {u"sub"_s, subject},       {u"client_id"_s, client.clientId},
        {u"aud"_s, audience}, {u"iat"_s, now},           {u"exp"_s, now + lifetime},
        {u"jti"_s, jti},      {u"roles"_s, globalRoles}, {u"scoped_roles"_s, scopedRoles},
    };
    if (scopeRequested) {
        claims.insert(u"scope"_s, granted.join(u' '));
    }
    QByteArray token = Jwt::sign(m_header, claims, m_key);
    if (token.isEmpty()) {
        return Error{"server_error", tr("The token could not be signed.")};
    }
    return Issued{std::move(token), lifetime, granted.join(u' '), jti, now + lifetime};
}

std::optional<TokenService::Verified> TokenService::verify(QByteArrayView token) const
{
    auto claims = Jwt::verify(token, m_key);
    if (!claims || claims->value(u"iss"_s).toString() != m_issuer) {
        return std::nullopt;
    }
    Verified verified;
    verified.clientId = claims->value(u"client_id"_s).toString();
    verified.jti = claims->value(u"jti"_s).toString();
    const QJsonValue iat = claims->value(u"iat"_s);
    const QJsonValue exp = claims->value(u"exp"_s);
    if (verified.clientId.isEmpty() || verified.jti.isEmpty() || !iat.isDouble() || !exp.isDouble()) {
        return std::nullopt;
    }
    verified.issuedAt = iat.toInteger();
    verified.expiresAt = exp.toInteger();
    verified.claims = std::move(*claims);
    return verified;
}

bool TokenService::isActive(const Verified& token) const
{
    return m_tenant.isTokenActive(token.clientId, token.jti, token.issuedAt, token.expiresAt)
        && m_tenant.isTokenSubjectActive(token.clientId, token.claims.value(u"sub"_s).toString(), token.issuedAt);
}

QJsonObject TokenService::introspection(const Verified& token) const
{
    QJsonObject answer{{u"active"_s, true}, {u"token_type"_s, u"Bearer"_s}};
    for (auto it = token.claims.begin(); it != token.claims.end(); ++it) {
        answer.insert(it.key(), it.value());
    }
    return answer;
}

QJsonObject TokenService::jwks() const
{
    return QJsonObject{{u"keys"_s, QJsonArray{m_key.publicJwk()}}};
}

} // namespace appint
