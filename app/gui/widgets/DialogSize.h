#pragma once

class QWidget;

namespace appint {

// Sizes a dialog whose labels wrap: its minimum width or the width its
// contents ask for, and the height the wrapped texts take at that width
// (adjustSize() would measure them at the narrower width of the size hint).
// Call at the end of the constructor, after setMinimumWidth().
void resizeForWrappedText(QWidget* dialog);

} // namespace appint
