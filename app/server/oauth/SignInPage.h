#pragma once

#include "server/http/HttpResponse.h"

#include <QCoreApplication>
#include <QString>

namespace appint {

// The server's own sign-in page (api.md "Interactive Usage"): plain HTML and
// a stylesheet from the binary's resources (signin.qrc), no script, no
// third-party resource. Every page carries Content-Security-Policy,
// X-Frame-Options: DENY, Cache-Control: no-store, Referrer-Policy:
// no-referrer and X-Content-Type-Options: nosniff. Texts come from tr(); every
// value put into the HTML is escaped.
class SignInPage
{
    Q_DECLARE_TR_FUNCTIONS(SignInPage)

public:
    struct Form
    {
        QString tenantName;
        QString clientName;
        QString requestId;
        QString formToken;
        QString userName; // shown again after a failed attempt; never the password
        QString message; // empty: none
    };

    static constexpr QByteArrayView ContentSecurityPolicy
        = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'";

    static HttpResponse form(const Form& form);
    // A page with a heading and one message (errors, throttling).
    static HttpResponse message(int status, const QString& tenantName, const QString& heading, const QString& text,
                                const QString& note = {});
    static HttpResponse stylesheet();
    static void addSecurityHeaders(HttpResponse& response);

private:
    static QString render(const QString& resource, const QList<QPair<QString, QString>>& values);
};

} // namespace appint
