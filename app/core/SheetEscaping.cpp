#include "core/SheetEscaping.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace appint::sheet {

namespace {
bool isLineBreakOrControl(char16_t c)
{
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029;
}

QString unicodeEscape(char16_t c)
{
    return u"\\u"_s + QString::number(c, 16).toUpper().rightJustified(4, u'0');
}

QString properties(QStringView text, bool key)
{
    QString out;
    out.reserve(text.size() + 8);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        switch (c) {
        case u' ':
            out += (key || i == 0) ? u"\\ "_s : u" "_s;
            break;
        case u'\t':
            out += u"\\t"_s;
            break;
        case u'\n':
            out += u"\\n"_s;
            break;
        case u'\r':
            out += u"\\r"_s;
            break;
        case u'\f':
            out += u"\\f"_s;
            break;
        case u'\\':
        case u'=':
        case u':':
        case u'#':
        case u'!':
            out += u'\\';
            out += QChar(c);
            break;
        default:
            if (c < 0x20 || c > 0x7e) {
                out += unicodeEscape(c);
            } else {
                out += QChar(c);
            }
        }
    }
    return out;
}
} // namespace

QString jsonString(QStringView text)
{
    // QJsonDocument knows JSON's escapes; take the one string out of an array.
    const QByteArray array = QJsonDocument(QJsonArray{text.toString()}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

QString propertiesKey(QStringView text)
{
    return properties(text, true);
}

QString propertiesValue(QStringView text)
{
    return properties(text, false);
}

QString propertiesComment(QStringView text)
{
    QString out;
    for (QChar c : commentText(text)) {
        out += c.unicode() > 0x7e ? unicodeEscape(c.unicode()) : QString(c);
    }
    return out;
}

QString shellQuote(QStringView text)
{
    QString out = u"'"_s;
    for (QChar c : text) {
        if (c == u'\'') {
            out += u"'\\''"_s;
        } else if (c.unicode() != 0) {
            out += c;
        }
    }
    out += u'\'';
    return out;
}

QString envValue(QStringView text)
{
    const bool singleQuotable = !text.contains(u'\'') && !text.contains(u'\n') && !text.contains(u'\r');
    if (singleQuotable) {
        return shellQuote(text);
    }
    QString out = u"\""_s;
    for (QChar c : text) {
        switch (c.unicode()) {
        case u'\\':
        case u'"':
        case u'$':
        case u'`':
            out += u'\\';
            out += c;
            break;
        case 0:
            break;
        default:
            out += c;
        }
    }
    out += u'"';
    return out;
}

QString commentText(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        out += isLineBreakOrControl(c.unicode()) ? QChar(u' ') : c;
    }
    return out;
}

QString markdownText(QStringView text)
{
    // Inline syntax is escaped everywhere; block markers (- + = at the start,
    // "1." or "1)" after leading digits) only where they would start a block.
    static const QString inlineSpecial = u"\\`*_[]<>|~&#"_s;
    QString out;
    out.reserve(text.size() + 8);
    bool onlySpaces = true; // everything so far was a space
    bool onlyDigits = true; // everything so far (after spaces) was a digit
    bool anyDigit = false;
    for (QChar c : text) {
        if (isLineBreakOrControl(c.unicode())) {
            out += u' ';
            onlySpaces = false;
            onlyDigits = false;
            continue;
        }
        const bool blockStart = onlySpaces && (c == u'-' || c == u'+' || c == u'=');
        const bool listNumber = onlyDigits && anyDigit && (c == u'.' || c == u')');
        if (inlineSpecial.contains(c) || blockStart || listNumber) {
            out += u'\\';
        }
        out += c;
        if (c.isDigit() && (onlySpaces || onlyDigits)) {
            anyDigit = true;
        } else if (!(c == u' ' && onlySpaces)) {
            onlyDigits = false;
        }
        if (c != u' ') {
            onlySpaces = false;
        }
    }
    return out;
}

QString markdownCode(QStringView text, bool inTable)
{
    QString content;
    content.reserve(text.size());
    qsizetype longestRun = 0;
    qsizetype run = 0;
    for (QChar c : text) {
        if (c == u'`') {
            longestRun = std::max(longestRun, ++run);
        } else {
            run = 0;
        }
        if (isLineBreakOrControl(c.unicode())) {
            content += u' ';
        } else if (inTable && c == u'|') {
            content += u"\\|"_s; // GitHub splits table cells before it reads code spans
        } else {
            content += c;
        }
    }
    if (content.isEmpty()) {
        return QString();
    }
    const QString fence(longestRun + 1, u'`');
    // CommonMark strips one space on each side when both are there: pad when
    // the content starts or ends with a backtick or a space.
    const bool pad
        = content.startsWith(u'`') || content.endsWith(u'`') || content.startsWith(u' ') || content.endsWith(u' ');
    if (pad) {
        return fence + u' ' + content + u' ' + fence;
    }
    return fence + content + fence;
}

QString identifier(QStringView text, qsizetype maximumLength)
{
    QString out;
    for (QChar c : text) {
        const char16_t u = c.unicode();
        const bool plain
            = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'-';
        if (plain) {
            out += c;
        } else if (!out.endsWith(u'_')) {
            out += u'_';
        }
    }
    while (out.startsWith(u'_')) {
        out.remove(0, 1);
    }
    out.truncate(maximumLength);
    while (out.endsWith(u'_')) {
        out.chop(1);
    }
    return out;
}

} // namespace appint::sheet
