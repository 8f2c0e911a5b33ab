#pragma once

#include <QLoggingCategory>

namespace appint {

// appint.gui: what the screens do (loads, requests and their outcome). Never
// a secret: only client IDs, counts and the service's messages.
Q_DECLARE_LOGGING_CATEGORY(lcGui)

} // namespace appint
