#pragma once

#include <QCoreApplication>
#include <QSettings>

#include <memory>

namespace appint {

// The settings file the console and the command line share, whatever the
// program's own name: organisation and application "appint", the platform's
// native format and user scope ($XDG_CONFIG_HOME/appint/appint.conf on Linux).
// Only non-secret values go there (TenantProfiles, OutboundCredentialSettings);
// secrets live in the system keychain.
class SharedSettings
{
    Q_DECLARE_TR_FUNCTIONS(SharedSettings)

public:
    static QString organizationName() { return QStringLiteral("appint"); }
    static QString applicationName() { return QStringLiteral("appint"); }

    static std::unique_ptr<QSettings> open();

    // A message for people when `settings` could not be read or written, else
    // an empty string. Call after sync().
    static QString problem(const QSettings& settings);
};

} // namespace appint
