#pragma once

#include "service/TenantProfile.h"

#include <QCoreApplication>
#include <QString>

namespace appint {

// One tenant in the console's switcher: the local sandbox tenant (always
// there), a tenant given on the command line (--tenant, for scripts and
// tests; not saved), or a saved tenant (TenantProfiles, its secret in the
// system keychain).
struct TenantEntry
{
    Q_DECLARE_TR_FUNCTIONS(TenantEntry)

public:
    enum class Kind { Sandbox, CommandLine, Saved };

    Kind kind = Kind::Sandbox;
    QString url; // the sandbox's once it runs; normalised for saved tenants
    QString clientId; // the administrator client
    QString displayName;
    // A user signed in through the browser with the client above (an
    // Interactive Usage client); empty for an administrator client.
    QString userName = {};

    static TenantEntry sandbox();
    static TenantEntry fromProfile(const TenantProfile& profile);

    // "sandbox", "cli:<url>", "saved:<url>": stable across runs (except the
    // command line's), for ConsolePreferences::lastTenant.
    QString id() const;
    // For people: "Local sandbox tenant", the tenant's name, or its URL.
    QString displayText() const;
    // For the status bar: where the console is connected, and as whom
    // (`userRoles`: the signed-in user's roles, as the tenant granted them).
    QString connectionText(const QStringList& userRoles = {}) const;
    TenantProfile profile() const;

    friend bool operator==(const TenantEntry&, const TenantEntry&) = default;
};

} // namespace appint
