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

    static qsizetype displayWidth(const QString& text);

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
};

} // namespace appint
