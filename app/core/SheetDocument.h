#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace appint {

// The structured content of a connection sheet, for painters (the GUI's PDF)
// and for the Markdown renderer: a title, sections of label/value rows, and
// notes. Plain data, already translated; values are raw (not escaped).
struct SheetRow
{
    QString label;
    QString value;
    bool monospace = false; // ids, URLs, secrets: set in a fixed-width font
    bool secret = false; // the client secret itself

    friend bool operator==(const SheetRow&, const SheetRow&) = default;
};

struct SheetSection
{
    QString title;
    QString labelHeading; // column titles of the rows, e.g. "Parameter", "Value"
    QString valueHeading;
    QList<SheetRow> rows;
    QStringList notes; // paragraphs under the rows

    friend bool operator==(const SheetSection&, const SheetSection&) = default;
};

struct SheetDocument
{
    QString title;
    QString subtitle;
    QList<SheetSection> sections;
    QStringList notes; // paragraphs at the end

    friend bool operator==(const SheetDocument&, const SheetDocument&) = default;

    // Whether any row holds the secret.
    bool containsSecret() const;
    // The row of that label in the section of that title, or nullptr.
    const SheetRow* findRow(const QString& sectionTitle, const QString& label) const;
};

} // namespace appint
