#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

namespace appint {

// A secret value (client secret, password, access token) held in one buffer
// that is overwritten with zeros when the last copy goes away or wipe() is
// called. Copies share the buffer, so a Secret can travel through callbacks
// without leaving stray duplicates behind. It has no implicit conversion and no
// QDebug operator: to print it one has to ask for it by name.
//
// Best effort: the bytes a Secret was made from, and the copies handed out by
// utf8() or toString(), are the caller's to wipe (wipeBytes / wipeString).
class Secret
{
public:
    Secret() = default;
    // Copies the UTF-8 form of `text`.
    explicit Secret(const QString& text);
    // Takes the bytes and wipes the source buffer.
    static Secret fromUtf8(QByteArray& bytes);

    bool isEmpty() const;
    qsizetype size() const;

    // Copies, to be used at once and wiped by the caller where it can.
    QByteArray utf8() const;
    QString toString() const;

    // Overwrites the shared buffer with zeros and empties every copy: for the
    // owner that is done with the value everywhere (a secret view closing).
    // To let go of one copy only, assign Secret().
    void wipe();

    // Constant-time comparison of the bytes.
    friend bool operator==(const Secret& a, const Secret& b);

private:
    class Buffer;
    std::shared_ptr<Buffer> m_buffer;
};

// Overwrites the bytes or characters with zeros (detaching first, so another
// owner of shared data is not touched) and empties the container.
void wipeBytes(QByteArray& bytes);
void wipeString(QString& text);

} // namespace appint
