#include "service/HttpReplies.h"

#include "core/Secret.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>
#include <QNetworkReply>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace appint {

qint64 HttpReplies::parseRetryAfter(const QByteArray& value, qint64 now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty()) {
        return 0;
    }
    const bool digits = std::all_of(trimmed.begin(), trimmed.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits) {
        // Delta-seconds of any length, clamped (no 64- or 32-bit wraparound).
        bool ok = false;
        const qint64 seconds = trimmed.toLongLong(&ok);
        return ok ? std::clamp<qint64>(seconds, 0, MaximumRetryAfter) : MaximumRetryAfter;
    }
    const QDateTime date = QDateTime::fromString(QString::fromLatin1(trimmed), Qt::RFC2822Date);
    if (!date.isValid()) {
        return 0;
    }
    return std::clamp<qint64>(date.toSecsSinceEpoch() - now, 0, MaximumRetryAfter);
}

ResultStatus HttpReplies::statusForHttp(int httpStatus)
{
    switch (httpStatus) {
    case 400:
    case 413:
    case 422:
        return ResultStatus::Validation;
    case 401:
        return ResultStatus::Authentication;
    case 403:
        return ResultStatus::Forbidden;
    case 404:
        return ResultStatus::NotFound;
    case 409:
        return ResultStatus::Conflict;
    case 429:
        return ResultStatus::RateLimited;
    default:
        return httpStatus >= 500 ? ResultStatus::Server : ResultStatus::Protocol;
    }
}

ResultInfo HttpReplies::transportFailure(const QNetworkReply* reply, bool timedOut, const QString& timeoutText,
                                         const QList<QSslError>& sslErrors, const QString& peer)
{
    ResultInfo info;
    info.networkError = reply->error();
    if (timedOut) {
        info.status = ResultStatus::Timeout;
        info.networkError = QNetworkReply::TimeoutError;
        info.message = timeoutText;
        return info;
    }
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        info.status = ResultStatus::Network;
        info.message = tr("%1 refused the connection. Check the URL and that the service is running.").arg(peer);
        break;
    case QNetworkReply::HostNotFoundError:
        info.status = ResultStatus::Network;
        info.message = tr("The host of %1 was not found. Check the URL.").arg(peer);
        break;
    case QNetworkReply::TimeoutError:
        info.status = ResultStatus::Timeout;
        info.message = timeoutText;
        break;
    case QNetworkReply::RemoteHostClosedError:
        info.status = ResultStatus::Network;
        info.message = tr("%1 closed the connection before answering.").arg(peer);
        break;
    case QNetworkReply::SslHandshakeFailedError: {
        info.status = ResultStatus::Tls;
        QStringList reasons;
        for (const QSslError& error : sslErrors) {
            reasons.append(error.errorString());
        }
        info.message = tr("A secure connection to %1 could not be made: %2")
                           .arg(peer, reasons.isEmpty() ? reply->errorString() : reasons.join(u"; "_s));
        break;
    }
    case QNetworkReply::OperationCanceledError:
        info.status = ResultStatus::Cancelled;
        info.message = tr("The request was cancelled.");
        break;
    default:
        info.status = ResultStatus::Network;
        info.message = tr("Could not reach %1: %2").arg(peer, reply->errorString());
        break;
    }
    return info;
}

ResultInfo HttpReplies::oauthFailure(int httpStatus, const QByteArray& body, qint64 retryAfter)
{
    ResultInfo info;
    info.httpStatus = httpStatus;
    info.retryAfter = retryAfter;
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    info.oauthError = object.value(u"error"_s).toString();
    info.oauthErrorDescription = object.value(u"error_description"_s).toString();
    const QString& error = info.oauthError;
    if (error == u"invalid_client"_s || error == u"unauthorized_client"_s) {
        info.status = ResultStatus::Authentication;
    } else if (error == u"temporarily_unavailable"_s || httpStatus == 429) {
        info.status = ResultStatus::RateLimited;
    } else if (error == u"server_error"_s) {
        info.status = ResultStatus::Server;
    } else if (!error.isEmpty()) {
        info.status = httpStatus >= 500 ? ResultStatus::Server : ResultStatus::Validation;
    } else {
        info.status = statusForHttp(httpStatus);
    }
    if (!error.isEmpty()) {
        info.message = info.oauthErrorDescription.isEmpty()
            ? tr("The token service refused the request: %1 (HTTP %2).").arg(error).arg(httpStatus)
            : tr("The token service refused the request: %1: %2 (HTTP %3).")
                  .arg(error, info.oauthErrorDescription)
                  .arg(httpStatus);
    } else if (info.status == ResultStatus::RateLimited) {
        info.message = tr("The token service asks to wait %n second(s) before trying again (HTTP 429).", nullptr,
                          int(retryAfter));
    } else {
        info.message = tr("The token service answered HTTP %1 without an OAuth error.").arg(httpStatus);
    }
    return info;
}

ResultInfo HttpReplies::problemFailure(int httpStatus, const QByteArray& body, qint64 retryAfter)
{
    ResultInfo info;
    info.httpStatus = httpStatus;
    info.retryAfter = retryAfter;
    info.status = statusForHttp(httpStatus);
    const QJsonObject problem = QJsonDocument::fromJson(body).object();
    info.fieldErrors = fieldErrorsFromJson(problem.value(u"errors"_s).toArray());
    // A token error on an API call (an OAuth-style body) is read as well.
    info.oauthError = problem.value(u"error"_s).toString();
    const QString detail
        = problem.value(u"detail"_s)
              .toString(problem.value(u"title"_s).toString(problem.value(u"error_description"_s).toString()));
    QString lead;
    switch (info.status) {
    case ResultStatus::Validation:
        lead = httpStatus == 413 ? tr("The request is too large.") : tr("The tenant did not accept the input.");
        break;
    case ResultStatus::Authentication:
        lead = tr("The tenant did not accept the administrator's credentials.");
        break;
    case ResultStatus::Forbidden:
        lead = tr("The tenant does not allow this.");
        break;
    case ResultStatus::NotFound:
        lead = tr("The tenant does not know this item; someone may have deleted it.");
        break;
    case ResultStatus::Conflict:
        lead = tr("The change conflicts with the tenant's data.");
        break;
    case ResultStatus::RateLimited:
        lead = tr("The tenant asks to wait %n second(s) before trying again.", nullptr, int(retryAfter));
        break;
    case ResultStatus::Server:
        lead = tr("The tenant service failed (HTTP %1).").arg(httpStatus);
        break;
    default:
        lead = tr("The tenant answered HTTP %1, which this console does not expect.").arg(httpStatus);
        break;
    }
    info.message = detail.isEmpty() ? lead : lead + u' ' + detail;
    return info;
}

ResultInfo HttpReplies::protocolFailure(const QString& detail)
{
    ResultInfo info;
    info.status = ResultStatus::Protocol;
    info.message = tr("The answer does not follow the API: %1").arg(detail);
    return info;
}

void HttpReplies::invoke(const QPointer<QObject>& context, std::function<void()> function, bool queued)
{
    if (!context) {
        return;
    }
    QMetaObject::invokeMethod(context.data(), std::move(function), queued ? Qt::QueuedConnection : Qt::AutoConnection);
}

QByteArray HttpReplies::formEncode(const QString& text)
{
    return QUrl::toPercentEncoding(text, " ").replace(' ', '+');
}

QByteArray HttpReplies::basicCredentials(const QByteArray& user, const QByteArray& password)
{
    QByteArray pair = user + ':' + password;
    QByteArray header = "Basic " + pair.toBase64();
    wipeBytes(pair);
    return header;
}

QString HttpReplies::tokenServicePeer(const QUrl& url)
{
    return tr("the token service at %1")
        .arg(url.host() + (url.port() > 0 ? u':' + QString::number(url.port()) : QString()));
}

} // namespace appint
