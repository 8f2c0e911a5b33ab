#include "TestMain.h"

#include "PdfTools.h"
#include "core/ConnectionSheet.h"
#include "core/OAuthNames.h"
#include "print/SheetPdfWriter.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace appint;
using appint::test::PdfTools;

Q_DECLARE_METATYPE(appint::ConnectionSheetInput)

namespace {

constexpr qint64 Now = 1'764'000'000; // 2025-11-24 16:00 UTC
constexpr qreal PointsPerMm = 72 / 25.4;

const QString Secret = u"pdf-S3cr3t-value-8f2c41d9"_s;

TenantInfo tenant()
{
    return TenantInfo{u"Acme Production"_s,
                      u"https://acme-prod.eu10.tenant.example"_s,
                      u"https://acme-prod.eu10.tenant.example/oauth/authorize"_s,
                      u"https://acme-prod.eu10.tenant.example/oauth/token"_s,
                      u"https://acme-prod.eu10.tenant.example/oauth/token/alias/saml2"_s,
                      u"https://acme-prod.eu10.tenant.example"_s};
}

// Long URLs: one with break places (/ ? & =), one without any.
TenantInfo longTenant()
{
    const QString host = u"a-very-long-subdomain-of-the-tenant-used-for-wrapping-tests.authentication.eu10.hana."
                         u"ondemand.example"_s;
    return TenantInfo{u"Tenant with a long name that needs more than one line in the title block of the sheet"_s,
                      u"https://"_s + host,
                      u"https://"_s + host + u"/oauth/authorize?prompt=login&ui_locales=en&tenant=acme"_s,
                      u"https://"_s + host + u"/oauth/token/"_s + QString(140, u'x'),
                      u"https://"_s + host + u"/oauth/token/alias/saml2"_s,
                      QString(180, u'a')};
}

Client technical(int roles = 2)
{
    Client client;
    client.clientId = u"cl-4d1e60f4592d64c7b15baf7f88a3075f"_s;
    client.clientName = u"Nightly data load"_s;
    client.purpose = Purpose::Technical;
    client.grantTypes = {oauth::GrantClientCredentials};
    client.userId = u"ETL_NIGHTLY"_s;
    client.roles = {RoleAssignment{u"DW_INTEGRATOR"_s, {}}, RoleAssignment{u"SALES_MODELER"_s, {u"SALES"_s, u"HR"_s}}};
    for (int i = 2; i < roles; ++i) {
        client.roles.append(RoleAssignment{u"ROLE_%1"_s.arg(i, 3, 10, QLatin1Char('0')), {u"SPACE_%1"_s.arg(i)}});
    }
    client.accessTokenLifetime = 86400;
    client.clientSecretExpiresAt = Now + 90 * SecondsPerDay;
    client.clientIdIssuedAt = Now - SecondsPerDay;
    return client;
}

Client api()
{
    Client client;
    client.clientId = u"cl-3d9bda6f2455b71f08cfb9fd5a423b47"_s;
    client.clientName = u"Content network transport"_s;
    client.purpose = Purpose::Api;
    client.grantTypes = {oauth::GrantClientCredentials};
    client.access = {oauth::AccessContentNetwork};
    client.accessTokenLifetime = 3600;
    client.refreshTokenLifetime = 2'592'000;
    client.clientIdIssuedAt = Now - SecondsPerDay;
    return client;
}

Client interactive()
{
    Client client;
    client.clientId = u"cl-70e03bc669a27cde3a964f4349c3f5d7"_s;
    client.clientName = u"Analyst desktop — Ünïcödé Ελληνικά Кириллица"_s;
    client.purpose = Purpose::Interactive;
    client.grantTypes = {oauth::GrantAuthorizationCode, oauth::GrantRefreshToken};
    client.redirectUris = {u"http://localhost:8080/callback/**"_s};
    client.accessTokenLifetime = 3600;
    client.refreshTokenLifetime = 2'592'000;
    return client;
}

ConnectionSheetInput input(const Client& client, bool withSecret, const TenantInfo& info = tenant())
{
    return ConnectionSheetInput{info, client, withSecret ? std::optional<QString>(Secret) : std::nullopt,
                                SecretOrigin::Keychain, Now};
}

} // namespace

// The PDF connection sheet, read back with the tools a person would use:
// pdftotext for the words and their positions, pdftoppm for a picture.
class TestSheetPdfWriter : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void everyRowOfTheDocumentIsPrinted_data();
    void everyRowOfTheDocumentIsPrinted();
    void longValuesWrapInsideTheirColumn();
    void manyRowsFlowOntoMorePages();
    void firstPageRendersAsA4Picture();
    void refusesADeviceItCannotWrite();

private:
    // Writes the sheet to a file in m_dir; empty on failure (with QTest failure).
    QString writePdf(const ConnectionSheetInput& sheetInput, const QString& name, int* pages = nullptr);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestSheetPdfWriter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestSheetPdfWriter::writePdf(const ConnectionSheetInput& sheetInput, const QString& name, int* pages)
{
    const ConnectionSheet sheet(sheetInput);
    SheetPdfWriter writer(sheet.document());
    writer.setGeneratedAt(sheetInput.generatedAt);
    writer.setCreator(u"appint tests"_s);
    const QByteArray pdf = writer.toPdf();
    if (pdf.isEmpty() || !pdf.startsWith("%PDF-")) {
        qWarning("SheetPdfWriter failed: %s", qPrintable(writer.errorString()));
        return QString();
    }
    if (pages) {
        *pages = writer.pageCount();
    }
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size()) {
        return QString();
    }
    return path;
}

void TestSheetPdfWriter::everyRowOfTheDocumentIsPrinted_data()
{
    QTest::addColumn<ConnectionSheetInput>("sheetInput");
    QTest::newRow("technical, secret") << input(technical(), true);
    QTest::newRow("technical, no secret") << input(technical(), false);
    QTest::newRow("api, secret") << input(api(), true);
    QTest::newRow("api, no secret") << input(api(), false);
    QTest::newRow("interactive, unicode, no secret") << input(interactive(), false);
}

void TestSheetPdfWriter::everyRowOfTheDocumentIsPrinted()
{
    QFETCH(ConnectionSheetInput, sheetInput);
    const bool withSecret = sheetInput.secret.has_value();
    const ConnectionSheet sheet(sheetInput);
    const SheetDocument document = sheet.document();
    int pages = 0;
    const QString path = writePdf(sheetInput, u"sheet.pdf"_s, &pages);
    QVERIFY(!path.isEmpty());
    QCOMPARE(pages, 1);

    QString error;
    const QString text = PdfTools::text(path, &error);
    QVERIFY2(!text.isEmpty(), qPrintable(error));
    const QString flat = PdfTools::squeezed(text);
    const auto expect = [&](const QString& what) { return flat.contains(PdfTools::squeezed(what)); };

    QVERIFY2(expect(document.title), qPrintable(document.title));
    QVERIFY2(expect(document.subtitle), qPrintable(document.subtitle));
    for (const SheetSection& section : document.sections) {
        QVERIFY2(expect(section.title), qPrintable(section.title));
        for (const SheetRow& row : section.rows) {
            QVERIFY2(expect(row.label), qPrintable(row.label));
            QVERIFY2(expect(row.value.isEmpty() ? u"—"_s : row.value), qPrintable(row.label + u": "_s + row.value));
        }
        for (const QString& note : section.notes) {
            QVERIFY2(expect(note), qPrintable(note));
        }
    }
    for (const QString& note : document.notes) {
        QVERIFY2(expect(note), qPrintable(note));
    }
    // What the issue lists, spelled out: tenant, client name and ID, purpose,
    // roles and spaces, expiry, token lifetime, both flows' parameters.
    QVERIFY(expect(sheetInput.tenant.tenantName));
    QVERIFY(expect(sheetInput.client.clientName));
    QVERIFY(expect(sheetInput.client.clientId));
    QVERIFY(expect(purposeDisplayName(sheetInput.client.purpose)));
    QVERIFY(expect(sheetInput.tenant.tokenUrl));
    QVERIFY(expect(sheetInput.tenant.samlTokenUrl));
    QVERIFY(expect(ConnectionSheet::samlAudienceLabel()));
    for (const RoleAssignment& role : sheetInput.client.roles) {
        QVERIFY(expect(role.roleId));
        for (const QString& space : role.spaces) {
            QVERIFY(expect(space));
        }
    }
    QVERIFY(expect(u"Token lifetime"_s));
    QVERIFY(expect(u"Expiry date"_s));

    // The secret exactly when it is at hand; otherwise the note says so.
    QCOMPARE(text.contains(Secret), withSecret);
    QCOMPARE(flat.contains(Secret), withSecret);
    QCOMPARE(expect(ConnectionSheet::secretNotIncludedNote()), !withSecret);
    QCOMPARE(expect(SheetPdfWriter::containsSecretMarker()), withSecret);
    QFile raw(path);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    if (!withSecret) {
        QVERIFY(!raw.readAll().contains(Secret.toUtf8())); // not in metadata or anywhere else either
    }

    QVERIFY2(expect(SheetPdfWriter::footerText(Now, 1, 1)), qPrintable(text));
}

void TestSheetPdfWriter::longValuesWrapInsideTheirColumn()
{
    const ConnectionSheetInput sheetInput = input(interactive(), true, longTenant());
    const QString path = writePdf(sheetInput, u"long.pdf"_s);
    QVERIFY(!path.isEmpty());
    QString error;
    const PdfTools::Layout layout = PdfTools::layout(path, &error);
    QVERIFY2(layout.pageCount >= 1, qPrintable(error));
    // A4 in points.
    QVERIFY(qAbs(layout.pageSize.width() - 595.3) < 1 && qAbs(layout.pageSize.height() - 841.9) < 1);

    // Every word inside the left and right margins (20 mm, with 1 mm of
    // slack for glyph overhang): nothing runs off the page or is clipped.
    const QRectF content(20 * PointsPerMm - PointsPerMm, 0, layout.pageSize.width() - 38 * PointsPerMm,
                         layout.pageSize.height());
    for (const PdfTools::Word& word : layout.words) {
        QVERIFY2(content.contains(word.box),
                 qPrintable(u"%1 at %2,%3-%4,%5"_s.arg(word.text)
                                .arg(word.box.left())
                                .arg(word.box.top())
                                .arg(word.box.right())
                                .arg(word.box.bottom())));
    }
    // No two words on one page overlap: rows and columns do not collide.
    for (qsizetype i = 0; i < layout.words.size(); ++i) {
        for (qsizetype j = i + 1; j < layout.words.size(); ++j) {
            const PdfTools::Word& a = layout.words.at(i);
            const PdfTools::Word& b = layout.words.at(j);
            if (a.page != b.page) {
                continue;
            }
            const QRectF overlap
                = a.box.adjusted(0.5, 0.5, -0.5, -0.5).intersected(b.box.adjusted(0.5, 0.5, -0.5, -0.5));
            QVERIFY2(overlap.isEmpty(), qPrintable(a.text + u" overlaps "_s + b.text));
        }
    }
    // The long values are there in full, split over lines but not cut.
    const QString flat = PdfTools::squeezed(PdfTools::text(path));
    QVERIFY(flat.contains(PdfTools::squeezed(sheetInput.tenant.tokenUrl)));
    QVERIFY(flat.contains(PdfTools::squeezed(sheetInput.tenant.authorizationUrl)));
    QVERIFY(flat.contains(PdfTools::squeezed(sheetInput.tenant.samlAudience)));
    QVERIFY(flat.contains(PdfTools::squeezed(sheetInput.tenant.tenantName)));
    // The URL with break places was broken after one of them: some line of
    // the text ends with '/', '?', '&' or '=' inside it.
    const QString text = PdfTools::text(path);
    bool brokenAtPlace = false;
    for (const QString& line : text.split(u'\n')) {
        const QString trimmed = line.trimmed();
        if (sheetInput.tenant.authorizationUrl.contains(trimmed) && trimmed.size() > 10
            && (trimmed.endsWith(u'/') || trimmed.endsWith(u'?') || trimmed.endsWith(u'&') || trimmed.endsWith(u'=')
                || trimmed.endsWith(u'.') || trimmed.endsWith(u'-'))) {
            brokenAtPlace = true;
        }
    }
    QVERIFY2(brokenAtPlace, qPrintable(text));
}

void TestSheetPdfWriter::manyRowsFlowOntoMorePages()
{
    const ConnectionSheetInput sheetInput = input(technical(80), true);
    int pages = 0;
    const QString path = writePdf(sheetInput, u"many.pdf"_s, &pages);
    QVERIFY(!path.isEmpty());
    QVERIFY2(pages >= 2, qPrintable(QString::number(pages)));
    QString error;
    const PdfTools::Layout layout = PdfTools::layout(path, &error);
    QCOMPARE(layout.pageCount, pages);
    const QString folder = qEnvironmentVariable("APPINT_BINARY_DIR", m_dir->path()) + u"/screenshots"_s;
    QVERIFY(QDir().mkpath(folder));
    QVERIFY2(PdfTools::renderPage(path, 2, 70, folder + u"/sheet-pdf-page2.png"_s, &error), qPrintable(error));

    const QString text = PdfTools::text(path);
    for (int page = 1; page <= pages; ++page) {
        QVERIFY2(PdfTools::squeezed(text).contains(PdfTools::squeezed(SheetPdfWriter::footerText(Now, page, pages))),
                 qPrintable(u"footer of page %1"_s.arg(page)));
    }
    // The table goes on under its title and headings again.
    QVERIFY(text.contains(ConnectionSheet::rolesSectionTitle() + u" (continued)"_s));
    // Every role once, none lost at a page break.
    for (const RoleAssignment& role : sheetInput.client.roles) {
        QCOMPARE(text.count(role.roleId), 1);
    }
    // Body text stays above the footer rule (bottom margin 24 mm, rule at 16 mm).
    const qreal footerTop = layout.pageSize.height() - 16 * PointsPerMm;
    for (const PdfTools::Word& word : layout.words) {
        const bool footerWord = word.box.top() > footerTop;
        if (!footerWord) {
            QVERIFY2(word.box.bottom() < layout.pageSize.height() - 24 * PointsPerMm + 1, qPrintable(word.text));
        }
    }
    // A section title never ends a page: the last line above the footer is
    // not one.
    const SheetDocument document = ConnectionSheet(sheetInput).document();
    for (int page = 1; page < pages; ++page) {
        qreal lowest = 0;
        for (const PdfTools::Word& word : layout.words) {
            if (word.page == page && word.box.top() < footerTop) {
                lowest = std::max(lowest, word.box.top());
            }
        }
        QList<PdfTools::Word> lastLine;
        for (const PdfTools::Word& word : layout.words) {
            if (word.page == page && qAbs(word.box.top() - lowest) < 1) {
                lastLine.append(word);
            }
        }
        std::sort(lastLine.begin(), lastLine.end(),
                  [](const PdfTools::Word& a, const PdfTools::Word& b) { return a.box.left() < b.box.left(); });
        QStringList words;
        for (const PdfTools::Word& word : lastLine) {
            words.append(word.text);
        }
        for (const SheetSection& section : document.sections) {
            QVERIFY2(words.join(u' ') != section.title, qPrintable(u"page %1 ends with "_s.arg(page) + section.title));
        }
    }
}

void TestSheetPdfWriter::firstPageRendersAsA4Picture()
{
    const QString path = writePdf(input(technical(), true), u"picture.pdf"_s);
    QVERIFY(!path.isEmpty());
    // Kept in the build folder for people to look at (docs/screenshots/sheet-pdf.png is one).
    const QString folder = qEnvironmentVariable("APPINT_BINARY_DIR", m_dir->path()) + u"/screenshots"_s;
    QVERIFY(QDir().mkpath(folder));
    const QString png = folder + u"/sheet-pdf.png"_s;
    QString error;
    QVERIFY2(PdfTools::renderPage(path, 1, 100, png, &error), qPrintable(error));
    QImage image(png);
    QVERIFY(!image.isNull());
    // A4 at 100 dpi: 827 x 1169 pixels.
    QVERIFY2(qAbs(image.width() - 827) <= 1 && qAbs(image.height() - 1169) <= 1,
             qPrintable(u"%1x%2"_s.arg(image.width()).arg(image.height())));
    // Ink on the page, but mostly paper; and the page margins stay blank.
    int dark = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (qGray(image.pixel(x, y)) < 128) {
                ++dark;
                const bool inMargin = x < 20 * 100 / 25.4 - 4 || x > image.width() - 20 * 100 / 25.4 + 4;
                QVERIFY2(!inMargin, qPrintable(u"ink at %1,%2"_s.arg(x).arg(y)));
            }
        }
    }
    const double share = double(dark) / (image.width() * image.height());
    QVERIFY2(share > 0.005 && share < 0.2, qPrintable(QString::number(share)));
}

void TestSheetPdfWriter::refusesADeviceItCannotWrite()
{
    SheetPdfWriter writer(ConnectionSheet(input(api(), false)).document());
    QVERIFY(!writer.write(nullptr));
    QVERIFY(!writer.errorString().isEmpty());
    QFile readOnly(m_dir->filePath(u"x.pdf"_s));
    QVERIFY(readOnly.open(QIODevice::WriteOnly));
    readOnly.close();
    QVERIFY(readOnly.open(QIODevice::ReadOnly));
    QVERIFY(!writer.write(&readOnly));
    QCOMPARE(writer.pageCount(), 0);
}

APPINT_TEST_MAIN_IMPL(QGuiApplication, TestSheetPdfWriter)
#include "TestSheetPdfWriter.moc"
