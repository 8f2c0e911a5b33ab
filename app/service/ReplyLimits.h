#pragma once

#include "service/Result.h"

#include <QCoreApplication>
#include <QObject>
#include <QTimer>

class QNetworkReply;

namespace appint {

// Limits one QNetworkReply: a total deadline (connect, headers and body
// together: a peer that drips one byte a second is still timed out) and a
// size cap (a Content-Length over the cap, or more bytes received than the
// cap, aborts the reply before more is buffered). Lives as a child of the
// reply. Internal to app/service.
class ReplyLimits : public QObject
{
    Q_OBJECT

public:
    // The size caps of the service layer.
    static constexpr qint64 ClientPageBytes = 64LL * 1024 * 1024;
    static constexpr qint64 TokenAnswerBytes = 1LL * 1024 * 1024;
    static constexpr qint64 MetadataBytes = 1LL * 1024 * 1024;
    static constexpr qint64 ApiAnswerBytes = 16LL * 1024 * 1024;

    // deadlineMs <= 0: no deadline; maxBytes <= 0: no cap.
    ReplyLimits(QNetworkReply* reply, int deadlineMs, qint64 maxBytes);

    // Restarts the deadline with a new length (from now).
    void restartDeadline(int deadlineMs);
    void stopDeadline();

    bool timedOut() const { return m_timedOut; }
    // Refused while it arrived, or (an answer that came at once, before the
    // checks ran) holding more unread bytes than the cap.
    bool tooLarge() const;
    qint64 maxBytes() const { return m_maxBytes; }

    // The failure for an answer over the cap: `peer` names the other side.
    static ResultInfo tooLargeFailure(const QString& peer, qint64 maxBytes);
    // "64 MiB", "1 MiB", "512 KiB".
    static QString sizeText(qint64 bytes);

private:
    void checkSize(qint64 bytes);

    QNetworkReply* m_reply;
    QTimer m_timer;
    qint64 m_maxBytes;
    bool m_timedOut = false;
    bool m_tooLarge = false;
};

} // namespace appint
