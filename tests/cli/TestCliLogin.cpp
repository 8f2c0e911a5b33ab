#include "TestMain.h"

#include "CliFixture.h"
#include "KeychainSessionRunner.h"
#include "keychain/KeychainKeys.h"

#include <QProcess>
#include <QRegularExpression>

using namespace Qt::StringLiterals;
using namespace appint;
using appint::test::CliFixture;
using appint::test::CliRun;
using appint::test::KeychainSessionRunner;

// `appint login`, `logout`, `tenants`, and the command line as such (help,
// version, usage errors, secrets never as arguments), run as a subprocess
// against a real appint-server and the test session's real keychain.
class TestCliLogin : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void loginSavesTheSecretInTheKeychainAndTheRestInSettings();
    void loginTakesTheSecretFromAnEnvironmentVariable();
    void loginPromptsOnATerminalWithoutEcho();
    void loginWithAWrongSecretFailsAndSavesNothing();
    void loginWithoutAKeychainFailsAndSavesNothing();
    void loginWithAnotherClientReplacesTheEarlierSecret();
    void loginRefusesBadInput_data();
    void loginRefusesBadInput();
    void loginToAnUnreachableTenantIsANetworkError();
    void logoutRemovesTheKeychainItemAndTheProfile();
    void tenantsListsTheProfiles();

    void helpAndVersion();
    void usageErrorsAreOneLineWithExitCode2_data();
    void usageErrorsAreOneLineWithExitCode2();
    void noOptionTakesASecret();

private:
    QString tenantKey() const
    {
        return KeychainKeys::tenantCredentials(m_fixture->tenantUrl(), m_fixture->server().adminClientId());
    }
    QByteArray adminSecret() const { return m_fixture->server().adminSecret().toUtf8(); }

    std::unique_ptr<CliFixture> m_fixture;
};

void TestCliLogin::initTestCase()
{
    const QString problem = CliFixture::checkEnvironment();
    if (!problem.isEmpty()) {
        QFAIL(qPrintable(problem));
    }
}

void TestCliLogin::init()
{
    m_fixture = std::make_unique<CliFixture>();
    QString error;
    QVERIFY2(m_fixture->startServer(&error), qPrintable(error));
}

void TestCliLogin::cleanup()
{
    if (m_fixture && m_fixture->server().isRunning()) {
        m_fixture->keychainRemove(tenantKey());
    }
    m_fixture.reset();
}

void TestCliLogin::loginSavesTheSecretInTheKeychainAndTheRestInSettings()
{
    const CliRun run = m_fixture->login();
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    QVERIFY2(run.standardOutput.startsWith("Logged in to Test tenant ("), run.describe().constData());
    QVERIFY(run.standardError.isEmpty());
    QVERIFY(!run.mentions(adminSecret()));

    // The secret: in the keychain under the tenant key, exactly (no newline).
    QCOMPARE(CliFixture::secretToolLookup(tenantKey()), m_fixture->server().adminSecret());
    const KeychainResult read = m_fixture->keychainRead(tenantKey());
    QCOMPARE(read.status, KeychainStatus::Ok);
    QCOMPARE(read.secret, m_fixture->server().adminSecret());

    // The rest: in the settings, never the secret.
    const QByteArray settings = m_fixture->settingsBytes();
    QVERIFY2(settings.contains(m_fixture->tenantUrl().toUtf8()), settings.constData());
    QVERIFY(settings.contains(m_fixture->server().adminClientId().toUtf8()));
    QVERIFY(settings.contains("displayName=Test tenant"));
    QVERIFY(!settings.contains(adminSecret()));
}

void TestCliLogin::loginPromptsOnATerminalWithoutEcho()
{
    // A real terminal: util-linux `script` runs appint on a pseudo-terminal
    // and copies everything the terminal shows (echo included) to its
    // standard output. The secret is typed once the prompt shows.
    const QString command
        = QStringList{CliFixture::program(),     u"login"_s,       u"--tenant"_s,
                      m_fixture->tenantUrl(),    u"--client-id"_s, m_fixture->server().adminClientId(),
                      u"--client-secret-stdin"_s}
              .join(u' ');
    QProcess terminal;
    terminal.setProcessEnvironment(m_fixture->environment());
    terminal.setWorkingDirectory(m_fixture->configHome());
    terminal.start(u"script"_s, {u"--quiet"_s, u"--return"_s, u"--command"_s, command, u"/dev/null"_s});
    QVERIFY2(terminal.waitForStarted(), qPrintable(terminal.errorString()));
    QByteArray shown;
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     shown += terminal.readAllStandardOutput();
                     return shown.contains("Client secret for ");
                 },
                 60'000),
             shown.constData());
    terminal.write(m_fixture->server().adminSecret().toUtf8() + '\n');
    QVERIFY(terminal.waitForFinished(120'000));
    shown += terminal.readAllStandardOutput();

    QVERIFY2(terminal.exitCode() == 0, shown.constData());
    QVERIFY2(shown.contains("Logged in to Test tenant ("), shown.constData());
    // The terminal showed the prompt and the result, never the secret.
    QVERIFY2(!shown.contains(adminSecret()), "the terminal echoed the secret");
    QCOMPARE(CliFixture::secretToolLookup(tenantKey()), m_fixture->server().adminSecret());
}

void TestCliLogin::loginTakesTheSecretFromAnEnvironmentVariable()
{
    const CliRun run = m_fixture->run({u"login"_s, u"--tenant"_s, m_fixture->tenantUrl() + u"/"_s, u"--client-id"_s,
                                       m_fixture->server().adminClientId(), u"--client-secret-env"_s,
                                       u"APPINT_TEST_ADMIN_SECRET"_s, u"--name"_s, u"My sandbox"_s},
                                      {}, {{u"APPINT_TEST_ADMIN_SECRET"_s, m_fixture->server().adminSecret()}});
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    QVERIFY(run.standardOutput.startsWith("Logged in to My sandbox"));
    QCOMPARE(CliFixture::secretToolLookup(tenantKey()), m_fixture->server().adminSecret());
    QVERIFY(!run.mentions(adminSecret()));
}

void TestCliLogin::loginWithAWrongSecretFailsAndSavesNothing()
{
    const QByteArray wrong = "wrong-secret-4f1c9a";
    const CliRun run = m_fixture->run({u"login"_s, u"--tenant"_s, m_fixture->tenantUrl(), u"--client-id"_s,
                                       m_fixture->server().adminClientId(), u"--client-secret-stdin"_s},
                                      wrong);
    QCOMPARE(run.exitCode, 3); // ExitCode::Authentication
    QVERIFY(run.standardOutput.isEmpty());
    QCOMPARE(run.errorLines().size(), 1);
    QVERIFY2(run.standardError.startsWith("appint login: Login failed, nothing was saved:"),
             run.describe().constData());
    QVERIFY2(run.standardError.contains("invalid_client"), run.describe().constData());
    QVERIFY(!run.mentions(wrong));

    QCOMPARE(m_fixture->keychainRead(tenantKey()).status, KeychainStatus::NotFound);
    QVERIFY(!m_fixture->settingsBytes().contains(m_fixture->tenantUrl().toUtf8()));
}

void TestCliLogin::loginWithoutAKeychainFailsAndSavesNothing()
{
    // A D-Bus session of its own in which nothing provides the Secret Service
    // (tests/support/keychain/keychain-session.sh), HOME and XDG folders in a
    // fresh tree: after the failed login, not one file may exist in it.
    KeychainSessionRunner session;
    QVERIFY(session.isValid());
    QCOMPARE(session.files(), QStringList());
    const KeychainSessionRunner::Result result
        = session.run(KeychainSessionRunner::Mode::NoService, QString(),
                      {CliFixture::program(), u"login"_s, u"--tenant"_s, m_fixture->tenantUrl(), u"--client-id"_s,
                       m_fixture->server().adminClientId(), u"--client-secret-stdin"_s},
                      adminSecret());
    const QByteArray described = "exit " + QByteArray::number(result.exitCode) + "\nstdout: " + result.standardOutput
        + "\nstderr: " + result.standardError;
    QVERIFY2(result.finished, described.constData());
    QVERIFY2(result.exitCode == 5, described.constData()); // ExitCode::Keychain
    QVERIFY2(result.standardError.contains("appint login: The credentials work, but the secret cannot be saved, so "
                                           "nothing was saved: No system keychain is available"),
             described.constData());
    QVERIFY(result.standardOutput.isEmpty());
    QVERIFY(!result.standardOutput.contains(adminSecret()) && !result.standardError.contains(adminSecret()));
    // No profile (no settings file at all), and the secret in no file.
    QCOMPARE(session.files(), QStringList());
    QCOMPARE(session.filesContaining(adminSecret()), QStringList());
}

void TestCliLogin::loginWithAnotherClientReplacesTheEarlierSecret()
{
    QVERIFY2(m_fixture->login().exitCode == 0, "first login");
    const QJsonObject second
        = m_fixture->createTechnicalClient(u"Second admin"_s, u"ADMIN_TWO"_s, u"DW_ADMINISTRATOR"_s);
    QVERIFY(!second.isEmpty());
    const QString secondId = second.value(u"client_id"_s).toString();
    const QString secondSecret = second.value(u"client_secret"_s).toString();

    const CliRun run = m_fixture->run(
        {u"login"_s, u"--tenant"_s, m_fixture->tenantUrl(), u"--client-id"_s, secondId, u"--client-secret-stdin"_s},
        secondSecret.toUtf8());
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    const QString secondKey = KeychainKeys::tenantCredentials(m_fixture->tenantUrl(), secondId);
    QCOMPARE(CliFixture::secretToolLookup(secondKey), secondSecret);
    QCOMPARE(m_fixture->keychainRead(tenantKey()).status, KeychainStatus::NotFound);
    const CliRun tenants = m_fixture->run({u"tenants"_s, u"--json"_s});
    const QJsonArray profiles = tenants.json().array();
    QCOMPARE(profiles.size(), 1);
    QCOMPARE(profiles.at(0)[u"client_id"_s].toString(), secondId);
    m_fixture->keychainRemove(secondKey);
}

void TestCliLogin::loginRefusesBadInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("no tenant") << QStringList{u"login"_s, u"--client-id"_s, u"x"_s, u"--client-secret-stdin"_s}
                               << QByteArray("s") << QByteArray("--tenant URL and --client-id ID are required.");
    QTest::newRow("relative url") << QStringList{u"login"_s,       u"--tenant"_s, u"tenant.example"_s,
                                                 u"--client-id"_s, u"x"_s,        u"--client-secret-stdin"_s}
                                  << QByteArray("s") << QByteArray("--tenant: The tenant URL must be");
    QTest::newRow("no secret option") << QStringList{u"login"_s, u"--tenant"_s, u"https://t.example"_s,
                                                     u"--client-id"_s, u"x"_s}
                                      << QByteArray() << QByteArray("exactly one of --client-secret-stdin");
    QTest::newRow("both secret options") << QStringList{u"login"_s,
                                                        u"--tenant"_s,
                                                        u"https://t.example"_s,
                                                        u"--client-id"_s,
                                                        u"x"_s,
                                                        u"--client-secret-stdin"_s,
                                                        u"--client-secret-env"_s,
                                                        u"X"_s}
                                         << QByteArray("s") << QByteArray("exactly one of --client-secret-stdin");
    QTest::newRow("empty stdin") << QStringList{u"login"_s,       u"--tenant"_s, u"https://t.example"_s,
                                                u"--client-id"_s, u"x"_s,        u"--client-secret-stdin"_s}
                                 << QByteArray("\n") << QByteArray("No secret on standard input.");
    QTest::newRow("unset variable") << QStringList{u"login"_s,
                                                   u"--tenant"_s,
                                                   u"https://t.example"_s,
                                                   u"--client-id"_s,
                                                   u"x"_s,
                                                   u"--client-secret-env"_s,
                                                   u"APPINT_TEST_UNSET_VARIABLE"_s}
                                    << QByteArray()
                                    << QByteArray("The environment variable named by --client-secret-env is not set");
    QTest::newRow("not a variable name") << QStringList{
        u"login"_s,    u"--tenant"_s, u"https://t.example"_s, u"--client-id"_s, u"x"_s, u"--client-secret-env"_s,
        u"pa$$w0rd!"_s} << QByteArray() << QByteArray("--client-secret-env takes the name of an environment variable");
    QTest::newRow("an argument") << QStringList{u"login"_s, u"extra"_s} << QByteArray()
                                 << QByteArray("Unexpected argument \"extra\".");
}

void TestCliLogin::loginRefusesBadInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, message);
    const CliRun run = m_fixture->run(arguments, input);
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.errorLines().size(), 1);
    QVERIFY2(run.standardError.contains(message), run.describe().constData());
    // What someone typed where a variable name belongs is never repeated.
    QVERIFY(!run.standardError.contains("pa$$w0rd!"));
    QVERIFY(!run.standardError.contains("APPINT_TEST_UNSET_VARIABLE"));
    QVERIFY(!QFile::exists(m_fixture->settingsFile()));
}

void TestCliLogin::loginToAnUnreachableTenantIsANetworkError()
{
    const QString url = m_fixture->tenantUrl();
    m_fixture->server().stop();
    const CliRun run = m_fixture->run(
        {u"login"_s, u"--tenant"_s, url, u"--client-id"_s, u"admin"_s, u"--client-secret-stdin"_s}, "secret");
    QVERIFY2(run.exitCode == 4, run.describe().constData()); // ExitCode::Network
    QCOMPARE(run.errorLines().size(), 1);
    QVERIFY(!QFile::exists(m_fixture->settingsFile()));
    QVERIFY(m_fixture->server().start());
}

void TestCliLogin::logoutRemovesTheKeychainItemAndTheProfile()
{
    QVERIFY(m_fixture->login().exitCode == 0);
    QCOMPARE(m_fixture->keychainRead(tenantKey()).status, KeychainStatus::Ok);

    CliRun run = m_fixture->run({u"logout"_s, u"--tenant"_s, m_fixture->tenantUrl()});
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    QVERIFY(run.standardOutput.startsWith("Logged out of Test tenant"));
    QCOMPARE(m_fixture->keychainRead(tenantKey()).status, KeychainStatus::NotFound);
    QCOMPARE(CliFixture::secretToolLookup(tenantKey()), QString());
    QVERIFY(!m_fixture->settingsBytes().contains(m_fixture->tenantUrl().toUtf8()));

    run = m_fixture->run({u"logout"_s, u"--tenant"_s, m_fixture->tenantUrl()});
    QCOMPARE(run.exitCode, 6); // ExitCode::NotFound
    QVERIFY2(
        run.standardError.startsWith(QByteArray("appint logout: Not logged in to " + m_fixture->tenantUrl().toUtf8())),
        run.describe().constData());
}

void TestCliLogin::tenantsListsTheProfiles()
{
    CliRun run = m_fixture->run({u"tenants"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.standardOutput, "Not logged in to any tenant.\n");
    QVERIFY(m_fixture->login().exitCode == 0);
    run = m_fixture->run({u"tenants"_s});
    QCOMPARE(run.exitCode, 0);
    const QList<QByteArray> lines = run.standardOutput.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines.at(0).startsWith("URL"));
    QVERIFY(lines.at(1).startsWith(m_fixture->tenantUrl().toUtf8()));
    QVERIFY(lines.at(1).endsWith("Test tenant"));
    run = m_fixture->run({u"tenants"_s, u"--json"_s});
    const QJsonArray array = run.json().array();
    QCOMPARE(array.size(), 1);
    QCOMPARE(array.at(0)[u"url"_s].toString(), m_fixture->tenantUrl());
    QCOMPARE(array.at(0)[u"name"_s].toString(), u"Test tenant"_s);
}

void TestCliLogin::helpAndVersion()
{
    CliRun run = m_fixture->run({u"--version"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(
        QRegularExpression(u"^appint \\d+\\.\\d+\\.\\d+\\n$"_s).match(QString::fromUtf8(run.standardOutput)).hasMatch(),
        run.describe().constData());

    run = m_fixture->run({u"--help"_s});
    QCOMPARE(run.exitCode, 0);
    for (const char* command : {"login", "logout", "tenants", "clients", "sheet", "token"}) {
        QVERIFY2(run.standardOutput.contains(QByteArray("\n  " + QByteArray(command) + ' ')), command);
        const CliRun help = m_fixture->run({QString::fromLatin1(command), u"--help"_s});
        QVERIFY2(help.exitCode == 0, help.describe().constData());
        QVERIFY(help.standardOutput.startsWith(QByteArray("Usage: appint " + QByteArray(command))));
        QVERIFY(help.standardOutput.contains("Options:"));
        QVERIFY(help.standardError.isEmpty());
        QCOMPARE(m_fixture->run({u"help"_s, QString::fromLatin1(command)}).standardOutput, help.standardOutput);
    }
    // The exit codes are documented in the help, each distinct.
    for (int code = 0; code <= 9; ++code) {
        QVERIFY2(run.standardOutput.contains(QByteArray("\n  " + QByteArray::number(code) + "  ")),
                 qPrintable(QString::number(code)));
    }
}

void TestCliLogin::usageErrorsAreOneLineWithExitCode2_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("nothing") << QStringList() << QByteArray("Usage: appint COMMAND [options].");
    QTest::newRow("unknown command") << QStringList{u"frobnicate"_s}
                                     << QByteArray("appint: Unknown command \"frobnicate\".");
    QTest::newRow("unknown global option")
        << QStringList{u"--frob=1"_s} << QByteArray("appint: Unknown option \"--frob\".");
    QTest::newRow("unknown option") << QStringList{u"clients"_s, u"list"_s, u"--frob"_s}
                                    << QByteArray("appint clients: Unknown option 'frob'.");
    QTest::newRow("missing value") << QStringList{u"clients"_s, u"list"_s, u"--tenant"_s}
                                   << QByteArray("appint clients: Missing value after '--tenant'.");
    QTest::newRow("option twice") << QStringList{u"sheet"_s, u"x"_s, u"--format"_s, u"md"_s, u"--format"_s, u"json"_s}
                                  << QByteArray("appint sheet: --format is given more than once.");
    // login --browser's options, refused before a secret is read (issue 13).
    const QStringList login{u"login"_s, u"--tenant"_s, u"https://t.example"_s, u"--client-id"_s, u"cli"_s};
    QTest::newRow("browser timeout 0") << (login + QStringList{u"--browser"_s, u"--timeout"_s, u"0"_s})
                                       << QByteArray("--timeout: enter a number of seconds from 1 to 3600.");
    QTest::newRow("browser port 70000") << (login + QStringList{u"--browser"_s, u"--redirect-port"_s, u"70000"_s})
                                        << QByteArray("--redirect-port: enter a port from 1 to 65535.");
    QTest::newRow("no-open without browser")
        << (login + QStringList{u"--no-open"_s})
        << QByteArray("--no-open, --timeout and --redirect-port go with --browser.");
    QTest::newRow("clients without action") << QStringList{u"clients"_s} << QByteArray("Say what to do");
    QTest::newRow("clients bad action") << QStringList{u"clients"_s, u"purge"_s}
                                        << QByteArray("Unknown action \"purge\"");
    QTest::newRow("clients show without id")
        << QStringList{u"clients"_s, u"show"_s} << QByteArray("clients show needs a client ID.");
    QTest::newRow("clients show two ids") << QStringList{u"clients"_s, u"show"_s, u"a"_s, u"b"_s}
                                          << QByteArray("appint clients: Unexpected argument \"b\".");
    // Commands without positional arguments, and sheet past its CLIENT_ID.
    for (const QString& command : {u"login"_s, u"logout"_s, u"tenants"_s, u"token"_s}) {
        QTest::addRow("%s extra", qPrintable(command))
            << QStringList{command, u"extra"_s}
            << QByteArray("appint " + command.toUtf8() + ": Unexpected argument \"extra\".");
    }
    QTest::newRow("sheet two ids") << QStringList{u"sheet"_s, u"a"_s, u"b"_s, u"--format"_s, u"md"_s}
                                   << QByteArray("appint sheet: Unexpected argument \"b\".");
}

void TestCliLogin::usageErrorsAreOneLineWithExitCode2()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    const CliRun run = m_fixture->run(arguments);
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.errorLines().size(), 1);
    QVERIFY2(run.standardError.contains(message), run.describe().constData());
    QVERIFY(run.standardOutput.isEmpty());
}

void TestCliLogin::noOptionTakesASecret()
{
    // By construction: in every command's options, the only ones about a
    // secret are --client-secret-stdin (no value) and --client-secret-env
    // <VAR> (a variable's name), and no option's value is named like a secret.
    static const QRegularExpression optionPattern(u"^\\s+(?:-\\w, )?--([a-z-]+)(?: <([^>]+)>)?"_s);
    static const QRegularExpression secretWord(u"secret|password|passwd|token|credential|key"_s,
                                               QRegularExpression::CaseInsensitiveOption);
    const QStringList allowedValueNames{
        u"URL"_s,     u"ID"_s,     u"NAME"_s, u"VAR"_s, u"FILE"_s, u"FORMAT"_s,      u"TEXT"_s,
        u"PURPOSE"_s, u"STATUS"_s, u"S"_s,    u"R"_s,   u"A"_s,    u"body|header"_s, u"body|header|url:KEY=VALUE"_s,
        u"SECONDS"_s, u"PORT"_s};
    int secretOptions = 0;
    int stdinOptions = 0;
    for (const QString& command : {u"login"_s, u"logout"_s, u"tenants"_s, u"clients"_s, u"sheet"_s, u"token"_s}) {
        const CliRun help = m_fixture->run({command, u"--help"_s});
        QVERIFY(help.exitCode == 0);
        const QString text = QString::fromUtf8(help.standardOutput);
        const QString options = text.mid(text.indexOf(u"Options:"_s));
        for (const QString& line : options.split(u'\n')) {
            const auto match = optionPattern.match(line);
            if (!match.hasMatch()) {
                continue;
            }
            const QString name = match.captured(1);
            const QString valueName = match.captured(2);
            if (!valueName.isEmpty()) {
                QVERIFY2(allowedValueNames.contains(valueName), qPrintable(command + u": --"_s + name));
            }
            if (name == u"client-secret-stdin"_s) {
                QVERIFY2(valueName.isEmpty(), qPrintable(command));
                ++stdinOptions;
            }
            // A flag carries no value; an option whose name is about a secret
            // and takes a value must take something else than the secret.
            if (name.contains(secretWord) && !valueName.isEmpty()) {
                ++secretOptions;
                if (name == u"client-secret-env"_s) {
                    QCOMPARE(valueName, u"VAR"_s);
                } else if (name == u"credential"_s) {
                    QCOMPARE(valueName, u"NAME"_s); // a saved credential's name
                } else if (name == u"token-url"_s) {
                    QCOMPARE(valueName, u"URL"_s);
                } else if (name == u"secrets-file"_s) {
                    QCOMPARE(valueName, u"FILE"_s); // a connection sheet's path
                } else {
                    QFAIL(qPrintable(u"an option about a secret takes a value: --"_s + name));
                }
            }
        }
    }
    // --client-secret-env (login, token), --credential, --token-url, --secrets-file
    QCOMPARE(secretOptions, 5);
    QCOMPARE(stdinOptions, 2); // login, token

    // A secret given as an argument anyway is refused, and not repeated.
    for (const QStringList& arguments : {QStringList{u"login"_s, u"--client-secret"_s, u"argv-secret-1"_s},
                                         QStringList{u"login"_s, u"--client-secret=argv-secret-1"_s},
                                         QStringList{u"token"_s, u"--password"_s, u"argv-secret-1"_s}}) {
        const CliRun run = m_fixture->run(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(!run.mentions("argv-secret-1"), run.describe().constData());
    }
}

APPINT_TEST_MAIN(TestCliLogin)
#include "TestCliLogin.moc"
