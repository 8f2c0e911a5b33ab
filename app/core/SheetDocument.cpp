#include "core/SheetDocument.h"

namespace appint {

bool SheetDocument::containsSecret() const
{
    for (const SheetSection& section : sections) {
        for (const SheetRow& row : section.rows) {
            if (row.secret) {
                return true;
            }
        }
    }
    return false;
}

const SheetRow* SheetDocument::findRow(const QString& sectionTitle, const QString& label) const
{
    for (const SheetSection& section : sections) {
        if (section.title != sectionTitle) {
            continue;
        }
        for (const SheetRow& row : section.rows) {
            if (row.label == label) {
                return &row;
            }
        }
    }
    return nullptr;
}

} // namespace appint
