<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>AdminSession</name>
        <message numerus="yes">
            <source>The tenant at %1 did not answer within %n second(s).</source>
            <translation>
                <numerusform>The tenant at %1 did not answer within %n second.</numerusform>
                <numerusform>The tenant at %1 did not answer within %n seconds.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>AuthorizeEndpoints</name>
        <message numerus="yes">
            <source>There were too many failed sign-ins from your network address. Try again in %n second(s).</source>
            <translation>
                <numerusform>There were too many failed sign-ins from your network address. Try again in %n second.</numerusform>
                <numerusform>There were too many failed sign-ins from your network address. Try again in %n seconds.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>BrowserSignIn</name>
        <message numerus="yes">
            <source>The sign-in did not finish within %n second(s).</source>
            <translation>
                <numerusform>The sign-in did not finish within %n second.</numerusform>
                <numerusform>The sign-in did not finish within %n seconds.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ClientQuery</name>
        <message numerus="yes">
            <source>The search text can have at most %n character(s).</source>
            <translation>
                <numerusform>The search text can have at most %n character.</numerusform>
                <numerusform>The search text can have at most %n characters.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ClientRules</name>
        <message numerus="yes">
            <source>The name can have at most %n character(s).</source>
            <translation>
                <numerusform>The name can have at most %n character.</numerusform>
                <numerusform>The name can have at most %n characters.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The redirect URI can have at most %n character(s).</source>
            <translation>
                <numerusform>The redirect URI can have at most %n character.</numerusform>
                <numerusform>The redirect URI can have at most %n characters.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The user ID can have at most %n character(s).</source>
            <translation>
                <numerusform>The user ID can have at most %n character.</numerusform>
                <numerusform>The user ID can have at most %n characters.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ClientsCommand</name>
        <message numerus="yes">
            <source>%n client(s)</source>
            <translation>
                <numerusform>%n client</numerusform>
                <numerusform>%n clients</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The tenant sent %n client(s) in a form that does not follow the API (the first: %1); nothing was printed.</source>
            <translation>
                <numerusform>The tenant sent %n client in a form that does not follow the API (the first: %1); nothing was printed.</numerusform>
                <numerusform>The tenant sent %n clients in a form that does not follow the API (the first: %1); nothing was printed.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Duration</name>
        <message numerus="yes">
            <source>%n second(s)</source>
            <translation>
                <numerusform>%n second</numerusform>
                <numerusform>%n seconds</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n day</numerusform>
                <numerusform>%n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n hour(s)</source>
            <translation>
                <numerusform>%n hour</numerusform>
                <numerusform>%n hours</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n minute(s)</source>
            <translation>
                <numerusform>%n minute</numerusform>
                <numerusform>%n minutes</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HttpReplies</name>
        <message numerus="yes">
            <source>The token service asks to wait %n second(s) before trying again (HTTP 429).</source>
            <translation>
                <numerusform>The token service asks to wait %n second before trying again (HTTP 429).</numerusform>
                <numerusform>The token service asks to wait %n seconds before trying again (HTTP 429).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The tenant asks to wait %n second(s) before trying again.</source>
            <translation>
                <numerusform>The tenant asks to wait %n second before trying again.</numerusform>
                <numerusform>The tenant asks to wait %n seconds before trying again.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>IdentityProviderApi</name>
        <message numerus="yes">
            <source>The metadata is larger than %n byte(s).</source>
            <translation>
                <numerusform>The metadata is larger than %n byte.</numerusform>
                <numerusform>The metadata is larger than %n bytes.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>KeychainResult</name>
        <message numerus="yes">
            <source>The system keychain did not answer within %n second(s). If it is asking for a password, unlock it and try again.</source>
            <translation>
                <numerusform>The system keychain did not answer within %n second. If it is asking for a password, unlock it and try again.</numerusform>
                <numerusform>The system keychain did not answer within %n seconds. If it is asking for a password, unlock it and try again.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>OAuthEndpoints</name>
        <message numerus="yes">
            <source>Too many failed client authentications from this address; try again in %n second(s).</source>
            <translation>
                <numerusform>Too many failed client authentications from this address; try again in %n second.</numerusform>
                <numerusform>Too many failed client authentications from this address; try again in %n seconds.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>OutboundCredentialRules</name>
        <message numerus="yes">
            <source>Can have at most %n character(s).</source>
            <translation>
                <numerusform>Can have at most %n character.</numerusform>
                <numerusform>Can have at most %n characters.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The name can have at most %n character(s).</source>
            <translation>
                <numerusform>The name can have at most %n character.</numerusform>
                <numerusform>The name can have at most %n characters.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>You can add at most %n custom parameter(s).</source>
            <translation>
                <numerusform>You can add at most %n custom parameter.</numerusform>
                <numerusform>You can add at most %n custom parameters.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1: at most %n character(s) for key and value.</source>
            <translation>
                <numerusform>%1: at most %n character for key and value.</numerusform>
                <numerusform>%1: at most %n characters for key and value.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RefreshTokenClient</name>
        <message numerus="yes">
            <source>%1 did not answer within %n second(s).</source>
            <translation>
                <numerusform>%1 did not answer within %n second.</numerusform>
                <numerusform>%1 did not answer within %n seconds.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReplyLimits</name>
        <message numerus="yes">
            <source>%n byte(s)</source>
            <translation>
                <numerusform>%n byte</numerusform>
                <numerusform>%n bytes</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RoleRules</name>
        <message numerus="yes">
            <source>Can have at most %n character(s).</source>
            <translation>
                <numerusform>Can have at most %n character.</numerusform>
                <numerusform>Can have at most %n characters.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SamlAssertionVerifier</name>
        <message numerus="yes">
            <source>The Assertion is valid for too long: its NotOnOrAfter may be at most %n hour(s) ahead.</source>
            <translation>
                <numerusform>The Assertion is valid for too long: its NotOnOrAfter may be at most %n hour ahead.</numerusform>
                <numerusform>The Assertion is valid for too long: its NotOnOrAfter may be at most %n hours ahead.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SecretInput</name>
        <message numerus="yes">
            <source>The secret on standard input is longer than %n byte(s).</source>
            <translation>
                <numerusform>The secret on standard input is longer than %n byte.</numerusform>
                <numerusform>The secret on standard input is longer than %n bytes.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Tenant</name>
        <message numerus="yes">
            <source>Held by %n client(s).</source>
            <translation>
                <numerusform>Held by %n client.</numerusform>
                <numerusform>Held by %n clients.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The role %1 is still held by %n client(s).</source>
            <translation>
                <numerusform>The role %1 is still held by %n client.</numerusform>
                <numerusform>The role %1 is still held by %n clients.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The role %1 is still held by %n user(s).</source>
            <translation>
                <numerusform>The role %1 is still held by %n user.</numerusform>
                <numerusform>The role %1 is still held by %n users.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Held by %n user(s).</source>
            <translation>
                <numerusform>Held by %n user.</numerusform>
                <numerusform>Held by %n users.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TenantApi</name>
        <message numerus="yes">
            <source>The tenant at %1 did not answer within %n second(s).</source>
            <translation>
                <numerusform>The tenant at %1 did not answer within %n second.</numerusform>
                <numerusform>The tenant at %1 did not answer within %n seconds.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>it sent %n client(s) for a page of %1; loading stopped.</source>
            <translation>
                <numerusform>it sent %n client for a page of %1; loading stopped.</numerusform>
                <numerusform>it sent %n clients for a page of %1; loading stopped.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TenantConnection</name>
        <message numerus="yes">
            <source>Logged in to %n tenant(s); choose one with --tenant: %1.</source>
            <translation>
                <numerusform>Logged in to %n tenant; choose one with --tenant: %1.</numerusform>
                <numerusform>Logged in to %n tenants; choose one with --tenant: %1.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TenantProfiles</name>
        <message numerus="yes">
            <source>The client ID can have at most %n character(s).</source>
            <translation>
                <numerusform>The client ID can have at most %n character.</numerusform>
                <numerusform>The client ID can have at most %n characters.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The display name can have at most %n character(s).</source>
            <translation>
                <numerusform>The display name can have at most %n character.</numerusform>
                <numerusform>The display name can have at most %n characters.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TokenClient</name>
        <message numerus="yes">
            <source>%1 did not answer within %n second(s) (read timeout).</source>
            <translation>
                <numerusform>%1 did not answer within %n second (read timeout).</numerusform>
                <numerusform>%1 did not answer within %n seconds (read timeout).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Could not connect to %1 within %n second(s) (connection timeout).</source>
            <translation>
                <numerusform>Could not connect to %1 within %n second (connection timeout).</numerusform>
                <numerusform>Could not connect to %1 within %n seconds (connection timeout).</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TokenCommand</name>
        <message numerus="yes">
            <source>The SAML assertion %1 is larger than %n byte(s).</source>
            <translation>
                <numerusform>The SAML assertion %1 is larger than %n byte.</numerusform>
                <numerusform>The SAML assertion %1 is larger than %n bytes.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TokenDisplay</name>
        <message numerus="yes">
            <source>%1%2 (%n character(s))</source>
            <translation>
                <numerusform>%1%2 (%n character)</numerusform>
                <numerusform>%1%2 (%n characters)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) %1</source>
            <translation>
                <numerusform>%n day %1</numerusform>
                <numerusform>%n days %1</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>UserGrants</name>
        <message numerus="yes">
            <source>The authorization code has expired: codes are valid for %n second(s).</source>
            <translation>
                <numerusform>The authorization code has expired: codes are valid for %n second.</numerusform>
                <numerusform>The authorization code has expired: codes are valid for %n seconds.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>UserRules</name>
        <message numerus="yes">
            <source>Can have at most %n character(s).</source>
            <translation>
                <numerusform>Can have at most %n character.</numerusform>
                <numerusform>Can have at most %n characters.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>A user can have at most %n e-mail address(es).</source>
            <translation>
                <numerusform>A user can have at most %n e-mail address.</numerusform>
                <numerusform>A user can have at most %n e-mail addresses.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The password must have at least %n character(s).</source>
            <translation>
                <numerusform>The password must have at least %n character.</numerusform>
                <numerusform>The password must have at least %n characters.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The password can have at most %n byte(s) in UTF-8.</source>
            <translation>
                <numerusform>The password can have at most %n byte in UTF-8.</numerusform>
                <numerusform>The password can have at most %n bytes in UTF-8.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>appint::AppIntegrationPage</name>
        <message numerus="yes">
            <source>The secret of “%1” from the system keychain is on the clipboard; it is cleared in %n second(s).</source>
            <translation>
                <numerusform>The secret of “%1” from the system keychain is on the clipboard; it is cleared in %n second.</numerusform>
                <numerusform>The secret of “%1” from the system keychain is on the clipboard; it is cleared in %n seconds.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 of %Ln client(s)</source>
            <translation>
                <numerusform>%1 of %Ln client</numerusform>
                <numerusform>%1 of %Ln clients</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln client(s) changed or deleted since the last load.</source>
            <translation>
                <numerusform>%Ln client changed or deleted since the last load.</numerusform>
                <numerusform>%Ln clients changed or deleted since the last load.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln client(s) not shown: the tenant sent them in a form that does not follow the API.</source>
            <translation>
                <numerusform>%Ln client not shown: the tenant sent them in a form that does not follow the API.</numerusform>
                <numerusform>%Ln clients not shown: the tenant sent them in a form that does not follow the API.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln client(s)</source>
            <translation>
                <numerusform>%Ln client</numerusform>
                <numerusform>%Ln clients</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>No client matches the filter.
Clear the filter to see all %Ln client(s).</source>
            <translation>
                <numerusform>No client matches the filter.
Clear the filter to see all %Ln client.</numerusform>
                <numerusform>No client matches the filter.
Clear the filter to see all %Ln clients.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Loading stopped: %1 of %Ln client(s) are shown. Select Refresh to load them all.</source>
            <translation>
                <numerusform>Loading stopped: %1 of %Ln client are shown. Select Refresh to load them all.</numerusform>
                <numerusform>Loading stopped: %1 of %Ln clients are shown. Select Refresh to load them all.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>appint::ClientTableModel</name>
        <message numerus="yes">
            <source>Expires in %n day(s), on %1. Edit the client to extend its expiry date.</source>
            <translation>
                <numerusform>Expires in %n day, on %1. Edit the client to extend its expiry date.</numerusform>
                <numerusform>Expires in %n days, on %1. Edit the client to extend its expiry date.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>appint::ConsoleController</name>
        <message numerus="yes">
            <source>The console removes the administrator secret of %1 and the %n client secret(s) saved for this tenant from the system keychain, and the tenant from its list.</source>
            <translation>
                <numerusform>The console removes the administrator secret of %1 and the %n client secret saved for this tenant from the system keychain, and the tenant from its list.</numerusform>
                <numerusform>The console removes the administrator secret of %1 and the %n client secrets saved for this tenant from the system keychain, and the tenant from its list.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>appint::IdentityProviderTableModel</name>
        <message numerus="yes">
            <source>Expires in %n day(s), on %1.</source>
            <translation>
                <numerusform>Expires in %n day, on %1.</numerusform>
                <numerusform>Expires in %n days, on %1.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>appint::IdentityProvidersPage</name>
        <message numerus="yes">
            <source>%Ln identity provider(s)</source>
            <translation>
                <numerusform>%Ln identity provider</numerusform>
                <numerusform>%Ln identity providers</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Metadata files of more than %n byte(s) are not taken.</source>
            <translation>
                <numerusform>Metadata files of more than %n byte are not taken.</numerusform>
                <numerusform>Metadata files of more than %n bytes are not taken.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>appint::MainWindow</name>
        <message numerus="yes">
            <source>Secret on the clipboard; cleared in %n second(s)</source>
            <translation>
                <numerusform>Secret on the clipboard; cleared in %n second</numerusform>
                <numerusform>Secret on the clipboard; cleared in %n seconds</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>appint::OutboundCredentialDialog</name>
        <message numerus="yes">
            <source>At most %n second(s), or no limit.</source>
            <translation>
                <numerusform>At most %n second, or no limit.</numerusform>
                <numerusform>At most %n seconds, or no limit.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>At most %n second(s) between two parts of the answer, or no limit.</source>
            <translation>
                <numerusform>At most %n second between two parts of the answer, or no limit.</numerusform>
                <numerusform>At most %n seconds between two parts of the answer, or no limit.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>At most %n custom parameter(s).</source>
            <translation>
                <numerusform>At most %n custom parameter.</numerusform>
                <numerusform>At most %n custom parameters.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n row(s)</source>
            <translation>
                <numerusform>%n row</numerusform>
                <numerusform>%n rows</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>appint::OutboundCredentialTableModel</name>
        <message numerus="yes">
            <source>Served from the cache %n time(s).</source>
            <translation>
                <numerusform>Served from the cache %n time.</numerusform>
                <numerusform>Served from the cache %n times.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n token(s) fetched with these settings.</source>
            <translation>
                <numerusform>%n token fetched with these settings.</numerusform>
                <numerusform>%n tokens fetched with these settings.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>appint::OutboundCredentialsPage</name>
        <message numerus="yes">
            <source>%Ln credential(s)</source>
            <translation>
                <numerusform>%Ln credential</numerusform>
                <numerusform>%Ln credentials</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>appint::RolePickerDialog</name>
        <message numerus="yes">
            <source>%n role(s) selected</source>
            <translation>
                <numerusform>%n role selected</numerusform>
                <numerusform>%n roles selected</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1, in %n space(s)</source>
            <translation>
                <numerusform>%1, in %n space</numerusform>
                <numerusform>%1, in %n spaces</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>appint::SecretView</name>
        <message numerus="yes">
            <source>The secret is on the clipboard. It is cleared from the clipboard in %n second(s).</source>
            <translation>
                <numerusform>The secret is on the clipboard. It is cleared from the clipboard in %n second.</numerusform>
                <numerusform>The secret is on the clipboard. It is cleared from the clipboard in %n seconds.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>appint::TokenTestDialog</name>
        <message numerus="yes">
            <source>Copy the access token; the clipboard is cleared again after %n second(s).</source>
            <translation>
                <numerusform>Copy the access token; the clipboard is cleared again after %n second.</numerusform>
                <numerusform>Copy the access token; the clipboard is cleared again after %n seconds.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>appint::UserDialog</name>
        <message numerus="yes">
            <source>At least %n character(s).</source>
            <translation>
                <numerusform>At least %n character.</numerusform>
                <numerusform>At least %n characters.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>appint::UsersPage</name>
        <message numerus="yes">
            <source>%Ln user(s)</source>
            <translation>
                <numerusform>%Ln user</numerusform>
                <numerusform>%Ln users</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 of %Ln user(s)</source>
            <translation>
                <numerusform>%1 of %Ln user</numerusform>
                <numerusform>%1 of %Ln users</numerusform>
            </translation>
        </message>
    </context>
</TS>
