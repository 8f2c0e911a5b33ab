#pragma once

#include "core/Clock.h"
#include "core/OutboundCredential.h"
#include "service/AccessToken.h"
#include "service/Result.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace appint {

class TokenClient;

// Access tokens by credential name (seed 003: "caches it against the name of
// the credential ... the token is reused"; seed 004: "cached and
// auto-renovated ... shortly before the expiration").
//
// - A token is reused until its renewal time: when less than
//   max(60 s, 10 % of its lifetime) is left, less a little random jitter (up
//   to a tenth of that margin) so that many processes do not renew at once.
//   An expired token is never served.
// - Single flight: every caller that asks while a request for that name is
//   in flight waits for that one request.
// - A failure goes to every waiting caller. The next request for that name
//   waits a backoff (2 s, doubling to 5 min, or longer when the server sent
//   Retry-After); callers in between get the failure again at once, with
//   retryAfter set to the time left. A renewal that fails while the old token
//   is still valid hands out the old token instead.
class TokenCache : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const Result<AccessToken>& result)>;

    static constexpr qint64 MinimumRenewalMargin = 60;
    static constexpr qint64 InitialBackoff = 2;
    static constexpr qint64 MaximumBackoff = 300;

    // `client` must outlive the cache. `clock` decides expiry and backoff.
    explicit TokenCache(TokenClient* client, const Clock& clock = Clock::system(), QObject* parent = nullptr);
    ~TokenCache() override;

    // A valid token for `credential.name`: cached, or fetched with `secrets`.
    // `callback` runs once, later (never inside this call), unless `context`
    // is destroyed first.
    void token(const OutboundCredential& credential, const OutboundSecrets& secrets, QObject* context,
               Callback callback);

    // Forgets the token and the backoff of one credential (edited, deleted, or
    // its token was refused). A request in flight still answers its callers
    // but is not cached.
    void invalidate(const QString& name);
    void clear();

    // The cached token's renewal time (Unix seconds), if one is cached.
    std::optional<qint64> renewalTime(const QString& name) const;
    // Whether `token` is the token cached for `name`.
    bool holds(const QString& name, const Secret& token) const;
    // Token requests sent so far (for tests and the status bar).
    int requestCount() const { return m_requestCount; }

    // The margin before expiry at which a token of that lifetime is renewed:
    // max(60, lifetime / 10); for lifetimes of 120 s or less, half the
    // lifetime, so that a short-lived token is still reused.
    static qint64 renewalMargin(qint64 lifetime);

    // Replaces the jitter: a function returning a whole number of seconds in
    // [0, maximum]. Tests pass one that returns 0 or `maximum`.
    void setJitter(std::function<qint64(qint64 maximum)> jitter);

private:
    struct Waiter
    {
        QPointer<QObject> context;
        Callback callback;
    };
    struct Flight
    {
        QList<Waiter> waiters;
    };
    struct Entry
    {
        std::optional<AccessToken> token;
        qint64 renewAt = 0;
        std::shared_ptr<Flight> flight;
        qint64 backoffUntil = 0;
        qint64 backoffStep = 0;
        ResultInfo lastFailure;
    };

    void finished(const QString& name, const std::shared_ptr<Flight>& flight, const Result<AccessToken>& result);

    TokenClient* m_client;
    const Clock& m_clock;
    std::function<qint64(qint64)> m_jitter;
    QHash<QString, std::shared_ptr<Entry>> m_entries;
    int m_requestCount = 0;
};

} // namespace appint
