#include "service/ReplyLimits.h"

#include <QNetworkReply>

namespace appint {

namespace {
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(ReplyLimits)
};
} // namespace

ReplyLimits::ReplyLimits(QNetworkReply* reply, int deadlineMs, qint64 maxBytes)
    : QObject(reply)
    , m_reply(reply)
    , m_maxBytes(maxBytes)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_tooLarge || m_reply->isFinished()) {
            return;
        }
        m_timedOut = true;
        m_reply->abort();
    });
    if (deadlineMs > 0) {
        m_timer.start(deadlineMs);
    }
    if (m_maxBytes > 0) {
        connect(reply, &QNetworkReply::metaDataChanged, this, [this] {
            bool ok = false;
            const qint64 announced = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&ok);
            if (ok) {
                checkSize(announced);
            }
        });
        connect(reply, &QNetworkReply::downloadProgress, this,
                [this](qint64 received, qint64) { checkSize(received); });
    }
}

void ReplyLimits::restartDeadline(int deadlineMs)
{
    if (m_timedOut || m_tooLarge) {
        return;
    }
    if (deadlineMs > 0) {
        m_timer.start(deadlineMs);
    } else {
        m_timer.stop();
    }
}

void ReplyLimits::stopDeadline()
{
    m_timer.stop();
}

bool ReplyLimits::tooLarge() const
{
    return m_tooLarge || (m_maxBytes > 0 && m_reply->isOpen() && m_reply->bytesAvailable() > m_maxBytes);
}

void ReplyLimits::checkSize(qint64 bytes)
{
    if (m_tooLarge || m_timedOut || bytes <= m_maxBytes || m_reply->isFinished()) {
        return;
    }
    m_tooLarge = true;
    m_timer.stop();
    m_reply->abort();
}

QString ReplyLimits::sizeText(qint64 bytes)
{
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
        return Tr::tr("%1 MiB").arg(bytes / (1024 * 1024));
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
        return Tr::tr("%1 KiB").arg(bytes / 1024);
    }
    return Tr::tr("%n byte(s)", nullptr, int(std::min<qint64>(bytes, std::numeric_limits<int>::max())));
}

ResultInfo ReplyLimits::tooLargeFailure(const QString& peer, qint64 maxBytes)
{
    ResultInfo info;
    info.status = ResultStatus::Protocol;
    info.message = Tr::tr("The answer of %1 is larger than %2; it was refused and not read further.")
                       .arg(peer, sizeText(maxBytes));
    return info;
}

} // namespace appint
