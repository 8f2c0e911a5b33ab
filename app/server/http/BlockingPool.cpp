#include "server/http/BlockingPool.h"

#include <QSemaphore>
#include <QThread>

using namespace Qt::StringLiterals;

namespace appint {

BlockingPool::BlockingPool(int threads, int queue, std::function<void()> threadCleanup)
    : m_threadCleanup(std::move(threadCleanup))
    , m_threads(std::max(threads, 1))
    , m_capacity(std::max(threads, 1) + std::max(queue, 0))
{
    m_pool.setObjectName(u"appint-blocking"_s);
    m_pool.setMaxThreadCount(m_threads);
    // Threads live until shutdown(): each keeps its database connection.
    m_pool.setExpiryTimeout(-1);
}

BlockingPool::~BlockingPool()
{
    shutdown();
}

bool BlockingPool::tryStart(std::function<void()> task)
{
    if (m_shutDown || m_pending.fetch_add(1) >= m_capacity) {
        if (!m_shutDown) {
            m_pending.fetch_sub(1);
        }
        return false;
    }
    m_pool.start([this, task = std::move(task)] {
        QThread* thread = QThread::currentThread();
        if (thread->objectName().isEmpty()) {
            thread->setObjectName(u"appint-blocking"_s); // for logs and debuggers
        }
        task();
        m_pending.fetch_sub(1);
    });
    return true;
}

void BlockingPool::shutdown()
{
    if (m_shutDown) {
        return;
    }
    m_shutDown = true;
    m_pool.waitForDone();
    if (!m_threadCleanup) {
        return;
    }
    // One cleanup task per thread: each waits until all have started, so no
    // thread can run two of them.
    QSemaphore started;
    for (int i = 0; i < m_threads; ++i) {
        m_pool.start([this, &started] {
            m_threadCleanup();
            started.release();
            started.acquire(m_threads);
            started.release(m_threads);
        });
    }
    m_pool.waitForDone();
}

} // namespace appint
