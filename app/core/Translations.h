#pragma once

#include <QLocale>

namespace appint {

// Installs the application's translators for `locale` on the running
// QCoreApplication: Qt's own, and the project's (the English one supplies the
// plural forms of "%n day(s)" and friends, so it is always loaded first).
void installTranslations(const QLocale& locale = QLocale());

} // namespace appint
