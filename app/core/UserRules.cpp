#include "core/UserRules.h"

#include "core/ClientRules.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

qsizetype codePointCount(const QString& text)
{
    qsizetype count = 0;
    for (QChar c : text) {
        if (!c.isLowSurrogate()) {
            ++count;
        }
    }
    return count;
}

bool hasControlCharacter(const QString& text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.category() == QChar::Other_Control; });
}

} // namespace

FieldErrors UserRules::checkUserName(const QString& userName)
{
    if (userName.isEmpty()) {
        return {{FieldUserName, tr("The user name is required.")}};
    }
    if (!ClientRules::isValidUserIdSyntax(userName)) {
        return {{FieldUserName,
                 tr("The user name must be 1 to %1 uppercase letters, digits or underscores.").arg(UserNameMaxLength)}};
    }
    return {};
}

FieldErrors UserRules::checkName(const QString& field, const QString& text)
{
    if (codePointCount(text) > NameMaxLength) {
        return {{field, tr("Can have at most %n character(s).", nullptr, int(NameMaxLength))}};
    }
    if (hasControlCharacter(text)) {
        return {{field, tr("Must not contain control characters.")}};
    }
    return {};
}

bool UserRules::isPlausibleEmail(const QString& value)
{
    if (value.isEmpty() || value.size() > EmailMaxLength || hasControlCharacter(value)) {
        return false;
    }
    if (std::any_of(value.cbegin(), value.cend(), [](QChar c) { return c.isSpace(); })) {
        return false;
    }
    const qsizetype at = value.lastIndexOf(u'@');
    return at > 0 && at < value.size() - 1 && value.indexOf(u'@') == at;
}

FieldErrors UserRules::checkEmails(const QStringList& values, qsizetype primaryCount)
{
    FieldErrors errors;
    if (values.size() > MaximumEmails) {
        errors.append({FieldEmails, tr("A user can have at most %n e-mail address(es).", nullptr, int(MaximumEmails))});
    }
    QSet<QString> seen;
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QString& value = values.at(i);
        if (!isPlausibleEmail(value)) {
            errors.append({FieldEmails,
                           tr("Item %1 is not an e-mail address (name@domain, at most %2 characters).")
                               .arg(i + 1)
                               .arg(EmailMaxLength)});
            continue;
        }
        const QString key = value.toLower();
        if (seen.contains(key)) {
            errors.append({FieldEmails, tr("The address %1 is listed twice.").arg(value)});
        }
        seen.insert(key);
    }
    if (primaryCount > 1) {
        errors.append({FieldEmails, tr("At most one e-mail address can be primary.")});
    }
    return errors;
}

FieldErrors UserRules::checkPassword(const QString& password)
{
    if (codePointCount(password) < PasswordMinLength) {
        return {
            {FieldPassword, tr("The password must have at least %n character(s).", nullptr, int(PasswordMinLength))}};
    }
    if (password.toUtf8().size() > PasswordMaxBytes) {
        return {
            {FieldPassword, tr("The password can have at most %n byte(s) in UTF-8.", nullptr, int(PasswordMaxBytes))}};
    }
    return {};
}

FieldErrors UserRules::checkRoles(const RoleAssignments& roles, const Roles* catalogue)
{
    if (roles.isEmpty()) {
        return {};
    }
    RuleContext context;
    context.roles = catalogue;
    return ClientRules::checkRoles(Purpose::Technical, roles, context);
}

} // namespace appint
