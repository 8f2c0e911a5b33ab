#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace appint {

// What an OAuth client is for (seeds 000-002). The order is the order of the
// purpose picker.
enum class Purpose {
    Interactive, // "Interactive Usage": authorization code, a person signs in
    Api, // "API Access": tenant-wide access to selected APIs
    Technical, // "Technical User": client credentials with a user and roles
};

// The wire value: "interactive", "api", "technical".
QString purposeId(Purpose purpose);
std::optional<Purpose> purposeFromId(QStringView id);
// "Interactive Usage", "API Access", "Technical User" (translated).
QString purposeDisplayName(Purpose purpose);
QList<Purpose> allPurposes();

} // namespace appint
