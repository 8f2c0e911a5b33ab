#pragma once

#include "core/OutboundCredential.h"
#include "service/SettingsWriteResult.h"

#include <QSettings>

#include <optional>

namespace appint {

// The saved outbound credentials (seeds 003, 004) in the shared settings
// (SharedSettings), without their secrets: those live in the system keychain
// under KeychainKeys::outboundCredential(name), encoded by
// OutboundSecretsCodec. Shared by the console's "Outbound Credentials" page
// and `appint token --credential NAME`.
//
// Each credential is one entry of the array "outboundCredentials" with its
// name and its seed 004 property map (OutboundCredential::toSettings()) as
// one JSON text: property keys may hold '/' (tokenService.body.<key>), which
// QSettings would take for a group separator. toSettings() never holds a
// secret, and entries read back go through fromSettings(), which ignores
// secret keys a hand-edited file might carry.
class OutboundCredentialSettings
{
public:
    static inline const QString Group = QStringLiteral("outboundCredentials");
    static inline const QString FieldName = QStringLiteral("name");
    static inline const QString FieldProperties = QStringLiteral("properties");

    // `settings` is not owned and must outlive this object.
    explicit OutboundCredentialSettings(QSettings* settings);

    // In the order they were first saved.
    OutboundCredentials credentials() const;
    QStringList names() const;
    // Names are unique ignoring case (OutboundCredentialRules): so is the lookup.
    std::optional<OutboundCredential> find(QStringView name) const;

    // Saves a new credential, or replaces the one called `previousName` (an
    // edit, which may rename it) in its place. Refused with the field errors of
    // OutboundCredentialRules::check() (its name taken by another one
    // included), and nothing changed, when the credential is not valid.
    // Renaming does not move the keychain entry: the caller does that.
    SettingsWriteResult save(const OutboundCredential& credential, const QString& previousName = QString());
    // Removes the credential of that name; ok also when there was none.
    SettingsWriteResult remove(QStringView name);

private:
    SettingsWriteResult writeAll(const OutboundCredentials& credentials);

    QSettings* m_settings;
};

} // namespace appint
