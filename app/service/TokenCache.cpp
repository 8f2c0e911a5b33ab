#include "service/TokenCache.h"

#include "service/HttpLog.h"
#include "service/HttpReplies.h"
#include "service/TokenClient.h"

#include <QRandomGenerator>

namespace appint {

namespace {
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(TokenCache)
};
} // namespace

TokenCache::TokenCache(TokenClient* client, const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_clock(clock)
    , m_jitter([](qint64 maximum) { return maximum > 0 ? QRandomGenerator::global()->bounded(maximum + 1) : 0; })
{
}

TokenCache::~TokenCache() = default;

qint64 TokenCache::renewalMargin(qint64 lifetime)
{
    if (lifetime <= 2 * MinimumRenewalMargin) {
        return lifetime / 2;
    }
    return std::max(MinimumRenewalMargin, lifetime / 10);
}

void TokenCache::setJitter(std::function<qint64(qint64)> jitter)
{
    m_jitter = std::move(jitter);
}

void TokenCache::token(const OutboundCredential& credential, const OutboundSecrets& secrets, QObject* context,
                       Callback callback)
{
    Q_ASSERT(context);
    const QString& name = credential.name;
    std::shared_ptr<Entry>& slot = m_entries[name];
    if (!slot) {
        slot = std::make_shared<Entry>();
    }
    Entry& entry = *slot;
    const qint64 now = m_clock.now();
    if (entry.token && entry.token->isExpiredAt(now)) {
        entry.token.reset();
    }
    const auto deliverNow = [context, callback](const Result<AccessToken>& result) {
        HttpReplies::invoke(
            context, [callback, result] { callback(result); }, true);
    };
    if (entry.token && now < entry.renewAt) {
        deliverNow(Result<AccessToken>::success(*entry.token));
        return;
    }
    if (entry.flight) {
        entry.flight->waiters.append({context, std::move(callback)});
        return;
    }
    if (now < entry.backoffUntil) {
        if (entry.token) {
            // Renewal is due but backing off: the old token is still valid.
            deliverNow(Result<AccessToken>::success(*entry.token));
        } else {
            auto failure = Result<AccessToken>::failure(entry.lastFailure);
            failure.retryAfter = entry.backoffUntil - now;
            deliverNow(failure);
        }
        return;
    }
    entry.flight = std::make_shared<Flight>();
    entry.flight->waiters.append({context, std::move(callback)});
    ++m_requestCount;
    qCDebug(lcServiceHttp) << "token request for credential" << name << "(renewal:" << entry.token.has_value() << ")";
    m_client->fetch(credential, secrets, this,
                    [this, name, flight = entry.flight](const Result<AccessToken>& result, const RedactedRequest&) {
                        finished(name, flight, result);
                    });
}

void TokenCache::finished(const QString& name, const std::shared_ptr<Flight>& flight, const Result<AccessToken>& result)
{
    Result<AccessToken> delivered = result;
    const std::shared_ptr<Entry> entry = m_entries.value(name);
    if (entry && entry->flight == flight) {
        entry->flight.reset();
        const qint64 now = m_clock.now();
        if (result.ok()) {
            entry->backoffStep = 0;
            entry->backoffUntil = 0;
            entry->lastFailure = {};
            const qint64 lifetime = result.value.expiresIn;
            if (lifetime > 0) {
                const qint64 margin = renewalMargin(lifetime);
                const qint64 jitter = m_jitter ? std::clamp<qint64>(m_jitter(margin / 10), 0, margin / 10) : 0;
                entry->token = result.value;
                entry->renewAt = result.value.expiresAt() - margin - jitter;
            } else {
                // No lifetime given: nothing says how long it may be reused.
                entry->token.reset();
            }
        } else if (result.status != ResultStatus::Cancelled) {
            entry->backoffStep
                = entry->backoffStep == 0 ? InitialBackoff : std::min(entry->backoffStep * 2, MaximumBackoff);
            const qint64 wait = std::max(entry->backoffStep, result.retryAfter);
            entry->backoffUntil = now + wait;
            entry->lastFailure = result;
            delivered.retryAfter = wait;
            if (entry->token && !entry->token->isExpiredAt(now)) {
                qCInfo(lcServiceHttp).noquote() << "renewing the token of" << name << "failed; the current token"
                                                << "stays in use:" << result.message;
                delivered = Result<AccessToken>::success(*entry->token);
            } else {
                entry->token.reset();
            }
        }
    }
    for (const Waiter& waiter : std::as_const(flight->waiters)) {
        HttpReplies::invoke(
            waiter.context, [callback = waiter.callback, delivered] { callback(delivered); }, false);
    }
    flight->waiters.clear();
}

void TokenCache::invalidate(const QString& name)
{
    m_entries.remove(name);
}

void TokenCache::clear()
{
    m_entries.clear();
}

std::optional<qint64> TokenCache::renewalTime(const QString& name) const
{
    const std::shared_ptr<Entry> entry = m_entries.value(name);
    if (!entry || !entry->token) {
        return std::nullopt;
    }
    return entry->renewAt;
}

bool TokenCache::holds(const QString& name, const Secret& token) const
{
    const std::shared_ptr<Entry> entry = m_entries.value(name);
    return entry && entry->token && entry->token->value == token;
}

} // namespace appint
