#pragma once

#include "core/Client.h"
#include "core/SheetDocument.h"
#include "core/SheetFormat.h"
#include "core/TenantInfo.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <optional>

namespace appint {

// Where a secret that is at hand comes from.
enum class SecretOrigin {
    Issued, // shown once, at creation or when an expired client was extended
    Keychain, // saved in the system keychain when it was issued
};

struct ConnectionSheetInput
{
    TenantInfo tenant;
    Client client;
    // Only when it is at hand; an empty string counts as not at hand.
    std::optional<QString> secret;
    SecretOrigin secretOrigin = SecretOrigin::Issued;
    qint64 generatedAt = 0; // Unix seconds: the "generated" line and the expired state
};

// "Export Connection Sheet…": what an administrator hands to the users of a
// client (seeds 000 and 001, "Provide the following information to users"),
// in the formats of SheetFormat. No I/O: the GUI and the CLI write the files,
// with mode 0600 when containsSecret() (docs/connection-sheets.md).
//
// When the secret is not at hand, no format pretends otherwise: there is no
// empty secret field, and every format says in its own way (a note, a
// comment, a "Note" key, an environment variable the curl script requires)
// that the secret is not included.
class ConnectionSheet
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionSheet)

public:
    explicit ConnectionSheet(ConnectionSheetInput input);

    const ConnectionSheetInput& input() const { return m_input; }

    // The secret is at hand and therefore in the document and in every format.
    bool containsSecret() const;

    // The structured sheet for painters (PDF) and the Markdown renderer.
    SheetDocument document() const;

    // The file's bytes (UTF-8; BTP destinations pure ASCII). Empty for Pdf,
    // which the GUI paints from document().
    QByteArray render(SheetFormat format) const;

    // Whether the format fits the client: the BTP destination and the Cloud
    // Integration artifact use the client credentials grant, so they fit only
    // clients that have it. render() makes them for any client, with a note.
    bool fits(SheetFormat format) const;

    // "sales-reporting-connection-sheet.pdf", "sales-reporting.env", ...
    QString suggestedFileName(SheetFormat format) const;

    // The name of the BTP destination and of the Cloud Integration artifact:
    // the client name as [A-Za-z0-9_-], else "appint_<client id>".
    QString artifactName() const;

    // Section titles and row labels of document(), for painters and tests.
    static QString clientSectionTitle();
    static QString rolesSectionTitle();
    static QString standardFlowTitle();
    static QString samlFlowTitle();
    static QString clientIdLabel();
    static QString secretLabel();
    static QString authorizationUrlLabel();
    static QString tokenUrlLabel();
    static QString samlTokenUrlLabel();
    static QString samlAudienceLabel();
    static QString secretNotIncludedNote();

private:
    enum class Grant { ClientCredentials, Saml2Bearer, AuthorizationCode };

    Grant grant() const;
    QString secret() const;
    QString generatedText() const;
    QString describeClient() const;

    QByteArray renderJson() const;
    QByteArray renderBtpDestination() const;
    QByteArray renderCloudIntegration() const;
    QByteArray renderCurl() const;
    QByteArray renderEnv() const;
    QByteArray renderMarkdown() const;

    ConnectionSheetInput m_input;
};

} // namespace appint
