#include "core/Duration.h"

#include "core/Client.h"

#include <QCoreApplication>

namespace appint {

namespace {
class Duration
{
    Q_DECLARE_TR_FUNCTIONS(Duration)

public:
    static QString format(qint64 seconds)
    {
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
