#include "FaultInjectingSecretStore.h"
#include "TestMain.h"

#include "credentials/OutboundCredentialStore.h"
#include "keychain/KeychainKeys.h"
#include "keychain/SystemSecretStore.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QUuid>

#include <memory>

using namespace Qt::StringLiterals;
using appint::test::FaultInjectingSecretStore;

namespace appint {

// OutboundCredentialStore, the flows behind the console's "Outbound
// Credentials" page and `appint token --credential`: the secrets in the real
// Secret Service of the test session, the rest in a settings file.
class TestOutboundCredentialStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void savesAndReadsBothSecrets();
    void readingAMissingSecretSaysNotFound();
    void renameRemovesTheOldEntryLast();
    void keychainRefusalSavesNothing();
    void settingsFailureTakesTheNewSecretBack();
    void editSettingsFailurePutsTheOldSecretBack();
    void removeTakesSecretAndSettings();

private:
    OutboundCredential credential(const QString& name, const QString& scope = QString()) const;
    OutboundCredentialStore::SaveOutcome save(OutboundCredentialStore& store, const OutboundCredential& credential,
                                              const QString& secret, const QString& previousName = QString());
    OutboundCredentialStore::SecretsOutcome readSecrets(const OutboundCredentialStore& store, const QString& name);
    KeychainResult keychainRead(const QString& name);
    // Turns the settings file's folder into a file: nothing can be written.
    void blockSettings();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
    QObject m_owner;
    SecretStore* m_store = nullptr;
};

void TestOutboundCredentialStore::initTestCase()
{
    const QString dataHome = qEnvironmentVariable("XDG_DATA_HOME");
    if (dataHome.isEmpty() || !QDir(dataHome).canonicalPath().startsWith(QDir(QDir::tempPath()).canonicalPath())) {
        QFAIL("Run the credentials tests in the private test session: scripts/with-test-session.sh ctest -L "
              "credentials");
    }
}

void TestOutboundCredentialStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir(m_dir->path()).mkpath(u"config"_s));
    m_settings = std::make_unique<QSettings>(m_dir->filePath(u"config/appint.conf"_s), QSettings::IniFormat);
    m_store = createSystemSecretStore(&m_owner, u"appint-test-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces));
}

void TestOutboundCredentialStore::cleanup()
{
    for (const QString& name : {u"orders"_s, u"billing"_s}) {
        bool finished = false;
        m_store->remove(KeychainKeys::outboundCredential(name), this,
                        [&finished](const KeychainResult&) { finished = true; });
        QTRY_VERIFY(finished);
    }
    delete m_store;
    m_store = nullptr;
    m_settings.reset();
    m_dir.reset();
}

OutboundCredential TestOutboundCredentialStore::credential(const QString& name, const QString& scope) const
{
    OutboundCredential credential;
    credential.name = name;
    credential.tokenServiceUrl = u"https://tokens.example/oauth/token"_s;
    credential.clientId = u"orders-client"_s;
    credential.scope = scope;
    return credential;
}

OutboundCredentialStore::SaveOutcome TestOutboundCredentialStore::save(OutboundCredentialStore& store,
                                                                       const OutboundCredential& credential,
                                                                       const QString& secret,
                                                                       const QString& previousName)
{
    OutboundSecrets secrets;
    secrets.clientSecret = Secret(secret);
    std::optional<OutboundCredential> original;
    if (!previousName.isEmpty()) {
        original = store.settings().find(previousName);
    }
    std::optional<OutboundCredentialStore::SaveOutcome> outcome;
    store.save(credential, secrets, previousName, original, this,
               [&outcome](const OutboundCredentialStore::SaveOutcome& result) { outcome = result; });
    [&] { QTRY_VERIFY(outcome.has_value()); }();
    return outcome.value_or(OutboundCredentialStore::SaveOutcome{});
}

OutboundCredentialStore::SecretsOutcome TestOutboundCredentialStore::readSecrets(const OutboundCredentialStore& store,
                                                                                 const QString& name)
{
    std::optional<OutboundCredentialStore::SecretsOutcome> outcome;
    store.readSecrets(name, this,
                      [&outcome](const OutboundCredentialStore::SecretsOutcome& result) { outcome = result; });
    [&] { QTRY_VERIFY(outcome.has_value()); }();
    return outcome.value_or(OutboundCredentialStore::SecretsOutcome{});
}

KeychainResult TestOutboundCredentialStore::keychainRead(const QString& name)
{
    std::optional<KeychainResult> result;
    m_store->read(KeychainKeys::outboundCredential(name), this,
                  [&result](const KeychainResult& read) { result = read; });
    [&] { QTRY_VERIFY(result.has_value()); }();
    return result.value_or(KeychainResult{});
}

void TestOutboundCredentialStore::blockSettings()
{
    const QString folder = m_dir->filePath(u"config"_s);
    QVERIFY(QDir(folder).removeRecursively());
    QFile blocker(folder);
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
}

void TestOutboundCredentialStore::savesAndReadsBothSecrets()
{
    OutboundCredentialStore store(m_settings.get(), m_store);
    OutboundSecrets secrets;
    secrets.clientSecret = Secret(u"client-secret-1"_s);
    secrets.tokenServicePassword = Secret(u"password-1"_s);
    std::optional<OutboundCredentialStore::SaveOutcome> saved;
    store.save(credential(u"orders"_s), secrets, QString(), std::nullopt, this,
               [&saved](const OutboundCredentialStore::SaveOutcome& result) { saved = result; });
    QTRY_VERIFY(saved.has_value());
    QVERIFY2(saved->ok(), qPrintable(saved->keychain.message + saved->saved.message));
    QVERIFY(!saved->oldRemoved);
    QCOMPARE(store.settings().names(), QStringList{u"orders"_s});

    const OutboundCredentialStore::SecretsOutcome read = readSecrets(store, u"orders"_s);
    QVERIFY(read.ok());
    QVERIFY(read.read.secret.isEmpty()); // only in `secrets`
    QCOMPARE(read.secrets.clientSecret.toString(), u"client-secret-1"_s);
    QCOMPARE(read.secrets.tokenServicePassword.toString(), u"password-1"_s);
}

void TestOutboundCredentialStore::readingAMissingSecretSaysNotFound()
{
    const OutboundCredentialStore store(m_settings.get(), m_store);
    const OutboundCredentialStore::SecretsOutcome read = readSecrets(store, u"orders"_s);
    QVERIFY(!read.ok());
    QCOMPARE(read.read.status, KeychainStatus::NotFound);
}

void TestOutboundCredentialStore::renameRemovesTheOldEntryLast()
{
    OutboundCredentialStore store(m_settings.get(), m_store);
    QVERIFY(save(store, credential(u"orders"_s), u"secret-1"_s).ok());
    const OutboundCredentialStore::SaveOutcome renamed
        = save(store, credential(u"billing"_s), u"secret-2"_s, u"orders"_s);
    QVERIFY(renamed.ok());
    QVERIFY(renamed.oldRemoved && renamed.oldRemoved->ok());
    QCOMPARE(store.settings().names(), QStringList{u"billing"_s});
    QCOMPARE(keychainRead(u"orders"_s).status, KeychainStatus::NotFound);
    QCOMPARE(keychainRead(u"billing"_s).secret, u"secret-2"_s);
}

void TestOutboundCredentialStore::keychainRefusalSavesNothing()
{
    FaultInjectingSecretStore refusing(m_store);
    refusing.fail(KeychainStatus::Locked, QString(), FaultInjectingSecretStore::Operation::Write);
    OutboundCredentialStore store(m_settings.get(), &refusing);
    const OutboundCredentialStore::SaveOutcome outcome = save(store, credential(u"orders"_s), u"secret-1"_s);
    QCOMPARE(outcome.failedAt, OutboundCredentialStore::Step::KeychainWrite);
    QCOMPARE(outcome.keychain.status, KeychainStatus::Locked);
    QVERIFY(store.settings().names().isEmpty());
}

void TestOutboundCredentialStore::settingsFailureTakesTheNewSecretBack()
{
    blockSettings();
    QSettings broken(m_dir->filePath(u"config/appint.conf"_s), QSettings::IniFormat);
    OutboundCredentialStore store(&broken, m_store);
    const OutboundCredentialStore::SaveOutcome outcome = save(store, credential(u"orders"_s), u"secret-1"_s);
    QCOMPARE(outcome.failedAt, OutboundCredentialStore::Step::Settings);
    QVERIFY2(outcome.saved.message.contains(u"cannot be written"_s), qPrintable(outcome.saved.message));
    QVERIFY(outcome.undone && outcome.undone->ok());
    QCOMPARE(keychainRead(u"orders"_s).status, KeychainStatus::NotFound);
    QVERIFY(store.settings().names().isEmpty());
}

void TestOutboundCredentialStore::editSettingsFailurePutsTheOldSecretBack()
{
    OutboundCredentialStore store(m_settings.get(), m_store);
    QVERIFY(save(store, credential(u"orders"_s), u"secret-1"_s).ok());
    const std::optional<OutboundCredential> original = store.settings().find(u"orders"_s);
    blockSettings();
    OutboundSecrets secrets;
    secrets.clientSecret = Secret(u"secret-2"_s);
    std::optional<OutboundCredentialStore::SaveOutcome> saved;
    store.save(credential(u"orders"_s, u"changed"_s), secrets, u"orders"_s, original, this,
               [&saved](const OutboundCredentialStore::SaveOutcome& result) { saved = result; });
    QTRY_VERIFY(saved.has_value());
    const OutboundCredentialStore::SaveOutcome outcome = *saved;
    QCOMPARE(outcome.failedAt, OutboundCredentialStore::Step::Settings);
    QVERIFY(outcome.undone && outcome.undone->ok());
    QCOMPARE(keychainRead(u"orders"_s).secret, u"secret-1"_s);
    // The settings in memory hold the credential as it was.
    QCOMPARE(store.settings().find(u"orders"_s)->scope, QString());
}

void TestOutboundCredentialStore::removeTakesSecretAndSettings()
{
    OutboundCredentialStore store(m_settings.get(), m_store);
    QVERIFY(save(store, credential(u"orders"_s), u"secret-1"_s).ok());
    std::optional<OutboundCredentialStore::RemoveOutcome> removed;
    store.remove(credential(u"orders"_s), this,
                 [&removed](const OutboundCredentialStore::RemoveOutcome& result) { removed = result; });
    QTRY_VERIFY(removed.has_value());
    QVERIFY(removed->ok());
    QVERIFY(store.settings().names().isEmpty());
    QCOMPARE(keychainRead(u"orders"_s).status, KeychainStatus::NotFound);

    // The settings cannot be written: the secret goes back.
    QVERIFY(save(store, credential(u"orders"_s), u"secret-1"_s).ok());
    blockSettings();
    QSettings broken(m_dir->filePath(u"config/appint.conf"_s), QSettings::IniFormat);
    OutboundCredentialSettings(&broken).save(credential(u"orders"_s)); // in memory only
    OutboundCredentialStore brokenStore(&broken, m_store);
    removed.reset();
    brokenStore.remove(credential(u"orders"_s), this,
                       [&removed](const OutboundCredentialStore::RemoveOutcome& result) { removed = result; });
    QTRY_VERIFY(removed.has_value());
    QCOMPARE(removed->failedAt, OutboundCredentialStore::Step::Settings);
    QVERIFY2(removed->removed.message.contains(u"cannot be written"_s), qPrintable(removed->removed.message));
    QVERIFY(removed->restored && removed->restored->ok());
    QCOMPARE(keychainRead(u"orders"_s).secret, u"secret-1"_s);
}

} // namespace appint

APPINT_TEST_MAIN(appint::TestOutboundCredentialStore)
#include "TestOutboundCredentialStore.moc"
