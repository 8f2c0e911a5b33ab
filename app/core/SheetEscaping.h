#pragma once

#include <QString>
#include <QStringView>

// Quoting and escaping for the text formats of connection sheets. Each
// function makes any string safe for one place in one format; tests/core/
// TestSheetEscaping.cpp has the nasty cases (quotes, line breaks, $, `,
// backslashes, unicode).
namespace appint::sheet {

// A JSON string literal with its quotes: "a\"b".
QString jsonString(QStringView text);

// java.util.Properties as written by Properties.store(): \ = : # ! escaped,
// \t \n \r \f as escapes, a leading space (every space in a key) escaped,
// everything outside printable ASCII as \uXXXX. The result is pure ASCII, as
// Properties.load() reads ISO 8859-1.
QString propertiesKey(QStringView text);
QString propertiesValue(QStringView text);

// A comment line's text in a .properties file: commentText(), with everything
// outside printable ASCII as \uXXXX.
QString propertiesComment(QStringView text);

// One POSIX shell word: '...' with ' written as '\''. U+0000, which no shell
// argument can hold, is dropped.
QString shellQuote(QStringView text);

// The value of a .env line, read right by a POSIX shell (`set -a; . ./x.env`):
// '...' when the text has no ' and no line break (also literal for
// python-dotenv, node dotenv and docker compose), otherwise "..." with
// \ " $ ` escaped and line breaks kept.
QString envValue(QStringView text);

// Text in one line of a comment (#, //): every control character and line or
// paragraph separator becomes a space, so a value can never end the comment.
QString commentText(QStringView text);

// Markdown (CommonMark / GitHub) inline text: \ ` * _ [ ] < > | ~ & #
// escaped with a backslash everywhere, - + = at the start and the . or ) of
// a leading number ("1.") too, line breaks as spaces. Safe in a table cell, in
// a heading and as a paragraph of its own.
QString markdownText(QStringView text);
// A Markdown code span, fenced with more backticks than the text contains
// and, in a table cell, with | escaped. Line breaks become spaces.
QString markdownCode(QStringView text, bool inTable = true);

// [A-Za-z0-9_-] only: other characters become '_', runs of '_' collapse,
// at most `maximumLength` characters. Empty when nothing usable is left.
QString identifier(QStringView text, qsizetype maximumLength = 200);

} // namespace appint::sheet
