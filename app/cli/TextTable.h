#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace appint {

// A plain text table for the terminal: a header row, columns padded to their
// widest cell and separated by two spaces, the last column not padded.
// Widths count characters as a terminal shows them (East Asian wide
// characters count two).
class TextTable
{
public:
    explicit TextTable(QStringList headers);

    void addRow(QStringList cells);
    qsizetype rowCount() const { return m_rows.size(); }

    // The lines, each without a line break.
    QStringList lines() const;
    // The rows' lines without the header line.
    QStringList rowLines() const;

    // A table printed in parts (a list streamed page by page): each part's
    // columns at least as wide as the part before, so that they line up
    // unless a later cell is wider than any before it.
    void widenTo(const QList<qsizetype>& widths);
    // The widths lines() uses: the widest cell of each column, at least the
    // widths given to widenTo().
    QList<qsizetype> columnWidths() const;

    static qsizetype displayWidth(const QString& text);

private:
    static QString format(const QStringList& cells, const QList<qsizetype>& widths);

    QStringList m_headers;
    QList<QStringList> m_rows;
    QList<qsizetype> m_minimumWidths;
};

} // namespace appint
