#pragma once

#include <QSettings>
#include <QString>

namespace appint {

// The console's own settings, in the group "console" of the settings file it
// shares with the command line (SharedSettings): the Preferences and the
// tenant used last. Never a secret.
class ConsolePreferences
{
public:
    static inline const QString ClipboardClearSecondsKey = QStringLiteral("console/clipboardClearSeconds");
    static inline const QString LastTenantKey = QStringLiteral("console/lastTenant");

    static constexpr int DefaultClipboardClearSeconds = 30;
    static constexpr int MinimumClipboardClearSeconds = 5;
    static constexpr int MaximumClipboardClearSeconds = 600;

    // `settings` is not owned and must outlive this object.
    explicit ConsolePreferences(QSettings* settings);

    // Seconds after which a copied secret is cleared from the clipboard;
    // the default for a missing or unusable value, clamped to the range.
    int clipboardClearSeconds() const;
    void setClipboardClearSeconds(int seconds);

    // TenantEntry::id() of the tenant the console used last ("sandbox",
    // "saved:<url>"); empty when none.
    QString lastTenant() const;
    void setLastTenant(const QString& id);

private:
    QSettings* m_settings;
};

} // namespace appint
