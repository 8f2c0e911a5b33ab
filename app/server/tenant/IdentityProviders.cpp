#include "server/tenant/IdentityProviders.h"

#include "server/crypto/Crypto.h"
#include "server/crypto/XmlSecurity.h"
#include "server/storage/Store.h"

#include <QJsonArray>
#include <QLoggingCategory>

#include <libxml/tree.h>

using namespace Qt::StringLiterals;

namespace appint {

Q_LOGGING_CATEGORY(lcIdp, "appint.server.idp", QtInfoMsg)

namespace {

constexpr const char* MetadataNs = "urn:oasis:names:tc:SAML:2.0:metadata";
constexpr const char* DsigNs = "http://www.w3.org/2000/09/xmldsig#";

QList<xmlNodePtr> children(xmlNodePtr parent, const char* ns, const char* name)
{
    QList<xmlNodePtr> found;
    for (xmlNodePtr child = parent ? parent->children : nullptr; child; child = child->next) {
        if (XmlSecurity::isElement(child, ns, name)) {
            found.append(child);
        }
    }
    return found;
}

} // namespace

IdentityProviders::IdentityProviders(Store& store, const Clock& clock)
    : m_store(store)
    , m_clock(clock)
{
}

bool IdentityProviders::load(QString* error)
{
    auto loaded = m_store.loadIdentityProviders(error);
    if (!loaded) {
        return false;
    }
    QWriteLocker lock(&m_lock);
    m_providers.clear();
    for (IdentityProvider& idp : *loaded) {
        m_providers.append(std::make_shared<const IdentityProvider>(std::move(idp)));
    }
    return true;
}

QList<IdentityProviders::Record> IdentityProviders::list() const
{
    QReadLocker lock(&m_lock);
    return m_providers;
}

IdentityProviders::Record IdentityProviders::find(const QString& idpId) const
{
    QReadLocker lock(&m_lock);
    for (const Record& idp : m_providers) {
        if (idp->idpId == idpId) {
            return idp;
        }
    }
    return nullptr;
}

IdentityProviders::Record IdentityProviders::byEntityId(const QString& entityId) const
{
    QReadLocker lock(&m_lock);
    for (const Record& idp : m_providers) {
        if (idp->entityId == entityId) {
            return idp;
        }
    }
    return nullptr;
}

Outcome<IdentityProvider> IdentityProviders::createFromJson(const QJsonObject& body, const QString& actor)
{
    using Result = Outcome<IdentityProvider>;
    FieldErrors errors;
    IdentityProvider idp;
    const QJsonValue name = body.value(u"name"_s);
    if (!name.isString() || name.toString().trimmed().isEmpty()
        || name.toString().trimmed().size() > MaximumNameLength) {
        errors.append({u"name"_s, tr("Required: a name of 1 to %1 characters.").arg(MaximumNameLength)});
    } else {
        idp.name = name.toString().trimmed();
    }
    const QJsonValue entityId = body.value(u"entity_id"_s);
    if (!entityId.isString() || entityId.toString().trimmed().isEmpty()
        || entityId.toString().size() > MaximumEntityIdLength || entityId.toString().trimmed() != entityId.toString()) {
        errors.append({u"entity_id"_s,
                       tr("Required: the identity provider's entity ID (the Issuer of its assertions), 1 to %1 "
                          "characters without surrounding spaces.")
                           .arg(MaximumEntityIdLength)});
    } else {
        idp.entityId = entityId.toString();
    }
    const QJsonValue certificates = body.value(u"certificates"_s);
    if (!certificates.isArray() || certificates.toArray().isEmpty()
        || certificates.toArray().size() > MaximumCertificates) {
        errors.append({u"certificates"_s,
                       tr("Required: a list of 1 to %1 PEM certificates that sign the provider's assertions.")
                           .arg(MaximumCertificates)});
    } else {
        const QJsonArray list = certificates.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            QString problem = tr("Must be a PEM certificate (a string).");
            const auto certificate
                = list.at(i).isString() ? Certificate::fromPem(list.at(i).toString(), &problem) : std::nullopt;
            if (!certificate) {
                errors.append({u"certificates"_s, tr("Item %1: %2").arg(i + 1).arg(problem)});
            } else if (!idp.certificates.contains(*certificate)) {
                idp.certificates.append(*certificate);
            }
        }
    }
    if (!errors.isEmpty()) {
        return Result::failure(OutcomeStatus::Invalid, tr("The identity provider is not valid."), errors);
    }
    return add(std::move(idp), actor);
}

Outcome<IdentityProvider> IdentityProviders::createFromMetadata(QByteArrayView xml, const QString& actor)
{
    using Result = Outcome<IdentityProvider>;
    const auto invalid = [](const QString& field, const QString& message) {
        return Result::failure(OutcomeStatus::Invalid, tr("The SAML metadata cannot be used."), {{field, message}});
    };
    QString parseError;
    const XmlSecurity::Document document = XmlSecurity::parse(xml, &parseError);
    if (!document) {
        return invalid(u"metadata"_s, tr("The metadata is not acceptable XML: %1.").arg(parseError));
    }
    xmlNodePtr root = xmlDocGetRootElement(document.get());
    if (!XmlSecurity::isElement(root, MetadataNs, "EntityDescriptor")) {
        return invalid(
            u"metadata"_s,
            tr("The metadata must be one md:EntityDescriptor (namespace %1).").arg(QLatin1StringView(MetadataNs)));
    }
    IdentityProvider idp;
    idp.entityId = XmlSecurity::attribute(root, "entityID");
    if (idp.entityId.trimmed().isEmpty() || idp.entityId.size() > MaximumEntityIdLength
        || idp.entityId.trimmed() != idp.entityId) {
        return invalid(u"entity_id"_s,
                       tr("The EntityDescriptor's entityID must be 1 to %1 characters without surrounding spaces.")
                           .arg(MaximumEntityIdLength));
    }
    idp.name = idp.entityId.left(MaximumNameLength);
    const QList<xmlNodePtr> roles = children(root, MetadataNs, "IDPSSODescriptor");
    if (roles.isEmpty()) {
        return invalid(u"metadata"_s,
                       tr("The EntityDescriptor has no IDPSSODescriptor: it describes no identity "
                          "provider."));
    }
    for (xmlNodePtr role : roles) {
        for (xmlNodePtr key : children(role, MetadataNs, "KeyDescriptor")) {
            const QString use = XmlSecurity::attribute(key, "use");
            if (!use.isNull() && use != u"signing"_s) {
                continue; // encryption keys do not sign assertions
            }
            for (xmlNodePtr info : children(key, DsigNs, "KeyInfo")) {
                for (xmlNodePtr data : children(info, DsigNs, "X509Data")) {
                    for (xmlNodePtr element : children(data, DsigNs, "X509Certificate")) {
                        QString text = XmlSecurity::plainText(element);
                        text.remove(u' ').remove(u'\n').remove(u'\r').remove(u'\t');
                        const auto der
                            = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
                        QString problem = tr("An X509Certificate is not valid base64.");
                        const auto certificate
                            = der ? Certificate::fromDer(der.decoded, &problem) : std::optional<Certificate>();
                        if (!certificate) {
                            return invalid(u"certificates"_s,
                                           tr("A signing certificate of the metadata: %1").arg(problem));
                        }
                        if (!idp.certificates.contains(*certificate)) {
                            idp.certificates.append(*certificate);
                        }
                    }
                }
            }
        }
    }
    if (idp.certificates.isEmpty()) {
        return invalid(u"certificates"_s,
                       tr("The metadata names no signing certificate (ds:X509Certificate in a "
                          "KeyDescriptor of the IDPSSODescriptor)."));
    }
    if (idp.certificates.size() > MaximumCertificates) {
        return invalid(u"certificates"_s,
                       tr("The metadata names more than %1 signing certificates.").arg(MaximumCertificates));
    }
    return add(std::move(idp), actor);
}

Outcome<IdentityProvider> IdentityProviders::add(IdentityProvider idp, const QString& actor)
{
    using Result = Outcome<IdentityProvider>;
    QMutexLocker writer(&m_writeMutex);
    {
        QReadLocker lock(&m_lock);
        for (const Record& existing : std::as_const(m_providers)) {
            if (existing->entityId == idp.entityId) {
                return Result::failure(
                    OutcomeStatus::Conflict, tr("An identity provider with this entity ID is already trusted."),
                    {{u"entity_id"_s, tr("Already trusted as identity provider %1.").arg(existing->idpId)}});
            }
        }
        if (m_providers.size() >= MaximumProviders) {
            return Result::failure(OutcomeStatus::Conflict,
                                   tr("This tenant already trusts %1 identity providers, the most it can; delete one "
                                      "first.")
                                       .arg(MaximumProviders));
        }
    }
    const qint64 now = m_clock.now();
    idp.idpId = u"idp-"_s + QString::fromLatin1(Crypto::randomBytes(16).toHex());
    idp.createdAt = now;
    const AuditRecord audit{
        now, actor, u"idp.create"_s, idp.idpId,
        u"trusted identity provider \"%1\" (entity ID %2, %3 certificate(s))"_s.arg(idp.name, idp.entityId.left(200))
            .arg(idp.certificates.size())};
    QString error;
    const bool written = m_store.write(
        [&](Store::Writer& w) { return w.insertIdentityProvider(idp) && w.appendAudit(audit); }, &error);
    if (!written) {
        qCWarning(lcIdp) << "store write failed:" << error;
        return Result::failure(OutcomeStatus::Failed, tr("The change could not be saved; nothing was changed."));
    }
    QWriteLocker lock(&m_lock);
    m_providers.append(std::make_shared<const IdentityProvider>(idp));
    return Result::success(std::move(idp));
}

Outcome<bool> IdentityProviders::remove(const QString& idpId, const QString& actor)
{
    QMutexLocker writer(&m_writeMutex);
    const Record idp = find(idpId);
    if (!idp) {
        return Outcome<bool>::failure(OutcomeStatus::NotFound,
                                      tr("There is no identity provider %1.").arg(idpId.left(200)));
    }
    const qint64 now = m_clock.now();
    const AuditRecord audit{
        now, actor, u"idp.delete"_s, idpId,
        u"no longer trusts identity provider \"%1\" (entity ID %2)"_s.arg(idp->name, idp->entityId.left(200))};
    QString error;
    if (!m_store.write([&](Store::Writer& w) { return w.deleteIdentityProvider(idpId) && w.appendAudit(audit); },
                       &error)) {
        qCWarning(lcIdp) << "store write failed:" << error;
        return Outcome<bool>::failure(OutcomeStatus::Failed, tr("The change could not be saved; nothing was changed."));
    }
    QWriteLocker lock(&m_lock);
    m_providers.removeIf([&](const Record& r) { return r->idpId == idpId; });
    return Outcome<bool>::success(true);
}

} // namespace appint
