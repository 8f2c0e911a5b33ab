#pragma once

#include "core/SheetDocument.h"

#include <QCoreApplication>
#include <QString>

class QIODevice;

namespace appint {

// Paints a connection sheet (core SheetDocument) as a PDF on A4 paper: a
// title block, one section per SheetSection with its rows in two aligned
// columns (labels left, values right), the section notes under the rows, the
// document notes at the end, and on every page a footer with the generation
// time and "Page n of m". Long values wrap inside their column (ids, URLs and
// secrets, set in a fixed-width font, wrap after '/', '?', '&', ... and, when
// a run has no such place, anywhere); nothing is clipped. A row is never split
// across pages, and a section title never stands alone at the bottom of one.
//
// The secret row, when the document has one, is shaded, and the first page
// says the sheet contains a secret. What the document does not contain, the
// PDF does not either: it is painted from the document alone.
//
// Needs a QGuiApplication (fonts). The command line starts one on the
// offscreen platform for this.
class SheetPdfWriter
{
    Q_DECLARE_TR_FUNCTIONS(SheetPdfWriter)

public:
    explicit SheetPdfWriter(SheetDocument document);

    // Unix seconds, for the footer ("Generated 2026-05-04 10:15 UTC"). Without
    // it the footer has only the page numbers.
    void setGeneratedAt(qint64 unixSeconds) { m_generatedAt = unixSeconds; }
    // The PDF's Creator entry ("App Integration Console 0.1.0").
    void setCreator(const QString& creator) { m_creator = creator; }

    // Writes the PDF to `device` (open for writing). False with
    // errorString() when there is no QGuiApplication or the device fails.
    bool write(QIODevice* device);
    // The PDF as bytes; empty with errorString() on failure.
    QByteArray toPdf();

    QString errorString() const { return m_error; }
    // Pages of the last write().
    int pageCount() const { return m_pageCount; }

    // Text of the first page's marker and of the footer, for tests.
    static QString containsSecretMarker();
    static QString footerText(qint64 generatedAt, int page, int pageCount);

private:
    SheetDocument m_document;
    qint64 m_generatedAt = 0;
    QString m_creator;
    QString m_error;
    int m_pageCount = 0;
};

} // namespace appint
