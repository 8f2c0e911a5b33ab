#pragma once

#include <QString>
#include <QStringView>

namespace appint {

// Names of the entries the application keeps in the system keychain. Every
// entry lives under one service name ("appint"); the key says what it is:
//
//   tenant:<tenant url>:<client id>   an administrator's credentials for a tenant
//   client:<tenant url>:<client id>   a client secret saved when it was issued
//   refresh:<tenant url>:<client id>  a user's refresh token from a browser sign-in
//                                     (the client's secret is under tenant:...)
//   outbound:<name>                   an outbound credential (seeds 003, 004)
//   probe:<uuid>                      a short-lived entry of the lock probe
//
// The tenant URL must come normalised (core TenantUrl::normalized: lower-case
// scheme and host, no default port, no trailing slash, no query or fragment)
// so that the same tenant always names the same entry. The callers (app/gui,
// app/cli) normalise it: the URL of every saved TenantProfile already is, and
// this layer links nothing but QtKeychain (architecture.md). Client ids and
// outbound names are kept as they are, except that '%' and ':' are
// percent-encoded: the last ':' of a key therefore always separates the tenant
// URL from the client id. docs/keychain.md has the details.
class KeychainKeys
{
public:
    static QString defaultService() { return QStringLiteral("appint"); }

    static QString tenantCredentials(QStringView tenantUrl, QStringView clientId);
    static QString clientSecret(QStringView tenantUrl, QStringView clientId);
    static QString refreshToken(QStringView tenantUrl, QStringView clientId);
    static QString outboundCredential(QStringView name);
    // A fresh, unique key for the lock probe.
    static QString probe();

    // True for keys of the probe: they never hold anything worth keeping.
    static bool isProbe(QStringView key);
};

} // namespace appint
