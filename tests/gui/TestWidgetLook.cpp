// The small helpers of the console's look: four-digit years in short dates,
// read-only fields that look read-only, status notes that fit.
#include "gui/shell/MainWindow.h"
#include "gui/widgets/Formats.h"
#include "gui/widgets/ReadOnlyField.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QStatusBar>
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
    void longStatusMessagesAreElided();
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
    QCOMPARE(edit.palette().color(QPalette::Active, QPalette::Base),
             standard.color(QPalette::Active, QPalette::Window));
    QCOMPARE(edit.palette().color(QPalette::Inactive, QPalette::Base),
             standard.color(QPalette::Inactive, QPalette::Window));
    // Still selectable, for copying.
    edit.selectAll();
    QCOMPARE(edit.selectedText(), u"cl-0123"_s);

    setReadOnlyField(&edit, false);
    QVERIFY(!edit.isReadOnly());
    QCOMPARE(edit.palette().color(QPalette::Active, QPalette::Base), standard.color(QPalette::Active, QPalette::Base));
}

void TestWidgetLook::longStatusMessagesAreElided()
{
    MainWindow window(nullptr, u"Local sandbox tenant at http://127.0.0.1:40923"_s);
    window.resize(900, 600);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QStatusBar* bar = window.statusBar();

    const QString shortText = u"Client ID copied to the clipboard."_s;
    window.showStatusMessage(shortText, 0);
    QCOMPARE(bar->currentMessage(), shortText);
    QVERIFY(bar->toolTip().isEmpty());

    const QString longText = u"Wrote the connection sheet of “Quarterly close” with the secret to "
                             "/tmp/some/rather/long/folder/name/sheet.pdf. The file is readable only by you "
                             "(mode 0600)."_s;
    window.showStatusMessage(longText, 0);
    const QString shown = bar->currentMessage();
    QVERIFY2(shown.endsWith(u'…'), qPrintable(shown));
    QVERIFY(longText.startsWith(shown.chopped(1)));
    // It fits beside the connection label, which stays whole.
    const QLabel* connection = window.findChild<QLabel*>(u"connectionLabel"_s);
    QVERIFY(connection);
    QVERIFY(window.fontMetrics().horizontalAdvance(shown) + connection->sizeHint().width() < bar->width());
    QCOMPARE(bar->toolTip(), longText);

    // The tooltip goes with the message.
    bar->clearMessage();
    QVERIFY(bar->toolTip().isEmpty());
}

QTEST_MAIN(TestWidgetLook)
#include "TestWidgetLook.moc"
