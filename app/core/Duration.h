#pragma once

#include <QString>

namespace appint {

// "1 day", "30 days", "60 minutes", "1 hour", "90 seconds": the largest unit
// that divides the value evenly (translated, with plural forms).
QString formatDuration(qint64 seconds);

} // namespace appint
