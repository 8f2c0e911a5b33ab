#include "core/Duration.h"

#include "core/Client.h"

#include <QCoreApplication>

#include <limits>

namespace appint {

namespace {
class Duration
{
    Q_DECLARE_TR_FUNCTIONS(Duration)

public:
    static QString format(qint64 seconds)
    {
        // Never "%n" or a wrapped number: a value no plural form fits is shown
        // as it is, marked out of range (server items are range-checked
        // before they get here; this is the last line).
        if (seconds < 0 || seconds / 60 > std::numeric_limits<int>::max()) {
            return tr("%1 seconds (out of range)").arg(seconds);
        }
        if (seconds > std::numeric_limits<int>::max() && seconds % 60 != 0) {
            return tr("%1 seconds").arg(seconds);
        }
        const int days = int(seconds / SecondsPerDay);
        const int hours = int(seconds / 3600);
        const int minutes = int(seconds / 60);
        const int rest = int(seconds);
        if (seconds != 0 && seconds % SecondsPerDay == 0) {
            return tr("%n day(s)", nullptr, days);
        }
        if (seconds != 0 && seconds % 3600 == 0) {
            return tr("%n hour(s)", nullptr, hours);
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return tr("%n minute(s)", nullptr, minutes);
        }
        return tr("%n second(s)", nullptr, rest);
    }
};
} // namespace

QString formatDuration(qint64 seconds)
{
    return Duration::format(seconds);
}

} // namespace appint
