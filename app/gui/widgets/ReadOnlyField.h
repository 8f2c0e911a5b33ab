#pragma once

class QLineEdit;

namespace appint {

// Makes a line edit read-only (or editable again) and shows it: a read-only
// field is drawn on the window's background, as Qt Creator and KeePassXC do,
// so that nobody tries to type into a client ID or a name that cannot change.
// Selecting and copying still work.
void setReadOnlyField(QLineEdit* edit, bool readOnly = true);

} // namespace appint
