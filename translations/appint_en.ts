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
        <name>Tenant</name>
        <message numerus="yes">
            <source>The role %1 is still held by %n client(s).</source>
            <translation>
                <numerusform>The role %1 is still held by %n client.</numerusform>
                <numerusform>The role %1 is still held by %n clients.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Held by %n client(s).</source>
            <translation>
                <numerusform>Held by %n client.</numerusform>
                <numerusform>Held by %n clients.</numerusform>
            </translation>
        </message>
    </context>
</TS>
