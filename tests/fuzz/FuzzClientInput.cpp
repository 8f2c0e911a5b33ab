// libFuzzer target: the JSON client input of the management API (core
// ClientInput for POST and merge-PATCH bodies).

#include "core/ClientInput.h"
#include "core/ClientRules.h"

#include <QJsonDocument>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    constexpr qint64 Now = 1'750'000'000;
    const QJsonDocument document
        = QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    if (!document.isObject()) {
        return 0;
    }
    const QJsonObject body = document.object();
    const appint::ClientInput::Create created = appint::ClientInput::parseCreate(body, Now);
    for (const appint::Purpose purpose :
         {appint::Purpose::Technical, appint::Purpose::Api, appint::Purpose::Interactive}) {
        const appint::Client existing = appint::ClientRules::withDefaults(purpose, Now);
        (void)appint::ClientInput::parsePatch(body, existing, Now);
    }
    (void)created;
    return 0;
}
