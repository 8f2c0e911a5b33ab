#include "server/oauth/SamlAssertionVerifier.h"

#include "server/crypto/XmlSecurity.h"

#include <QDateTime>

#include <libxml/tree.h>
#include <libxml/valid.h>
#include <xmlsec/crypto.h>
#include <xmlsec/keys.h>
#include <xmlsec/transforms.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmlsec.h>

#include <algorithm>
#include <cstring>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

constexpr const char* SamlNs = "urn:oasis:names:tc:SAML:2.0:assertion";
constexpr const char* DsigNs = "http://www.w3.org/2000/09/xmldsig#";
const QString BearerMethod = u"urn:oasis:names:tc:SAML:2.0:cm:bearer"_s;

using Refused = SamlAssertionVerifier::Refused;

// The child elements of `parent` with this SAML name.
QList<xmlNodePtr> children(xmlNodePtr parent, const char* ns, const char* name)
{
    QList<xmlNodePtr> found;
    for (xmlNodePtr child = parent->children; child; child = child->next) {
        if (XmlSecurity::isElement(child, ns, name)) {
            found.append(child);
        }
    }
    return found;
}

// xs:dateTime in UTC ("2026-12-02T18:00:00Z", fractions allowed), as SAML
// requires; nullopt for anything else.
std::optional<qint64> samlTime(const QString& text)
{
    if (text.isEmpty() || !text.endsWith(u'Z') || text.size() > 40) {
        return std::nullopt;
    }
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid()) {
        return std::nullopt;
    }
    return time.toSecsSinceEpoch();
}

bool isIdAttribute(const xmlAttr* attr)
{
    const char* name = reinterpret_cast<const char*>(attr->name);
    return std::strcmp(name, "ID") == 0 || std::strcmp(name, "Id") == 0 || std::strcmp(name, "id") == 0;
}

QString attributeValue(xmlAttrPtr attr)
{
    xmlChar* value = xmlNodeListGetString(attr->doc, attr->children, 1);
    const QString text = value ? QString::fromUtf8(reinterpret_cast<const char*>(value)) : u""_s;
    xmlFree(value);
    return text;
}

// Walks the whole document without recursion: there must be exactly one
// SAML Assertion (the root), no EncryptedAssertion, and no element other
// than the root may carry an ID-like attribute (ID, Id, id, xml:id) with the
// root's ID value.
std::optional<Refused> checkStructure(xmlNodePtr root, xmlAttrPtr rootId, const QString& id)
{
    xmlNodePtr node = root;
    while (node) {
        if (node->type == XML_ELEMENT_NODE) {
            if (node != root
                && (XmlSecurity::isElement(node, SamlNs, "Assertion")
                    || XmlSecurity::isElement(node, SamlNs, "EncryptedAssertion"))) {
                return Refused{SamlAssertionVerifier::tr(
                    "The document must hold exactly one Assertion: a second Assertion was found inside it "
                    "(signature wrapping is refused).")};
            }
            for (xmlAttrPtr attr = node->properties; attr; attr = attr->next) {
                if (attr != rootId && isIdAttribute(attr) && attributeValue(attr) == id) {
                    return Refused{SamlAssertionVerifier::tr(
                        "Another element carries the Assertion's ID: the signature's reference must be "
                        "unambiguous (signature wrapping is refused).")};
                }
            }
        }
        if (node->children && node->type == XML_ELEMENT_NODE) {
            node = node->children;
            continue;
        }
        while (node && node != root && !node->next) {
            node = node->parent;
        }
        if (!node || node == root) {
            break;
        }
        node = node->next;
    }
    return std::nullopt;
}

enum class SignatureCheck { Verified, Invalid, Unusable };

// Verifies the enveloped signature `signature` with the key of one DER
// certificate, allowing only the algorithms of api.md and same-document
// references; on success also that the one reference is "#<id>".
SignatureCheck verifySignature(xmlNodePtr signature, const QByteArray& certificate, const QString& id)
{
    xmlSecDSigCtxPtr context = xmlSecDSigCtxCreate(nullptr); // no keys manager: KeyInfo is never used
    if (!context) {
        return SignatureCheck::Unusable;
    }
    const auto done = [context](SignatureCheck result) {
        xmlSecDSigCtxDestroy(context);
        return result;
    };
    context->flags = XMLSEC_DSIG_FLAGS_IGNORE_MANIFESTS | XMLSEC_DSIG_FLAGS_STORE_SIGNEDINFO_REFERENCES;
    context->enabledReferenceUris = xmlSecTransformUriTypeSameDocument;
    bool configured = xmlSecDSigCtxEnableSignatureTransform(context, xmlSecTransformExclC14NId) == 0
        && xmlSecDSigCtxEnableSignatureTransform(context, xmlSecTransformExclC14NWithCommentsId) == 0
        && xmlSecDSigCtxEnableSignatureTransform(context, xmlSecTransformRsaSha256Id) == 0
        && xmlSecDSigCtxEnableSignatureTransform(context, xmlSecTransformEcdsaSha256Id) == 0
        && xmlSecDSigCtxEnableReferenceTransform(context, xmlSecTransformEnvelopedId) == 0
        && xmlSecDSigCtxEnableReferenceTransform(context, xmlSecTransformExclC14NId) == 0
        && xmlSecDSigCtxEnableReferenceTransform(context, xmlSecTransformExclC14NWithCommentsId) == 0
        && xmlSecDSigCtxEnableReferenceTransform(context, xmlSecTransformSha256Id) == 0;
    if (!configured) {
        return done(SignatureCheck::Unusable);
    }
    context->signKey = xmlSecCryptoAppKeyLoadMemory(reinterpret_cast<const xmlSecByte*>(certificate.constData()),
                                                    static_cast<xmlSecSize>(certificate.size()),
                                                    xmlSecKeyDataFormatCertDer, nullptr, nullptr, nullptr);
    if (!context->signKey) {
        return done(SignatureCheck::Invalid);
    }
    if (xmlSecDSigCtxVerify(context, signature) < 0) {
        return done(SignatureCheck::Unusable);
    }
    if (context->status != xmlSecDSigStatusSucceeded) {
        return done(SignatureCheck::Invalid);
    }
    if (xmlSecPtrListGetSize(&context->signedInfoReferences) != 1) {
        return done(SignatureCheck::Unusable);
    }
    auto* reference = static_cast<xmlSecDSigReferenceCtxPtr>(xmlSecPtrListGetItem(&context->signedInfoReferences, 0));
    const QString uri
        = reference && reference->uri ? QString::fromUtf8(reinterpret_cast<const char*>(reference->uri)) : QString();
    const QString expected = u"#"_s + id;
    return done(uri == expected ? SignatureCheck::Verified : SignatureCheck::Unusable);
}

} // namespace

SamlAssertionVerifier::Result SamlAssertionVerifier::verify(QByteArrayView xml, const TrustLookup& trust,
                                                            const Expectations& expected)
{
    if (xml.size() > MaximumSize) {
        return Refused{tr("The assertion is larger than %1 KiB.").arg(MaximumSize / 1024)};
    }
    QString parseError;
    const XmlSecurity::Document document = XmlSecurity::parse(xml, &parseError);
    if (!document) {
        return Refused{tr("The assertion is not acceptable XML: %1.").arg(parseError)};
    }
    xmlDocPtr doc = document.get();
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!XmlSecurity::isElement(root, SamlNs, "Assertion")) {
        return Refused{tr("The document must be one SAML 2.0 Assertion (namespace %1); a Response or any other "
                          "element around it is not accepted.")
                           .arg(QLatin1StringView(SamlNs))};
    }
    if (XmlSecurity::attribute(root, "Version") != u"2.0"_s) {
        return Refused{tr("The Assertion's Version must be 2.0.")};
    }
    xmlAttrPtr idAttribute = xmlHasNsProp(root, reinterpret_cast<const xmlChar*>("ID"), nullptr);
    const QString id = XmlSecurity::attribute(root, "ID");
    if (!idAttribute || id.isEmpty() || id.size() > MaximumIdLength) {
        return Refused{tr("The Assertion must have an ID of 1 to %1 characters.").arg(MaximumIdLength)};
    }
    if (auto refused = checkStructure(root, idAttribute, id)) {
        return *refused;
    }

    // Issuer: a trusted identity provider.
    const QList<xmlNodePtr> issuers = children(root, SamlNs, "Issuer");
    const QString issuer = issuers.size() == 1 ? XmlSecurity::plainText(issuers.first()).trimmed() : QString();
    if (issuer.isEmpty()) {
        return Refused{tr("The Assertion must have exactly one Issuer.")};
    }
    const std::optional<QList<QByteArray>> certificates = trust(issuer);
    if (!certificates) {
        return Refused{tr("The Assertion's Issuer is not the entity ID of a trusted identity provider.")};
    }

    // Signature: enveloped, on the Assertion itself, verified by xmlsec1.
    const QList<xmlNodePtr> signatures = children(root, DsigNs, "Signature");
    if (signatures.isEmpty()) {
        return Refused{tr("The Assertion is not signed: it must carry an enveloped XML signature itself.")};
    }
    if (signatures.size() > 1) {
        return Refused{tr("The Assertion must carry exactly one signature.")};
    }
    // The reference "#ID" resolves through libxml2's ID table; the root's ID
    // is the only one with this value (checked above).
    if (!xmlAddID(nullptr, doc, reinterpret_cast<const xmlChar*>(id.toUtf8().constData()), idAttribute)) {
        return Refused{tr("The Assertion's ID is not unique in the document (signature wrapping is refused).")};
    }
    // Each certificate of the provider is tried; a signature that one of them
    // checked and found wrong says "does not verify", one that none could
    // process says "not acceptable".
    bool verified = false;
    bool invalid = false;
    for (const QByteArray& certificate : *certificates) {
        const SignatureCheck check = verifySignature(signatures.first(), certificate, id);
        if (check == SignatureCheck::Verified) {
            verified = true;
            break;
        }
        invalid = invalid || check == SignatureCheck::Invalid;
    }
    xmlAttrPtr referenced = xmlGetID(doc, reinterpret_cast<const xmlChar*>(id.toUtf8().constData()));
    if (verified && (!referenced || referenced->parent != root)) {
        verified = false;
        invalid = false;
    }
    if (!verified) {
        if (invalid) {
            return Refused{tr("The Assertion's signature does not verify with the certificates of its identity "
                              "provider (signed by another key, or changed after signing).")};
        }
        return Refused{tr("The Assertion's signature is not acceptable: it must be one enveloped signature with "
                          "RSA-SHA256 or ECDSA-SHA256, a SHA-256 digest and exclusive canonicalisation whose only "
                          "Reference is \"#\" and the Assertion's ID, made by a certificate of its identity "
                          "provider.")};
    }

    const qint64 now = expected.now;
    const qint64 skew = expected.skew;

    // Subject: one NameID and a bearer confirmation for this token URL.
    const QList<xmlNodePtr> subjects = children(root, SamlNs, "Subject");
    if (subjects.size() != 1) {
        return Refused{tr("The Assertion must have exactly one Subject.")};
    }
    const QList<xmlNodePtr> nameIds = children(subjects.first(), SamlNs, "NameID");
    const QString nameId = nameIds.size() == 1 ? XmlSecurity::plainText(nameIds.first()).trimmed() : QString();
    if (nameId.isEmpty()) {
        return Refused{tr("The Subject must have exactly one NameID holding only text.")};
    }
    std::optional<qint64> confirmedUntil;
    QString confirmationProblem = tr("The Subject has no bearer SubjectConfirmation (Method %1).").arg(BearerMethod);
    for (xmlNodePtr confirmation : children(subjects.first(), SamlNs, "SubjectConfirmation")) {
        if (XmlSecurity::attribute(confirmation, "Method") != BearerMethod) {
            continue;
        }
        const QList<xmlNodePtr> data = children(confirmation, SamlNs, "SubjectConfirmationData");
        if (data.size() != 1) {
            confirmationProblem = tr("The bearer SubjectConfirmation must have one SubjectConfirmationData.");
            continue;
        }
        if (XmlSecurity::attribute(data.first(), "Recipient") != expected.recipient) {
            confirmationProblem
                = tr("The bearer SubjectConfirmationData's Recipient is not this tenant's saml_token_url.");
            continue;
        }
        const auto notOnOrAfter = samlTime(XmlSecurity::attribute(data.first(), "NotOnOrAfter"));
        if (!notOnOrAfter) {
            confirmationProblem = tr("The bearer SubjectConfirmationData must have a NotOnOrAfter in UTC.");
            continue;
        }
        if (now >= *notOnOrAfter + skew) {
            confirmationProblem = tr("The bearer SubjectConfirmationData's NotOnOrAfter has passed.");
            continue;
        }
        const QString notBeforeText = XmlSecurity::attribute(data.first(), "NotBefore");
        if (!notBeforeText.isNull()) {
            const auto notBefore = samlTime(notBeforeText);
            if (!notBefore || now + skew < *notBefore) {
                confirmationProblem = tr("The bearer SubjectConfirmationData's NotBefore has not come yet.");
                continue;
            }
        }
        confirmedUntil = std::max(confirmedUntil.value_or(0), *notOnOrAfter);
    }
    if (!confirmedUntil) {
        return Refused{confirmationProblem};
    }

    // Conditions: time window and audience.
    const QList<xmlNodePtr> conditionsList = children(root, SamlNs, "Conditions");
    if (conditionsList.size() != 1) {
        return Refused{tr("The Assertion must have exactly one Conditions element with an AudienceRestriction.")};
    }
    xmlNodePtr conditions = conditionsList.first();
    qint64 acceptableUntil = *confirmedUntil;
    const QString notBeforeText = XmlSecurity::attribute(conditions, "NotBefore");
    if (!notBeforeText.isNull()) {
        const auto notBefore = samlTime(notBeforeText);
        if (!notBefore) {
            return Refused{tr("The Conditions' NotBefore is not a UTC time.")};
        }
        if (now + skew < *notBefore) {
            return Refused{tr("The Assertion is not valid yet (Conditions NotBefore, 60 s of clock skew allowed).")};
        }
    }
    const QString notOnOrAfterText = XmlSecurity::attribute(conditions, "NotOnOrAfter");
    if (!notOnOrAfterText.isNull()) {
        const auto notOnOrAfter = samlTime(notOnOrAfterText);
        if (!notOnOrAfter) {
            return Refused{tr("The Conditions' NotOnOrAfter is not a UTC time.")};
        }
        if (now >= *notOnOrAfter + skew) {
            return Refused{tr("The Assertion has expired (Conditions NotOnOrAfter, 60 s of clock skew allowed).")};
        }
        acceptableUntil = std::min(acceptableUntil, *notOnOrAfter);
    }
    const QList<xmlNodePtr> restrictions = children(conditions, SamlNs, "AudienceRestriction");
    if (restrictions.isEmpty()) {
        return Refused{tr("The Conditions must have an AudienceRestriction holding this tenant's saml_audience.")};
    }
    for (xmlNodePtr restriction : restrictions) {
        const QList<xmlNodePtr> audiences = children(restriction, SamlNs, "Audience");
        const bool holds = std::any_of(audiences.cbegin(), audiences.cend(), [&](xmlNodePtr audience) {
            return XmlSecurity::plainText(audience).trimmed() == expected.audience;
        });
        if (!holds) {
            return Refused{tr("The AudienceRestriction does not hold this tenant's saml_audience.")};
        }
    }
    acceptableUntil += skew;
    if (acceptableUntil - now > MaximumLifetime + skew) {
        return Refused{tr("The Assertion is valid for too long: its NotOnOrAfter may be at most %n hour(s) ahead.",
                          nullptr, int(MaximumLifetime / 3600))};
    }
    return Accepted{id, issuer, nameId, acceptableUntil};
}

} // namespace appint
