#pragma once

#include <QLoggingCategory>

namespace appint {

// "appint.keychain": operations, keys and outcomes. Never a secret.
Q_DECLARE_LOGGING_CATEGORY(lcKeychain)

} // namespace appint
