#pragma once

#include <QIcon>
#include <QString>

namespace appint {

// The application's icons (resources/icons/*.svg, compiled in under
// :/icons). Each icon is loaded once and released when the application quits.
class Icons
{
public:
    static QIcon icon(const QString& name);

    static QIcon statusExpired();
    static QIcon statusExpiring();
    static QIcon application();
};

} // namespace appint
