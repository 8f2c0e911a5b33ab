#include "server/crypto/Certificate.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <ctime>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

constexpr qsizetype MaximumCertificateSize = 16 * 1024;

std::optional<qint64> unixTime(const ASN1_TIME* time)
{
    struct tm parts = {};
    if (!time || ASN1_TIME_to_tm(time, &parts) != 1) {
        return std::nullopt;
    }
    return qint64(timegm(&parts));
}

} // namespace

QString Certificate::pem() const
{
    QString text = u"-----BEGIN CERTIFICATE-----\n"_s;
    const QByteArray base64 = der.toBase64();
    for (qsizetype i = 0; i < base64.size(); i += 64) {
        text += QString::fromLatin1(base64.mid(i, 64)) + u'\n';
    }
    return text + u"-----END CERTIFICATE-----\n"_s;
}

QJsonObject Certificate::toJson(qint64 now) const
{
    return QJsonObject{
        {u"pem"_s, pem()},          {u"subject"_s, subject},         {u"not_before"_s, notBefore},
        {u"not_after"_s, notAfter}, {u"expired"_s, now >= notAfter}, {u"not_yet_valid"_s, now < notBefore},
    };
}

std::optional<Certificate> Certificate::fromDer(const QByteArray& der, QString* error)
{
    const auto fail = [error](const QString& reason) {
        if (error) {
            *error = reason;
        }
        return std::nullopt;
    };
    if (der.isEmpty() || der.size() > MaximumCertificateSize) {
        return fail(tr("The certificate is empty or larger than %1 bytes.").arg(MaximumCertificateSize));
    }
    const auto* bytes = reinterpret_cast<const unsigned char*>(der.constData());
    X509* x509 = d2i_X509(nullptr, &bytes, long(der.size()));
    if (!x509 || bytes != reinterpret_cast<const unsigned char*>(der.constData()) + der.size()) {
        X509_free(x509);
        return fail(tr("The certificate is not a DER-encoded X.509 certificate."));
    }
    Certificate certificate;
    certificate.der = der;
    BIO* bio = BIO_new(BIO_s_mem());
    X509_NAME_print_ex(bio, X509_get_subject_name(x509), 0, XN_FLAG_RFC2253);
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    certificate.subject = QString::fromUtf8(data, qsizetype(length));
    BIO_free(bio);
    const auto notBefore = unixTime(X509_get0_notBefore(x509));
    const auto notAfter = unixTime(X509_get0_notAfter(x509));
    EVP_PKEY* key = X509_get0_pubkey(x509);
    const int keyType = key ? EVP_PKEY_get_base_id(key) : 0;
    X509_free(x509);
    if (!notBefore || !notAfter) {
        return fail(tr("The certificate's validity dates cannot be read."));
    }
    if (keyType != EVP_PKEY_RSA && keyType != EVP_PKEY_EC) {
        return fail(tr("The certificate's key must be RSA or EC (for RSA-SHA256 or ECDSA-SHA256 signatures)."));
    }
    certificate.notBefore = *notBefore;
    certificate.notAfter = *notAfter;
    return certificate;
}

std::optional<Certificate> Certificate::fromPem(const QString& pem, QString* error)
{
    const QByteArray text = pem.toUtf8();
    if (text.size() > 2 * MaximumCertificateSize) {
        if (error) {
            *error = tr("The certificate is larger than %1 bytes.").arg(2 * MaximumCertificateSize);
        }
        return std::nullopt;
    }
    const QByteArray begin = "-----BEGIN CERTIFICATE-----";
    const QByteArray end = "-----END CERTIFICATE-----";
    const QByteArray trimmed = text.trimmed();
    if (!trimmed.startsWith(begin) || !trimmed.endsWith(end) || trimmed.count(begin) != 1) {
        if (error) {
            *error = tr("Give one PEM certificate, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.");
        }
        return std::nullopt;
    }
    QByteArray body = trimmed.mid(begin.size(), trimmed.size() - begin.size() - end.size());
    body.replace('\r', "").replace('\n', "").replace(' ', "").replace('\t', "");
    const auto decoded = QByteArray::fromBase64Encoding(body, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty()) {
        if (error) {
            *error = tr("The certificate's PEM body is not valid base64.");
        }
        return std::nullopt;
    }
    return fromDer(decoded.decoded, error);
}

} // namespace appint
