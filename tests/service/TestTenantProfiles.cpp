#include "TemporarySettingsFile.h"
#include "TestMain.h"

#include "service/SharedSettings.h"
#include "service/TenantProfiles.h"

#include <QFile>

using namespace Qt::StringLiterals;
using namespace appint;

Q_DECLARE_METATYPE(appint::TenantProfile)

// TenantProfiles against real settings files in a temporary folder.
class TestTenantProfiles : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void savesAndFindsProfiles();
    void findsANormalisedUrl_data();
    void findsANormalisedUrl();
    void replacesTheProfileOfTheSameTenantInPlace();
    void removes();
    void refusesBadFieldsAndChangesNothing_data();
    void refusesBadFieldsAndChangesNothing();
    void seesChangesOfAnotherProcess();
    void writesNothingButUrlClientIdAndName();
    void keepsTheUserOfABrowserSignIn();
    void skipsUnusableHandEditedEntries();
    void reportsASettingsFileThatCannotBeWritten();
    void sharedSettingsLiveUnderXdgConfigHome();

private:
    std::unique_ptr<test::TemporarySettingsFile> m_settings;
};

void TestTenantProfiles::init()
{
    m_settings = std::make_unique<test::TemporarySettingsFile>();
    QVERIFY(m_settings->isValid());
}

void TestTenantProfiles::savesAndFindsProfiles()
{
    auto settings = m_settings->open();
    TenantProfiles profiles(settings.get());
    QCOMPARE(profiles.profiles(), QList<TenantProfile>());
    QVERIFY(profiles.save({u"https://b.example"_s, u"admin-b"_s, u"Tenant B"_s}).ok());
    QVERIFY(profiles.save({u"https://a.example/"_s, u"admin-a"_s, u"Tenant Ä — 販売"_s}).ok());

    // In the order first saved, URLs normalised.
    const QList<TenantProfile> expected{{u"https://b.example"_s, u"admin-b"_s, u"Tenant B"_s},
                                        {u"https://a.example"_s, u"admin-a"_s, u"Tenant Ä — 販売"_s}};
    QCOMPARE(profiles.profiles(), expected);
    // A fresh reader of the file sees the same.
    auto again = m_settings->open();
    QCOMPARE(TenantProfiles(again.get()).profiles(), expected);
    QCOMPARE(profiles.find(u"https://a.example"), std::optional<TenantProfile>(expected.at(1)));
    QVERIFY(!profiles.find(u"https://c.example"));
    QCOMPARE(expected.at(0).displayText(), u"Tenant B"_s);
    QCOMPARE((TenantProfile{u"https://x.example"_s, u"c"_s, {}}).displayText(), u"https://x.example"_s);
}

void TestTenantProfiles::findsANormalisedUrl_data()
{
    QTest::addColumn<QString>("saved");
    QTest::addColumn<QString>("asked");
    QTest::addColumn<QString>("stored");
    QTest::newRow("case and default port")
        << u"HTTPS://Tenant.Example:443/"_s << u"https://tenant.example"_s << u"https://tenant.example"_s;
    QTest::newRow("trailing slash, query, fragment")
        << u"https://tenant.example/path/?x=1#f"_s << u" https://tenant.example/path "_s
        << u"https://tenant.example/path"_s;
    QTest::newRow("user info dropped") << u"https://user:pw@tenant.example"_s << u"https://tenant.example"_s
                                       << u"https://tenant.example"_s;
    QTest::newRow("other port kept") << u"http://127.0.0.1:8443"_s << u"http://127.0.0.1:8443/"_s
                                     << u"http://127.0.0.1:8443"_s;
    QTest::newRow("http default port") << u"http://localhost:80/"_s << u"http://LOCALHOST"_s << u"http://localhost"_s;
}

void TestTenantProfiles::findsANormalisedUrl()
{
    QFETCH(QString, saved);
    QFETCH(QString, asked);
    QFETCH(QString, stored);
    auto settings = m_settings->open();
    TenantProfiles profiles(settings.get());
    QVERIFY(profiles.save({saved, u"admin"_s, u"T"_s}).ok());
    const auto found = profiles.find(asked);
    QVERIFY(found);
    QCOMPARE(found->url, stored);
    QCOMPARE(TenantProfiles::normalizedUrl(saved), stored);
    // The user info of a URL never reaches the file.
    QVERIFY(!m_settings->bytes().contains("pw@"));
}

void TestTenantProfiles::replacesTheProfileOfTheSameTenantInPlace()
{
    auto settings = m_settings->open();
    TenantProfiles profiles(settings.get());
    QVERIFY(profiles.save({u"https://a.example"_s, u"admin-a"_s, u"A"_s}).ok());
    QVERIFY(profiles.save({u"https://b.example"_s, u"admin-b"_s, u"B"_s}).ok());
    QVERIFY(profiles.save({u"https://A.example:443"_s, u"other-admin"_s, u"A again"_s}).ok());
    const QList<TenantProfile> expected{{u"https://a.example"_s, u"other-admin"_s, u"A again"_s},
                                        {u"https://b.example"_s, u"admin-b"_s, u"B"_s}};
    QCOMPARE(profiles.profiles(), expected);
}

void TestTenantProfiles::removes()
{
    auto settings = m_settings->open();
    TenantProfiles profiles(settings.get());
    QVERIFY(profiles.save({u"https://a.example"_s, u"admin-a"_s, u"A"_s}).ok());
    QVERIFY(profiles.save({u"https://b.example"_s, u"admin-b"_s, u"B"_s}).ok());
    QVERIFY(profiles.remove(u"HTTPS://A.EXAMPLE/").ok());
    QCOMPARE(profiles.profiles(), (QList<TenantProfile>{{u"https://b.example"_s, u"admin-b"_s, u"B"_s}}));
    QVERIFY(profiles.remove(u"https://nowhere.example").ok());
    QVERIFY(profiles.remove(u"https://b.example").ok());
    auto again = m_settings->open();
    QCOMPARE(TenantProfiles(again.get()).profiles(), QList<TenantProfile>());
}

void TestTenantProfiles::refusesBadFieldsAndChangesNothing_data()
{
    QTest::addColumn<TenantProfile>("profile");
    QTest::addColumn<QString>("field");
    QTest::newRow("no url") << TenantProfile{u""_s, u"admin"_s, {}} << TenantProfiles::FieldUrl;
    QTest::newRow("relative url") << TenantProfile{u"tenant.example"_s, u"admin"_s, {}} << TenantProfiles::FieldUrl;
    QTest::newRow("ftp") << TenantProfile{u"ftp://tenant.example"_s, u"admin"_s, {}} << TenantProfiles::FieldUrl;
    QTest::newRow("no client id") << TenantProfile{u"https://t.example"_s, u"  "_s, {}}
                                  << TenantProfiles::FieldClientId;
    QTest::newRow("client id with spaces")
        << TenantProfile{u"https://t.example"_s, u" admin"_s, {}} << TenantProfiles::FieldClientId;
    QTest::newRow("client id with a line break")
        << TenantProfile{u"https://t.example"_s, u"ad\nmin"_s, {}} << TenantProfiles::FieldClientId;
    QTest::newRow("long client id") << TenantProfile{u"https://t.example"_s, QString(257, u'c'), {}}
                                    << TenantProfiles::FieldClientId;
    QTest::newRow("name with a line break")
        << TenantProfile{u"https://t.example"_s, u"admin"_s, u"a\nb"_s} << TenantProfiles::FieldDisplayName;
    QTest::newRow("long name") << TenantProfile{u"https://t.example"_s, u"admin"_s, QString(201, u'n')}
                               << TenantProfiles::FieldDisplayName;
}

void TestTenantProfiles::refusesBadFieldsAndChangesNothing()
{
    QFETCH(TenantProfile, profile);
    QFETCH(QString, field);
    auto settings = m_settings->open();
    TenantProfiles profiles(settings.get());
    QVERIFY(profiles.save({u"https://kept.example"_s, u"admin"_s, u"Kept"_s}).ok());
    const QByteArray before = m_settings->bytes();

    const SettingsWriteResult result = profiles.save(profile);
    QVERIFY(!result.ok());
    QVERIFY(!result.message.isEmpty());
    QCOMPARE(result.fieldErrors.size(), 1);
    QCOMPARE(result.fieldErrors.first().field, field);
    QCOMPARE(m_settings->bytes(), before);
    QCOMPARE(profiles.profiles().size(), 1);
}

void TestTenantProfiles::seesChangesOfAnotherProcess()
{
    // Two QSettings on one file stand for the console and the command line.
    auto console = m_settings->open();
    auto commandLine = m_settings->open();
    TenantProfiles consoleProfiles(console.get());
    QCOMPARE(consoleProfiles.profiles().size(), 0);
    QVERIFY(TenantProfiles(commandLine.get()).save({u"https://a.example"_s, u"admin"_s, u"A"_s}).ok());
    QCOMPARE(consoleProfiles.profiles().size(), 1);
    QVERIFY(TenantProfiles(commandLine.get()).remove(u"https://a.example").ok());
    QCOMPARE(consoleProfiles.profiles().size(), 0);
}

void TestTenantProfiles::writesNothingButUrlClientIdAndName()
{
    auto settings = m_settings->open();
    TenantProfiles profiles(settings.get());
    QVERIFY(profiles.save({u"https://a.example"_s, u"admin-a"_s, u"A"_s}).ok());
    QVERIFY(profiles.save({u"https://b.example"_s, u"admin-b"_s, u""_s}).ok());
    settings.reset();
    QSettings raw(m_settings->path(), QSettings::IniFormat);
    QStringList keys = raw.allKeys();
    keys.sort();
    QCOMPARE(keys,
             (QStringList{u"tenants/1/clientId"_s, u"tenants/1/displayName"_s, u"tenants/1/url"_s,
                          u"tenants/2/clientId"_s, u"tenants/2/displayName"_s, u"tenants/2/url"_s, u"tenants/size"_s}));
}

void TestTenantProfiles::keepsTheUserOfABrowserSignIn()
{
    auto settings = m_settings->open();
    TenantProfiles profiles(settings.get());
    const TenantProfile signedIn{u"https://a.example"_s, u"cli-app"_s, u"A"_s, u"ALICE"_s};
    QVERIFY(profiles.save(signedIn).ok());
    QCOMPARE(profiles.find(u"https://a.example"), std::optional<TenantProfile>(signedIn));
    // A later login with an administrator client is no user's sign-in.
    QVERIFY(profiles.save({u"https://a.example"_s, u"admin-a"_s, u"A"_s}).ok());
    auto again = m_settings->open();
    QCOMPARE(TenantProfiles(again.get()).find(u"https://a.example")->userName, QString());
    settings.reset();
    QSettings raw(m_settings->path(), QSettings::IniFormat);
    QVERIFY(!raw.allKeys().contains(u"tenants/1/userName"_s));
}

void TestTenantProfiles::skipsUnusableHandEditedEntries()
{
    {
        QFile file(m_settings->path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[tenants]\n"
                   "1\\url=https://a.example\n1\\clientId=admin-a\n"
                   "2\\url=\n2\\clientId=nobody\n"
                   "3\\url=HTTPS://A.EXAMPLE/\n3\\clientId=duplicate\n"
                   "4\\url=https://b.example\n4\\clientId=\n"
                   "5\\url=https://c.example\n5\\clientId=admin-c\n5\\clientSecret=not-read\n"
                   "size=5\n");
    }
    auto settings = m_settings->open();
    TenantProfiles profiles(settings.get());
    QCOMPARE(
        profiles.profiles(),
        (QList<TenantProfile>{{u"https://a.example"_s, u"admin-a"_s, {}}, {u"https://c.example"_s, u"admin-c"_s, {}}}));
    // Writing back keeps only what a profile holds.
    QVERIFY(profiles.save({u"https://d.example"_s, u"admin-d"_s, {}}).ok());
    QVERIFY(!m_settings->bytes().contains("not-read"));
    QCOMPARE(profiles.profiles().size(), 3);
}

void TestTenantProfiles::reportsASettingsFileThatCannotBeWritten()
{
    // A folder that cannot exist: its parent is a file (works as root, too).
    QFile blocker(m_settings->filePath(u"blocker"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QSettings settings(m_settings->filePath(u"blocker/appint.conf"_s), QSettings::IniFormat);
    TenantProfiles profiles(&settings);
    const SettingsWriteResult result = profiles.save({u"https://a.example"_s, u"admin"_s, u"A"_s});
    QVERIFY(!result.ok());
    QVERIFY2(result.message.contains(u"cannot be written"_s), qPrintable(result.message));
    QVERIFY(result.fieldErrors.isEmpty());
}

void TestTenantProfiles::sharedSettingsLiveUnderXdgConfigHome()
{
    // The test's environment (appint_add_test) never points at the user's
    // own settings; SharedSettings names organisation and application
    // "appint" whatever the program is called.
    const auto settings = SharedSettings::open();
    QVERIFY2(settings->fileName().endsWith(u"/appint/appint.conf"_s), qPrintable(settings->fileName()));
    QCOMPARE(settings->organizationName(), u"appint"_s);
    QCOMPARE(settings->applicationName(), u"appint"_s);
}

APPINT_TEST_MAIN(TestTenantProfiles)
#include "TestTenantProfiles.moc"
