#include "TestMain.h"

#include "keychain/KeychainKeys.h"

using namespace Qt::StringLiterals;
using namespace appint;

class TestKeychainKeys : public QObject
{
    Q_OBJECT

private slots:
    void keys_data();
    void keys();
    void clientIdCannotShiftTheSeparator();
    void probeKeysAreUnique();
};

void TestKeychainKeys::keys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");
    QTest::newRow("tenant") << KeychainKeys::tenantCredentials(u"https://tenant.example", u"sb-admin")
                            << u"tenant:https://tenant.example:sb-admin"_s;
    QTest::newRow("tenant with port") << KeychainKeys::tenantCredentials(u"http://127.0.0.1:41234", u"c1")
                                      << u"tenant:http://127.0.0.1:41234:c1"_s;
    QTest::newRow("client") << KeychainKeys::clientSecret(u"https://tenant.example", u"abc-123")
                            << u"client:https://tenant.example:abc-123"_s;
    // The URL as the caller gives it: normalising is theirs (core TenantUrl,
    // tests/core/TestTenantUrl); this layer links only QtKeychain.
    QTest::newRow("client, url as given")
        << KeychainKeys::clientSecret(u"file:///home/a/sandbox", u"c1") << u"client:file:///home/a/sandbox:c1"_s;
    QTest::newRow("outbound") << KeychainKeys::outboundCredential(u"S4 Sales") << u"outbound:S4 Sales"_s;
    QTest::newRow("outbound escaped") << KeychainKeys::outboundCredential(u"a:b%c") << u"outbound:a%3Ab%25c"_s;
    QTest::newRow("unicode kept") << KeychainKeys::outboundCredential(u"Zähler ✓") << u"outbound:Zähler ✓"_s;
}

void TestKeychainKeys::keys()
{
    QFETCH(QString, key);
    QFETCH(QString, expected);
    QCOMPARE(key, expected);
}

void TestKeychainKeys::clientIdCannotShiftTheSeparator()
{
    // Without escaping, both would read "tenant:https://h.example:8443:x".
    const QString withPort = KeychainKeys::tenantCredentials(u"https://h.example:8443", u"x");
    const QString withColonInId = KeychainKeys::tenantCredentials(u"https://h.example", u"8443:x");
    QVERIFY(withPort != withColonInId);
    QCOMPARE(withColonInId, u"tenant:https://h.example:8443%3Ax"_s);
    QCOMPARE(withPort.section(u':', -1), u"x"_s);
}

void TestKeychainKeys::probeKeysAreUnique()
{
    const QString first = KeychainKeys::probe();
    const QString second = KeychainKeys::probe();
    QVERIFY(first != second);
    QVERIFY(KeychainKeys::isProbe(first));
    QVERIFY(!KeychainKeys::isProbe(KeychainKeys::outboundCredential(u"probe"_s)));
}

APPINT_TEST_MAIN(TestKeychainKeys)
#include "TestKeychainKeys.moc"
