#include "server/oauth/SignInPage.h"

#include <QFile>
#include <QHash>

using namespace Qt::StringLiterals;

// Resources of a static library are registered by hand (outside any namespace).
static void initSignInResources()
{
    Q_INIT_RESOURCE(signin);
}

namespace appint {

namespace {

const QByteArray HtmlType = "text/html; charset=utf-8";

QString resourceText(const QString& name)
{
    static const bool initialised = [] {
        initSignInResources();
        return true;
    }();
    Q_UNUSED(initialised);
    QFile file(u":/appint/signin/"_s + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("the sign-in page resource %s is missing", qPrintable(name));
    }
    return QString::fromUtf8(file.readAll());
}

} // namespace

QString SignInPage::render(const QString& resource, const QList<QPair<QString, QString>>& values)
{
    static const QHash<QString, QString> templates{
        {u"signin.html"_s, resourceText(u"signin.html"_s)},
        {u"message.html"_s, resourceText(u"message.html"_s)},
    };
    QHash<QString, QString> lookup;
    for (const auto& [name, value] : values) {
        lookup.insert(name, value);
    }
    lookup.insert(u"lang"_s, tr("en", "the HTML lang attribute of the sign-in page"));
    // One pass over the template: a value is never searched for placeholders.
    const QString source = templates.value(resource);
    QString html;
    html.reserve(source.size() + 1024);
    qsizetype from = 0;
    while (true) {
        const qsizetype open = source.indexOf(u"{{"_s, from);
        const qsizetype close = open < 0 ? -1 : source.indexOf(u"}}"_s, open + 2);
        if (open < 0 || close < 0) {
            html += QStringView(source).sliced(from);
            break;
        }
        html += QStringView(source).sliced(from, open - from);
        html += lookup.value(source.sliced(open + 2, close - open - 2));
        from = close + 2;
    }
    return html;
}

void SignInPage::addSecurityHeaders(HttpResponse& response)
{
    response.withHeader("Content-Security-Policy", ContentSecurityPolicy.toByteArray())
        .withHeader("X-Frame-Options", "DENY")
        .withHeader("X-Content-Type-Options", "nosniff")
        .withHeader("Referrer-Policy", "no-referrer")
        .withHeader("Cache-Control", "no-store")
        .withHeader("Pragma", "no-cache");
}

HttpResponse SignInPage::form(const Form& form)
{
    const QString tenant = form.tenantName.toHtmlEscaped();
    QString message;
    if (!form.message.isEmpty()) {
        message = u"<p class=\"message\" role=\"alert\">%1</p>"_s.arg(form.message.toHtmlEscaped());
    }
    const bool focusPassword = !form.userName.isEmpty();
    HttpResponse response;
    response.status = 200;
    response.contentType = HtmlType;
    response.body = render(u"signin.html"_s,
                           {
                               {u"title"_s, tr("Sign in – %1").arg(tenant)},
                               {u"tenant"_s, tenant},
                               {u"heading"_s, tr("Sign in")},
                               {u"intro"_s, tr("to continue to %1").arg(form.clientName.toHtmlEscaped())},
                               {u"message"_s, message},
                               {u"requestId"_s, form.requestId.toHtmlEscaped()},
                               {u"formToken"_s, form.formToken.toHtmlEscaped()},
                               {u"userNameLabel"_s, tr("User name").toHtmlEscaped()},
                               {u"passwordLabel"_s, tr("Password").toHtmlEscaped()},
                               {u"userName"_s, form.userName.toHtmlEscaped()},
                               {u"userNameAutofocus"_s, focusPassword ? QString() : u" autofocus"_s},
                               {u"passwordAutofocus"_s, focusPassword ? u" autofocus"_s : QString()},
                               {u"submit"_s, tr("Sign in").toHtmlEscaped()},
                               {u"note"_s,
                                tr("Only sign in if you started this from an application you trust. "
                                   "Your password is sent to %1 only.")
                                    .arg(tenant)},
                           })
                        .toUtf8();
    addSecurityHeaders(response);
    return response;
}

HttpResponse SignInPage::message(int status, const QString& tenantName, const QString& heading, const QString& text,
                                 const QString& note)
{
    HttpResponse response;
    response.status = status;
    response.contentType = HtmlType;
    response.body = render(u"message.html"_s,
                           {
                               {u"title"_s, heading.toHtmlEscaped()},
                               {u"tenant"_s, tenantName.toHtmlEscaped()},
                               {u"heading"_s, heading.toHtmlEscaped()},
                               {u"kind"_s, status < 400 ? u"info"_s : u"error"_s},
                               {u"text"_s, text.toHtmlEscaped()},
                               {u"note"_s, note.toHtmlEscaped()},
                           })
                        .toUtf8();
    addSecurityHeaders(response);
    return response;
}

HttpResponse SignInPage::stylesheet()
{
    static const QByteArray css = resourceText(u"signin.css"_s).toUtf8();
    HttpResponse response;
    response.status = 200;
    response.contentType = "text/css; charset=utf-8";
    response.body = css;
    response.withHeader("X-Content-Type-Options", "nosniff").withHeader("Cache-Control", "public, max-age=3600");
    return response;
}

} // namespace appint
