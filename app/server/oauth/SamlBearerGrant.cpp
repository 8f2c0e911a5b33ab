#include "server/oauth/SamlBearerGrant.h"

#include "core/Clock.h"
#include "core/OAuthNames.h"
#include "server/oauth/SamlAssertionVerifier.h"
#include "server/oauth/SamlReplayCache.h"
#include "server/oauth/TokenService.h"
#include "server/tenant/IdentityProviders.h"

#include <QJsonObject>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace appint {

Q_LOGGING_CATEGORY(lcSamlGrant, "appint.server.saml", QtInfoMsg)

namespace {

// base64url of MaximumSize bytes, with room for padding and line breaks.
constexpr qsizetype MaximumEncodedSize = (SamlAssertionVerifier::MaximumSize + 2) / 3 * 4 + 1024;

} // namespace

SamlBearerGrant::SamlBearerGrant(const IdentityProviders& providers, SamlReplayCache& replays,
                                 const TokenService& tokens, const Clock& clock, TenantInfo info, UserLookup users)
    : m_providers(providers)
    , m_replays(replays)
    , m_tokens(tokens)
    , m_clock(clock)
    , m_info(std::move(info))
    , m_users(std::move(users))
{
}

HttpResponse SamlBearerGrant::grant(const StoredClient& stored, const FormData& params) const
{
    const Client& client = stored.client;
    if (client.purpose != Purpose::Api || !client.grantTypes.contains(oauth::GrantSaml2Bearer)) {
        return HttpResponse::oauthError(400, "unauthorized_client",
                                        tr("This client may not use the SAML 2.0 bearer grant: only API Access "
                                           "clients whose grant_types hold %1 may.")
                                            .arg(oauth::GrantSaml2Bearer));
    }
    const auto refuse = [&](const QString& rule) {
        qCInfo(lcSamlGrant).noquote() << "SAML bearer grant refused for client" << client.clientId << "-" << rule;
        return HttpResponse::oauthError(400, "invalid_grant", rule);
    };
    const auto encoded = params.value(u"assertion"_s);
    if (!encoded || encoded->isEmpty()) {
        return HttpResponse::oauthError(400, "invalid_request", tr("The assertion parameter is missing."));
    }
    if (encoded->size() > MaximumEncodedSize) {
        return refuse(tr("The assertion is larger than %1 KiB.").arg(SamlAssertionVerifier::MaximumSize / 1024));
    }
    QByteArray text = encoded->toLatin1();
    if (QString::fromLatin1(text) != *encoded) {
        return refuse(tr("The assertion parameter is not base64url."));
    }
    const auto decoded
        = QByteArray::fromBase64Encoding(text, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty()) {
        return refuse(tr("The assertion parameter is not base64url (RFC 4648 §5) of a SAML 2.0 Assertion."));
    }
    const qint64 now = m_clock.now();
    const SamlAssertionVerifier::Expectations expected{m_info.samlAudience, m_info.samlTokenUrl, now, 60};
    const auto trust = [this](const QString& entityId) -> std::optional<QList<QByteArray>> {
        const auto idp = m_providers.byEntityId(entityId);
        if (!idp) {
            return std::nullopt;
        }
        QList<QByteArray> certificates;
        for (const Certificate& certificate : idp->certificates) {
            certificates.append(certificate.der);
        }
        return certificates;
    };
    const auto result = SamlAssertionVerifier::verify(decoded.decoded, trust, expected);
    if (const auto* refused = std::get_if<SamlAssertionVerifier::Refused>(&result)) {
        return refuse(refused->rule);
    }
    const auto& accepted = std::get<SamlAssertionVerifier::Accepted>(result);

    const std::optional<User> user = m_users ? m_users(accepted.nameId) : std::nullopt;
    if (!user) {
        return refuse(tr("The assertion's NameID does not name a user of this tenant."));
    }
    if (!user->active) {
        return refuse(tr("The assertion's NameID names a deactivated user."));
    }

    switch (m_replays.consume(accepted.issuer, accepted.assertionId, accepted.acceptableUntil, now)) {
    case SamlReplayCache::Result::Fresh:
        break;
    case SamlReplayCache::Result::Replayed:
        return refuse(tr("The assertion's ID was used before: an assertion works once (replay refused)."));
    case SamlReplayCache::Result::Full: {
        HttpResponse response = HttpResponse::oauthError(
            503, "temporarily_unavailable", tr("Too many SAML assertions are in use right now; try again later."));
        response.withHeader("Retry-After", "60");
        return response;
    }
    case SamlReplayCache::Result::Failed:
        return HttpResponse::oauthError(500, "server_error", tr("The assertion's use could not be recorded."));
    }

    TokenService::Request request;
    request.scope = params.value(u"scope"_s);
    request.resources = params.values(u"resource"_s);
    request.audience = params.value(u"audience"_s);
    request.user = SignInUser{QString(), user->userName, user->active, user->roles};
    const auto issued = m_tokens.issue(stored, request, now);
    if (const auto* error = std::get_if<TokenService::Error>(&issued)) {
        return HttpResponse::oauthError(error->code == "server_error" ? 500 : 400, error->code, error->description);
    }
    const auto& token = std::get<TokenService::Issued>(issued);
    qCInfo(lcSamlGrant).noquote() << "SAML bearer grant for client" << client.clientId << "user" << user->userName;
    return HttpResponse::json(QJsonObject{
        {u"access_token"_s, QString::fromLatin1(token.accessToken)},
        {u"token_type"_s, u"Bearer"_s},
        {u"expires_in"_s, token.expiresIn},
        {u"scope"_s, token.scope},
    });
}

} // namespace appint
