#pragma once

// SAML test material made by third-party tools, never by the server's own
// code: keys and certificates by the openssl command line, assertions signed
// by the xmlsec1 command line (QProcess).

#include <QByteArray>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace appint::test::saml {

inline const QString AssertionNs = QStringLiteral("urn:oasis:names:tc:SAML:2.0:assertion");

struct KeyPair
{
    QString keyPath;
    QString certificatePath;
    QString certificatePem;
    QString error;
    bool ok() const { return error.isEmpty(); }
};

// Runs a program with a 30 s bound; empty on success, else what went wrong.
inline QString run(const QString& program, const QStringList& arguments, const QByteArray& input = {})
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted(10000)) {
        return program + QStringLiteral(" did not start: ") + process.errorString();
    }
    if (!input.isEmpty()) {
        process.write(input);
    }
    process.closeWriteChannel();
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return program + QStringLiteral(" did not finish within 30 s");
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        return program + QStringLiteral(" failed: ") + QString::fromLocal8Bit(process.readAllStandardError());
    }
    return {};
}

// A key and a self-signed certificate ("rsa" or "ec" P-256), made by openssl
// in `dir`, valid from now (real time) for `days`.
inline KeyPair makeKeyPair(const QString& dir, const QString& name, const QString& type, int days = 30)
{
    KeyPair pair;
    pair.keyPath = QDir(dir).filePath(name + QStringLiteral(".key"));
    pair.certificatePath = QDir(dir).filePath(name + QStringLiteral(".crt"));
    QStringList arguments{QStringLiteral("req"),   QStringLiteral("-x509"),       QStringLiteral("-nodes"),
                          QStringLiteral("-subj"), QStringLiteral("/CN=") + name, QStringLiteral("-days"),
                          QString::number(days),   QStringLiteral("-keyout"),     pair.keyPath,
                          QStringLiteral("-out"),  pair.certificatePath,          QStringLiteral("-newkey")};
    if (type == QStringLiteral("ec")) {
        arguments << QStringLiteral("ec") << QStringLiteral("-pkeyopt")
                  << QStringLiteral("ec_paramgen_curve:prime256v1");
    } else {
        arguments << QStringLiteral("rsa:2048");
    }
    pair.error = run(QStringLiteral("openssl"), arguments);
    QFile file(pair.certificatePath);
    if (pair.ok() && file.open(QIODevice::ReadOnly)) {
        pair.certificatePem = QString::fromLatin1(file.readAll());
    }
    return pair;
}

inline QString samlTime(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate);
}

// What an assertion says; every field may be changed to make an attack.
struct AssertionSpec
{
    QString id = QStringLiteral("_a1");
    QString issuer = QStringLiteral("https://idp.example.com/saml");
    QString nameId = QStringLiteral("ALICE");
    QString audience;
    QString recipient;
    qint64 now = 0;
    qint64 notBefore = -1; // Conditions NotBefore; -1: now - 60
    qint64 notOnOrAfter = -1; // Conditions and confirmation NotOnOrAfter; -1: now + 300
    bool signatureTemplate = true; // the empty ds:Signature xmlsec1 fills in
    QString signatureMethod = QStringLiteral("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
    QString extraInside; // XML put inside the Assertion (after the Subject)
};

inline QString signatureTemplate(const QString& id, const QString& method)
{
    return QStringLiteral("<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo>"
                          "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
                          "<ds:SignatureMethod Algorithm=\"%2\"/><ds:Reference URI=\"#%1\"><ds:Transforms>"
                          "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>"
                          "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></ds:Transforms>"
                          "<ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue/>"
                          "</ds:Reference></ds:SignedInfo><ds:SignatureValue/></ds:Signature>")
        .arg(id, method);
}

inline QString assertionXml(const AssertionSpec& spec)
{
    const qint64 notBefore = spec.notBefore < 0 ? spec.now - 60 : spec.notBefore;
    const qint64 notOnOrAfter = spec.notOnOrAfter < 0 ? spec.now + 300 : spec.notOnOrAfter;
    return QStringLiteral("<saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"%1\" "
                          "Version=\"2.0\" IssueInstant=\"%2\"><saml:Issuer>%3</saml:Issuer>")
               .arg(spec.id, samlTime(spec.now), spec.issuer)
        + (spec.signatureTemplate ? signatureTemplate(spec.id, spec.signatureMethod) : QString())
        + QStringLiteral("<saml:Subject><saml:NameID Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified\">"
                         "%1</saml:NameID><saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\">"
                         "<saml:SubjectConfirmationData Recipient=\"%2\" NotOnOrAfter=\"%3\"/>"
                         "</saml:SubjectConfirmation></saml:Subject>")
              .arg(spec.nameId, spec.recipient, samlTime(notOnOrAfter))
        + QStringLiteral("<saml:Conditions NotBefore=\"%1\" NotOnOrAfter=\"%2\"><saml:AudienceRestriction>"
                         "<saml:Audience>%3</saml:Audience></saml:AudienceRestriction></saml:Conditions>")
              .arg(samlTime(notBefore), samlTime(notOnOrAfter), spec.audience)
        + spec.extraInside
        + QStringLiteral("<saml:AuthnStatement AuthnInstant=\"%1\"><saml:AuthnContext><saml:AuthnContextClassRef>"
                         "urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified</saml:AuthnContextClassRef>"
                         "</saml:AuthnContext></saml:AuthnStatement></saml:Assertion>")
              .arg(samlTime(spec.now));
}

// Signs the (first) ds:Signature template of `xml` with xmlsec1; the
// element whose ID it references is `idElement` ("<namespace>:<name>").
inline QByteArray sign(const QString& dir, const QString& xml, const QString& keyPath, QString* error,
                       const QString& idElement = AssertionNs + QStringLiteral(":Assertion"))
{
    static int counter = 0;
    const QString in = QDir(dir).filePath(QStringLiteral("template-%1.xml").arg(++counter));
    const QString out = QDir(dir).filePath(QStringLiteral("signed-%1.xml").arg(counter));
    QFile file(in);
    if (!file.open(QIODevice::WriteOnly) || file.write(xml.toUtf8()) < 0) {
        *error = QStringLiteral("cannot write ") + in;
        return {};
    }
    file.close();
    *error = run(QStringLiteral("xmlsec1"),
                 {QStringLiteral("--sign"), QStringLiteral("--privkey-pem"), keyPath, QStringLiteral("--id-attr:ID"),
                  idElement, QStringLiteral("--output"), out, in});
    QFile signedFile(out);
    if (!error->isEmpty() || !signedFile.open(QIODevice::ReadOnly)) {
        if (error->isEmpty()) {
            *error = QStringLiteral("xmlsec1 wrote no ") + out;
        }
        return {};
    }
    return signedFile.readAll();
}

inline QByteArray base64Url(const QByteArray& bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// The base64 body of a PEM certificate, as metadata holds it.
inline QString pemBody(const QString& pem)
{
    QString body = pem;
    body.remove(QStringLiteral("-----BEGIN CERTIFICATE-----")).remove(QStringLiteral("-----END CERTIFICATE-----"));
    return body.trimmed();
}

// An identity provider's SAML metadata (md:EntityDescriptor with one
// IDPSSODescriptor) naming `signingPem` as its signing certificate.
inline QByteArray metadataXml(const QString& entityId, const QString& signingPem)
{
    return QStringLiteral("<?xml version=\"1.0\"?>\n<md:EntityDescriptor "
                          "xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" "
                          "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" entityID=\"%1\"><md:IDPSSODescriptor "
                          "protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                          "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>\n%2\n"
                          "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
                          "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" "
                          "Location=\"https://idp.example.org/sso\"/></md:IDPSSODescriptor></md:EntityDescriptor>\n")
        .arg(entityId, pemBody(signingPem))
        .toUtf8();
}

// Everything after the XML declaration xmlsec1 writes.
inline QByteArray withoutDeclaration(const QByteArray& xml)
{
    return xml.startsWith("<?xml") ? xml.mid(xml.indexOf("?>") + 2).trimmed() : xml;
}

} // namespace appint::test::saml
