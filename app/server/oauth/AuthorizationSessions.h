#pragma once

#include "server/oauth/UserDirectory.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>

#include <optional>

namespace appint {

// The short-lived state of the authorization code flow, in memory: sign-in
// forms waiting for a user (each bound to its browser by a cookie and to its
// form by an anti-forgery token) and issued authorization codes. Codes are
// kept only as SHA-256 hashes, live CodeLifetime seconds and redeem once; a
// redeemed code is remembered a while longer, so that a second use can end
// what the first one issued. Thread-safe; time comes from the caller.
class AuthorizationSessions
{
public:
    static constexpr qint64 CodeLifetime = 60;
    static constexpr qint64 SignInLifetime = 600; // how long a sign-in form stays usable
    static constexpr qint64 RedeemedMemory = 3600; // how long a redeemed code is remembered
    static constexpr qsizetype MaximumEntries = 20000; // per kind; beyond that new ones are refused

    // A validated authorization request.
    struct Request
    {
        QString clientId;
        QString redirectUri; // where the answer goes
        bool redirectUriGiven = false; // whether the request named it (then the token request must repeat it)
        std::optional<QString> state;
        QString codeChallenge; // S256
        QString scope; // space-separated, validated; empty: none asked for
    };

    struct Started
    {
        QString requestId; // names the pending sign-in in the form
        QString formToken; // the anti-forgery token of the form
        QString browserKey; // the cookie value that binds it to the browser
    };

    struct Code
    {
        Request request;
        SignInUser user;
        qint64 issuedAt = 0;
        bool redeemed = false;
        bool reuseSeen = false; // a second redemption was attempted
        // What the redemption issued, ended if the code is used again.
        QString accessJti;
        qint64 accessExpiresAt = 0;
        QString familyId;
    };

    enum class Redemption { Ok, Unknown, Expired, Reused, OtherClient };
    struct Redeemed
    {
        Redemption status = Redemption::Unknown;
        Code code;
    };

    // A pending sign-in for `request`; `browserKey` is the browser's cookie
    // value if it already has one (it is kept), else a new one is made.
    // std::nullopt when too many sign-ins are pending.
    std::optional<Started> startSignIn(const Request& request, const QString& browserKey, qint64 now);
    // The pending request if the id, form token and browser cookie match and
    // it has not expired.
    std::optional<Request> pendingSignIn(const QString& requestId, const QString& formToken, const QString& browserKey,
                                         qint64 now) const;
    void finishSignIn(const QString& requestId);

    // A new code for a signed-in user (empty when too many are outstanding).
    QString issueCode(const Request& request, const SignInUser& user, qint64 now);
    // Marks the code redeemed if it is unused, unexpired and the client's.
    // A code of another client is left alone; any other failure (expired,
    // reused) also consumes it.
    Redeemed redeem(const QString& code, const QString& clientId, qint64 now);
    // Notes what the redemption of `code` issued. False if the code was
    // presented again meanwhile: then the caller ends what it issued.
    bool recordIssued(const QString& code, const QString& accessJti, qint64 accessExpiresAt, const QString& familyId);

    qsizetype pendingCount() const;
    qsizetype codeCount() const;

private:
    struct Pending
    {
        Request request;
        QByteArray formTokenHash;
        QByteArray browserKeyHash;
        qint64 expiresAt = 0;
    };

    static QByteArray keyOf(const QString& value);
    void pruneLocked(qint64 now);

    mutable QMutex m_mutex;
    QHash<QString, Pending> m_pending; // request id -> pending sign-in
    QHash<QByteArray, Code> m_codes; // SHA-256 of the code -> code
    qint64 m_lastPrune = 0;
};

} // namespace appint
