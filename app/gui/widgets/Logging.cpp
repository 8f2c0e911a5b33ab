#include "gui/widgets/Logging.h"

namespace appint {

Q_LOGGING_CATEGORY(lcGui, "appint.gui", QtInfoMsg)

} // namespace appint
