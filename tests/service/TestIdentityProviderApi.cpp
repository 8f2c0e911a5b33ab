#include "SamlTestSupport.h"
#include "TestMain.h"
#include "TestServer.h"
#include "service/AdminSession.h"
#include "service/IdentityProviderApi.h"
#include "service/TenantApi.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace appint;
using appint::test::TestServer;
namespace saml = appint::test::saml;

// IdentityProviderApi (issue 14) against a real appint-server on loopback:
// create from PEM and from metadata made of openssl certificates, list,
// typed validation and conflict errors with their fields, delete.
class TestIdentityProviderApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void createListAndDelete();
    void importMetadata();
    void validationNamesTheField();
    void takenEntityIdIsAConflict();
    void unknownIdIsNotFound();
    void endedTenantIsCancelled();

private:
    template <typename T, typename Start>
    Result<T> wait(Start start);

    QTemporaryDir m_dir;
    saml::KeyPair m_key;
    QNetworkAccessManager m_network;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<AdminSession> m_session;
    std::unique_ptr<TenantApi> m_tenantApi;
    std::unique_ptr<IdentityProviderApi> m_api;
};

template <typename T, typename Start>
Result<T> TestIdentityProviderApi::wait(Start start)
{
    int calls = 0;
    Result<T> result;
    start(this, [&calls, &result](const Result<T>& r) {
        ++calls;
        result = r;
    });
    if (!QTest::qWaitFor([&] { return calls > 0; }, 60'000)) {
        qWarning("call did not finish");
    }
    QCoreApplication::processEvents();
    if (calls != 1) {
        result.status = ResultStatus::Protocol;
    }
    return result;
}

void TestIdentityProviderApi::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_key = saml::makeKeyPair(m_dir.path(), u"idp"_s, u"rsa"_s, 20);
    QVERIFY2(m_key.ok(), qPrintable(m_key.error));
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    m_session = std::make_unique<AdminSession>(&m_network, m_server->baseUrl(), m_server->adminClientId(),
                                               Secret(m_server->adminSecret()), m_server->clock());
    m_tenantApi = std::make_unique<TenantApi>(m_session.get());
    m_api = std::make_unique<IdentityProviderApi>(m_tenantApi.get());
}

void TestIdentityProviderApi::cleanupTestCase()
{
    m_api.reset();
    m_tenantApi.reset();
    m_session.reset();
    m_server.reset();
}

void TestIdentityProviderApi::createListAndDelete()
{
    const auto created = wait<TrustedIdentityProvider>([&](QObject* context, auto done) {
        m_api->create(u"Corporate IdP"_s, u"https://pem.example.com/saml"_s, {m_key.certificatePem}, context, done);
    });
    QVERIFY2(created.ok(), qPrintable(created.message));
    QCOMPARE(created.httpStatus, 201);
    QCOMPARE(created.value.name, u"Corporate IdP"_s);
    QCOMPARE(created.value.entityId, u"https://pem.example.com/saml"_s);
    QCOMPARE(created.value.certificates.size(), 1);
    const TrustedCertificate& certificate = created.value.certificates.constFirst();
    QVERIFY(certificate.subject.contains(u"idp"_s));
    // openssl made it valid from now for 20 days.
    QVERIFY(qAbs(certificate.notAfter - certificate.notBefore - 20 * 86400) <= 1);
    QVERIFY(!certificate.expired);

    const auto listed
        = wait<TrustedIdentityProviders>([&](QObject* context, auto done) { m_api->list(context, done); });
    QVERIFY2(listed.ok(), qPrintable(listed.message));
    const auto found = std::find_if(listed.value.cbegin(), listed.value.cend(),
                                    [&](const auto& idp) { return idp.idpId == created.value.idpId; });
    QVERIFY(found != listed.value.cend());
    QCOMPARE(found->certificates.constFirst().notAfter, certificate.notAfter);

    const auto removed
        = wait<Empty>([&](QObject* context, auto done) { m_api->remove(created.value.idpId, context, done); });
    QVERIFY2(removed.ok(), qPrintable(removed.message));
    const auto again = wait<TrustedIdentityProviders>([&](QObject* context, auto done) { m_api->list(context, done); });
    QVERIFY(std::none_of(again.value.cbegin(), again.value.cend(),
                         [&](const auto& idp) { return idp.idpId == created.value.idpId; }));
}

void TestIdentityProviderApi::importMetadata()
{
    const QByteArray xml = saml::metadataXml(u"https://metadata.example.com/idp"_s, m_key.certificatePem);
    const auto created = wait<TrustedIdentityProvider>(
        [&](QObject* context, auto done) { m_api->importMetadata(xml, context, done); });
    QVERIFY2(created.ok(), qPrintable(created.message));
    QCOMPARE(created.value.entityId, u"https://metadata.example.com/idp"_s);
    QCOMPARE(created.value.name, u"https://metadata.example.com/idp"_s);
    QCOMPARE(created.value.certificates.size(), 1);
    QCOMPARE(created.value.certificates.constFirst().pem.trimmed(), m_key.certificatePem.trimmed());
}

void TestIdentityProviderApi::validationNamesTheField()
{
    const auto pem = wait<TrustedIdentityProvider>([&](QObject* context, auto done) {
        m_api->create(u"Broken"_s, u"https://broken.example.com"_s, {u"not a certificate"_s}, context, done);
    });
    QCOMPARE(pem.status, ResultStatus::Validation);
    QCOMPARE(pem.fieldErrors.size(), 1);
    QCOMPARE(pem.fieldErrors.constFirst().field, u"certificates"_s);

    const auto metadata = wait<TrustedIdentityProvider>(
        [&](QObject* context, auto done) { m_api->importMetadata("<html>no metadata</html>", context, done); });
    QCOMPARE(metadata.status, ResultStatus::Validation);
    QVERIFY(!metadata.fieldErrors.isEmpty());
    QCOMPARE(metadata.fieldErrors.constFirst().field, u"metadata"_s);

    const auto large = wait<TrustedIdentityProvider>([&](QObject* context, auto done) {
        m_api->importMetadata(QByteArray(IdentityProviderApi::MaximumMetadataSize + 1, ' '), context, done);
    });
    QCOMPARE(large.status, ResultStatus::Validation);
    QCOMPARE(large.httpStatus, 0); // refused before sending
}

void TestIdentityProviderApi::takenEntityIdIsAConflict()
{
    const auto create = [&] {
        return wait<TrustedIdentityProvider>([&](QObject* context, auto done) {
            m_api->create(u"Twice"_s, u"https://twice.example.com"_s, {m_key.certificatePem}, context, done);
        });
    };
    QVERIFY(create().ok());
    const auto again = create();
    QCOMPARE(again.status, ResultStatus::Conflict);
    QCOMPARE(again.httpStatus, 409);
}

void TestIdentityProviderApi::unknownIdIsNotFound()
{
    const auto removed
        = wait<Empty>([&](QObject* context, auto done) { m_api->remove(u"no-such-idp"_s, context, done); });
    QCOMPARE(removed.status, ResultStatus::NotFound);
}

void TestIdentityProviderApi::endedTenantIsCancelled()
{
    auto tenantApi = std::make_unique<TenantApi>(m_session.get());
    IdentityProviderApi api(tenantApi.get());
    tenantApi.reset();
    const auto listed = wait<TrustedIdentityProviders>([&](QObject* context, auto done) { api.list(context, done); });
    QCOMPARE(listed.status, ResultStatus::Cancelled);
}

APPINT_TEST_MAIN(TestIdentityProviderApi)
#include "TestIdentityProviderApi.moc"
