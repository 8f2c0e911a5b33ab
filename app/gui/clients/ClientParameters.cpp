#include "gui/clients/ClientParameters.h"

#include "core/OAuthNames.h"

using namespace Qt::StringLiterals;

namespace appint {

bool ClientParameters::usesSamlFlow(const Client& client)
{
    return client.grantTypes.contains(oauth::GrantSaml2Bearer);
}

QString ClientParameters::flowName(const Client& client)
{
    return usesSamlFlow(client) ? tr("OAuth2SAMLBearer Principal Propagation Flow")
                                : tr("Standard OAuth2 Authorization Flow");
}

QList<ClientParameters::Parameter> ClientParameters::parameters(const Client& client, const TenantInfo& tenant)
{
    QList<Parameter> result;
    result.append({tr("Client ID"), client.clientId});
    result.append({tr("Secret"),
                   client.secretRetrievable ? tr("(use Show Secret to see it)")
                                            : tr("(shown once when the client was created or its expiry extended)")});
    if (usesSamlFlow(client)) {
        result.append({tr("OAuth2SAML Token URL"), tenant.samlTokenUrl});
        result.append({tr("OAuth2SAML Audience"), tenant.samlAudience});
        return result;
    }
    if (client.purpose != Purpose::Technical) {
        // Not required for Technical User clients (seed 001).
        result.append({tr("Authorization URL"), tenant.authorizationUrl});
    }
    result.append({tr("Token URL"), tenant.tokenUrl});
    return result;
}

QString ClientParameters::text(const Client& client, const TenantInfo& tenant)
{
    QStringList lines;
    lines.append(tr("OAuth client \"%1\" (%2, %3)")
                     .arg(client.clientName, purposeDisplayName(client.purpose), flowName(client)));
    for (const Parameter& parameter : parameters(client, tenant)) {
        lines.append(parameter.name + u": "_s + parameter.value);
    }
    return lines.join(u'\n') + u'\n';
}

} // namespace appint
