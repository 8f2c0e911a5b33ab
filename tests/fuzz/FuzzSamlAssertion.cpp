// libFuzzer target over the SAML assertion parser and verifier
// (SamlAssertionVerifier::verify: libxml2 parsing without DTDs, the wrapping
// checks, xmlsec1 signature verification, the condition checks). Seeds in
// tests/fuzz/corpus/FuzzSamlAssertion/ (signed-ec.xml verifies with the
// certificate below at the fixed time and URLs below).

#include "server/crypto/XmlSecurity.h"
#include "server/oauth/SamlAssertionVerifier.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <cstddef>
#include <cstdint>

namespace {

// The fuzz IdP's EC P-256 certificate (CN=fuzz-idp), DER in base64.
const char* const FuzzIdpCertificate
    = "MIIBfDCCASOgAwIBAgIUYw2veBboXIzgbTqkaBRA3dfoZ/"
      "0wCgYIKoZIzj0EAwIwEzERMA8GA1UEAwwIZnV6ei1pZHAwIBcNMjYxMjAyMTgwNDI5WhgPMjEyNjExMDgxODA0MjlaMBMxETAPBgNVBAMMCGZ1en"
      "otaWRwMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEJS74yZN6G+t6Ci6g+k4rItLoGMcFv4QWD19j54elg7D+ED+"
      "OqYTGBBZNh01vPOyU4xIskeTudepriVn/Wf6mTqNTMFEwHQYDVR0OBBYEFLxQE+87uLYYo/GqEdZELI/"
      "DmeqjMB8GA1UdIwQYMBaAFLxQE+87uLYYo/GqEdZELI/DmeqjMA8GA1UdEwEB/"
      "wQFMAMBAf8wCgYIKoZIzj0EAwIDRwAwRAIgSYIu68c4SkBHuhzVAqVDySeUt7mKs1CxE27gpW7m0N0CIEWIKfcLPjmPgVIhwPMvF35kFKZ2RQIlB"
      "NRWC3Uz/K25";

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const bool ready = appint::XmlSecurity::initialize();
    static const QList<QByteArray> certificates{QByteArray::fromBase64(QByteArray(FuzzIdpCertificate))};
    if (!ready) {
        return 0;
    }
    const auto trust = [](const QString& entityId) -> std::optional<QList<QByteArray>> {
        if (entityId == QStringLiteral("https://idp.example.com/saml")) {
            return certificates;
        }
        return std::nullopt;
    };
    appint::SamlAssertionVerifier::Expectations expected;
    expected.audience = QStringLiteral("http://127.0.0.1");
    expected.recipient = QStringLiteral("http://127.0.0.1/oauth/token/alias/saml2");
    expected.now = 1'750'000'000 + 60; // 2025-06-15T15:07:40Z: inside signed-ec.xml's window
    const auto result = appint::SamlAssertionVerifier::verify(
        QByteArrayView(reinterpret_cast<const char*>(data), qsizetype(size)), trust, expected);
    (void)result;
    return 0;
}
