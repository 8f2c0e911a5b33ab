#include "credentials/CredentialsLog.h"

namespace appint {

Q_LOGGING_CATEGORY(lcCredentials, "appint.credentials", QtInfoMsg)

} // namespace appint
