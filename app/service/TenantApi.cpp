#include "service/TenantApi.h"

#include "core/BidiText.h"
#include "core/ClientContract.h"
#include "core/ClientRules.h"
#include "service/AdminSession.h"
#include "service/HttpLog.h"
#include "service/HttpReplies.h"
#include "service/ReplyLimits.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QTimer>
#include <QUrlQuery>

#include <limits>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

// A client_id as 128 bits of two differently seeded hashes: what the paging
// guard remembers of every client loaded, 16 bytes instead of the string, so
// that a streamed list's memory does not grow with the tenant (issue 11).
// Two IDs share a key with a chance of about n² / 2^129.
struct ClientIdKey
{
    size_t first = 0;
    size_t second = 0;

    static ClientIdKey of(const QString& clientId)
    {
        return {qHash(clientId, size_t(0x9e3779b97f4a7c15ULL)), qHash(clientId, size_t(0xc2b2ae3d27d4eb4fULL))};
    }
    friend bool operator==(const ClientIdKey&, const ClientIdKey&) = default;
    friend size_t qHash(const ClientIdKey& key, size_t seed = 0) { return qHashMulti(seed, key.first, key.second); }
};
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(TenantApi)
};

QString idPath(const QString& collection, const QString& id)
{
    return collection + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(id));
}

template <typename T>
Result<QList<T>> parseArray(const QJsonDocument& document, const char* what)
{
    if (!document.isArray()) {
        return Result<QList<T>>::failure(
            HttpReplies::protocolFailure(Tr::tr("expected a JSON array of %1.").arg(QLatin1StringView(what))));
    }
    QList<T> items;
    for (const QJsonValue& value : document.array()) {
        items.append(T::fromJson(value.toObject()));
    }
    return Result<QList<T>>::success(std::move(items));
}

constexpr qsizetype MaximumRevisionLength = 100;

Result<ClientPage> parsePage(const QJsonDocument& document)
{
    const QJsonObject object = document.object();
    const QJsonValue total = object.value(u"total"_s);
    if (!object.value(u"items"_s).isArray() || !total.isDouble() || total.toDouble() < 0
        || total.toDouble() > double(std::numeric_limits<qint64>::max() / 2)) {
        return Result<ClientPage>::failure(HttpReplies::protocolFailure(Tr::tr("expected {\"items\", \"total\"}.")));
    }
    ClientPage page;
    page.total = total.toInteger();
    // An opaque token of the server's; one that cannot be one is ignored
    // (the next Refresh loads everything), never sent back.
    const QString revision = object.value(u"revision"_s).toString();
    if (revision.size() <= MaximumRevisionLength && std::all_of(revision.cbegin(), revision.cend(), [](QChar c) {
            return c.unicode() > 0x20 && c.unicode() < 0x7f;
        })) {
        page.revision = revision;
    }
    const QJsonArray items = object.value(u"items"_s).toArray();
    page.items.reserve(items.size());
    QSet<QString> seen;
    // Each item is checked once here, for the console and appint alike: a
    // broken one is left out and counted, never shown blank or guessed.
    for (const QJsonValue& value : items) {
        QString problem;
        std::optional<Client> client = ClientContract::fromServerJson(value, &problem);
        if (client && seen.contains(client->clientId)) {
            problem = Tr::tr("the client ID %1 is listed twice").arg(BidiText::isolate(client->clientId));
            client.reset();
        }
        if (!client) {
            if (page.rejected++ == 0) {
                page.firstRejection = problem;
            }
            continue;
        }
        seen.insert(client->clientId);
        page.items.append(std::move(*client));
    }
    return Result<ClientPage>::success(std::move(page));
}

Result<ClientChanges> parseChanges(const QJsonDocument& document)
{
    Result<ClientPage> page = parsePage(document);
    if (!page.ok()) {
        return Result<ClientChanges>::failure(page);
    }
    const QJsonObject object = document.object();
    const QJsonValue deleted = object.value(u"deleted"_s);
    const QJsonValue more = object.value(u"more"_s);
    if (!deleted.isArray() || !more.isBool() || page.value.revision.isEmpty()) {
        return Result<ClientChanges>::failure(
            HttpReplies::protocolFailure(Tr::tr("expected {\"items\", \"deleted\", \"revision\", \"more\"}.")));
    }
    ClientChanges changes;
    changes.changed = std::move(page.value);
    changes.more = more.toBool();
    for (const QJsonValue& id : deleted.toArray()) {
        if (!id.isString() || id.toString().isEmpty()) {
            return Result<ClientChanges>::failure(
                HttpReplies::protocolFailure(Tr::tr("a deleted client is not named by its client ID.")));
        }
        changes.deleted.append(id.toString());
    }
    return Result<ClientChanges>::success(std::move(changes));
}

// Takes client_secret out of the object into a Secret.
Secret takeSecret(QJsonObject& object)
{
    const QJsonValue value = object.take(u"client_secret"_s);
    return value.isString() ? Secret(value.toString()) : Secret();
}

Result<Client> parseClient(const QJsonObject& object)
{
    QString problem;
    const std::optional<Client> client = ClientContract::fromServerJson(object, &problem);
    if (!client) {
        return Result<Client>::failure(HttpReplies::protocolFailure(problem + u'.'));
    }
    return Result<Client>::success(*client);
}

// Parses a 2xx answer (the document is empty for 204) and delivers, or
// delivers the failure.
using CallHandler = std::function<void(const ResultInfo& failure, QJsonDocument& document, QByteArray& body)>;
} // namespace

// One API call: waits for the admin token, sends, re-authenticates once on a
// 401, and hands the answer to its parser.
class TenantApi::Call : public QObject
{
public:
    using Handler = CallHandler;

    Call(TenantApi* api, QByteArray method, QString path, QUrlQuery query, QByteArray body, QByteArray contentType,
         bool bodyHasSecret, Handler handler)
        : QObject(api)
        , m_api(api)
        , m_method(std::move(method))
        , m_path(std::move(path))
        , m_query(std::move(query))
        , m_body(std::move(body))
        , m_contentType(std::move(contentType))
        , m_replyHasSecret(bodyHasSecret)
        , m_handler(std::move(handler))
    {
    }

    void start()
    {
        AdminSession* session = m_api->m_session;
        session->accessToken(this, [this](const Result<Secret>& token) {
            if (m_done) {
                return;
            }
            if (!token.ok()) {
                QJsonDocument none;
                QByteArray empty;
                complete(token, none, empty);
                return;
            }
            send(token.value);
        });
    }

    void setAccept(QByteArray accept) { m_accept = std::move(accept); }
    // The caller's context, for cancelReads().
    void setContext(QObject* context) { m_context = context; }
    bool isReadFor(const QObject* context) const { return m_context && m_context == context && m_method == "GET"; }

    void cancel()
    {
        if (m_done) {
            return;
        }
        m_cancelled = true;
        if (m_reply) {
            m_reply->abort();
        } else {
            QJsonDocument none;
            QByteArray empty;
            complete(Result<Empty>::failure(ResultStatus::Cancelled, Tr::tr("The request was cancelled.")), none,
                     empty);
        }
    }

private:
    void send(const Secret& token)
    {
        AdminSession* session = m_api->m_session;
        QNetworkAccessManager* network = session->network();
        if (!network) {
            QJsonDocument none;
            QByteArray empty;
            complete(Result<Empty>::failure(ResultStatus::Cancelled, Tr::tr("The network is no longer available.")),
                     none, empty);
            return;
        }
        m_token = token;
        QUrl url = session->tenantUrl().adjusted(QUrl::StripTrailingSlash | QUrl::RemoveQuery);
        url.setPath(url.path() + m_path, QUrl::TolerantMode);
        if (!m_query.isEmpty()) {
            url.setQuery(m_query);
        }
        QNetworkRequest request(url);
        request.setRawHeader("Accept",
                             m_accept.isEmpty() ? QByteArray("application/json, application/problem+json") : m_accept);
        QByteArray authorization = "Bearer " + token.utf8();
        request.setRawHeader("Authorization", authorization);
        wipeBytes(authorization);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
        request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
        if (!m_contentType.isEmpty()) {
            request.setHeader(QNetworkRequest::ContentTypeHeader, m_contentType);
        }
        HttpLog::logRequest(HttpLog::redactRequest(m_method, request, m_body));
        m_elapsed.start();
        m_reply = network->sendCustomRequest(request, m_method, m_body);
        connect(m_reply, &QNetworkReply::sslErrors, this,
                [this](const QList<QSslError>& errors) { m_sslErrors = errors; });
        connect(m_reply, &QNetworkReply::finished, this, &Call::onFinished);
        // A total deadline (not an idle timer) and a size cap for the answer.
        m_limits = new ReplyLimits(m_reply, session->timeoutMs(), m_api->answerCap(m_method, m_path));
    }

    void onFinished()
    {
        QNetworkReply* reply = std::exchange(m_reply, nullptr);
        if (!reply) {
            return;
        }
        reply->deleteLater();
        AdminSession* session = m_api->m_session;
        const bool timedOut = m_limits && m_limits->timedOut();
        const bool tooLarge = m_limits && m_limits->tooLarge();
        const qint64 cap = m_limits ? m_limits->maxBytes() : 0;
        if (m_limits) {
            m_limits->stopDeadline();
        }
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        QByteArray body = reply->isOpen() && !tooLarge ? reply->readAll() : QByteArray();
        const QByteArray contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        HttpLog::logReply(m_method, reply->url(), status, contentType, body, false, m_elapsed.elapsed());
        QJsonDocument none;
        if (m_cancelled) {
            complete(Result<Empty>::failure(ResultStatus::Cancelled, Tr::tr("The request was cancelled.")), none, body);
            return;
        }
        const QString peer = Tr::tr("the tenant at %1").arg(session->tenantUrl().toString());
        if (tooLarge) {
            complete(ReplyLimits::tooLargeFailure(peer, cap), none, body);
            return;
        }
        // A stall after the headers (status known, body incomplete) is a
        // timeout too, not an answer that breaks the API.
        if (status == 0 || timedOut) {
            complete(HttpReplies::transportFailure(reply, timedOut,
                                                   Tr::tr("The tenant at %1 did not answer within %n second(s).",
                                                          nullptr, std::max(1, session->timeoutMs() / 1000))
                                                       .arg(session->tenantUrl().toString()),
                                                   m_sslErrors, peer),
                     none, body);
            return;
        }
        if (status == 401 && !m_retried) {
            // The token may have been revoked or the server restarted with new
            // keys: fetch a new one and try once more.
            m_retried = true;
            session->invalidateToken(m_token);
            start();
            return;
        }
        if (status < 200 || status >= 300) {
            complete(HttpReplies::problemFailure(
                         status, body,
                         HttpReplies::parseRetryAfter(reply->rawHeader("Retry-After"), session->clock().now())),
                     none, body);
            return;
        }
        QJsonDocument document;
        if (!body.isEmpty()) {
            QJsonParseError error;
            document = QJsonDocument::fromJson(body, &error);
            if (error.error != QJsonParseError::NoError) {
                complete(HttpReplies::protocolFailure(Tr::tr("the answer is not JSON (%1).").arg(error.errorString())),
                         none, body);
                return;
            }
        }
        ResultInfo ok;
        ok.httpStatus = status;
        complete(ok, document, body);
    }

    void complete(const ResultInfo& info, QJsonDocument& document, QByteArray& body)
    {
        if (m_done) {
            return;
        }
        m_done = true;
        m_token = Secret(); // let go; the session still holds (and may reuse) it
        m_handler(info, document, body);
        if (m_replyHasSecret) {
            wipeBytes(body);
        }
        document = QJsonDocument();
        wipeBytes(m_body);
        m_api->m_calls.removeAll(this);
        deleteLater();
    }

    TenantApi* m_api;
    QByteArray m_method;
    QString m_path;
    QUrlQuery m_query;
    QByteArray m_body;
    QByteArray m_contentType;
    bool m_replyHasSecret;
    QByteArray m_accept; // empty: JSON and problem+json
    Handler m_handler;
    QPointer<QNetworkReply> m_reply;
    QList<QSslError> m_sslErrors;
    QPointer<ReplyLimits> m_limits;
    QElapsedTimer m_elapsed;
    Secret m_token;
    QPointer<QObject> m_context;
    bool m_retried = false;
    bool m_cancelled = false;
    bool m_done = false;
};

namespace {

// Wraps a typed parser into a Call::Handler that delivers to the caller.
template <typename T>
CallHandler handler(QObject* context, TenantApi::Callback<T> callback, std::function<Result<T>(QJsonDocument&)> parse)
{
    return [context = QPointer<QObject>(context), callback = std::move(callback),
            parse = std::move(parse)](const ResultInfo& info, QJsonDocument& document, QByteArray&) {
        Result<T> result = info.ok() ? parse(document) : Result<T>::failure(info);
        if (result.ok()) {
            result.httpStatus = info.httpStatus;
        }
        HttpReplies::invoke(
            context, [callback, result] { callback(result); }, false);
    };
}

} // namespace

TenantApi::TenantApi(AdminSession* session, QObject* parent)
    : QObject(parent)
    , m_session(session)
{
}

TenantApi::~TenantApi() = default;

void TenantApi::setMaximumClients(qint64 maximum)
{
    m_maximumClients = std::max<qint64>(1, maximum);
}

void TenantApi::setLoadAllPageSize(qint64 size)
{
    m_loadAllPageSize = std::clamp<qint64>(size, 1, LoadAllPageSize);
}

void TenantApi::setAnswerCap(qint64 bytes)
{
    m_answerCap = bytes;
}

qint64 TenantApi::answerCap(const QByteArray& method, const QString& path) const
{
    if (m_answerCap > 0) {
        return m_answerCap;
    }
    const bool list = method == "GET"
        && (path == u"/api/v1/clients"_s || path == u"/api/v1/audit/activities"_s || path == u"/scim/v2/Users"_s);
    return list ? ReplyLimits::ClientPageBytes : ReplyLimits::ApiAnswerBytes;
}

int TenantApi::pendingCount() const
{
    return int(m_calls.size());
}

void TenantApi::cancelReads(QObject* context)
{
    const QList<QPointer<Call>> calls = m_calls;
    for (const QPointer<Call>& call : calls) {
        if (call && call->isReadFor(context)) {
            call->cancel();
        }
    }
}

void TenantApi::cancelAll()
{
    const QList<QPointer<Call>> calls = m_calls;
    for (const QPointer<Call>& call : calls) {
        if (call) {
            call->cancel();
        }
    }
}

QJsonObject TenantApi::createBody(const Client& client)
{
    QJsonObject body{
        {u"client_name"_s, client.clientName},
        {u"purpose"_s, purposeId(client.purpose)},
        {u"access_token_lifetime"_s, client.accessTokenLifetime},
    };
    if (!client.grantTypes.isEmpty()) {
        body.insert(u"grant_types"_s, QJsonArray::fromStringList(client.grantTypes));
    }
    if (ClientRules::hasAccess(client.purpose)) {
        body.insert(u"access"_s, QJsonArray::fromStringList(client.access));
    }
    if (ClientRules::hasRedirectUri(client.purpose)) {
        body.insert(u"redirect_uris"_s, QJsonArray::fromStringList(client.redirectUris));
    }
    if (ClientRules::hasUserId(client.purpose)) {
        body.insert(u"user_id"_s, client.userId);
    }
    if (ClientRules::hasRoles(client.purpose)) {
        body.insert(u"roles"_s, RoleAssignment::toJsonArray(client.roles));
    }
    if (ClientRules::hasRefreshToken(client.purpose)) {
        body.insert(u"refresh_token_lifetime"_s, client.refreshTokenLifetime);
    }
    if (ClientRules::hasExpiry(client.purpose)) {
        body.insert(u"client_secret_expires_at"_s, client.clientSecretExpiresAt);
    }
    return body;
}

namespace {
QByteArray jsonBody(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
const QByteArray JsonType = "application/json";
} // namespace

#define APPINT_START_CALL(...)                                                                                         \
    do {                                                                                                               \
        auto* call = new Call(this, __VA_ARGS__);                                                                      \
        call->setContext(context);                                                                                     \
        m_calls.append(call);                                                                                          \
        call->start();                                                                                                 \
    } while (false)

void TenantApi::send(const QByteArray& method, const QString& path, const QByteArray& body,
                     const QByteArray& contentType, RawHandler handler)
{
    send(RawRequest{method, path, {}, body, contentType}, std::move(handler));
}

void TenantApi::send(RawRequest request, RawHandler handler)
{
    auto* call = new Call(this, std::move(request.method), std::move(request.path), std::move(request.query),
                          std::move(request.body), std::move(request.contentType), false, std::move(handler));
    call->setAccept(std::move(request.accept));
    m_calls.append(call);
    call->start();
}

void TenantApi::tenant(QObject* context, Callback<TenantInfo> callback)
{
    APPINT_START_CALL(
        "GET", u"/api/v1/tenant"_s, {}, {}, {}, false,
        handler<TenantInfo>(context, std::move(callback), [](QJsonDocument& document) {
            const TenantInfo info = TenantInfo::fromJson(document.object());
            if (info.tokenUrl.isEmpty()) {
                return Result<TenantInfo>::failure(
                    HttpReplies::protocolFailure(Tr::tr("the tenant has no token_url.")));
            }
            // URLs that the console shows, copies and writes
            // into sheets: absolute http(s) only (no javascript:).
            const QList<QPair<QString, QString>> urls{{u"token_url"_s, info.tokenUrl},
                                                      {u"authorization_url"_s, info.authorizationUrl},
                                                      {u"saml_token_url"_s, info.samlTokenUrl}};
            for (const auto& [key, text] : urls) {
                const QUrl url(text, QUrl::StrictMode);
                const QString scheme = url.scheme().toLower();
                if (!text.isEmpty()
                    && (!url.isValid() || url.host().isEmpty() || (scheme != u"https"_s && scheme != u"http"_s))) {
                    return Result<TenantInfo>::failure(
                        HttpReplies::protocolFailure(Tr::tr("the tenant's %1 is not an http or https URL.").arg(key)));
                }
            }
            return Result<TenantInfo>::success(info);
        }));
}

void TenantApi::roles(QObject* context, Callback<Roles> callback)
{
    APPINT_START_CALL("GET", u"/api/v1/roles"_s, {}, {}, {}, false,
                      handler<Roles>(context, std::move(callback),
                                     [](QJsonDocument& document) { return parseArray<Role>(document, "roles"); }));
}

void TenantApi::spaces(QObject* context, Callback<Spaces> callback)
{
    APPINT_START_CALL("GET", u"/api/v1/spaces"_s, {}, {}, {}, false,
                      handler<Spaces>(context, std::move(callback),
                                      [](QJsonDocument& document) { return parseArray<Space>(document, "spaces"); }));
}

void TenantApi::createRole(const Role& role, QObject* context, Callback<Role> callback)
{
    QJsonObject body = role.toJson();
    body.insert(u"scope"_s, u"scoped"_s);
    APPINT_START_CALL("POST", u"/api/v1/roles"_s, {}, jsonBody(body), JsonType, false,
                      handler<Role>(context, std::move(callback), [](QJsonDocument& document) {
                          return Result<Role>::success(Role::fromJson(document.object()));
                      }));
}

void TenantApi::deleteRole(const QString& roleId, QObject* context, Callback<Empty> callback)
{
    APPINT_START_CALL(
        "DELETE", idPath(u"/api/v1/roles"_s, roleId), {}, {}, {}, false,
        handler<Empty>(context, std::move(callback), [](QJsonDocument&) { return Result<Empty>::success({}); }));
}

void TenantApi::createSpace(const Space& space, QObject* context, Callback<Space> callback)
{
    APPINT_START_CALL("POST", u"/api/v1/spaces"_s, {}, jsonBody(space.toJson()), JsonType, false,
                      handler<Space>(context, std::move(callback), [](QJsonDocument& document) {
                          return Result<Space>::success(Space::fromJson(document.object()));
                      }));
}

void TenantApi::deleteSpace(const QString& spaceId, QObject* context, Callback<Empty> callback)
{
    APPINT_START_CALL(
        "DELETE", idPath(u"/api/v1/spaces"_s, spaceId), {}, {}, {}, false,
        handler<Empty>(context, std::move(callback), [](QJsonDocument&) { return Result<Empty>::success({}); }));
}

void TenantApi::listClients(const ClientQuery& query, QObject* context, Callback<ClientPage> callback)
{
    APPINT_START_CALL("GET", u"/api/v1/clients"_s, query.toUrlQuery(), {}, {}, false,
                      handler<ClientPage>(context, std::move(callback), parsePage));
}

void TenantApi::loadAllClients(const ClientQuery& query, QObject* context, PageCallback page, Callback<qint64> done)
{
    loadAllClientsUntil(
        query, context,
        [page = std::move(page)](const ClientPage& received) {
            page(received);
            return true;
        },
        std::move(done));
}

void TenantApi::loadAllClientsUntil(const ClientQuery& query, QObject* context, StoppablePageCallback page,
                                    Callback<qint64> done)
{
    struct Load
    {
        ClientQuery query;
        QPointer<QObject> context;
        StoppablePageCallback page;
        Callback<qint64> done;
        qint64 loaded = 0;
        qint64 maximum = 0;
        QSet<ClientIdKey> seen; // client_ids so far: a page that repeats one ends the load
    };
    auto load = std::make_shared<Load>(Load{query, context, std::move(page), std::move(done), 0, m_maximumClients, {}});
    load->query.offset = 0;
    load->query.limit = m_loadAllPageSize;
    // Paging trusts nothing the tenant says (issue 16): the load ends at a
    // short or empty page, and fails when a page is larger than asked for,
    // repeats a client, or the clients would exceed the maximum.
    const auto fail
        = [](const QString& detail) { return Result<qint64>::failure(HttpReplies::protocolFailure(detail)); };
    // Each page's callback holds the chain; nothing else does, so a chain
    // whose context died (its callback dropped) is freed with it.
    auto next = std::make_shared<std::function<void()>>();
    *next = [this, load, fail, weakNext = std::weak_ptr<std::function<void()>>(next)]() {
        const std::shared_ptr<std::function<void()>> self = weakNext.lock();
        if (!load->context || !self) {
            return;
        }
        listClients(load->query, load->context, [load, self, fail](const Result<ClientPage>& result) {
            if (!result.ok()) {
                load->done(Result<qint64>::failure(result));
                return;
            }
            const ClientPage& received = result.value;
            const qsizetype count = received.items.size();
            if (count > load->query.limit) {
                load->done(fail(Tr::tr("it sent %n client(s) for a page of %1; loading stopped.", nullptr, int(count))
                                    .arg(load->query.limit)));
                return;
            }
            if (received.total > load->maximum || load->loaded + count > load->maximum) {
                load->done(fail(Tr::tr("it lists %1 clients, more than the %2 this program loads; loading stopped.")
                                    .arg(QLocale().toString(std::max(received.total, load->loaded + count)),
                                         QLocale().toString(load->maximum))));
                return;
            }
            for (const Client& client : received.items) {
                const ClientIdKey key = ClientIdKey::of(client.clientId);
                if (load->seen.contains(key)) {
                    load->done(fail(Tr::tr("it sent client %1 a second time (at offset %2); loading stopped.")
                                        .arg(client.clientId.left(100))
                                        .arg(load->query.offset)));
                    return;
                }
                load->seen.insert(key);
            }
            load->loaded += count;
            if (!load->page(received)) {
                load->done(Result<qint64>::success(load->loaded));
                return;
            }
            const bool more = count == load->query.limit && load->query.offset + count < received.total;
            if (!more) {
                load->done(Result<qint64>::success(load->loaded));
                return;
            }
            load->query.offset += load->query.limit;
            (*self)();
        });
    };
    (*next)();
}

void TenantApi::clientChanges(const QString& revision, QObject* context, Callback<ClientChanges> callback)
{
    ClientQuery query;
    query.changedSince = revision;
    query.limit = LoadAllPageSize;
    APPINT_START_CALL("GET", u"/api/v1/clients"_s, query.toUrlQuery(), {}, {}, false,
                      handler<ClientChanges>(context, std::move(callback), parseChanges));
}

void TenantApi::client(const QString& clientId, QObject* context, Callback<Client> callback)
{
    APPINT_START_CALL("GET", idPath(u"/api/v1/clients"_s, clientId), {}, {}, {}, false,
                      handler<Client>(context, std::move(callback), [clientId](QJsonDocument& document) {
                          Result<Client> parsed = parseClient(document.object());
                          // The answer must be about the client asked for.
                          if (parsed.ok() && parsed.value.clientId != clientId) {
                              return Result<Client>::failure(HttpReplies::protocolFailure(
                                  Tr::tr("the tenant answered with another client (%1) than the one asked for (%2).")
                                      .arg(BidiText::isolate(parsed.value.clientId), BidiText::isolate(clientId))));
                          }
                          return parsed;
                      }));
}

void TenantApi::createClient(const Client& client, QObject* context, Callback<CreatedClient> callback)
{
    APPINT_START_CALL("POST", u"/api/v1/clients"_s, {}, jsonBody(createBody(client)), JsonType, true,
                      handler<CreatedClient>(context, std::move(callback), [](QJsonDocument& document) {
                          QJsonObject object = document.object();
                          CreatedClient created;
                          created.secret = takeSecret(object);
                          document = QJsonDocument();
                          const Result<Client> parsed = parseClient(object);
                          if (!parsed.ok() || created.secret.isEmpty()) {
                              return Result<CreatedClient>::failure(
                                  parsed.ok() ? HttpReplies::protocolFailure(Tr::tr("the new client has no secret."))
                                              : static_cast<const ResultInfo&>(parsed));
                          }
                          created.client = parsed.value;
                          return Result<CreatedClient>::success(std::move(created));
                      }));
}

void TenantApi::updateClient(const QString& clientId, const QJsonObject& mergePatch, QObject* context,
                             Callback<UpdatedClient> callback)
{
    APPINT_START_CALL("PATCH", idPath(u"/api/v1/clients"_s, clientId), {}, jsonBody(mergePatch),
                      "application/merge-patch+json", true,
                      handler<UpdatedClient>(context, std::move(callback), [](QJsonDocument& document) {
                          QJsonObject object = document.object();
                          UpdatedClient updated;
                          updated.newSecret = takeSecret(object);
                          document = QJsonDocument();
                          const Result<Client> parsed = parseClient(object);
                          if (!parsed.ok()) {
                              return Result<UpdatedClient>::failure(parsed);
                          }
                          updated.client = parsed.value;
                          return Result<UpdatedClient>::success(std::move(updated));
                      }));
}

void TenantApi::deleteClient(const QString& clientId, QObject* context, Callback<Empty> callback)
{
    APPINT_START_CALL(
        "DELETE", idPath(u"/api/v1/clients"_s, clientId), {}, {}, {}, false,
        handler<Empty>(context, std::move(callback), [](QJsonDocument&) { return Result<Empty>::success({}); }));
}

void TenantApi::clientSecret(const QString& clientId, QObject* context, Callback<Secret> callback)
{
    APPINT_START_CALL("GET", idPath(u"/api/v1/clients"_s, clientId) + u"/secret"_s, {}, {}, {}, true,
                      handler<Secret>(context, std::move(callback), [](QJsonDocument& document) {
                          QJsonObject object = document.object();
                          Secret secret = takeSecret(object);
                          document = QJsonDocument();
                          if (secret.isEmpty()) {
                              return Result<Secret>::failure(
                                  HttpReplies::protocolFailure(Tr::tr("the answer has no client_secret.")));
                          }
                          return Result<Secret>::success(secret);
                      }));
}

void TenantApi::auditActivities(qint64 from, qint64 to, QObject* context, Callback<AuditRecords> callback)
{
    QUrlQuery query;
    query.addQueryItem(u"from"_s, QString::number(from));
    query.addQueryItem(u"to"_s, QString::number(to));
    query.addQueryItem(u"format"_s, u"json"_s);
    APPINT_START_CALL("GET", u"/api/v1/audit/activities"_s, query, {}, {}, false,
                      handler<AuditRecords>(context, std::move(callback), [](QJsonDocument& document) {
                          return parseArray<AuditRecord>(document, "audit records");
                      }));
}

} // namespace appint
