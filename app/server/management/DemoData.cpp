#include "server/management/DemoData.h"

#include "core/ClientRules.h"
#include "core/OAuthNames.h"
#include "server/crypto/Crypto.h"
#include "server/tenant/Users.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

Role scopedRole(const QString& id, const QString& name, const QString& description, const QStringList& spaces)
{
    Role role;
    role.roleId = id;
    role.name = name;
    role.description = description;
    role.scope = RoleScope::Scoped;
    role.spaces = spaces;
    return role;
}

Tenant::Seed client(Purpose purpose, const QString& name, qint64 issuedAt, bool legacy)
{
    Tenant::Seed seed;
    seed.client = ClientRules::withDefaults(purpose, issuedAt);
    seed.client.clientId = Tenant::newClientId();
    seed.client.clientName = name;
    seed.client.clientIdIssuedAt = issuedAt;
    seed.secret = Tenant::newSecret();
    seed.retrievable = legacy;
    return seed;
}

} // namespace

DemoData::Content DemoData::make(qint64 now)
{
    Content content;
    content.spaces = {
        {u"FINANCE"_s, u"Finance"_s},
        {u"HR"_s, u"Human Resources"_s},
        {u"MARKETING"_s, u"Marketing"_s},
        {u"SALES"_s, u"Sales"_s},
    };
    content.roles = {
        scopedRole(u"FINANCE_VIEWER"_s, u"Finance Viewer"_s, u"Reads the finance models."_s, {u"FINANCE"_s}),
        scopedRole(u"HR_INTEGRATOR"_s, u"HR Integrator"_s, u"Loads HR data."_s, {u"HR"_s}),
        scopedRole(u"SALES_MODELER"_s, u"Sales Modeler"_s, u"Models sales and marketing data."_s,
                   {u"SALES"_s, u"MARKETING"_s}),
    };
    const qint64 day = SecondsPerDay;
    // A legacy client from before the copy-once rule (v2024.08).
    const qint64 legacyIssued = QDateTime(QDate(2023, 11, 14), QTime(9, 30), Qt::UTC).toSecsSinceEpoch();

    // Technical users: active, expiring within 14 days, expired, legacy.
    Tenant::Seed active = client(Purpose::Technical, u"Nightly data load"_s, now - 30 * day, false);
    active.client.userId = u"NIGHTLY_LOAD"_s;
    active.client.roles = {{u"DW_INTEGRATOR"_s, {}}, {u"SALES_MODELER"_s, {u"SALES"_s}}};
    active.client.clientSecretExpiresAt = now + 180 * day;
    content.clients.append(active);

    Tenant::Seed expiring = client(Purpose::Technical, u"Transport pipeline"_s, now - 85 * day, false);
    expiring.client.userId = u"TRANSPORT_CI"_s;
    expiring.client.roles = {{u"DW_MODELER"_s, {}}};
    expiring.client.clientSecretExpiresAt = now + 5 * day;
    content.clients.append(expiring);

    Tenant::Seed expired = client(Purpose::Technical, u"Signavio connector"_s, now - 93 * day, false);
    expired.client.userId = u"SIGNAVIO_SYNC"_s;
    expired.client.roles = {{u"FINANCE_VIEWER"_s, {u"FINANCE"_s}}};
    expired.client.clientSecretExpiresAt = now - 3 * day;
    content.clients.append(expired);

    Tenant::Seed technicalLegacy = client(Purpose::Technical, u"OData reporting (legacy)"_s, legacyIssued, true);
    technicalLegacy.client.userId = u"ODATA_REPORTS"_s;
    technicalLegacy.client.roles = {{u"DW_VIEWER"_s, {}}, {u"HR_INTEGRATOR"_s, {u"HR"_s}}};
    technicalLegacy.client.clientSecretExpiresAt = now + 365 * day;
    content.clients.append(technicalLegacy);

    // API access: client credentials, SAML bearer, legacy.
    Tenant::Seed scim = client(Purpose::Api, u"SCIM user provisioning"_s, now - 12 * day, false);
    scim.client.access = {oauth::AccessUserProvisioning};
    content.clients.append(scim);

    Tenant::Seed transport = client(Purpose::Api, u"Content network transport"_s, now - 40 * day, false);
    transport.client.access = {oauth::AccessContentNetwork};
    transport.client.grantTypes = {oauth::GrantSaml2Bearer};
    content.clients.append(transport);

    Tenant::Seed apiLegacy = client(Purpose::Api, u"SCIM sync (legacy)"_s, legacyIssued, true);
    apiLegacy.client.access = {oauth::AccessUserProvisioning, oauth::AccessContentNetwork};
    content.clients.append(apiLegacy);

    // Interactive usage: active and legacy.
    Tenant::Seed cli = client(Purpose::Interactive, u"Datasphere CLI"_s, now - 7 * day, false);
    cli.client.redirectUris = {u"http://localhost:8080/**"_s};
    content.clients.append(cli);

    Tenant::Seed odata = client(Purpose::Interactive, u"SAC OData import (legacy)"_s, legacyIssued, true);
    odata.client.redirectUris = {u"https://sac.example.com/oauth/callback"_s};
    content.clients.append(odata);

    // Users: with global and scoped roles, without roles, and deactivated.
    const auto user = [&](const QString& userName, const QString& given, const QString& family,
                          const RoleAssignments& roles, bool enabled) {
        TenantUser made
            = Users::makeSeed(userName, given + u' ' + family, roles, Crypto::randomToken(24), now - 30 * day, enabled);
        made.givenName = given;
        made.familyName = family;
        made.emails = {UserEmail{u"%1.%2@example.com"_s.arg(given.toLower(), family.toLower()), true}};
        content.users.append(made);
    };
    user(u"ANNA_MUELLER"_s, u"Anna"_s, u"Mueller"_s, {{u"DW_MODELER"_s, {}}, {u"SALES_MODELER"_s, {u"SALES"_s}}}, true);
    user(u"BEN_SCHMIDT"_s, u"Ben"_s, u"Schmidt"_s, {{u"DW_VIEWER"_s, {}}}, true);
    user(u"CARLA_ROSSI"_s, u"Carla"_s, u"Rossi"_s, {{u"DW_INTEGRATOR"_s, {}}}, false);
    user(u"DAVID_KIM"_s, u"David"_s, u"Kim"_s, {}, true);

    return content;
}

} // namespace appint
