#pragma once

#include "core/Clock.h"

#include <atomic>

namespace appint::test {

// A clock the test sets and advances. Thread-safe: the server may read it from
// its own thread while the test moves it.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 now = 1'750'000'000)
        : m_now(now)
    {
    }

    qint64 now() const override { return m_now.load(); }
    void set(qint64 now) { m_now.store(now); }
    void advance(qint64 seconds) { m_now.fetch_add(seconds); }

private:
    std::atomic<qint64> m_now;
};

} // namespace appint::test
