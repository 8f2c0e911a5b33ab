#include "cli/TextTable.h"

namespace appint {

TextTable::TextTable(QStringList headers)
    : m_headers(std::move(headers))
{
}

void TextTable::addRow(QStringList cells)
{
    cells.resize(m_headers.size());
    m_rows.append(std::move(cells));
}

qsizetype TextTable::displayWidth(const QString& text)
{
    qsizetype width = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t code = text.at(i).unicode();
        if (text.at(i).isHighSurrogate() && i + 1 < text.size()) {
            code = QChar::surrogateToUcs4(text.at(i), text.at(i + 1));
            ++i;
        }
        const auto category = QChar::category(code);
        if (category == QChar::Mark_NonSpacing || category == QChar::Mark_Enclosing
            || category == QChar::Other_Format) {
            continue;
        }
        // Wide: Hangul Jamo, CJK, Hangul syllables, compatibility forms, fullwidth forms, emoji, CJK extensions.
        const bool wide = (code >= 0x1100 && code <= 0x115F) || (code >= 0x2E80 && code <= 0xA4CF)
            || (code >= 0xAC00 && code <= 0xD7A3) || (code >= 0xF900 && code <= 0xFAFF)
            || (code >= 0xFE30 && code <= 0xFE4F) || (code >= 0xFF00 && code <= 0xFF60)
            || (code >= 0xFFE0 && code <= 0xFFE6) || (code >= 0x1F300 && code <= 0x1F64F)
            || (code >= 0x1F900 && code <= 0x1F9FF) || (code >= 0x20000 && code <= 0x3FFFD);
        width += wide ? 2 : 1;
    }
    return width;
}

void TextTable::widenTo(const QList<qsizetype>& widths)
{
    m_minimumWidths = widths;
}

QList<qsizetype> TextTable::columnWidths() const
{
    QList<qsizetype> widths(m_headers.size(), 0);
    for (qsizetype c = 0; c < widths.size() && c < m_minimumWidths.size(); ++c) {
        widths[c] = m_minimumWidths.at(c);
    }
    const auto measure = [&](const QStringList& cells) {
        for (qsizetype c = 0; c < cells.size(); ++c) {
            widths[c] = std::max(widths[c], displayWidth(cells.at(c)));
        }
    };
    measure(m_headers);
    for (const QStringList& row : m_rows) {
        measure(row);
    }
    return widths;
}

QStringList TextTable::lines() const
{
    QStringList lines = rowLines();
    lines.prepend(format(m_headers, columnWidths()));
    return lines;
}

QStringList TextTable::rowLines() const
{
    const QList<qsizetype> widths = columnWidths();
    QStringList lines;
    lines.reserve(m_rows.size());
    for (const QStringList& row : m_rows) {
        lines.append(format(row, widths));
    }
    return lines;
}

QString TextTable::format(const QStringList& cells, const QList<qsizetype>& widths)
{
    QString line;
    for (qsizetype c = 0; c < cells.size(); ++c) {
        line += cells.at(c);
        if (c + 1 < cells.size()) {
            line += QString(widths.at(c) - displayWidth(cells.at(c)) + 2, QLatin1Char(' '));
        }
    }
    return line;
}

} // namespace appint
