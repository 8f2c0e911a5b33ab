#pragma once

#include <QString>
#include <QStringView>
#include <QUrl>

namespace appint {

// The one spelling of a tenant's URL, so that the same tenant always names
// the same profile (app/service TenantProfiles) and the same keychain entry
// (app/keychain KeychainKeys).
class TenantUrl
{
public:
    // "https://tenant.example" for "HTTPS://Tenant.Example:443/": lower-case
    // scheme and host, no default port, no trailing slash, dot segments
    // resolved, no user info, query or fragment. A string that is not an
    // absolute URL with a host is returned trimmed and otherwise unchanged.
    static QString normalized(QStringView tenantUrl);

    // Whether `a` and `b` have one origin (RFC 6454): scheme, host and port
    // (the scheme's default port when none is given), case-insensitively.
    static bool sameOrigin(const QUrl& a, const QUrl& b);
};

} // namespace appint
