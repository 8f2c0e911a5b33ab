#pragma once

#include "service/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslError>

#include <functional>

class QNetworkReply;
class QUrl;

namespace appint {

// Shared pieces of the service layer's reply handling: how a transport
// failure, an OAuth error (RFC 6749 §5.2) and a problem document (RFC 9457)
// become a typed ResultInfo with a message for people, and how results reach
// their callers. Internal to app/service.
class HttpReplies
{
    Q_DECLARE_TR_FUNCTIONS(HttpReplies)

public:
    // The longest wait a Retry-After can ask for (one day); more is clamped.
    static constexpr qint64 MaximumRetryAfter = 24 * 60 * 60;

    // Retry-After as delta-seconds or an HTTP date, clamped to
    // [0, MaximumRetryAfter]; 0 when absent or unreadable.
    static qint64 parseRetryAfter(const QByteArray& value, qint64 now);

    // A reply that ended without an HTTP answer. `peer` names the other side
    // for the message ("the token service at auth.example.com").
    static ResultInfo transportFailure(const QNetworkReply* reply, bool timedOut, const QString& timeoutText,
                                       const QList<QSslError>& sslErrors, const QString& peer);

    // A token endpoint's error answer.
    static ResultInfo oauthFailure(int httpStatus, const QByteArray& body, qint64 retryAfter);
    // A management API error answer (problem+json or anything else).
    static ResultInfo problemFailure(int httpStatus, const QByteArray& body, qint64 retryAfter);
    // The status that an HTTP error status code stands for.
    static ResultStatus statusForHttp(int httpStatus);

    static ResultInfo protocolFailure(const QString& detail);

    // application/x-www-form-urlencoded: unreserved characters as they are,
    // space as '+', everything else percent-encoded.
    static QByteArray formEncode(const QString& text);
    // "Basic base64(user:password)" (RFC 7617); the joined pair is wiped.
    // OAuth client credentials are form-encoded first (RFC 6749 §2.3.1).
    static QByteArray basicCredentials(const QByteArray& user, const QByteArray& password);
    // "the token service at host[:port]", the peer of a token request.
    static QString tokenServicePeer(const QUrl& url);

    // Runs `function` on the thread of `context`, unless `context` is gone.
    // queued: always through the event loop (never inside the caller's call).
    static void invoke(const QPointer<QObject>& context, std::function<void()> function, bool queued);
};

} // namespace appint
