#include "TestMain.h"

#include "core/SheetEscaping.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace appint;

namespace {

// What a POSIX shell (dash, /bin/sh on Debian) makes of `script`: the bytes it
// prints with printf %s.
QByteArray shellOutput(const QString& script, int* exitCode = nullptr)
{
    QProcess shell;
    shell.start(u"/bin/sh"_s, {u"-c"_s, script});
    shell.closeWriteChannel();
    shell.waitForFinished(60'000);
    if (exitCode) {
        *exitCode = shell.exitCode();
    }
    return shell.readAllStandardOutput();
}

// java.util.Properties.load() for one "key=value" line (test-side reference).
QString propertiesUnescape(const QString& text)
{
    QString out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c != u'\\' || i + 1 == text.size()) {
            out += c;
            continue;
        }
        const QChar next = text.at(++i);
        if (next == u't') {
            out += u'\t';
        } else if (next == u'n') {
            out += u'\n';
        } else if (next == u'r') {
            out += u'\r';
        } else if (next == u'f') {
            out += u'\f';
        } else if (next == u'u') {
            out += QChar(char16_t(text.mid(i + 1, 4).toUShort(nullptr, 16)));
            i += 4;
        } else {
            out += next;
        }
    }
    return out;
}

// The nasty strings every escaper is tried with.
void nastyRows()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << u"Sales Reporting"_s;
    QTest::newRow("double quotes") << u"say \"hi\""_s;
    QTest::newRow("single quotes") << u"it's 'quoted'"_s;
    QTest::newRow("newline") << u"line 1\nline 2"_s;
    QTest::newRow("crlf") << u"a\r\nb"_s;
    QTest::newRow("dollar") << u"$HOME ${PATH} $(id)"_s;
    QTest::newRow("backticks") << u"`id` ``x``"_s;
    QTest::newRow("backslashes") << u"C:\\path\\n \\\\ \\"_s;
    QTest::newRow("unicode") << u"Zähler ✓ 秘密 🔑"_s;
    QTest::newRow("markdown") << u"*bold* _it_ [link](x) <b> # | ~ & !"_s;
    QTest::newRow("properties") << u" =:#! leading space"_s;
    QTest::newRow("tab and controls") << u"a\tb\u0001c\u007fd"_s;
    QTest::newRow("line separators") << u"a\u2028b\u2029c\u0085d"_s;
}

} // namespace

class TestSheetEscaping : public QObject
{
    Q_OBJECT

private slots:
    void jsonRoundTrip_data() { nastyRows(); }
    void jsonRoundTrip();
    void jsonString();
    void propertiesRoundTrip_data() { nastyRows(); }
    void propertiesRoundTrip();
    void properties_data();
    void properties();
    void shellRoundTrip_data() { nastyRows(); }
    void shellRoundTrip();
    void envRoundTrip_data() { nastyRows(); }
    void envRoundTrip();
    void envValue_data();
    void envValue();
    void commentsStayOnOneLine_data() { nastyRows(); }
    void commentsStayOnOneLine();
    void markdownText_data();
    void markdownText();
    void markdownCode_data();
    void markdownCode();
    void identifier_data();
    void identifier();
};

void TestSheetEscaping::jsonRoundTrip()
{
    QFETCH(QString, text);
    const QString literal = sheet::jsonString(text);
    QVERIFY(literal.startsWith(u'"') && literal.endsWith(u'"'));
    QVERIFY(!literal.contains(u'\n'));
    const QJsonDocument parsed = QJsonDocument::fromJson((u"["_s + literal + u"]"_s).toUtf8());
    QVERIFY(parsed.isArray());
    QCOMPARE(parsed.array().at(0).toString(), text);
}

void TestSheetEscaping::jsonString()
{
    QCOMPARE(sheet::jsonString(u"a\"b\\c\nd"), u"\"a\\\"b\\\\c\\nd\""_s);
    QCOMPARE(sheet::jsonString(u"ü"), u"\"ü\""_s);
}

void TestSheetEscaping::propertiesRoundTrip()
{
    QFETCH(QString, text);
    const QString value = sheet::propertiesValue(text);
    for (QChar c : value) {
        QVERIFY2(c.unicode() >= 0x20 && c.unicode() <= 0x7e, qPrintable(value)); // printable ASCII only
    }
    QCOMPARE(propertiesUnescape(value), text);
    const QString key = sheet::propertiesKey(text);
    QVERIFY(!key.contains(u' ') || key.contains(u"\\ "_s));
    QCOMPARE(propertiesUnescape(key), text);
}

void TestSheetEscaping::properties_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("value");
    QTest::newRow("url") << u"https://t.example/oauth/token"_s << u"https\\://t.example/oauth/token"_s;
    QTest::newRow("leading space") << u" a b"_s << u"\\ a b"_s;
    QTest::newRow("specials") << u"a=b#c!d\\"_s << u"a\\=b\\#c\\!d\\\\"_s;
    QTest::newRow("breaks") << u"a\nb\rc\td"_s << u"a\\nb\\rc\\td"_s;
    QTest::newRow("latin and emoji") << u"ä🔑"_s << u"\\u00E4\\uD83D\\uDD11"_s;
}

void TestSheetEscaping::properties()
{
    QFETCH(QString, text);
    QFETCH(QString, value);
    QCOMPARE(sheet::propertiesValue(text), value);
}

void TestSheetEscaping::shellRoundTrip()
{
    QFETCH(QString, text);
    const QString word = sheet::shellQuote(text);
    QCOMPARE(shellOutput(u"printf %s "_s + word), text.toUtf8());
}

void TestSheetEscaping::envRoundTrip()
{
    QFETCH(QString, text);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(u"x.env"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write((u"# a comment\nVALUE="_s + sheet::envValue(text) + u"\nOTHER='after'\n"_s).toUtf8());
    file.close();
    int exitCode = -1;
    const QByteArray out = shellOutput(
        u"set -a; . "_s + sheet::shellQuote(file.fileName()) + u"; printf '%s|%s' \"$VALUE\" \"$OTHER\""_s, &exitCode);
    QCOMPARE(exitCode, 0);
    QCOMPARE(out, text.toUtf8() + "|after");
}

void TestSheetEscaping::envValue_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("value");
    QTest::newRow("plain") << u"abc-123"_s << u"'abc-123'"_s;
    QTest::newRow("dollar stays literal") << u"$HOME"_s << u"'$HOME'"_s;
    QTest::newRow("single quote") << u"it's $x `y` \"z\" \\"_s << u"\"it's \\$x \\`y\\` \\\"z\\\" \\\\\""_s;
    QTest::newRow("newline") << u"a\nb"_s << u"\"a\nb\""_s;
}

void TestSheetEscaping::envValue()
{
    QFETCH(QString, text);
    QFETCH(QString, value);
    QCOMPARE(sheet::envValue(text), value);
}

void TestSheetEscaping::commentsStayOnOneLine()
{
    QFETCH(QString, text);
    for (const QString& comment : {sheet::commentText(text), sheet::propertiesComment(text)}) {
        for (QChar c : comment) {
            QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x7f && c != QChar(0x2028) && c != QChar(0x2029)
                         && c != QChar(0x85),
                     qPrintable(comment));
        }
    }
    QCOMPARE(sheet::commentText(text).size(), text.size());
}

void TestSheetEscaping::markdownText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("markdown");
    QTest::newRow("plain") << u"Sales Reporting"_s << u"Sales Reporting"_s;
    QTest::newRow("emphasis") << u"*a* _b_"_s << u"\\*a\\* \\_b\\_"_s;
    QTest::newRow("link and html") << u"[x](y) ![i](z) <b>"_s << u"\\[x\\](y) !\\[i\\](z) \\<b\\>"_s;
    QTest::newRow("table pipe") << u"a|b"_s << u"a\\|b"_s;
    QTest::newRow("heading") << u"# h #"_s << u"\\# h \\#"_s;
    QTest::newRow("bullet") << u"- item"_s << u"\\- item"_s;
    QTest::newRow("plus after spaces") << u"  + item"_s << u"  \\+ item"_s;
    QTest::newRow("setext") << u"==="_s << u"\\==="_s;
    QTest::newRow("ordered list") << u"12. item"_s << u"12\\. item"_s;
    QTest::newRow("ordered list paren") << u"3) item"_s << u"3\\) item"_s;
    QTest::newRow("prose keeps its dots") << u"OAuth 2.0 on 2025-11-24. Done!"_s << u"OAuth 2.0 on 2025-11-24. Done!"_s;
    QTest::newRow("version number") << u"2.0"_s << u"2\\.0"_s;
    QTest::newRow("entity") << u"&amp;"_s << u"\\&amp;"_s;
    QTest::newRow("backslash and backtick") << u"\\`"_s << u"\\\\\\`"_s;
    QTest::newRow("newline") << u"a\nb"_s << u"a b"_s;
    QTest::newRow("unicode") << u"Zähler ✓"_s << u"Zähler ✓"_s;
}

void TestSheetEscaping::markdownText()
{
    QFETCH(QString, text);
    QFETCH(QString, markdown);
    QCOMPARE(sheet::markdownText(text), markdown);
}

void TestSheetEscaping::markdownCode_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("inTable");
    QTest::addColumn<QString>("markdown");
    QTest::newRow("plain") << u"abc"_s << true << u"`abc`"_s;
    QTest::newRow("backtick inside") << u"a`b"_s << true << u"``a`b``"_s;
    QTest::newRow("double backticks") << u"a``b`c"_s << true << u"```a``b`c```"_s;
    QTest::newRow("starts with backtick") << u"`a"_s << true << u"`` `a ``"_s;
    QTest::newRow("pipe in table") << u"a|b"_s << true << u"`a\\|b`"_s;
    QTest::newRow("pipe outside table") << u"a|b"_s << false << u"`a|b`"_s;
    QTest::newRow("newline") << u"a\nb"_s << true << u"`a b`"_s;
    QTest::newRow("empty") << QString() << true << QString();
}

void TestSheetEscaping::markdownCode()
{
    QFETCH(QString, text);
    QFETCH(bool, inTable);
    QFETCH(QString, markdown);
    QCOMPARE(sheet::markdownCode(text, inTable), markdown);
}

void TestSheetEscaping::identifier_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("identifier");
    QTest::newRow("plain") << u"Sales_Reporting-2"_s << u"Sales_Reporting-2"_s;
    QTest::newRow("spaces and punctuation") << u"  Sales Reporting (EU)! "_s << u"Sales_Reporting_EU"_s;
    QTest::newRow("quotes and shell") << u"a'b\"c$d`e"_s << u"a_b_c_d_e"_s;
    QTest::newRow("unicode") << u"Zähler ✓"_s << u"Z_hler"_s;
    QTest::newRow("nothing usable") << u"✓ ✓"_s << QString();
    QTest::newRow("long") << QString(250, u'x') << QString(200, u'x');
}

void TestSheetEscaping::identifier()
{
    QFETCH(QString, text);
    QFETCH(QString, identifier);
    QCOMPARE(sheet::identifier(text), identifier);
}

APPINT_TEST_MAIN(TestSheetEscaping)
#include "TestSheetEscaping.moc"
