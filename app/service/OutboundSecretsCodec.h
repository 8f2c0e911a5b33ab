#pragma once

#include "core/OutboundCredential.h"
#include "core/Secret.h"

namespace appint {

// The text of an outbound credential's keychain entry
// (KeychainKeys::outboundCredential(name)): one entry holds both secrets.
//
// - Only a client secret: the secret itself, so that `secret-tool lookup`
//   shows it and `secret-tool store` can save one by hand.
// - A token service password too (or a client secret that starts with '{'):
//   {"clientSecret": "...", "tokenServicePassword": "..."} (seed 004's
//   property names; empty ones left out).
//
// decode() reads both; text that is not such a JSON object is the client
// secret. Best effort on wiping: the intermediate bytes are wiped, Qt's JSON
// internals are out of reach.
class OutboundSecretsCodec
{
public:
    static Secret encode(const OutboundSecrets& secrets);
    static OutboundSecrets decode(const Secret& text);
};

} // namespace appint
