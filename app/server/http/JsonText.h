#pragma once

#include "core/FieldError.h"

#include <QByteArrayView>
#include <QCoreApplication>

#include <optional>

namespace appint {

// The strict text check every management (and SCIM) JSON body goes through
// before QJsonDocument sees it. QJsonDocument silently replaces invalid
// UTF-8 and lone surrogate escapes ("\ud800") with U+FFFD, so a name would
// not survive a restart byte-identical; this check looks at the raw bytes
// and names the top-level field whose string holds:
// - bytes that are not UTF-8 (overlong forms, encoded surrogates, > U+10FFFF),
// - a \uD800-\uDFFF escape that is not half of a surrogate pair,
// - a control character (U+0000-U+001F except tab, LF and CR; U+007F-U+009F),
//   raw or escaped.
// Bad bytes outside strings are left to the JSON parser (a 400).
class JsonText
{
    Q_DECLARE_TR_FUNCTIONS(JsonText)

public:
    // The first problem, with the top-level member it is in ("" when the
    // text is not an object), or nullopt when every string is clean.
    static std::optional<FieldError> findInvalidText(QByteArrayView json);
};

} // namespace appint
