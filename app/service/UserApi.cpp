#include "service/UserApi.h"

#include "core/UserRules.h"
#include "service/AdminSession.h"
#include "service/HttpReplies.h"
#include "service/TenantApi.h"

#include <QJsonDocument>
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

UserApi::UserApi(AdminSession* session, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_transport(std::make_unique<TenantApi>(session))
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
    return m_transport->pendingCount();
}

void UserApi::cancelAll()
{
    m_transport->cancelAll();
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
    // TenantApi's call: the token, one re-authentication on a 401, the
    // deadline, the answer cap and the log (which redacts "password").
    TenantApi::RawRequest request{method, path, QUrlQuery(query)};
    if (!body.isEmpty()) {
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        request.contentType = QByteArrayLiteral("application/scim+json");
    }
    request.accept = QByteArrayLiteral("application/scim+json, application/json");
    m_transport->send(std::move(request),
                      [userNameSent, handler = std::move(handler)](const ResultInfo& info, QJsonDocument& document,
                                                                   QByteArray& answer) {
                          if (!info.ok()) {
                              // An HTTP error answer: SCIM words it (RFC 7644 §3.12).
                              handler(info.httpStatus >= 400
                                          ? scimFailure(info.httpStatus, answer, info.retryAfter, userNameSent)
                                          : info,
                                      {});
                              return;
                          }
                          if (!answer.isEmpty() && !document.isObject()) {
                              handler(HttpReplies::protocolFailure(Tr::tr("the answer is not a JSON object.")), {});
                              return;
                          }
                          handler(info, document.object());
                      });
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
