#include "TestMain.h"

#include "CliFixture.h"
#include "OidcPeer.h"
#include "keychain/KeychainKeys.h"
#include "service/OutboundCredentialSettings.h"
#include "service/OutboundSecretsCodec.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QUuid>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace appint;
using appint::test::CliFixture;
using appint::test::CliRun;
using appint::test::OidcPeer;

// Issue 15 (seed 003: "the token is reused"): `appint token --credential NAME`
// reuses a still-valid token across processes through the user's token cache
// file, against a third-party token service (oidc-provider, tests/peers/oidc)
// that counts the token requests it gets.
class TestCliTokenCache : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void secondProcessReusesTheToken();
    void freshFetchesAndReplaces();
    void dropCacheForgetsTheToken();
    void editedCredentialGetsANewToken_data();
    void editedCredentialGetsANewToken();
    void untrustedCacheIsIgnoredAndReplaced_data();
    void untrustedCacheIsIgnoredAndReplaced();
    void processesAtOnceKeepTheFileWhole();
    void adHocTokensAreNotCached();

private:
    // Saves an outbound credential for the peer's post-client the way the
    // console does: settings + keychain.
    QString saveCredential(const QString& scope = u"api:read"_s);
    OutboundCredential savedCredential(const QString& name) const;
    bool resave(const OutboundCredential& credential, const QString& previousName = QString()) const;
    CliRun token(const QString& name, const QStringList& extra = {}) const
    {
        return m_fixture->run(QStringList{u"token"_s, u"--credential"_s, name} + extra);
    }
    static QString accessToken(const CliRun& run) { return run.json().object()[u"access_token"_s].toString(); }
    QByteArray cacheBytes() const;
    int cacheMode() const;

    OidcPeer m_peer;
    std::unique_ptr<CliFixture> m_fixture;
    QStringList m_savedKeys;
};

namespace {
const QString PeerSecret = u"post-secret"_s;
}

void TestCliTokenCache::initTestCase()
{
    const QString problem = CliFixture::checkEnvironment();
    if (!problem.isEmpty()) {
        QFAIL(qPrintable(problem));
    }
    const QString error = m_peer.start();
    if (!error.isEmpty()) {
        QFAIL(qPrintable(error));
    }
}

void TestCliTokenCache::init()
{
    m_fixture = std::make_unique<CliFixture>();
    m_peer.reset();
    QCOMPARE(m_peer.tokenRequests(), 0);
}

void TestCliTokenCache::cleanup()
{
    for (const QString& key : std::as_const(m_savedKeys)) {
        m_fixture->keychainRemove(key);
    }
    m_savedKeys.clear();
    m_fixture.reset();
}

QString TestCliTokenCache::saveCredential(const QString& scope)
{
    OutboundCredential credential;
    credential.name = u"partner-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);
    credential.description = u"Saved by TestCliTokenCache"_s;
    credential.tokenServiceUrl = m_peer.tokenUrl().toString();
    credential.clientId = u"post-client"_s;
    credential.clientAuthentication = ClientAuthentication::Body;
    credential.scope = scope;
    if (!resave(credential)) {
        return QString();
    }
    const QString key = KeychainKeys::outboundCredential(credential.name);
    m_savedKeys.append(key);
    const Secret text = OutboundSecretsCodec::encode({Secret(PeerSecret), Secret()});
    if (!m_fixture->keychainWrite(key, text.toString()).ok()) {
        return QString();
    }
    return credential.name;
}

bool TestCliTokenCache::resave(const OutboundCredential& credential, const QString& previousName) const
{
    QDir().mkpath(QFileInfo(m_fixture->settingsFile()).absolutePath());
    QSettings settings(m_fixture->settingsFile(), QSettings::IniFormat);
    const SettingsWriteResult saved = OutboundCredentialSettings(&settings).save(credential, previousName);
    if (!saved.ok()) {
        qWarning("%s", qPrintable(saved.message));
    }
    return saved.ok();
}

OutboundCredential TestCliTokenCache::savedCredential(const QString& name) const
{
    QSettings settings(m_fixture->settingsFile(), QSettings::IniFormat);
    return OutboundCredentialSettings(&settings).find(name).value_or(OutboundCredential());
}

QByteArray TestCliTokenCache::cacheBytes() const
{
    QFile file(m_fixture->tokenCacheFile());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int TestCliTokenCache::cacheMode() const
{
    struct stat info
    {
    };
    if (::lstat(QFile::encodeName(m_fixture->tokenCacheFile()).constData(), &info) != 0) {
        return -1;
    }
    return int(info.st_mode & 07777);
}

void TestCliTokenCache::secondProcessReusesTheToken()
{
    const QString name = saveCredential();
    QVERIFY(!name.isEmpty());

    QElapsedTimer timer;
    timer.start();
    const CliRun first = token(name);
    const qint64 fetchMs = timer.restart();
    QVERIFY2(first.exitCode == 0 && first.standardError.isEmpty(), first.describe().constData());
    QVERIFY(!accessToken(first).isEmpty());
    QCOMPARE(first.json().object()[u"expires_in"_s].toInt(), 600);
    QCOMPARE(m_peer.tokenRequests(), 1);

    // Another process, the name in other case: the same token, no request.
    const CliRun second = token(name.toUpper());
    const qint64 hitMs = timer.elapsed();
    // For the record (docs/cli.md "Numbers"), not a limit.
    qInfo("appint token --credential: %lld ms with a request, %lld ms from the cache", fetchMs, hitMs);
    QVERIFY2(second.exitCode == 0 && second.standardError.isEmpty(), second.describe().constData());
    QCOMPARE(accessToken(second), accessToken(first));
    QCOMPARE(second.json().object()[u"token_type"_s].toString(), u"Bearer"_s);
    QCOMPARE(m_peer.tokenRequests(), 1);

    // The file: owner only, tokens only, never the secret.
    QCOMPARE(cacheMode(), 0600);
    const QByteArray bytes = cacheBytes();
    QVERIFY(bytes.contains(accessToken(first).toUtf8()));
    QVERIFY(bytes.contains(name.toUtf8()));
    QVERIFY(!bytes.contains(PeerSecret.toUtf8()));
    QVERIFY(!bytes.contains("secret"));
    struct stat folder
    {
    };
    QCOMPARE(::stat(QFile::encodeName(QFileInfo(m_fixture->tokenCacheFile()).absolutePath()).constData(), &folder), 0);
    QCOMPARE(int(folder.st_mode & 0777), 0700);
    const QJsonArray entries = QJsonDocument::fromJson(bytes).object()[u"entries"_s].toArray();
    QCOMPARE(entries.size(), 1);
    const QJsonObject entry = entries.first().toObject();
    QCOMPARE(entry[u"hits"_s].toInt(), 1);
    QCOMPARE(entry[u"fetches"_s].toInt(), 1);
    QCOMPARE(entry[u"tokenUrl"_s].toString(), m_peer.tokenUrl().toString());
    QCOMPARE(entry[u"clientId"_s].toString(), u"post-client"_s);
    QCOMPARE(entry[u"scope"_s].toString(), u"api:read"_s);
}

void TestCliTokenCache::freshFetchesAndReplaces()
{
    const QString name = saveCredential();
    QVERIFY(!name.isEmpty());
    const CliRun first = token(name);
    QCOMPARE(first.exitCode, 0);
    const CliRun fresh = token(name, {u"--fresh"_s});
    QVERIFY2(fresh.exitCode == 0 && fresh.standardError.isEmpty(), fresh.describe().constData());
    QCOMPARE(m_peer.tokenRequests(), 2);
    QVERIFY(accessToken(fresh) != accessToken(first));
    // The fresh token replaced the old one.
    const CliRun after = token(name);
    QCOMPARE(after.exitCode, 0);
    QCOMPARE(accessToken(after), accessToken(fresh));
    QCOMPARE(m_peer.tokenRequests(), 2);
    QVERIFY(!cacheBytes().contains(accessToken(first).toUtf8()));
    QCOMPARE(cacheMode(), 0600);
}

void TestCliTokenCache::dropCacheForgetsTheToken()
{
    const QString name = saveCredential();
    QVERIFY(!name.isEmpty());
    const CliRun first = token(name);
    QCOMPARE(first.exitCode, 0);

    const CliRun drop = token(name, {u"--drop-cache"_s});
    QVERIFY2(drop.exitCode == 0 && drop.standardOutput.isEmpty(), drop.describe().constData());
    QVERIFY2(drop.standardError.contains("was dropped"), drop.describe().constData());
    QVERIFY(!cacheBytes().contains(accessToken(first).toUtf8()));
    QCOMPARE(m_peer.tokenRequests(), 1);

    const CliRun again = token(name);
    QCOMPARE(again.exitCode, 0);
    QVERIFY(accessToken(again) != accessToken(first));
    QCOMPARE(m_peer.tokenRequests(), 2);

    const CliRun both = token(name, {u"--drop-cache"_s, u"--fresh"_s});
    QCOMPARE(both.exitCode, 2);
}

void TestCliTokenCache::editedCredentialGetsANewToken_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<bool>("newToken");
    QTest::newRow("scope") << u"scope"_s << true;
    QTest::newRow("token URL") << u"tokenUrl"_s << true;
    QTest::newRow("custom parameter") << u"custom"_s << true;
    QTest::newRow("description") << u"description"_s << false;
}

void TestCliTokenCache::editedCredentialGetsANewToken()
{
    QFETCH(QString, field);
    QFETCH(bool, newToken);
    const QString name = saveCredential();
    QVERIFY(!name.isEmpty());
    const CliRun first = token(name);
    QCOMPARE(first.exitCode, 0);
    QCOMPARE(first.json().object()[u"scope"_s].toString(), u"api:read"_s);

    OutboundCredential edited = savedCredential(name);
    QCOMPARE(edited.name, name);
    if (field == u"scope"_s) {
        edited.scope = u"api:write"_s;
    } else if (field == u"tokenUrl"_s) {
        // The same endpoint with a query: another token URL all the same.
        edited.tokenServiceUrl = m_peer.tokenUrl().toString() + u"?tenant=blue"_s;
    } else if (field == u"custom"_s) {
        edited.customParameters.append({u"tenant"_s, u"blue"_s, ParameterLocation::Url});
    } else {
        edited.description = u"A new description"_s;
    }
    QVERIFY(resave(edited, name));

    const CliRun second = token(name);
    QVERIFY2(second.exitCode == 0 && second.standardError.isEmpty(), second.describe().constData());
    QCOMPARE(accessToken(second) != accessToken(first), newToken);
    QCOMPARE(m_peer.tokenRequests(), newToken ? 2 : 1);
    if (field == u"scope"_s) {
        QCOMPARE(second.json().object()[u"scope"_s].toString(), u"api:write"_s);
    }
    // One entry per credential: the edited credential's token replaced the old one.
    QCOMPARE(QJsonDocument::fromJson(cacheBytes()).object()[u"entries"_s].toArray().size(), 1);
}

void TestCliTokenCache::untrustedCacheIsIgnoredAndReplaced_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QByteArray>("warning");
    QTest::newRow("readable by others") << u"mode 0644"_s << QByteArray("others may read it (mode 0644");
    QTest::newRow("readable by the group") << u"mode 0640"_s << QByteArray("others may read it (mode 0640");
    QTest::newRow("corrupt") << u"corrupt"_s << QByteArray("not a token cache this version can read");
    QTest::newRow("another version") << u"version"_s << QByteArray("not a token cache this version can read");
    QTest::newRow("symbolic link") << u"link"_s << QByteArray("cannot be opened as a file of yours");
    QTest::newRow("another user's") << u"owner"_s << QByteArray("belongs to another user");
}

void TestCliTokenCache::untrustedCacheIsIgnoredAndReplaced()
{
    QFETCH(QString, damage);
    QFETCH(QByteArray, warning);
    if (damage == u"owner"_s && ::geteuid() != 0) {
        QSKIP("giving a file to another user needs root");
    }
    const QString name = saveCredential();
    QVERIFY(!name.isEmpty());
    const CliRun first = token(name);
    QCOMPARE(first.exitCode, 0);

    // A forged token in place of the real one: whatever the damage, it is never served.
    const QString path = m_fixture->tokenCacheFile();
    const QByteArray encoded = QFile::encodeName(path);
    QByteArray forged = cacheBytes().replace(accessToken(first).toUtf8(), "forged-token");
    QVERIFY(forged.contains("forged-token"));
    if (damage == u"corrupt"_s) {
        forged.chop(forged.size() / 2);
    } else if (damage == u"version"_s) {
        forged.replace("\"version\": 1", "\"version\": 99");
    }
    QVERIFY(QFile::remove(path));
    if (damage == u"link"_s) {
        const QString target = m_fixture->runtimeDir() + u"/elsewhere.json"_s;
        QFile file(target);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(forged);
        file.close();
        QVERIFY(QFile::link(target, path));
    } else {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(forged);
        file.close();
        const int mode = damage.startsWith(u"mode "_s) ? damage.mid(5).toInt(nullptr, 8) : 0600;
        QCOMPARE(::chmod(encoded.constData(), mode_t(mode)), 0);
        if (damage == u"owner"_s) {
            QCOMPARE(::chown(encoded.constData(), 65534, 65534), 0);
        }
    }

    const CliRun second = token(name);
    QVERIFY2(second.exitCode == 0, second.describe().constData());
    QCOMPARE(second.errorLines().size(), 1);
    QVERIFY2(second.standardError.contains("warning: The token cache") && second.standardError.contains(warning),
             second.describe().constData());
    QVERIFY(!second.mentions("forged-token"));
    QVERIFY(!accessToken(second).isEmpty());
    QCOMPARE(m_peer.tokenRequests(), 2);

    // Replaced by a file of ours: the next process reuses the new token quietly.
    QCOMPARE(cacheMode() & 0777, 0600);
    QVERIFY(QFileInfo(path).isFile() && !QFileInfo(path).isSymLink());
    QCOMPARE(QFileInfo(path).ownerId(), uint(::geteuid()));
    const CliRun third = token(name);
    QVERIFY2(third.exitCode == 0 && third.standardError.isEmpty(), third.describe().constData());
    QCOMPARE(accessToken(third), accessToken(second));
    QCOMPARE(m_peer.tokenRequests(), 2);
}

void TestCliTokenCache::processesAtOnceKeepTheFileWhole()
{
    QStringList names;
    for (int i = 0; i < 3; ++i) {
        names.append(saveCredential());
        QVERIFY(!names.last().isEmpty());
    }
    // Six processes at once, two per credential.
    std::vector<std::unique_ptr<QProcess>> processes;
    for (int round = 0; round < 2; ++round) {
        for (const QString& name : std::as_const(names)) {
            auto process = std::make_unique<QProcess>();
            process->setProcessEnvironment(m_fixture->environment());
            process->start(CliFixture::program(), {u"token"_s, u"--credential"_s, name});
            processes.push_back(std::move(process));
        }
    }
    for (const auto& process : processes) {
        QVERIFY(process->waitForFinished(120'000));
        QVERIFY2(process->exitCode() == 0, process->readAllStandardError().constData());
        QVERIFY(!QJsonDocument::fromJson(process->readAllStandardOutput()).object()[u"access_token"_s].isUndefined());
    }
    const int requests = m_peer.tokenRequests();
    QVERIFY2(requests >= 3 && requests <= 6, QByteArray::number(requests).constData());

    // The file is whole and every credential's token in it is reused from now on.
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(cacheBytes(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(cacheMode(), 0600);
    for (const QString& name : std::as_const(names)) {
        const CliRun run = token(name);
        QVERIFY2(run.exitCode == 0 && run.standardError.isEmpty(), run.describe().constData());
    }
    QCOMPARE(m_peer.tokenRequests(), requests);
    QCOMPARE(QJsonDocument::fromJson(cacheBytes()).object()[u"entries"_s].toArray().size(), 3);
}

void TestCliTokenCache::adHocTokensAreNotCached()
{
    const QMap<QString, QString> environment{{u"APPINT_TEST_CLIENT_SECRET"_s, PeerSecret}};
    const QStringList adHoc{u"token"_s,       u"--token-url"_s,         m_peer.tokenUrl().toString(),  u"--client-id"_s,
                            u"post-client"_s, u"--client-secret-env"_s, u"APPINT_TEST_CLIENT_SECRET"_s};
    CliRun run = m_fixture->run(adHoc, {}, environment);
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    run = m_fixture->run(adHoc, {}, environment);
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    QCOMPARE(m_peer.tokenRequests(), 2);
    QVERIFY(!QFileInfo::exists(m_fixture->tokenCacheFile()));

    run = m_fixture->run(adHoc + QStringList{u"--fresh"_s}, {}, environment);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.standardError.contains("--fresh needs --credential"), run.describe().constData());
}

APPINT_TEST_MAIN(TestCliTokenCache)
#include "TestCliTokenCache.moc"
