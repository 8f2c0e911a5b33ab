<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
</TS>
