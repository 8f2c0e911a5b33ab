#include "FaultInjectingSecretStore.h"
#include "HttpTestClient.h"
#include "TestMain.h"
#include "TestServer.h"
#include "TestUsers.h"

#include "credentials/TenantSignIn.h"
#include "keychain/KeychainKeys.h"
#include "keychain/SystemSecretStore.h"
#include "service/AdminSession.h"
#include "service/BrowserSignIn.h"
#include "service/TenantApi.h"
#include "service/TenantProfiles.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUuid>

#include <memory>

using namespace Qt::StringLiterals;
using appint::test::FaultInjectingSecretStore;

namespace appint {

// TenantSignIn, the flow behind the console's connect dialog and `appint
// login`: verified against a real appint-server on loopback, the secret in
// the real Secret Service of the test session, the profile in a settings file.
class TestTenantSignIn : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void savesSecretAndProfileOnceVerified();
    void wrongSecretSavesNothing();
    void keychainRefusalSavesNoProfile();
    void settingsFailureTakesTheSecretBack();
    void anotherClientIdReplacesTheEarlierLogin();
    void userSignInKeepsTheNewestRefreshToken();
    void refreshTokenRefusalTakesTheSecretBack();

private:
    TenantSignIn::Outcome signIn(const TenantProfile& profile, const QString& secret, SecretStore* store,
                                 QSettings* settings);
    KeychainResult keychainRead(const QString& key);
    TenantProfile profile(const QString& displayName = QString()) const;
    // A user signed in through the sign-in form with an Interactive Usage
    // client: the session acts with the user's refresh token.
    struct UserSignIn
    {
        TenantProfile profile;
        QString clientSecret;
        Secret refreshToken;
    };
    std::optional<UserSignIn> signInUser(const QString& userName);
    TenantSignIn::Outcome runUser(const UserSignIn& user, SecretStore* store, Secret* newest = nullptr);

    std::unique_ptr<test::TestServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
    QObject m_owner;
    SecretStore* m_store = nullptr;
    QNetworkAccessManager m_network;
};

void TestTenantSignIn::initTestCase()
{
    const QString dataHome = qEnvironmentVariable("XDG_DATA_HOME");
    if (dataHome.isEmpty() || !QDir(dataHome).canonicalPath().startsWith(QDir(QDir::tempPath()).canonicalPath())) {
        QFAIL("Run the credentials tests in the private test session: scripts/with-test-session.sh ctest -L "
              "credentials");
    }
    m_server = std::make_unique<test::TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
}

void TestTenantSignIn::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<QSettings>(m_dir->filePath(u"appint.conf"_s), QSettings::IniFormat);
    m_store = createSystemSecretStore(&m_owner, u"appint-test-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces));
}

void TestTenantSignIn::cleanup()
{
    for (const QString& clientId : {m_server->adminClientId(), u"other-admin"_s}) {
        bool finished = false;
        m_store->remove(KeychainKeys::tenantCredentials(profile().url, clientId), this,
                        [&finished](const KeychainResult&) { finished = true; });
        QTRY_VERIFY(finished);
    }
    delete m_store;
    m_store = nullptr;
    m_settings.reset();
    m_dir.reset();
}

TenantProfile TestTenantSignIn::profile(const QString& displayName) const
{
    return {TenantProfiles::normalizedUrl(m_server->baseUrl().toString()), m_server->adminClientId(), displayName};
}

TenantSignIn::Outcome TestTenantSignIn::signIn(const TenantProfile& profile, const QString& secret, SecretStore* store,
                                               QSettings* settings)
{
    AdminSession session(&m_network, QUrl(profile.url), profile.clientId, Secret(secret));
    TenantApi api(&session);
    std::optional<TenantSignIn::Outcome> outcome;
    TenantSignIn::run(&api, store, settings, profile, Secret(secret), this,
                      [&outcome](const TenantSignIn::Outcome& result) { outcome = result; });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 30'000); }();
    return outcome.value_or(TenantSignIn::Outcome{});
}

KeychainResult TestTenantSignIn::keychainRead(const QString& key)
{
    std::optional<KeychainResult> result;
    m_store->read(key, this, [&result](const KeychainResult& read) { result = read; });
    [&] { QTRY_VERIFY(result.has_value()); }();
    return result.value_or(KeychainResult{});
}

void TestTenantSignIn::savesSecretAndProfileOnceVerified()
{
    const TenantSignIn::Outcome outcome = signIn(profile(), m_server->adminSecret(), m_store, m_settings.get());
    QVERIFY2(outcome.ok(), qPrintable(outcome.verified.message + outcome.written.message + outcome.saved.message));
    // The display name comes from the tenant when none was given.
    QCOMPARE(outcome.profile.displayName, u"Test tenant"_s);
    QCOMPARE(TenantProfiles(m_settings.get()).profiles(), QList<TenantProfile>{outcome.profile});
    const KeychainResult stored = keychainRead(KeychainKeys::tenantCredentials(profile().url, profile().clientId));
    QVERIFY(stored.ok());
    QCOMPARE(stored.secret, m_server->adminSecret());
    QVERIFY(!outcome.replaced);
}

void TestTenantSignIn::wrongSecretSavesNothing()
{
    FaultInjectingSecretStore counting(m_store);
    const TenantSignIn::Outcome outcome = signIn(profile(), u"not-the-secret"_s, &counting, m_settings.get());
    QCOMPARE(outcome.failedAt, TenantSignIn::Step::Verify);
    QCOMPARE(outcome.verified.status, ResultStatus::Authentication);
    QCOMPARE(counting.callCount(FaultInjectingSecretStore::Operation::Write), 0);
    QVERIFY(TenantProfiles(m_settings.get()).profiles().isEmpty());
}

void TestTenantSignIn::keychainRefusalSavesNoProfile()
{
    FaultInjectingSecretStore refusing(m_store);
    refusing.fail(KeychainStatus::Locked, QString(), FaultInjectingSecretStore::Operation::Write);
    const TenantSignIn::Outcome outcome = signIn(profile(), m_server->adminSecret(), &refusing, m_settings.get());
    QCOMPARE(outcome.failedAt, TenantSignIn::Step::Keychain);
    QCOMPARE(outcome.written.status, KeychainStatus::Locked);
    QVERIFY(TenantProfiles(m_settings.get()).profiles().isEmpty());
}

void TestTenantSignIn::settingsFailureTakesTheSecretBack()
{
    // A settings file whose folder is a file: nothing can be written there.
    QFile blocker(m_dir->filePath(u"blocked"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QSettings broken(m_dir->filePath(u"blocked/appint.conf"_s), QSettings::IniFormat);

    const TenantSignIn::Outcome outcome = signIn(profile(), m_server->adminSecret(), m_store, &broken);
    QCOMPARE(outcome.failedAt, TenantSignIn::Step::Settings);
    QVERIFY2(outcome.saved.message.contains(u"cannot be written"_s), qPrintable(outcome.saved.message));
    QVERIFY(outcome.undone);
    QVERIFY(outcome.undone->ok());
    QCOMPARE(keychainRead(KeychainKeys::tenantCredentials(profile().url, profile().clientId)).status,
             KeychainStatus::NotFound);
}

void TestTenantSignIn::anotherClientIdReplacesTheEarlierLogin()
{
    // An earlier login of the same tenant with another admin client.
    const TenantProfile earlier{profile().url, u"other-admin"_s, u"Earlier"_s};
    QVERIFY(TenantProfiles(m_settings.get()).save(earlier).ok());
    bool written = false;
    m_store->write(KeychainKeys::tenantCredentials(earlier.url, earlier.clientId), u"earlier-secret"_s, this,
                   [&written](const KeychainResult& result) { written = result.ok(); });
    QTRY_VERIFY(written);

    const TenantSignIn::Outcome outcome = signIn(profile(u"Now"_s), m_server->adminSecret(), m_store, m_settings.get());
    QVERIFY(outcome.ok());
    QCOMPARE(outcome.profile.displayName, u"Now"_s);
    QVERIFY(outcome.replaced);
    QCOMPARE(outcome.replaced->clientId, u"other-admin"_s);
    QVERIFY(outcome.replacedRemoved && outcome.replacedRemoved->ok());
    QCOMPARE(keychainRead(KeychainKeys::tenantCredentials(earlier.url, earlier.clientId)).status,
             KeychainStatus::NotFound);
    QCOMPARE(TenantProfiles(m_settings.get()).profiles(), QList<TenantProfile>{outcome.profile});
}

namespace {
const QString UserPassword = u"a long credentials password 5"_s;
} // namespace

std::optional<TestTenantSignIn::UserSignIn> TestTenantSignIn::signInUser(const QString& userName)
{
    test::HttpTestClient http;
    if (test::TestUsers::create(*m_server, http, userName, UserPassword).isEmpty()) {
        return std::nullopt;
    }
    const QString admin = http.token(m_server->tokenUrl(), m_server->adminClientId(), m_server->adminSecret());
    const test::HttpTestReply client
        = http.postJson(m_server->url(u"/api/v1/clients"_s),
                        QJsonObject{{u"client_name"_s, QString(u"Sign-in "_s + userName)},
                                    {u"purpose"_s, u"interactive"_s},
                                    {u"redirect_uris"_s, QJsonArray{u"http://127.0.0.1/"_s}}},
                        admin);
    if (client.status != 201) {
        return std::nullopt;
    }
    UserSignIn user;
    user.profile = {TenantProfiles::normalizedUrl(m_server->baseUrl().toString()),
                    client.object().value(u"client_id"_s).toString(), QString(), userName};
    user.clientSecret = client.object().value(u"client_secret"_s).toString();
    BrowserSignIn signIn(&m_network);
    std::optional<Result<BrowserSignIn::Tokens>> tokens;
    connect(&signIn, &BrowserSignIn::authorizationUrlReady, this, [this, userName](const QUrl& url) {
        test::TestUsers::signInThroughForm(*m_server, url, userName, UserPassword);
    });
    connect(&signIn, &BrowserSignIn::finished, this,
            [&tokens](const Result<BrowserSignIn::Tokens>& result) { tokens = result; });
    signIn.start(QUrl(user.profile.url), user.profile.clientId, Secret(user.clientSecret), 0, 60'000);
    if (!QTest::qWaitFor([&tokens] { return tokens.has_value(); }, 60'000) || !tokens->ok()) {
        return std::nullopt;
    }
    user.refreshToken = tokens->value.refreshToken;
    return user;
}

TenantSignIn::Outcome TestTenantSignIn::runUser(const UserSignIn& user, SecretStore* store, Secret* newest)
{
    AdminSession session(&m_network, QUrl(user.profile.url), user.profile.clientId, Secret(user.clientSecret));
    session.setRefreshToken(user.refreshToken);
    TenantApi api(&session);
    std::optional<TenantSignIn::Outcome> outcome;
    TenantSignIn::run(&api, store, m_settings.get(), user.profile, Secret(user.clientSecret), this,
                      [&outcome](const TenantSignIn::Outcome& result) { outcome = result; });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 30'000); }();
    if (newest) {
        *newest = session.refreshToken();
    }
    return outcome.value_or(TenantSignIn::Outcome{});
}

void TestTenantSignIn::userSignInKeepsTheNewestRefreshToken()
{
    const std::optional<UserSignIn> user = signInUser(u"KEEPER"_s);
    QVERIFY(user);
    Secret newest;
    const TenantSignIn::Outcome outcome = runUser(*user, m_store, &newest);
    QVERIFY2(outcome.ok(), qPrintable(outcome.verified.message + outcome.written.message + outcome.saved.message));
    // Verifying renewed the access token, which rotated the refresh token:
    // the keychain holds the newest, not the retired one.
    QVERIFY(!(newest == user->refreshToken));
    const QString url = user->profile.url;
    const KeychainResult stored = keychainRead(KeychainKeys::refreshToken(url, user->profile.clientId));
    QVERIFY(stored.ok());
    QCOMPARE(stored.secret, newest.toString());
    QCOMPARE(keychainRead(KeychainKeys::tenantCredentials(url, user->profile.clientId)).secret, user->clientSecret);
    QCOMPARE(TenantProfiles(m_settings.get()).find(url)->userName, u"KEEPER"_s);

    // An administrator client's login of the same URL replaces the user's:
    // both of its keychain entries go.
    const TenantSignIn::Outcome admin = signIn(profile(), m_server->adminSecret(), m_store, m_settings.get());
    QVERIFY(admin.ok());
    QCOMPARE(admin.replaced->clientId, user->profile.clientId);
    QCOMPARE(keychainRead(KeychainKeys::refreshToken(url, user->profile.clientId)).status, KeychainStatus::NotFound);
    QCOMPARE(keychainRead(KeychainKeys::tenantCredentials(url, user->profile.clientId)).status,
             KeychainStatus::NotFound);
}

void TestTenantSignIn::refreshTokenRefusalTakesTheSecretBack()
{
    const std::optional<UserSignIn> user = signInUser(u"REFUSED"_s);
    QVERIFY(user);
    // The client secret is written; the refresh token's write is refused.
    test::FaultInjectingSecretStore refusing(m_store);
    refusing.stall(test::FaultInjectingSecretStore::Operation::Write);
    std::optional<TenantSignIn::Outcome> outcome;
    AdminSession session(&m_network, QUrl(user->profile.url), user->profile.clientId, Secret(user->clientSecret));
    session.setRefreshToken(user->refreshToken);
    TenantApi api(&session);
    TenantSignIn::run(&api, &refusing, m_settings.get(), user->profile, Secret(user->clientSecret), this,
                      [&outcome](const TenantSignIn::Outcome& result) { outcome = result; });
    QTRY_COMPARE_WITH_TIMEOUT(refusing.stalledCount(), 1, 30'000);
    QCOMPARE(refusing.releaseStalled(KeychainResult::success()), 1);
    QTRY_COMPARE(refusing.stalledCount(), 1);
    QCOMPARE(refusing.releaseStalled(KeychainResult::failure(KeychainStatus::Locked)), 1);
    QTRY_VERIFY(outcome.has_value());
    QCOMPARE(outcome->failedAt, TenantSignIn::Step::Keychain);
    QCOMPARE(outcome->written.status, KeychainStatus::Locked);
    QVERIFY(outcome->undone && outcome->undone->ok());
    QCOMPARE(refusing.keys(test::FaultInjectingSecretStore::Operation::Remove),
             QStringList{KeychainKeys::tenantCredentials(user->profile.url, user->profile.clientId)});
    QVERIFY(!TenantProfiles(m_settings.get()).find(user->profile.url));
}

} // namespace appint

APPINT_TEST_MAIN(appint::TestTenantSignIn)
#include "TestTenantSignIn.moc"
