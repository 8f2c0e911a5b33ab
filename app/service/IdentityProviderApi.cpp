#include "service/IdentityProviderApi.h"

#include "service/HttpReplies.h"
#include "service/TenantApi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(IdentityProviderApi)
};

const QString Collection = u"/api/v1/identity-providers"_s;

// Delivers the parsed answer (or the failure) to the caller's context.
template <typename T>
TenantApi::RawHandler handler(QObject* context, IdentityProviderApi::Callback<T> callback,
                              std::function<Result<T>(const QJsonDocument&)> parse)
{
    return [context = QPointer<QObject>(context), callback = std::move(callback),
            parse = std::move(parse)](const ResultInfo& info, QJsonDocument& document, QByteArray&) {
        Result<T> result = info.ok() ? parse(document) : Result<T>::failure(info);
        if (result.ok()) {
            result.httpStatus = info.httpStatus;
        }
        HttpReplies::invoke(
            context, [callback, result] { callback(result); }, false);
    };
}

// The TenantApi went with its tenant: the caller hears so, later.
template <typename T>
void gone(QObject* context, const IdentityProviderApi::Callback<T>& callback)
{
    const auto failure = Result<T>::failure(ResultStatus::Cancelled, Tr::tr("The tenant connection has ended."));
    HttpReplies::invoke(
        context, [callback, failure] { callback(failure); }, true);
}

Result<TrustedIdentityProvider> parseOne(const QJsonDocument& document)
{
    QString problem;
    const auto idp = TrustedIdentityProvider::fromJson(document.object(), &problem);
    if (!document.isObject() || !idp) {
        return Result<TrustedIdentityProvider>::failure(HttpReplies::protocolFailure(problem + u'.'));
    }
    return Result<TrustedIdentityProvider>::success(*idp);
}

} // namespace

std::optional<TrustedIdentityProvider> TrustedIdentityProvider::fromJson(const QJsonValue& value, QString* problem)
{
    const auto fail = [problem](const QString& reason) {
        if (problem) {
            *problem = reason;
        }
        return std::nullopt;
    };
    const QJsonObject object = value.toObject();
    TrustedIdentityProvider idp;
    idp.idpId = object.value(u"idp_id"_s).toString();
    idp.name = object.value(u"name"_s).toString();
    idp.entityId = object.value(u"entity_id"_s).toString();
    idp.createdAt = object.value(u"created_at"_s).toInteger();
    if (!value.isObject() || idp.idpId.isEmpty() || idp.entityId.isEmpty()) {
        return fail(Tr::tr("an identity provider has no idp_id or entity_id"));
    }
    const QJsonValue certificates = object.value(u"certificates"_s);
    if (!certificates.isArray()) {
        return fail(Tr::tr("identity provider %1 has no list of certificates").arg(idp.idpId.left(100)));
    }
    for (const QJsonValue& item : certificates.toArray()) {
        const QJsonObject c = item.toObject();
        const QJsonValue notBefore = c.value(u"not_before"_s);
        const QJsonValue notAfter = c.value(u"not_after"_s);
        if (!item.isObject() || !notBefore.isDouble() || !notAfter.isDouble()) {
            return fail(Tr::tr("a certificate of identity provider %1 has no validity").arg(idp.idpId.left(100)));
        }
        TrustedCertificate certificate;
        certificate.pem = c.value(u"pem"_s).toString();
        certificate.subject = c.value(u"subject"_s).toString();
        certificate.notBefore = notBefore.toInteger();
        certificate.notAfter = notAfter.toInteger();
        certificate.expired = c.value(u"expired"_s).toBool();
        certificate.notYetValid = c.value(u"not_yet_valid"_s).toBool();
        idp.certificates.append(certificate);
    }
    return idp;
}

IdentityProviderApi::IdentityProviderApi(TenantApi* api, QObject* parent)
    : QObject(parent)
    , m_api(api)
{
}

IdentityProviderApi::~IdentityProviderApi() = default;

TenantApi* IdentityProviderApi::tenantApi() const
{
    return m_api;
}

void IdentityProviderApi::list(QObject* context, Callback<TrustedIdentityProviders> callback)
{
    if (!m_api) {
        gone(context, callback);
        return;
    }
    m_api->send("GET", Collection, {}, {},
                handler<TrustedIdentityProviders>(context, std::move(callback), [](const QJsonDocument& document) {
                    using R = Result<TrustedIdentityProviders>;
                    if (!document.isArray()) {
                        return R::failure(
                            HttpReplies::protocolFailure(Tr::tr("expected a JSON array of identity providers.")));
                    }
                    TrustedIdentityProviders list;
                    for (const QJsonValue& value : document.array()) {
                        QString problem;
                        auto idp = TrustedIdentityProvider::fromJson(value, &problem);
                        if (!idp) {
                            return R::failure(HttpReplies::protocolFailure(problem + u'.'));
                        }
                        list.append(std::move(*idp));
                    }
                    return R::success(std::move(list));
                }));
}

void IdentityProviderApi::create(const QString& name, const QString& entityId, const QStringList& certificatePems,
                                 QObject* context, Callback<TrustedIdentityProvider> callback)
{
    if (!m_api) {
        gone(context, callback);
        return;
    }
    const QJsonObject body{{u"name"_s, name},
                           {u"entity_id"_s, entityId},
                           {u"certificates"_s, QJsonArray::fromStringList(certificatePems)}};
    m_api->send("POST", Collection, QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json",
                handler<TrustedIdentityProvider>(context, std::move(callback), parseOne));
}

void IdentityProviderApi::importMetadata(const QByteArray& metadataXml, QObject* context,
                                         Callback<TrustedIdentityProvider> callback)
{
    if (!m_api) {
        gone(context, callback);
        return;
    }
    if (metadataXml.size() > MaximumMetadataSize) {
        auto failure = Result<TrustedIdentityProvider>::failure(
            ResultStatus::Validation,
            Tr::tr("The metadata is larger than %n byte(s).", nullptr, int(MaximumMetadataSize)));
        failure.fieldErrors.append({u"metadata"_s, failure.message});
        HttpReplies::invoke(
            context, [callback, failure] { callback(failure); }, true);
        return;
    }
    m_api->send("POST", Collection, metadataXml, "application/samlmetadata+xml",
                handler<TrustedIdentityProvider>(context, std::move(callback), parseOne));
}

void IdentityProviderApi::remove(const QString& idpId, QObject* context, Callback<Empty> callback)
{
    if (!m_api) {
        gone(context, callback);
        return;
    }
    m_api->send(
        "DELETE", Collection + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(idpId)), {}, {},
        handler<Empty>(context, std::move(callback), [](const QJsonDocument&) { return Result<Empty>::success({}); }));
}

} // namespace appint
