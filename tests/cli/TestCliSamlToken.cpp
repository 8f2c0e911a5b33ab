// `appint token --saml-assertion` (issue 14) against the SAML 2.0 bearer
// grant of a real appint-server: assertions made and signed by a third-party
// implementation (the xmlsec1 command line, SamlTestSupport.h), never by our
// own code.

#include "TestMain.h"

#include "CliFixture.h"
#include "SamlTestSupport.h"
#include "core/OAuthNames.h"
#include "server/ServerThread.h"
#include "server/TenantServer.h"
#include "server/tenant/Tenant.h"
#include "server/tenant/Users.h"
#include "service/AccessToken.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace appint;
using appint::test::CliFixture;
using appint::test::CliRun;
namespace saml = appint::test::saml;

class TestCliSamlToken : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void signedAssertionGetsAUserToken_data();
    void signedAssertionGetsAUserToken();
    void wrongAudienceIsRefusedNamingTheRule();
    void badAssertionInputIsAUsageError_data();
    void badAssertionInputIsAUsageError();

private:
    QStringList adHoc(const QString& assertionPath) const
    {
        return {u"token"_s,
                u"--token-url"_s,
                m_samlTokenUrl,
                u"--client-id"_s,
                m_clientId,
                u"--client-secret-env"_s,
                u"APPINT_TEST_CLIENT_SECRET"_s,
                u"--saml-assertion"_s,
                assertionPath};
    }
    QMap<QString, QString> secretEnvironment() const { return {{u"APPINT_TEST_CLIENT_SECRET"_s, m_clientSecret}}; }
    saml::AssertionSpec spec(const QString& id) const;
    // Signs with the IdP's key; the file path of the signed XML.
    QByteArray signedAssertion(const saml::AssertionSpec& spec);
    QString write(const QString& name, const QByteArray& bytes);

    QTemporaryDir m_dir;
    std::unique_ptr<CliFixture> m_fixture;
    saml::KeyPair m_key;
    QString m_samlTokenUrl;
    QString m_samlAudience;
    QString m_clientId;
    QString m_clientSecret;
};

saml::AssertionSpec TestCliSamlToken::spec(const QString& id) const
{
    saml::AssertionSpec s;
    s.id = id;
    s.audience = m_samlAudience;
    s.recipient = m_samlTokenUrl;
    s.now = m_fixture->server().clock().now();
    return s;
}

QByteArray TestCliSamlToken::signedAssertion(const saml::AssertionSpec& s)
{
    QString error;
    const QByteArray xml = saml::sign(m_dir.path(), saml::assertionXml(s), m_key.keyPath, &error);
    if (!error.isEmpty()) {
        qWarning().noquote() << error;
    }
    return xml;
}

QString TestCliSamlToken::write(const QString& name, const QByteArray& bytes)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
        return {};
    }
    return path;
}

void TestCliSamlToken::initTestCase()
{
    const QString problem = CliFixture::checkEnvironment();
    if (!problem.isEmpty()) {
        QFAIL(qPrintable(problem));
    }
    QVERIFY(m_dir.isValid());
    m_key = saml::makeKeyPair(m_dir.path(), u"idp-rsa"_s, u"rsa"_s);
    QVERIFY2(m_key.ok(), qPrintable(m_key.error));

    m_fixture = std::make_unique<CliFixture>();
    QString error;
    QVERIFY2(m_fixture->startServer(&error), qPrintable(error));

    // A real tenant user, as SCIM makes them.
    Tenant* tenant = m_fixture->server().serverThread()->server()->tenant();
    TenantUser user;
    user.userName = u"ALICE"_s;
    user.active = true;
    user.roles = {RoleAssignment{u"DW_VIEWER"_s, {}}};
    const auto created = tenant->users().create(user, std::nullopt, m_fixture->server().adminClientId());
    QVERIFY2(created.ok(), qPrintable(created.detail));

    const QString admin = m_fixture->adminToken();
    const auto info = m_fixture->http().get(m_fixture->server().url(u"/api/v1/tenant"_s), admin);
    QCOMPARE(info.status, 200);
    m_samlTokenUrl = info.object().value(u"saml_token_url"_s).toString();
    m_samlAudience = info.object().value(u"saml_audience"_s).toString();
    QVERIFY(!m_samlTokenUrl.isEmpty() && !m_samlAudience.isEmpty());

    const auto idp = m_fixture->http().postJson(m_fixture->server().url(u"/api/v1/identity-providers"_s),
                                                QJsonObject{{u"name"_s, u"Corporate IdP"_s},
                                                            {u"entity_id"_s, u"https://idp.example.com/saml"_s},
                                                            {u"certificates"_s, QJsonArray{m_key.certificatePem}}},
                                                admin);
    QCOMPARE(idp.status, 201);

    const QJsonObject client
        = m_fixture->createClient(QJsonObject{{u"client_name"_s, u"SAML reporting"_s},
                                              {u"purpose"_s, u"api"_s},
                                              {u"access"_s, QJsonArray{oauth::AccessUserProvisioning}},
                                              {u"grant_types"_s, QJsonArray{oauth::GrantSaml2Bearer}}});
    m_clientId = client.value(u"client_id"_s).toString();
    m_clientSecret = client.value(u"client_secret"_s).toString();
    QVERIFY(!m_clientId.isEmpty() && !m_clientSecret.isEmpty());
}

void TestCliSamlToken::cleanupTestCase()
{
    m_fixture.reset();
}

void TestCliSamlToken::signedAssertionGetsAUserToken_data()
{
    QTest::addColumn<QString>("form"); // how the assertion reaches appint
    QTest::addColumn<QStringList>("extra");
    QTest::newRow("XML file, body auth") << u"file"_s << QStringList{};
    QTest::newRow("XML on stdin, Basic auth") << u"stdin"_s << QStringList{u"--auth"_s, u"header"_s};
    QTest::newRow("base64 file") << u"base64"_s << QStringList{};
}

void TestCliSamlToken::signedAssertionGetsAUserToken()
{
    QFETCH(QString, form);
    QFETCH(QStringList, extra);
    static int ids = 0;
    const QByteArray xml = signedAssertion(spec(u"_cli-ok-%1"_s.arg(++ids)));
    QVERIFY(!xml.isEmpty());
    const QByteArray encoded = saml::base64Url(xml);
    QString path = u"-"_s;
    QByteArray input;
    if (form == u"stdin"_s) {
        input = xml;
    } else {
        path = write(u"assertion-%1.xml"_s.arg(ids), form == u"base64"_s ? xml.toBase64() + '\n' : xml);
        QVERIFY(!path.isEmpty());
    }
    // Every appint logging category on: the assertion must still appear nowhere.
    QMap<QString, QString> environment = secretEnvironment();
    environment.insert(u"QT_LOGGING_RULES"_s, u"appint.*=true"_s);
    const CliRun run = m_fixture->run(adHoc(path) + extra, input, environment);
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    // The request was logged (redacted), so the checks below mean something.
    QVERIFY2(run.standardError.contains("assertion="), run.standardError.constData());
    const QJsonObject response = run.json().object();
    QCOMPARE(response.value(u"token_type"_s).toString(), u"Bearer"_s);
    const auto claims = AccessToken::decodeJwtClaims(response.value(u"access_token"_s).toString().toUtf8());
    QVERIFY(claims);
    QCOMPARE(claims->value(u"sub"_s).toString(), u"ALICE"_s);
    QCOMPARE(claims->value(u"client_id"_s).toString(), m_clientId);
    QCOMPARE(claims->value(u"roles"_s).toArray(), QJsonArray{u"DW_VIEWER"_s});
    QVERIFY(!run.mentions(encoded.left(64)));
    QVERIFY(!run.mentions(xml.toBase64().left(64)));
    QVERIFY(!run.mentions("SignatureValue"));
    QVERIFY(!run.mentions(m_clientSecret.toUtf8()));
}

void TestCliSamlToken::wrongAudienceIsRefusedNamingTheRule()
{
    saml::AssertionSpec s = spec(u"_cli-wrong-audience"_s);
    s.audience = u"https://someone-else.example.com"_s;
    const QByteArray xml = signedAssertion(s);
    QVERIFY(!xml.isEmpty());
    const QString path = write(u"wrong-audience.xml"_s, xml);
    const CliRun run = m_fixture->run(adHoc(path), {}, secretEnvironment());
    QCOMPARE(run.exitCode, 7); // Refused
    QVERIFY(run.standardOutput.isEmpty());
    QCOMPARE(run.errorLines().size(), 1);
    QVERIFY2(run.standardError.startsWith("appint token: ") && run.standardError.contains("invalid_grant")
                 && run.standardError.contains("AudienceRestriction"),
             run.describe().constData());
    QVERIFY(!run.mentions(saml::base64Url(xml).left(64)));
    QVERIFY(!run.mentions("someone-else"));
}

void TestCliSamlToken::badAssertionInputIsAUsageError_data()
{
    QTest::addColumn<QByteArray>("content"); // written to a file; empty name: no file
    QTest::addColumn<bool>("secretOnStdin");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("empty") << QByteArray("\n") << false << 2 << QByteArray("The SAML assertion in ");
    QTest::newRow("neither XML nor base64")
        << QByteArray("not an assertion!") << false << 2 << QByteArray("--saml-assertion: The SAML assertion is");
    QTest::newRow("too large") << QByteArray(600 * 1024, '<') << false << 2 << QByteArray("larger than");
    QTest::newRow("stdin twice") << QByteArray() << true << 2 << QByteArray("Standard input cannot hold both");
    QTest::newRow("missing file") << QByteArray() << false << 9 << QByteArray("cannot be read");
}

void TestCliSamlToken::badAssertionInputIsAUsageError()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, secretOnStdin);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, message);
    QString path = m_dir.filePath(u"no-such-assertion.xml"_s);
    if (!content.isEmpty()) {
        path = write(u"bad.xml"_s, content);
    }
    QStringList arguments = adHoc(secretOnStdin ? u"-"_s : path);
    if (secretOnStdin) {
        arguments.replace(arguments.indexOf(u"--client-secret-env"_s), u"--client-secret-stdin"_s);
        arguments.removeAll(u"APPINT_TEST_CLIENT_SECRET"_s);
    }
    const CliRun run
        = m_fixture->run(arguments, secretOnStdin ? m_clientSecret.toUtf8() : QByteArray(), secretEnvironment());
    QCOMPARE(run.exitCode, exitCode);
    QCOMPARE(run.errorLines().size(), 1);
    QVERIFY2(run.standardError.contains(message), run.describe().constData());
    QVERIFY(run.standardOutput.isEmpty());
}

APPINT_TEST_MAIN(TestCliSamlToken)
#include "TestCliSamlToken.moc"
