#include "gui/outbound/TokenDisplay.h"

#include "service/AccessToken.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace appint {

QString TokenDisplay::masked(const Secret& token)
{
    QString text = token.toString();
    const int length = int(text.size());
    // Show the start only when the rest keeps the token unguessable.
    const QString prefix = length >= VisiblePrefix * 4 ? text.left(VisiblePrefix) : QString();
    wipeString(text);
    return tr("%1%2 (%n character(s))", nullptr, length).arg(prefix, QString(8, QChar(0x2022)));
}

std::optional<QJsonObject> TokenDisplay::jwtHeader(const Secret& token)
{
    QByteArray bytes = token.utf8();
    const QList<QByteArray> parts = bytes.split('.');
    std::optional<QJsonObject> header;
    if (parts.size() == 3 && !parts.at(0).isEmpty()
        && AccessToken::decodeJwtClaims(bytes).has_value()) { // a JWT, not merely three dotted parts
        const auto decoded = QByteArray::fromBase64Encoding(
            parts.at(0),
            QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals | QByteArray::AbortOnBase64DecodingErrors);
        if (decoded) {
            const QJsonDocument document = QJsonDocument::fromJson(*decoded);
            if (document.isObject()) {
                header = document.object();
            }
        }
    }
    wipeBytes(bytes);
    return header;
}

bool TokenDisplay::isTimeClaim(const QString& name)
{
    return name == u"exp"_s || name == u"iat"_s || name == u"nbf"_s || name == u"auth_time"_s
        || name == u"updated_at"_s;
}

QString TokenDisplay::prettyJson(const QJsonObject& object)
{
    const QString json = QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)).trimmed();
    static const QRegularExpression timeLine(uR"re(^(\s*)"([a-z_]+)": (\d{1,12})(,?)$)re"_s);
    QStringList lines = json.split(u'\n');
    for (QString& line : lines) {
        const QRegularExpressionMatch match = timeLine.match(line);
        if (!match.hasMatch() || !isTimeClaim(match.captured(2))) {
            continue;
        }
        const QDateTime time = QDateTime::fromSecsSinceEpoch(match.captured(3).toLongLong());
        line += u"   // "_s + time.toString(u"yyyy-MM-dd HH:mm:ss t"_s);
    }
    return lines.join(u'\n');
}

QString TokenDisplay::countdown(qint64 seconds)
{
    seconds = std::max<qint64>(0, seconds);
    const qint64 days = seconds / 86400;
    const qint64 hours = seconds % 86400 / 3600;
    const qint64 minutes = seconds % 3600 / 60;
    const qint64 rest = seconds % 60;
    const auto two = [](qint64 value) { return u"%1"_s.arg(value, 2, 10, QChar(u'0')); };
    if (days > 0) {
        return tr("%n day(s) %1", nullptr, int(days)).arg(two(hours) + u':' + two(minutes) + u':' + two(rest));
    }
    if (hours > 0) {
        return QString::number(hours) + u':' + two(minutes) + u':' + two(rest);
    }
    return QString::number(minutes) + u':' + two(rest);
}

} // namespace appint

namespace appint {

QString TokenDisplay::failureSummary(const ResultInfo& result)
{
    if (!result.oauthError.isEmpty()) {
        return result.oauthError;
    }
    switch (result.status) {
    case ResultStatus::Ok:
        return {};
    case ResultStatus::Timeout:
        return tr("timed out");
    case ResultStatus::Tls:
        return tr("TLS handshake failed");
    case ResultStatus::Network:
        switch (result.networkError) {
        case QNetworkReply::ConnectionRefusedError:
            return tr("connection refused");
        case QNetworkReply::HostNotFoundError:
            return tr("host not found");
        default:
            return tr("no connection");
        }
    case ResultStatus::Validation:
        if (result.httpStatus == 0) {
            return tr("incomplete credential");
        }
        break;
    case ResultStatus::Cancelled:
        return tr("cancelled");
    case ResultStatus::Protocol:
        return result.httpStatus > 0 ? tr("unexpected answer (HTTP %1)").arg(result.httpStatus)
                                     : tr("unexpected answer");
    default:
        break;
    }
    return result.httpStatus > 0 ? tr("HTTP %1").arg(result.httpStatus) : resultStatusId(result.status);
}

} // namespace appint
