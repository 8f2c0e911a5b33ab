#pragma once

#include "console/AdminCredentials.h"

#include <QCoreApplication>
#include <QString>
#include <QUrl>

#include <memory>

namespace appint {

class ServerThread;

// The "Local sandbox tenant": the tenant service on its own thread inside the
// console, on 127.0.0.1 with the port of its last start (an ephemeral one
// the first time or when that is taken), over an SQLite store in
// `dataDir` (by default the user's data folder + "/sandbox"), seeded with the
// demo data on first start. The console reaches it over real HTTP like any
// tenant, with the administrator credentials from its bootstrap-admin.json.
class SandboxTenant
{
    Q_DECLARE_TR_FUNCTIONS(SandboxTenant)

public:
    explicit SandboxTenant(QString dataDir = {});
    ~SandboxTenant();

    static QString defaultDataDir();

    bool start(QString* error);
    QUrl baseUrl() const;
    QString dataDir() const { return m_dataDir; }
    const AdminCredentials& credentials() const { return m_credentials; }

private:
    QString m_dataDir;
    std::unique_ptr<ServerThread> m_thread;
    AdminCredentials m_credentials;
};

} // namespace appint
