#pragma once

#include <QList>
#include <QRectF>
#include <QSizeF>
#include <QString>

namespace appint::test {

// Reads PDFs the way a person's tools do, with poppler-utils (pdftotext,
// pdfinfo, pdftoppm; scripts/install-deps.sh installs them). Every function
// fails loudly (an empty result and `error`) rather than guessing.
class PdfTools
{
public:
    struct Word
    {
        QString text;
        QRectF box; // in points, origin top left
        int page = 0; // from 1
    };

    struct Layout
    {
        QSizeF pageSize; // points
        int pageCount = 0;
        QList<Word> words;
    };

    // The text of every page (pdftotext, UTF-8, reading order).
    static QString text(const QString& pdfPath, QString* error = nullptr);
    // Words with their boxes (pdftotext -bbox).
    static Layout layout(const QString& pdfPath, QString* error = nullptr);
    // Renders one page to `pngPath` at `dpi` (pdftoppm). False with `error` on failure.
    static bool renderPage(const QString& pdfPath, int page, int dpi, const QString& pngPath, QString* error = nullptr);

    // `text` without any white space: a value that the PDF wrapped over
    // several lines is found in the squeezed text as one piece.
    static QString squeezed(const QString& text);
};

} // namespace appint::test
