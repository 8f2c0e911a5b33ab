#pragma once

#include "core/AuditRecord.h"
#include "core/Client.h"
#include "core/ClientQuery.h"
#include "core/Role.h"
#include "core/Secret.h"
#include "core/Space.h"
#include "core/TenantInfo.h"
#include "service/Result.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

#include <functional>

namespace appint {

class AdminSession;

// One page of GET /api/v1/clients.
struct ClientPage
{
    Clients items;
    qint64 total = 0; // every match, not just this page
    // Items left out because they break the contract (Client::fromServerJson)
    // or repeat a client_id of this page, and what was wrong with the first.
    qint64 rejected = 0;
    QString firstRejection;
    // The collection's revision when this page was cut (empty from a tenant
    // that does not send one): the first page's is where a later
    // clientChanges() starts (docs/server.md, "Changes").
    QString revision;
};

// GET /api/v1/clients?changed_since=: what changed after a revision.
struct ClientChanges
{
    ClientPage changed; // items: created or changed clients, current state
    QStringList deleted; // client_ids
    bool more = false; // more changes: ask again from `changed.revision`
};

// POST /api/v1/clients: the new client and its secret, sent this once.
struct CreatedClient
{
    Client client;
    Secret secret;
};

// PATCH /api/v1/clients/{id}: the changed client and, when an expired client
// was extended, its new secret (empty otherwise), sent this once.
struct UpdatedClient
{
    Client client;
    Secret newSecret;
};

// The tenant management API (api.md) as asynchronous calls. Each call has a
// time limit (AdminSession::timeoutMs()) and delivers exactly one Result to
// its callback, later (never inside the call), on the thread of `context`;
// when `context` is destroyed first the callback is dropped. A 401 answer
// re-authenticates once and repeats the call once.
//
// Errors: Network / Tls / Timeout; Authentication (admin credentials
// refused); Forbidden (403); Validation (400, 422, with field errors);
// Conflict (409, with the field when one caused it); NotFound (404);
// RateLimited (429, retryAfter); Server (5xx); Protocol (an answer that is not
// the API's); Cancelled (cancelAll()).
class TenantApi : public QObject
{
    Q_OBJECT

public:
    template <typename T>
    using Callback = std::function<void(const Result<T>&)>;
    // loadAllClients: one call per page as it arrives, in order.
    using PageCallback = std::function<void(const ClientPage& page)>;
    // loadAllClientsUntil: the same, returning false to stop the load.
    using StoppablePageCallback = std::function<bool(const ClientPage& page)>;

    static constexpr qint64 LoadAllPageSize = ClientQuery::MaximumLimit;
    // loadAllClients stops with an error beyond this many clients (issue 16).
    static constexpr qint64 DefaultMaximumClients = 1'000'000;

    // `session` must outlive the API object.
    explicit TenantApi(AdminSession* session, QObject* parent = nullptr);
    ~TenantApi() override;

    AdminSession* session() const { return m_session; }

    void tenant(QObject* context, Callback<TenantInfo> callback);
    void roles(QObject* context, Callback<Roles> callback);
    void spaces(QObject* context, Callback<Spaces> callback);
    void createRole(const Role& role, QObject* context, Callback<Role> callback);
    void deleteRole(const QString& roleId, QObject* context, Callback<Empty> callback);
    void createSpace(const Space& space, QObject* context, Callback<Space> callback);
    void deleteSpace(const QString& spaceId, QObject* context, Callback<Empty> callback);

    void listClients(const ClientQuery& query, QObject* context, Callback<ClientPage> callback);
    // Every client matching q/purpose/status of `query` (its offset and limit
    // are ignored), in pages of 5000 in the query's sort order: `page` runs for
    // each page, then `done` with the number of clients delivered. A failure
    // stops the load and goes to `done`; the pages delivered before stay valid.
    void loadAllClients(const ClientQuery& query, QObject* context, PageCallback page, Callback<qint64> done);
    // loadAllClients whose `page` may stop it (a caller that streams pages
    // and refuses one): when `page` returns false no further page is asked
    // for and `done` gets success with the clients delivered so far.
    void loadAllClientsUntil(const ClientQuery& query, QObject* context, StoppablePageCallback page,
                             Callback<qint64> done);
    // The clients changed and deleted after `revision` (at most 5000 of
    // them; `more` says there are others). A revision the tenant can no
    // longer answer from is a failure with httpStatus 410: load again.
    void clientChanges(const QString& revision, QObject* context, Callback<ClientChanges> callback);
    void client(const QString& clientId, QObject* context, Callback<Client> callback);
    // Sends the fields `client`'s purpose has (api.md, "The client object");
    // read-only fields are not sent.
    void createClient(const Client& client, QObject* context, Callback<CreatedClient> callback);
    // A JSON merge patch (RFC 7396) of the patchable fields.
    void updateClient(const QString& clientId, const QJsonObject& mergePatch, QObject* context,
                      Callback<UpdatedClient> callback);
    void deleteClient(const QString& clientId, QObject* context, Callback<Empty> callback);
    // "Show Secret" of a legacy client (secret_retrievable); Forbidden for others.
    void clientSecret(const QString& clientId, QObject* context, Callback<Secret> callback);
    // Audit records with from <= time < to (Unix seconds).
    void auditActivities(qint64 from, qint64 to, QObject* context, Callback<AuditRecords> callback);

    // The page size of loadAllClients (1 to 5000; tests use small pages).
    void setLoadAllPageSize(qint64 size);
    qint64 loadAllPageSize() const { return m_loadAllPageSize; }
    // The most clients loadAllClients takes from a tenant (at least 1).
    void setMaximumClients(qint64 maximum);
    qint64 maximumClients() const { return m_maximumClients; }

    // The largest answer read: 64 MiB for a client page or the audit log,
    // 16 MiB for the rest; larger answers are refused (Protocol) before more
    // is buffered. `bytes` > 0 replaces both (tests use small caps).
    void setAnswerCap(qint64 bytes);
    qint64 answerCap(const QByteArray& method, const QString& path) const;

    // Ends every call in flight; their callbacks receive Cancelled.
    void cancelAll();
    // Ends the reads (GET) in flight that were made for `context` (a page's
    // Stop Loading): their callbacks receive Cancelled. Writes, and the calls
    // of other contexts (the other pages on the same tenant), go on.
    void cancelReads(QObject* context);
    // Calls in flight (waiting for a token or an answer).
    int pendingCount() const;

    // The POST body for `client`: the fields its purpose has.
    static QJsonObject createBody(const Client& client);

    // A call to another part of the management API (IdentityProviderApi),
    // with the same token, retry, deadline, answer cap and typed errors.
    // `handler` runs once, inside the API's own context, with the failure or
    // with the JSON of a 2xx answer (empty for 204) and its raw body.
    // For a failure with an HTTP answer, `body` is that answer, for a caller
    // whose API words its errors otherwise (UserApi: SCIM errors).
    using RawHandler = std::function<void(const ResultInfo& info, QJsonDocument& document, QByteArray& body)>;
    void send(const QByteArray& method, const QString& path, const QByteArray& body, const QByteArray& contentType,
              RawHandler handler);
    struct RawRequest
    {
        QByteArray method;
        QString path;
        QUrlQuery query = {};
        QByteArray body = {};
        QByteArray contentType = {};
        QByteArray accept = {}; // empty: "application/json, application/problem+json"
    };
    void send(RawRequest request, RawHandler handler);

private:
    class Call;
    friend class Call;

    AdminSession* m_session;
    QList<QPointer<Call>> m_calls;
    qint64 m_loadAllPageSize = LoadAllPageSize;
    qint64 m_answerCap = 0;
    qint64 m_maximumClients = DefaultMaximumClients;
};

} // namespace appint
