#pragma once

#include "core/FieldError.h"

#include <QString>

namespace appint {

// How a change to a settings-backed store (TenantProfiles,
// OutboundCredentialSettings) ended: fine, refused because of its fields
// (nothing was changed), or not written because the settings file could not
// be (message says why).
struct SettingsWriteResult
{
    QString message; // translated, for people; empty when ok
    FieldErrors fieldErrors;

    bool ok() const { return message.isEmpty() && fieldErrors.isEmpty(); }
};

} // namespace appint
