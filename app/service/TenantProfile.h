#pragma once

#include <QString>

namespace appint {

// A tenant an administrator has connected to: what the console's tenant
// switcher and `appint --tenant` know about it. Never a secret: the admin
// client's secret is in the system keychain under
// KeychainKeys::tenantCredentials(url, clientId).
struct TenantProfile
{
    QString url; // normalised (TenantProfiles::normalizedUrl)
    QString clientId; // the administrator client
    QString displayName; // the tenant's name (GET /api/v1/tenant), for people
    // The user signed in through the browser (an Interactive Usage client,
    // its refresh token in the keychain under KeychainKeys::refreshToken);
    // empty for an administrator client's login.
    QString userName = {};

    friend bool operator==(const TenantProfile&, const TenantProfile&) = default;

    // The display name, or the URL when there is none.
    QString displayText() const { return displayName.isEmpty() ? url : displayName; }
};

} // namespace appint
