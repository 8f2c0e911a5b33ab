#include "TestMain.h"

#include "CliFixture.h"
#include "keychain/KeychainKeys.h"
#include "service/AccessToken.h"
#include "service/OutboundCredentialSettings.h"
#include "service/OutboundSecretsCodec.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTcpServer>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace appint;
using appint::test::CliFixture;
using appint::test::CliRun;

Q_DECLARE_METATYPE(appint::ClientAuthentication)

// `appint token`, ad hoc and with a saved outbound credential, against the
// token endpoint of a real appint-server.
class TestCliToken : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void fetchesATokenAdHoc_data();
    void fetchesATokenAdHoc();
    void sendsResourceAndCustomParameters();
    void wrongSecretIsAnAuthenticationError();
    void refusedScopeIsARefusal();
    void forbiddenParameterIsRefusedBeforeAnyRequest_data();
    void forbiddenParameterIsRefusedBeforeAnyRequest();
    void badOptionsAreUsageErrors_data();
    void badOptionsAreUsageErrors();
    void unreachableTokenServiceIsANetworkError();
    void fetchesATokenForASavedCredential_data();
    void fetchesATokenForASavedCredential();
    void savedCredentialProblems();

private:
    QString clientId() const { return m_client[u"client_id"_s].toString(); }
    QString clientSecret() const { return m_client[u"client_secret"_s].toString(); }
    QMap<QString, QString> secretEnvironment() const { return {{u"APPINT_TEST_CLIENT_SECRET"_s, clientSecret()}}; }
    QStringList adHoc(const QString& tokenUrl) const
    {
        return {u"token"_s,
                u"--token-url"_s,
                tokenUrl,
                u"--client-id"_s,
                clientId(),
                u"--client-secret-env"_s,
                u"APPINT_TEST_CLIENT_SECRET"_s};
    }
    // Checks a successful run's JSON and returns the token's claims.
    QJsonObject verifiedClaims(const CliRun& run);
    // Saves an outbound credential the way the console does: settings + keychain.
    QString saveCredential(ClientAuthentication authentication, bool withSecret);

    std::unique_ptr<CliFixture> m_fixture;
    QJsonObject m_client;
    QStringList m_savedKeys;
};

void TestCliToken::initTestCase()
{
    const QString problem = CliFixture::checkEnvironment();
    if (!problem.isEmpty()) {
        QFAIL(qPrintable(problem));
    }
}

void TestCliToken::init()
{
    m_fixture = std::make_unique<CliFixture>();
    QString error;
    QVERIFY2(m_fixture->startServer(&error), qPrintable(error));
    m_client = m_fixture->createTechnicalClient(u"Reporting job"_s, u"REPORTING_JOB"_s, u"DW_VIEWER"_s);
    QVERIFY(!clientSecret().isEmpty());
}

void TestCliToken::cleanup()
{
    for (const QString& key : std::as_const(m_savedKeys)) {
        m_fixture->keychainRemove(key);
    }
    m_savedKeys.clear();
    m_fixture.reset();
}

QJsonObject TestCliToken::verifiedClaims(const CliRun& run)
{
    if (run.exitCode != 0 || !run.standardError.isEmpty()) {
        qWarning("%s", run.describe().constData());
        return {};
    }
    const QJsonObject response = run.json().object();
    if (response[u"token_type"_s].toString() != u"Bearer"_s || response[u"expires_in"_s].toInt() != 86400) {
        qWarning("%s", run.standardOutput.constData());
        return {};
    }
    if (run.mentions(clientSecret().toUtf8())) {
        qWarning("the client secret appears in the output");
        return {};
    }
    return AccessToken::decodeJwtClaims(response[u"access_token"_s].toString().toUtf8()).value_or(QJsonObject());
}

void TestCliToken::fetchesATokenAdHoc_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<bool>("fromStdin");
    QTest::newRow("body (default), env") << QStringList{} << false;
    QTest::newRow("body, env") << QStringList{u"--auth"_s, u"body"_s} << false;
    QTest::newRow("header, env") << QStringList{u"--auth"_s, u"header"_s} << false;
    QTest::newRow("header, stdin") << QStringList{u"--auth"_s, u"header"_s} << true;
    QTest::newRow("scope") << QStringList{u"--scope"_s, u"DW_VIEWER"_s} << false;
}

void TestCliToken::fetchesATokenAdHoc()
{
    QFETCH(QStringList, extra);
    QFETCH(bool, fromStdin);
    QStringList arguments = adHoc(m_fixture->tokenUrl()) + extra;
    QByteArray input;
    if (fromStdin) {
        arguments.replace(arguments.indexOf(u"--client-secret-env"_s), u"--client-secret-stdin"_s);
        arguments.removeAll(u"APPINT_TEST_CLIENT_SECRET"_s);
        input = clientSecret().toUtf8() + '\n';
    }
    const CliRun run = m_fixture->run(arguments, input, fromStdin ? QMap<QString, QString>() : secretEnvironment());
    const QJsonObject claims = verifiedClaims(run);
    QVERIFY2(!claims.isEmpty(), run.describe().constData());
    QCOMPARE(claims[u"client_id"_s].toString(), clientId());
    QCOMPARE(claims[u"sub"_s].toString(), u"REPORTING_JOB"_s);
    QCOMPARE(claims[u"roles"_s].toArray(), QJsonArray{u"DW_VIEWER"_s});
    if (extra.contains(u"--scope"_s)) {
        QCOMPARE(run.json().object()[u"scope"_s].toString(), u"DW_VIEWER"_s);
    }
}

void TestCliToken::sendsResourceAndCustomParameters()
{
    const CliRun run
        = m_fixture->run(adHoc(m_fixture->tokenUrl())
                             + QStringList{u"--resource"_s, u"https://api.example/reporting"_s, u"--param"_s,
                                           u"header:X-Request-Origin=appint-tests"_s, u"--param"_s, u"url:trace=1"_s,
                                           u"--param"_s, u"body:purpose=a=b"_s},
                         {}, secretEnvironment());
    const QJsonObject claims = verifiedClaims(run);
    QVERIFY2(!claims.isEmpty(), run.describe().constData());
    QCOMPARE(claims[u"aud"_s].toString(), u"https://api.example/reporting"_s);
}

void TestCliToken::wrongSecretIsAnAuthenticationError()
{
    const QByteArray wrong = "wrong-secret-b7c1";
    const CliRun run = m_fixture->run(adHoc(m_fixture->tokenUrl()), {},
                                      {{u"APPINT_TEST_CLIENT_SECRET"_s, QString::fromUtf8(wrong)}});
    QCOMPARE(run.exitCode, 3);
    QVERIFY(run.standardOutput.isEmpty());
    QCOMPARE(run.errorLines().size(), 1);
    QVERIFY2(run.standardError.startsWith("appint token: ") && run.standardError.contains("invalid_client"),
             run.describe().constData());
    QVERIFY(!run.mentions(wrong));
}

void TestCliToken::refusedScopeIsARefusal()
{
    const CliRun run = m_fixture->run(adHoc(m_fixture->tokenUrl()) + QStringList{u"--scope"_s, u"DW_ADMINISTRATOR"_s},
                                      {}, secretEnvironment());
    QCOMPARE(run.exitCode, 7);
    QCOMPARE(run.errorLines().size(), 1);
    QVERIFY2(run.standardError.contains("invalid_scope"), run.describe().constData());
}

void TestCliToken::forbiddenParameterIsRefusedBeforeAnyRequest_data()
{
    QTest::addColumn<QString>("parameter");
    for (const QString& location : {u"body"_s, u"header"_s, u"url"_s}) {
        for (const QString& key : {u"client_id"_s, u"client_secret"_s, u"grant_type"_s, u"Client_Secret"_s}) {
            QTest::newRow(qPrintable(location + u':' + key)) << location + u':' + key + u"=x"_s;
        }
    }
}

void TestCliToken::forbiddenParameterIsRefusedBeforeAnyRequest()
{
    QFETCH(QString, parameter);
    // A listening socket that counts connections stands in for the token service.
    QTcpServer peer;
    QVERIFY(peer.listen(QHostAddress::LocalHost, 0));
    const QString tokenUrl = u"http://127.0.0.1:%1/oauth/token"_s.arg(peer.serverPort());
    const CliRun run = m_fixture->run(adHoc(tokenUrl) + QStringList{u"--param"_s, parameter}, {}, secretEnvironment());
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.errorLines().size(), 1);
    QVERIFY2(run.standardError.startsWith("appint token: --param: Custom parameter 1, key:"),
             run.describe().constData());
    QVERIFY(run.standardOutput.isEmpty());
    // Not one connection: the program has ended, so one it made would be waiting.
    QVERIFY(!peer.waitForNewConnection(0));
    QVERIFY(!peer.hasPendingConnections());
}

void TestCliToken::badOptionsAreUsageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("nothing") << QStringList{u"token"_s} << QByteArray("Give --credential NAME, or --token-url URL");
    QTest::newRow("no secret") << QStringList{u"token"_s, u"--token-url"_s, u"http://127.0.0.1:9/t"_s, u"--client-id"_s,
                                              u"c"_s}
                               << QByteArray("exactly one of --client-secret-stdin");
    QTest::newRow("bad auth") << QStringList{u"--auth"_s, u"cookie"_s} << QByteArray("--auth: use body or header.");
    QTest::newRow("param without location")
        << QStringList{u"--param"_s, u"a=b"_s} << QByteArray("--param takes body:KEY=VALUE");
    QTest::newRow("param in a cookie") << QStringList{u"--param"_s, u"cookie:a=b"_s}
                                       << QByteArray("--param: send a parameter as body, header or url");
    QTest::newRow("param without value") << QStringList{u"--param"_s, u"body:a"_s}
                                         << QByteArray("--param takes body:KEY=VALUE");
    QTest::newRow("empty key") << QStringList{u"--param"_s, u"body:=v"_s}
                               << QByteArray("--param: Custom parameter 1, key:");
    QTest::newRow("duplicate") << QStringList{u"--param"_s, u"body:a=1"_s, u"--param"_s, u"body:a=1"_s}
                               << QByteArray("--param: Custom parameter 2");
    QTest::newRow("plain http elsewhere")
        << QStringList{u"--token-url"_s, u"http://tenant.example/oauth/token"_s} << QByteArray("--token-url:");
    QTest::newRow("relative resource") << QStringList{u"--resource"_s, u"reporting"_s} << QByteArray("--resource:");
    QTest::newRow("credential with ad hoc options")
        << QStringList{u"token"_s, u"--credential"_s, u"x"_s, u"--scope"_s, u"s"_s}
        << QByteArray("--credential cannot be combined with --scope");
}

void TestCliToken::badOptionsAreUsageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    QStringList full = arguments;
    if (!arguments.startsWith(u"token"_s)) {
        // Options added to a complete ad hoc command; a later --token-url replaces the first.
        full = adHoc(m_fixture->tokenUrl());
        for (qsizetype i = 0; i + 1 < arguments.size(); i += 2) {
            const qsizetype existing = full.indexOf(arguments.at(i));
            if (existing >= 0 && arguments.at(i) != u"--param"_s) {
                full[existing + 1] = arguments.at(i + 1);
            } else {
                full << arguments.at(i) << arguments.at(i + 1);
            }
        }
    }
    const CliRun run = m_fixture->run(full, {}, secretEnvironment());
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.errorLines().size(), 1);
    QVERIFY2(run.standardError.contains(message), run.describe().constData());
    QVERIFY(!run.mentions(clientSecret().toUtf8()));
}

void TestCliToken::unreachableTokenServiceIsANetworkError()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    const CliRun run = m_fixture->run(adHoc(u"http://127.0.0.1:%1/oauth/token"_s.arg(port)), {}, secretEnvironment());
    QCOMPARE(run.exitCode, 4);
    QCOMPARE(run.errorLines().size(), 1);
    QVERIFY(run.standardOutput.isEmpty());
}

QString TestCliToken::saveCredential(ClientAuthentication authentication, bool withSecret)
{
    OutboundCredential credential;
    credential.name = u"reporting-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);
    credential.description = u"Saved by TestCliToken"_s;
    credential.tokenServiceUrl = m_fixture->tokenUrl();
    credential.clientId = clientId();
    credential.clientAuthentication = authentication;
    credential.scope = u"DW_VIEWER"_s;
    QDir().mkpath(QFileInfo(m_fixture->settingsFile()).absolutePath());
    QSettings settings(m_fixture->settingsFile(), QSettings::IniFormat);
    const SettingsWriteResult saved = OutboundCredentialSettings(&settings).save(credential);
    if (!saved.ok()) {
        qWarning("%s", qPrintable(saved.message));
        return QString();
    }
    const QString key = KeychainKeys::outboundCredential(credential.name);
    m_savedKeys.append(key);
    if (withSecret) {
        const Secret text = OutboundSecretsCodec::encode({Secret(clientSecret()), Secret()});
        if (!m_fixture->keychainWrite(key, text.toString()).ok()) {
            return QString();
        }
    }
    return credential.name;
}

void TestCliToken::fetchesATokenForASavedCredential_data()
{
    QTest::addColumn<ClientAuthentication>("authentication");
    QTest::newRow("body") << ClientAuthentication::Body;
    QTest::newRow("header") << ClientAuthentication::Header;
}

void TestCliToken::fetchesATokenForASavedCredential()
{
    QFETCH(ClientAuthentication, authentication);
    const QString name = saveCredential(authentication, true);
    QVERIFY(!name.isEmpty());
    // The name is looked up ignoring case, as the console keeps names unique that way.
    const CliRun run = m_fixture->run({u"token"_s, u"--credential"_s, name.toUpper()});
    const QJsonObject claims = verifiedClaims(run);
    QVERIFY2(!claims.isEmpty(), run.describe().constData());
    QCOMPARE(claims[u"client_id"_s].toString(), clientId());
    QCOMPARE(run.json().object()[u"scope"_s].toString(), u"DW_VIEWER"_s);
    // The settings hold the credential, never its secret.
    QVERIFY(m_fixture->settingsBytes().contains(name.toUtf8()));
    QVERIFY(!m_fixture->settingsBytes().contains(clientSecret().toUtf8()));
}

void TestCliToken::savedCredentialProblems()
{
    CliRun run = m_fixture->run({u"token"_s, u"--credential"_s, u"no-such-credential"_s});
    QCOMPARE(run.exitCode, 6);
    QVERIFY2(run.standardError.contains("No outbound credential is saved as \"no-such-credential\"."),
             run.describe().constData());

    const QString name = saveCredential(ClientAuthentication::Body, false);
    QVERIFY(!name.isEmpty());
    run = m_fixture->run({u"token"_s, u"--credential"_s, name});
    QCOMPARE(run.exitCode, 5);
    QVERIFY2(run.standardError.contains("is not saved in the system keychain"), run.describe().constData());

    // A wrong saved secret: the token service's own error code.
    QVERIFY(m_fixture->keychainWrite(KeychainKeys::outboundCredential(name), u"not-the-secret"_s).ok());
    run = m_fixture->run({u"token"_s, u"--credential"_s, name});
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(run.standardError.contains("invalid_client"), run.describe().constData());
    QVERIFY(!run.mentions("not-the-secret"));
}

APPINT_TEST_MAIN(TestCliToken)
#include "TestCliToken.moc"
