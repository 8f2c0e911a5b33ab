#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace appint {

// Writes a command's output file atomically (QSaveFile: a temporary file in
// the same folder, renamed over the target once complete), so a failed write
// never leaves half a file or destroys the previous one.
//
// A private file (one that holds a secret) gets mode 0600 before its first
// byte is written, so the secret is never readable by others, not even for a
// moment; a file it replaces is replaced, not rewritten, so the old mode does
// not carry over. Other files get the usual mode (0666 less the umask).
class OutputFile
{
    Q_DECLARE_TR_FUNCTIONS(OutputFile)

public:
    // An empty string when written; otherwise the reason, for people.
    static QString write(const QString& path, const QByteArray& bytes, bool privateFile);
};

} // namespace appint
