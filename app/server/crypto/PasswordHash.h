#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace appint {

// Memory-hard password hashes: libsodium's Argon2id (crypto_pwhash_str),
// encoded as the PHC string "$argon2id$v=19$m=...,t=...,p=1$salt$hash", so
// that each stored hash carries its own parameters and a later change of the
// parameters keeps old hashes verifiable. Slow by design (see
// docs/performance-server.md): call it off the HTTP threads.
class PasswordHash
{
public:
    // Chosen and measured on the 2-core build machine (docs/server.md):
    // t = 2 passes over 19 MiB, the OWASP Argon2id baseline, ~50 ms per hash.
    static constexpr unsigned long long OpsLimit = 2;
    static constexpr size_t MemLimit = size_t(19) * 1024 * 1024;

    // A new hash with a fresh random salt; empty if libsodium fails (out of
    // memory).
    static QByteArray hash(QByteArrayView password);
    static QByteArray hash(QByteArrayView password, unsigned long long opsLimit, size_t memLimit);
    // Whether `password` matches `encoded` (a string made by hash()). An
    // empty or malformed `encoded` never matches.
    static bool verify(QByteArrayView encoded, QByteArrayView password);
    // Whether `encoded` was made with other parameters than today's.
    static bool needsRehash(QByteArrayView encoded);
    // A hash of a random password made once per process, for comparing
    // against when a user name is unknown (same cost as a wrong password).
    static const QByteArray& dummy();
};

} // namespace appint
