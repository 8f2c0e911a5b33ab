#include "service/UserApi.h"

#include "core/UserRules.h"
#include "service/AdminSession.h"
#include "service/HttpLog.h"
#include "service/HttpReplies.h"
#include "service/ReplyLimits.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(UserApi)
};

const QString UsersPath = u"/scim/v2/Users"_s;
const QString SchemaPatchOp = u"urn:ietf:params:scim:api:messages:2.0:PatchOp"_s;

QString userPath(const QString& id)
{
    return UsersPath + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(id));
}

QJsonObject replaceOperation(const QString& path, const QJsonValue& value)
{
    return QJsonObject{{u"op"_s, u"replace"_s}, {u"path"_s, path}, {u"value"_s, value}};
}

Result<User> parseUser(const ResultInfo& info, const QJsonObject& answer)
{
    if (!info.ok()) {
        return Result<User>::failure(info);
    }
    QString problem;
    std::optional<User> user = User::fromScimJson(answer, &problem);
    if (!user) {
        return Result<User>::failure(HttpReplies::protocolFailure(problem + u'.'));
    }
    Result<User> result = Result<User>::success(std::move(*user));
    result.httpStatus = info.httpStatus;
    return result;
}

// The field whose core rule words `detail`, if any: the server checks with
// the same UserRules (api.md) and words its 400 with their messages.
QString fieldOfDetail(const QString& detail)
{
    static const QStringList fields{UserRules::FieldUserName,    UserRules::FieldGivenName, UserRules::FieldFamilyName,
                                    UserRules::FieldDisplayName, UserRules::FieldEmails,    UserRules::FieldPassword,
                                    UserRules::FieldRoles,       UserRules::FieldActive};
    // "userName is required.", "password must ...": the attribute first.
    for (const QString& field : fields) {
        if (detail.startsWith(field + u' ') || detail.startsWith(field + u':')) {
            return field;
        }
    }
    // The core rules' own messages, as UserRules words them.
    const FieldErrors shapes
        = UserRules::checkUserName(QString()) + UserRules::checkUserName(u"-"_s) + UserRules::checkPassword(QString());
    for (const FieldError& error : shapes) {
        if (detail.contains(error.message)) {
            return error.field;
        }
    }
    if (detail.contains(u"e-mail"_s)) {
        return UserRules::FieldEmails;
    }
    if (detail.contains(u"role"_s, Qt::CaseInsensitive)) {
        return UserRules::FieldRoles;
    }
    return {};
}

} // namespace

// One SCIM call: waits for the admin token, sends, re-authenticates once on
// a 401, and hands the answer to its handler.
class UserApi::Call : public QObject
{
public:
    Call(UserApi* api, QByteArray method, QString path, QString query, QByteArray body, bool userNameSent,
         Handler handler)
        : QObject(api)
        , m_api(api)
        , m_method(std::move(method))
        , m_path(std::move(path))
        , m_query(std::move(query))
        , m_body(std::move(body))
        , m_userNameSent(userNameSent)
        , m_handler(std::move(handler))
    {
    }

    ~Call() override { wipeBytes(m_body); }

    void start()
    {
        m_api->m_session->accessToken(this, [this](const Result<Secret>& token) {
            if (m_done) {
                return;
            }
            if (!token.ok()) {
                complete(token, {});
                return;
            }
            send(token.value);
        });
    }

    void cancel()
    {
        if (m_done) {
            return;
        }
        m_cancelled = true;
        if (m_reply) {
            m_reply->abort();
        } else {
            complete(Result<Empty>::failure(ResultStatus::Cancelled, Tr::tr("The request was cancelled.")), {});
        }
    }

private:
    void send(const Secret& token)
    {
        AdminSession* session = m_api->m_session;
        QNetworkAccessManager* network = session->network();
        if (!network) {
            complete(Result<Empty>::failure(ResultStatus::Cancelled, Tr::tr("The network is no longer available.")),
                     {});
            return;
        }
        m_token = token;
        QUrl url = session->tenantUrl().adjusted(QUrl::StripTrailingSlash | QUrl::RemoveQuery);
        url.setPath(url.path() + m_path, QUrl::TolerantMode);
        if (!m_query.isEmpty()) {
            url.setQuery(m_query);
        }
        QNetworkRequest request(url);
        request.setRawHeader("Accept", "application/scim+json, application/json");
        QByteArray authorization = "Bearer " + token.utf8();
        request.setRawHeader("Authorization", authorization);
        wipeBytes(authorization);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
        request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
        if (!m_body.isEmpty()) {
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/scim+json"));
        }
        // The log redacts "password" in JSON bodies (HttpLog).
        HttpLog::logRequest(HttpLog::redactRequest(m_method, request, m_body));
        m_elapsed.start();
        m_reply = network->sendCustomRequest(request, m_method, m_body);
        connect(m_reply, &QNetworkReply::sslErrors, this,
                [this](const QList<QSslError>& errors) { m_sslErrors = errors; });
        connect(m_reply, &QNetworkReply::finished, this, &Call::onFinished);
        const bool list = m_method == "GET" && m_path == UsersPath;
        m_limits = new ReplyLimits(m_reply, session->timeoutMs(),
                                   list ? ReplyLimits::ClientPageBytes : ReplyLimits::ApiAnswerBytes);
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
        const QByteArray body = reply->isOpen() && !tooLarge ? reply->readAll() : QByteArray();
        const QByteArray contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        HttpLog::logReply(m_method, reply->url(), status, contentType, body, false, m_elapsed.elapsed());
        if (m_cancelled) {
            complete(Result<Empty>::failure(ResultStatus::Cancelled, Tr::tr("The request was cancelled.")), {});
            return;
        }
        const QString peer = Tr::tr("the tenant at %1").arg(session->tenantUrl().toString());
        if (tooLarge) {
            complete(ReplyLimits::tooLargeFailure(peer, cap), {});
            return;
        }
        if (status == 0 || timedOut) {
            complete(HttpReplies::transportFailure(reply, timedOut,
                                                   Tr::tr("The tenant at %1 did not answer within %n second(s).",
                                                          nullptr, std::max(1, session->timeoutMs() / 1000))
                                                       .arg(session->tenantUrl().toString()),
                                                   m_sslErrors, peer),
                     {});
            return;
        }
        if (status == 401 && !m_retried) {
            m_retried = true;
            session->invalidateToken(m_token);
            start();
            return;
        }
        if (status < 200 || status >= 300) {
            complete(scimFailure(status, body,
                                 HttpReplies::parseRetryAfter(reply->rawHeader("Retry-After"), session->clock().now()),
                                 m_userNameSent),
                     {});
            return;
        }
        QJsonObject answer;
        if (!body.isEmpty()) {
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(body, &error);
            if (error.error != QJsonParseError::NoError || !document.isObject()) {
                complete(HttpReplies::protocolFailure(Tr::tr("the answer is not a JSON object.")), {});
                return;
            }
            answer = document.object();
        }
        ResultInfo ok;
        ok.httpStatus = status;
        complete(ok, answer);
    }

    void complete(const ResultInfo& info, const QJsonObject& answer)
    {
        if (m_done) {
            return;
        }
        m_done = true;
        m_token = Secret();
        wipeBytes(m_body);
        m_handler(info, answer);
        m_api->m_calls.removeAll(this);
        deleteLater();
    }

    UserApi* m_api;
    QByteArray m_method;
    QString m_path;
    QString m_query;
    QByteArray m_body;
    bool m_userNameSent;
    Handler m_handler;
    QPointer<QNetworkReply> m_reply;
    QList<QSslError> m_sslErrors;
    QPointer<ReplyLimits> m_limits;
    QElapsedTimer m_elapsed;
    Secret m_token;
    bool m_retried = false;
    bool m_cancelled = false;
    bool m_done = false;
};

UserApi::UserApi(AdminSession* session, QObject* parent)
    : QObject(parent)
    , m_session(session)
{
    // A tenant switch may end the session first: nothing waits on it then.
    connect(session, &QObject::destroyed, this, &UserApi::cancelAll);
}

UserApi::~UserApi() = default;

void UserApi::setListPageSize(int size)
{
    m_listPageSize = std::clamp(size, 1, ListPageSize);
}

int UserApi::pendingCount() const
{
    return int(m_calls.size());
}

void UserApi::cancelAll()
{
    const QList<QPointer<Call>> calls = m_calls;
    for (const QPointer<Call>& call : calls) {
        if (call) {
            call->cancel();
        }
    }
}

ResultInfo UserApi::scimFailure(int httpStatus, const QByteArray& body, qint64 retryAfter, bool userNameSent)
{
    ResultInfo info = HttpReplies::problemFailure(httpStatus, body, retryAfter);
    if (httpStatus == 412) {
        info.status = ResultStatus::Conflict;
    }
    if (!info.fieldErrors.isEmpty()) {
        return info; // a problem document that names its fields
    }
    const QJsonObject error = QJsonDocument::fromJson(body).object();
    const QString scimType = error.value(u"scimType"_s).toString();
    const QString detail = error.value(u"detail"_s).toString();
    if (detail.isEmpty()) {
        return info;
    }
    QString field;
    if (httpStatus == 409 && scimType == u"uniqueness"_s && userNameSent) {
        field = UserRules::FieldUserName;
    } else if (httpStatus == 400 || httpStatus == 422) {
        field = fieldOfDetail(detail);
    }
    if (!field.isEmpty()) {
        info.fieldErrors.append({field, detail});
    }
    return info;
}

QJsonArray UserApi::patchOperations(const User& before, const User& after)
{
    QJsonArray operations;
    if (before.givenName != after.givenName || before.familyName != after.familyName) {
        operations.append(replaceOperation(
            u"name"_s, QJsonObject{{u"givenName"_s, after.givenName}, {u"familyName"_s, after.familyName}}));
    }
    if (before.displayName != after.displayName) {
        operations.append(replaceOperation(u"displayName"_s, after.displayName));
    }
    if (before.emails != after.emails) {
        QJsonArray emails;
        for (const User::Email& email : after.emails) {
            emails.append(QJsonObject{{u"value"_s, email.value}, {u"primary"_s, email.primary}});
        }
        operations.append(replaceOperation(u"emails"_s, emails));
    }
    if (before.roles != after.roles) {
        operations.append(replaceOperation(User::SchemaRoles + u":roles"_s, RoleAssignment::toJsonArray(after.roles)));
    }
    if (before.active != after.active) {
        operations.append(replaceOperation(u"active"_s, after.active));
    }
    return operations;
}

void UserApi::send(const QByteArray& method, const QString& path, const QString& query, const QJsonObject& body,
                   bool userNameSent, Handler handler)
{
    QByteArray bytes = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    auto* call = new Call(this, method, path, query, std::move(bytes), userNameSent, std::move(handler));
    m_calls.append(call);
    call->start();
}

namespace {

template <typename T>
std::function<void(const Result<T>&)> deliverLater(QObject* context, std::function<void(const Result<T>&)> callback)
{
    return [context = QPointer<QObject>(context), callback = std::move(callback)](const Result<T>& result) {
        HttpReplies::invoke(
            context, [callback, result] { callback(result); }, false);
    };
}

} // namespace

void UserApi::listUsers(QObject* context, Callback<Users> callback)
{
    loadPage(1, std::make_shared<Users>(), context, deliverLater(context, std::move(callback)));
}

void UserApi::loadPage(int startIndex, std::shared_ptr<Users> users, QObject* context, Callback<Users> callback)
{
    const QString query = u"startIndex=%1&count=%2"_s.arg(startIndex).arg(m_listPageSize);
    QPointer<QObject> guard(context);
    send("GET", UsersPath, query, {}, false,
         [this, startIndex, users, guard, callback](const ResultInfo& info, const QJsonObject& answer) {
             if (!info.ok()) {
                 callback(Result<Users>::failure(info));
                 return;
             }
             const QJsonValue total = answer.value(u"totalResults"_s);
             const QJsonValue resources = answer.value(u"Resources"_s);
             if (!total.isDouble() || (!resources.isArray() && !resources.isUndefined())) {
                 callback(Result<Users>::failure(
                     HttpReplies::protocolFailure(Tr::tr("expected a SCIM ListResponse {\"totalResults\", "
                                                         "\"Resources\"}."))));
                 return;
             }
             const QJsonArray items = resources.toArray();
             for (const QJsonValue& value : items) {
                 QString problem;
                 std::optional<User> user = User::fromScimJson(value.toObject(), &problem);
                 if (!user) {
                     callback(Result<Users>::failure(HttpReplies::protocolFailure(problem + u'.')));
                     return;
                 }
                 users->append(std::move(*user));
             }
             const qint64 next = startIndex + items.size();
             if (items.isEmpty() || next > total.toInteger() || users->size() >= total.toInteger()) {
                 callback(Result<Users>::success(std::move(*users)));
                 return;
             }
             if (users->size() >= MaximumUsers) {
                 callback(Result<Users>::failure(ResultStatus::Protocol,
                                                 Tr::tr("The tenant has more than %L1 users; the console stops "
                                                        "there.")
                                                     .arg(MaximumUsers)));
                 return;
             }
             if (!guard) {
                 return;
             }
             loadPage(int(next), users, guard, callback);
         });
}

void UserApi::user(const QString& id, QObject* context, Callback<User> callback)
{
    auto deliver = deliverLater(context, std::move(callback));
    send("GET", userPath(id), {}, {}, false,
         [deliver](const ResultInfo& info, const QJsonObject& answer) { deliver(parseUser(info, answer)); });
}

void UserApi::createUser(const User& user, const Secret& password, QObject* context, Callback<User> callback)
{
    QJsonObject body = user.toScimJson();
    if (!password.isEmpty()) {
        QString text = password.toString();
        body.insert(u"password"_s, text);
        wipeString(text);
    }
    auto deliver = deliverLater(context, std::move(callback));
    send("POST", UsersPath, {}, body, true,
         [deliver](const ResultInfo& info, const QJsonObject& answer) { deliver(parseUser(info, answer)); });
}

void UserApi::replaceUser(const User& user, QObject* context, Callback<User> callback)
{
    auto deliver = deliverLater(context, std::move(callback));
    send("PUT", userPath(user.id), {}, user.toScimJson(), true,
         [deliver](const ResultInfo& info, const QJsonObject& answer) { deliver(parseUser(info, answer)); });
}

void UserApi::sendPatch(const QString& id, const QJsonArray& operations, QObject* context, Callback<User> callback)
{
    const QJsonObject body{{u"schemas"_s, QJsonArray{SchemaPatchOp}}, {u"Operations"_s, operations}};
    auto deliver = deliverLater(context, std::move(callback));
    send("PATCH", userPath(id), {}, body, false,
         [deliver](const ResultInfo& info, const QJsonObject& answer) { deliver(parseUser(info, answer)); });
}

void UserApi::updateUser(const User& before, const User& after, QObject* context, Callback<User> callback)
{
    const QJsonArray operations = patchOperations(before, after);
    if (operations.isEmpty()) {
        deliverLater(context, std::move(callback))(Result<User>::success(before));
        return;
    }
    sendPatch(before.id, operations, context, std::move(callback));
}

void UserApi::setActive(const QString& id, bool active, QObject* context, Callback<User> callback)
{
    sendPatch(id, QJsonArray{replaceOperation(u"active"_s, active)}, context, std::move(callback));
}

void UserApi::resetPassword(const QString& id, const Secret& password, QObject* context, Callback<User> callback)
{
    QString text = password.toString();
    const QJsonArray operations{replaceOperation(u"password"_s, text)};
    wipeString(text);
    sendPatch(id, operations, context, std::move(callback));
}

void UserApi::deleteUser(const QString& id, QObject* context, Callback<Empty> callback)
{
    auto deliver = deliverLater(context, std::move(callback));
    send("DELETE", userPath(id), {}, {}, false, [deliver](const ResultInfo& info, const QJsonObject&) {
        deliver(info.ok() ? Result<Empty>::success({}) : Result<Empty>::failure(info));
    });
}

} // namespace appint
