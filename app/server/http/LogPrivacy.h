#pragma once

namespace appint {

// Keeps secrets out of the log even when an operator turns every category
// on: Qt HttpServer's own debug output prints whole requests, Authorization
// headers and bodies included, so its debug and info messages stay off
// whatever QT_LOGGING_RULES or setFilterRules() say. The server's own
// categories (appint.server.*) never log a query, body or credential.
class LogPrivacy
{
public:
    // Installs the category filter once per process; later calls do nothing.
    static void install();
};

} // namespace appint
