#include "core/Clock.h"

#include <QDateTime>

namespace appint {

namespace {
class SystemClock final : public Clock
{
public:
    qint64 now() const override { return QDateTime::currentSecsSinceEpoch(); }
};
} // namespace

const Clock& Clock::system()
{
    static const SystemClock clock;
    return clock;
}

} // namespace appint
