#include "TestMain.h"

#include "core/ConnectionSheet.h"
#include "core/OAuthNames.h"
#include "core/SheetEscaping.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace appint;

Q_DECLARE_METATYPE(appint::SheetFormat)
Q_DECLARE_METATYPE(appint::ConnectionSheetInput)

namespace {

constexpr qint64 Now = 1'764'000'000; // 2025-11-24T16:00:00Z

TenantInfo tenant()
{
    return TenantInfo{u"Acme Sandbox"_s,
                      u"https://tenant.example"_s,
                      u"https://tenant.example/oauth/authorize"_s,
                      u"https://tenant.example/oauth/token"_s,
                      u"https://tenant.example/oauth/saml/token"_s,
                      u"https://tenant.example/saml"_s};
}

Client technicalClient()
{
    Client client;
    client.clientId = u"sb-4f1c2a"_s;
    client.clientName = u"Sales Reporting"_s;
    client.purpose = Purpose::Technical;
    client.grantTypes = {oauth::GrantClientCredentials};
    client.userId = u"SALES_BOT"_s;
    client.roles = {RoleAssignment{u"DW_VIEWER"_s, {}}, RoleAssignment{u"SALES_MODELER"_s, {u"SALES"_s, u"HR"_s}}};
    client.accessTokenLifetime = 86400;
    client.clientSecretExpiresAt = Now + 90 * SecondsPerDay;
    client.clientIdIssuedAt = Now - SecondsPerDay;
    return client;
}

Client apiClient(bool saml)
{
    Client client;
    client.clientId = u"sb-api-7"_s;
    client.clientName = u"Provisioning"_s;
    client.purpose = Purpose::Api;
    client.grantTypes = {saml ? oauth::GrantSaml2Bearer : oauth::GrantClientCredentials};
    client.access = {oauth::AccessUserProvisioning, oauth::AccessContentNetwork};
    client.accessTokenLifetime = 3600;
    client.refreshTokenLifetime = 2'592'000;
    return client;
}

Client interactiveClient()
{
    Client client;
    client.clientId = u"sb-ui-3"_s;
    client.clientName = u"Analyst Desktop"_s;
    client.purpose = Purpose::Interactive;
    client.grantTypes = {oauth::GrantAuthorizationCode, oauth::GrantRefreshToken};
    client.redirectUris = {u"http://localhost:8080/callback"_s};
    client.accessTokenLifetime = 3600;
    client.refreshTokenLifetime = 2'592'000;
    return client;
}

const QString Secret = u"s3cr3t-Value_9"_s;

ConnectionSheetInput input(const Client& client, std::optional<QString> secret,
                           SecretOrigin origin = SecretOrigin::Issued)
{
    return ConnectionSheetInput{tenant(), client, secret, origin, Now};
}

// The nastiest names a client, a tenant and a secret could have.
ConnectionSheetInput nastyInput()
{
    TenantInfo info = tenant();
    info.tenantName = u"Acme \"prod\" $(touch PWNED) `touch PWNED`\n# injected"_s;
    Client client = technicalClient();
    client.clientName = u"Evil \"name\" 'x' $HOME `touch PWNED` \\ \ntouch PWNED\n| *bold* _u_ <b> & ✓ 秘密"_s;
    client.clientId = u"id'with\"quotes$x`y`:=#!"_s;
    return ConnectionSheetInput{info, client, u"s3cr'et\"$(touch PWNED)`id`\\n\\\nline2 ü"_s, SecretOrigin::Issued,
                                Now};
}

// java.util.Properties.load() for our files (test-side reference): comments,
// key=value lines, and the escapes of Properties.store().
QList<std::pair<QString, QString>> loadProperties(const QByteArray& bytes)
{
    QList<std::pair<QString, QString>> properties;
    for (const QByteArray& line : bytes.split('\n')) {
        if (line.isEmpty() || line.startsWith('#')) {
            continue;
        }
        const QString text = QString::fromLatin1(line);
        qsizetype split = -1;
        for (qsizetype i = 0; i < text.size(); ++i) {
            if (text.at(i) == u'\\') {
                ++i;
            } else if (text.at(i) == u'=' || text.at(i) == u':') {
                split = i;
                break;
            }
        }
        auto unescape = [](const QString& s) {
            QString out;
            for (qsizetype i = 0; i < s.size(); ++i) {
                if (s.at(i) != u'\\' || i + 1 == s.size()) {
                    out += s.at(i);
                    continue;
                }
                const QChar n = s.at(++i);
                if (n == u'n') {
                    out += u'\n';
                } else if (n == u't') {
                    out += u'\t';
                } else if (n == u'r') {
                    out += u'\r';
                } else if (n == u'f') {
                    out += u'\f';
                } else if (n == u'u') {
                    out += QChar(char16_t(s.mid(i + 1, 4).toUShort(nullptr, 16)));
                    i += 4;
                } else {
                    out += n;
                }
            }
            return out;
        };
        properties.append({unescape(text.left(split)), unescape(text.mid(split + 1))});
    }
    return properties;
}

// Runs a rendered curl script with /bin/sh and a stand-in `curl` first on the
// PATH that records its arguments and standard input.
struct CurlRun
{
    int exitCode = -1;
    bool curlRan = false;
    QStringList arguments;
    QByteArray input;
    QByteArray standardError;
    bool pwned = false;
};

CurlRun runCurlScript(const QByteArray& script, const QMap<QString, QString>& variables)
{
    CurlRun run;
    QTemporaryDir dir;
    if (!dir.isValid()) {
        return run;
    }
    QFile fake(dir.filePath(u"curl"_s));
    fake.open(QIODevice::WriteOnly);
    fake.write("#!/bin/sh\n"
               ": > \"$FAKE_CURL_DIR/ran\"\n"
               "for a in \"$@\"; do printf '%s\\000' \"$a\"; done > \"$FAKE_CURL_DIR/args\"\n"
               "cat > \"$FAKE_CURL_DIR/stdin\"\n");
    fake.close();
    fake.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QFile file(dir.filePath(u"token.sh"_s));
    file.open(QIODevice::WriteOnly);
    file.write(script);
    file.close();

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& name : {u"OAUTH_CLIENT_SECRET"_s, u"SAML_ASSERTION"_s, u"AUTHORIZATION_CODE"_s}) {
        environment.remove(name);
    }
    environment.insert(u"PATH"_s, dir.path() + u':' + environment.value(u"PATH"_s));
    environment.insert(u"FAKE_CURL_DIR"_s, dir.path());
    for (auto it = variables.cbegin(); it != variables.cend(); ++it) {
        environment.insert(it.key(), it.value());
    }
    QProcess shell;
    shell.setProcessEnvironment(environment);
    shell.setWorkingDirectory(dir.path());
    shell.start(u"/bin/sh"_s, {file.fileName()});
    shell.closeWriteChannel();
    shell.waitForFinished(60'000);
    run.exitCode = shell.exitCode();
    run.standardError = shell.readAllStandardError();
    run.curlRan = QFile::exists(dir.filePath(u"ran"_s));
    run.pwned = QFile::exists(dir.filePath(u"PWNED"_s));
    QFile args(dir.filePath(u"args"_s));
    if (args.open(QIODevice::ReadOnly)) {
        QList<QByteArray> parts = args.readAll().split('\0');
        parts.removeLast();
        for (const QByteArray& part : parts) {
            run.arguments.append(QString::fromUtf8(part));
        }
    }
    QFile in(dir.filePath(u"stdin"_s));
    if (in.open(QIODevice::ReadOnly)) {
        run.input = in.readAll();
    }
    return run;
}

// Sources a rendered .env file in /bin/sh and prints the variables.
QMap<QString, QString> sourceEnv(const QByteArray& env, bool* pwned)
{
    QTemporaryDir dir;
    QFile file(dir.filePath(u"x.env"_s));
    file.open(QIODevice::WriteOnly);
    file.write(env);
    file.close();
    const QStringList names{u"OAUTH_CLIENT_ID"_s,         u"OAUTH_CLIENT_SECRET"_s,  u"OAUTH_TOKEN_URL"_s,
                            u"OAUTH_AUTHORIZATION_URL"_s, u"OAUTH_SAML_TOKEN_URL"_s, u"OAUTH_SAML_AUDIENCE"_s};
    QString script = u"set -a; . ./x.env; "_s;
    for (const QString& name : names) {
        script += u"if [ \"${"_s + name + u"+set}\" = set ]; then printf '%s=%s\\000' "_s + name + u" \"$"_s + name
            + u"\"; fi; "_s;
    }
    QProcess shell;
    shell.setWorkingDirectory(dir.path());
    shell.start(u"/bin/sh"_s, {u"-c"_s, script});
    shell.waitForFinished(60'000);
    QMap<QString, QString> values;
    QList<QByteArray> parts = shell.readAllStandardOutput().split('\0');
    parts.removeLast();
    for (const QByteArray& part : parts) {
        const QString text = QString::fromUtf8(part);
        values.insert(text.section(u'=', 0, 0), text.section(u'=', 1));
    }
    *pwned = QFile::exists(dir.filePath(u"PWNED"_s));
    return values;
}

QStringList jsonKeysInOrder(const QByteArray& json)
{
    QStringList keys;
    static const QRegularExpression keyPattern(u"^    (\"(?:[^\"\\\\]|\\\\.)*\"): "_s,
                                               QRegularExpression::MultilineOption);
    auto it = keyPattern.globalMatch(QString::fromUtf8(json));
    while (it.hasNext()) {
        keys.append(QJsonDocument::fromJson("[" + it.next().captured(1).toUtf8() + "]").array().at(0).toString());
    }
    return keys;
}

const SheetSection* findSection(const SheetDocument& document, const QString& title)
{
    for (const SheetSection& section : document.sections) {
        if (section.title == title) {
            return &section;
        }
    }
    return nullptr;
}

QStringList labels(const SheetSection& section)
{
    QStringList list;
    for (const SheetRow& row : section.rows) {
        list.append(row.label);
    }
    return list;
}

} // namespace

class TestConnectionSheet : public QObject
{
    Q_OBJECT

private slots:
    void formatIds();
    void secretOnlyWhenAtHand_data();
    void secretOnlyWhenAtHand();
    void datasphereSecretsFile();
    void btpDestination();
    void btpDestinationWithoutSecret();
    void cloudIntegrationArtifact();
    void curlScript_data();
    void curlScript();
    void curlScriptNeedsTheSecretWhenNotIncluded();
    void envFile_data();
    void envFile();
    void markdown();
    void documentPerPurpose_data();
    void documentPerPurpose();
    void documentNotes();
    void nastyNamesStayData_data();
    void nastyNamesStayData();
    void namesAndFit();
};

void TestConnectionSheet::formatIds()
{
    QStringList ids;
    for (SheetFormat format : allSheetFormats()) {
        ids.append(sheetFormatId(format));
        QCOMPARE(sheetFormatFromId(sheetFormatId(format)), std::optional<SheetFormat>(format));
        QVERIFY(!sheetFormatDisplayName(format).isEmpty());
        QCOMPARE(sheetFormatIsText(format), format != SheetFormat::Pdf);
    }
    QCOMPARE(ids, (QStringList{u"pdf"_s, u"json"_s, u"btp"_s, u"cpi"_s, u"curl"_s, u"env"_s, u"md"_s}));
    QCOMPARE(sheetFormatFromId(u"docx"), std::nullopt);
    QVERIFY(ConnectionSheet(input(technicalClient(), Secret)).render(SheetFormat::Pdf).isEmpty());
}

void TestConnectionSheet::secretOnlyWhenAtHand_data()
{
    QTest::addColumn<ConnectionSheetInput>("sheetInput");
    QTest::addColumn<SheetFormat>("format");
    QTest::addColumn<QByteArray>("notIncludedMarker");
    const QList<std::pair<QString, Client>> clients{{u"technical"_s, technicalClient()},
                                                    {u"api"_s, apiClient(false)},
                                                    {u"api saml"_s, apiClient(true)},
                                                    {u"interactive"_s, interactiveClient()}};
    const QList<std::pair<SheetFormat, QByteArray>> formats{
        {SheetFormat::Json, QByteArray()},
        {SheetFormat::BtpDestination, "# clientSecret is not included"},
        {SheetFormat::CloudIntegration, "The client secret is not included: enter it in the Client Secret field."},
        {SheetFormat::Curl, ": \"${OAUTH_CLIENT_SECRET:?Set OAUTH_CLIENT_SECRET to the client secret.}\""},
        {SheetFormat::Env, "# The client secret is not included: add OAUTH_CLIENT_SECRET=... yourself."},
        {SheetFormat::Markdown, "The secret is not included in this sheet."},
    };
    for (const auto& [name, client] : clients) {
        for (const auto& [format, marker] : formats) {
            const QByteArray base = name.toUtf8() + ' ' + sheetFormatId(format).toUtf8();
            QTest::newRow(QByteArray(base + " with secret").constData())
                << input(client, Secret) << format << QByteArray();
            QTest::newRow(QByteArray(base + " without secret").constData())
                << input(client, std::nullopt) << format << marker;
            QTest::newRow(QByteArray(base + " empty secret").constData())
                << input(client, QString()) << format << marker;
        }
    }
}

void TestConnectionSheet::secretOnlyWhenAtHand()
{
    QFETCH(ConnectionSheetInput, sheetInput);
    QFETCH(SheetFormat, format);
    QFETCH(QByteArray, notIncludedMarker);
    const ConnectionSheet sheet(sheetInput);
    const bool atHand = sheetInput.secret && !sheetInput.secret->isEmpty();
    QCOMPARE(sheet.containsSecret(), atHand);
    QCOMPARE(sheet.document().containsSecret(), atHand);
    const QByteArray rendered = sheet.render(format);
    QVERIFY(!rendered.isEmpty());
    QCOMPARE(rendered.contains(Secret.toUtf8()), atHand);
    if (!atHand) {
        QVERIFY2(rendered.contains(notIncludedMarker), rendered.constData());
        // No empty secret field pretending otherwise.
        for (const QByteArray& field :
             {QByteArray("client_secret\""), QByteArray("clientSecret="), QByteArray("\"Client Secret\""),
              QByteArray("\nOAUTH_CLIENT_SECRET="), QByteArray("| Secret |")}) {
            QVERIFY2(!rendered.contains(field), field.constData());
        }
    }
}

void TestConnectionSheet::datasphereSecretsFile()
{
    const QJsonObject with
        = QJsonDocument::fromJson(ConnectionSheet(input(technicalClient(), Secret)).render(SheetFormat::Json)).object();
    QCOMPARE(with,
             (QJsonObject{{u"client_id"_s, u"sb-4f1c2a"_s},
                          {u"client_secret"_s, Secret},
                          {u"authorization_url"_s, u"https://tenant.example/oauth/authorize"_s},
                          {u"token_url"_s, u"https://tenant.example/oauth/token"_s}}));
    const QJsonObject without
        = QJsonDocument::fromJson(ConnectionSheet(input(technicalClient(), {})).render(SheetFormat::Json)).object();
    QCOMPARE(without.keys(), (QStringList{u"authorization_url"_s, u"client_id"_s, u"token_url"_s}));
}

void TestConnectionSheet::btpDestination()
{
    const QByteArray text = ConnectionSheet(input(technicalClient(), Secret)).render(SheetFormat::BtpDestination);
    for (char c : text) {
        QVERIFY(c == '\n' || (c >= 0x20 && c <= 0x7e)); // Properties.load() reads ISO 8859-1
    }
    const QList<std::pair<QString, QString>> expected{
        {u"Name"_s, u"Sales_Reporting"_s},
        {u"Type"_s, u"HTTP"_s},
        {u"URL"_s, u"https://tenant.example"_s},
        {u"ProxyType"_s, u"Internet"_s},
        {u"Authentication"_s, u"OAuth2ClientCredentials"_s},
        {u"clientId"_s, u"sb-4f1c2a"_s},
        {u"clientSecret"_s, Secret},
        {u"tokenServiceURL"_s, u"https://tenant.example/oauth/token"_s},
        {u"tokenServiceURLType"_s, u"Dedicated"_s},
    };
    QCOMPARE(loadProperties(text), expected);
    QVERIFY(text.contains("\ntokenServiceURL=https\\://tenant.example/oauth/token\n"));
    QVERIFY(text.startsWith("# SAP BTP destination for the OAuth client \"Sales Reporting\" (sb-4f1c2a) of the "
                            "tenant Acme Sandbox (https://tenant.example).\n"
                            "# Generated by App Integration Console on 2025-11-24 16:00 UTC.\n"
                            "# This file contains the client secret: keep it like a password.\n"));
}

void TestConnectionSheet::btpDestinationWithoutSecret()
{
    const QByteArray text = ConnectionSheet(input(technicalClient(), {})).render(SheetFormat::BtpDestination);
    QStringList keys;
    for (const auto& [key, value] : loadProperties(text)) {
        keys.append(key);
    }
    QCOMPARE(keys,
             (QStringList{u"Name"_s, u"Type"_s, u"URL"_s, u"ProxyType"_s, u"Authentication"_s, u"clientId"_s,
                          u"tokenServiceURL"_s, u"tokenServiceURLType"_s}));
    QVERIFY(
        text.contains("# clientSecret is not included: add the client secret before you import the destination.\n"));
}

void TestConnectionSheet::cloudIntegrationArtifact()
{
    const QByteArray with = ConnectionSheet(input(technicalClient(), Secret)).render(SheetFormat::CloudIntegration);
    QCOMPARE(
        jsonKeysInOrder(with),
        (QStringList{u"Type"_s, u"Name"_s, u"Description"_s, u"Token Service URL"_s, u"Client ID"_s, u"Client Secret"_s,
                     u"Client Authentication"_s, u"Scope"_s, u"Content Type"_s, u"Resource"_s, u"Audience"_s}));
    const QJsonObject object = QJsonDocument::fromJson(with).object();
    QCOMPARE(object.value(u"Type"_s).toString(), u"OAuth2 Client Credentials"_s);
    QCOMPARE(object.value(u"Name"_s).toString(), u"Sales_Reporting"_s);
    QCOMPARE(object.value(u"Token Service URL"_s).toString(), u"https://tenant.example/oauth/token"_s);
    QCOMPARE(object.value(u"Client ID"_s).toString(), u"sb-4f1c2a"_s);
    QCOMPARE(object.value(u"Client Secret"_s).toString(), Secret);
    QCOMPARE(object.value(u"Client Authentication"_s).toString(), u"Send as Body Parameter"_s);
    QCOMPARE(object.value(u"Content Type"_s).toString(), u"application/x-www-form-urlencoded"_s);

    const QByteArray without = ConnectionSheet(input(technicalClient(), {})).render(SheetFormat::CloudIntegration);
    QCOMPARE(jsonKeysInOrder(without),
             (QStringList{u"Type"_s, u"Note"_s, u"Name"_s, u"Description"_s, u"Token Service URL"_s, u"Client ID"_s,
                          u"Client Authentication"_s, u"Scope"_s, u"Content Type"_s, u"Resource"_s, u"Audience"_s}));
    QVERIFY(!QJsonDocument::fromJson(without).isNull());

    // A client without the client credentials grant: rendered, with a note, and flagged.
    const ConnectionSheet saml(input(apiClient(true), Secret));
    QVERIFY(!saml.fits(SheetFormat::CloudIntegration));
    QVERIFY(QJsonDocument::fromJson(saml.render(SheetFormat::CloudIntegration))
                .object()
                .value(u"Note"_s)
                .toString()
                .contains(u"does not use the client credentials grant"_s));
}

void TestConnectionSheet::curlScript_data()
{
    QTest::addColumn<ConnectionSheetInput>("sheetInput");
    QTest::addColumn<QStringList>("variables"); // name=value pairs for the environment
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");

    const QStringList clientCredentials{u"-sS"_s,
                                        u"--data-urlencode"_s,
                                        u"grant_type=client_credentials"_s,
                                        u"--data-urlencode"_s,
                                        u"client_id=sb-4f1c2a"_s,
                                        u"--data-urlencode"_s,
                                        u"client_secret@-"_s,
                                        u"https://tenant.example/oauth/token"_s};
    QTest::newRow("technical, secret included")
        << input(technicalClient(), Secret) << QStringList() << clientCredentials << Secret.toUtf8();
    QTest::newRow("technical, secret from the environment")
        << input(technicalClient(), std::nullopt) << QStringList{u"OAUTH_CLIENT_SECRET=from-env"_s} << clientCredentials
        << QByteArray("from-env");
    QTest::newRow("api, saml bearer") << input(apiClient(true), Secret) << QStringList{u"SAML_ASSERTION=PHNhbWw-"_s}
                                      << QStringList{u"-sS"_s,
                                                     u"--data-urlencode"_s,
                                                     u"grant_type=urn:ietf:params:oauth:grant-type:saml2-bearer"_s,
                                                     u"--data-urlencode"_s,
                                                     u"assertion=PHNhbWw-"_s,
                                                     u"--data-urlencode"_s,
                                                     u"client_id=sb-api-7"_s,
                                                     u"--data-urlencode"_s,
                                                     u"client_secret@-"_s,
                                                     u"https://tenant.example/oauth/saml/token"_s}
                                      << Secret.toUtf8();
    QTest::newRow("interactive, authorization code")
        << input(interactiveClient(), Secret) << QStringList{u"AUTHORIZATION_CODE=c0de"_s}
        << QStringList{u"-sS"_s,
                       u"--data-urlencode"_s,
                       u"grant_type=authorization_code"_s,
                       u"--data-urlencode"_s,
                       u"code=c0de"_s,
                       u"--data-urlencode"_s,
                       u"redirect_uri=http://localhost:8080/callback"_s,
                       u"--data-urlencode"_s,
                       u"client_id=sb-ui-3"_s,
                       u"--data-urlencode"_s,
                       u"client_secret@-"_s,
                       u"https://tenant.example/oauth/token"_s}
        << Secret.toUtf8();
}

void TestConnectionSheet::curlScript()
{
    QFETCH(ConnectionSheetInput, sheetInput);
    QFETCH(QStringList, variables);
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    const QByteArray script = ConnectionSheet(sheetInput).render(SheetFormat::Curl);
    QVERIFY(script.startsWith("#!/bin/sh\n"));
    QMap<QString, QString> environment;
    for (const QString& pair : variables) {
        environment.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
    }
    const CurlRun run = runCurlScript(script, environment);
    QVERIFY2(run.exitCode == 0, run.standardError.constData());
    QVERIFY(run.curlRan);
    QCOMPARE(run.arguments, arguments);
    // The secret travels on standard input, never as an argument.
    QCOMPARE(run.input, input);
    for (const QString& argument : std::as_const(run.arguments)) {
        QVERIFY(!argument.contains(QString::fromUtf8(input)));
    }
}

void TestConnectionSheet::curlScriptNeedsTheSecretWhenNotIncluded()
{
    const QByteArray script = ConnectionSheet(input(technicalClient(), std::nullopt)).render(SheetFormat::Curl);
    QVERIFY(script.contains("# The client secret is not included: set OAUTH_CLIENT_SECRET before you run this "
                            "script.\n"));
    const CurlRun run = runCurlScript(script, {});
    QVERIFY(run.exitCode != 0);
    QVERIFY(!run.curlRan);
    QVERIFY2(run.standardError.contains("Set OAUTH_CLIENT_SECRET to the client secret."),
             run.standardError.constData());

    const QByteArray saml = ConnectionSheet(input(apiClient(true), Secret)).render(SheetFormat::Curl);
    const CurlRun noAssertion = runCurlScript(saml, {});
    QVERIFY(noAssertion.exitCode != 0);
    QVERIFY(!noAssertion.curlRan);
    QVERIFY(noAssertion.standardError.contains("Set SAML_ASSERTION"));
}

void TestConnectionSheet::envFile_data()
{
    QTest::addColumn<ConnectionSheetInput>("sheetInput");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("technical with secret")
        << input(technicalClient(), Secret)
        << QStringList{u"OAUTH_CLIENT_ID=sb-4f1c2a"_s, u"OAUTH_CLIENT_SECRET="_s + Secret,
                       u"OAUTH_SAML_AUDIENCE=https://tenant.example/saml"_s,
                       u"OAUTH_SAML_TOKEN_URL=https://tenant.example/oauth/saml/token"_s,
                       u"OAUTH_TOKEN_URL=https://tenant.example/oauth/token"_s};
    QTest::newRow("interactive without secret")
        << input(interactiveClient(), std::nullopt)
        << QStringList{u"OAUTH_AUTHORIZATION_URL=https://tenant.example/oauth/authorize"_s,
                       u"OAUTH_CLIENT_ID=sb-ui-3"_s, u"OAUTH_SAML_AUDIENCE=https://tenant.example/saml"_s,
                       u"OAUTH_SAML_TOKEN_URL=https://tenant.example/oauth/saml/token"_s,
                       u"OAUTH_TOKEN_URL=https://tenant.example/oauth/token"_s};
}

void TestConnectionSheet::envFile()
{
    QFETCH(ConnectionSheetInput, sheetInput);
    QFETCH(QStringList, expected);
    bool pwned = false;
    const QMap<QString, QString> values = sourceEnv(ConnectionSheet(sheetInput).render(SheetFormat::Env), &pwned);
    QStringList pairs;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        pairs.append(it.key() + u'=' + it.value());
    }
    QCOMPARE(pairs, expected);
}

void TestConnectionSheet::markdown()
{
    const QString text
        = QString::fromUtf8(ConnectionSheet(input(technicalClient(), Secret)).render(SheetFormat::Markdown));
    const QStringList lines = text.split(u'\n');
    QCOMPARE(lines.value(0), u"# Connection sheet: Sales Reporting"_s);
    QCOMPARE(lines.value(2), u"Tenant Acme Sandbox, generated on 2025-11-24 16:00 UTC"_s);
    for (const QString& line :
         {u"## Client"_s, u"| Field | Value |"_s, u"| --- | --- |"_s, u"| Client ID | `sb-4f1c2a` |"_s,
          u"| Technical user | `SALES_BOT` |"_s, u"| Purpose | Technical User |"_s, u"| Token lifetime | 1 day |"_s,
          u"| Expiry date | 2026-02-22 16:00 UTC |"_s, u"## Roles and spaces"_s, u"| Role | Spaces |"_s,
          u"| DW\\_VIEWER | Global role |"_s, u"| SALES\\_MODELER | SALES, HR |"_s, u"## Standard OAuth 2.0 flow"_s,
          u"| Secret | `s3cr3t-Value_9` |"_s, u"| Token URL | `https://tenant.example/oauth/token` |"_s,
          u"## OAuth2SAMLBearer principal propagation flow"_s,
          u"| OAuth2SAML Audience | `https://tenant.example/saml` |"_s, u"---"_s}) {
        QVERIFY2(lines.contains(line), qPrintable(line + u"\n\n"_s + text));
    }
    QVERIFY(!text.contains(u"| Authorization URL |"_s)); // not for a Technical User client
}

void TestConnectionSheet::documentPerPurpose_data()
{
    QTest::addColumn<ConnectionSheetInput>("sheetInput");
    QTest::addColumn<QStringList>("clientLabels");
    QTest::addColumn<QStringList>("standardLabels");
    QTest::addColumn<bool>("hasRoles");
    QTest::addColumn<QString>("expiry");
    QTest::addColumn<QString>("lifetime");

    QTest::newRow("technical") << input(
        technicalClient(),
        Secret) << QStringList{u"Tenant"_s,         u"Tenant URL"_s,     u"Client name"_s,         u"Client ID"_s,
                               u"Purpose"_s,        u"Technical user"_s, u"Authorization grant"_s, u"Expiry date"_s,
                               u"Token lifetime"_s, u"Created"_s}
                               << QStringList{u"Client ID"_s, u"Secret"_s, u"Token URL"_s} << true
                               << u"2026-02-22 16:00 UTC"_s << u"1 day"_s;
    QTest::newRow("api") << input(apiClient(false), std::nullopt) << QStringList{u"Tenant"_s,
                                                                                 u"Tenant URL"_s,
                                                                                 u"Client name"_s,
                                                                                 u"Client ID"_s,
                                                                                 u"Purpose"_s,
                                                                                 u"Access"_s,
                                                                                 u"Authorization grant"_s,
                                                                                 u"Expiry date"_s,
                                                                                 u"Token lifetime"_s,
                                                                                 u"Refresh token lifetime"_s}
                         << QStringList{u"Client ID"_s, u"Authorization URL"_s, u"Token URL"_s} << false << u"Never"_s
                         << u"1 hour"_s;
    QTest::newRow("interactive") << input(interactiveClient(), Secret)
                                 << QStringList{u"Tenant"_s,         u"Tenant URL"_s,
                                                u"Client name"_s,    u"Client ID"_s,
                                                u"Purpose"_s,        u"Authorization grant"_s,
                                                u"Redirect URI"_s,   u"Expiry date"_s,
                                                u"Token lifetime"_s, u"Refresh token lifetime"_s}
                                 << QStringList{u"Client ID"_s, u"Secret"_s, u"Authorization URL"_s, u"Token URL"_s}
                                 << false << u"Never"_s << u"1 hour"_s;
}

void TestConnectionSheet::documentPerPurpose()
{
    QFETCH(ConnectionSheetInput, sheetInput);
    QFETCH(QStringList, clientLabels);
    QFETCH(QStringList, standardLabels);
    QFETCH(bool, hasRoles);
    QFETCH(QString, expiry);
    QFETCH(QString, lifetime);
    const SheetDocument document = ConnectionSheet(sheetInput).document();
    QCOMPARE(document.title, u"Connection sheet: "_s + sheetInput.client.clientName);

    const SheetSection* about = findSection(document, ConnectionSheet::clientSectionTitle());
    QVERIFY(about);
    QCOMPARE(labels(*about), clientLabels);
    QCOMPARE(document.findRow(ConnectionSheet::clientSectionTitle(), u"Expiry date"_s)->value, expiry);
    QCOMPARE(document.findRow(ConnectionSheet::clientSectionTitle(), u"Token lifetime"_s)->value, lifetime);

    const SheetSection* standard = findSection(document, ConnectionSheet::standardFlowTitle());
    QVERIFY(standard);
    QCOMPARE(labels(*standard), standardLabels);

    // Seeds 000/001: the OAuth2SAMLBearer flow's parameters for every client.
    const SheetSection* saml = findSection(document, ConnectionSheet::samlFlowTitle());
    QVERIFY(saml);
    const bool withSecret = sheetInput.secret.has_value();
    QCOMPARE(labels(*saml),
             withSecret
                 ? (QStringList{u"Client ID"_s, u"Secret"_s, u"OAuth2SAML Token URL"_s, u"OAuth2SAML Audience"_s})
                 : (QStringList{u"Client ID"_s, u"OAuth2SAML Token URL"_s, u"OAuth2SAML Audience"_s}));
    QCOMPARE(saml->notes.contains(ConnectionSheet::secretNotIncludedNote()), !withSecret);
    QCOMPARE(standard->notes.contains(ConnectionSheet::secretNotIncludedNote()), !withSecret);
    if (withSecret) {
        const SheetRow* secretRow = document.findRow(ConnectionSheet::standardFlowTitle(), u"Secret"_s);
        QVERIFY(secretRow && secretRow->secret && secretRow->monospace);
        QCOMPARE(secretRow->value, Secret);
    }

    const SheetSection* roles = findSection(document, ConnectionSheet::rolesSectionTitle());
    QCOMPARE(roles != nullptr, hasRoles);
    if (roles) {
        QCOMPARE(roles->rows,
                 (QList<SheetRow>{{u"DW_VIEWER"_s, u"Global role"_s}, {u"SALES_MODELER"_s, u"SALES, HR"_s}}));
    }
}

void TestConnectionSheet::documentNotes()
{
    const SheetDocument issued = ConnectionSheet(input(technicalClient(), Secret)).document();
    QCOMPARE(issued.notes.size(), 1);
    QVERIFY(issued.notes.first().startsWith(u"This sheet contains the client secret."_s));

    const SheetDocument fromKeychain
        = ConnectionSheet(input(technicalClient(), Secret, SecretOrigin::Keychain)).document();
    QCOMPARE(fromKeychain.notes.size(), 2);
    QVERIFY(fromKeychain.notes.first().contains(u"system keychain"_s));

    QVERIFY(ConnectionSheet(input(technicalClient(), std::nullopt)).document().notes.isEmpty());

    Client expired = technicalClient();
    expired.clientSecretExpiresAt = Now - SecondsPerDay;
    const SheetDocument expiredSheet = ConnectionSheet(input(expired, std::nullopt)).document();
    QCOMPARE(expiredSheet.findRow(ConnectionSheet::clientSectionTitle(), u"Expiry date"_s)->value,
             u"2025-11-23 16:00 UTC (expired)"_s);
    QCOMPARE(expiredSheet.notes.size(), 1);
    QVERIFY(expiredSheet.notes.first().startsWith(u"This client expired on 2025-11-23 16:00 UTC."_s));
}

void TestConnectionSheet::nastyNamesStayData_data()
{
    QTest::addColumn<SheetFormat>("format");
    for (SheetFormat format : allSheetFormats()) {
        if (sheetFormatIsText(format)) {
            QTest::newRow(qPrintable(sheetFormatId(format))) << format;
        }
    }
}

void TestConnectionSheet::nastyNamesStayData()
{
    QFETCH(SheetFormat, format);
    const ConnectionSheetInput nasty = nastyInput();
    const ConnectionSheet sheet(nasty);
    const QByteArray rendered = sheet.render(format);
    const QString secret = *nasty.secret;
    const QString clientId = nasty.client.clientId;

    switch (format) {
    case SheetFormat::Json: {
        const QJsonObject object = QJsonDocument::fromJson(rendered).object();
        QCOMPARE(object.value(u"client_id"_s).toString(), clientId);
        QCOMPARE(object.value(u"client_secret"_s).toString(), secret);
        break;
    }
    case SheetFormat::CloudIntegration: {
        const QJsonObject object = QJsonDocument::fromJson(rendered).object();
        QCOMPARE(object.value(u"Client ID"_s).toString(), clientId);
        QCOMPARE(object.value(u"Client Secret"_s).toString(), secret);
        QVERIFY(object.value(u"Description"_s).toString().contains(nasty.client.clientName));
        QCOMPARE(object.value(u"Name"_s).toString(), u"Evil_name_x_HOME_touch_PWNED_touch_PWNED_bold_u_b"_s);
        break;
    }
    case SheetFormat::BtpDestination: {
        const QList<std::pair<QString, QString>> properties = loadProperties(rendered);
        QCOMPARE(properties.value(5), (std::pair<QString, QString>{u"clientId"_s, clientId}));
        QCOMPARE(properties.value(6), (std::pair<QString, QString>{u"clientSecret"_s, secret}));
        QCOMPARE(properties.size(), 9); // the name's line breaks made no extra line
        for (char c : rendered) {
            QVERIFY(c == '\n' || (c >= 0x20 && c <= 0x7e));
        }
        break;
    }
    case SheetFormat::Curl: {
        const CurlRun run = runCurlScript(rendered, {});
        QVERIFY2(run.exitCode == 0, run.standardError.constData());
        QVERIFY(!run.pwned);
        QCOMPARE(run.arguments.value(4), u"client_id="_s + clientId);
        QCOMPARE(run.input, secret.toUtf8());
        break;
    }
    case SheetFormat::Env: {
        bool pwned = true;
        const QMap<QString, QString> values = sourceEnv(rendered, &pwned);
        QVERIFY(!pwned);
        QCOMPARE(values.value(u"OAUTH_CLIENT_ID"_s), clientId);
        QCOMPARE(values.value(u"OAUTH_CLIENT_SECRET"_s), secret);
        break;
    }
    case SheetFormat::Markdown: {
        const QStringList lines = QString::fromUtf8(rendered).split(u'\n');
        QCOMPARE(lines.first(), u"# Connection sheet: "_s + sheet::markdownText(nasty.client.clientName));
        QVERIFY(!lines.first().contains(u'<') || lines.first().contains(u"\\<"_s));
        // Every table row still has exactly two cells: no stray | split one.
        static const QRegularExpression unescapedPipe(u"(?<!\\\\)\\|"_s);
        for (const QString& line : lines) {
            if (line.startsWith(u"| "_s)) {
                QCOMPARE(line.count(unescapedPipe), 3);
            }
        }
        break;
    }
    case SheetFormat::Pdf:
        QFAIL("not a text format");
    }

    // Comments never let a name start a line of its own.
    for (const QByteArray& line : rendered.split('\n')) {
        QVERIFY2(!line.startsWith("touch PWNED") && !line.startsWith("# injected"), line.constData());
    }
}

void TestConnectionSheet::namesAndFit()
{
    const ConnectionSheet sheet(input(technicalClient(), Secret));
    QCOMPARE(sheet.artifactName(), u"Sales_Reporting"_s);
    QCOMPARE(sheet.suggestedFileName(SheetFormat::Pdf), u"sales-reporting-connection-sheet.pdf"_s);
    QCOMPARE(sheet.suggestedFileName(SheetFormat::Json), u"sales-reporting-secrets.json"_s);
    QCOMPARE(sheet.suggestedFileName(SheetFormat::BtpDestination), u"sales-reporting-destination.properties"_s);
    QCOMPARE(sheet.suggestedFileName(SheetFormat::CloudIntegration),
             u"sales-reporting-oauth2-client-credentials.json"_s);
    QCOMPARE(sheet.suggestedFileName(SheetFormat::Curl), u"sales-reporting-token.sh"_s);
    QCOMPARE(sheet.suggestedFileName(SheetFormat::Env), u"sales-reporting.env"_s);
    QCOMPARE(sheet.suggestedFileName(SheetFormat::Markdown), u"sales-reporting-connection-sheet.md"_s);

    Client unnamed = technicalClient();
    unnamed.clientName = u"✓✓"_s;
    const ConnectionSheet symbols(input(unnamed, Secret));
    QCOMPARE(symbols.artifactName(), u"appint_sb-4f1c2a"_s);
    QCOMPARE(symbols.suggestedFileName(SheetFormat::Env), u"sb-4f1c2a.env"_s);

    for (SheetFormat format : allSheetFormats()) {
        QVERIFY(sheet.fits(format));
        QVERIFY(ConnectionSheet(input(apiClient(false), Secret)).fits(format));
    }
    for (const Client& client : {apiClient(true), interactiveClient()}) {
        const ConnectionSheet other(input(client, Secret));
        QVERIFY(!other.fits(SheetFormat::BtpDestination));
        QVERIFY(!other.fits(SheetFormat::CloudIntegration));
        QVERIFY(other.fits(SheetFormat::Curl));
        QVERIFY(other.render(SheetFormat::BtpDestination).contains("does not use the client credentials grant"));
    }
}

APPINT_TEST_MAIN(TestConnectionSheet)
#include "TestConnectionSheet.moc"
