#include "server/http/JsonText.h"

#include <QString>

namespace appint {

namespace {

bool isForbiddenControl(char32_t c)
{
    return (c < 0x20 && c != u'\t' && c != u'\n' && c != u'\r') || (c >= 0x7f && c <= 0x9f);
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// The code unit of a "\uXXXX" escape starting at `at` (the backslash), or -1.
int escapedUnit(QByteArrayView text, qsizetype at)
{
    if (at + 6 > text.size() || text[at + 1] != 'u') {
        return -1;
    }
    int unit = 0;
    for (qsizetype i = at + 2; i < at + 6; ++i) {
        const int digit = hexValue(text[i]);
        if (digit < 0) {
            return -1;
        }
        unit = unit * 16 + digit;
    }
    return unit;
}

// Decodes one UTF-8 sequence at `at`; returns its length, or 0 if invalid.
qsizetype decodeUtf8(QByteArrayView text, qsizetype at, char32_t* out)
{
    const auto byte = [&](qsizetype i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    qsizetype length = 0;
    char32_t c = 0;
    char32_t minimum = 0;
    if (lead < 0x80) {
        *out = lead;
        return 1;
    } else if (lead >= 0xc2 && lead <= 0xdf) {
        length = 2;
        c = lead & 0x1f;
        minimum = 0x80;
    } else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3;
        c = lead & 0x0f;
        minimum = 0x800;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4;
        c = lead & 0x07;
        minimum = 0x10000;
    } else {
        return 0;
    }
    if (at + length > text.size()) {
        return 0;
    }
    for (qsizetype i = 1; i < length; ++i) {
        if ((byte(at + i) & 0xc0) != 0x80) {
            return 0;
        }
        c = (c << 6) | (byte(at + i) & 0x3f);
    }
    if (c < minimum || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
        return 0;
    }
    *out = c;
    return length;
}

enum class Problem { None, Utf8, Surrogate, Control };

// Scans the string whose opening quote is at `at`; sets `end` to the index
// after its closing quote (or text.size()) and `decoded` to its text.
Problem scanString(QByteArrayView text, qsizetype at, qsizetype* end, QString* decoded)
{
    Problem problem = Problem::None;
    const auto note = [&](Problem p) {
        if (problem == Problem::None) {
            problem = p;
        }
    };
    qsizetype i = at + 1;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '"') {
            *end = i + 1;
            return problem;
        }
        if (c == '\\') {
            const int unit = escapedUnit(text, i);
            if (unit < 0) {
                if (i + 1 < text.size()) {
                    const char e = text[i + 1];
                    decoded->append(e == 'n'       ? QChar(u'\n')
                                        : e == 't' ? QChar(u'\t')
                                        : e == 'r' ? QChar(u'\r')
                                                   : QChar(QLatin1Char(e)));
                    if (e == 'b' || e == 'f') {
                        note(Problem::Control);
                    }
                }
                i += 2;
                continue;
            }
            if (unit >= 0xd800 && unit <= 0xdbff) {
                const int low = escapedUnit(text, i + 6);
                if (low >= 0xdc00 && low <= 0xdfff) {
                    decoded->append(QChar(unit));
                    decoded->append(QChar(low));
                    i += 12;
                    continue;
                }
                note(Problem::Surrogate);
            } else if (unit >= 0xdc00 && unit <= 0xdfff) {
                note(Problem::Surrogate);
            } else {
                if (isForbiddenControl(char32_t(unit))) {
                    note(Problem::Control);
                }
                decoded->append(QChar(unit));
            }
            i += 6;
            continue;
        }
        char32_t codePoint = 0;
        const qsizetype length = decodeUtf8(text, i, &codePoint);
        if (length == 0) {
            note(Problem::Utf8);
            ++i;
            continue;
        }
        if (isForbiddenControl(codePoint)) {
            note(Problem::Control);
        }
        decoded->append(QString::fromUcs4(&codePoint, 1));
        i += length;
    }
    *end = text.size();
    return problem;
}

} // namespace

std::optional<FieldError> JsonText::findInvalidText(QByteArrayView json)
{
    // Only the top-level object's member names matter for the answer; the
    // depth says whether a string is such a name.
    qsizetype depth = 0;
    bool topIsObject = false;
    bool expectingName = false;
    QString field;
    qsizetype i = 0;
    while (i < json.size()) {
        const char c = json[i];
        if (c == '"') {
            qsizetype end = 0;
            QString decoded;
            const Problem problem = scanString(json, i, &end, &decoded);
            const bool isName = depth == 1 && topIsObject && expectingName;
            if (isName) {
                field = decoded;
                expectingName = false;
            }
            if (problem != Problem::None) {
                const QString where = topIsObject ? field.left(100) : QString();
                switch (problem) {
                case Problem::Utf8:
                    return FieldError{where, tr("Holds bytes that are not UTF-8.")};
                case Problem::Surrogate:
                    return FieldError{where,
                                      tr("Holds an unpaired UTF-16 surrogate (\\uD800-\\uDFFF); send "
                                         "characters outside the Basic Multilingual Plane as a pair.")};
                case Problem::Control:
                case Problem::None:
                    return FieldError{where, tr("Holds a control character, which this field does not allow.")};
                }
            }
            i = end;
            continue;
        }
        if (c == '{' || c == '[') {
            if (depth == 0) {
                topIsObject = c == '{';
            }
            ++depth;
            expectingName = depth == 1 && c == '{';
        } else if (c == '}' || c == ']') {
            --depth;
        } else if (c == ',' && depth == 1) {
            expectingName = topIsObject;
        }
        ++i;
    }
    return std::nullopt;
}

} // namespace appint
