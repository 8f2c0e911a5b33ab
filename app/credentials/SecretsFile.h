#pragma once

#include "core/Secret.h"

#include <QCoreApplication>

#include <variant>

namespace appint {

// A connection sheet in the datasphere CLI's JSON shape (`--secrets-file`),
// as the console exports it (core ConnectionSheet, SheetFormat::Json):
// {"client_id", "authorization_url", "token_url", "client_secret"?}. The
// tenant is the authorization URL without "/oauth/authorize"; the token URL
// must be on the same origin, since the secret goes there. The secret is
// optional: without it, the command line's secret options or the connect
// dialog's field give it. Read by `appint login --secrets-file` and the
// console's browser sign-in alike.
class SecretsFile
{
    Q_DECLARE_TR_FUNCTIONS(SecretsFile)

public:
    static constexpr qint64 MaximumSize = 64 * 1024;

    struct Contents
    {
        QString tenantUrl;
        QString clientId;
        Secret clientSecret; // empty when the sheet has none
    };
    // The contents, or why the file cannot be used (one sentence for people).
    using Outcome = std::variant<Contents, QString>;

    static Outcome read(const QString& path);
    static Outcome parse(const QByteArray& json, const QString& path);
};

} // namespace appint
