#include "TestMain.h"

#include "keychain/KeychainKeys.h"
#include "service/TenantProfiles.h"

using namespace Qt::StringLiterals;
using namespace appint;

// A tenant profile (app/service) and its keychain entry (app/keychain) must
// name the same tenant, but neither layer may include the other: each
// normalises tenant URLs itself. The command line links both, so its tests
// hold them to one answer.
class TestTenantUrlAgreement : public QObject
{
    Q_OBJECT

private slots:
    void profilesAndKeychainNormaliseAlike_data();
    void profilesAndKeychainNormaliseAlike();
};

void TestTenantUrlAgreement::profilesAndKeychainNormaliseAlike_data()
{
    QTest::addColumn<QString>("url");
    for (const QString& url : {
             u"https://tenant.example"_s,
             u"HTTPS://Tenant.Example:443/"_s,
             u"https://tenant.example:8443/"_s,
             u"http://127.0.0.1:8080"_s,
             u"http://localhost:80/"_s,
             u"https://tenant.example/path/"_s,
             u"https://tenant.example/a/../b/./c/"_s,
             u"https://tenant.example/?query=1#fragment"_s,
             u"https://user:password@tenant.example/"_s,
             u"https://bücher.example/"_s,
             u"https://[::1]:8443/"_s,
             u"  https://tenant.example  "_s,
             u"tenant.example"_s,
             u"not a url"_s,
             u""_s,
             u"https://tenant.example/path with space"_s,
         }) {
        QTest::newRow(qPrintable(url.isEmpty() ? u"(empty)"_s : url)) << url;
    }
}

void TestTenantUrlAgreement::profilesAndKeychainNormaliseAlike()
{
    QFETCH(QString, url);
    QCOMPARE(TenantProfiles::normalizedUrl(url), KeychainKeys::normalizedTenantUrl(url));
}

APPINT_TEST_MAIN(TestTenantUrlAgreement)
#include "TestTenantUrlAgreement.moc"
