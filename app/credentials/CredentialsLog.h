#pragma once

#include <QLoggingCategory>

namespace appint {

// appint.credentials: the steps of the credential flows and their outcome
// (keychain status ids, client IDs, tenant URLs). Never a secret.
Q_DECLARE_LOGGING_CATEGORY(lcCredentials)

} // namespace appint
