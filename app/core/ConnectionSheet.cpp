#include "core/ConnectionSheet.h"

#include "core/ClientRules.h"
#include "core/Duration.h"
#include "core/OAuthNames.h"
#include "core/SheetEscaping.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

QString utcText(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(u"yyyy-MM-dd HH:mm 'UTC'"_s);
}

// The names the curl script and the .env file share.
const QString EnvClientId = u"OAUTH_CLIENT_ID"_s;
const QString EnvClientSecret = u"OAUTH_CLIENT_SECRET"_s;
const QString EnvTokenUrl = u"OAUTH_TOKEN_URL"_s;
const QString EnvAuthorizationUrl = u"OAUTH_AUTHORIZATION_URL"_s;
const QString EnvSamlTokenUrl = u"OAUTH_SAML_TOKEN_URL"_s;
const QString EnvSamlAudience = u"OAUTH_SAML_AUDIENCE"_s;

// `: "${NAME:?message}"`: the shell stops with the message when NAME is unset
// or empty. The message loses what would end or expand the word.
QString requireVariable(const QString& name, const QString& message)
{
    QString word;
    for (QChar c : sheet::commentText(message)) {
        if (c != u'"' && c != u'$' && c != u'`' && c != u'\\' && c != u'}') {
            word += c;
        }
    }
    return u": \"${"_s + name + u":?"_s + word + u"}\""_s;
}

// Collects lines and joins them with '\n', with a final line break.
class Lines
{
public:
    Lines& operator<<(const QString& line)
    {
        m_text += line;
        m_text += u'\n';
        return *this;
    }
    QByteArray utf8() const { return m_text.toUtf8(); }

private:
    QString m_text;
};

} // namespace

ConnectionSheet::ConnectionSheet(ConnectionSheetInput input)
    : m_input(std::move(input))
{
    if (m_input.secret && m_input.secret->isEmpty()) {
        m_input.secret.reset();
    }
}

bool ConnectionSheet::containsSecret() const
{
    return m_input.secret.has_value();
}

QString ConnectionSheet::secret() const
{
    return m_input.secret.value_or(QString());
}

ConnectionSheet::Grant ConnectionSheet::grant() const
{
    const Client& client = m_input.client;
    if (client.grantTypes.contains(oauth::GrantSaml2Bearer)) {
        return Grant::Saml2Bearer;
    }
    if (client.purpose == Purpose::Interactive || client.grantTypes.contains(oauth::GrantAuthorizationCode)) {
        return Grant::AuthorizationCode;
    }
    return Grant::ClientCredentials;
}

bool ConnectionSheet::fits(SheetFormat format) const
{
    if (format == SheetFormat::BtpDestination || format == SheetFormat::CloudIntegration) {
        return grant() == Grant::ClientCredentials;
    }
    return true;
}

QString ConnectionSheet::artifactName() const
{
    QString name = sheet::identifier(m_input.client.clientName);
    if (name.isEmpty()) {
        const QString id = sheet::identifier(m_input.client.clientId);
        name = id.isEmpty() ? u"appint_client"_s : u"appint_"_s + id;
    }
    return name;
}

QString ConnectionSheet::suggestedFileName(SheetFormat format) const
{
    QString base = sheet::identifier(m_input.client.clientName, 60).toLower().replace(u'_', u'-');
    if (base.isEmpty()) {
        base = sheet::identifier(m_input.client.clientId, 60).toLower().replace(u'_', u'-');
    }
    if (base.isEmpty()) {
        base = u"client"_s;
    }
    switch (format) {
    case SheetFormat::Pdf:
        return base + u"-connection-sheet.pdf"_s;
    case SheetFormat::Json:
        return base + u"-secrets.json"_s;
    case SheetFormat::BtpDestination:
        return base + u"-destination.properties"_s;
    case SheetFormat::CloudIntegration:
        return base + u"-oauth2-client-credentials.json"_s;
    case SheetFormat::Curl:
        return base + u"-token.sh"_s;
    case SheetFormat::Env:
        return base + u".env"_s;
    case SheetFormat::Markdown:
        return base + u"-connection-sheet.md"_s;
    }
    Q_UNREACHABLE();
}

QString ConnectionSheet::clientSectionTitle()
{
    return tr("Client");
}

QString ConnectionSheet::rolesSectionTitle()
{
    return tr("Roles and spaces");
}

QString ConnectionSheet::standardFlowTitle()
{
    return tr("Standard OAuth 2.0 flow");
}

QString ConnectionSheet::samlFlowTitle()
{
    return tr("OAuth2SAMLBearer principal propagation flow");
}

QString ConnectionSheet::clientIdLabel()
{
    return tr("Client ID");
}

QString ConnectionSheet::secretLabel()
{
    return tr("Secret");
}

QString ConnectionSheet::authorizationUrlLabel()
{
    return tr("Authorization URL");
}

QString ConnectionSheet::tokenUrlLabel()
{
    return tr("Token URL");
}

QString ConnectionSheet::samlTokenUrlLabel()
{
    return tr("OAuth2SAML Token URL");
}

QString ConnectionSheet::samlAudienceLabel()
{
    return tr("OAuth2SAML Audience");
}

QString ConnectionSheet::secretNotIncludedNote()
{
    return tr("The secret is not included in this sheet. It is shown only once, when the client is created or its "
              "expiry date is extended: add it from where it was saved.");
}

QString ConnectionSheet::generatedText() const
{
    return tr("Generated by App Integration Console on %1.").arg(utcText(m_input.generatedAt));
}

QString ConnectionSheet::describeClient() const
{
    return tr("the OAuth client \"%1\" (%2) of the tenant %3 (%4)")
        .arg(m_input.client.clientName, m_input.client.clientId, m_input.tenant.tenantName, m_input.tenant.issuer);
}

SheetDocument ConnectionSheet::document() const
{
    const TenantInfo& tenant = m_input.tenant;
    const Client& client = m_input.client;
    const Purpose purpose = client.purpose;
    const bool expired = client.isExpiredAt(m_input.generatedAt);

    SheetDocument document;
    document.title = tr("Connection sheet: %1").arg(client.clientName);
    document.subtitle = tr("Tenant %1, generated on %2").arg(tenant.tenantName, utcText(m_input.generatedAt));

    SheetSection about{clientSectionTitle(), tr("Field"), tr("Value"), {}, {}};
    about.rows.append({tr("Tenant"), tenant.tenantName});
    about.rows.append({tr("Tenant URL"), tenant.issuer, true});
    about.rows.append({tr("Client name"), client.clientName});
    about.rows.append({clientIdLabel(), client.clientId, true});
    about.rows.append({tr("Purpose"), purposeDisplayName(purpose)});
    if (ClientRules::hasUserId(purpose)) {
        about.rows.append({tr("Technical user"), client.userId, true});
    }
    if (ClientRules::hasAccess(purpose)) {
        QStringList names;
        for (const QString& access : client.access) {
            names.append(ClientRules::accessDisplayName(access));
        }
        about.rows.append({tr("Access"), names.join(u", "_s)});
    }
    QStringList grants;
    for (const QString& grantType : client.grantTypes) {
        grants.append(ClientRules::grantTypeDisplayName(grantType));
    }
    about.rows.append({tr("Authorization grant"), grants.join(u", "_s)});
    if (ClientRules::hasRedirectUri(purpose) && !client.redirectUris.isEmpty()) {
        about.rows.append({tr("Redirect URI"), client.redirectUris.join(u", "_s), true});
    }
    QString expiry = tr("Never");
    if (client.clientSecretExpiresAt != 0) {
        expiry = expired ? tr("%1 (expired)").arg(utcText(client.clientSecretExpiresAt))
                         : utcText(client.clientSecretExpiresAt);
    }
    about.rows.append({tr("Expiry date"), expiry});
    about.rows.append({tr("Token lifetime"), formatDuration(client.accessTokenLifetime)});
    if (ClientRules::hasRefreshToken(purpose) && client.refreshTokenLifetime > 0) {
        about.rows.append({tr("Refresh token lifetime"), formatDuration(client.refreshTokenLifetime)});
    }
    if (client.clientIdIssuedAt > 0) {
        about.rows.append({tr("Created"), utcText(client.clientIdIssuedAt)});
    }
    document.sections.append(about);

    if (ClientRules::hasRoles(purpose)) {
        SheetSection roles{rolesSectionTitle(), tr("Role"), tr("Spaces"), {}, {}};
        for (const RoleAssignment& role : client.roles) {
            roles.rows.append({role.roleId, role.spaces.isEmpty() ? tr("Global role") : role.spaces.join(u", "_s)});
        }
        if (roles.rows.isEmpty()) {
            roles.notes.append(tr("No roles are assigned."));
        }
        document.sections.append(roles);
    }

    // Seeds 000 and 001: "Provide the following information to users who will use the client".
    SheetSection standard{standardFlowTitle(), tr("Parameter"), tr("Value"), {}, {}};
    standard.rows.append({clientIdLabel(), client.clientId, true});
    if (containsSecret()) {
        standard.rows.append({secretLabel(), secret(), true, true});
    }
    if (purpose != Purpose::Technical) { // "not required for clients with a Technical User purpose"
        standard.rows.append({authorizationUrlLabel(), tenant.authorizationUrl, true});
    }
    standard.rows.append({tokenUrlLabel(), tenant.tokenUrl, true});
    if (!containsSecret()) {
        standard.notes.append(secretNotIncludedNote());
    }
    standard.notes.append(purpose == Purpose::Technical
                              ? tr("Users of a client with a Technical User purpose, which has its own roles, access "
                                   "their resources directly.")
                              : tr("Users of this client authenticate against the identity provider to obtain an "
                                   "authorization code before they continue with the remaining OAuth 2.0 steps."));
    document.sections.append(standard);

    SheetSection saml{samlFlowTitle(), tr("Parameter"), tr("Value"), {}, {}};
    saml.rows.append({clientIdLabel(), client.clientId, true});
    if (containsSecret()) {
        saml.rows.append({secretLabel(), secret(), true, true});
    }
    saml.rows.append({samlTokenUrlLabel(), tenant.samlTokenUrl, true});
    saml.rows.append({samlAudienceLabel(), tenant.samlAudience, true});
    if (!containsSecret()) {
        saml.notes.append(secretNotIncludedNote());
    }
    saml.notes.append(purpose == Purpose::Technical
                          ? tr("Users of a client with a Technical User purpose can then access their resources "
                               "directly.")
                          : tr("Users authenticate with their own application, which has a trusted relationship "
                               "with the identity provider, and do not need to sign in again."));
    document.sections.append(saml);

    if (containsSecret()) {
        if (m_input.secretOrigin == SecretOrigin::Keychain) {
            document.notes.append(tr("The secret in this sheet comes from the system keychain, where it was saved "
                                     "when it was issued."));
        }
        document.notes.append(tr("This sheet contains the client secret. Keep it like a password: hand it over on a "
                                 "secure channel and delete copies that are no longer needed."));
    }
    if (expired) {
        document.notes.append(tr("This client expired on %1. Its credentials do not work until an administrator "
                                 "extends its expiry date, which issues a new secret.")
                                  .arg(utcText(client.clientSecretExpiresAt)));
    }
    return document;
}

QByteArray ConnectionSheet::render(SheetFormat format) const
{
    switch (format) {
    case SheetFormat::Pdf:
        return QByteArray();
    case SheetFormat::Json:
        return renderJson();
    case SheetFormat::BtpDestination:
        return renderBtpDestination();
    case SheetFormat::CloudIntegration:
        return renderCloudIntegration();
    case SheetFormat::Curl:
        return renderCurl();
    case SheetFormat::Env:
        return renderEnv();
    case SheetFormat::Markdown:
        return renderMarkdown();
    }
    Q_UNREACHABLE();
}

QByteArray ConnectionSheet::renderJson() const
{
    // The shape the datasphere CLI reads with --secrets-file.
    QJsonObject object{
        {u"client_id"_s, m_input.client.clientId},
        {u"authorization_url"_s, m_input.tenant.authorizationUrl},
        {u"token_url"_s, m_input.tenant.tokenUrl},
    };
    if (containsSecret()) {
        object.insert(u"client_secret"_s, secret());
    }
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

QByteArray ConnectionSheet::renderBtpDestination() const
{
    const auto comment = [](const QString& text) -> QString { return u"# "_s + sheet::propertiesComment(text); };
    const auto property = [](const QString& key, const QString& value) -> QString {
        return sheet::propertiesKey(key) + u'=' + sheet::propertiesValue(value);
    };
    Lines lines;
    lines << comment(tr("SAP BTP destination for %1.").arg(describeClient())) << comment(generatedText());
    if (!fits(SheetFormat::BtpDestination)) {
        lines << comment(tr("Note: this client does not use the client credentials grant, so a destination of type "
                            "OAuth2ClientCredentials cannot get a token with it."));
    }
    lines << comment(containsSecret() ? tr("This file contains the client secret: keep it like a password.")
                                      : tr("clientSecret is not included: add the client secret before you import the "
                                           "destination."));
    lines << property(u"Name"_s, artifactName()) << property(u"Type"_s, u"HTTP"_s)
          << property(u"URL"_s, m_input.tenant.issuer) << property(u"ProxyType"_s, u"Internet"_s)
          << property(u"Authentication"_s, u"OAuth2ClientCredentials"_s)
          << property(u"clientId"_s, m_input.client.clientId);
    if (containsSecret()) {
        lines << property(u"clientSecret"_s, secret());
    }
    lines << property(u"tokenServiceURL"_s, m_input.tenant.tokenUrl)
          << property(u"tokenServiceURLType"_s, u"Dedicated"_s);
    return lines.utf8();
}

QByteArray ConnectionSheet::renderCloudIntegration() const
{
    // Seed 003's attributes in the order of the form, as one JSON object.
    QList<std::pair<QString, QString>> fields{{u"Type"_s, u"OAuth2 Client Credentials"_s}};
    QStringList notes;
    if (!fits(SheetFormat::CloudIntegration)) {
        notes.append(tr("This client does not use the client credentials grant, so this artifact cannot get a "
                        "token with it."));
    }
    if (!containsSecret()) {
        notes.append(tr("The client secret is not included: enter it in the Client Secret field."));
    }
    if (!notes.isEmpty()) {
        fields.append({u"Note"_s, notes.join(u' ')});
    }
    fields.append({u"Name"_s, artifactName()});
    fields.append({u"Description"_s, tr("Client credentials of %1").arg(describeClient())});
    fields.append({u"Token Service URL"_s, m_input.tenant.tokenUrl});
    fields.append({u"Client ID"_s, m_input.client.clientId});
    if (containsSecret()) {
        fields.append({u"Client Secret"_s, secret()});
    }
    fields.append({u"Client Authentication"_s, u"Send as Body Parameter"_s});
    fields.append({u"Scope"_s, QString()});
    fields.append({u"Content Type"_s, u"application/x-www-form-urlencoded"_s});
    fields.append({u"Resource"_s, QString()});
    fields.append({u"Audience"_s, QString()});

    QString text = u"{\n"_s;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        text += u"    "_s + sheet::jsonString(fields.at(i).first) + u": "_s + sheet::jsonString(fields.at(i).second);
        text += i + 1 < fields.size() ? u",\n"_s : u"\n"_s;
    }
    text += u"}\n"_s;
    return text.toUtf8();
}

QByteArray ConnectionSheet::renderCurl() const
{
    const TenantInfo& tenant = m_input.tenant;
    const Client& client = m_input.client;
    const auto comment = [](const QString& text) -> QString { return u"# "_s + sheet::commentText(text); };
    const auto urlencoded = [](const QString& argument) -> QString {
        return u"  --data-urlencode "_s + sheet::shellQuote(argument) + u" \\"_s;
    };

    Lines lines;
    lines << u"#!/bin/sh"_s << comment(tr("Requests an access token for %1.").arg(describeClient()))
          << comment(generatedText())
          << comment(tr("The secret reaches curl on standard input, so it never shows in the process list."));
    lines << u"set -eu"_s;
    if (containsSecret()) {
        lines << comment(tr("This file contains the client secret: keep it like a password."))
              << EnvClientSecret + u'=' + sheet::shellQuote(secret());
    } else {
        lines << comment(
            tr("The client secret is not included: set %1 before you run this script.").arg(EnvClientSecret))
              << requireVariable(EnvClientSecret, tr("Set %1 to the client secret.").arg(EnvClientSecret));
    }

    QString endpoint = tenant.tokenUrl;
    QStringList grantArguments;
    switch (grant()) {
    case Grant::ClientCredentials:
        grantArguments << urlencoded(u"grant_type="_s + oauth::GrantClientCredentials);
        break;
    case Grant::Saml2Bearer:
        endpoint = tenant.samlTokenUrl;
        lines << comment(tr("OAuth2SAMLBearer (RFC 7522): a SAML 2.0 assertion from your identity provider, "
                            "base64url-encoded, in SAML_ASSERTION."))
              << requireVariable(u"SAML_ASSERTION"_s,
                                 tr("Set SAML_ASSERTION to the base64url-encoded SAML assertion."));
        grantArguments << urlencoded(u"grant_type="_s + oauth::GrantSaml2Bearer)
                       << u"  --data-urlencode \"assertion=$SAML_ASSERTION\" \\"_s;
        break;
    case Grant::AuthorizationCode: {
        const QString redirectUri = client.redirectUris.value(0);
        QUrl authorize(tenant.authorizationUrl);
        QUrlQuery query(authorize);
        query.addQueryItem(u"response_type"_s, u"code"_s);
        query.addQueryItem(u"client_id"_s, QString::fromUtf8(QUrl::toPercentEncoding(client.clientId)));
        query.addQueryItem(u"redirect_uri"_s, QString::fromUtf8(QUrl::toPercentEncoding(redirectUri)));
        authorize.setQuery(query);
        lines << comment(tr("Interactive Usage: a person signs in first. Open this address in a browser, sign in, "
                            "and set AUTHORIZATION_CODE to the code parameter of the address you are sent back to:"))
              << comment(u"  "_s + authorize.toString(QUrl::FullyEncoded))
              << requireVariable(u"AUTHORIZATION_CODE"_s, tr("Set AUTHORIZATION_CODE to the code from the sign-in."));
        grantArguments << urlencoded(u"grant_type="_s + oauth::GrantAuthorizationCode)
                       << u"  --data-urlencode \"code=$AUTHORIZATION_CODE\" \\"_s
                       << urlencoded(u"redirect_uri="_s + redirectUri);
        break;
    }
    }

    lines << u"printf '%s' \"$"_s + EnvClientSecret + u"\" | curl -sS \\"_s;
    for (const QString& argument : grantArguments) {
        lines << argument;
    }
    lines << urlencoded(u"client_id="_s + client.clientId) << u"  --data-urlencode 'client_secret@-' \\"_s
          << u"  "_s + sheet::shellQuote(endpoint);
    return lines.utf8();
}

QByteArray ConnectionSheet::renderEnv() const
{
    const TenantInfo& tenant = m_input.tenant;
    const auto comment = [](const QString& text) -> QString { return u"# "_s + sheet::commentText(text); };
    const auto variable
        = [](const QString& name, const QString& value) -> QString { return name + u'=' + sheet::envValue(value); };
    Lines lines;
    lines << comment(tr("Connection parameters of %1.").arg(describeClient())) << comment(generatedText());
    lines << comment(containsSecret()
                         ? tr("This file contains the client secret: keep it like a password.")
                         : tr("The client secret is not included: add %1=... yourself.").arg(EnvClientSecret));
    lines << variable(EnvClientId, m_input.client.clientId);
    if (containsSecret()) {
        lines << variable(EnvClientSecret, secret());
    }
    lines << variable(EnvTokenUrl, tenant.tokenUrl);
    if (m_input.client.purpose != Purpose::Technical) {
        lines << variable(EnvAuthorizationUrl, tenant.authorizationUrl);
    }
    lines << variable(EnvSamlTokenUrl, tenant.samlTokenUrl) << variable(EnvSamlAudience, tenant.samlAudience);
    return lines.utf8();
}

QByteArray ConnectionSheet::renderMarkdown() const
{
    const SheetDocument doc = document();
    const auto cell = [](const SheetRow& row) -> QString {
        if (row.value.isEmpty()) {
            return u"—"_s;
        }
        return row.monospace ? sheet::markdownCode(row.value) : sheet::markdownText(row.value);
    };
    Lines lines;
    lines << u"# "_s + sheet::markdownText(doc.title) << QString() << sheet::markdownText(doc.subtitle);
    for (const SheetSection& section : doc.sections) {
        lines << QString() << u"## "_s + sheet::markdownText(section.title) << QString();
        if (!section.rows.isEmpty()) {
            lines << u"| "_s + sheet::markdownText(section.labelHeading) + u" | "_s
                    + sheet::markdownText(section.valueHeading) + u" |"_s
                  << u"| --- | --- |"_s;
            for (const SheetRow& row : section.rows) {
                lines << u"| "_s + sheet::markdownText(row.label) + u" | "_s + cell(row) + u" |"_s;
            }
        }
        for (const QString& note : section.notes) {
            lines << QString() << sheet::markdownText(note);
        }
    }
    if (!doc.notes.isEmpty()) {
        lines << QString() << u"---"_s;
        for (const QString& note : doc.notes) {
            lines << QString() << sheet::markdownText(note);
        }
    }
    return lines.utf8();
}

} // namespace appint
