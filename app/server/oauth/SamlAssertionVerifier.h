#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <functional>
#include <optional>
#include <variant>

namespace appint {

// Checks one SAML 2.0 Assertion for the RFC 7522 bearer grant, as api.md
// lists the rules, except the two that need the tenant's state (the replay
// cache and the user): the document is exactly one Assertion with no DTD;
// its Issuer is a trusted identity provider; it carries an enveloped XML
// signature (RSA-SHA256 or ECDSA-SHA256, SHA-256 digest, exclusive
// canonicalisation) verified by xmlsec1 with one of that provider's
// certificates; the signature's only Reference points at this Assertion's ID
// and no other element carries that ID (no signature wrapping); the
// AudienceRestriction holds the audience; a bearer SubjectConfirmation has
// the Recipient and a future NotOnOrAfter; Conditions hold, all with at most
// `skew` seconds of clock skew. Only the checked Assertion element is read.
// Stateless and thread-safe.
class SamlAssertionVerifier
{
    Q_DECLARE_TR_FUNCTIONS(SamlAssertionVerifier)

public:
    static constexpr qsizetype MaximumSize = 64 * 1024; // decoded assertion
    static constexpr qint64 MaximumLifetime = 24 * 3600; // how far ahead NotOnOrAfter may be
    static constexpr qsizetype MaximumIdLength = 256;

    // The DER certificates of a trusted identity provider by its entity ID;
    // nullopt for an unknown issuer.
    using TrustLookup = std::function<std::optional<QList<QByteArray>>(const QString& entityId)>;

    struct Expectations
    {
        QString audience; // the tenant's saml_audience
        QString recipient; // the tenant's saml_token_url
        qint64 now = 0;
        qint64 skew = 60;
    };

    struct Accepted
    {
        QString assertionId;
        QString issuer;
        QString nameId;
        // The last moment (Unix seconds, skew included) at which this
        // assertion could still be accepted: how long its ID must be kept.
        qint64 acceptableUntil = 0;
    };

    struct Refused
    {
        QString rule; // names the failed rule; never content of the assertion
    };

    using Result = std::variant<Accepted, Refused>;

    static Result verify(QByteArrayView xml, const TrustLookup& trust, const Expectations& expected);
};

} // namespace appint
