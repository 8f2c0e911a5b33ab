#include "core/OutboundCredentialRules.h"

#include "core/TokenServiceUrl.h"

#include <QSet>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

bool hasControlCharacter(const QString& text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.category() == QChar::Other_Control; });
}

bool isBlank(const QString& text)
{
    return text.trimmed().isEmpty();
}

// RFC 9110 token characters: what a header name may hold.
bool isHeaderName(const QString& name)
{
    static const QString extra = u"!#$%&'*+-.^_`|~"_s;
    return !name.isEmpty() && std::all_of(name.cbegin(), name.cend(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || extra.contains(c);
    });
}

bool isNameCharacter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'_' || c == u'-'
        || c == u'.';
}

bool isLoopbackHost(const QString& host)
{
    const QString lower = host.toLower();
    return lower == u"localhost"_s || lower.endsWith(u".localhost"_s) || lower == u"::1"_s
        || lower.startsWith(u"127."_s);
}

FieldErrors one(const QString& field, const QString& message)
{
    return FieldErrors{FieldError{field, message}};
}

// Length, control characters and blank checks of a free-text field.
FieldErrors checkText(const QString& field, const QString& text, bool required, const QString& requiredMessage)
{
    if (text.isEmpty()) {
        return required ? one(field, requiredMessage) : FieldErrors{};
    }
    if (isBlank(text)) {
        return one(field, OutboundCredentialRules::tr("Cannot consist only of spaces."));
    }
    if (text.size() > OutboundCredentialRules::FieldMaxLength) {
        return one(field,
                   OutboundCredentialRules::tr("Can have at most %n character(s).", nullptr,
                                               int(OutboundCredentialRules::FieldMaxLength)));
    }
    if (hasControlCharacter(text)) {
        return one(field, OutboundCredentialRules::tr("Cannot contain line breaks or other control characters."));
    }
    return {};
}

} // namespace

bool OutboundCredentialRules::isReservedParameterKey(const QString& key)
{
    const QString lower = key.trimmed().toLower();
    return lower == u"client_id"_s || lower == u"client_secret"_s || lower == u"grant_type"_s;
}

bool OutboundCredentialRules::isReservedHeader(const QString& name)
{
    const QString lower = name.trimmed().toLower();
    return lower == u"authorization"_s || lower == u"content-type"_s || lower == u"content-length"_s
        || lower == u"host"_s;
}

FieldErrors OutboundCredentialRules::check(const OutboundCredential& credential, const QStringList& takenNames)
{
    FieldErrors errors;
    errors += checkName(credential.name, takenNames);
    if (credential.description.size() > FieldMaxLength) {
        errors += one(FieldDescription, tr("Can have at most %n character(s).", nullptr, int(FieldMaxLength)));
    }
    errors += checkTokenServiceUrl(credential);
    errors += checkClientId(credential.clientId);
    errors += checkTokenServiceUser(credential.tokenServiceUser);
    errors += checkScope(credential.scope);
    errors += checkResource(credential.resource);
    errors += checkAudience(credential.audience);
    errors += checkContentType(credential.contentType);
    errors += checkCustomParameters(credential.customParameters);
    errors += checkPropertyLists(credential);
    return errors;
}

FieldErrors OutboundCredentialRules::checkName(const QString& name, const QStringList& takenNames)
{
    if (name.isEmpty()) {
        return one(FieldName, tr("Enter a name. Adapters and the command line refer to the credential by it."));
    }
    if (name.size() > NameMaxLength) {
        return one(FieldName, tr("The name can have at most %n character(s).", nullptr, int(NameMaxLength)));
    }
    if (!std::all_of(name.cbegin(), name.cend(), isNameCharacter)) {
        return one(FieldName, tr("Use letters A–Z, digits, underscores, hyphens and periods only."));
    }
    if (takenNames.contains(name, Qt::CaseInsensitive)) {
        return one(FieldName, tr("Another credential is already called %1.").arg(name));
    }
    return {};
}

FieldErrors OutboundCredentialRules::checkTokenServiceUrl(const OutboundCredential& credential)
{
    if (credential.urlType == TokenServiceUrlType::Common && !TokenServiceUrl::isValidSubdomain(credential.subdomain)) {
        return one(FieldSubdomain,
                   credential.subdomain.isEmpty()
                       ? tr("Enter the subdomain of the tenant; a Common URL is resolved with it.")
                       : tr("Use letters, digits and hyphens only (at most 63), not starting or "
                            "ending with a hyphen."));
    }
    const TokenServiceUrl::Resolved resolved = TokenServiceUrl::resolve(credential);
    if (!resolved.error.isEmpty()) {
        return one(FieldTokenServiceUrl, resolved.error);
    }
    if (resolved.url.scheme().toLower() == u"http"_s && !isLoopbackHost(resolved.url.host())) {
        return one(FieldTokenServiceUrl,
                   tr("Use https://. Over plain http the client secret would travel unencrypted; only a token "
                      "service on this computer (localhost) may use http."));
    }
    if (credential.tokenServiceUrl.size() > FieldMaxLength) {
        return one(FieldTokenServiceUrl, tr("Can have at most %n character(s).", nullptr, int(FieldMaxLength)));
    }
    return {};
}

FieldErrors OutboundCredentialRules::checkClientId(const QString& clientId)
{
    FieldErrors errors = checkText(FieldClientId, clientId, true, tr("Enter the client ID."));
    if (errors.isEmpty() && clientId != clientId.trimmed()) {
        errors += one(FieldClientId, tr("Remove the spaces at the start or the end."));
    }
    return errors;
}

FieldErrors OutboundCredentialRules::checkTokenServiceUser(const QString& user)
{
    FieldErrors errors = checkText(FieldTokenServiceUser, user, false, {});
    if (errors.isEmpty() && user.contains(u':')) {
        errors += one(FieldTokenServiceUser, tr("A user for Basic authentication cannot contain a colon (:)."));
    }
    return errors;
}

FieldErrors OutboundCredentialRules::checkScope(const QString& scope)
{
    FieldErrors errors = checkText(FieldScope, scope, false, {});
    if (!errors.isEmpty() || scope.isEmpty()) {
        return errors;
    }
    // RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ), separated by spaces.
    const bool valid = std::all_of(scope.cbegin(), scope.cend(), [](QChar c) {
        return c == u' ' || (c.unicode() >= 0x21 && c.unicode() <= 0x7E && c != u'"' && c != u'\\');
    });
    if (!valid) {
        errors += one(FieldScope,
                      tr("Separate scope values with spaces; each may use printable ASCII characters "
                         "except \" and \\."));
    }
    return errors;
}

FieldErrors OutboundCredentialRules::checkResource(const QString& resource)
{
    FieldErrors errors = checkText(FieldResource, resource, false, {});
    if (!errors.isEmpty() || resource.isEmpty()) {
        return errors;
    }
    // RFC 8707 §2: an absolute URI without a fragment.
    const QUrl url(resource, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative() || url.hasFragment()) {
        errors += one(FieldResource,
                      tr("Enter an absolute URI without a fragment, such as https://api.example.com/ (RFC 8707)."));
    }
    return errors;
}

FieldErrors OutboundCredentialRules::checkAudience(const QString& audience)
{
    return checkText(FieldAudience, audience, false, {});
}

FieldErrors OutboundCredentialRules::checkContentType(const QString& contentType)
{
    const QString type = contentType.section(u';', 0, 0).trimmed().toLower();
    if (type != OutboundCredential::formContentType() && type != OutboundCredential::jsonContentType()) {
        return one(FieldContentType,
                   tr("Use %1 (the OAuth standard) or %2.")
                       .arg(OutboundCredential::formContentType(), OutboundCredential::jsonContentType()));
    }
    return {};
}

QList<CustomParameterProblem> OutboundCredentialRules::customParameterProblems(const CustomParameters& parameters)
{
    using Part = CustomParameterProblem::Part;
    QList<CustomParameterProblem> problems;
    for (qsizetype row = 0; row < parameters.size(); ++row) {
        const CustomParameter& parameter = parameters.at(row);
        if (row == MaximumCustomParameters) {
            problems.append({row, Part::Row,
                             tr("You can add at most %n custom parameter(s).", nullptr, int(MaximumCustomParameters))});
        }
        const auto checkField = [&](const QString& text, Part part) {
            if (isBlank(text)) {
                problems.append(
                    {row, part, text.isEmpty() ? tr("Cannot be empty.") : tr("Cannot consist only of spaces.")});
            } else if (text.size() > FieldMaxLength) {
                problems.append({row, part, tr("Can have at most %n character(s).", nullptr, int(FieldMaxLength))});
            } else if (hasControlCharacter(text)) {
                problems.append({row, part, tr("Cannot contain line breaks or other control characters.")});
            }
        };
        const qsizetype before = problems.size();
        checkField(parameter.key, Part::Key);
        if (problems.size() == before) {
            if (isReservedParameterKey(parameter.key)) {
                problems.append({row, Part::Key, tr("The key cannot be client_id, client_secret or grant_type.")});
            } else if (parameter.sendAs == ParameterLocation::Header && !isHeaderName(parameter.key)) {
                problems.append(
                    {row, Part::Key, tr("A header name can use letters, digits and !#$%&'*+-.^_`|~ only.")});
            } else if (parameter.sendAs == ParameterLocation::Header && isReservedHeader(parameter.key)) {
                problems.append(
                    {row, Part::Key, tr("The token request sets the %1 header itself.").arg(parameter.key.trimmed())});
            }
        }
        checkField(parameter.value, Part::Value);
        for (qsizetype earlier = 0; earlier < row; ++earlier) {
            if (parameters.at(earlier) == parameter) {
                problems.append(
                    {row, Part::Row, tr("Repeats row %1: the same key, value and Send as Part of.").arg(earlier + 1)});
                break;
            }
        }
    }
    return problems;
}

FieldErrors OutboundCredentialRules::checkCustomParameters(const CustomParameters& parameters)
{
    FieldErrors errors;
    for (const CustomParameterProblem& problem : customParameterProblems(parameters)) {
        QString where;
        switch (problem.part) {
        case CustomParameterProblem::Part::Key:
            where = tr("Custom parameter %1, key: %2");
            break;
        case CustomParameterProblem::Part::Value:
            where = tr("Custom parameter %1, value: %2");
            break;
        case CustomParameterProblem::Part::Row:
            where = tr("Custom parameter %1: %2");
            break;
        }
        errors.append({FieldCustomParameters, where.arg(problem.row + 1).arg(problem.message)});
    }
    return errors;
}

FieldErrors OutboundCredentialRules::checkPropertyLists(const OutboundCredential& credential)
{
    FieldErrors errors;
    const auto checkList = [&](const QString& field, const PropertyList& list, bool headers, bool body) {
        for (const auto& [key, value] : list) {
            const QString label = field + u'.' + key;
            if (isBlank(key)) {
                errors.append({field, tr("%1: the key cannot be empty.").arg(label)});
            } else if (key.size() > FieldMaxLength || value.size() > FieldMaxLength) {
                errors.append(
                    {field,
                     tr("%1: at most %n character(s) for key and value.", nullptr, int(FieldMaxLength)).arg(label)});
            } else if (hasControlCharacter(key) || hasControlCharacter(value)) {
                errors.append({field, tr("%1: cannot contain line breaks or other control characters.").arg(label)});
            } else if (headers && !isHeaderName(key)) {
                errors.append(
                    {field, tr("%1: a header name can use letters, digits and !#$%&'*+-.^_`|~ only.").arg(label)});
            } else if (headers && isReservedHeader(key)) {
                errors.append({field, tr("%1: the token request sets this header itself.").arg(label)});
            } else if (!headers && isReservedParameterKey(key)) {
                errors.append({field, tr("%1: the key cannot be client_id, client_secret or grant_type.").arg(label)});
            } else if (body && (key == u"scope"_s || key == u"resource"_s || key == u"audience"_s)) {
                errors.append({field, tr("%1: use the field %2 instead.").arg(label, key)});
            }
        }
    };
    checkList(FieldHeaders, credential.tokenServiceHeaders, true, false);
    checkList(FieldQueries, credential.tokenServiceQueries, false, false);
    checkList(FieldBody, credential.tokenServiceBody, false, true);
    return errors;
}

} // namespace appint
