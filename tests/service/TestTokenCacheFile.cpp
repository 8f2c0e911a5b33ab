#include "TestMain.h"

#include "service/TokenCache.h"
#include "service/TokenCacheFile.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace appint;

Q_DECLARE_METATYPE(appint::OutboundCredential)

// The token cache file (issue 15) on its own: when a token is reused, what
// makes a credential another one, what the file holds.
class TestTokenCacheFile : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void reusedUntilTheRenewalMargin_data();
    void reusedUntilTheRenewalMargin();
    void fingerprintCoversWhatShapesTheToken_data();
    void fingerprintCoversWhatShapesTheToken();
    void countsHitsAndFetches();
    void dropForgetsOneCredential();
    void tokenWithoutLifetimeIsNotCached();
    void folderOfOthersIsNotUsed();

private:
    static OutboundCredential credential(const QString& name = u"partner"_s);
    static AccessToken token(const QString& value, qint64 obtainedAt, qint64 lifetime);
    QString path() const { return m_dir->filePath(u"appint/token-cache.json"_s); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestTokenCacheFile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestTokenCacheFile::cleanup()
{
    m_dir.reset();
}

OutboundCredential TestTokenCacheFile::credential(const QString& name)
{
    OutboundCredential credential;
    credential.name = name;
    credential.tokenServiceUrl = u"https://auth.example/oauth/token"_s;
    credential.clientId = u"reporting"_s;
    credential.scope = u"api:read"_s;
    return credential;
}

AccessToken TestTokenCacheFile::token(const QString& value, qint64 obtainedAt, qint64 lifetime)
{
    AccessToken token;
    token.value = Secret(value);
    token.tokenType = u"Bearer"_s;
    token.obtainedAt = obtainedAt;
    token.expiresIn = lifetime;
    return token;
}

void TestTokenCacheFile::reusedUntilTheRenewalMargin_data()
{
    QTest::addColumn<qint64>("lifetime");
    // TokenCache::renewalMargin: half of a short lifetime, else max(60 s, 10 %).
    QTest::newRow("10 min") << qint64(600);
    QTest::newRow("1 h") << qint64(3600);
    QTest::newRow("100 s") << qint64(100);
}

void TestTokenCacheFile::reusedUntilTheRenewalMargin()
{
    QFETCH(qint64, lifetime);
    const qint64 obtained = 1'000'000;
    const qint64 renewAt = obtained + lifetime - TokenCache::renewalMargin(lifetime);
    TokenCacheFile cache(path());
    QVERIFY(cache.store(credential(), token(u"tok-1"_s, obtained, lifetime), obtained));
    const auto before = cache.take(credential(), renewAt - 1);
    QVERIFY(before.has_value());
    QCOMPARE(before->value, Secret(u"tok-1"_s));
    QCOMPARE(before->expiresIn, lifetime);
    QCOMPARE(before->obtainedAt, obtained);
    QVERIFY(!cache.take(credential(), renewAt).has_value());
    QVERIFY(!cache.take(credential(), obtained + lifetime + 1).has_value());
    QCOMPARE(cache.entry(u"PARTNER"_s)->renewAt(), renewAt);
    QVERIFY(cache.takeWarnings().isEmpty());
}

void TestTokenCacheFile::fingerprintCoversWhatShapesTheToken_data()
{
    QTest::addColumn<OutboundCredential>("edited");
    QTest::addColumn<bool>("sameToken");
    OutboundCredential c = credential();
    c.tokenServiceUrl = u"https://auth.example/oauth/token2"_s;
    QTest::newRow("token URL") << c << false;
    c = credential();
    c.clientId = u"other"_s;
    QTest::newRow("client ID") << c << false;
    c = credential();
    c.scope = u"api:write"_s;
    QTest::newRow("scope") << c << false;
    c = credential();
    c.resource = u"https://api.example/"_s;
    QTest::newRow("resource") << c << false;
    c = credential();
    c.audience = u"api"_s;
    QTest::newRow("audience") << c << false;
    c = credential();
    c.tokenServiceUser = u"user"_s;
    QTest::newRow("token service user") << c << false;
    c = credential();
    c.customParameters.append({u"tenant"_s, u"blue"_s, ParameterLocation::Body});
    QTest::newRow("custom parameter") << c << false;
    c = credential();
    c.tokenServiceQueries.append({u"tenant"_s, u"blue"_s});
    QTest::newRow("tokenServiceURL.queries") << c << false;
    c = credential();
    c.clientAuthentication = ClientAuthentication::Header;
    QTest::newRow("client authentication") << c << false;
    c = credential();
    c.description = u"another description"_s;
    QTest::newRow("description") << c << true;
    c = credential();
    c.readTimeoutSeconds = 30;
    QTest::newRow("read timeout") << c << true;
}

void TestTokenCacheFile::fingerprintCoversWhatShapesTheToken()
{
    QFETCH(OutboundCredential, edited);
    QFETCH(bool, sameToken);
    QCOMPARE(TokenCacheFile::fingerprint(edited) == TokenCacheFile::fingerprint(credential()), sameToken);
    TokenCacheFile cache(path());
    QVERIFY(cache.store(credential(), token(u"tok-1"_s, 1000, 600), 1000));
    QCOMPARE(cache.take(edited, 1100).has_value(), sameToken);
}

void TestTokenCacheFile::countsHitsAndFetches()
{
    TokenCacheFile cache(path());
    QVERIFY(cache.store(credential(), token(u"tok-1"_s, 1000, 600), 1000));
    QVERIFY(cache.take(credential(), 1010));
    QVERIFY(cache.take(credential(), 1020));
    QVERIFY(cache.store(credential(), token(u"tok-2"_s, 1100, 600), 1100));
    QVERIFY(cache.store(credential(u"other"_s), token(u"tok-3"_s, 1100, 600), 1100));
    // Another instance (another process) sees the same counts.
    TokenCacheFile again(path());
    const auto entry = again.entry(u"partner"_s);
    QVERIFY(entry);
    QCOMPARE(entry->hits, 2);
    QCOMPARE(entry->fetches, 2);
    QCOMPARE(entry->token.value, Secret(u"tok-2"_s));
    QCOMPARE(again.entries().size(), 2);
    // An edited credential starts over.
    OutboundCredential edited = credential();
    edited.scope = u"api:write"_s;
    QVERIFY(cache.store(edited, token(u"tok-4"_s, 1200, 600), 1200));
    QCOMPARE(again.entry(u"partner"_s)->fetches, 1);
    QCOMPARE(again.entry(u"partner"_s)->hits, 0);
    QCOMPARE(again.entry(u"partner"_s)->scope, u"api:write"_s);
}

void TestTokenCacheFile::dropForgetsOneCredential()
{
    TokenCacheFile cache(path());
    QVERIFY(cache.store(credential(), token(u"tok-1"_s, 1000, 600), 1000));
    QVERIFY(cache.store(credential(u"other"_s), token(u"tok-2"_s, 1000, 600), 1000));
    QVERIFY(cache.drop(u"Partner"_s));
    QVERIFY(!cache.drop(u"partner"_s));
    QVERIFY(!cache.take(credential(), 1010));
    QVERIFY(cache.take(credential(u"other"_s), 1010));
    QFile file(path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("tok-1"));
}

void TestTokenCacheFile::tokenWithoutLifetimeIsNotCached()
{
    TokenCacheFile cache(path());
    QVERIFY(!cache.store(credential(), token(u"tok-1"_s, 1000, 0), 1000));
    QVERIFY(!cache.take(credential(), 1000));
    QVERIFY(cache.takeWarnings().isEmpty());
}

void TestTokenCacheFile::folderOfOthersIsNotUsed()
{
    const QString folder = m_dir->filePath(u"appint"_s);
    QVERIFY(QDir().mkpath(folder));
    QCOMPARE(::chmod(QFile::encodeName(folder).constData(), 0755), 0);
    TokenCacheFile cache(path());
    QVERIFY(!cache.store(credential(), token(u"tok-1"_s, 1000, 600), 1000));
    QVERIFY(!QFile::exists(path()));
    const QStringList warnings = cache.takeWarnings();
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.first().contains(u"not a folder only you can use"_s), qPrintable(warnings.first()));
}

APPINT_TEST_MAIN(TestTokenCacheFile)
#include "TestTokenCacheFile.moc"
