#include "TemporarySettingsFile.h"
#include "TestMain.h"

#include "service/OutboundCredentialSettings.h"
#include "service/OutboundSecretsCodec.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;
using namespace appint;

namespace {
OutboundCredential fullCredential(const QString& name)
{
    OutboundCredential credential;
    credential.name = name;
    credential.description = u"Token for the reporting API — Ünïcödé"_s;
    credential.tokenServiceUrl = u"https://{tenant}.authentication.eu10.example/oauth/token"_s;
    credential.urlType = TokenServiceUrlType::Common;
    credential.subdomain = u"acme"_s;
    credential.clientId = u"sb-reporting!t42"_s;
    credential.clientAuthentication = ClientAuthentication::Header;
    credential.tokenServiceUser = u"svc-user"_s;
    credential.scope = u"read write"_s;
    credential.resource = u"https://api.example/reporting"_s;
    credential.audience = u"reporting"_s;
    credential.customParameters = {{u"tenant_hint"_s, u"acme"_s, ParameterLocation::Body},
                                   {u"X-Correlation"_s, u"abc=1&b"_s, ParameterLocation::Header},
                                   {u"a/b"_s, u"slash/in/key"_s, ParameterLocation::Url}};
    // Sorted by key: the seed 004 property map is.
    credential.tokenServiceHeaders = {{u"X-Env"_s, u"prod"_s}};
    credential.tokenServiceQueries = {{u"api-version"_s, u"2"_s}};
    credential.tokenServiceBody = {{u"client/kind"_s, u"batch"_s}, {u"extra"_s, u"1"_s}};
    credential.connectionTimeoutSeconds = 5;
    credential.readTimeoutSeconds = 120;
    return credential;
}

OutboundCredential simpleCredential(const QString& name)
{
    OutboundCredential credential;
    credential.name = name;
    credential.tokenServiceUrl = u"https://tenant.example/oauth/token"_s;
    credential.clientId = u"client-"_s + name;
    return credential;
}
} // namespace

// OutboundCredentialSettings against real settings files, and the codec of
// the keychain entry.
class TestOutboundCredentialSettings : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void roundTripsEveryField();
    void findsNamesIgnoringCase();
    void editsInPlaceAndRenames();
    void refusesATakenNameOrBadFieldsAndChangesNothing();
    void removes();
    void neverWritesOrReadsSecrets();
    void codecRoundTrips_data();
    void codecRoundTrips();
    void codecKeepsAPlainClientSecretPlain();
    void codecReadsForeignTextAsTheClientSecret_data();
    void codecReadsForeignTextAsTheClientSecret();

private:
    std::unique_ptr<test::TemporarySettingsFile> m_settings;
};

void TestOutboundCredentialSettings::init()
{
    m_settings = std::make_unique<test::TemporarySettingsFile>();
    QVERIFY(m_settings->isValid());
}

void TestOutboundCredentialSettings::roundTripsEveryField()
{
    const OutboundCredential credential = fullCredential(u"reporting-api"_s);
    {
        auto settings = m_settings->open();
        const SettingsWriteResult saved = OutboundCredentialSettings(settings.get()).save(credential);
        QVERIFY2(saved.ok(), qPrintable(saved.message));
    }
    auto settings = m_settings->open();
    const OutboundCredentials read = OutboundCredentialSettings(settings.get()).credentials();
    QCOMPARE(read.size(), 1);
    QCOMPARE(read.first(), credential);
    // One entry per credential: its name and the property map as JSON.
    const QString properties = settings->value(u"outboundCredentials/1/properties"_s).toString();
    const QJsonObject object = QJsonDocument::fromJson(properties.toUtf8()).object();
    QCOMPARE(object.value(u"tokenServiceURLType"_s).toString(), u"Common"_s);
    QCOMPARE(object.value(u"tokenService.body.client/kind"_s).toString(), u"batch"_s);
    QCOMPARE(settings->value(u"outboundCredentials/1/name"_s).toString(), u"reporting-api"_s);
}

void TestOutboundCredentialSettings::findsNamesIgnoringCase()
{
    auto settings = m_settings->open();
    OutboundCredentialSettings store(settings.get());
    QVERIFY(store.save(simpleCredential(u"Alpha"_s)).ok());
    QVERIFY(store.save(simpleCredential(u"beta.2"_s)).ok());
    QCOMPARE(store.names(), (QStringList{u"Alpha"_s, u"beta.2"_s}));
    QCOMPARE(store.find(u"ALPHA")->clientId, u"client-Alpha"_s);
    QCOMPARE(store.find(u"Beta.2")->name, u"beta.2"_s);
    QVERIFY(!store.find(u"gamma"));
}

void TestOutboundCredentialSettings::editsInPlaceAndRenames()
{
    auto settings = m_settings->open();
    OutboundCredentialSettings store(settings.get());
    QVERIFY(store.save(simpleCredential(u"one"_s)).ok());
    QVERIFY(store.save(simpleCredential(u"two"_s)).ok());
    OutboundCredential edited = simpleCredential(u"one"_s);
    edited.scope = u"read"_s;
    QVERIFY(store.save(edited, u"one"_s).ok());
    QCOMPARE(store.find(u"one")->scope, u"read"_s);
    OutboundCredential renamed = edited;
    renamed.name = u"uno"_s;
    QVERIFY(store.save(renamed, u"ONE"_s).ok());
    QCOMPARE(store.names(), (QStringList{u"uno"_s, u"two"_s}));
    // The same name in another case is the same credential: an edit.
    OutboundCredential recased = renamed;
    recased.name = u"UNO"_s;
    QVERIFY(store.save(recased, u"uno"_s).ok());
    QCOMPARE(store.names(), (QStringList{u"UNO"_s, u"two"_s}));
}

void TestOutboundCredentialSettings::refusesATakenNameOrBadFieldsAndChangesNothing()
{
    auto settings = m_settings->open();
    OutboundCredentialSettings store(settings.get());
    QVERIFY(store.save(simpleCredential(u"taken"_s)).ok());
    const QByteArray before = m_settings->bytes();

    SettingsWriteResult result = store.save(simpleCredential(u"TAKEN"_s));
    QVERIFY(!result.ok());
    QCOMPARE(result.fieldErrors.first().field, u"Name"_s);

    OutboundCredential forbidden = simpleCredential(u"other"_s);
    forbidden.customParameters = {{u"client_secret"_s, u"x"_s, ParameterLocation::Body}};
    result = store.save(forbidden);
    QVERIFY(!result.ok());
    QCOMPARE(result.fieldErrors.first().field, u"customParameters"_s);

    OutboundCredential noUrl = simpleCredential(u"other"_s);
    noUrl.tokenServiceUrl.clear();
    QVERIFY(!store.save(noUrl).ok());

    // Renaming onto another credential's name is refused as well.
    QVERIFY(store.save(simpleCredential(u"second"_s)).ok());
    const QByteArray withSecond = m_settings->bytes();
    OutboundCredential clash = simpleCredential(u"taken"_s);
    QVERIFY(!store.save(clash, u"second"_s).ok());
    QCOMPARE(m_settings->bytes(), withSecond);
    QVERIFY(before.size() < withSecond.size());
}

void TestOutboundCredentialSettings::removes()
{
    auto settings = m_settings->open();
    OutboundCredentialSettings store(settings.get());
    QVERIFY(store.save(simpleCredential(u"a"_s)).ok());
    QVERIFY(store.save(simpleCredential(u"b"_s)).ok());
    QVERIFY(store.remove(u"A").ok());
    QCOMPARE(store.names(), QStringList{u"b"_s});
    QVERIFY(store.remove(u"missing").ok());
    QCOMPARE(store.names(), QStringList{u"b"_s});
}

void TestOutboundCredentialSettings::neverWritesOrReadsSecrets()
{
    // A property map imported from a BTP destination can carry secrets; a
    // hand-edited file too. They are neither read nor written back.
    {
        QSettings raw(m_settings->path(), QSettings::IniFormat);
        QVariantMap properties = simpleCredential(u"imported"_s).toSettings();
        properties.insert(u"clientSecret"_s, u"canary-client-secret"_s);
        properties.insert(u"tokenServicePassword"_s, u"canary-password"_s);
        raw.beginWriteArray(u"outboundCredentials"_s, 1);
        raw.setArrayIndex(0);
        raw.setValue(u"name"_s, u"imported"_s);
        raw.setValue(u"properties"_s,
                     QString::fromUtf8(QJsonDocument(QJsonObject::fromVariantMap(properties)).toJson()));
        raw.endArray();
    }
    QVERIFY(m_settings->bytes().contains("canary-client-secret"));
    auto settings = m_settings->open();
    OutboundCredentialSettings store(settings.get());
    const auto credential = store.find(u"imported");
    QVERIFY(credential);
    QVERIFY(store.save(simpleCredential(u"fresh"_s)).ok());
    QVERIFY(!m_settings->bytes().contains("canary"));
    for (const QString& key : OutboundCredential::secretSettingKeys()) {
        QVERIFY2(!m_settings->bytes().contains(key.toUtf8()), qPrintable(key));
    }
}

void TestOutboundCredentialSettings::codecRoundTrips_data()
{
    QTest::addColumn<QString>("clientSecret");
    QTest::addColumn<QString>("password");
    QTest::newRow("client secret") << u"s3cr3t"_s << QString();
    QTest::newRow("both") << u"s3cr3t"_s << u"pa:ss \"word\""_s;
    QTest::newRow("password only") << QString() << u"pw"_s;
    QTest::newRow("secret that looks like JSON") << u"{\"clientSecret\":\"x\"}"_s << QString();
    QTest::newRow("unicode and line breaks") << u"ünï\ncödé\t$`'"_s << u"€"_s;
}

void TestOutboundCredentialSettings::codecRoundTrips()
{
    QFETCH(QString, clientSecret);
    QFETCH(QString, password);
    const OutboundSecrets secrets{Secret(clientSecret), Secret(password)};
    const OutboundSecrets decoded = OutboundSecretsCodec::decode(OutboundSecretsCodec::encode(secrets));
    QCOMPARE(decoded.clientSecret.toString(), clientSecret);
    QCOMPARE(decoded.tokenServicePassword.toString(), password);
}

void TestOutboundCredentialSettings::codecKeepsAPlainClientSecretPlain()
{
    // secret-tool lookup shows the secret itself, and one stored by hand works.
    QCOMPARE(OutboundSecretsCodec::encode({Secret(u"abc"_s), Secret()}).toString(), u"abc"_s);
    const QString both = OutboundSecretsCodec::encode({Secret(u"abc"_s), Secret(u"pw"_s)}).toString();
    const QJsonObject object = QJsonDocument::fromJson(both.toUtf8()).object();
    QCOMPARE(object.value(u"clientSecret"_s).toString(), u"abc"_s);
    QCOMPARE(object.value(u"tokenServicePassword"_s).toString(), u"pw"_s);
}

void TestOutboundCredentialSettings::codecReadsForeignTextAsTheClientSecret_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << u"plain-secret"_s;
    QTest::newRow("brace") << u"{not json"_s;
    QTest::newRow("other keys") << u"{\"secret\":\"x\"}"_s;
    QTest::newRow("not a string") << u"{\"clientSecret\":5}"_s;
    QTest::newRow("empty object") << u"{}"_s;
}

void TestOutboundCredentialSettings::codecReadsForeignTextAsTheClientSecret()
{
    QFETCH(QString, text);
    const OutboundSecrets decoded = OutboundSecretsCodec::decode(Secret(text));
    QCOMPARE(decoded.clientSecret.toString(), text);
    QVERIFY(decoded.tokenServicePassword.isEmpty());
}

APPINT_TEST_MAIN(TestOutboundCredentialSettings)
#include "TestOutboundCredentialSettings.moc"
