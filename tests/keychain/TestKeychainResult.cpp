#include "TestMain.h"

#include "keychain/QtKeychainSecretStore.h"

using namespace Qt::StringLiterals;
using namespace appint;

Q_DECLARE_METATYPE(QKeychain::Error)
Q_DECLARE_METATYPE(appint::KeychainStatus)

// What QtKeychain errors mean for people. The detail strings are the ones
// measured on this system (environment.md, docs/keychain.md).
class TestKeychainResult : public QObject
{
    Q_OBJECT

private slots:
    void mapping_data();
    void mapping();
    void messages_data();
    void messages();
    void timeoutMessage();
    void statusIds();
};

void TestKeychainResult::mapping_data()
{
    QTest::addColumn<QKeychain::Error>("error");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<KeychainStatus>("status");

    QTest::newRow("ok") << QKeychain::NoError << QString() << KeychainStatus::Ok;
    QTest::newRow("not found") << QKeychain::EntryNotFound << u"Entry not found"_s << KeychainStatus::NotFound;
    QTest::newRow("no secret service") << QKeychain::OtherError
                                       << u"The name org.freedesktop.secrets was not provided by any .service files"_s
                                       << KeychainStatus::NoService;
    QTest::newRow("no session bus") << QKeychain::OtherError << u"Could not connect: No such file or directory"_s
                                    << KeychainStatus::NoService;
    QTest::newRow("no bus, no display") << QKeychain::OtherError << u"Cannot autolaunch D-Bus without X11 $DISPLAY"_s
                                        << KeychainStatus::NoService;
    QTest::newRow("no default keyring")
        << QKeychain::OtherError << u"Object does not exist at path “/org/freedesktop/secrets/collection/login”"_s
        << KeychainStatus::NoService;
    QTest::newRow("kwallet not running")
        << QKeychain::OtherError
        << u"Could not open wallet: org.freedesktop.DBus.Error.ServiceUnknown; The name is not activatable"_s
        << KeychainStatus::NoService;
    QTest::newRow("no backend") << QKeychain::NoBackendAvailable << u"No keychain service available"_s
                                << KeychainStatus::NoService;
    QTest::newRow("not implemented") << QKeychain::NotImplemented << QString() << KeychainStatus::NoService;
    QTest::newRow("locked collection") << QKeychain::AccessDenied << u"Cannot create an item in a locked collection"_s
                                       << KeychainStatus::Locked;
    QTest::newRow("kwallet denied") << QKeychain::AccessDenied << u"Access to keychain denied"_s
                                    << KeychainStatus::AccessDenied;
    QTest::newRow("denied by user") << QKeychain::AccessDeniedByUser << u"User denied access"_s
                                    << KeychainStatus::AccessDenied;
    QTest::newRow("could not delete") << QKeychain::CouldNotDeleteEntry << u"Could not delete"_s
                                      << KeychainStatus::Other;
    QTest::newRow("other") << QKeychain::OtherError << u"Timeout was reached"_s << KeychainStatus::Other;
}

void TestKeychainResult::mapping()
{
    QFETCH(QKeychain::Error, error);
    QFETCH(QString, detail);
    QFETCH(KeychainStatus, status);
    const KeychainResult result = QtKeychainSecretStore::resultFor(error, detail);
    QCOMPARE(result.status, status);
    QCOMPARE(result.ok(), status == KeychainStatus::Ok);
    QCOMPARE(result.message.isEmpty(), status == KeychainStatus::Ok);
    QVERIFY(result.secret.isEmpty());
}

void TestKeychainResult::messages_data()
{
    QTest::addColumn<KeychainStatus>("status");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<QString>("message");

    QTest::newRow("no service")
        << KeychainStatus::NoService << u"The name org.freedesktop.secrets was not provided by any .service files"_s
        << u"No system keychain is available (The name org.freedesktop.secrets was not provided by any .service "
           "files). Start a keychain service such as GNOME Keyring or KWallet and try again; secrets are never "
           "saved in plain text instead."_s;
    QTest::newRow("no service, no detail")
        << KeychainStatus::NoService << QString()
        << u"No system keychain is available (no keychain service answered). Start a keychain service such as "
           "GNOME Keyring or KWallet and try again; secrets are never saved in plain text instead."_s;
    QTest::newRow("locked") << KeychainStatus::Locked << u"Cannot create an item in a locked collection"_s
                            << u"The keychain is locked. Unlock it and try again."_s;
    QTest::newRow("denied") << KeychainStatus::AccessDenied << u"Access to keychain denied"_s
                            << u"Access was denied by the system keychain (Access to keychain denied)."_s;
    QTest::newRow("not found") << KeychainStatus::NotFound << u"Entry not found"_s
                               << u"No secret is saved in the system keychain for this entry."_s;
    QTest::newRow("other") << KeychainStatus::Other << u"Timeout was reached"_s
                           << u"The system keychain reported an error: Timeout was reached"_s;
}

void TestKeychainResult::messages()
{
    QFETCH(KeychainStatus, status);
    QFETCH(QString, detail);
    QFETCH(QString, message);
    QCOMPARE(KeychainResult::failure(status, detail).message, message);
}

void TestKeychainResult::timeoutMessage()
{
    QCOMPARE(KeychainResult::timeout(std::chrono::seconds(5)).message,
             u"The system keychain did not answer within 5 seconds. If it is asking for a password, unlock it "
             "and try again."_s);
    // Test timeouts are short; the message still reads well.
    QCOMPARE(KeychainResult::timeout(std::chrono::milliseconds(50)).message,
             u"The system keychain did not answer within 1 second. If it is asking for a password, unlock it "
             "and try again."_s);
    QCOMPARE(KeychainResult::timeout(std::chrono::milliseconds(50)).status, KeychainStatus::Timeout);
}

void TestKeychainResult::statusIds()
{
    const QList<KeychainStatus> all{KeychainStatus::Ok,     KeychainStatus::NotFound,     KeychainStatus::NoService,
                                    KeychainStatus::Locked, KeychainStatus::AccessDenied, KeychainStatus::Timeout,
                                    KeychainStatus::Other};
    QStringList ids;
    for (KeychainStatus status : all) {
        ids.append(keychainStatusId(status));
    }
    QCOMPARE(ids,
             (QStringList{u"ok"_s, u"not_found"_s, u"no_service"_s, u"locked"_s, u"access_denied"_s, u"timeout"_s,
                          u"other"_s}));
}

APPINT_TEST_MAIN(TestKeychainResult)
#include "TestKeychainResult.moc"
