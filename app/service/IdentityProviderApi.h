#pragma once

#include "service/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

namespace appint {

class TenantApi;

// One signing certificate of a trusted identity provider, as the tenant
// describes it (api.md, "SAML 2.0 bearer grant"): its PEM, subject and
// validity (Unix seconds), flagged by the server's clock.
struct TrustedCertificate
{
    QString pem;
    QString subject;
    qint64 notBefore = 0;
    qint64 notAfter = 0;
    bool expired = false;
    bool notYetValid = false;
};

// A trusted SAML 2.0 identity provider of the tenant.
struct TrustedIdentityProvider
{
    QString idpId;
    QString name;
    QString entityId;
    QList<TrustedCertificate> certificates;
    qint64 createdAt = 0;

    // The answer's object, checked: a missing idp_id or entity_id, or a
    // certificate without its validity, is a reason in `problem`.
    static std::optional<TrustedIdentityProvider> fromJson(const QJsonValue& value, QString* problem);
};
using TrustedIdentityProviders = QList<TrustedIdentityProvider>;

// /api/v1/identity-providers of the tenant management API as typed,
// asynchronous calls over a TenantApi (its admin token, deadline, answer cap
// and typed errors: Validation with the problem's field errors, Conflict for a
// taken entity ID, NotFound, ...). Each callback runs once, later, on the
// thread of `context`, unless `context` is gone first.
class IdentityProviderApi : public QObject
{
    Q_OBJECT

public:
    template <typename T>
    using Callback = std::function<void(const Result<T>&)>;

    // The metadata the tenant takes (its body limit): 1 MiB.
    static constexpr qsizetype MaximumMetadataSize = 1024 * 1024;

    // `api` is not owned and must outlive this object.
    explicit IdentityProviderApi(TenantApi* api, QObject* parent = nullptr);
    ~IdentityProviderApi() override;

    TenantApi* tenantApi() const;

    void list(QObject* context, Callback<TrustedIdentityProviders> callback);
    // From a name, an entity ID and PEM certificates.
    void create(const QString& name, const QString& entityId, const QStringList& certificatePems, QObject* context,
                Callback<TrustedIdentityProvider> callback);
    // From the provider's SAML metadata (an md:EntityDescriptor): the entity
    // ID and signing certificates are read from it, the name is the entity
    // ID. Errors name the field "metadata", "entity_id" or "certificates".
    void importMetadata(const QByteArray& metadataXml, QObject* context, Callback<TrustedIdentityProvider> callback);
    void remove(const QString& idpId, QObject* context, Callback<Empty> callback);

private:
    QPointer<TenantApi> m_api;
};

} // namespace appint
