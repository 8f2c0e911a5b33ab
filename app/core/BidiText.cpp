#include "core/BidiText.h"

namespace appint {

bool BidiText::isControl(char16_t c)
{
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

QString BidiText::stripControls(const QString& text)
{
    QString stripped;
    stripped.reserve(text.size());
    for (const QChar c : text) {
        if (!isControl(c.unicode())) {
            stripped.append(c);
        }
    }
    return stripped;
}

QString BidiText::isolate(const QString& text)
{
    if (text.isEmpty()) {
        return text;
    }
    return QChar(FirstStrongIsolate) + stripControls(text) + QChar(PopDirectionalIsolate);
}

} // namespace appint
