#include "gui/widgets/Clipboard.h"

#include <QClipboard>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QGuiApplication>
#include <QMimeData>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
QByteArray hashOf(const QString& text)
{
    return QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256);
}
} // namespace

Clipboard::Clipboard(QObject* parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &Clipboard::tick);
    // Clear while the event loop still runs (the destructor clears again, for
    // a clipboard that goes before the application quits).
    if (QCoreApplication::instance()) {
        connect(QCoreApplication::instance(), &QCoreApplication::aboutToQuit, this, &Clipboard::clearSecret);
    }
}

Clipboard::~Clipboard()
{
    clearSecret();
}

void Clipboard::setText(const QString& text)
{
    QGuiApplication::clipboard()->setText(text);
    // Whatever secret was there is gone now.
    if (!m_secretHash.isEmpty()) {
        m_secretHash.clear();
        m_timer->stop();
        m_secondsLeft = 0;
        emit secretCountdown(0);
    }
}

void Clipboard::setSecret(const QString& secret)
{
    auto* mime = new QMimeData;
    mime->setText(secret);
    // Ask clipboard managers and history tools not to keep it.
    mime->setData(u"x-kde-passwordManagerHint"_s, "secret"_ba);
    mime->setData(u"ExcludeClipboardContentFromMonitorProcessing"_s, "1"_ba);
    mime->setData(u"application/x-nspasteboard-concealed-type"_s, "secret"_ba);
    QGuiApplication::clipboard()->setMimeData(mime, QClipboard::Clipboard);
    m_secretHash = hashOf(secret);
    m_secondsLeft = m_clearSeconds;
    if (m_clearSeconds > 0) {
        m_timer->start();
    }
    emit secretCountdown(m_secondsLeft);
}

void Clipboard::setClearSeconds(int seconds)
{
    m_clearSeconds = seconds;
    // A secret already on the clipboard does not stay longer than the new time.
    if (m_secondsLeft > seconds && seconds > 0) {
        m_secondsLeft = seconds;
        emit secretCountdown(m_secondsLeft);
    }
}

int Clipboard::clearSeconds() const
{
    return m_clearSeconds;
}

int Clipboard::secondsLeft() const
{
    return m_secondsLeft;
}

bool Clipboard::clipboardHoldsOurSecret() const
{
    const QMimeData* mime = QGuiApplication::clipboard()->mimeData(QClipboard::Clipboard);
    return !m_secretHash.isEmpty() && mime && mime->hasText() && hashOf(mime->text()) == m_secretHash;
}

void Clipboard::clearSecret()
{
    if (m_secretHash.isEmpty()) {
        return;
    }
    if (clipboardHoldsOurSecret()) {
        QGuiApplication::clipboard()->clear(QClipboard::Clipboard);
    }
    m_secretHash.clear();
    m_timer->stop();
    m_secondsLeft = 0;
    emit secretCountdown(0);
}

void Clipboard::tick()
{
    if (!clipboardHoldsOurSecret()) {
        // Someone copied something else: nothing of ours to clear.
        m_secretHash.clear();
        m_timer->stop();
        m_secondsLeft = 0;
        emit secretCountdown(0);
        return;
    }
    --m_secondsLeft;
    if (m_secondsLeft <= 0) {
        clearSecret();
        return;
    }
    emit secretCountdown(m_secondsLeft);
}

} // namespace appint
