#pragma once

#include "core/Secret.h"

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace appint {

// An administrator's client credentials from a file shaped like the server's
// bootstrap-admin.json: {"client_id", "client_secret", "token_url"}.
class AdminCredentials
{
    Q_DECLARE_TR_FUNCTIONS(AdminCredentials)

public:
    QString clientId;
    Secret clientSecret;
    // The admin's token endpoint (absolute http or https), empty when the
    // file names none: the session then takes the discovered one, on the
    // tenant's own host only (issue 16).
    QUrl tokenUrl;

    // Reads `path`. On failure returns false and says why in `error` (never
    // with the secret in it).
    bool load(const QString& path, QString* error);
};

} // namespace appint
