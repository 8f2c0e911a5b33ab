#pragma once

#include "core/RoleAssignment.h"
#include "core/TenantInfo.h"
#include "server/http/FormData.h"
#include "server/http/HttpResponse.h"
#include "server/storage/StoredClient.h"

#include <QCoreApplication>

#include <functional>
#include <optional>

namespace appint {

class Clock;
class IdentityProviders;
class SamlReplayCache;
class TokenService;

// The SAML 2.0 bearer grant (RFC 7522) at the tenant's saml_token_url, for an
// API Access client that already authenticated: checks the assertion
// (SamlAssertionVerifier), that its NameID names an active tenant user and
// that its ID was not used before (SamlReplayCache), then issues an access
// token for that user with the user's roles. Every refusal is invalid_grant
// with an error_description naming the failed rule; the assertion itself is
// never echoed or logged.
class SamlBearerGrant
{
    Q_DECLARE_TR_FUNCTIONS(SamlBearerGrant)

public:
    // The tenant user a NameID names, as far as the grant needs it.
    struct User
    {
        QString userName;
        bool active = false;
        RoleAssignments roles;
    };
    // The user named `userName`, or nullopt when the tenant has none.
    using UserLookup = std::function<std::optional<User>(const QString& userName)>;

    SamlBearerGrant(const IdentityProviders& providers, SamlReplayCache& replays, const TokenService& tokens,
                    const Clock& clock, TenantInfo info, UserLookup users);

    // The answer to a token request of an authenticated client.
    HttpResponse grant(const StoredClient& client, const FormData& params) const;

private:
    const IdentityProviders& m_providers;
    SamlReplayCache& m_replays;
    const TokenService& m_tokens;
    const Clock& m_clock;
    const TenantInfo m_info;
    const UserLookup m_users;
};

} // namespace appint
