#include "TestMain.h"

#include "keychain/KeychainKeys.h"

using namespace Qt::StringLiterals;
using namespace appint;

class TestKeychainKeys : public QObject
{
    Q_OBJECT

private slots:
    void normalizedTenantUrl_data();
    void normalizedTenantUrl();
    void keys_data();
    void keys();
    void clientIdCannotShiftTheSeparator();
    void probeKeysAreUnique();
};

void TestKeychainKeys::normalizedTenantUrl_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << u"https://tenant.example"_s << u"https://tenant.example"_s;
    QTest::newRow("trailing slash") << u"https://tenant.example/"_s << u"https://tenant.example"_s;
    QTest::newRow("case") << u"HTTPS://Tenant.EXAMPLE/"_s << u"https://tenant.example"_s;
    QTest::newRow("default https port") << u"https://tenant.example:443"_s << u"https://tenant.example"_s;
    QTest::newRow("default http port") << u"http://127.0.0.1:80/"_s << u"http://127.0.0.1"_s;
    QTest::newRow("other port kept") << u"http://127.0.0.1:8443/"_s << u"http://127.0.0.1:8443"_s;
    QTest::newRow("path kept") << u"https://h.example/tenant/a/"_s << u"https://h.example/tenant/a"_s;
    QTest::newRow("dot segments") << u"https://h.example/a/../b"_s << u"https://h.example/b"_s;
    QTest::newRow("query and fragment dropped") << u"https://h.example/?x=1#y"_s << u"https://h.example"_s;
    QTest::newRow("user info dropped") << u"https://me:pw@h.example"_s << u"https://h.example"_s;
    QTest::newRow("spaces trimmed") << u"  https://h.example  "_s << u"https://h.example"_s;
    QTest::newRow("idn host") << u"https://bücher.example"_s << u"https://xn--bcher-kva.example"_s;
    QTest::newRow("not a url") << u" local sandbox "_s << u"local sandbox"_s;
}

void TestKeychainKeys::normalizedTenantUrl()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(KeychainKeys::normalizedTenantUrl(input), expected);
}

void TestKeychainKeys::keys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");
    QTest::newRow("tenant") << KeychainKeys::tenantCredentials(u"https://Tenant.example/", u"sb-admin")
                            << u"tenant:https://tenant.example:sb-admin"_s;
    QTest::newRow("tenant with port") << KeychainKeys::tenantCredentials(u"http://127.0.0.1:41234", u"c1")
                                      << u"tenant:http://127.0.0.1:41234:c1"_s;
    QTest::newRow("client") << KeychainKeys::clientSecret(u"https://tenant.example", u"abc-123")
                            << u"client:https://tenant.example:abc-123"_s;
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
