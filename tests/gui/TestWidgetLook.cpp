// The small helpers of the console's look: four-digit years in short dates,
// and read-only fields that look read-only.
#include "gui/Formats.h"
#include "gui/ReadOnlyField.h"

#include <QApplication>
#include <QLineEdit>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace appint;

class TestWidgetLook : public QObject
{
    Q_OBJECT

private slots:
    void shortDateFormat_data();
    void shortDateFormat();
    void readOnlyField();
};

void TestWidgetLook::shortDateFormat_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("expected");
    QTest::newRow("en_US") << QLocale(QLocale::English, QLocale::UnitedStates) << u"2/24/2026"_s;
    QTest::newRow("de_DE") << QLocale(QLocale::German, QLocale::Germany) << u"24.02.2026"_s;
    QTest::newRow("en_GB") << QLocale(QLocale::English, QLocale::UnitedKingdom) << u"24/02/2026"_s;
    // Already four digits: unchanged.
    QTest::newRow("sv_SE") << QLocale(QLocale::Swedish, QLocale::Sweden) << u"2026-02-24"_s;
    QTest::newRow("C") << QLocale::c() << u"24 Feb 2026"_s;
}

void TestWidgetLook::shortDateFormat()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, expected);
    const QString format = appint::shortDateFormat(locale);
    QVERIFY2(format.count(u'y') == 4, qPrintable(format));
    QCOMPARE(formatShortDate(QDate(2026, 2, 24), locale), expected);
    // Round trip, as the expiry date edit parses what it shows.
    QCOMPARE(locale.toDate(expected, format), QDate(2026, 2, 24));
}

void TestWidgetLook::readOnlyField()
{
    QLineEdit edit(u"cl-0123"_s);
    const QPalette standard = QApplication::palette(&edit);
    QVERIFY(standard.color(QPalette::Base) != standard.color(QPalette::Window));

    setReadOnlyField(&edit);
    QVERIFY(edit.isReadOnly());
    QCOMPARE(edit.palette().color(QPalette::Active, QPalette::Base), standard.color(QPalette::Active, QPalette::Window));
    QCOMPARE(edit.palette().color(QPalette::Inactive, QPalette::Base),
             standard.color(QPalette::Inactive, QPalette::Window));
    // Still selectable, for copying.
    edit.selectAll();
    QCOMPARE(edit.selectedText(), u"cl-0123"_s);

    setReadOnlyField(&edit, false);
    QVERIFY(!edit.isReadOnly());
    QCOMPARE(edit.palette().color(QPalette::Active, QPalette::Base), standard.color(QPalette::Active, QPalette::Base));
}

QTEST_MAIN(TestWidgetLook)
#include "TestWidgetLook.moc"
