#include "TestMain.h"

#include "KeychainSessionRunner.h"
#include "keychain/KeychainKeys.h"

#include <QUuid>

using namespace Qt::StringLiterals;
using namespace appint;
using appint::test::KeychainSessionRunner;
using Mode = KeychainSessionRunner::Mode;

Q_DECLARE_METATYPE(appint::test::KeychainSessionRunner::Mode)

namespace {
const QString Password = u"appint-right-password"_s;

QString status(const KeychainSessionRunner::Result& result)
{
    return result.json.value(u"status"_s).toString();
}

QString message(const KeychainSessionRunner::Result& result)
{
    return result.json.value(u"message"_s).toString();
}

QByteArray describe(const KeychainSessionRunner::Result& result)
{
    return "exit " + QByteArray::number(result.exitCode) + "\nstdout: " + result.standardOutput
        + "\nstderr: " + result.standardError;
}

QString canary()
{
    return u"appint-canary-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces) + u"-ü"_s;
}
} // namespace

// The keychain in states the shared test session cannot show without
// disturbing other suites: each case runs appint-keychain-probe (the
// application's own store) in a D-Bus session of its own, with HOME and the
// XDG folders in a fresh temporary tree (KeychainSessionRunner).
class TestKeychainSessions : public QObject
{
    Q_OBJECT

private slots:
    void noServiceWritesNothingAnywhere_data();
    void noServiceWritesNothingAnywhere();
    void unlockedKeyringKeepsSecretsEncrypted();
    void lockedKeyringIsNotMistakenForEmpty_data();
    void lockedKeyringIsNotMistakenForEmpty();
    void stalledServiceTimesOut_data();
    void stalledServiceTimesOut();
};

void TestKeychainSessions::noServiceWritesNothingAnywhere_data()
{
    QTest::addColumn<QString>("operation");
    QTest::newRow("write") << u"write"_s;
    QTest::newRow("read") << u"read"_s;
    QTest::newRow("remove") << u"remove"_s;
}

void TestKeychainSessions::noServiceWritesNothingAnywhere()
{
    QFETCH(QString, operation);
    KeychainSessionRunner session;
    QVERIFY(session.isValid());
    QCOMPARE(session.files(), QStringList());

    const QString secret = canary();
    const QString key = KeychainKeys::clientSecret(u"https://tenant.example", u"c1");
    const KeychainSessionRunner::Result result
        = session.probe(Mode::NoService, QString(), {operation, key}, secret.toUtf8());
    QVERIFY2(result.finished && result.exitCode == 0, describe(result).constData());
    QCOMPARE(status(result), u"no_service"_s);
    QVERIFY2(message(result).startsWith(u"No system keychain is available (The name org.freedesktop.secrets"_s),
             qPrintable(message(result)));
    QVERIFY(!result.collectionLocked.has_value());

    // No plain-text fallback: not a single file appeared in HOME, the XDG
    // folders or TMPDIR, and the secret is in no file and in no output.
    QCOMPARE(session.files(), QStringList());
    QCOMPARE(session.filesContaining(secret.toUtf8()), QStringList());
    QVERIFY(!result.standardOutput.contains(secret.toUtf8()));
    QVERIFY(!result.standardError.contains(secret.toUtf8()));
}

void TestKeychainSessions::unlockedKeyringKeepsSecretsEncrypted()
{
    KeychainSessionRunner session;
    QVERIFY(session.isValid());
    const QString secret = canary();
    const QString key = KeychainKeys::outboundCredential(u"encrypted");

    const auto written = session.probe(Mode::Unlocked, Password, {u"write"_s, key}, secret.toUtf8());
    QVERIFY2(status(written) == u"ok"_s, describe(written).constData());
    QCOMPARE(written.collectionLocked, std::optional<bool>(false));

    const auto read = session.probe(Mode::Unlocked, Password, {u"read"_s, key});
    QVERIFY2(status(read) == u"ok"_s, describe(read).constData());
    QCOMPARE(read.json.value(u"secret"_s).toString(), secret);

    // The keyring file exists, and the secret is not readable in it.
    QVERIFY2(session.files().contains(u"data/keyrings/login.keyring"_s), qPrintable(session.files().join(u' ')));
    QCOMPARE(session.filesContaining(secret.toUtf8()), QStringList());
}

void TestKeychainSessions::lockedKeyringIsNotMistakenForEmpty_data()
{
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<QString>("password");
    QTest::newRow("locked through Lock()") << Mode::Locked << Password;
    // environment.md: "a keyring locked with a wrong password reads as error 1".
    QTest::newRow("opened with a wrong password") << Mode::Unlocked << u"a-wrong-password"_s;
}

void TestKeychainSessions::lockedKeyringIsNotMistakenForEmpty()
{
    QFETCH(Mode, mode);
    QFETCH(QString, password);
    KeychainSessionRunner session;
    QVERIFY(session.isValid());
    const QString secret = canary();
    const QString key = KeychainKeys::tenantCredentials(u"https://tenant.example", u"admin");
    const QString missing = KeychainKeys::tenantCredentials(u"https://tenant.example", u"nobody");
    const QString newKey = KeychainKeys::clientSecret(u"https://tenant.example", u"c9");

    const auto stored = session.probe(Mode::Unlocked, Password, {u"write"_s, key}, secret.toUtf8());
    QVERIFY2(status(stored) == u"ok"_s, describe(stored).constData());

    // The precondition, checked independently of the store: the collection is locked.
    const auto readStored = session.probe(mode, password, {u"read"_s, key});
    QCOMPARE(readStored.collectionLocked, std::optional<bool>(true));
    QVERIFY2(status(readStored) == u"locked"_s, describe(readStored).constData());
    QCOMPARE(message(readStored), u"The keychain is locked. Unlock it and try again."_s);
    QVERIFY(!readStored.json.contains(u"secret"_s));

    // QtKeychain says "Entry not found" for this one too; the probe knows better.
    const auto readMissing = session.probe(mode, password, {u"read"_s, missing});
    QVERIFY2(status(readMissing) == u"locked"_s, describe(readMissing).constData());

    const auto write = session.probe(mode, password, {u"write"_s, newKey}, "new secret");
    QVERIFY2(status(write) == u"locked"_s, describe(write).constData());

    // libsecret reports success for a delete in a locked collection and keeps
    // the item: the store must not claim it was removed.
    const auto removed = session.probe(mode, password, {u"remove"_s, key});
    QVERIFY2(status(removed) == u"locked"_s, describe(removed).constData());

    // Unlocked again: the stored secret is intact, nothing was half-saved.
    const auto after = session.probe(Mode::Unlocked, Password, {u"read"_s, key});
    QCOMPARE(after.collectionLocked, std::optional<bool>(false));
    QVERIFY2(status(after) == u"ok"_s, describe(after).constData());
    QCOMPARE(after.json.value(u"secret"_s).toString(), secret);
    const auto notWritten = session.probe(Mode::Unlocked, Password, {u"read"_s, newKey});
    QCOMPARE(status(notWritten), u"not_found"_s);
}

void TestKeychainSessions::stalledServiceTimesOut_data()
{
    QTest::addColumn<QString>("operation");
    QTest::newRow("read") << u"read"_s;
    QTest::newRow("write") << u"write"_s;
    QTest::newRow("remove") << u"remove"_s;
}

void TestKeychainSessions::stalledServiceTimesOut()
{
    QFETCH(QString, operation);
    KeychainSessionRunner session;
    QVERIFY(session.isValid());
    const QString secret = canary();
    // A Secret Service that never answers: libsecret would wait 25 s for D-Bus
    // to give up; the watchdog answers first.
    const auto result = session.probe(Mode::Stalled, QString(),
                                      {u"--timeout-ms"_s, u"300"_s, operation, KeychainKeys::outboundCredential(u"x")},
                                      secret.toUtf8());
    QVERIFY2(result.finished && result.exitCode == 0, describe(result).constData());
    QCOMPARE(status(result), u"timeout"_s);
    QVERIFY2(message(result).startsWith(u"The system keychain did not answer within"_s), qPrintable(message(result)));
    QCOMPARE(session.files(), QStringList());
}

APPINT_TEST_MAIN(TestKeychainSessions)
#include "TestKeychainSessions.moc"
