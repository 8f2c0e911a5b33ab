#pragma once

#include "core/Secret.h"
#include "core/User.h"
#include "service/Result.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace appint {

class AdminSession;
class TenantApi;

// The tenant's SCIM 2.0 Users endpoints (api.md, "Users (SCIM 2.0)") as
// asynchronous calls on the administrator's session, like TenantApi: each
// call has the session's time limit, delivers exactly one Result to its
// callback, later, unless `context` is destroyed first, and a 401 answer
// re-authenticates once and repeats the call once.
//
// Errors are typed as TenantApi's. SCIM errors (RFC 7644 §3.12) carry no
// field name: where the answer says which field it is about, it becomes a
// field error of that SCIM attribute (UserRules' names): 409 "uniqueness" on
// a create or a change of the user name is an error of "userName"; a 400
// whose detail is one of the core rules' messages is an error of the field
// whose rule says so. Passwords are sent only in the request that sets them
// and are wiped from the request buffer afterwards.
class UserApi : public QObject
{
    Q_OBJECT

public:
    template <typename T>
    using Callback = std::function<void(const Result<T>&)>;

    // The page size of listUsers (the server cuts larger ones to 1000).
    static constexpr int ListPageSize = 1000;
    // listUsers stops with an error beyond this many users.
    static constexpr qint64 MaximumUsers = 1'000'000;

    // Calls in flight are cancelled when `session` goes first.
    explicit UserApi(AdminSession* session, QObject* parent = nullptr);
    ~UserApi() override;

    AdminSession* session() const { return m_session; }

    // The page size of listUsers (1 to ListPageSize; tests use small pages).
    void setListPageSize(int size);
    int listPageSize() const { return m_listPageSize; }

    // Every user, page by page (startIndex/count), in the server's order.
    void listUsers(QObject* context, Callback<Users> callback);
    void user(const QString& id, QObject* context, Callback<User> callback);
    // POST with the initial password (may be empty: a user who cannot sign
    // in until a password is set).
    void createUser(const User& user, const Secret& password, QObject* context, Callback<User> callback);
    // PUT: the whole resource (the password is left as it is).
    void replaceUser(const User& user, QObject* context, Callback<User> callback);
    // PATCH with "replace" operations for what differs between `before` and
    // `after`: name, displayName, emails, roles, active. Nothing differs: the
    // user as it is, without a request.
    void updateUser(const User& before, const User& after, QObject* context, Callback<User> callback);
    void setActive(const QString& id, bool active, QObject* context, Callback<User> callback);
    void resetPassword(const QString& id, const Secret& password, QObject* context, Callback<User> callback);
    void deleteUser(const QString& id, QObject* context, Callback<Empty> callback);

    // Ends every call in flight; their callbacks receive Cancelled.
    void cancelAll();
    int pendingCount() const;

    // The PATCH operations updateUser sends.
    static QJsonArray patchOperations(const User& before, const User& after);
    // A SCIM or problem+json error answer as a typed failure. `userNameSent`:
    // the request set userName (a uniqueness conflict is about it).
    static ResultInfo scimFailure(int httpStatus, const QByteArray& body, qint64 retryAfter, bool userNameSent);

private:
    class Call;
    friend class Call;

    using Handler = std::function<void(const ResultInfo& failure, const QJsonObject& answer)>;
    void send(const QByteArray& method, const QString& path, const QString& query, const QJsonObject& body,
              bool userNameSent, Handler handler);
    void sendPatch(const QString& id, const QJsonArray& operations, QObject* context, Callback<User> callback);
    void loadPage(int startIndex, std::shared_ptr<Users> users, QObject* context, Callback<Users> callback);

    AdminSession* m_session;
    // The calls themselves: TenantApi's, over the same session.
    std::unique_ptr<TenantApi> m_transport;
    int m_listPageSize = ListPageSize;
};

} // namespace appint
