#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <optional>

namespace appint {

// Files that hold keys or credentials: created readable and writable by the
// owner only (0600) from the first byte, flushed to disk with their folder,
// never rewritten in place. The one way to replace such a file (a new
// bootstrap-admin.json from --reset-admin) is to create the new version
// beside it and rename() it over the old one: readers see the old file or
// the new one, never a mix.
class SecureFile
{
    Q_DECLARE_TR_FUNCTIONS(SecureFile)

public:
    // Creates `path` with `content`. Fails if the file already exists.
    static bool create(const QString& path, const QByteArray& content, QString* error);
    // Renames `from` to `to` (replacing it) and flushes the folder.
    static bool rename(const QString& from, const QString& to, QString* error);
    // Reads `path`. If group or others may read it, tightens it to 0600 first
    // and says so in `warning`. std::nullopt with `error` when unreadable.
    static std::optional<QByteArray> read(const QString& path, QString* error, QString* warning = nullptr);
    // Creates the folder (and parents) if needed; a new folder gets 0700.
    static bool ensurePrivateDirectory(const QString& path, QString* error);
    // The permission bits of `path` (e.g. 0600), or -1.
    static int mode(const QString& path);
};

} // namespace appint
