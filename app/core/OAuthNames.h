#pragma once

#include <QString>

// Wire names shared by the server, the service layer and the console.
namespace appint::oauth {

inline const QString GrantAuthorizationCode = QStringLiteral("authorization_code");
inline const QString GrantRefreshToken = QStringLiteral("refresh_token");
inline const QString GrantClientCredentials = QStringLiteral("client_credentials");
inline const QString GrantSaml2Bearer = QStringLiteral("urn:ietf:params:oauth:grant-type:saml2-bearer");

inline const QString AccessUserProvisioning = QStringLiteral("user_provisioning");
inline const QString AccessContentNetwork = QStringLiteral("content_network");

inline const QString RoleAdministrator = QStringLiteral("DW_ADMINISTRATOR");

} // namespace appint::oauth
