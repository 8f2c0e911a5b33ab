#pragma once

#include <QMutex>
#include <QStringList>
#include <QtGlobal>

namespace appint::test {

// Every log line (qDebug ... qCritical, every category) while it lives, for
// tests that prove a secret never reaches a log. The lines still go to the
// previous handler. One at a time.
class LogCapture
{
public:
    LogCapture()
    {
        s_instance = this;
        m_previous = qInstallMessageHandler(&LogCapture::handler);
    }
    ~LogCapture()
    {
        qInstallMessageHandler(m_previous);
        s_instance = nullptr;
    }
    LogCapture(const LogCapture&) = delete;
    LogCapture& operator=(const LogCapture&) = delete;

    QStringList lines() const
    {
        QMutexLocker lock(&m_mutex);
        return m_lines;
    }
    bool contains(const QString& text) const
    {
        QMutexLocker lock(&m_mutex);
        for (const QString& line : m_lines) {
            if (line.contains(text)) {
                return true;
            }
        }
        return false;
    }

private:
    static void handler(QtMsgType type, const QMessageLogContext& context, const QString& message)
    {
        if (LogCapture* self = s_instance) {
            {
                QMutexLocker lock(&self->m_mutex);
                self->m_lines.append(QString::fromLatin1(context.category ? context.category : "") + u": " + message);
            }
            if (self->m_previous) {
                self->m_previous(type, context, message);
            }
        }
    }

    static inline LogCapture* s_instance = nullptr;
    QtMessageHandler m_previous = nullptr;
    mutable QMutex m_mutex;
    QStringList m_lines;
};

} // namespace appint::test
