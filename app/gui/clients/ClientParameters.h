#pragma once

#include "core/Client.h"
#include "core/TenantInfo.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace appint {

// "Copy Parameters": what to hand to the people who will use a client, as
// the seeds list it for the client's purpose and flow. The standard OAuth2
// flow needs Client ID, Secret, Token URL (and the Authorization URL, except
// for Technical User clients); the OAuth2SAMLBearer principal propagation flow
// (API Access with the SAML2.0 Bearer grant) needs Client ID, Secret,
// OAuth2SAML Token URL and OAuth2SAML Audience. The secret is never included:
// its line says where it comes from.
class ClientParameters
{
    Q_DECLARE_TR_FUNCTIONS(ClientParameters)

public:
    struct Parameter
    {
        QString name;
        QString value;
    };

    static bool usesSamlFlow(const Client& client);
    static QString flowName(const Client& client);
    static QList<Parameter> parameters(const Client& client, const TenantInfo& tenant);
    // "Name: value" lines under a heading naming the client and the flow.
    static QString text(const Client& client, const TenantInfo& tenant);
};

} // namespace appint
