#include "server/scim/ScimFilter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

constexpr qsizetype MaximumFilterLength = 2048;
constexpr qsizetype MaximumComparisons = 10;

// A small tokenizer over the filter text: words and JSON strings.
class Reader
{
public:
    explicit Reader(const QString& text)
        : m_text(text)
    {
    }

    void skipSpace()
    {
        while (m_pos < m_text.size() && m_text.at(m_pos) == u' ') {
            ++m_pos;
        }
    }
    bool atEnd()
    {
        skipSpace();
        return m_pos >= m_text.size();
    }
    // A run of characters up to a space (or the end).
    QString word()
    {
        skipSpace();
        const qsizetype start = m_pos;
        while (m_pos < m_text.size() && m_text.at(m_pos) != u' ' && m_text.at(m_pos) != u'"') {
            ++m_pos;
        }
        return m_text.mid(start, m_pos - start);
    }
    bool peekQuote()
    {
        skipSpace();
        return m_pos < m_text.size() && m_text.at(m_pos) == u'"';
    }
    // A JSON string literal (RFC 7644: compValue is a JSON value).
    std::optional<QString> string()
    {
        skipSpace();
        if (m_pos >= m_text.size() || m_text.at(m_pos) != u'"') {
            return std::nullopt;
        }
        qsizetype end = m_pos + 1;
        while (end < m_text.size() && m_text.at(end) != u'"') {
            end += m_text.at(end) == u'\\' ? 2 : 1;
        }
        if (end >= m_text.size()) {
            return std::nullopt;
        }
        const QString literal = m_text.mid(m_pos, end - m_pos + 1);
        m_pos = end + 1;
        const QJsonDocument document = QJsonDocument::fromJson(u"[%1]"_s.arg(literal).toUtf8());
        if (!document.isArray() || !document.array().at(0).isString()) {
            return std::nullopt;
        }
        return document.array().at(0).toString();
    }

private:
    const QString& m_text;
    qsizetype m_pos = 0;
};

} // namespace

std::optional<ScimFilter> ScimFilter::parse(const QString& text, QString* error)
{
    const auto fail = [&](const QString& message) {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    if (text.size() > MaximumFilterLength) {
        return fail(tr("The filter is longer than %1 characters.").arg(MaximumFilterLength));
    }
    ScimFilter filter;
    Reader reader(text);
    if (reader.atEnd()) {
        return fail(tr("The filter is empty."));
    }
    while (true) {
        if (filter.m_comparisons.size() >= MaximumComparisons) {
            return fail(tr("A filter may join at most %1 comparisons.").arg(MaximumComparisons));
        }
        Comparison comparison;
        const QString path = reader.word();
        const QString lowerPath = path.toLower();
        if (lowerPath == u"username"_s || lowerPath == u"urn:ietf:params:scim:schemas:core:2.0:user:username"_s) {
            comparison.attribute = Attribute::UserName;
        } else if (lowerPath == u"emails.value"_s || lowerPath == u"emails"_s
                   || lowerPath == u"urn:ietf:params:scim:schemas:core:2.0:user:emails.value"_s) {
            comparison.attribute = Attribute::EmailValue;
        } else if (lowerPath == u"active"_s || lowerPath == u"urn:ietf:params:scim:schemas:core:2.0:user:active"_s) {
            comparison.attribute = Attribute::Active;
        } else if (path.isEmpty()) {
            return fail(tr("The filter is incomplete: an attribute is missing."));
        } else {
            return fail(
                tr("Filtering on \"%1\" is not supported; use userName, emails.value or active.").arg(path.left(100)));
        }
        const QString op = reader.word().toLower();
        if (op == u"eq"_s) {
            comparison.op = Operator::Equal;
        } else if (op == u"co"_s) {
            comparison.op = Operator::Contains;
        } else if (op == u"sw"_s) {
            comparison.op = Operator::StartsWith;
        } else if (op.isEmpty()) {
            return fail(tr("The filter is incomplete: an operator is missing after \"%1\".").arg(path.left(100)));
        } else {
            return fail(tr("The operator \"%1\" is not supported; use eq, co or sw.").arg(op.left(20)));
        }
        if (comparison.attribute == Attribute::Active) {
            if (comparison.op != Operator::Equal) {
                return fail(tr("active can only be compared with eq."));
            }
            const QString value = reader.word().toLower();
            if (value != u"true"_s && value != u"false"_s) {
                return fail(tr("active compares with true or false."));
            }
            comparison.flag = value == u"true"_s;
        } else {
            if (!reader.peekQuote()) {
                return fail(tr("%1 compares with a quoted string, e.g. userName eq \"ADA\".").arg(path.left(100)));
            }
            const auto value = reader.string();
            if (!value) {
                return fail(tr("A quoted string in the filter is not closed or not valid JSON."));
            }
            comparison.text = *value;
        }
        filter.m_comparisons.append(comparison);
        if (reader.atEnd()) {
            break;
        }
        const QString joiner = reader.word().toLower();
        if (joiner != u"and"_s) {
            return fail(tr("Comparisons can only be joined by \"and\"; found \"%1\".").arg(joiner.left(20)));
        }
        if (reader.atEnd()) {
            return fail(tr("The filter ends after \"and\"."));
        }
    }
    return filter;
}

bool ScimFilter::matches(const TenantUser& user) const
{
    const auto compare = [](const Comparison& c, const QString& value) {
        switch (c.op) {
        case Operator::Equal:
            return value.compare(c.text, Qt::CaseInsensitive) == 0;
        case Operator::Contains:
            return value.contains(c.text, Qt::CaseInsensitive);
        case Operator::StartsWith:
            return value.startsWith(c.text, Qt::CaseInsensitive);
        }
        return false;
    };
    for (const Comparison& c : m_comparisons) {
        bool ok = false;
        switch (c.attribute) {
        case Attribute::UserName:
            ok = compare(c, user.userName);
            break;
        case Attribute::EmailValue:
            ok = std::any_of(user.emails.cbegin(), user.emails.cend(),
                             [&](const UserEmail& email) { return compare(c, email.value); });
            break;
        case Attribute::Active:
            ok = user.active == c.flag;
            break;
        }
        if (!ok) {
            return false;
        }
    }
    return true;
}

} // namespace appint
