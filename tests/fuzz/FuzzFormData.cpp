// libFuzzer target: the application/x-www-form-urlencoded parser of the
// OAuth endpoints (server/http/FormData).

#include "server/http/FormData.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char*>(data), qsizetype(size));
    if (const auto form = appint::FormData::parse(input)) {
        // Whatever parses must survive a second look.
        (void)form->value(QStringLiteral("grant_type"));
        (void)form->repeatedNames();
    }
    (void)appint::FormData::decodeComponent(input);
    return 0;
}
