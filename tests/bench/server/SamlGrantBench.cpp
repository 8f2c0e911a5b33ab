// appint-saml-grant-bench: the SAML 2.0 bearer grant's cost
// (docs/performance-server.md). Starts the real tenant service on loopback
// with one trusted identity provider per key type, then measures
//   1. SamlAssertionVerifier::verify alone (parse, wrapping checks, xmlsec1
//      signature check, conditions), one thread, RSA-2048 and P-256;
//   2. end-to-end grants per second over HTTP (client authentication,
//      verification, replay record in the store, token signing), with
//      several keep-alive connections at once.
// Assertions are signed up front with xmlsec1's library (keys and
// certificates made by the openssl command line).
//
//   appint-saml-grant-bench [--grants 400] [--verifications 400] [--connections 6]

#include "HttpTestClient.h"
#include "TestServer.h"
#include "core/OAuthNames.h"
#include "server/TenantServer.h"
#include "server/crypto/XmlSecurity.h"
#include "server/oauth/SamlAssertionVerifier.h"
#include "server/tenant/Tenant.h"
#include "server/tenant/Users.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>

#include <libxml/tree.h>
#include <libxml/valid.h>
#include <xmlsec/crypto.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmltree.h>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

void print(const QString& text)
{
    std::fputs(qPrintable(text + u'\n'), stdout);
    std::fflush(stdout);
}

QString samlTime(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate);
}

struct Key
{
    QByteArray privatePem;
    QString certificatePem;
    QByteArray certificateDer;
    QString method;
};

std::optional<Key> makeKey(const QString& dir, const QString& type)
{
    const QString keyPath = dir + u"/"_s + type + u".key"_s;
    const QString certPath = dir + u"/"_s + type + u".crt"_s;
    QStringList arguments{u"req"_s,   u"-x509"_s,  u"-nodes"_s,  u"-subj"_s, u"/CN=bench-"_s + type,
                          u"-days"_s, u"30"_s,     u"-keyout"_s, keyPath,    u"-out"_s,
                          certPath,   u"-newkey"_s};
    arguments << (type == u"ec"_s ? QStringList{u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s}
                                  : QStringList{u"rsa:2048"_s});
    QProcess openssl;
    openssl.setStandardOutputFile(QProcess::nullDevice());
    openssl.setStandardErrorFile(QProcess::nullDevice());
    openssl.start(u"openssl"_s, arguments);
    if (!openssl.waitForFinished(60000) || openssl.exitStatus() != QProcess::NormalExit || openssl.exitCode() != 0) {
        return std::nullopt;
    }
    QFile keyFile(keyPath);
    QFile certFile(certPath);
    if (!keyFile.open(QIODevice::ReadOnly) || !certFile.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    Key key;
    key.privatePem = keyFile.readAll();
    key.certificatePem = QString::fromLatin1(certFile.readAll());
    QString body = key.certificatePem;
    body.remove(u"-----BEGIN CERTIFICATE-----"_s).remove(u"-----END CERTIFICATE-----"_s);
    key.certificateDer = QByteArray::fromBase64(body.toLatin1());
    key.method = type == u"ec"_s ? u"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"_s
                                 : u"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"_s;
    return key;
}

QString assertionTemplate(const QString& id, const QString& issuer, const QString& audience, const QString& recipient,
                          qint64 now, const QString& method)
{
    return u"<saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"%1\" Version=\"2.0\" "
           "IssueInstant=\"%2\"><saml:Issuer>%3</saml:Issuer><ds:Signature "
           "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo><ds:CanonicalizationMethod "
           "Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/><ds:SignatureMethod Algorithm=\"%7\"/>"
           "<ds:Reference URI=\"#%1\"><ds:Transforms><ds:Transform "
           "Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/><ds:Transform "
           "Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></ds:Transforms><ds:DigestMethod "
           "Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue/></ds:Reference>"
           "</ds:SignedInfo><ds:SignatureValue/></ds:Signature><saml:Subject><saml:NameID>BENCH_USER"
           "</saml:NameID><saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\">"
           "<saml:SubjectConfirmationData Recipient=\"%4\" NotOnOrAfter=\"%5\"/></saml:SubjectConfirmation>"
           "</saml:Subject><saml:Conditions NotBefore=\"%2\" NotOnOrAfter=\"%5\"><saml:AudienceRestriction>"
           "<saml:Audience>%6</saml:Audience></saml:AudienceRestriction></saml:Conditions></saml:Assertion>"_s.arg(
               id, samlTime(now), issuer, recipient, samlTime(now + 600), audience, method);
}

// Signs the template's ds:Signature with xmlsec1's library.
QByteArray signTemplate(const QString& xml, const QString& id, const Key& key)
{
    QString error;
    appint::XmlSecurity::Document document = appint::XmlSecurity::parse(xml.toUtf8(), &error);
    if (!document) {
        return {};
    }
    xmlNodePtr root = xmlDocGetRootElement(document.get());
    xmlAttrPtr attribute = xmlHasNsProp(root, reinterpret_cast<const xmlChar*>("ID"), nullptr);
    xmlAddID(nullptr, document.get(), reinterpret_cast<const xmlChar*>(id.toUtf8().constData()), attribute);
    xmlNodePtr signature = xmlSecFindNode(root, xmlSecNodeSignature, xmlSecDSigNs);
    xmlSecDSigCtxPtr context = xmlSecDSigCtxCreate(nullptr);
    context->signKey = xmlSecCryptoAppKeyLoadMemory(reinterpret_cast<const xmlSecByte*>(key.privatePem.constData()),
                                                    static_cast<xmlSecSize>(key.privatePem.size()),
                                                    xmlSecKeyDataFormatPem, nullptr, nullptr, nullptr);
    const bool ok = context->signKey && xmlSecDSigCtxSign(context, signature) == 0;
    xmlSecDSigCtxDestroy(context);
    if (!ok) {
        return {};
    }
    xmlChar* buffer = nullptr;
    int size = 0;
    xmlDocDumpMemory(document.get(), &buffer, &size);
    QByteArray out(reinterpret_cast<const char*>(buffer), size);
    xmlFree(buffer);
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"SAML 2.0 bearer grant benchmark of appint-server"_s);
    parser.addHelpOption();
    const QCommandLineOption grantsOption(u"grants"_s, u"End-to-end grants per key type."_s, u"N"_s, u"400"_s);
    const QCommandLineOption verificationsOption(u"verifications"_s, u"Verifier-only runs per key type."_s, u"N"_s,
                                                 u"400"_s);
    const QCommandLineOption connectionsOption(u"connections"_s, u"Parallel HTTP requests."_s, u"C"_s, u"6"_s);
    parser.addOptions({grantsOption, verificationsOption, connectionsOption});
    parser.process(app);
    const int grants = parser.value(grantsOption).toInt();
    const int verifications = parser.value(verificationsOption).toInt();
    const int connections = std::max(1, parser.value(connectionsOption).toInt());

    QTemporaryDir dir;
    appint::test::TestServer::Options options;
    options.startTime = QDateTime::currentSecsSinceEpoch();
    options.threads = 2;
    appint::test::TestServer server(options);
    if (!server.start()) {
        print(u"cannot start the server: "_s + server.errorString());
        return 1;
    }
    appint::TenantUser benchUser;
    benchUser.userName = u"BENCH_USER"_s;
    benchUser.roles = {appint::RoleAssignment{u"DW_VIEWER"_s, {}}};
    const auto createdUser
        = server.serverThread()->server()->tenant()->users().create(benchUser, std::nullopt, server.adminClientId());
    if (!createdUser.ok()) {
        print(u"cannot create the user: "_s + createdUser.detail);
        return 1;
    }
    appint::test::HttpTestClient http;
    const QString admin = http.token(server.tokenUrl(), server.adminClientId(), server.adminSecret());
    const QJsonObject tenant = http.get(server.url(u"/api/v1/tenant"_s), admin).object();
    const QString recipient = tenant.value(u"saml_token_url"_s).toString();
    const QString audience = tenant.value(u"saml_audience"_s).toString();
    QJsonObject clientBody{{u"client_name"_s, u"SAML bench"_s},
                           {u"purpose"_s, u"api"_s},
                           {u"access"_s, QJsonArray{u"user_provisioning"_s}},
                           {u"grant_types"_s, QJsonArray{appint::oauth::GrantSaml2Bearer}}};
    const QJsonObject client = http.postJson(server.url(u"/api/v1/clients"_s), clientBody, admin).object();
    const QByteArray basic = "Basic "
        + (client.value(u"client_id"_s).toString() + u':' + client.value(u"client_secret"_s).toString())
              .toLatin1()
              .toBase64();

    const qint64 now = server.clock().now();
    for (const QString& type : {u"rsa"_s, u"ec"_s}) {
        const auto key = makeKey(dir.path(), type);
        if (!key) {
            print(u"openssl could not make the "_s + type + u" key"_s);
            return 1;
        }
        const QString issuer = u"https://bench-"_s + type + u".example.com"_s;
        const auto created = http.postJson(server.url(u"/api/v1/identity-providers"_s),
                                           QJsonObject{{u"name"_s, issuer},
                                                       {u"entity_id"_s, issuer},
                                                       {u"certificates"_s, QJsonArray{key->certificatePem}}},
                                           admin);
        if (created.status != 201) {
            print(u"cannot add the identity provider: "_s + QString::fromUtf8(created.body));
            return 1;
        }

        // 1. The verifier alone.
        const QString probeId = u"_probe-"_s + type;
        const QByteArray probe
            = signTemplate(assertionTemplate(probeId, issuer, audience, recipient, now, key->method), probeId, *key);
        const QList<QByteArray> certificates{key->certificateDer};
        const auto trust = [&](const QString& entityId) -> std::optional<QList<QByteArray>> {
            return entityId == issuer ? std::optional(certificates) : std::nullopt;
        };
        const appint::SamlAssertionVerifier::Expectations expected{audience, recipient, now, 60};
        QElapsedTimer timer;
        timer.start();
        int accepted = 0;
        for (int i = 0; i < verifications; ++i) {
            accepted += std::holds_alternative<appint::SamlAssertionVerifier::Accepted>(
                appint::SamlAssertionVerifier::verify(probe, trust, expected));
        }
        const double verifyMs = double(timer.nsecsElapsed()) / 1e6;
        print(u"%1: verifier alone: %2 of %3 accepted, %4 ms each, %5 per second (one thread)"_s.arg(type)
                  .arg(accepted)
                  .arg(verifications)
                  .arg(verifyMs / verifications, 0, 'f', 3)
                  .arg(verifications * 1000.0 / verifyMs, 0, 'f', 0));

        // 2. End to end over HTTP, `connections` requests in flight.
        QList<QByteArray> bodies;
        for (int i = 0; i < grants; ++i) {
            const QString id = u"_bench-%1-%2"_s.arg(type).arg(i);
            const QByteArray xml
                = signTemplate(assertionTemplate(id, issuer, audience, recipient, now, key->method), id, *key);
            bodies.append("grant_type=" + QUrl::toPercentEncoding(appint::oauth::GrantSaml2Bearer) + "&assertion="
                          + xml.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        }
        QNetworkAccessManager manager;
        QEventLoop loop;
        int next = 0;
        int finished = 0;
        int ok = 0;
        std::function<void()> sendNext = [&] {
            if (next >= bodies.size()) {
                return;
            }
            QNetworkRequest request{QUrl(recipient)};
            request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
            request.setRawHeader("Authorization", basic);
            QNetworkReply* reply = manager.post(request, bodies.at(next++));
            QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
                ok += reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
                reply->deleteLater();
                if (++finished == bodies.size()) {
                    loop.quit();
                } else {
                    sendNext();
                }
            });
        };
        timer.restart();
        for (int i = 0; i < connections; ++i) {
            sendNext();
        }
        loop.exec();
        const double grantMs = double(timer.nsecsElapsed()) / 1e6;
        print(u"%1: end to end: %2 of %3 grants answered 200 in %4 ms: %5 grants per second (%6 in flight)"_s.arg(type)
                  .arg(ok)
                  .arg(grants)
                  .arg(grantMs, 0, 'f', 0)
                  .arg(grants * 1000.0 / grantMs, 0, 'f', 0)
                  .arg(connections));
        if (ok != grants || accepted != verifications) {
            return 1;
        }
    }
    return 0;
}
