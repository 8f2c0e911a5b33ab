#pragma once

#include <QThreadPool>

#include <atomic>
#include <functional>

namespace appint {

// The server's own threads for Router::Execution::Blocking handlers (a store
// write, a password hash), so that the HTTP threads never wait on them.
// Bounded: `threads` run, at most `queue` more wait; tryStart() refuses
// beyond that and the edge answers 503 with Retry-After.
class BlockingPool
{
public:
    // `threadCleanup` runs once on every pool thread at shutdown (the store
    // closes that thread's database connection).
    BlockingPool(int threads, int queue, std::function<void()> threadCleanup);
    ~BlockingPool();
    BlockingPool(const BlockingPool&) = delete;
    BlockingPool& operator=(const BlockingPool&) = delete;

    // Queues `task`, or returns false at once when the queue is full.
    bool tryStart(std::function<void()> task);
    // Waits for the queued tasks, then cleans up every thread. Idempotent.
    void shutdown();

    int pending() const { return m_pending.load(); }

private:
    QThreadPool m_pool;
    std::function<void()> m_threadCleanup;
    std::atomic<int> m_pending{0};
    const int m_threads;
    const int m_capacity;
    std::atomic<bool> m_shutDown{false};
};

} // namespace appint
