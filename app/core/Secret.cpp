#include "core/Secret.h"

#include <cstring>

namespace appint {

namespace {
void zero(void* data, size_t size)
{
    // volatile writes are not optimised away even though the buffer dies next.
    volatile auto* p = static_cast<volatile unsigned char*>(data);
    for (size_t i = 0; i < size; ++i) {
        p[i] = 0;
    }
}
} // namespace

class Secret::Buffer
{
public:
    explicit Buffer(QByteArray bytes)
        : m_bytes(std::move(bytes))
    {
        m_bytes.detach();
    }
    ~Buffer() { clear(); }
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;

    const QByteArray& bytes() const { return m_bytes; }
    void clear() { wipeBytes(m_bytes); }

private:
    QByteArray m_bytes;
};

Secret::Secret(const QString& text)
{
    if (!text.isEmpty()) {
        m_buffer = std::make_shared<Buffer>(text.toUtf8());
    }
}

Secret Secret::fromUtf8(QByteArray& bytes)
{
    Secret secret;
    if (!bytes.isEmpty()) {
        secret.m_buffer = std::make_shared<Buffer>(QByteArray(bytes.constData(), bytes.size()));
    }
    wipeBytes(bytes);
    return secret;
}

bool Secret::isEmpty() const
{
    return !m_buffer || m_buffer->bytes().isEmpty();
}

qsizetype Secret::size() const
{
    return m_buffer ? m_buffer->bytes().size() : 0;
}

QByteArray Secret::utf8() const
{
    return m_buffer ? QByteArray(m_buffer->bytes().constData(), m_buffer->bytes().size()) : QByteArray();
}

QString Secret::toString() const
{
    return m_buffer ? QString::fromUtf8(m_buffer->bytes()) : QString();
}

void Secret::wipe()
{
    if (m_buffer) {
        m_buffer->clear();
        m_buffer.reset();
    }
}

bool operator==(const Secret& a, const Secret& b)
{
    const QByteArray empty;
    const QByteArray& x = a.m_buffer ? a.m_buffer->bytes() : empty;
    const QByteArray& y = b.m_buffer ? b.m_buffer->bytes() : empty;
    if (x.size() != y.size()) {
        return false;
    }
    unsigned char difference = 0;
    for (qsizetype i = 0; i < x.size(); ++i) {
        difference |= static_cast<unsigned char>(x.at(i) ^ y.at(i));
    }
    return difference == 0;
}

void wipeBytes(QByteArray& bytes)
{
    if (!bytes.isEmpty() && !bytes.isDetached()) {
        // Shared with another owner: only let go of our reference.
        bytes = QByteArray();
        return;
    }
    if (!bytes.isEmpty()) {
        zero(bytes.data(), size_t(bytes.size()));
    }
    bytes.clear();
}

void wipeString(QString& text)
{
    if (!text.isEmpty() && !text.isDetached()) {
        text = QString();
        return;
    }
    if (!text.isEmpty()) {
        zero(text.data(), size_t(text.size()) * sizeof(QChar));
    }
    text.clear();
}

} // namespace appint
