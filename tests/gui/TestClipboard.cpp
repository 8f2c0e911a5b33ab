#include "gui/widgets/Clipboard.h"

#include "TestMain.h"

#include <QApplication>
#include <QClipboard>
#include <QMimeData>
#include <QSignalSpy>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace appint::test {

class TestClipboard : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void testPlainText();
    void testSecretHasHintsAndIsClearedAfterTheTimeout();
    void testOnlyOurSecretIsCleared();
    void testClearedWhenDestroyed();
    void testShorterTimeoutShortensTheCountdown();
    void testPlainTextEndsTheCountdown();
    void testSameSecretAgainRestartsTheCountdown();
    // Last: it runs the application's event loop to its end.
    void testClearedWhenTheApplicationQuits();
};

void TestClipboard::init()
{
    QGuiApplication::clipboard()->clear();
}

void TestClipboard::testPlainText()
{
    Clipboard clipboard;
    QSignalSpy countdown(&clipboard, &Clipboard::secretCountdown);
    clipboard.setText(u"sb-client-id"_s);
    QCOMPARE(QGuiApplication::clipboard()->text(), u"sb-client-id"_s);
    QVERIFY(!QGuiApplication::clipboard()->mimeData()->hasFormat(u"x-kde-passwordManagerHint"_s));
    QCOMPARE(clipboard.secondsLeft(), 0);
    QCOMPARE(countdown.size(), 0);
}

void TestClipboard::testSecretHasHintsAndIsClearedAfterTheTimeout()
{
    Clipboard clipboard;
    clipboard.setClearSeconds(2);
    QSignalSpy countdown(&clipboard, &Clipboard::secretCountdown);
    clipboard.setSecret(u"s3cr3t"_s);
    const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
    QCOMPARE(mime->text(), u"s3cr3t"_s);
    QCOMPARE(mime->data(u"x-kde-passwordManagerHint"_s), "secret"_ba);
    QCOMPARE(mime->data(u"ExcludeClipboardContentFromMonitorProcessing"_s), "1"_ba);
    QVERIFY(mime->hasFormat(u"application/x-nspasteboard-concealed-type"_s));
    QCOMPARE(clipboard.secondsLeft(), 2);
    QCOMPARE(countdown.takeFirst().at(0).toInt(), 2);

    // 2, 1, 0: a countdown for the status bar, then the clipboard is empty.
    QTRY_COMPARE_WITH_TIMEOUT(clipboard.secondsLeft(), 0, 10'000);
    QVERIFY(QGuiApplication::clipboard()->text().isEmpty());
    QCOMPARE(countdown.last().at(0).toInt(), 0);
    QVERIFY(countdown.size() >= 2);
}

void TestClipboard::testOnlyOurSecretIsCleared()
{
    Clipboard clipboard;
    clipboard.setClearSeconds(1);
    clipboard.setSecret(u"s3cr3t"_s);
    // The admin copies something else meanwhile: it stays.
    QGuiApplication::clipboard()->setText(u"something else"_s);
    QTRY_COMPARE_WITH_TIMEOUT(clipboard.secondsLeft(), 0, 10'000);
    QCOMPARE(QGuiApplication::clipboard()->text(), u"something else"_s);
    clipboard.clearSecret();
    QCOMPARE(QGuiApplication::clipboard()->text(), u"something else"_s);
}

void TestClipboard::testClearedWhenDestroyed()
{
    {
        Clipboard clipboard;
        clipboard.setSecret(u"s3cr3t"_s);
        QCOMPARE(QGuiApplication::clipboard()->text(), u"s3cr3t"_s);
    }
    QVERIFY(QGuiApplication::clipboard()->text().isEmpty());
}

void TestClipboard::testShorterTimeoutShortensTheCountdown()
{
    Clipboard clipboard;
    QSignalSpy countdown(&clipboard, &Clipboard::secretCountdown);
    clipboard.setSecret(u"s3cr3t"_s);
    QCOMPARE(clipboard.secondsLeft(), Clipboard::DefaultClearSeconds);
    // Preferences changed while a secret is on the clipboard: it does not
    // stay longer than the new time.
    clipboard.setClearSeconds(1);
    QCOMPARE(clipboard.secondsLeft(), 1);
    QCOMPARE(countdown.last().at(0).toInt(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(clipboard.secondsLeft(), 0, 5000);
    QVERIFY(QGuiApplication::clipboard()->text().isEmpty());
    // A longer time leaves a running countdown alone.
    clipboard.setSecret(u"again"_s);
    clipboard.setClearSeconds(60);
    QCOMPARE(clipboard.secondsLeft(), 1);
    clipboard.clearSecret();
}

void TestClipboard::testPlainTextEndsTheCountdown()
{
    Clipboard clipboard;
    clipboard.setClearSeconds(1);
    QSignalSpy countdown(&clipboard, &Clipboard::secretCountdown);
    clipboard.setSecret(u"s3cr3t"_s);
    clipboard.setText(u"sb-client-id"_s);
    QCOMPARE(clipboard.secondsLeft(), 0);
    QCOMPARE(countdown.last().at(0).toInt(), 0);
    QVERIFY(!QGuiApplication::clipboard()->mimeData()->hasFormat(u"x-kde-passwordManagerHint"_s));
    // The client ID is not cleared: it is no secret, and no countdown runs.
    countdown.clear();
    QVERIFY(!countdown.wait(1500));
    QCOMPARE(QGuiApplication::clipboard()->text(), u"sb-client-id"_s);
}

void TestClipboard::testSameSecretAgainRestartsTheCountdown()
{
    Clipboard clipboard;
    clipboard.setClearSeconds(3);
    clipboard.setSecret(u"s3cr3t"_s);
    QTRY_COMPARE_WITH_TIMEOUT(clipboard.secondsLeft(), 2, 5000);
    clipboard.setSecret(u"s3cr3t"_s);
    QCOMPARE(clipboard.secondsLeft(), 3);
    clipboard.clearSecret();
    QVERIFY(QGuiApplication::clipboard()->text().isEmpty());
}

void TestClipboard::testClearedWhenTheApplicationQuits()
{
    Clipboard clipboard;
    clipboard.setSecret(u"s3cr3t"_s);
    QCOMPARE(QGuiApplication::clipboard()->text(), u"s3cr3t"_s);
    // The console quits (File › Quit): aboutToQuit clears while the event loop
    // still runs, before any window is destroyed.
    QTimer::singleShot(0, qApp, &QCoreApplication::quit);
    QCoreApplication::exec();
    QVERIFY(QGuiApplication::clipboard()->text().isEmpty());
    QCOMPARE(clipboard.secondsLeft(), 0);
}

} // namespace appint::test

APPINT_TEST_GUI_MAIN(appint::test::TestClipboard)
#include "TestClipboard.moc"
