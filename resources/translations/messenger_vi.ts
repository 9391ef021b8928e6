<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi">
<context>
    <name>ChatController</name>
    <message>
        <location filename="../../messenger/ui/chat_controller.py" line="78"/>
        <source>{name} on {machine}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../messenger/ui/chat_controller.py" line="91"/>
        <source>Could not start hosting. {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../messenger/ui/chat_controller.py" line="118"/>
        <source>Not connected: join a session or turn on Host, then send again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../messenger/ui/chat_controller.py" line="156"/>
        <source>Connecting to {where}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../messenger/ui/chat_controller.py" line="159"/>
        <source>Hosting “{session}” on port {port} · {count} connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../messenger/ui/chat_controller.py" line="164"/>
        <source>Connected to “{session}” ({where}) as {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../messenger/ui/chat_controller.py" line="167"/>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComposeBox</name>
    <message>
        <location filename="../../messenger/ui/compose_box.py" line="23"/>
        <source>Write a message… (Enter sends, Shift+Enter: new line)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiscoveryListener</name>
    <message>
        <location filename="../../messenger/client/discovery.py" line="60"/>
        <source>Cannot listen for sessions on UDP port {port}: {reason}. Use “Connect to address…” instead.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="41"/>
        <source>Messenger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="43"/>
        <source>Guest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="69"/>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="73"/>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="77"/>
        <source>Host a session on this computer so that colleagues can join it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="81"/>
        <source>Connect to address…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="92"/>
        <source>Sessions on the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="96"/>
        <source>Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="100"/>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="129"/>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="158"/>
        <source>Choose a session in the list first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="169"/>
        <source>Connect to address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="170"/>
        <source>Address of the host (name or IP, optionally :port):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="180"/>
        <source>“{text}” is not an address. Type e.g. 192.168.1.20 or office-pc:5005.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="196"/>
        <source>The message is too long ({count} characters; at most {limit}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="236"/>
        <source>{name} (you)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../../messenger/ui/message_delegate.py" line="86"/>
        <source>sending…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NameDialog</name>
    <message>
        <location filename="../../messenger/ui/name_dialog.py" line="15"/>
        <source>Welcome to Messenger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../messenger/ui/name_dialog.py" line="16"/>
        <source>Your name, as your colleagues will see it:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionListWidget</name>
    <message>
        <location filename="../../messenger/ui/session_list.py" line="26"/>
        <source>Double-click a session to join it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../messenger/ui/session_list.py" line="37"/>
        <source>{session}
{address}:{port} · {count} members</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
