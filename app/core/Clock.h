#pragma once

#include <QtGlobal>

namespace appint {

// Source of "now" in Unix seconds. The server and the console take one so that
// tests can move time (expiry, token lifetimes) without sleeping.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 now() const = 0;

    // The wall clock. Lives for the whole program.
    static const Clock& system();
};

} // namespace appint
