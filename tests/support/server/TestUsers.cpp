#include "TestUsers.h"

#include "HttpTestClient.h"
#include "TestServer.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace appint::test {

namespace {
QString fieldValue(const QByteArray& html, const QString& name)
{
    const QRegularExpression pattern(u"name=\"%1\"[^>]*value=\"([^\"]*)\""_s.arg(name));
    return pattern.match(QString::fromUtf8(html)).captured(1);
}
} // namespace

QString TestUsers::create(TestServer& server, HttpTestClient& http, const QString& userName, const QString& password,
                          const QString& role)
{
    const QString admin = http.token(server.tokenUrl(), server.adminClientId(), server.adminSecret());
    const QString extension = u"urn:appint:params:scim:schemas:extension:roles:2.0:User"_s;
    const QJsonObject body{{u"schemas"_s, QJsonArray{u"urn:ietf:params:scim:schemas:core:2.0:User"_s, extension}},
                           {u"userName"_s, userName},
                           {u"password"_s, password},
                           {extension, QJsonObject{{u"roles"_s, QJsonArray{QJsonObject{{u"role_id"_s, role}}}}}}};
    const HttpTestReply reply = http.postJson(server.url(u"/scim/v2/Users"_s), body, admin);
    return reply.status == 201 ? reply.object().value(u"id"_s).toString() : QString();
}

bool TestUsers::signInThroughForm(TestServer& server, const QUrl& authorizationUrl, const QString& userName,
                                  const QString& password)
{
    HttpTestClient browser;
    const HttpTestReply page = browser.get(authorizationUrl);
    if (page.status != 200) {
        qWarning() << "sign-in page:" << page.status;
        return false;
    }
    const QByteArray form = HttpTestClient::formEncode({{u"request_id"_s, fieldValue(page.body, u"request_id"_s)},
                                                        {u"form_token"_s, fieldValue(page.body, u"form_token"_s)},
                                                        {u"user_name"_s, userName},
                                                        {u"password"_s, password}});
    const HttpTestReply signedIn = browser.send("POST", server.url(u"/oauth/authorize"_s), form,
                                                {{"Content-Type", "application/x-www-form-urlencoded"}});
    if (signedIn.status != 302 && signedIn.status != 303) {
        qWarning() << "sign-in form:" << signedIn.status;
        return false;
    }
    const HttpTestReply landed = browser.get(QUrl(QString::fromUtf8(signedIn.header("Location"))));
    return landed.status == 200;
}

} // namespace appint::test
