#include "TestMain.h"

#include "core/TenantUrl.h"

using namespace Qt::StringLiterals;
using namespace appint;

// The one normalisation of tenant URLs: tenant profiles (app/service) and
// keychain keys (app/keychain) both use it.
class TestTenantUrl : public QObject
{
    Q_OBJECT

private slots:
    void normalized_data();
    void normalized();
};

void TestTenantUrl::normalized_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << u"https://tenant.example"_s << u"https://tenant.example"_s;
    QTest::newRow("trailing slash") << u"https://tenant.example/"_s << u"https://tenant.example"_s;
    QTest::newRow("case") << u"HTTPS://Tenant.EXAMPLE/"_s << u"https://tenant.example"_s;
    QTest::newRow("default https port") << u"https://tenant.example:443"_s << u"https://tenant.example"_s;
    QTest::newRow("default http port") << u"http://127.0.0.1:80/"_s << u"http://127.0.0.1"_s;
    QTest::newRow("default http port, localhost") << u"http://localhost:80/"_s << u"http://localhost"_s;
    QTest::newRow("other port kept") << u"http://127.0.0.1:8443/"_s << u"http://127.0.0.1:8443"_s;
    QTest::newRow("https on another port") << u"https://tenant.example:8443/"_s << u"https://tenant.example:8443"_s;
    QTest::newRow("ipv6") << u"https://[::1]:8443/"_s << u"https://[::1]:8443"_s;
    QTest::newRow("path kept") << u"https://h.example/tenant/a/"_s << u"https://h.example/tenant/a"_s;
    QTest::newRow("dot segments") << u"https://h.example/a/../b"_s << u"https://h.example/b"_s;
    QTest::newRow("dot segments, trailing slash") << u"https://h.example/a/../b/./c/"_s << u"https://h.example/b/c"_s;
    QTest::newRow("query and fragment dropped") << u"https://h.example/?x=1#y"_s << u"https://h.example"_s;
    QTest::newRow("user info dropped") << u"https://me:pw@h.example"_s << u"https://h.example"_s;
    QTest::newRow("spaces trimmed") << u"  https://h.example  "_s << u"https://h.example"_s;
    QTest::newRow("idn host") << u"https://bücher.example"_s << u"https://xn--bcher-kva.example"_s;
    QTest::newRow("no scheme") << u"tenant.example"_s << u"tenant.example"_s;
    QTest::newRow("not a url") << u" local sandbox "_s << u"local sandbox"_s;
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("space in the path") << u"https://tenant.example/path with space"_s
                                       << u"https://tenant.example/path with space"_s;
}

void TestTenantUrl::normalized()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(TenantUrl::normalized(input), expected);
}

APPINT_TEST_MAIN(TestTenantUrl)
#include "TestTenantUrl.moc"
