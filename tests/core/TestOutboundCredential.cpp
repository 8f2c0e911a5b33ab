#include "TestMain.h"

#include "core/OutboundCredential.h"
#include "core/OutboundCredentialRules.h"
#include "core/TokenServiceUrl.h"

using namespace Qt::StringLiterals;
using namespace appint;

namespace {
using Part = CustomParameterProblem::Part;

OutboundCredential valid()
{
    OutboundCredential credential;
    credential.name = u"sales_api"_s;
    credential.tokenServiceUrl = u"https://auth.example.com/oauth/token"_s;
    credential.clientId = u"sb-client!t1"_s;
    return credential;
}

QStringList fields(const FieldErrors& errors)
{
    QStringList list;
    for (const FieldError& error : errors) {
        list.append(error.field);
    }
    return list;
}

CustomParameters repeat(int count)
{
    CustomParameters parameters;
    for (int i = 0; i < count; ++i) {
        parameters.append({u"key%1"_s.arg(i), u"value"_s, ParameterLocation::Body});
    }
    return parameters;
}
} // namespace

Q_DECLARE_METATYPE(appint::TokenServiceUrlType)
Q_DECLARE_METATYPE(appint::CustomParameters)

class TestOutboundCredential : public QObject
{
    Q_OBJECT

private slots:
    void resolveUrl_data();
    void resolveUrl();
    void customParameters_data();
    void customParameters();
    void customParameterMessages();
    void fields_data();
    void fields();
    void timeouts_data();
    void timeouts();
    void authentication();
    void settingsRoundTrip();
    void settingsNeverHoldSecrets();
    void settingsFromSeedProperties();
};

void TestOutboundCredential::resolveUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<TokenServiceUrlType>("type");
    QTest::addColumn<QString>("subdomain");
    QTest::addColumn<QString>("expected"); // empty: an error
    const auto common = TokenServiceUrlType::Common;
    const auto dedicated = TokenServiceUrlType::Dedicated;
    // Seed 004, the four examples for subdomain "mytenant".
    QTest::newRow("seed 1: no placeholder, host label")
        << u"https://authentication.us10.hana.ondemand.com/oauth/token"_s << common << u"mytenant"_s
        << u"https://mytenant.authentication.us10.hana.ondemand.com/oauth/token"_s;
    QTest::newRow("seed 2: placeholder first label")
        << u"https://{tenant}.authentication.us10.hana.ondemand.com/oauth/token"_s << common << u"mytenant"_s
        << u"https://mytenant.authentication.us10.hana.ondemand.com/oauth/token"_s;
    QTest::newRow("seed 3: placeholder in path")
        << u"https://authentication.myauthserver.com/tenant/{tenant}/oauth/token"_s << common << u"mytenant"_s
        << u"https://authentication.myauthserver.com/tenant/mytenant/oauth/token"_s;
    QTest::newRow("seed 4: placeholder inner label")
        << u"https://oauth.{tenant}.myauthserver.com/token"_s << common << u"mytenant"_s
        << u"https://oauth.mytenant.myauthserver.com/token"_s;
    QTest::newRow("dedicated as is") << u"https://authentication.us10.hana.ondemand.com/oauth/token"_s << dedicated
                                     << u"mytenant"_s << u"https://authentication.us10.hana.ondemand.com/oauth/token"_s;
    QTest::newRow("dedicated keeps query")
        << u"https://api.example.com/oauth2/apitoken/v1?grant_type=client_credentials"_s << dedicated << QString()
        << u"https://api.example.com/oauth2/apitoken/v1?grant_type=client_credentials"_s;
    QTest::newRow("common keeps port") << u"http://localhost:8080/oauth/token"_s << common << u"t1"_s
                                       << u"http://t1.localhost:8080/oauth/token"_s;
    QTest::newRow("common without subdomain")
        << u"https://auth.example.com/token"_s << common << QString() << QString();
    QTest::newRow("common bad subdomain")
        << u"https://auth.example.com/token"_s << common << u"my.tenant"_s << QString();
    QTest::newRow("common hyphen start") << u"https://auth.example.com/token"_s << common << u"-x"_s << QString();
    QTest::newRow("common ip literal") << u"https://10.0.0.1/token"_s << common << u"t1"_s << QString();
    QTest::newRow("dedicated with placeholder")
        << u"https://{tenant}.example.com/token"_s << dedicated << u"t1"_s << QString();
    QTest::newRow("relative") << u"/oauth/token"_s << dedicated << QString() << QString();
    QTest::newRow("ftp") << u"ftp://example.com/token"_s << dedicated << QString() << QString();
    QTest::newRow("empty") << QString() << dedicated << QString() << QString();
    QTest::newRow("fragment") << u"https://example.com/token#x"_s << dedicated << QString() << QString();
    QTest::newRow("user info") << u"https://u:p@example.com/token"_s << dedicated << QString() << QString();
}

void TestOutboundCredential::resolveUrl()
{
    QFETCH(QString, url);
    QFETCH(TokenServiceUrlType, type);
    QFETCH(QString, subdomain);
    QFETCH(QString, expected);
    const TokenServiceUrl::Resolved resolved = TokenServiceUrl::resolve(url, type, subdomain);
    if (expected.isEmpty()) {
        QVERIFY(!resolved.error.isEmpty());
        QVERIFY(!resolved.url.isValid());
    } else {
        QVERIFY2(resolved.error.isEmpty(), qPrintable(resolved.error));
        QCOMPARE(resolved.url.toString(QUrl::FullyEncoded), expected);
    }
}

void TestOutboundCredential::customParameters_data()
{
    QTest::addColumn<CustomParameters>("parameters");
    QTest::addColumn<QList<qsizetype>>("rows");
    QTest::addColumn<QList<int>>("parts");
    const auto body = ParameterLocation::Body;
    const auto header = ParameterLocation::Header;
    const auto url = ParameterLocation::Url;
    const int key = int(Part::Key);
    const int value = int(Part::Value);
    const int row = int(Part::Row);
    const QString long1024(1024, u'k');
    const QString long1025(1025, u'k');

    QTest::newRow("none") << CustomParameters{} << QList<qsizetype>{} << QList<int>{};
    QTest::newRow("one of each") << CustomParameters{{u"tenant"_s, u"a"_s, body},
                                                     {u"X-Trace"_s, u"1"_s, header},
                                                     {u"api-version"_s, u"2"_s, url}}
                                 << QList<qsizetype>{} << QList<int>{};
    QTest::newRow("20 allowed") << repeat(20) << QList<qsizetype>{} << QList<int>{};
    QTest::newRow("21 refused") << repeat(21) << QList<qsizetype>{20} << QList<int>{row};
    QTest::newRow("client_id") << CustomParameters{{u"client_id"_s, u"x"_s, body}} << QList<qsizetype>{0}
                               << QList<int>{key};
    QTest::newRow("client_secret in url")
        << CustomParameters{{u"client_secret"_s, u"x"_s, url}} << QList<qsizetype>{0} << QList<int>{key};
    QTest::newRow("grant_type any case") << CustomParameters{{u"Grant_Type"_s, u"x"_s, body}} << QList<qsizetype>{0}
                                         << QList<int>{key};
    QTest::newRow("empty key") << CustomParameters{{QString(), u"x"_s, body}} << QList<qsizetype>{0} << QList<int>{key};
    QTest::newRow("blank value") << CustomParameters{{u"k"_s, u"  \t"_s, body}} << QList<qsizetype>{0}
                                 << QList<int>{value};
    QTest::newRow("both empty") << CustomParameters{{u" "_s, QString(), header}} << QList<qsizetype>{0, 0}
                                << QList<int>{key, value};
    QTest::newRow("1024 allowed") << CustomParameters{{long1024, long1024, body}} << QList<qsizetype>{} << QList<int>{};
    QTest::newRow("1025 key") << CustomParameters{{long1025, u"v"_s, body}} << QList<qsizetype>{0} << QList<int>{key};
    QTest::newRow("1025 value") << CustomParameters{{u"k"_s, long1025, url}} << QList<qsizetype>{0}
                                << QList<int>{value};
    QTest::newRow("duplicate triple") << CustomParameters{{u"k"_s, u"v"_s, body},
                                                          {u"other"_s, u"v"_s, body},
                                                          {u"k"_s, u"v"_s, body}}
                                      << QList<qsizetype>{2} << QList<int>{row};
    QTest::newRow("same key other place")
        << CustomParameters{{u"k"_s, u"v"_s, body}, {u"k"_s, u"v"_s, url}} << QList<qsizetype>{} << QList<int>{};
    QTest::newRow("same key other value")
        << CustomParameters{{u"k"_s, u"v"_s, body}, {u"k"_s, u"w"_s, body}} << QList<qsizetype>{} << QList<int>{};
    QTest::newRow("header with space") << CustomParameters{{u"X Trace"_s, u"v"_s, header}} << QList<qsizetype>{0}
                                       << QList<int>{key};
    QTest::newRow("authorization header")
        << CustomParameters{{u"authorization"_s, u"Bearer x"_s, header}} << QList<qsizetype>{0} << QList<int>{key};
    QTest::newRow("line break in value") << CustomParameters{{u"X-A"_s, u"a\r\nX-B: b"_s, header}}
                                         << QList<qsizetype>{0} << QList<int>{value};
}

void TestOutboundCredential::customParameters()
{
    QFETCH(CustomParameters, parameters);
    QFETCH(QList<qsizetype>, rows);
    QFETCH(QList<int>, parts);
    const QList<CustomParameterProblem> problems = OutboundCredentialRules::customParameterProblems(parameters);
    QList<qsizetype> actualRows;
    QList<int> actualParts;
    for (const CustomParameterProblem& problem : problems) {
        actualRows.append(problem.row);
        actualParts.append(int(problem.part));
        QVERIFY(!problem.message.isEmpty());
    }
    QCOMPARE(actualRows, rows);
    QCOMPARE(actualParts, parts);
    // The field errors are the same problems, one each, under customParameters.
    const FieldErrors errors = OutboundCredentialRules::checkCustomParameters(parameters);
    QCOMPARE(errors.size(), problems.size());
    for (const FieldError& error : errors) {
        QCOMPARE(error.field, u"customParameters"_s);
    }
}

void TestOutboundCredential::customParameterMessages()
{
    const FieldErrors errors
        = OutboundCredentialRules::checkCustomParameters({{u"a"_s, u"b"_s, ParameterLocation::Body},
                                                          {u"client_secret"_s, u"x"_s, ParameterLocation::Body},
                                                          {u"a"_s, u"b"_s, ParameterLocation::Body}});
    QCOMPARE(errors.size(), 2);
    QCOMPARE(errors.at(0).message,
             u"Custom parameter 2, key: The key cannot be client_id, client_secret or grant_type."_s);
    QCOMPARE(errors.at(1).message, u"Custom parameter 3: Repeats row 1: the same key, value and Send as Part of."_s);
    const FieldErrors tooMany = OutboundCredentialRules::checkCustomParameters(repeat(21));
    QCOMPARE(tooMany.size(), 1);
    QCOMPARE(tooMany.at(0).message, u"Custom parameter 21: You can add at most 20 custom parameters."_s);
}

void TestOutboundCredential::fields_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QStringList>("errors");
    QTest::newRow("valid") << QString() << QString() << QStringList{};
    QTest::newRow("name empty") << u"name"_s << QString() << QStringList{u"Name"_s};
    QTest::newRow("name with space") << u"name"_s << u"my api"_s << QStringList{u"Name"_s};
    QTest::newRow("name 100") << u"name"_s << QString(100, u'n') << QStringList{};
    QTest::newRow("name 101") << u"name"_s << QString(101, u'n') << QStringList{u"Name"_s};
    QTest::newRow("name taken any case") << u"name"_s << u"TAKEN"_s << QStringList{u"Name"_s};
    QTest::newRow("url empty") << u"url"_s << QString() << QStringList{u"tokenServiceURL"_s};
    QTest::newRow("url http remote") << u"url"_s << u"http://auth.example.com/token"_s
                                     << QStringList{u"tokenServiceURL"_s};
    QTest::newRow("url http loopback") << u"url"_s << u"http://127.0.0.1:4000/token"_s << QStringList{};
    QTest::newRow("url http localhost") << u"url"_s << u"http://localhost:4000/token"_s << QStringList{};
    QTest::newRow("client id empty") << u"clientId"_s << QString() << QStringList{u"clientId"_s};
    QTest::newRow("client id padded") << u"clientId"_s << u" abc"_s << QStringList{u"clientId"_s};
    QTest::newRow("user with colon") << u"user"_s << u"a:b"_s << QStringList{u"tokenServiceUser"_s};
    QTest::newRow("scope list") << u"scope"_s << u"read write:all"_s << QStringList{};
    QTest::newRow("scope quote") << u"scope"_s << u"read \"x\""_s << QStringList{u"scope"_s};
    QTest::newRow("resource uri") << u"resource"_s << u"https://api.example.com/"_s << QStringList{};
    QTest::newRow("resource relative") << u"resource"_s << u"api"_s << QStringList{u"resource"_s};
    QTest::newRow("resource fragment") << u"resource"_s << u"https://api.example.com/#x"_s
                                       << QStringList{u"resource"_s};
    QTest::newRow("content type json") << u"contentType"_s << u"application/json; charset=utf-8"_s << QStringList{};
    QTest::newRow("content type xml") << u"contentType"_s << u"text/xml"_s << QStringList{u"contentType"_s};
    QTest::newRow("body key reserved") << u"body"_s << u"client_secret"_s << QStringList{u"tokenService.body"_s};
    QTest::newRow("body key scope") << u"body"_s << u"scope"_s << QStringList{u"tokenService.body"_s};
    QTest::newRow("header reserved") << u"header"_s << u"Content-Type"_s << QStringList{u"tokenServiceURL.headers"_s};
    QTest::newRow("header fine") << u"header"_s << u"X-Zone"_s << QStringList{};
    QTest::newRow("query reserved") << u"query"_s << u"grant_type"_s << QStringList{u"tokenServiceURL.queries"_s};
    QTest::newRow("query fine") << u"query"_s << u"tenant"_s << QStringList{};
    QTest::newRow("common without subdomain") << u"common"_s << QString() << QStringList{u"subdomain"_s};
    QTest::newRow("common with subdomain") << u"common"_s << u"mytenant"_s << QStringList{};
}

void TestOutboundCredential::fields()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QStringList, errors);
    OutboundCredential credential = valid();
    if (field == u"name"_s) {
        credential.name = value;
    } else if (field == u"url"_s) {
        credential.tokenServiceUrl = value;
    } else if (field == u"clientId"_s) {
        credential.clientId = value;
    } else if (field == u"user"_s) {
        credential.tokenServiceUser = value;
    } else if (field == u"scope"_s) {
        credential.scope = value;
    } else if (field == u"resource"_s) {
        credential.resource = value;
    } else if (field == u"contentType"_s) {
        credential.contentType = value;
    } else if (field == u"body"_s) {
        credential.tokenServiceBody.append({value, u"x"_s});
    } else if (field == u"header"_s) {
        credential.tokenServiceHeaders.append({value, u"x"_s});
    } else if (field == u"query"_s) {
        credential.tokenServiceQueries.append({value, u"x"_s});
    } else if (field == u"common"_s) {
        credential.urlType = TokenServiceUrlType::Common;
        credential.subdomain = value;
    }
    const FieldErrors actual = OutboundCredentialRules::check(credential, {u"taken"_s});
    QCOMPARE(::fields(actual), errors);
    for (const FieldError& error : actual) {
        QVERIFY(!error.message.isEmpty());
    }
}

void TestOutboundCredential::timeouts_data()
{
    QTest::addColumn<int>("connect");
    QTest::addColumn<int>("read");
    QTest::addColumn<int>("effectiveConnect");
    QTest::addColumn<int>("effectiveRead");
    QTest::newRow("defaults") << 10 << 10 << 10 << 10;
    QTest::newRow("zero") << 0 << 0 << 0 << 0;
    QTest::newRow("maxima") << 60 << 600 << 60 << 600;
    QTest::newRow("above") << 61 << 601 << 10 << 10;
    QTest::newRow("negative") << -1 << -5 << 10 << 10;
    QTest::newRow("read above connect range") << 30 << 120 << 30 << 120;
}

void TestOutboundCredential::timeouts()
{
    QFETCH(int, connect);
    QFETCH(int, read);
    QFETCH(int, effectiveConnect);
    QFETCH(int, effectiveRead);
    OutboundCredential credential = valid();
    credential.connectionTimeoutSeconds = connect;
    credential.readTimeoutSeconds = read;
    QCOMPARE(credential.effectiveConnectionTimeoutSeconds(), effectiveConnect);
    QCOMPARE(credential.effectiveReadTimeoutSeconds(), effectiveRead);
    // Out of range is not an error: the seed falls back to the default.
    QVERIFY(OutboundCredentialRules::check(credential).isEmpty());
}

void TestOutboundCredential::authentication()
{
    OutboundCredential credential = valid();
    QCOMPARE(credential.clientAuthentication, ClientAuthentication::Body);
    QVERIFY(!credential.sendsBasicHeader());
    QVERIFY(!credential.sendsJsonBody());
    credential.clientAuthentication = ClientAuthentication::Header;
    QVERIFY(credential.sendsBasicHeader());
    QVERIFY(!credential.usesTokenServiceUser());
    credential.clientAuthentication = ClientAuthentication::Body;
    credential.tokenServiceUser = u"svc"_s;
    QVERIFY(credential.usesTokenServiceUser());
    QVERIFY(credential.sendsBasicHeader());
    credential.contentType = u"Application/JSON;charset=utf-8"_s;
    QVERIFY(credential.sendsJsonBody());
}

void TestOutboundCredential::settingsRoundTrip()
{
    OutboundCredential credential = valid();
    credential.description = u"Sales API of the EU tenant"_s;
    credential.urlType = TokenServiceUrlType::Common;
    credential.subdomain = u"mytenant"_s;
    credential.clientAuthentication = ClientAuthentication::Header;
    credential.tokenServiceUser = u"svc"_s;
    credential.scope = u"read write"_s;
    credential.resource = u"https://api.example.com/"_s;
    credential.audience = u"sales"_s;
    credential.contentType = OutboundCredential::jsonContentType();
    credential.customParameters = {{u"a"_s, u"1"_s, ParameterLocation::Body},
                                   {u"X-B"_s, u"2"_s, ParameterLocation::Header},
                                   {u"c"_s, u"3"_s, ParameterLocation::Url}};
    credential.tokenServiceHeaders = {{u"X-Zone"_s, u"eu"_s}};
    credential.tokenServiceQueries = {{u"tenant"_s, u"t1"_s}};
    credential.tokenServiceBody = {{u"extra"_s, u"yes"_s}};
    credential.connectionTimeoutSeconds = 5;
    credential.readTimeoutSeconds = 120;
    QCOMPARE(OutboundCredential::fromSettings(credential.toSettings()), credential);
    QCOMPARE(OutboundCredential::fromSettings(valid().toSettings()), valid());
}

void TestOutboundCredential::settingsNeverHoldSecrets()
{
    OutboundCredential credential = valid();
    credential.tokenServiceUser = u"svc"_s;
    const QVariantMap settings = credential.toSettings();
    for (const QString& key : OutboundCredential::secretSettingKeys()) {
        QVERIFY2(!settings.contains(key), qPrintable(key));
    }
    for (auto it = settings.cbegin(); it != settings.cend(); ++it) {
        QVERIFY(!it.key().contains(u"secret"_s, Qt::CaseInsensitive));
        QVERIFY(!it.key().contains(u"password"_s, Qt::CaseInsensitive));
    }
    // A property map that carries secrets (an imported destination) does not
    // smuggle them into the credential: writing it back drops them.
    QVariantMap imported = settings;
    imported.insert(u"clientSecret"_s, u"s3cr3t"_s);
    imported.insert(u"tokenServicePassword"_s, u"pa55"_s);
    const QVariantMap written = OutboundCredential::fromSettings(imported).toSettings();
    QCOMPARE(written, settings);
}

void TestOutboundCredential::settingsFromSeedProperties()
{
    // Seed 004's property names as a destination export carries them.
    const QVariantMap properties{
        {u"Name"_s, u"sapOAuthCC"_s},
        {u"tokenServiceURL"_s, u"https://api.example.com/oauth2/apitoken/v1?grant_type=client_credentials"_s},
        {u"tokenServiceURLType"_s, u"Dedicated"_s},
        {u"tokenServiceUser"_s, u"clientIdValue"_s},
        {u"clientId"_s, u"clientIdValue"_s},
        {u"tokenService.addClientCredentialsInBody"_s, u"false"_s},
        {u"tokenServiceURL.headers.X-Zone"_s, u"eu"_s},
        {u"tokenServiceURL.queries.tenant"_s, u"t1"_s},
        {u"tokenService.body.extra"_s, u"yes"_s},
        {u"tokenServiceURL.ConnectionTimeoutInSeconds"_s, u"75"_s},
        {u"tokenServiceURL.SocketReadTimeoutInSeconds"_s, u"300"_s},
    };
    const OutboundCredential credential = OutboundCredential::fromSettings(properties);
    QCOMPARE(credential.name, u"sapOAuthCC"_s);
    QCOMPARE(credential.clientAuthentication, ClientAuthentication::Header);
    QCOMPARE(credential.tokenServiceUser, u"clientIdValue"_s);
    QCOMPARE(credential.tokenServiceHeaders, (PropertyList{{u"X-Zone"_s, u"eu"_s}}));
    QCOMPARE(credential.tokenServiceQueries, (PropertyList{{u"tenant"_s, u"t1"_s}}));
    QCOMPARE(credential.tokenServiceBody, (PropertyList{{u"extra"_s, u"yes"_s}}));
    QCOMPARE(credential.effectiveConnectionTimeoutSeconds(), 10);
    QCOMPARE(credential.effectiveReadTimeoutSeconds(), 300);
    QCOMPARE(credential.contentType, OutboundCredential::formContentType());
}

APPINT_TEST_MAIN(TestOutboundCredential)
#include "TestOutboundCredential.moc"
