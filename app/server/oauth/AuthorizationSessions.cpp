#include "server/oauth/AuthorizationSessions.h"

#include "server/crypto/Crypto.h"

namespace appint {

QByteArray AuthorizationSessions::keyOf(const QString& value)
{
    return Crypto::sha256(value.toUtf8());
}

void AuthorizationSessions::pruneLocked(qint64 now)
{
    if (now == m_lastPrune && m_pending.size() < MaximumEntries && m_codes.size() < MaximumEntries) {
        return;
    }
    m_lastPrune = now;
    m_pending.removeIf([now](const auto& entry) { return entry.value().expiresAt <= now; });
    m_codes.removeIf([now](const auto& entry) {
        const Code& code = entry.value();
        return code.issuedAt + (code.redeemed ? RedeemedMemory : CodeLifetime) <= now;
    });
}

std::optional<AuthorizationSessions::Started> AuthorizationSessions::startSignIn(const Request& request,
                                                                                 const QString& browserKey, qint64 now)
{
    Started started;
    started.requestId = Crypto::randomToken(16);
    started.formToken = Crypto::randomToken(32);
    started.browserKey = browserKey.size() == 43 ? browserKey : Crypto::randomToken(32);
    Pending pending{request, keyOf(started.formToken), keyOf(started.browserKey), now + SignInLifetime};
    QMutexLocker lock(&m_mutex);
    pruneLocked(now);
    if (m_pending.size() >= MaximumEntries) {
        return std::nullopt;
    }
    m_pending.insert(started.requestId, std::move(pending));
    return started;
}

std::optional<AuthorizationSessions::Request> AuthorizationSessions::pendingSignIn(const QString& requestId,
                                                                                   const QString& formToken,
                                                                                   const QString& browserKey,
                                                                                   qint64 now) const
{
    const QByteArray formHash = keyOf(formToken);
    const QByteArray browserHash = keyOf(browserKey);
    QMutexLocker lock(&m_mutex);
    const auto it = m_pending.constFind(requestId);
    if (it == m_pending.cend() || it->expiresAt <= now) {
        return std::nullopt;
    }
    const bool formMatches = Crypto::constantTimeEquals(formHash, it->formTokenHash);
    const bool browserMatches = Crypto::constantTimeEquals(browserHash, it->browserKeyHash);
    if (!formMatches || !browserMatches) {
        return std::nullopt;
    }
    return it->request;
}

void AuthorizationSessions::finishSignIn(const QString& requestId)
{
    QMutexLocker lock(&m_mutex);
    m_pending.remove(requestId);
}

QString AuthorizationSessions::issueCode(const Request& request, const SignInUser& user, qint64 now)
{
    const QString code = Crypto::randomToken(32);
    Code entry;
    entry.request = request;
    entry.user = user;
    entry.issuedAt = now;
    QMutexLocker lock(&m_mutex);
    pruneLocked(now);
    if (m_codes.size() >= MaximumEntries) {
        return {};
    }
    m_codes.insert(keyOf(code), std::move(entry));
    return code;
}

AuthorizationSessions::Redeemed AuthorizationSessions::redeem(const QString& code, const QString& clientId, qint64 now)
{
    const QByteArray key = keyOf(code);
    QMutexLocker lock(&m_mutex);
    const auto it = m_codes.find(key);
    if (it == m_codes.end()) {
        return {Redemption::Unknown, {}};
    }
    if (it->request.clientId != clientId) {
        return {Redemption::OtherClient, {}};
    }
    if (it->redeemed) {
        it->reuseSeen = true;
        Redeemed reused{Redemption::Reused, *it};
        // What it issued ends now; a third use finds nothing more to end.
        it->accessJti.clear();
        it->familyId.clear();
        return reused;
    }
    if (now >= it->issuedAt + CodeLifetime) {
        m_codes.erase(it);
        return {Redemption::Expired, {}};
    }
    it->redeemed = true;
    return {Redemption::Ok, *it};
}

bool AuthorizationSessions::recordIssued(const QString& code, const QString& accessJti, qint64 accessExpiresAt,
                                         const QString& familyId)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_codes.find(keyOf(code));
    if (it == m_codes.end() || it->reuseSeen) {
        return false;
    }
    it->accessJti = accessJti;
    it->accessExpiresAt = accessExpiresAt;
    it->familyId = familyId;
    return true;
}

qsizetype AuthorizationSessions::pendingCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_pending.size();
}

qsizetype AuthorizationSessions::codeCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_codes.size();
}

} // namespace appint
