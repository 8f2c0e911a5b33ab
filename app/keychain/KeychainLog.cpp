#include "keychain/KeychainLog.h"

namespace appint {

Q_LOGGING_CATEGORY(lcKeychain, "appint.keychain", QtInfoMsg)

} // namespace appint
