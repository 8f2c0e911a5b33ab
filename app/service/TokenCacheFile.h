#pragma once

#include "core/OutboundCredential.h"
#include "service/AccessToken.h"

#include <QCoreApplication>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace appint {

// One token kept in the token cache file, with what it was fetched for.
struct CachedToken
{
    QString name; // the credential's name as saved
    QString tokenUrl;
    QString clientId;
    QString scope; // asked for
    QString resource;
    QString audience;
    QString fingerprint; // TokenCacheFile::fingerprint() of the credential
    AccessToken token;
    int hits = 0; // answers from the cache
    int fetches = 0; // tokens fetched and stored for this credential

    // When the token is renewed: its expiry less TokenCache::renewalMargin().
    qint64 renewAt() const;
};

// The token cache shared by the processes of one user (seed 003: "if you use
// the same credential in another adapter simultaneously, the token is
// reused"): `appint token --credential NAME` and the Outbound Credentials page
// reuse a token until it is due for renewal, across processes.
//
// - A file of its own in the user's runtime folder
//   ($XDG_RUNTIME_DIR/appint/token-cache.json, folder 0700), written
//   atomically with mode 0600 (OutputFile), read and written under a
//   QLockFile beside it, so that processes at once never corrupt it.
// - It holds tokens only: the access token, its type, lifetime and scope, and
//   the key (credential name, token URL, client ID, scope, resource,
//   audience, and a SHA-256 fingerprint of every non-secret field that shapes
//   the token request). Never a client secret or password.
// - A token is reused only while it is valid for at least the renewal margin
//   of TokenCache (renewalMargin(lifetime)) and only for a credential with the
//   same fingerprint: an edited credential never gets a stale token.
// - A corrupt file, one owned by someone else, one that group or others may
//   read, or anything but a regular file is ignored (and replaced at the next
//   write), with a one-line warning (takeWarnings()); it is never trusted.
class TokenCacheFile
{
    Q_DECLARE_TR_FUNCTIONS(TokenCacheFile)

public:
    static constexpr int FormatVersion = 1;

    // The file at `path`; an empty path means defaultPath().
    explicit TokenCacheFile(const QString& path = QString());

    // QStandardPaths::RuntimeLocation + "/appint/token-cache.json".
    static QString defaultPath();
    QString path() const { return m_path; }

    // SHA-256 (hex) of the credential's non-secret token-request fields; the
    // name, description and timeouts do not count.
    static QString fingerprint(const OutboundCredential& credential);

    // The cached token for `credential` when it is still valid for at least
    // the renewal margin at `now`; counts a hit.
    std::optional<AccessToken> take(const OutboundCredential& credential, qint64 now);
    // Stores `token` for `credential`, replacing what was cached under its
    // name; counts a fetch. Expired entries are left out. False (and a
    // warning) when the file cannot be written.
    bool store(const OutboundCredential& credential, const AccessToken& token, qint64 now);
    // Forgets the token cached for `name` (ignoring case). True when one was.
    bool drop(const QString& name);
    // What the file holds now, expired tokens included.
    QList<CachedToken> entries();
    // The entry for `name` (ignoring case), if any.
    std::optional<CachedToken> entry(const QString& name);

    // One line each, for people; emptied by the call.
    QStringList takeWarnings();

private:
    class Lock;
    struct Content
    {
        QList<CachedToken> entries;
        bool usable = true; // false: ignored, to be replaced rather than trusted
    };
    Content read();
    bool write(const QList<CachedToken>& entries, bool replaceUnusable);
    bool ensureFolder();
    void warn(const QString& message);

    QString m_path;
    QStringList m_warnings;
    QSet<QString> m_reported;
};

} // namespace appint
