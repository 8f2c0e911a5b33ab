#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace appint {

// An X.509 certificate as the server keeps it for a trusted identity
// provider: its DER bytes and what an administrator needs to see (subject,
// validity). Parsed with OpenSSL.
struct Certificate
{
    Q_DECLARE_TR_FUNCTIONS(Certificate)

public:
    QByteArray der;
    QString subject; // RFC 2253
    qint64 notBefore = 0; // Unix seconds
    qint64 notAfter = 0;

    friend bool operator==(const Certificate&, const Certificate&) = default;

    QString pem() const;
    // {"pem", "subject", "not_before", "not_after", "expired", "not_yet_valid"}
    QJsonObject toJson(qint64 now) const;

    // Exactly one PEM certificate ("-----BEGIN CERTIFICATE-----"), or a
    // reason naming no content.
    static std::optional<Certificate> fromPem(const QString& pem, QString* error);
    static std::optional<Certificate> fromDer(const QByteArray& der, QString* error);
};

} // namespace appint
