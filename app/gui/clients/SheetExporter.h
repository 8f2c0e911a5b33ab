#pragma once

#include "core/ConnectionSheet.h"
#include "core/SheetFormat.h"

#include <QCoreApplication>
#include <QString>

namespace appint {

// Writes a connection sheet file: the PDF painted by SheetPdfWriter, the
// other formats rendered by ConnectionSheet. The file is written atomically
// (QSaveFile: a temporary file renamed over the target once complete), so a
// failure never leaves half a file or destroys the one it would replace. A
// sheet with the secret gets mode 0600 before its first byte is written, so
// the secret is never readable by others, not even for a moment; other files
// get the usual mode (0666 less the umask).
class SheetExporter
{
    Q_DECLARE_TR_FUNCTIONS(SheetExporter)

public:
    // An empty string when written; otherwise the reason, for people.
    static QString write(const ConnectionSheet& sheet, SheetFormat format, const QString& path);

    // "PDF document (*.pdf)", for the file chooser.
    static QString fileFilter(SheetFormat format);
};

} // namespace appint
