#include "TestMain.h"

#include "keychain/KeychainKeys.h"
#include "keychain/QtKeychainSecretStore.h"
#include "keychain/SystemSecretStore.h"

#include <QDir>
#include <QProcess>
#include <QUuid>

#include <optional>

using namespace Qt::StringLiterals;
using namespace appint;

namespace {

// Runs one store call and waits for its answer (the watchdog bounds the wait).
template <typename Start>
std::optional<KeychainResult> await(Start start)
{
    QObject context;
    std::optional<KeychainResult> result;
    int calls = 0;
    start(&context, [&](const KeychainResult& answer) {
        result = answer;
        ++calls;
    });
    if (result) {
        return std::nullopt; // answered from inside the call: a contract violation
    }
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 30'000)) {
        return std::nullopt;
    }
    return calls == 1 ? result : std::nullopt;
}

bool isOk(const std::optional<KeychainResult>& result)
{
    if (result && !result->ok()) {
        qWarning("%s", qPrintable(result->message));
    }
    return result && result->ok();
}

struct ToolResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

ToolResult secretTool(const QStringList& arguments)
{
    QProcess process;
    process.start(u"secret-tool"_s, arguments);
    process.closeWriteChannel();
    process.waitForFinished(60'000);
    return ToolResult{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                      process.readAllStandardOutput(), process.readAllStandardError()};
}

// "attribute.user = ..." lines of `secret-tool search --all`, one map per item.
QList<QMap<QString, QString>> searchItems(const QString& service)
{
    const ToolResult result = secretTool({u"search"_s, u"--all"_s, u"server"_s, service});
    QList<QMap<QString, QString>> items;
    const QString text = QString::fromUtf8(result.out + '\n' + result.err);
    for (const QString& line : text.split(u'\n')) {
        if (line.startsWith(u'[')) {
            items.append(QMap<QString, QString>());
            continue;
        }
        const qsizetype equals = line.indexOf(u" = "_s);
        if (equals > 0 && !items.isEmpty()) {
            items.last().insert(line.left(equals), line.mid(equals + 3));
        }
    }
    return items;
}

QString longSecret()
{
    QString secret;
    for (int i = 0; secret.size() < 65'536; ++i) {
        secret += QString::number(i, 36) + u"-ä€𝄞-"_s;
    }
    return secret;
}

} // namespace

// The QtKeychain store against a real Secret Service: the gnome-keyring of the
// private D-Bus session that scripts/with-test-session.sh starts. Every test
// uses its own service name, so parallel suites and reruns never collide.
class TestSecretServiceStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void roundTrip_data();
    void roundTrip();
    void secretToolSeesWhatWasStored();
    void overwriteKeepsOneItem();
    void removeDeletesAndIsIdempotent();
    void readOfMissingEntryIsNotFound();
    void invalidWritesStoreNothing_data();
    void invalidWritesStoreNothing();
    void destroyedContextGetsNothing();
    void storesAreSeparatedByService();

private:
    QString m_service;
    SecretStore* m_store = nullptr;
};

void TestSecretServiceStore::initTestCase()
{
    // Never the developer's own keyring: with-test-session.sh points the data
    // folder (where gnome-keyring keeps its files) into a temporary tree.
    const QString dataHome = qEnvironmentVariable("XDG_DATA_HOME");
    if (dataHome.isEmpty() || !QDir(dataHome).canonicalPath().startsWith(QDir(QDir::tempPath()).canonicalPath())) {
        QFAIL("Run the keychain tests in a private session: scripts/with-test-session.sh ctest -L keychain");
    }
    const ToolResult ping = secretTool({u"search"_s, u"server"_s, u"appint-no-such-service"_s});
    QVERIFY2(ping.exitCode >= 0, "secret-tool (libsecret-tools) must be installed");
}

void TestSecretServiceStore::init()
{
    m_service = u"appint-test-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_store = createSystemSecretStore(this, m_service);
}

void TestSecretServiceStore::cleanup()
{
    secretTool({u"clear"_s, u"server"_s, m_service});
    delete m_store;
    m_store = nullptr;
}

void TestSecretServiceStore::roundTrip_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("secret");
    QTest::newRow("ascii") << KeychainKeys::clientSecret(u"https://tenant.example", u"c1") << u"s3cr3t-Value_1"_s;
    QTest::newRow("unicode") << KeychainKeys::outboundCredential(u"Zähler ✓") << u"pässwörd 🔑 秘密 ✓"_s;
    QTest::newRow("shell and quotes") << KeychainKeys::outboundCredential(u"nasty")
                                      << u"a b\t\"c\" 'd' $HOME `id` \\ ; | &"_s;
    QTest::newRow("newlines") << KeychainKeys::outboundCredential(u"lines") << u"line 1\nline 2\r\n"_s;
    QTest::newRow("long") << KeychainKeys::tenantCredentials(u"https://tenant.example", u"admin") << longSecret();
}

void TestSecretServiceStore::roundTrip()
{
    QFETCH(QString, key);
    QFETCH(QString, secret);

    std::optional<KeychainResult> written = await([&](QObject* c, auto cb) { m_store->write(key, secret, c, cb); });
    QVERIFY(written);
    QVERIFY2(written->ok(), qPrintable(written->message));

    std::optional<KeychainResult> read = await([&](QObject* c, auto cb) { m_store->read(key, c, cb); });
    QVERIFY(read);
    QVERIFY2(read->ok(), qPrintable(read->message));
    QCOMPARE(read->secret.size(), secret.size());
    QCOMPARE(read->secret, secret);

    // What the Secret Service holds is the secret itself, as UTF-8.
    const ToolResult lookup = secretTool({u"lookup"_s, u"server"_s, m_service, u"user"_s, key});
    QCOMPARE(lookup.exitCode, 0);
    QCOMPARE(lookup.out, secret.toUtf8());
}

void TestSecretServiceStore::secretToolSeesWhatWasStored()
{
    const QString key = KeychainKeys::tenantCredentials(u"https://tenant.example", u"sb-admin");
    std::optional<KeychainResult> written = await([&](QObject* c, auto cb) { m_store->write(key, u"pw-1"_s, c, cb); });
    QVERIFY(written && written->ok());

    const QList<QMap<QString, QString>> items = searchItems(m_service);
    QCOMPARE(items.size(), 1);
    const QMap<QString, QString>& item = items.first();
    QCOMPARE(item.value(u"attribute.server"_s), m_service);
    QCOMPARE(item.value(u"attribute.user"_s), u"tenant:https://tenant.example:sb-admin"_s);
    QCOMPARE(item.value(u"attribute.type"_s), u"plaintext"_s);
    QCOMPARE(item.value(u"schema"_s), u"org.qt.keychain"_s);
    QCOMPARE(item.value(u"label"_s), m_service);
    QCOMPARE(item.value(u"secret"_s), u"pw-1"_s);
    // Nothing else: no probe entry left behind, no second copy.
    for (const QMap<QString, QString>& each : items) {
        QVERIFY(!KeychainKeys::isProbe(each.value(u"attribute.user"_s)));
    }
}

void TestSecretServiceStore::overwriteKeepsOneItem()
{
    const QString key = KeychainKeys::clientSecret(u"https://tenant.example", u"c2");
    QVERIFY(isOk(await([&](QObject* c, auto cb) { m_store->write(key, u"first"_s, c, cb); })));
    QVERIFY(isOk(await([&](QObject* c, auto cb) { m_store->write(key, u"second"_s, c, cb); })));
    std::optional<KeychainResult> read = await([&](QObject* c, auto cb) { m_store->read(key, c, cb); });
    QVERIFY(read && read->ok());
    QCOMPARE(read->secret, u"second"_s);
    const QList<QMap<QString, QString>> items = searchItems(m_service);
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.first().value(u"secret"_s), u"second"_s);
}

void TestSecretServiceStore::removeDeletesAndIsIdempotent()
{
    const QString key = KeychainKeys::clientSecret(u"https://tenant.example", u"c3");
    const QString other = KeychainKeys::clientSecret(u"https://tenant.example", u"c4");
    QVERIFY(isOk(await([&](QObject* c, auto cb) { m_store->write(key, u"gone soon"_s, c, cb); })));
    QVERIFY(isOk(await([&](QObject* c, auto cb) { m_store->write(other, u"stays"_s, c, cb); })));

    std::optional<KeychainResult> removed = await([&](QObject* c, auto cb) { m_store->remove(key, c, cb); });
    QVERIFY(removed);
    QVERIFY2(removed->ok(), qPrintable(removed->message));
    QCOMPARE(secretTool({u"lookup"_s, u"server"_s, m_service, u"user"_s, key}).exitCode, 1);
    QCOMPARE(secretTool({u"lookup"_s, u"server"_s, m_service, u"user"_s, other}).out, QByteArray("stays"));

    std::optional<KeychainResult> read = await([&](QObject* c, auto cb) { m_store->read(key, c, cb); });
    QVERIFY(read);
    QCOMPARE(read->status, KeychainStatus::NotFound);

    // Forgetting what is not there is not an error ("Forget this tenant" twice).
    std::optional<KeychainResult> again = await([&](QObject* c, auto cb) { m_store->remove(key, c, cb); });
    QVERIFY(again);
    QVERIFY2(again->ok(), qPrintable(again->message));
    QCOMPARE(searchItems(m_service).size(), 1);
}

void TestSecretServiceStore::readOfMissingEntryIsNotFound()
{
    std::optional<KeychainResult> read
        = await([&](QObject* c, auto cb) { m_store->read(KeychainKeys::outboundCredential(u"never"), c, cb); });
    QVERIFY(read);
    QCOMPARE(read->status, KeychainStatus::NotFound);
    QCOMPARE(read->message, u"No secret is saved in the system keychain for this entry."_s);
    QVERIFY(read->secret.isEmpty());
    // The lock probe cleaned up after itself.
    QCOMPARE(searchItems(m_service).size(), 0);
}

void TestSecretServiceStore::invalidWritesStoreNothing_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty secret") << u"outbound:a"_s << QString()
                                  << u"The system keychain reported an error: an empty secret cannot be saved"_s;
    QTest::newRow("nul") << u"outbound:a"_s << (u"abc"_s + QChar(0) + u"def"_s)
                         << u"The system keychain reported an error: the secret contains a NUL character"_s;
    QTest::newRow("no key") << QString() << u"x"_s << u"The system keychain reported an error: the entry has no name"_s;
}

void TestSecretServiceStore::invalidWritesStoreNothing()
{
    QFETCH(QString, key);
    QFETCH(QString, secret);
    QFETCH(QString, message);
    std::optional<KeychainResult> written = await([&](QObject* c, auto cb) { m_store->write(key, secret, c, cb); });
    QVERIFY(written);
    QCOMPARE(written->status, KeychainStatus::Other);
    QCOMPARE(written->message, message);
    QCOMPARE(searchItems(m_service).size(), 0);
}

void TestSecretServiceStore::destroyedContextGetsNothing()
{
    const QString key = KeychainKeys::outboundCredential(u"ctx");
    int calls = 0;
    {
        QObject context;
        m_store->write(key, u"value"_s, &context, [&calls](const KeychainResult&) { ++calls; });
    }
    // QtKeychain runs jobs one after the other: once this read has answered,
    // the write before it has finished too.
    std::optional<KeychainResult> read = await([&](QObject* c, auto cb) { m_store->read(key, c, cb); });
    QVERIFY(read);
    QVERIFY2(read->ok(), qPrintable(read->message)); // the write itself was carried out
    QCOMPARE(read->secret, u"value"_s);
    QCOMPARE(calls, 0);
}

void TestSecretServiceStore::storesAreSeparatedByService()
{
    const QString key = KeychainKeys::outboundCredential(u"shared-name");
    QVERIFY(isOk(await([&](QObject* c, auto cb) { m_store->write(key, u"mine"_s, c, cb); })));
    const QString otherService = m_service + u"-other"_s;
    QtKeychainSecretStore other(otherService);
    std::optional<KeychainResult> read = await([&](QObject* c, auto cb) { other.read(key, c, cb); });
    QVERIFY(read);
    QCOMPARE(read->status, KeychainStatus::NotFound);
    QCOMPARE(searchItems(otherService).size(), 0);
}

APPINT_TEST_MAIN(TestSecretServiceStore)
#include "TestSecretServiceStore.moc"
