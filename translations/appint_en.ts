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
        <name>RoleRules</name>
        <message numerus="yes">
            <source>Can have at most %n character(s).</source>
            <translation>
                <numerusform>Can have at most %n character.</numerusform>
                <numerusform>Can have at most %n characters.</numerusform>
            </translation>
        </message>
    </context>
</TS>
