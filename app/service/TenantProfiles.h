#pragma once

#include "service/SettingsWriteResult.h"
#include "service/TenantProfile.h"

#include <QCoreApplication>
#include <QList>
#include <QSettings>

#include <optional>

namespace appint {

// The tenants an administrator has connected to, in the shared settings
// (SharedSettings): URL, admin client ID and display name, one profile per
// tenant URL, in the order they were first saved. Shared by `appint login`
// and the console's connect dialog and tenant switcher.
//
// Nothing secret is ever written: a TenantProfile has no field for one.
// URLs are normalised the way KeychainKeys normalises them (lower-case scheme
// and host, no default port, no trailing slash, no query, fragment or user
// info), so that a profile and its keychain entry always name the same tenant.
//
// Every read syncs with the file first, so a change that another process made
// (the command line while the console runs) is seen.
class TenantProfiles
{
    Q_DECLARE_TR_FUNCTIONS(TenantProfiles)

public:
    static inline const QString Group = QStringLiteral("tenants");
    static inline const QString FieldUrl = QStringLiteral("url");
    static inline const QString FieldClientId = QStringLiteral("clientId");
    static inline const QString FieldDisplayName = QStringLiteral("displayName");
    static inline const QString FieldUserName = QStringLiteral("userName");

    static constexpr qsizetype DisplayNameMaxLength = 200;
    static constexpr qsizetype ClientIdMaxLength = 256;

    // `settings` is not owned and must outlive this object.
    explicit TenantProfiles(QSettings* settings);

    QList<TenantProfile> profiles() const;
    // The profile of that tenant URL (compared normalised).
    std::optional<TenantProfile> find(QStringView url) const;

    // Adds the profile, or replaces the one with the same (normalised) URL in
    // its place. Refused with field errors (url, clientId, displayName) and
    // nothing changed when a field is not acceptable.
    SettingsWriteResult save(TenantProfile profile);
    // Removes the profile of that URL; ok also when there was none.
    SettingsWriteResult remove(QStringView url);

    static FieldErrors check(const TenantProfile& profile);
    // A user name a browser sign-in may save (the access token's `sub`): 1 to
    // 256 of A–Z, a–z, 0–9 and _ . @ -.
    static bool isUserName(const QString& userName);
    // TenantUrl::normalized, the same as the keychain's keys use.
    static QString normalizedUrl(QStringView url);

private:
    SettingsWriteResult writeAll(const QList<TenantProfile>& profiles);

    QSettings* m_settings;
};

} // namespace appint
