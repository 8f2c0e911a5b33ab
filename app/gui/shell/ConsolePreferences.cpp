#include "gui/shell/ConsolePreferences.h"

#include <algorithm>

namespace appint {

ConsolePreferences::ConsolePreferences(QSettings* settings)
    : m_settings(settings)
{
    Q_ASSERT(m_settings);
}

int ConsolePreferences::clipboardClearSeconds() const
{
    m_settings->sync();
    bool ok = false;
    const int seconds = m_settings->value(ClipboardClearSecondsKey).toInt(&ok);
    if (!ok) {
        return DefaultClipboardClearSeconds;
    }
    return std::clamp(seconds, MinimumClipboardClearSeconds, MaximumClipboardClearSeconds);
}

void ConsolePreferences::setClipboardClearSeconds(int seconds)
{
    m_settings->setValue(ClipboardClearSecondsKey,
                         std::clamp(seconds, MinimumClipboardClearSeconds, MaximumClipboardClearSeconds));
    m_settings->sync();
}

QString ConsolePreferences::lastTenant() const
{
    m_settings->sync();
    return m_settings->value(LastTenantKey).toString();
}

void ConsolePreferences::setLastTenant(const QString& id)
{
    if (id.isEmpty()) {
        m_settings->remove(LastTenantKey);
    } else {
        m_settings->setValue(LastTenantKey, id);
    }
    m_settings->sync();
}

} // namespace appint
