#include "cli/ClientsCommand.h"

#include "cli/CliContext.h"
#include "cli/TenantConnection.h"
#include "cli/TextTable.h"
#include "core/ClientQuery.h"
#include "core/ClientRules.h"
#include "core/Duration.h"
#include "keychain/KeychainKeys.h"
#include "service/TenantApi.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <climits>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
constexpr qint64 ListPageSize = 1000;

QCommandLineOption searchOption()
{
    return {u"search"_s, ClientsCommand::tr("list: only clients whose name, client ID or user ID contains TEXT."),
            u"TEXT"_s};
}

QCommandLineOption purposeOption()
{
    return {u"purpose"_s, ClientsCommand::tr("list: only clients of this purpose: interactive, api or technical."),
            u"PURPOSE"_s};
}

QCommandLineOption statusOption()
{
    return {u"status"_s,
            ClientsCommand::tr("list: only clients in this state: active, expiring (within 14 days) or expired."),
            u"STATUS"_s};
}

QString utcText(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(u"yyyy-MM-dd HH:mm 'UTC'"_s);
}

QString stateText(ExpiryState state)
{
    switch (state) {
    case ExpiryState::Active:
        return ClientsCommand::tr("active");
    case ExpiryState::Expiring:
        return ClientsCommand::tr("expiring");
    case ExpiryState::Expired:
        return ClientsCommand::tr("expired");
    }
    return QString();
}

QString expiryText(const Client& client)
{
    return client.clientSecretExpiresAt == 0 ? ClientsCommand::tr("never") : utcText(client.clientSecretExpiresAt);
}

void printJson(CliContext& context, const QJsonDocument& document)
{
    context.writeOutput(document.toJson(QJsonDocument::Indented));
}
} // namespace

Command::Help ClientsCommand::help() const
{
    return {u"clients"_s, tr("List, show or delete the tenant's OAuth clients"),
            u"clients list [--search TEXT] [--purpose PURPOSE] [--status STATUS] | clients show ID | clients delete ID"
            u"  [--tenant URL] [--json]"_s,
            tr("list: every client (or those matching the filters) as a table, or as a JSON array of client "
               "objects with --json.\n"
               "show ID: one client's fields, or its client object with --json.\n"
               "delete ID: deletes the client at once, without asking (it cannot be undone), and removes its secret "
               "from the system keychain if one was saved there.\n\n"
               "The tenant's credentials come from appint login.")};
}

void ClientsCommand::addOptions(QCommandLineParser& parser) const
{
    parser.addOption(tenantOption());
    parser.addOption(jsonOption());
    parser.addOption(searchOption());
    parser.addOption(purposeOption());
    parser.addOption(statusOption());
}

int ClientsCommand::run(const QCommandLineParser& parser, CliContext& context) const
{
    const QStringList arguments = parser.positionalArguments();
    const QString action = arguments.value(0);
    const auto expect = [&](qsizetype count) -> std::optional<int> {
        if (arguments.size() < count) {
            return context.fail(ExitCode::Usage, tr("clients %1 needs a client ID.").arg(action));
        }
        if (arguments.size() > count) {
            return context.fail(ExitCode::Usage, tr("Unexpected argument \"%1\".").arg(arguments.at(count)));
        }
        return std::nullopt;
    };
    if (action.isEmpty()) {
        return context.fail(ExitCode::Usage, tr("Say what to do: clients list, clients show ID or clients delete ID."));
    }
    if (action != u"list"_s && action != u"show"_s && action != u"delete"_s) {
        return context.fail(ExitCode::Usage,
                            tr("Unknown action \"%1\": use list, show or delete.").arg(CliContext::oneLine(action)));
    }
    if (action != u"list"_s
        && (parser.isSet(searchOption()) || parser.isSet(purposeOption()) || parser.isSet(statusOption()))) {
        return context.fail(ExitCode::Usage, tr("--search, --purpose and --status are for clients list."));
    }
    if (const auto failed = expect(action == u"list"_s ? 1 : 2)) {
        return *failed;
    }

    TenantConnection connection(context);
    if (auto failure = connection.open(parser.value(tenantOption()))) {
        return context.fail(*failure);
    }
    const bool json = parser.isSet(jsonOption());
    if (action == u"list"_s) {
        return list(parser, context, connection);
    }
    if (action == u"show"_s) {
        return show(arguments.at(1), json, context, connection);
    }
    return remove(arguments.at(1), json, context, connection);
}

int ClientsCommand::list(const QCommandLineParser& parser, CliContext& context, TenantConnection& connection) const
{
    ClientQuery query;
    query.text = parser.value(searchOption());
    if (parser.isSet(purposeOption())) {
        query.purpose = purposeFromId(parser.value(purposeOption()));
        if (!query.purpose) {
            return context.fail(ExitCode::Usage, tr("--purpose: use interactive, api or technical."));
        }
    }
    if (parser.isSet(statusOption())) {
        const QString status = parser.value(statusOption());
        if (status == u"active"_s) {
            query.status = ClientQuery::Status::Active;
        } else if (status == u"expiring"_s) {
            query.status = ClientQuery::Status::Expiring;
        } else if (status == u"expired"_s) {
            query.status = ClientQuery::Status::Expired;
        } else {
            return context.fail(ExitCode::Usage, tr("--status: use active, expiring or expired."));
        }
    }

    // The list streams (issue 11): each page is checked, then printed as it
    // arrives, and dropped; memory stays that of one page whatever the
    // tenant's size. The order is the server's (sort=client_name, the API's
    // default), so nothing needs all clients at once.
    const bool json = parser.isSet(jsonOption());
    const qint64 now = context.now();
    const QStringList headers{tr("CLIENT ID"), tr("NAME"), tr("PURPOSE"), tr("STATUS"), tr("EXPIRES")};
    QList<qsizetype> widths; // the text table's columns so far: they only widen
    qint64 printed = 0;
    qint64 rejected = 0;
    QString firstRejection;
    const auto printPage = [&](const Clients& items) {
        if (items.isEmpty()) {
            return;
        }
        if (json) {
            QByteArray text;
            for (const Client& client : items) {
                text += printed == 0 && text.isEmpty() ? QByteArrayView("[\n    ") : QByteArrayView(",\n    ");
                QByteArray element = QJsonDocument(client.toJson(now)).toJson(QJsonDocument::Indented);
                element.chop(1); // its last line break
                text += element.replace('\n', "\n    ");
            }
            context.writeOutput(text);
        } else {
            TextTable table(headers);
            table.widenTo(widths);
            for (const Client& client : items) {
                table.addRow({CliContext::oneLine(client.clientId), CliContext::oneLine(client.clientName),
                              purposeDisplayName(client.purpose), stateText(client.expiryStateAt(now)),
                              expiryText(client)});
            }
            context.print((printed == 0 ? table.lines() : table.rowLines()).join(u'\n'));
            widths = table.columnWidths();
        }
        printed += items.size();
    };
    // Pages of 1000 rather than the API's largest (5000): the first line
    // comes sooner and a page's transient memory (answer, parsed JSON,
    // clients, output) is a fifth; the server's cost per client is the same.
    connection.api().setLoadAllPageSize(ListPageSize);
    const Result<qint64> loaded = context.wait<Result<qint64>>([&](QObject* owner, auto done) {
        connection.api().loadAllClientsUntil(
            query, owner,
            [&](const ClientPage& page) {
                // A page with items that break the contract is not printed,
                // not even its good items, and ends the list.
                if (page.rejected > 0) {
                    rejected = page.rejected;
                    firstRejection = page.firstRejection;
                    return false;
                }
                printPage(page.items);
                return true;
            },
            done);
    });
    // What follows a failure once part of the list is on standard output;
    // a JSON array stays unclosed, so that no JSON parser takes it for a list.
    const QString incomplete = tr("the clients printed above are an incomplete list.");
    if (!loaded.ok()) {
        CliFailure failure = CliFailure::fromResult(loaded, tr("The clients cannot be listed:"));
        if (printed > 0) {
            if (json) {
                context.writeOutput("\n");
            }
            failure.message += u' ' + tr("Listing stopped; %1").arg(incomplete);
        }
        return context.fail(failure);
    }
    if (rejected > 0) {
        // Items that break the contract are never printed, blank or guessed.
        if (printed == 0) {
            return context.fail(CliFailure{ExitCode::Error,
                                           tr("The tenant sent %n client(s) in a form that does not follow the API "
                                              "(the first: %1); nothing was printed.",
                                              nullptr, int(std::min<qint64>(rejected, INT_MAX)))
                                               .arg(firstRejection)});
        }
        if (json) {
            context.writeOutput("\n");
        }
        return context.fail(CliFailure{ExitCode::Error,
                                       tr("A later page of the list held clients in a form that does not follow the "
                                          "API (%1 of them; the first: %2); %3")
                                           .arg(QLocale().toString(rejected), firstRejection, incomplete)});
    }

    if (json) {
        context.writeOutput(printed == 0 ? QByteArrayLiteral("[\n]\n") : QByteArrayLiteral("\n]\n"));
        return toInt(ExitCode::Ok);
    }
    if (printed == 0) {
        context.print(tr("No clients."));
        return toInt(ExitCode::Ok);
    }
    context.print(tr("%n client(s)", nullptr, int(std::min<qint64>(printed, INT_MAX))));
    return toInt(ExitCode::Ok);
}

int ClientsCommand::show(const QString& clientId, bool json, CliContext& context, TenantConnection& connection) const
{
    const Result<Client> found = context.wait<Result<Client>>(
        [&](QObject* owner, auto done) { connection.api().client(clientId, owner, done); });
    if (!found.ok()) {
        return context.fail(CliFailure::fromResult(found, tr("The client cannot be shown:")));
    }
    const Client& client = found.value;
    const qint64 now = context.now();
    if (json) {
        printJson(context, QJsonDocument(client.toJson(now)));
        return toInt(ExitCode::Ok);
    }

    QList<std::pair<QString, QString>> rows;
    rows.append({tr("Client ID"), client.clientId});
    rows.append({tr("Name"), client.clientName});
    rows.append({tr("Purpose"), purposeDisplayName(client.purpose)});
    rows.append({tr("Status"), stateText(client.expiryStateAt(now))});
    rows.append({tr("Grant types"), client.grantTypes.join(u", "_s)});
    if (ClientRules::hasUserId(client.purpose)) {
        rows.append({tr("Technical user"), client.userId});
    }
    if (ClientRules::hasRoles(client.purpose)) {
        rows.append(
            {tr("Roles"), client.roles.isEmpty() ? tr("none") : RoleAssignment::joinedText(client.roles, u"\n")});
    }
    if (ClientRules::hasAccess(client.purpose)) {
        rows.append({tr("Access"), client.access.join(u", "_s)});
    }
    if (ClientRules::hasRedirectUri(client.purpose)) {
        rows.append({tr("Redirect URI"), client.redirectUris.join(u'\n')});
    }
    rows.append({tr("Token lifetime"), formatDuration(client.accessTokenLifetime)});
    if (ClientRules::hasRefreshToken(client.purpose)) {
        rows.append({tr("Refresh token lifetime"), formatDuration(client.refreshTokenLifetime)});
    }
    rows.append({tr("Expires"), expiryText(client)});
    if (client.clientIdIssuedAt > 0) {
        rows.append({tr("Created"), utcText(client.clientIdIssuedAt)});
    }
    if (client.secretRetrievable) {
        rows.append({tr("Secret"), tr("retrievable (legacy client)")});
    }

    qsizetype width = 0;
    for (const auto& row : std::as_const(rows)) {
        width = std::max(width, TextTable::displayWidth(row.first));
    }
    QStringList lines;
    for (const auto& [label, value] : std::as_const(rows)) {
        const QStringList valueLines = value.split(u'\n');
        for (qsizetype i = 0; i < valueLines.size(); ++i) {
            const QString left = i == 0 ? label : QString();
            lines.append(left + QString(width - TextTable::displayWidth(left) + 2, QLatin1Char(' '))
                         + CliContext::oneLine(valueLines.at(i)));
        }
    }
    context.print(lines.join(u'\n'));
    return toInt(ExitCode::Ok);
}

int ClientsCommand::remove(const QString& clientId, bool json, CliContext& context, TenantConnection& connection) const
{
    const EmptyResult deleted = context.wait<EmptyResult>(
        [&](QObject* owner, auto done) { connection.api().deleteClient(clientId, owner, done); });
    if (!deleted.ok()) {
        return context.fail(CliFailure::fromResult(deleted, tr("The client cannot be deleted:")));
    }

    // A secret saved for the client is useless now: take it out of the keychain.
    bool secretRemoved = false;
    const QString key = KeychainKeys::clientSecret(connection.profile().url, clientId);
    KeychainResult saved = context.readSecret(key);
    wipeString(saved.secret); // only whether there is one matters
    if (saved.ok()) {
        const KeychainResult removed = context.removeSecret(key);
        secretRemoved = removed.ok();
        if (!removed.ok()) {
            context.warn(
                tr("The client's saved secret could not be removed from the keychain: %1").arg(removed.message));
        }
    } else if (saved.status != KeychainStatus::NotFound && saved.status != KeychainStatus::NoService) {
        context.warn(
            tr("Whether a secret of the client is saved in the keychain could not be checked: %1").arg(saved.message));
    }

    if (json) {
        printJson(context,
                  QJsonDocument(QJsonObject{
                      {u"client_id"_s, clientId}, {u"deleted"_s, true}, {u"saved_secret_removed"_s, secretRemoved}}));
        return toInt(ExitCode::Ok);
    }
    context.print(secretRemoved ? tr("Deleted client %1 and removed its saved secret from the system keychain.")
                                      .arg(CliContext::oneLine(clientId))
                                : tr("Deleted client %1.").arg(CliContext::oneLine(clientId)));
    return toInt(ExitCode::Ok);
}

} // namespace appint
