// /api/v1/identity-providers over real HTTP: create from JSON and from SAML
// metadata, certificate validity flags, conflicts and validation errors that
// name the field, read, delete, audit, persistence across a restart, and the
// administrator check. Certificates are made by the openssl command line.

#include "SamlTestSupport.h"
#include "ServerTestSupport.h"
#include "TestMain.h"

#include <QJsonArray>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace appint::test;
using namespace appint::test::saml;

namespace {

QStringList fieldsOf(const HttpTestReply& reply)
{
    QStringList fields;
    for (const QJsonValue& error : reply.object().value(u"errors"_s).toArray()) {
        fields.append(error.toObject().value(u"field"_s).toString());
    }
    return fields;
}

// The base64 body of a PEM certificate, as metadata holds it.
QString certificateBase64(const QString& pem)
{
    QString body = pem;
    body.remove(u"-----BEGIN CERTIFICATE-----"_s).remove(u"-----END CERTIFICATE-----"_s);
    return body.trimmed();
}

QByteArray metadata(const QString& entityId, const QString& signingPem, const QString& encryptionPem)
{
    return u"<?xml version=\"1.0\"?>\n<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" "
           "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" entityID=\"%1\"><md:IDPSSODescriptor "
           "protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
           "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>\n%2\n"
           "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
           "<md:KeyDescriptor use=\"encryption\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>%3"
           "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
           "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" "
           "Location=\"https://idp.example.org/sso\"/></md:IDPSSODescriptor></md:EntityDescriptor>\n"_s
               .arg(entityId, certificateBase64(signingPem), certificateBase64(encryptionPem))
               .toUtf8();
}

} // namespace

class TestIdentityProviders : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void createFromJson();
    void certificateValidityIsFlagged();
    void takenEntityIdIsConflict();
    void validationNamesTheField_data();
    void validationNamesTheField();
    void importMetadata();
    void badMetadataIsRefused_data();
    void badMetadataIsRefused();
    void wrongMediaTypeIs415();
    void deleteAndAudit();
    void survivesRestart();
    void requiresAdministrator();

private:
    QUrl api(const QString& path = {}) const { return m_server->url(u"/api/v1/identity-providers"_s + path); }
    HttpTestReply create(const QString& entityId, const QStringList& pems, const QString& name = u"IdP"_s)
    {
        return m_http.postJson(api(),
                               QJsonObject{{u"name"_s, name},
                                           {u"entity_id"_s, entityId},
                                           {u"certificates"_s, QJsonArray::fromStringList(pems)}},
                               m_admin);
    }
    HttpTestReply postMetadata(const QByteArray& xml)
    {
        return m_http.send(
            "POST", api(), xml,
            {{"Content-Type", "application/samlmetadata+xml"}, {"Authorization", "Bearer " + m_admin.toLatin1()}});
    }

    QTemporaryDir m_dir;
    KeyPair m_rsa;
    KeyPair m_ec;
    std::unique_ptr<TestServer> m_server;
    HttpTestClient m_http;
    QString m_admin;
};

void TestIdentityProviders::initTestCase()
{
    m_rsa = makeKeyPair(m_dir.path(), u"rsa"_s, u"rsa"_s);
    QVERIFY2(m_rsa.ok(), qPrintable(m_rsa.error));
    m_ec = makeKeyPair(m_dir.path(), u"ec"_s, u"ec"_s);
    QVERIFY2(m_ec.ok(), qPrintable(m_ec.error));
}

void TestIdentityProviders::init()
{
    // The server's clock runs at the real time, so that certificates made now
    // by openssl are valid now.
    TestServer::Options options;
    options.startTime = QDateTime::currentSecsSinceEpoch();
    m_server = std::make_unique<TestServer>(options);
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    m_admin = adminToken(m_http, *m_server);
    QVERIFY(!m_admin.isEmpty());
}

void TestIdentityProviders::cleanup()
{
    m_server.reset();
}

void TestIdentityProviders::createFromJson()
{
    const HttpTestReply reply
        = create(u"https://idp.example.com"_s, {m_rsa.certificatePem, m_ec.certificatePem}, u"  Corporate IdP  "_s);
    QCOMPARE(reply.status, 201);
    const QJsonObject idp = reply.object();
    const QString id = idp.value(u"idp_id"_s).toString();
    QVERIFY(!id.isEmpty());
    QCOMPARE(reply.header("Location"), QByteArray("/api/v1/identity-providers/" + id.toLatin1()));
    QCOMPARE(idp.value(u"name"_s).toString(), u"Corporate IdP"_s);
    QCOMPARE(idp.value(u"entity_id"_s).toString(), u"https://idp.example.com"_s);
    const QJsonArray certificates = idp.value(u"certificates"_s).toArray();
    QCOMPARE(certificates.size(), 2);
    const QJsonObject first = certificates.at(0).toObject();
    QCOMPARE(first.value(u"subject"_s).toString(), u"CN=rsa"_s);
    QCOMPARE(first.value(u"pem"_s).toString().trimmed(), m_rsa.certificatePem.trimmed());
    QVERIFY(first.value(u"not_after"_s).toInteger() > first.value(u"not_before"_s).toInteger());
    QCOMPARE(first.value(u"expired"_s).toBool(), false);
    QCOMPARE(first.value(u"not_yet_valid"_s).toBool(), false);
    QCOMPARE(certificates.at(1).toObject().value(u"subject"_s).toString(), u"CN=ec"_s);

    const HttpTestReply one = m_http.get(api(u"/"_s + id), m_admin);
    QCOMPARE(one.status, 200);
    QCOMPARE(one.object(), idp);
    const HttpTestReply list = m_http.get(api(), m_admin);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.array().size(), 1);
    QCOMPARE(list.array().at(0).toObject().value(u"idp_id"_s).toString(), id);
}

void TestIdentityProviders::certificateValidityIsFlagged()
{
    // A server whose clock runs an hour behind: the certificate openssl made
    // a moment ago is not valid yet.
    m_server.reset();
    TestServer::Options options;
    options.startTime = QDateTime::currentSecsSinceEpoch() - 3600;
    m_server = std::make_unique<TestServer>(options);
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    m_admin = adminToken(m_http, *m_server);
    const HttpTestReply reply = create(u"https://flags.example.com"_s, {m_rsa.certificatePem});
    QCOMPARE(reply.status, 201);
    const QString id = reply.object().value(u"idp_id"_s).toString();
    const QJsonObject certificate = reply.object().value(u"certificates"_s).toArray().at(0).toObject();
    const qint64 notBefore = certificate.value(u"not_before"_s).toInteger();
    const qint64 notAfter = certificate.value(u"not_after"_s).toInteger();
    QVERIFY(notAfter - notBefore >= 29 * 86400);
    QCOMPARE(certificate.value(u"not_yet_valid"_s).toBool(), true);
    QCOMPARE(certificate.value(u"expired"_s).toBool(), false);

    const auto flags = [&] {
        const QJsonObject c
            = m_http.get(api(u"/"_s + id), m_admin).object().value(u"certificates"_s).toArray().at(0).toObject();
        return std::make_pair(c.value(u"expired"_s).toBool(), c.value(u"not_yet_valid"_s).toBool());
    };
    m_server->clock().set(notBefore);
    QCOMPARE(flags(), std::make_pair(false, false));
    m_server->clock().set(notAfter - 1);
    m_admin = adminToken(m_http, *m_server);
    QCOMPARE(flags(), std::make_pair(false, false));
    m_server->clock().set(notAfter);
    QCOMPARE(flags(), std::make_pair(true, false));
}

void TestIdentityProviders::takenEntityIdIsConflict()
{
    QCOMPARE(create(u"https://dup.example.com"_s, {m_rsa.certificatePem}).status, 201);
    const HttpTestReply again = create(u"https://dup.example.com"_s, {m_ec.certificatePem}, u"Other"_s);
    QCOMPARE(again.status, 409);
    QCOMPARE(fieldsOf(again), QStringList{u"entity_id"_s});
    QCOMPARE(m_http.get(api(), m_admin).array().size(), 1);
}

void TestIdentityProviders::validationNamesTheField_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("field");
    const QJsonArray good{u"PLACEHOLDER"_s};
    QTest::newRow("no name") << QJsonObject{{u"entity_id"_s, u"https://a"_s}, {u"certificates"_s, good}} << u"name"_s;
    QTest::newRow("blank entity_id") << QJsonObject{{u"name"_s, u"A"_s},
                                                    {u"entity_id"_s, u" "_s},
                                                    {u"certificates"_s, good}}
                                     << u"entity_id"_s;
    QTest::newRow("no certificates") << QJsonObject{{u"name"_s, u"A"_s},
                                                    {u"entity_id"_s, u"https://a"_s},
                                                    {u"certificates"_s, QJsonArray{}}}
                                     << u"certificates"_s;
    QTest::newRow("not PEM") << QJsonObject{{u"name"_s, u"A"_s},
                                            {u"entity_id"_s, u"https://a"_s},
                                            {u"certificates"_s, QJsonArray{u"hello"_s}}}
                             << u"certificates"_s;
    QTest::newRow("PEM of garbage") << QJsonObject{{u"name"_s, u"A"_s},
                                                   {u"entity_id"_s, u"https://a"_s},
                                                   {u"certificates"_s,
                                                    QJsonArray{u"-----BEGIN CERTIFICATE-----\nAAAA\n-----END "
                                                               "CERTIFICATE-----"_s}}}
                                    << u"certificates"_s;
    QTest::newRow("number") << QJsonObject{{u"name"_s, u"A"_s},
                                           {u"entity_id"_s, u"https://a"_s},
                                           {u"certificates"_s, QJsonArray{42}}}
                            << u"certificates"_s;
}

void TestIdentityProviders::validationNamesTheField()
{
    QFETCH(QJsonObject, body);
    QFETCH(QString, field);
    if (body.value(u"certificates"_s).toArray() == QJsonArray{u"PLACEHOLDER"_s}) {
        body.insert(u"certificates"_s, QJsonArray{m_rsa.certificatePem});
    }
    const HttpTestReply reply = m_http.postJson(api(), body, m_admin);
    QCOMPARE(reply.status, 422);
    QVERIFY(reply.header("Content-Type").startsWith("application/problem+json"));
    QVERIFY2(fieldsOf(reply).contains(field), reply.body.constData());
    QCOMPARE(m_http.get(api(), m_admin).array().size(), 0); // nothing half-saved
}

void TestIdentityProviders::importMetadata()
{
    const HttpTestReply reply
        = postMetadata(metadata(u"https://meta.example.org/idp"_s, m_ec.certificatePem, m_rsa.certificatePem));
    QVERIFY2(reply.status == 201, reply.body.constData());
    const QJsonObject idp = reply.object();
    QCOMPARE(idp.value(u"entity_id"_s).toString(), u"https://meta.example.org/idp"_s);
    QCOMPARE(idp.value(u"name"_s).toString(), u"https://meta.example.org/idp"_s);
    const QJsonArray certificates = idp.value(u"certificates"_s).toArray();
    QCOMPARE(certificates.size(), 1); // the encryption key is not a signing certificate
    QCOMPARE(certificates.at(0).toObject().value(u"subject"_s).toString(), u"CN=ec"_s);
    // The same metadata again: the entity ID is taken.
    const HttpTestReply again
        = postMetadata(metadata(u"https://meta.example.org/idp"_s, m_ec.certificatePem, m_rsa.certificatePem));
    QCOMPARE(again.status, 409);
    QCOMPARE(fieldsOf(again), QStringList{u"entity_id"_s});
}

void TestIdentityProviders::badMetadataIsRefused_data()
{
    QTest::addColumn<QByteArray>("xml");
    QTest::addColumn<QString>("field");
    QTest::newRow("not XML") << QByteArray("<md:EntityDescriptor") << u"metadata"_s;
    QTest::newRow("DTD with external entity")
        << QByteArray("<!DOCTYPE md:EntityDescriptor [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                      "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"&x;\"/>")
        << u"metadata"_s;
    QTest::newRow("not an EntityDescriptor")
        << QByteArray("<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"/>") << u"metadata"_s;
    QTest::newRow("no entityID") << QByteArray(
        "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"/>")
                                 << u"entity_id"_s;
    QTest::newRow("no IdP role") << QByteArray("<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" "
                                               "entityID=\"https://sp.example.org\"><md:SPSSODescriptor "
                                               "protocolSupportEnumeration=\"x\"/></md:EntityDescriptor>")
                                 << u"metadata"_s;
    QTest::newRow("no signing certificate")
        << QByteArray("<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" "
                      "entityID=\"https://idp.example.org\"><md:IDPSSODescriptor protocolSupportEnumeration=\"x\"/>"
                      "</md:EntityDescriptor>")
        << u"certificates"_s;
    QTest::newRow("broken certificate") << QByteArray(
        "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" "
        "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" entityID=\"https://idp.example.org\">"
        "<md:IDPSSODescriptor protocolSupportEnumeration=\"x\"><md:KeyDescriptor><ds:KeyInfo>"
        "<ds:X509Data><ds:X509Certificate>AAAA</ds:X509Certificate></ds:X509Data></ds:KeyInfo>"
        "</md:KeyDescriptor></md:IDPSSODescriptor></md:EntityDescriptor>")
                                        << u"certificates"_s;
}

void TestIdentityProviders::badMetadataIsRefused()
{
    QFETCH(QByteArray, xml);
    QFETCH(QString, field);
    const HttpTestReply reply = postMetadata(xml);
    QCOMPARE(reply.status, 422);
    QVERIFY2(fieldsOf(reply) == QStringList{field}, reply.body.constData());
    QVERIFY(!reply.body.contains("root:"));
    QCOMPARE(m_http.get(api(), m_admin).array().size(), 0);
}

void TestIdentityProviders::wrongMediaTypeIs415()
{
    const HttpTestReply reply = m_http.send(
        "POST", api(), "x", {{"Content-Type", "text/plain"}, {"Authorization", "Bearer " + m_admin.toLatin1()}});
    QCOMPARE(reply.status, 415);
}

void TestIdentityProviders::deleteAndAudit()
{
    const HttpTestReply created = create(u"https://gone.example.com"_s, {m_rsa.certificatePem});
    QCOMPARE(created.status, 201);
    const QString id = created.object().value(u"idp_id"_s).toString();
    QCOMPARE(m_http.del(api(u"/"_s + id), m_admin).status, 204);
    QCOMPARE(m_http.get(api(u"/"_s + id), m_admin).status, 404);
    QCOMPARE(m_http.del(api(u"/"_s + id), m_admin).status, 404);
    QCOMPARE(m_http.get(api(), m_admin).array().size(), 0);

    const HttpTestReply audit = m_http.get(m_server->url(u"/api/v1/audit/activities"_s), m_admin);
    QStringList actions;
    for (const QJsonValue& value : audit.array()) {
        const QJsonObject record = value.toObject();
        if (record.value(u"target"_s).toString() == id) {
            actions.append(record.value(u"action"_s).toString());
            QCOMPARE(record.value(u"actor"_s).toString(), m_server->adminClientId());
        }
    }
    QCOMPARE(actions, (QStringList{u"idp.create"_s, u"idp.delete"_s}));
}

void TestIdentityProviders::survivesRestart()
{
    const HttpTestReply created = create(u"https://kept.example.com"_s, {m_ec.certificatePem});
    QCOMPARE(created.status, 201);
    QVERIFY2(m_server->restart(), qPrintable(m_server->errorString()));
    m_admin = adminToken(m_http, *m_server);
    const HttpTestReply one = m_http.get(api(u"/"_s + created.object().value(u"idp_id"_s).toString()), m_admin);
    QCOMPARE(one.status, 200);
    QCOMPARE(one.object(), created.object());
}

void TestIdentityProviders::requiresAdministrator()
{
    QCOMPARE(m_http.get(api()).status, 401);
    const CreatedClient viewer = createClient(m_http, *m_server, m_admin, technicalBody(u"Viewer"_s, u"VIEWER_IDP"_s));
    const QString token = m_http.token(m_server->tokenUrl(), viewer.id, viewer.secret);
    QCOMPARE(m_http.get(api(), token).status, 403);
    QCOMPARE(create(u"https://x.example.com"_s, {m_rsa.certificatePem}).status, 201);
    const HttpTestReply refused = m_http.postJson(api(),
                                                  QJsonObject{{u"name"_s, u"A"_s},
                                                              {u"entity_id"_s, u"https://y"_s},
                                                              {u"certificates"_s, QJsonArray{m_rsa.certificatePem}}},
                                                  token);
    QCOMPARE(refused.status, 403);
}

APPINT_TEST_MAIN(TestIdentityProviders)
#include "TestIdentityProviders.moc"
