#pragma once

#include <QString>

namespace appint {

// Server-supplied text inside the console's own sentences. A tenant can put
// bidirectional controls into a client name (U+202E RIGHT-TO-LEFT OVERRIDE,
// ...) that would reorder the words around it ("(enil dnammoc)"). isolate()
// drops the controls the text brings and wraps it in U+2068 FIRST STRONG
// ISOLATE ... U+2069 POP DIRECTIONAL ISOLATE, so that it keeps its own
// direction without touching ours (Unicode UAX #9). stripControls() is for
// terminals, which do not isolate.
class BidiText
{
public:
    static constexpr char16_t FirstStrongIsolate = 0x2068;
    static constexpr char16_t PopDirectionalIsolate = 0x2069;

    // U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069.
    static bool isControl(char16_t c);
    static QString stripControls(const QString& text);
    // FSI + stripControls(text) + PDI; an empty text stays empty.
    static QString isolate(const QString& text);
};

} // namespace appint
