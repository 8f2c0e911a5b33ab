#pragma once

#include "server/tenant/TenantUser.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QVariant>

#include <optional>

namespace appint {

// The SCIM filter subset of api.md (RFC 7644 §3.4.2.2): comparisons
// `attrPath op value` with op `eq`, `co` or `sw` on `userName`,
// `emails.value` and `active` (eq only, a boolean), joined by `and`.
// Attribute names and operators are case-insensitive; string comparisons
// too, as the core schema declares both attributes caseExact false.
class ScimFilter
{
    Q_DECLARE_TR_FUNCTIONS(ScimFilter)

public:
    enum class Attribute { UserName, EmailValue, Active };
    enum class Operator { Equal, Contains, StartsWith };

    struct Comparison
    {
        Attribute attribute = Attribute::UserName;
        Operator op = Operator::Equal;
        QString text; // for the string attributes
        bool flag = false; // for active
    };

    // Parses `text`; on failure returns nullopt and sets `error` to a
    // sentence for the SCIM error's detail (scimType invalidFilter).
    static std::optional<ScimFilter> parse(const QString& text, QString* error);

    bool matches(const TenantUser& user) const;
    const QList<Comparison>& comparisons() const { return m_comparisons; }

private:
    QList<Comparison> m_comparisons; // all must hold
};

} // namespace appint
