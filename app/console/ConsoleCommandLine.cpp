#include "console/ConsoleCommandLine.h"

#include "core/CommandLine.h"

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace appint {

ConsoleCommandLine::Parsed ConsoleCommandLine::parse(const QStringList& arguments)
{
    Parsed result;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("App Integration Console: the OAuth 2.0 clients of a tenant.\n\n"
           "Without options the console opens the tenant used last (its secret from the system keychain), or\n"
           "else the local sandbox tenant: the tenant service runs inside the console on 127.0.0.1, with its\n"
           "data under the user's data folder and demo clients on first start. Tenants are added with\n"
           "Tenant > Connect to a Tenant."));
    const QCommandLineOption help(QStringList{u"h"_s, u"help"_s}, tr("Show this help and exit."));
    const QCommandLineOption version(QStringList{u"v"_s, u"version"_s}, tr("Show the version and exit."));
    const QCommandLineOption tenant(u"tenant"_s, tr("Connect to the tenant service at <url> instead of the sandbox."),
                                    tr("url"));
    const QCommandLineOption credentials(
        u"admin-credentials"_s,
        tr("Administrator client credentials for --tenant: a JSON file shaped like bootstrap-admin.json."), tr("file"));
    const QCommandLineOption sandboxDir(u"sandbox-dir"_s,
                                        tr("Keep the sandbox tenant's data in <dir> (default: the user's data "
                                           "folder), and open the sandbox."),
                                        tr("dir"));
    parser.addOption(help);
    parser.addOption(version);
    parser.addOption(tenant);
    parser.addOption(credentials);
    parser.addOption(sandboxDir);
    if (!CommandLine::begin(parser, arguments, help, version, result)) {
        return result;
    }
    if (parser.isSet(tenant) != parser.isSet(credentials)) {
        result.error = tr("--tenant and --admin-credentials go together.");
        return result;
    }
    if (parser.isSet(tenant)) {
        if (parser.isSet(sandboxDir)) {
            result.error = tr("--sandbox-dir applies only to the local sandbox tenant, not with --tenant.");
            return result;
        }
        const QUrl url(parser.value(tenant), QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http"_s && url.scheme() != u"https"_s) || url.host().isEmpty()) {
            result.error = tr("--tenant needs an http or https URL, for example https://tenant.example.com");
            return result;
        }
        result.action = Action::Remote;
        result.tenantUrl = url;
        result.credentialsFile = parser.value(credentials);
        return result;
    }
    result.action = Action::Sandbox;
    result.sandboxDir = parser.value(sandboxDir);
    return result;
}

} // namespace appint
