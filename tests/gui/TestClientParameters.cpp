#include "gui/clients/ClientParameters.h"

#include "core/ClientRules.h"
#include "core/OAuthNames.h"

#include "TestMain.h"

using namespace Qt::StringLiterals;

namespace appint::test {

class TestClientParameters : public QObject
{
    Q_OBJECT

private slots:
    void testParameters_data();
    void testParameters();
    void testText();
};

namespace {
TenantInfo tenant()
{
    TenantInfo info;
    info.tenantName = u"Acme"_s;
    info.authorizationUrl = u"https://acme.example/oauth/authorize"_s;
    info.tokenUrl = u"https://acme.example/oauth/token"_s;
    info.samlTokenUrl = u"https://acme.example/oauth/token/alias/saml2"_s;
    info.samlAudience = u"https://acme.example"_s;
    return info;
}
} // namespace

void TestClientParameters::testParameters_data()
{
    QTest::addColumn<int>("purpose");
    QTest::addColumn<QString>("grant");
    QTest::addColumn<QStringList>("names");
    const QStringList standard{u"Client ID"_s, u"Secret"_s, u"Authorization URL"_s, u"Token URL"_s};
    QTest::newRow("technical") << int(Purpose::Technical) << oauth::GrantClientCredentials
                               << QStringList{u"Client ID"_s, u"Secret"_s, u"Token URL"_s};
    QTest::newRow("api, client credentials") << int(Purpose::Api) << oauth::GrantClientCredentials << standard;
    QTest::newRow("api, SAML bearer") << int(Purpose::Api) << oauth::GrantSaml2Bearer
                                      << QStringList{u"Client ID"_s, u"Secret"_s, u"OAuth2SAML Token URL"_s,
                                                     u"OAuth2SAML Audience"_s};
    QTest::newRow("interactive") << int(Purpose::Interactive) << oauth::GrantAuthorizationCode << standard;
}

void TestClientParameters::testParameters()
{
    QFETCH(int, purpose);
    QFETCH(QString, grant);
    QFETCH(QStringList, names);
    Client client = ClientRules::withDefaults(Purpose(purpose), 0);
    client.clientId = u"cl-1"_s;
    client.grantTypes = {grant};
    QStringList got;
    for (const auto& parameter : ClientParameters::parameters(client, tenant())) {
        got.append(parameter.name);
    }
    QCOMPARE(got, names);
}

void TestClientParameters::testText()
{
    Client client = ClientRules::withDefaults(Purpose::Technical, 0);
    client.clientId = u"cl-1"_s;
    client.clientName = u"Robot"_s;
    const QString text = ClientParameters::text(client, tenant());
    QCOMPARE(text,
             u"OAuth client \"Robot\" (Technical User, Standard OAuth2 Authorization Flow)\n"
             "Client ID: cl-1\n"
             "Secret: (shown once when the client was created or its expiry extended)\n"
             "Token URL: https://acme.example/oauth/token\n"_s);
}

} // namespace appint::test

APPINT_TEST_MAIN(appint::test::TestClientParameters)
#include "TestClientParameters.moc"
