#include "TestMain.h"

#include "CliFixture.h"
#include "PdfTools.h"
#include "keychain/KeychainKeys.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace appint;
using appint::test::CliFixture;
using appint::test::CliRun;
using appint::test::PdfTools;

namespace {
constexpr QFileDevice::Permissions OwnerOnly
    = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser;

// The mode bits of a file, as `stat` shows them.
unsigned modeOf(const QString& path)
{
    struct stat info
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &info) != 0) {
        return 0;
    }
    return info.st_mode & 07777;
}

unsigned currentUmask()
{
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return mask;
}
} // namespace

// `appint sheet` in every format, with and without a secret saved in the
// keychain, against a real appint-server: files checked for content and mode,
// the PDF read back with pdftotext.
class TestCliSheet : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void writesEveryFormat_data();
    void writesEveryFormat();
    void namesTheFileAfterTheClient();
    void writesToStandardOutput();
    void leavesTheSecretOutWhenAsked();
    void replacesAReadableFileWithAPrivateOne();
    void refusesBadRequests_data();
    void refusesBadRequests();

private:
    QString clientId() const { return m_client[u"client_id"_s].toString(); }
    QString clientSecret() const { return m_client[u"client_secret"_s].toString(); }
    QString clientKey() const { return KeychainKeys::clientSecret(m_fixture->tenantUrl(), clientId()); }
    void saveSecret() { QVERIFY(m_fixture->keychainWrite(clientKey(), clientSecret()).ok()); }
    CliRun sheet(const QStringList& extra)
    {
        return m_fixture->run(QStringList{u"sheet"_s, clientId()} + extra, {}, {}, m_out->path());
    }
    QByteArray read(const QString& path) const
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    std::unique_ptr<CliFixture> m_fixture;
    std::unique_ptr<QTemporaryDir> m_out;
    QJsonObject m_client;
};

void TestCliSheet::initTestCase()
{
    const QString problem = CliFixture::checkEnvironment();
    if (!problem.isEmpty()) {
        QFAIL(qPrintable(problem));
    }
}

void TestCliSheet::init()
{
    m_fixture = std::make_unique<CliFixture>();
    m_out = std::make_unique<QTemporaryDir>();
    QVERIFY(m_out->isValid());
    QString error;
    QVERIFY2(m_fixture->startServer(&error), qPrintable(error));
    m_client = m_fixture->createClient(
        QJsonObject{{u"client_name"_s, u"Nightly ETL"_s},
                    {u"purpose"_s, u"technical"_s},
                    {u"user_id"_s, u"ETL_NIGHTLY"_s},
                    {u"roles"_s, QJsonArray{QJsonObject{{u"role_id"_s, u"DW_INTEGRATOR"_s}}}}});
    QVERIFY(!clientSecret().isEmpty());
    const CliRun login = m_fixture->login();
    QVERIFY2(login.exitCode == 0, login.describe().constData());
}

void TestCliSheet::cleanup()
{
    if (m_fixture) {
        m_fixture->keychainRemove(clientKey());
        m_fixture->keychainRemove(
            KeychainKeys::tenantCredentials(m_fixture->tenantUrl(), m_fixture->server().adminClientId()));
    }
    m_fixture.reset();
}

void TestCliSheet::writesEveryFormat_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("saved");
    for (const QString& format : {u"pdf"_s, u"json"_s, u"btp"_s, u"cpi"_s, u"curl"_s, u"env"_s, u"md"_s}) {
        QTest::newRow(qPrintable(format + u", secret saved"_s)) << format << true;
        QTest::newRow(qPrintable(format + u", no secret"_s)) << format << false;
    }
}

void TestCliSheet::writesEveryFormat()
{
    QFETCH(QString, format);
    QFETCH(bool, saved);
    if (saved) {
        saveSecret();
    }
    const QString path = m_out->filePath(u"sheet."_s + format);
    const CliRun run = sheet({u"--format"_s, format, u"--output"_s, path});
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    QVERIFY2(run.standardError.isEmpty(), run.describe().constData());
    // The secret never in what the command says.
    QVERIFY(!run.mentions(clientSecret().toUtf8()));
    QVERIFY(!run.mentions(m_fixture->server().adminSecret().toUtf8()));

    const QByteArray bytes = read(path);
    QVERIFY(!bytes.isEmpty());
    QString text = QString::fromUtf8(bytes);
    if (format == u"pdf"_s) {
        QVERIFY(bytes.startsWith("%PDF-"));
        QString error;
        text = PdfTools::text(path, &error);
        QVERIFY2(!text.isEmpty(), qPrintable(error));
        const QString flat = PdfTools::squeezed(text);
        QVERIFY(flat.contains(u"Connectionsheet:NightlyETL"_s));
        QVERIFY(flat.contains(clientId()));
        QVERIFY(flat.contains(PdfTools::squeezed(m_fixture->tokenUrl())));
        QVERIFY(flat.contains(u"ETL_NIGHTLY"_s));
        QVERIFY(flat.contains(u"DW_INTEGRATOR"_s));
        QCOMPARE(flat.contains(u"Thesecretisnotincludedinthissheet"_s), !saved);
    } else if (format == u"json"_s) {
        const QJsonObject object = QJsonDocument::fromJson(bytes).object();
        QCOMPARE(object[u"client_id"_s].toString(), clientId());
        QCOMPARE(object[u"token_url"_s].toString(), m_fixture->tokenUrl());
        QCOMPARE(object.contains(u"client_secret"_s), saved);
    } else if (format == u"cpi"_s) {
        const QJsonObject object = QJsonDocument::fromJson(bytes).object();
        QCOMPARE(object[u"Client ID"_s].toString(), clientId());
        QCOMPARE(object[u"Token Service URL"_s].toString(), m_fixture->tokenUrl());
        QCOMPARE(object.contains(u"Client Secret"_s), saved);
    } else if (format == u"btp"_s) {
        QVERIFY(text.contains(u"Authentication=OAuth2ClientCredentials"_s));
        QVERIFY(text.contains(u"clientId="_s + clientId()));
        QCOMPARE(text.contains(u"\nclientSecret="_s), saved);
    } else if (format == u"curl"_s) {
        QVERIFY(text.startsWith(u"#!/bin/sh"_s));
        QVERIFY(text.contains(clientId()));
    } else if (format == u"env"_s) {
        QVERIFY(text.contains(u"OAUTH_CLIENT_ID='"_s + clientId() + u"'"_s));
        QCOMPARE(text.contains(u"\nOAUTH_CLIENT_SECRET="_s), saved); // a line, not the comment that asks for one
    } else if (format == u"md"_s) {
        QVERIFY(text.startsWith(u"# Connection sheet: Nightly ETL"_s));
    }
    // The secret exactly when it is saved; then the file is the owner's alone.
    QCOMPARE(text.contains(clientSecret()), saved);
    if (saved) {
        QCOMPARE(QFile::permissions(path), OwnerOnly);
        QCOMPARE(modeOf(path), 0600u);
        QCOMPARE(run.standardOutput,
                 QByteArray("Wrote " + path.toUtf8()
                            + " with the client secret from the system keychain. The file is readable only by you "
                              "(mode 0600): hand it over on a secure channel.\n"));
    } else {
        QCOMPARE(modeOf(path), 0666u & ~currentUmask());
        QCOMPARE(run.standardOutput,
                 QByteArray("Wrote " + path.toUtf8()
                            + " without the client secret (none is saved in the system keychain for this "
                              "client).\n"));
    }
    // No temporary file left beside it.
    QCOMPARE(QDir(m_out->path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"sheet."_s + format});
}

void TestCliSheet::namesTheFileAfterTheClient()
{
    const CliRun run = sheet({u"--format"_s, u"md"_s});
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    QVERIFY(QFile::exists(m_out->filePath(u"nightly-etl-connection-sheet.md"_s)));
    QVERIFY(run.standardOutput.startsWith("Wrote nightly-etl-connection-sheet.md without the client secret"));
}

void TestCliSheet::writesToStandardOutput()
{
    CliRun run = sheet({u"--format"_s, u"env"_s, u"--output"_s, u"-"_s});
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    QVERIFY(run.standardOutput.contains("OAUTH_CLIENT_ID="));
    QVERIFY(run.standardError.isEmpty());

    saveSecret();
    run = sheet({u"--format"_s, u"json"_s, u"--output"_s, u"-"_s});
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    QCOMPARE(run.json().object()[u"client_secret"_s].toString(), clientSecret());
    QCOMPARE(run.standardError, "The sheet contains the client secret from the system keychain.\n");
    QCOMPARE(QDir(m_out->path()).entryList(QDir::Files), QStringList());

    // A PDF goes to standard output too, when it is not a terminal.
    run = sheet({u"--format"_s, u"pdf"_s, u"--output"_s, u"-"_s});
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    QVERIFY(run.standardOutput.startsWith("%PDF-"));
}

void TestCliSheet::leavesTheSecretOutWhenAsked()
{
    saveSecret();
    const QString path = m_out->filePath(u"x.env"_s);
    const CliRun run = sheet({u"--format"_s, u"env"_s, u"--output"_s, path, u"--without-secret"_s});
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    QVERIFY(!read(path).contains(clientSecret().toUtf8()));
    QVERIFY(run.standardOutput.endsWith("without the client secret (--without-secret).\n"));
    QCOMPARE(modeOf(path), 0666u & ~currentUmask());
}

void TestCliSheet::replacesAReadableFileWithAPrivateOne()
{
    const QString path = m_out->filePath(u"shared.json"_s);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("old content");
    }
    QVERIFY(QFile::setPermissions(path, OwnerOnly | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    saveSecret();
    const CliRun run = sheet({u"--format"_s, u"json"_s, u"--output"_s, path});
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    QCOMPARE(modeOf(path), 0600u);
    QVERIFY(read(path).contains(clientSecret().toUtf8()));
}

void TestCliSheet::refusesBadRequests_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("no format") << QStringList{} << 2 << QByteArray("--format is required: pdf, json, btp, cpi");
    QTest::newRow("unknown format") << QStringList{u"--format"_s, u"docx"_s} << 2
                                    << QByteArray("--format: use one of pdf, json, btp, cpi, curl, env, md.");
    QTest::newRow("folder that does not exist")
        << QStringList{u"--format"_s, u"md"_s, u"--output"_s, u"/nonexistent-folder/x.md"_s} << 9
        << QByteArray("/nonexistent-folder/x.md cannot be written");
    QTest::newRow("a folder") << QStringList{u"--format"_s, u"md"_s, u"--output"_s, u"/tmp"_s} << 9
                              << QByteArray("/tmp is a folder; name a file.");
}

void TestCliSheet::refusesBadRequests()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, message);
    const CliRun run = sheet(arguments);
    QCOMPARE(run.exitCode, exitCode);
    QCOMPARE(run.errorLines().size(), 1);
    QVERIFY2(run.standardError.contains(message), run.describe().constData());

    // An unknown client.
    const CliRun unknown = m_fixture->run({u"sheet"_s, u"cl-unknown"_s, u"--format"_s, u"md"_s}, {}, {}, m_out->path());
    QCOMPARE(unknown.exitCode, 6);
    QVERIFY(unknown.standardError.startsWith("appint sheet: The client cannot be read:"));
    QCOMPARE(QDir(m_out->path()).entryList(QDir::Files), QStringList());
}

APPINT_TEST_MAIN(TestCliSheet)
#include "TestCliSheet.moc"
