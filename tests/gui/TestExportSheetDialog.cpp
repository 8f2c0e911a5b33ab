#include "TestMain.h"

#include "core/ClientRules.h"
#include "gui/clients/ExportSheetDialog.h"
#include "gui/clients/SheetExporter.h"
#include "gui/widgets/FileDialogs.h"
#include "gui/widgets/MessageBox.h"
#include "gui/widgets/MessageWidget.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace appint::test {

namespace {
// Owner, group and other bits (QFileInfo adds the "user" duplicates).
QFileDevice::Permissions modeOf(const QString& path)
{
    return QFileInfo(path).permissions() & QFileDevice::Permissions::fromInt(0x7077);
}

TenantInfo tenant()
{
    return {u"Acme"_s,
            u"https://acme.example"_s,
            u"https://acme.example/oauth/authorize"_s,
            u"https://acme.example/oauth/token"_s,
            u"https://acme.example/oauth/saml2"_s,
            u"https://acme.example"_s};
}

ConnectionSheetInput input(Purpose purpose, std::optional<QString> secret, SecretOrigin origin = SecretOrigin::Issued)
{
    Client client = ClientRules::withDefaults(purpose, 1'750'000'000);
    client.clientId = u"cl-0123456789abcdef"_s;
    client.clientName = u"Sales Reporting"_s;
    if (purpose == Purpose::Technical) {
        client.userId = u"SALES_REPORTING"_s;
        client.roles = {{u"DW_VIEWER"_s, {}}};
    }
    if (purpose == Purpose::Interactive) {
        client.redirectUris = {u"https://app.example/callback"_s};
    }
    return ConnectionSheetInput{tenant(), client, std::move(secret), origin, 1'750'000'000};
}
} // namespace

// The export dialog alone: formats and their fit, the file name that follows
// the format, what it says about the secret, and SheetExporter's files.
class TestExportSheetDialog : public QObject
{
    Q_OBJECT

private slots:
    void testFormatsFollowTheClient_data();
    void testFormatsFollowTheClient();
    void testFileNameFollowsTheFormat();
    void testWhatItSaysAboutTheSecret();
    void testBrowseAndReplace();
    void testExporterModesAndFailures();
};

void TestExportSheetDialog::testFormatsFollowTheClient_data()
{
    QTest::addColumn<int>("purpose");
    QTest::addColumn<bool>("clientCredentialsFormats");
    QTest::newRow("technical") << int(Purpose::Technical) << true;
    QTest::newRow("api") << int(Purpose::Api) << true;
    QTest::newRow("interactive") << int(Purpose::Interactive) << false;
}

void TestExportSheetDialog::testFormatsFollowTheClient()
{
    QFETCH(int, purpose);
    QFETCH(bool, clientCredentialsFormats);
    ExportSheetDialog dialog(input(Purpose(purpose), std::nullopt), QString(), QDir::tempPath());
    auto* list = dialog.findChild<QListWidget*>(u"formatListWidget"_s);
    QCOMPARE(list->count(), int(allSheetFormats().size()));
    for (const SheetFormat format : allSheetFormats()) {
        const bool fits = format == SheetFormat::BtpDestination || format == SheetFormat::CloudIntegration
            ? clientCredentialsFormats
            : true;
        QCOMPARE(dialog.isFormatEnabled(format), fits);
        QCOMPARE(dialog.setFormat(format), fits);
        const QListWidgetItem* item = list->item(int(allSheetFormats().indexOf(format)));
        QVERIFY(item->text().startsWith(sheetFormatDisplayName(format)));
        QCOMPARE(item->text().contains(u"needs the Client Credentials grant"_s), !fits);
    }
    // PDF first, and chosen.
    ExportSheetDialog fresh(input(Purpose(purpose), std::nullopt), QString(), QDir::tempPath());
    QCOMPARE(fresh.format(), SheetFormat::Pdf);
}

void TestExportSheetDialog::testFileNameFollowsTheFormat()
{
    ExportSheetDialog dialog(input(Purpose::Technical, std::nullopt), QString(), u"/tmp/sheets"_s);
    QCOMPARE(dialog.filePath(), u"/tmp/sheets/sales-reporting-connection-sheet.pdf"_s);
    QVERIFY(dialog.setFormat(SheetFormat::BtpDestination));
    QCOMPARE(dialog.filePath(), u"/tmp/sheets/sales-reporting-destination.properties"_s);
    QVERIFY(dialog.setFormat(SheetFormat::Curl));
    QCOMPARE(dialog.filePath(), u"/tmp/sheets/sales-reporting-token.sh"_s);
    // A name of the admin's own stays.
    dialog.setFilePath(u"/tmp/sheets/mine.txt"_s);
    QVERIFY(dialog.setFormat(SheetFormat::Markdown));
    QCOMPARE(dialog.filePath(), u"/tmp/sheets/mine.txt"_s);
    // Nothing to write to: Export is disabled.
    dialog.setFilePath(QString());
    QVERIFY(!dialog.findChild<QPushButton*>(u"exportPushButton"_s)->isEnabled());
}

void TestExportSheetDialog::testWhatItSaysAboutTheSecret()
{
    {
        ExportSheetDialog issued(input(Purpose::Technical, u"s3cr3t"_s), QString(), QDir::tempPath());
        QVERIFY(issued.secretAvailable());
        QVERIFY(issued.includesSecret());
        QCOMPARE(issued.secretText(),
                 u"The sheet includes the secret, which was just issued. The file is written readable only by you "
                 u"(mode 0600). Hand it over like a password, on a secure channel."_s);
        QVERIFY(issued.sheet().containsSecret());
        // Left out on request.
        issued.findChild<QCheckBox*>(u"includeSecretCheckBox"_s)->click();
        QVERIFY(!issued.includesSecret());
        QVERIFY(!issued.sheet().containsSecret());
        QCOMPARE(issued.secretText(), u"The secret is left out: the sheet says that it is not included."_s);
    }
    {
        ExportSheetDialog saved(input(Purpose::Technical, u"s3cr3t"_s, SecretOrigin::Keychain), QString(),
                                QDir::tempPath());
        QVERIFY(saved.secretText().startsWith(u"The sheet includes the secret, read from the system keychain."_s));
        QVERIFY(saved.sheet().render(SheetFormat::Env).contains("s3cr3t"));
    }
    {
        ExportSheetDialog missing(input(Purpose::Technical, std::nullopt), u"the system keychain is locked"_s,
                                  QDir::tempPath());
        QVERIFY(!missing.secretAvailable());
        QVERIFY(missing.findChild<QCheckBox*>(u"includeSecretCheckBox"_s)->isHidden());
        QCOMPARE(missing.secretText(),
                 u"The secret is not included: the system keychain is locked. The sheet says so; its users add the "
                 u"secret from where it was saved."_s);
        // An empty secret counts as none.
        ExportSheetDialog empty(input(Purpose::Technical, QString()), QString(), QDir::tempPath());
        QVERIFY(!empty.secretAvailable());
    }
}

void TestExportSheetDialog::testBrowseAndReplace()
{
    QTemporaryDir dir;
    ExportSheetDialog dialog(input(Purpose::Technical, std::nullopt), QString(), dir.path());
    QSignalSpy requested(&dialog, &ExportSheetDialog::exportRequested);
    auto* exportButton = dialog.findChild<QPushButton*>(u"exportPushButton"_s);

    // Cancelled chooser: nothing changes.
    const QString before = dialog.filePath();
    FileDialogs::setNextSaveFileName(QString());
    dialog.findChild<QPushButton*>(u"browsePushButton"_s)->click();
    QCOMPARE(dialog.filePath(), before);

    // A file that exists, typed in: replaced only when confirmed.
    const QString existing = dir.filePath(u"existing.pdf"_s);
    QFile file(existing);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    dialog.setFilePath(existing);
    MessageBox::setNextAnswer(false);
    exportButton->click();
    QCOMPARE(requested.size(), 0);
    MessageBox::setNextAnswer(true);
    exportButton->click();
    QCOMPARE(requested.size(), 1);

    // Chosen in the file chooser, which asked itself: no second question.
    const int asked = MessageBox::questionCount();
    FileDialogs::setNextSaveFileName(existing);
    dialog.findChild<QPushButton*>(u"browsePushButton"_s)->click();
    exportButton->click();
    QCOMPARE(requested.size(), 2);
    QCOMPARE(MessageBox::questionCount(), asked);

    // An error from the writer lands in the banner; the dialog stays.
    dialog.showError(u"/nowhere/x.pdf cannot be written: No such file or directory"_s);
    auto* banner = dialog.findChild<MessageWidget*>(u"messageWidget"_s);
    QCOMPARE(banner->type(), MessageWidget::Type::Error);
    QVERIFY(banner->text().contains(u"cannot be written"_s));
}

void TestExportSheetDialog::testExporterModesAndFailures()
{
    QTemporaryDir dir;
    const ConnectionSheet withSecret(input(Purpose::Technical, u"s3cr3t-value"_s));
    const ConnectionSheet without(input(Purpose::Technical, std::nullopt));

    // With the secret: 0600, also when it replaces a file that others could read.
    const QString path = dir.filePath(u"sheet.env"_s);
    QFile old(path);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old");
    old.close();
    QVERIFY(old.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                               | QFileDevice::ReadOther));
    QCOMPARE(SheetExporter::write(withSecret, SheetFormat::Env, path), QString());
    QCOMPARE(modeOf(path), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QFile written(path);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QVERIFY(written.readAll().contains("s3cr3t-value"));

    // The PDF, painted.
    const QString pdf = dir.filePath(u"sheet.pdf"_s);
    QCOMPARE(SheetExporter::write(withSecret, SheetFormat::Pdf, pdf), QString());
    QFile pdfFile(pdf);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    QVERIFY(pdfFile.readAll().startsWith("%PDF-"));
    QCOMPARE(modeOf(pdf), QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    // Failures say why, and leave nothing behind.
    QVERIFY(SheetExporter::write(without, SheetFormat::Json, dir.path()).contains(u"is a folder"_s));
    const QString nowhere = dir.filePath(u"missing/sheet.json"_s);
    QVERIFY(SheetExporter::write(without, SheetFormat::Json, nowhere).startsWith(nowhere + u" cannot be written"_s));
    QVERIFY(!QFileInfo::exists(nowhere));
    QCOMPARE(SheetExporter::write(without, SheetFormat::Json, QString()), u"Choose a file to write."_s);
    QCOMPARE(SheetExporter::fileFilter(SheetFormat::Pdf), u"PDF documents (*.pdf)"_s);
}

} // namespace appint::test

APPINT_TEST_GUI_MAIN(appint::test::TestExportSheetDialog)
#include "TestExportSheetDialog.moc"
