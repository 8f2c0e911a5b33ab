#pragma once

#include <QString>
#include <QUrl>

namespace appint::test {

class HttpTestClient;
class TestServer;

// Tenant users for the sign-in tests: made through SCIM as the bootstrap
// administrator, and signed in through the sign-in page's form without a
// browser (for the service and credentials suites; the browser suites drive
// Chromium instead).
namespace TestUsers {

// A user holding `role`, with `password`; returns the SCIM id, or an empty
// string when the server refused.
QString create(TestServer& server, HttpTestClient& http, const QString& userName, const QString& password,
               const QString& role = QStringLiteral("DW_ADMINISTRATOR"));

// What a browser does with an authorization URL: the sign-in page, the form,
// and the redirect to the caller's loopback listener. True when the listener
// answered 200.
bool signInThroughForm(TestServer& server, const QUrl& authorizationUrl, const QString& userName,
                       const QString& password);

} // namespace TestUsers

} // namespace appint::test
