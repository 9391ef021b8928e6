<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Admission</name>
    <message numerus="yes">
        <location filename="../../messenger/host/admission.py" line="331"/>
        <source>Nobody let you in within %n minute(s). Ask the host&apos;s owner, then join again.</source>
        <translation>
            <numerusform>Nobody let you in within %n minute. Ask the host&apos;s owner, then join again.</numerusform>
            <numerusform>Nobody let you in within %n minutes. Ask the host&apos;s owner, then join again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../messenger/host/admission.py" line="337"/>
        <source>No password came within %n minute(s).</source>
        <translation>
            <numerusform>No password came within %n minute.</numerusform>
            <numerusform>No password came within %n minutes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AnnounceDialog</name>
    <message numerus="yes">
        <location filename="../../messenger/ui/announce_dialog.py" line="76"/>
        <source>Too long by %n character(s).</source>
        <translation>
            <numerusform>Too long by %n character.</numerusform>
            <numerusform>Too long by %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ApprovalRequestBar</name>
    <message numerus="yes">
        <location filename="../../messenger/ui/approval_request_bar.py" line="114"/>
        <source>and %n more waiting</source>
        <translation>
            <numerusform>and %n more waiting</numerusform>
            <numerusform>and %n more waiting</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message numerus="yes">
        <location filename="../../messenger/ui/chat_controller.py" line="556"/>
        <source>%n message(s) waiting to be sent</source>
        <translation>
            <numerusform>%n message waiting to be sent</numerusform>
            <numerusform>%n messages waiting to be sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../messenger/ui/chat_controller.py" line="574"/>
        <source>%n message(s) you wrote were not sent: send them to the session as it is now, or discard them.</source>
        <translation>
            <numerusform>%n message you wrote was not sent: send it to the session as it is now, or discard it.</numerusform>
            <numerusform>%n messages you wrote were not sent: send them to the session as it is now, or discard them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../messenger/ui/chat_controller.py" line="677"/>
        <source>Trying again in %n second(s); what you write is kept and sent once connected.</source>
        <translation>
            <numerusform>Trying again in %n second; what you write is kept and sent once connected.</numerusform>
            <numerusform>Trying again in %n seconds; what you write is kept and sent once connected.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HeldMessagesBar</name>
    <message numerus="yes">
        <location filename="../../messenger/ui/held_bar.py" line="58"/>
        <source>Discard %n unsent message(s)? They will not be sent, ever.</source>
        <translation>
            <numerusform>Discard %n unsent message? It will not be sent, ever.</numerusform>
            <numerusform>Discard %n unsent messages? They will not be sent, ever.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../messenger/ui/held_bar.py" line="75"/>
        <source>%n unsent message(s) from before the reset: send or discard?</source>
        <translation>
            <numerusform>%n unsent message from before the reset: send or discard?</numerusform>
            <numerusform>%n unsent messages from before the reset: send or discard?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HostError</name>
    <message numerus="yes">
        <location filename="../../messenger/client/error_words.py" line="27"/>
        <source>Too many wrong passwords were tried from this device or network. Join again in %n second(s).</source>
        <translation>
            <numerusform>Too many wrong passwords were tried from this device or network. Join again in %n second.</numerusform>
            <numerusform>Too many wrong passwords were tried from this device or network. Join again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HostSettingsDialog</name>
    <message numerus="yes">
        <location filename="../../messenger/ui/host_settings_dialog.py" line="106"/>
        <source>The password needs at least %n character(s).</source>
        <translation>
            <numerusform>The password needs at least %n character.</numerusform>
            <numerusform>The password needs at least %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageLogView</name>
    <message numerus="yes">
        <location filename="../../messenger/ui/message_log_view.py" line="196"/>
        <source>%n new message(s) ↓</source>
        <translation>
            <numerusform>%n new message ↓</numerusform>
            <numerusform>%n new messages ↓</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NotificationCenter</name>
    <message numerus="yes">
        <location filename="../../messenger/ui/notification_center.py" line="121"/>
        <source>%n new message(s): {summary}</source>
        <translation>
            <numerusform>%n new message: {summary}</numerusform>
            <numerusform>%n new messages: {summary}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RoomDirectoryModel</name>
    <message numerus="yes">
        <location filename="../../messenger/ui/room_directory_model.py" line="51"/>
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionListWidget</name>
    <message numerus="yes">
        <location filename="../../messenger/ui/session_list.py" line="85"/>
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message numerus="yes">
        <location filename="../../messenger/ui/tray_icon.py" line="90"/>
        <source>Messenger: %n unread message(s)</source>
        <translation>
            <numerusform>Messenger: %n unread message</numerusform>
            <numerusform>Messenger: %n unread messages</numerusform>
        </translation>
    </message>
</context>
</TS>
