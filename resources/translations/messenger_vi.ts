<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../messenger/ui/about_dialog.py" line="48"/>
        <source>About Messenger</source>
        <translation>Giới thiệu Messenger</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/about_dialog.py" line="55"/>
        <source>Chat with colleagues on your network.</source>
        <translation>Trò chuyện với đồng nghiệp trong mạng của bạn.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/about_dialog.py" line="58"/>
        <source>Version:</source>
        <translation>Phiên bản:</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/about_dialog.py" line="59"/>
        <source>Licence:</source>
        <translation>Giấy phép:</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/about_dialog.py" line="60"/>
        <source>Built with:</source>
        <translation>Xây dựng với:</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/about_dialog.py" line="61"/>
        <source>Your id:</source>
        <translation>Mã của bạn:</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/about_dialog.py" line="63"/>
        <source>Protocol:</source>
        <translation>Giao thức:</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/about_dialog.py" line="80"/>
        <source>None stated in this copy</source>
        <translation>Bản này không ghi giấy phép nào</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/about_dialog.py" line="84"/>
        <source>Qt {qt}, PySide6 {pyside}</source>
        <translation>Qt {qt}, PySide6 {pyside}</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/about_dialog.py" line="89"/>
        <source>Not made yet</source>
        <translation>Chưa được tạo</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/about_dialog.py" line="98"/>
        <location filename="../../messenger/ui/about_dialog.py" line="103"/>
        <source>Session host:</source>
        <translation>Máy chủ của phiên:</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/about_dialog.py" line="98"/>
        <source>Not connected</source>
        <translation>Chưa kết nối</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/about_dialog.py" line="106"/>
        <source>Its fingerprint:</source>
        <translation>Dấu vân tay của nó:</translation>
    </message>
</context>
<context>
    <name>Admission</name>
    <message>
        <location filename="../../messenger/host/admission.py" line="144"/>
        <source>The session&apos;s host changed who may join: join again.</source>
        <translation>Máy chủ của phiên đã đổi quy định ai được tham gia: hãy tham gia lại.</translation>
    </message>
    <message>
        <location filename="../../messenger/host/admission.py" line="162"/>
        <source>The host&apos;s owner did not let you in.</source>
        <translation>Chủ máy chủ không cho bạn vào.</translation>
    </message>
    <message>
        <location filename="../../messenger/host/admission.py" line="214"/>
        <source>This session lets in only the devices its host&apos;s owner approves, and this app cannot ask. Update Messenger, then join again.</source>
        <translation>Phiên này chỉ cho vào những thiết bị được chủ máy chủ duyệt, và ứng dụng này không hỏi được. Hãy cập nhật Messenger rồi tham gia lại.</translation>
    </message>
    <message>
        <location filename="../../messenger/host/admission.py" line="243"/>
        <source>This session asks for a password, and this app cannot give one. Update Messenger, then join again.</source>
        <translation>Phiên này cần mật khẩu, và ứng dụng này không gửi được. Hãy cập nhật Messenger rồi tham gia lại.</translation>
    </message>
    <message>
        <location filename="../../messenger/host/admission.py" line="254"/>
        <source>This session asks for a password.</source>
        <translation>Phiên này cần mật khẩu.</translation>
    </message>
    <message>
        <location filename="../../messenger/host/admission.py" line="271"/>
        <source>Too many wrong passwords. Try again in {seconds} s.</source>
        <translation>Sai mật khẩu quá nhiều lần. Hãy thử lại sau {seconds} giây.</translation>
    </message>
    <message>
        <location filename="../../messenger/host/admission.py" line="302"/>
        <source>Wrong password.</source>
        <translation>Sai mật khẩu.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../messenger/host/admission.py" line="331"/>
        <source>Nobody let you in within %n minute(s). Ask the host&apos;s owner, then join again.</source>
        <translation>
            <numerusform>Không ai cho bạn vào trong %n phút. Hãy hỏi chủ máy chủ rồi tham gia lại.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../messenger/host/admission.py" line="337"/>
        <source>No password came within %n minute(s).</source>
        <translation>
            <numerusform>Không nhận được mật khẩu trong %n phút.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../messenger/host/admission.py" line="377"/>
        <source>The host&apos;s owner does not let this device into the session.</source>
        <translation>Chủ máy chủ không cho thiết bị này vào phiên.</translation>
    </message>
</context>
<context>
    <name>AdmissionFlow</name>
    <message>
        <location filename="../../messenger/ui/admission_flow.py" line="161"/>
        <source>Send a direct message</source>
        <translation>Gửi tin nhắn riêng</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/admission_flow.py" line="164"/>
        <source>Remove from the session…</source>
        <translation>Mời ra khỏi phiên…</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/admission_flow.py" line="166"/>
        <source>Ban this device…</source>
        <translation>Chặn thiết bị này…</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/admission_flow.py" line="178"/>
        <source>Ban {name}? This device is removed now and refused from now on, whatever name it uses.</source>
        <translation>Chặn {name}? Thiết bị này bị mời ra ngay và từ nay bị từ chối, dù dùng tên nào.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/admission_flow.py" line="182"/>
        <source>Remove {name} from the session? They may join again.</source>
        <translation>Mời {name} ra khỏi phiên? Họ vẫn có thể tham gia lại.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/admission_flow.py" line="184"/>
        <source>Messenger</source>
        <translation>Messenger</translation>
    </message>
</context>
<context>
    <name>AdmissionWaitBar</name>
    <message>
        <location filename="../../messenger/ui/admission_wait_bar.py" line="35"/>
        <source>Waiting for the host to let you in. Tell them the code on your screen:</source>
        <translation>Đang chờ máy chủ cho bạn vào. Hãy đọc cho họ mã trên màn hình của bạn:</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/admission_wait_bar.py" line="43"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>AnnounceDialog</name>
    <message>
        <location filename="../../messenger/ui/announce_dialog.py" line="34"/>
        <source>Announce to everyone</source>
        <translation>Gửi thông báo chung</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/announce_dialog.py" line="37"/>
        <source>Everyone in “{session}” sees it highlighted and is notified of it; those away get it when they come back.</source>
        <translation>Mọi người trong “{session}” đều thấy thông báo chung này được làm nổi bật và được báo cho biết; ai đang vắng mặt sẽ nhận khi quay lại.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/announce_dialog.py" line="47"/>
        <source>Write the announcement… (Ctrl+Enter sends it)</source>
        <translation>Viết thông báo chung… (Ctrl+Enter để gửi)</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/announce_dialog.py" line="56"/>
        <source>Send to everyone</source>
        <translation>Gửi cho mọi người</translation>
    </message>
    <message numerus="yes">
        <location filename="../../messenger/ui/announce_dialog.py" line="76"/>
        <source>Too long by %n character(s).</source>
        <translation>
            <numerusform>Dài quá %n ký tự.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <location filename="../../messenger/ui/app_controller.py" line="189"/>
        <source>Messenger keeps running here, so you still get messages: quit from this icon&apos;s menu.</source>
        <translation>Messenger vẫn chạy ở đây để bạn tiếp tục nhận tin nhắn: thoát từ trình đơn của biểu tượng này.</translation>
    </message>
</context>
<context>
    <name>ApprovalRequestBar</name>
    <message>
        <location filename="../../messenger/ui/approval_request_bar.py" line="50"/>
        <source>Let in</source>
        <translation>Cho vào</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/approval_request_bar.py" line="52"/>
        <source>Refuse</source>
        <translation>Từ chối</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/approval_request_bar.py" line="84"/>
        <source>{name} (id {short}) asks to join. Let them in only if their screen shows the code {code}.</source>
        <translation>{name} (mã {short}) xin tham gia. Chỉ cho vào nếu màn hình của họ hiện mã {code}.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../messenger/ui/approval_request_bar.py" line="114"/>
        <source>and %n more waiting</source>
        <translation>
            <numerusform>và %n người nữa đang chờ</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <location filename="../../messenger/ui/chat_controller.py" line="337"/>
        <source>{name} on {machine}</source>
        <translation>{name} trên {machine}</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/chat_controller.py" line="324"/>
        <location filename="../../messenger/ui/chat_controller.py" line="352"/>
        <source>Could not start hosting. {reason}</source>
        <translation>Không thể làm máy chủ. {reason}</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/chat_controller.py" line="446"/>
        <source>Not connected: join a session or turn on Host, then send again.</source>
        <translation>Chưa kết nối: hãy tham gia một phiên hoặc bật Làm máy chủ, rồi gửi lại.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/chat_controller.py" line="470"/>
        <source>Not connected: join a session, then announce again.</source>
        <translation>Chưa kết nối: hãy tham gia một phiên rồi gửi thông báo chung lại.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/chat_controller.py" line="483"/>
        <source>Your announcement was not sent: in this session only its host&apos;s owner may announce. It began: “{start}”</source>
        <translation>Thông báo chung của bạn chưa được gửi: trong phiên này chỉ chủ máy chủ mới được gửi thông báo chung. Nó bắt đầu bằng: “{start}”</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/chat_controller.py" line="530"/>
        <source>Connecting to {where}…</source>
        <translation>Đang kết nối tới {where}…</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/chat_controller.py" line="533"/>
        <source>The session ended: waiting for its host to come back ({where})…</source>
        <translation>Phiên đã kết thúc: đang chờ máy chủ của phiên trở lại ({where})…</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/chat_controller.py" line="536"/>
        <source>Connection lost: reconnecting to {where}…</source>
        <translation>Mất kết nối: đang kết nối lại tới {where}…</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/chat_controller.py" line="539"/>
        <source>Hosting “{session}” on port {port} · {count} connected</source>
        <translation>Đang làm máy chủ “{session}” trên cổng {port} · {count} người kết nối</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/chat_controller.py" line="545"/>
        <source>Connected to “{session}” ({where}) as {name}</source>
        <translation>Đã kết nối tới “{session}” ({where}) với tên {name}</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/chat_controller.py" line="549"/>
        <source>host id {id}</source>
        <translation>mã máy chủ {id}</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/chat_controller.py" line="553"/>
        <source>Not connected</source>
        <translation>Chưa kết nối</translation>
    </message>
    <message numerus="yes">
        <location filename="../../messenger/ui/chat_controller.py" line="556"/>
        <source>%n message(s) waiting to be sent</source>
        <translation>
            <numerusform>%n tin nhắn đang chờ gửi</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../messenger/ui/chat_controller.py" line="650"/>
        <source>You rejoin by yourself when it is back; what you write meanwhile is kept.</source>
        <translation>Bạn sẽ tự vào lại khi máy chủ trở lại; những gì bạn viết trong lúc chờ đều được giữ.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/chat_controller.py" line="666"/>
        <source>First time in this session: its host&apos;s id is {id}. Ask its owner whether their window (“Your id”) or messenger host shows the same: then nobody stands between you.</source>
        <translation>Lần đầu vào phiên này: mã của máy chủ là {id}. Hãy hỏi chủ máy chủ xem cửa sổ của họ (“Mã của bạn”) hoặc messenger host có hiện đúng mã đó không: khi đó không ai chen vào giữa.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/session_problems.py" line="20"/>
        <source>Another host now answers for this session: its history starts anew.</source>
        <translation>Một máy chủ khác đang trả lời cho phiên này: lịch sử của nó bắt đầu lại từ đầu.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/session_problems.py" line="24"/>
        <source>This session&apos;s history was reset or restored from an older copy: the log shows it as the host has it now.</source>
        <translation>Lịch sử của phiên này đã bị đặt lại hoặc khôi phục từ một bản sao cũ hơn: nhật ký hiển thị đúng như máy chủ đang có.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/session_problems.py" line="30"/>
        <source>The messages from before are kept on this computer.</source>
        <translation>Các tin nhắn trước đó được giữ lại trên máy tính này.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/session_problems.py" line="39"/>
        <source>You sent as much as the host takes from one device in a day: your messages wait and go out as the day&apos;s count goes down.</source>
        <translation>Bạn đã gửi hết lượng mà máy chủ nhận từ một thiết bị trong một ngày: tin nhắn của bạn đang chờ và sẽ được gửi đi khi lượng trong ngày giảm xuống.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../messenger/ui/chat_controller.py" line="574"/>
        <source>%n message(s) you wrote were not sent: send them to the session as it is now, or discard them.</source>
        <translation>
            <numerusform>%n tin nhắn bạn viết chưa được gửi: hãy gửi chúng vào phiên như hiện tại, hoặc bỏ chúng đi.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../messenger/ui/session_problems.py" line="45"/>
        <source>The host&apos;s disk is full: your messages wait and go out when it has room.</source>
        <translation>Ổ đĩa của máy chủ đã đầy: tin nhắn của bạn đang chờ và sẽ được gửi khi máy chủ có chỗ trống.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/session_problems.py" line="49"/>
        <source>The host cannot save messages now: your messages wait and go out once it can again.</source>
        <translation>Máy chủ hiện không lưu được tin nhắn: tin nhắn của bạn đang chờ và sẽ được gửi khi máy chủ lưu được trở lại.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../messenger/ui/chat_controller.py" line="677"/>
        <source>Trying again in %n second(s); what you write is kept and sent once connected.</source>
        <translation>
            <numerusform>Sẽ thử lại sau %n giây; những gì bạn viết được giữ lại và gửi đi khi đã kết nối.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ComposeBox</name>
    <message>
        <location filename="../../messenger/ui/compose_box.py" line="35"/>
        <source>Write a message… (Enter sends, Shift+Enter: new line)</source>
        <translation>Viết tin nhắn… (Enter để gửi, Shift+Enter: xuống dòng)</translation>
    </message>
</context>
<context>
    <name>ConversationSwitcher</name>
    <message>
        <location filename="../../messenger/ui/conversation_switcher.py" line="43"/>
        <source>Go to a conversation</source>
        <translation>Đi tới cuộc trò chuyện</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/conversation_switcher.py" line="48"/>
        <source>Type a room or a person…</source>
        <translation>Gõ tên phòng hoặc người…</translation>
    </message>
</context>
<context>
    <name>DesktopNotifications</name>
    <message>
        <location filename="../../messenger/ui/desktop_notifications.py" line="140"/>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
</context>
<context>
    <name>DiscoveryListener</name>
    <message>
        <location filename="../../messenger/client/discovery.py" line="87"/>
        <source>Cannot listen for sessions on UDP port {port}: {reason}. Use “Connect to address…” instead.</source>
        <translation>Không thể dò tìm phiên trò chuyện trên cổng UDP {port}: {reason}. Hãy dùng “Kết nối tới địa chỉ…”.</translation>
    </message>
</context>
<context>
    <name>HeldMessagesBar</name>
    <message>
        <location filename="../../messenger/ui/held_bar.py" line="40"/>
        <source>Send them now</source>
        <translation>Gửi ngay</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/held_bar.py" line="44"/>
        <source>Discard them</source>
        <translation>Bỏ đi</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/held_bar.py" line="56"/>
        <source>Discard unsent messages</source>
        <translation>Bỏ các tin nhắn chưa gửi</translation>
    </message>
    <message numerus="yes">
        <location filename="../../messenger/ui/held_bar.py" line="58"/>
        <source>Discard %n unsent message(s)? They will not be sent, ever.</source>
        <translation>
            <numerusform>Bỏ %n tin nhắn chưa gửi? Chúng sẽ không bao giờ được gửi.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../messenger/ui/held_bar.py" line="75"/>
        <source>%n unsent message(s) from before the reset: send or discard?</source>
        <translation>
            <numerusform>%n tin nhắn chưa gửi từ trước khi đặt lại: gửi hay bỏ?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../messenger/ui/help_dialog.py" line="38"/>
        <source>Messenger help</source>
        <translation>Trợ giúp Messenger</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/help_dialog.py" line="44"/>
        <source>How to</source>
        <translation>Hướng dẫn</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/help_dialog.py" line="46"/>
        <source>Keyboard shortcuts</source>
        <translation>Phím tắt</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/help_dialog.py" line="57"/>
        <source>Keys</source>
        <translation>Phím</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/help_dialog.py" line="57"/>
        <source>What it does</source>
        <translation>Tác dụng</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/help_dialog.py" line="85"/>
        <source>Hosting a session</source>
        <translation>Làm máy chủ cho một phiên</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/help_dialog.py" line="87"/>
        <source>Click Host: colleagues on this network then see your session and can join it. Who may join (anyone, who you let in, or who knows a password) is chosen in Who may join…. The session keeps running while Messenger runs.</source>
        <translation>Bấm Làm máy chủ: đồng nghiệp trong mạng này sẽ thấy phiên của bạn và có thể tham gia. Ai được tham gia (bất kỳ ai, người bạn cho vào, hoặc người biết mật khẩu) được chọn trong Ai được tham gia…. Phiên vẫn chạy chừng nào Messenger còn chạy.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/help_dialog.py" line="94"/>
        <source>Joining a session</source>
        <translation>Tham gia một phiên</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/help_dialog.py" line="96"/>
        <source>The sessions on this network appear by themselves under Sessions on the network: double-click one, or choose it and click Join. A host the list does not show is joined by its address with Connect to address… (Ctrl+L).</source>
        <translation>Các phiên trong mạng này tự hiện ra dưới Các phiên trên mạng: bấm đúp vào một phiên, hoặc chọn nó rồi bấm Tham gia. Máy chủ không có trong danh sách thì tham gia bằng địa chỉ của nó qua Kết nối tới địa chỉ… (Ctrl+L).</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/help_dialog.py" line="103"/>
        <source>Rooms</source>
        <translation>Các phòng</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/help_dialog.py" line="105"/>
        <source>Everyone is in general. Rooms… (Ctrl+R) lists every room of the session, to join one or make one; Join a room… (Ctrl+J) joins one by its name. Ctrl+K goes to any of your conversations.</source>
        <translation>Mọi người đều ở phòng general. Các phòng… (Ctrl+R) liệt kê mọi phòng của phiên, để vào một phòng hoặc tạo phòng mới; Vào một phòng… (Ctrl+J) vào một phòng theo tên. Ctrl+K đi tới bất kỳ cuộc trò chuyện nào của bạn.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/help_dialog.py" line="111"/>
        <source>Direct messages</source>
        <translation>Tin nhắn riêng</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/help_dialog.py" line="113"/>
        <source>Double-click a person under Members to write to them alone. Someone offline gets your messages when they come back.</source>
        <translation>Bấm đúp vào một người dưới Thành viên để nhắn riêng cho họ. Người đang ngoại tuyến sẽ nhận được tin nhắn của bạn khi họ quay lại.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/help_dialog.py" line="118"/>
        <source>Announcements</source>
        <translation>Thông báo chung</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/help_dialog.py" line="120"/>
        <source>Announce to everyone… sends a message every member of the session sees as a banner in general and is notified of; those away get it when they come back. The session&apos;s host decides who may: its owner (the computer that hosts, by default) or everyone (Settings, Hosting).</source>
        <translation>Gửi thông báo chung… gửi một tin nhắn mà mọi thành viên của phiên đều thấy dưới dạng biểu ngữ trong general và được báo cho biết; ai đang vắng mặt sẽ nhận khi quay lại. Máy chủ của phiên quyết định ai được gửi: chủ của nó (máy làm máy chủ, mặc định) hoặc mọi người (Cài đặt, Làm máy chủ).</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/help_dialog.py" line="128"/>
        <source>Notifications and Do Not Disturb</source>
        <translation>Thông báo và Không làm phiền</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/help_dialog.py" line="130"/>
        <source>Direct messages and mentions of you make a desktop notification; each room can notify of every message, mentions only, or nothing. Do Not Disturb silences them all until you turn it off.</source>
        <translation>Tin nhắn riêng và tin nhắc đến bạn sẽ hiện thông báo trên màn hình; mỗi phòng có thể thông báo mọi tin nhắn, chỉ tin nhắc đến bạn, hoặc không gì cả. Không làm phiền tắt hết thông báo cho tới khi bạn tắt nó đi.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/help_dialog.py" line="136"/>
        <source>The tray</source>
        <translation>Khay hệ thống</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/help_dialog.py" line="138"/>
        <source>Where the desktop shows a tray, closing the window keeps Messenger running there (change it in Settings); its icon shows unread messages, and its menu opens the window or quits.</source>
        <translation>Nếu màn hình nền có khay hệ thống, khi đóng cửa sổ Messenger vẫn chạy ở đó (đổi trong Cài đặt); biểu tượng của nó cho biết có tin nhắn chưa đọc, và trình đơn của nó mở cửa sổ hoặc thoát.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/help_dialog.py" line="149"/>
        <source>Help</source>
        <translation>Trợ giúp</translation>
    </message>
</context>
<context>
    <name>HostAdmission</name>
    <message>
        <location filename="../../messenger/client/host_admission.py" line="128"/>
        <source>Wrong password. Try again.</source>
        <translation>Sai mật khẩu. Hãy thử lại.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/host_admission.py" line="151"/>
        <source>The host&apos;s answer to let us in does not check: not joining.</source>
        <translation>Câu trả lời của máy chủ khi cho vào không hợp lệ: không tham gia.</translation>
    </message>
</context>
<context>
    <name>HostConnection</name>
    <message>
        <location filename="../../messenger/client/host_connection.py" line="383"/>
        <source>Not connected to a host.</source>
        <translation>Chưa kết nối tới máy chủ nào.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/host_connection.py" line="445"/>
        <source>This app cannot read the list of hosts it trusts ({reason}): it does not connect without it.</source>
        <translation>Ứng dụng không đọc được danh sách máy chủ mà nó tin cậy ({reason}): nó không kết nối khi thiếu danh sách này.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/host_connection.py" line="487"/>
        <source>The host sent data this app does not understand.</source>
        <translation>Máy chủ gửi dữ liệu mà ứng dụng này không hiểu.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/host_connection.py" line="560"/>
        <source>This host let us in without proving it knows the session&apos;s password: it may not be the host it claims to be. Not joining.</source>
        <translation>Máy chủ này cho vào mà không chứng minh được nó biết mật khẩu của phiên: có thể đây không phải máy chủ như nó tự xưng. Không tham gia.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/connection_texts.py" line="58"/>
        <source>The host ended the session.</source>
        <translation>Máy chủ đã kết thúc phiên.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/host_connection.py" line="619"/>
        <source>The connection to the host was lost.</source>
        <translation>Mất kết nối với máy chủ.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/host_connection.py" line="623"/>
        <source>The host at {where} closed the connection before welcoming us.</source>
        <translation>Máy chủ tại {where} đã đóng kết nối trước khi chào đón ứng dụng.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/connection_texts.py" line="27"/>
        <source>No Messenger host answers at {where}. Check the address and port.</source>
        <translation>Không có máy chủ Messenger nào trả lời tại {where}. Hãy kiểm tra địa chỉ và cổng.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/connection_texts.py" line="32"/>
        <source>No secure connection could be made with {where} ({reason}). It may be a host of an older Messenger version: ask for it to be updated.</source>
        <translation>Không thể tạo kết nối an toàn với {where} ({reason}). Có thể đó là máy chủ dùng phiên bản Messenger cũ hơn: hãy đề nghị cập nhật.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/connection_texts.py" line="38"/>
        <source>The computer {where} was not found. Check the address.</source>
        <translation>Không tìm thấy máy {where}. Hãy kiểm tra địa chỉ.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/connection_texts.py" line="42"/>
        <source>Cannot connect to {where}: {reason}.</source>
        <translation>Không thể kết nối tới {where}: {reason}.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/connection_texts.py" line="49"/>
        <source>This computer connected to the session again from another window or connection: this one was closed.</source>
        <translation>Máy tính này đã kết nối lại vào phiên từ một cửa sổ hoặc kết nối khác: kết nối này đã được đóng.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/connection_texts.py" line="55"/>
        <source>The host&apos;s owner removed you from the session.</source>
        <translation>Chủ máy chủ đã mời bạn ra khỏi phiên.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/host_connection.py" line="642"/>
        <source>The host at {where} did not answer in time.</source>
        <translation>Máy chủ tại {where} không trả lời kịp thời.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/host_connection.py" line="651"/>
        <source>The host stopped answering.</source>
        <translation>Máy chủ không còn phản hồi.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/connection_texts.py" line="23"/>
        <source>The connection to {where} broke: {reason}.</source>
        <translation>Kết nối tới {where} bị ngắt: {reason}.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/host_connection.py" line="678"/>
        <source>This computer&apos;s identity is not ready: cannot connect.</source>
        <translation>Danh tính của máy tính này chưa sẵn sàng: không thể kết nối.</translation>
    </message>
</context>
<context>
    <name>HostDiskAlarm</name>
    <message>
        <location filename="../../messenger/ui/host_disk_alarm.py" line="18"/>
        <source>This computer&apos;s disk is almost full ({size} left): the session you host stops taking messages when it is full. Free some space.</source>
        <translation>Ổ đĩa của máy này sắp đầy (còn {size}): phiên bạn đang chủ trì sẽ ngừng nhận tin nhắn khi đĩa đầy. Hãy giải phóng bớt dung lượng.</translation>
    </message>
</context>
<context>
    <name>HostError</name>
    <message>
        <location filename="../../messenger/client/error_words.py" line="34"/>
        <source>The host did not understand this app ({code}). Update Messenger here or on the host, then connect again.</source>
        <translation>Máy chủ không hiểu ứng dụng này ({code}). Hãy cập nhật Messenger ở máy này hoặc ở máy chủ, rồi kết nối lại.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/error_words.py" line="40"/>
        <source>The host&apos;s owner does not let this device into the session.</source>
        <translation>Chủ máy chủ không cho thiết bị này vào phiên.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/error_words.py" line="43"/>
        <source>The host&apos;s owner did not let you in (refused, or nobody answered in time). Ask them, then join again.</source>
        <translation>Chủ máy chủ không cho bạn vào (từ chối, hoặc không ai trả lời kịp). Hãy hỏi họ rồi tham gia lại.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/error_words.py" line="48"/>
        <source>This session lets in only the devices its host&apos;s owner approves, and the host says this app cannot ask. Update Messenger, then join again.</source>
        <translation>Phiên này chỉ cho vào những thiết bị được chủ máy chủ duyệt, và máy chủ cho biết ứng dụng này không hỏi được. Hãy cập nhật Messenger rồi tham gia lại.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/error_words.py" line="53"/>
        <source>The session&apos;s host changed who may join: join again.</source>
        <translation>Máy chủ của phiên đã đổi quy định ai được tham gia: hãy tham gia lại.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/error_words.py" line="56"/>
        <source>Too many wrong passwords were tried from this device or network. Wait a few minutes, then join again.</source>
        <translation>Đã thử sai mật khẩu quá nhiều lần từ thiết bị hoặc mạng này. Hãy đợi vài phút rồi tham gia lại.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/error_words.py" line="61"/>
        <source>The host runs another version of Messenger that this app cannot talk to. Update Messenger here or on the host.</source>
        <translation>Máy chủ chạy một phiên bản Messenger khác mà ứng dụng này không trao đổi được. Hãy cập nhật Messenger ở máy này hoặc ở máy chủ.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/error_words.py" line="66"/>
        <source>The host waited too long for this app to introduce itself.</source>
        <translation>Máy chủ đã đợi quá lâu mà ứng dụng này chưa tự giới thiệu.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/error_words.py" line="69"/>
        <source>The host heard nothing from this app for a minute and closed the connection.</source>
        <translation>Máy chủ không nghe thấy gì từ ứng dụng này trong một phút nên đã đóng kết nối.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../messenger/client/error_words.py" line="27"/>
        <source>Too many wrong passwords were tried from this device or network. Join again in %n second(s).</source>
        <translation>
            <numerusform>Đã thử sai mật khẩu quá nhiều lần từ thiết bị hoặc mạng này. Hãy tham gia lại sau %n giây.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../messenger/client/error_words.py" line="72"/>
        <source>The host closed the connection: this app sent it too many requests it could not take.</source>
        <translation>Máy chủ đã đóng kết nối: ứng dụng này gửi quá nhiều yêu cầu mà máy chủ không nhận được.</translation>
    </message>
    <message>
        <location filename="../../messenger/client/error_words.py" line="89"/>
        <source>The host could not save the message: {reason}</source>
        <translation>Máy chủ không lưu được tin nhắn: {reason}</translation>
    </message>
    <message>
        <location filename="../../messenger/client/error_words.py" line="94"/>
        <source>The host reported a problem ({code}): {reason}</source>
        <translation>Máy chủ báo lỗi ({code}): {reason}</translation>
    </message>
</context>
<context>
    <name>HostService</name>
    <message>
        <location filename="../../messenger/host/membership.py" line="217"/>
        <source>The host&apos;s owner removed you from the session.</source>
        <translation>Chủ máy chủ đã mời bạn ra khỏi phiên.</translation>
    </message>
    <message>
        <location filename="../../messenger/host/service.py" line="318"/>
        <source>The host ended the session.</source>
        <translation>Máy chủ đã kết thúc phiên.</translation>
    </message>
    <message>
        <location filename="../../messenger/host/membership.py" line="260"/>
        <source>This device connected to the session again elsewhere.</source>
        <translation>Thiết bị này đã kết nối lại vào phiên ở nơi khác.</translation>
    </message>
    <message>
        <location filename="../../messenger/host/listen_errors.py" line="14"/>
        <source>Port {port} is already in use: another Messenger host, or another program, is using it on this computer. Stop it, or choose another port.</source>
        <translation>Cổng {port} đang được dùng: một máy chủ Messenger khác, hoặc một chương trình khác, đang dùng nó trên máy này. Hãy dừng nó, hoặc chọn cổng khác.</translation>
    </message>
    <message>
        <location filename="../../messenger/host/listen_errors.py" line="20"/>
        <source>This computer does not allow listening on port {port}. Choose a port above 1024.</source>
        <translation>Máy này không cho phép mở cổng {port}. Hãy chọn cổng lớn hơn 1024.</translation>
    </message>
    <message>
        <location filename="../../messenger/host/listen_errors.py" line="24"/>
        <source>Cannot listen on port {port}: {reason}.</source>
        <translation>Không thể mở cổng {port}: {reason}.</translation>
    </message>
    <message>
        <location filename="../../messenger/host/store_errors.py" line="14"/>
        <source>The disk holding {path} is full: the host cannot start. Free some space, then start it again.</source>
        <translation>Ổ đĩa chứa {path} đã đầy: máy chủ không thể khởi động. Hãy giải phóng bớt dung lượng rồi khởi động lại.</translation>
    </message>
    <message>
        <location filename="../../messenger/host/store_errors.py" line="20"/>
        <source>The disk holding {path} is full: messages cannot be saved. Free some space; sending will work again.</source>
        <translation>Ổ đĩa chứa {path} đã đầy: không thể lưu tin nhắn. Hãy giải phóng dung lượng; việc gửi sẽ hoạt động trở lại.</translation>
    </message>
    <message>
        <location filename="../../messenger/host/store_errors.py" line="25"/>
        <source>The history file {path} is damaged. Move it aside to start with an empty history, or restore it from a backup.</source>
        <translation>Tệp lịch sử {path} bị hỏng. Hãy chuyển nó đi nơi khác để bắt đầu với lịch sử trống, hoặc khôi phục từ bản sao lưu.</translation>
    </message>
    <message>
        <location filename="../../messenger/host/store_errors.py" line="30"/>
        <source>Another Messenger host is already using {path}. Stop it, or give this host another data folder (--data).</source>
        <translation>Một máy chủ Messenger khác đang dùng {path}. Hãy dừng nó, hoặc chọn thư mục dữ liệu khác cho máy chủ này (--data).</translation>
    </message>
    <message>
        <location filename="../../messenger/host/store_errors.py" line="35"/>
        <source>Cannot write to {path}. Check its permissions, or choose another data folder (--data).</source>
        <translation>Không thể ghi vào {path}. Hãy kiểm tra quyền truy cập, hoặc chọn thư mục dữ liệu khác (--data).</translation>
    </message>
    <message>
        <location filename="../../messenger/host/store_errors.py" line="40"/>
        <source>The history file {path} cannot be used ({detail}). Check the file and its folder, or choose another data folder (--data).</source>
        <translation>Không thể dùng tệp lịch sử {path} ({detail}). Hãy kiểm tra tệp và thư mục chứa nó, hoặc chọn thư mục dữ liệu khác (--data).</translation>
    </message>
    <message>
        <location filename="../../messenger/host/store_errors.py" line="54"/>
        <source>This computer&apos;s Messenger identity ({path}) is damaged. Restore identity.key and identity.crt from a backup, or move them aside to make a new identity (colleagues will then see this computer as a new device).</source>
        <translation>Danh tính Messenger của máy tính này ({path}) đã bị hỏng. Hãy khôi phục identity.key và identity.crt từ bản sao lưu, hoặc chuyển chúng sang chỗ khác để tạo danh tính mới (khi đó đồng nghiệp sẽ thấy máy tính này là một thiết bị mới).</translation>
    </message>
    <message>
        <location filename="../../messenger/host/serving_identity.py" line="27"/>
        <source>A session with a password needs a password: none was given.</source>
        <translation>Phiên có mật khẩu cần một mật khẩu: chưa có mật khẩu nào.</translation>
    </message>
    <message>
        <location filename="../../messenger/host/serving_identity.py" line="36"/>
        <source>This computer has no TLS library Messenger can use (OpenSSL 3): the host cannot keep the session private. Install OpenSSL, then start it again.</source>
        <translation>Máy tính này không có thư viện TLS mà Messenger dùng được (OpenSSL 3): máy chủ không thể giữ kín phiên. Hãy cài OpenSSL rồi khởi động lại.</translation>
    </message>
    <message>
        <location filename="../../messenger/host/serving_identity.py" line="55"/>
        <source>Without TLS nobody has an identity: the host can only be open.</source>
        <translation>Không có TLS thì không ai có danh tính: máy chủ chỉ có thể mở cho mọi người.</translation>
    </message>
    <message>
        <location filename="../../messenger/host/serving_identity.py" line="62"/>
        <source>Without TLS the host listens on a loopback address only (127.0.0.1 or ::1): it is for benchmarks, not for people.</source>
        <translation>Không có TLS, máy chủ chỉ lắng nghe trên địa chỉ loopback (127.0.0.1 hoặc ::1): chế độ này để đo hiệu năng, không phải cho người dùng.</translation>
    </message>
</context>
<context>
    <name>HostSettingsDialog</name>
    <message>
        <location filename="../../messenger/ui/host_settings_dialog.py" line="42"/>
        <source>Session settings</source>
        <translation>Cài đặt phiên</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/host_settings_dialog.py" line="70"/>
        <source>Who may join this session</source>
        <translation>Ai được tham gia phiên này</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/host_settings_dialog.py" line="73"/>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/host_settings_dialog.py" line="73"/>
        <source>Anyone on this network</source>
        <translation>Bất kỳ ai trong mạng này</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/host_settings_dialog.py" line="76"/>
        <source>With my approval</source>
        <translation>Khi tôi duyệt</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/host_settings_dialog.py" line="78"/>
        <source>New devices wait until you let them in; devices you let in once come back without asking</source>
        <translation>Thiết bị mới phải chờ bạn cho vào; thiết bị đã được cho vào một lần thì lần sau vào thẳng</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/host_settings_dialog.py" line="84"/>
        <source>With a password</source>
        <translation>Có mật khẩu</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/host_settings_dialog.py" line="85"/>
        <source>Anyone who knows the password</source>
        <translation>Ai biết mật khẩu</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/host_settings_dialog.py" line="103"/>
        <source>Show</source>
        <translation>Hiện</translation>
    </message>
    <message numerus="yes">
        <location filename="../../messenger/ui/host_settings_dialog.py" line="106"/>
        <source>The password needs at least %n character(s).</source>
        <translation>
            <numerusform>Mật khẩu cần ít nhất %n ký tự.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IdentityChangeBar</name>
    <message>
        <location filename="../../messenger/ui/identity_change_bar.py" line="41"/>
        <source>Trust the new identity…</source>
        <translation>Tin cậy danh tính mới…</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/identity_change_bar.py" line="60"/>
        <source>Stopped: the host at {where} shows another identity than before. It may have been reinstalled, or another computer may be posing as it to read your messages. Nothing was sent to it. Ask the host&apos;s owner which id it shows now; trust it only if it is this one.
Before: {pinned}
Now: {presented}</source>
        <translation>Đã dừng: máy chủ tại {where} có danh tính khác với trước đây. Có thể nó đã được cài lại, hoặc một máy khác đang giả danh nó để đọc tin nhắn của bạn. Chưa có gì được gửi tới nó. Hãy hỏi chủ máy chủ xem nó đang hiện mã nào; chỉ tin cậy nếu đúng là mã này.
Trước đây: {pinned}
Bây giờ: {presented}</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/identity_change_bar.py" line="81"/>
        <source>Trust the host&apos;s new identity?</source>
        <translation>Tin cậy danh tính mới của máy chủ?</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/identity_change_bar.py" line="84"/>
        <source>Trust the new identity only if the host&apos;s owner tells you its id is {presented}. From then on, this computer trusts it instead of the old one.</source>
        <translation>Chỉ tin cậy danh tính mới nếu chủ máy chủ cho bạn biết mã của nó là {presented}. Từ đó, máy tính này tin cậy danh tính mới thay cho danh tính cũ.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/identity_change_bar.py" line="89"/>
        <source>Before (SHA-256): {pinned}
Now (SHA-256): {presented}</source>
        <translation>Trước đây (SHA-256): {pinned}
Bây giờ (SHA-256): {presented}</translation>
    </message>
</context>
<context>
    <name>KeptMessagesPane</name>
    <message>
        <location filename="../../messenger/ui/kept_messages_pane.py" line="31"/>
        <source>Messages from before the reset, kept on this computer only (the session&apos;s history no longer has them):</source>
        <translation>Các tin nhắn từ trước khi đặt lại, chỉ được giữ trên máy tính này (lịch sử của phiên không còn chúng):</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/kept_messages_pane.py" line="38"/>
        <source>Hide</source>
        <translation>Ẩn</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="94"/>
        <location filename="../../messenger/ui/main_window.py" line="403"/>
        <location filename="../../messenger/ui/main_window.py" line="658"/>
        <location filename="../../messenger/ui/main_window.py" line="787"/>
        <source>Messenger</source>
        <translation>Messenger</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="134"/>
        <source>Guest</source>
        <translation>Khách</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="187"/>
        <source>Session</source>
        <translation>Phiên</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="191"/>
        <source>Host</source>
        <translation>Làm máy chủ</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="195"/>
        <source>Host a session on this computer so that colleagues can join it</source>
        <translation>Mở một phiên trò chuyện trên máy này để đồng nghiệp tham gia</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="199"/>
        <source>Sessions…</source>
        <translation>Các phiên…</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="203"/>
        <source>The sessions on the network: the one you are in, and others to join</source>
        <translation>Các phiên trên mạng: phiên bạn đang ở, và các phiên khác để tham gia</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="207"/>
        <source>Connect to address…</source>
        <translation>Kết nối tới địa chỉ…</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="212"/>
        <source>Who may join…</source>
        <translation>Ai được tham gia…</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="216"/>
        <source>Who may join the session this computer hosts: anyone, who you let in, or who knows a password</source>
        <translation>Ai được tham gia phiên mà máy tính này làm máy chủ: bất kỳ ai, người bạn cho vào, hoặc người biết mật khẩu</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="224"/>
        <source>Join a room…</source>
        <translation>Vào một phòng…</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="227"/>
        <source>Join a room of this session by its name</source>
        <translation>Vào một phòng của phiên này theo tên phòng</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="230"/>
        <source>Rooms…</source>
        <translation>Các phòng…</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="233"/>
        <source>Every room of this session: join one, or make one</source>
        <translation>Mọi phòng của phiên này: vào một phòng, hoặc tạo phòng mới</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="236"/>
        <source>New message…</source>
        <translation>Tin nhắn mới…</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="240"/>
        <source>Write to one person of the session, online or not</source>
        <translation>Viết cho một người trong phiên, dù họ đang trực tuyến hay không</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="244"/>
        <source>Announce to everyone…</source>
        <translation>Gửi thông báo chung…</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="249"/>
        <source>Settings…</source>
        <translation>Cài đặt…</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="254"/>
        <source>About</source>
        <translation>Giới thiệu</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="262"/>
        <source>Go to a conversation…</source>
        <translation>Đi tới cuộc trò chuyện…</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="267"/>
        <source>Do not disturb</source>
        <translation>Không làm phiền</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="271"/>
        <source>No desktop notifications while this is on</source>
        <translation>Không hiện thông báo trên màn hình khi bật</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="285"/>
        <source>Conversations</source>
        <translation>Cuộc trò chuyện</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="293"/>
        <source>Members</source>
        <translation>Thành viên</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="325"/>
        <source>Make a new identity</source>
        <translation>Tạo danh tính mới</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="328"/>
        <source>The damaged files are kept beside, renamed; colleagues will see a new device</source>
        <translation>Các tệp bị hỏng được giữ lại bên cạnh, với tên khác; đồng nghiệp sẽ thấy một thiết bị mới</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="352"/>
        <source>Send</source>
        <translation>Gửi</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="376"/>
        <source>You are in “{session}”: hosting leaves it. Host anyway?</source>
        <translation>Bạn đang ở “{session}”: làm máy chủ sẽ rời phiên đó. Vẫn làm máy chủ?</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="425"/>
        <source>Choose a session in the list first.</source>
        <translation>Hãy chọn một phiên trong danh sách trước.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="437"/>
        <source>Connect to address</source>
        <translation>Kết nối tới địa chỉ</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="438"/>
        <source>Address of the host (name or IP, optionally :port):</source>
        <translation>Địa chỉ của máy chủ (tên hoặc IP, có thể kèm :cổng):</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="448"/>
        <source>“{text}” is not an address. Type e.g. 192.168.1.20 or office-pc:5005.</source>
        <translation>“{text}” không phải là địa chỉ. Hãy nhập ví dụ 192.168.1.20 hoặc may-van-phong:5005.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="459"/>
        <source>You are in “{session}”: leave it and connect to {where}?</source>
        <translation>Bạn đang ở “{session}”: rời phiên đó và kết nối tới {where}?</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="475"/>
        <source>Join a room</source>
        <translation>Vào một phòng</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="476"/>
        <source>Name of the room (it is made if nobody uses it yet):</source>
        <translation>Tên phòng (phòng được tạo nếu chưa ai dùng tên này):</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="502"/>
        <source>Topic of # {room}</source>
        <translation>Chủ đề của # {room}</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="503"/>
        <source>What the room is for (everyone in the session sees it):</source>
        <translation>Phòng dùng để làm gì (mọi người trong phiên đều thấy):</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="524"/>
        <source>Nobody else has been seen in this session yet.</source>
        <translation>Chưa thấy ai khác trong phiên này.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="532"/>
        <source>New message</source>
        <translation>Tin nhắn mới</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="533"/>
        <source>Write to:</source>
        <translation>Viết cho:</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="562"/>
        <source>Send an announcement every member sees, highlighted, and is notified of</source>
        <translation>Gửi một thông báo chung mà mọi thành viên đều thấy, được làm nổi bật, và được báo cho biết</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="565"/>
        <source>Only those the session&apos;s host allows may announce: its owner, or everyone</source>
        <translation>Chỉ những người được máy chủ của phiên cho phép mới được gửi thông báo chung: chủ của nó, hoặc mọi người</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="616"/>
        <source>Change the topic…</source>
        <translation>Đổi chủ đề…</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="619"/>
        <source>Leave this room</source>
        <translation>Rời phòng này</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="632"/>
        <source>Notify me of</source>
        <translation>Thông báo cho tôi khi có</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="635"/>
        <source>Every message</source>
        <translation>Mọi tin nhắn</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="636"/>
        <source>Mentions of me</source>
        <translation>Tin nhắc đến tôi</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="637"/>
        <source>Nothing</source>
        <translation>Không gì cả</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="675"/>
        <source>The message is too long ({count} characters; at most {limit}).</source>
        <translation>Tin nhắn quá dài ({count} ký tự; tối đa {limit}).</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="738"/>
        <source>Your id: {id}</source>
        <translation>Mã của bạn: {id}</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="741"/>
        <source>This computer&apos;s identity for Messenger (SHA-256 of its certificate):
{full}</source>
        <translation>Danh tính Messenger của máy tính này (SHA-256 của chứng chỉ):
{full}</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/main_window.py" line="789"/>
        <source>You host this session: closing Messenger ends it for everyone in it. Close anyway?</source>
        <translation>Bạn đang làm máy chủ của phiên này: đóng Messenger sẽ kết thúc phiên cho mọi người. Vẫn đóng?</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/held_bar.py" line="87"/>
        <source>Send all unsent messages now</source>
        <translation>Gửi ngay tất cả tin nhắn chưa gửi</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/held_bar.py" line="89"/>
        <source>Discard this message</source>
        <translation>Bỏ tin nhắn này</translation>
    </message>
</context>
<context>
    <name>MemberListWidget</name>
    <message>
        <location filename="../../messenger/ui/member_list.py" line="39"/>
        <source>{name} (you)</source>
        <translation>{name} (bạn)</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/member_list.py" line="42"/>
        <source>Id: {id}</source>
        <translation>Mã: {id}</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../../messenger/ui/message_delegate.py" line="262"/>
        <source>sending…</source>
        <translation>đang gửi…</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/message_delegate.py" line="264"/>
        <source>not sent: waiting for your choice</source>
        <translation>chưa gửi: đang chờ bạn chọn</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/message_delegate.py" line="266"/>
        <source>kept on this computer only</source>
        <translation>chỉ được giữ trên máy tính này</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/message_delegate.py" line="383"/>
        <source>Today</source>
        <translation>Hôm nay</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/message_delegate.py" line="385"/>
        <source>Yesterday</source>
        <translation>Hôm qua</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/message_delegate.py" line="451"/>
        <source>Announcement</source>
        <translation>Thông báo chung</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/message_delegate.py" line="500"/>
        <source>New messages</source>
        <translation>Tin nhắn mới</translation>
    </message>
</context>
<context>
    <name>MessageLogView</name>
    <message numerus="yes">
        <location filename="../../messenger/ui/message_log_view.py" line="196"/>
        <source>%n new message(s) ↓</source>
        <translation>
            <numerusform>%n tin nhắn mới ↓</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../messenger/ui/message_log_view.py" line="198"/>
        <source>Newest messages ↓</source>
        <translation>Tin nhắn mới nhất ↓</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/message_log_view.py" line="215"/>
        <source>Show the newest messages (Ctrl+End)</source>
        <translation>Xem các tin nhắn mới nhất (Ctrl+End)</translation>
    </message>
</context>
<context>
    <name>NameDialog</name>
    <message>
        <location filename="../../messenger/ui/name_dialog.py" line="16"/>
        <source>Welcome to Messenger</source>
        <translation>Chào mừng đến với Messenger</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/name_dialog.py" line="17"/>
        <source>Your name, as your colleagues will see it:</source>
        <translation>Tên của bạn, như đồng nghiệp sẽ thấy:</translation>
    </message>
</context>
<context>
    <name>NotificationCenter</name>
    <message>
        <location filename="../../messenger/ui/notification_center.py" line="119"/>
        <source>Announcement from {sender}</source>
        <translation>Thông báo chung từ {sender}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../messenger/ui/notification_center.py" line="121"/>
        <source>%n new message(s): {summary}</source>
        <translation>
            <numerusform>%n tin nhắn mới: {summary}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../messenger/ui/password_dialog.py" line="62"/>
        <source>Password needed</source>
        <translation>Cần mật khẩu</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/password_dialog.py" line="71"/>
        <source>Show</source>
        <translation>Hiện</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/password_dialog.py" line="74"/>
        <source>Remember for this session</source>
        <translation>Nhớ cho phiên này</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/password_dialog.py" line="99"/>
        <source>The session “{session}” asks for a password.</source>
        <translation>Phiên “{session}” cần mật khẩu.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/password_dialog.py" line="120"/>
        <source>Join</source>
        <translation>Tham gia</translation>
    </message>
</context>
<context>
    <name>RoomBrowserDialog</name>
    <message>
        <location filename="../../messenger/ui/room_browser.py" line="63"/>
        <source>Rooms</source>
        <translation>Các phòng</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/room_browser.py" line="68"/>
        <source>Find a room…</source>
        <translation>Tìm phòng…</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/room_browser.py" line="79"/>
        <source>This session&apos;s host lists no rooms.</source>
        <translation>Máy chủ của phiên này không liệt kê phòng nào.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/room_browser.py" line="84"/>
        <source>Join</source>
        <translation>Vào phòng</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/room_browser.py" line="95"/>
        <source>New room</source>
        <translation>Phòng mới</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/room_browser.py" line="100"/>
        <source>Name:</source>
        <translation>Tên:</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/room_browser.py" line="104"/>
        <source>What the room is for (optional)</source>
        <translation>Phòng dùng để làm gì (không bắt buộc)</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/room_browser.py" line="105"/>
        <source>Topic:</source>
        <translation>Chủ đề:</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/room_browser.py" line="106"/>
        <source>Create and join</source>
        <translation>Tạo và vào phòng</translation>
    </message>
</context>
<context>
    <name>RoomChoices</name>
    <message>
        <location filename="../../messenger/ui/room_choices.py" line="77"/>
        <source>This session&apos;s host cannot keep topics: it runs an earlier version.</source>
        <translation>Máy chủ của phiên này không lưu được chủ đề: nó chạy phiên bản cũ hơn.</translation>
    </message>
</context>
<context>
    <name>RoomDirectoryModel</name>
    <message numerus="yes">
        <location filename="../../messenger/ui/room_directory_model.py" line="51"/>
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n thành viên</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RoomTexts</name>
    <message>
        <location filename="../../messenger/ui/room_texts.py" line="14"/>
        <source>Type a name for the room.</source>
        <translation>Hãy gõ tên phòng.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/room_texts.py" line="16"/>
        <source>“{name}” is too long for a room&apos;s name: at most {limit} characters.</source>
        <translation>“{name}” quá dài để làm tên phòng: tối đa {limit} ký tự.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/room_texts.py" line="20"/>
        <source>A room&apos;s name cannot hold invisible or control characters.</source>
        <translation>Tên phòng không được chứa ký tự ẩn hoặc ký tự điều khiển.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/room_texts.py" line="24"/>
        <source>A room&apos;s name has single spaces between words, none at its ends.</source>
        <translation>Tên phòng chỉ có một dấu cách giữa các từ, không có ở đầu hay cuối.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/room_texts.py" line="27"/>
        <source>Room names beginning with “dm:” are kept for direct messages: choose another.</source>
        <translation>Tên phòng bắt đầu bằng “dm:” được dành cho tin nhắn riêng: hãy chọn tên khác.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/room_texts.py" line="35"/>
        <source>A room called “{room}” exists already: join it instead.</source>
        <translation>Đã có phòng tên “{room}”: hãy vào phòng đó.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/room_texts.py" line="39"/>
        <source>“{room}” is a conversation of two other people: you cannot read it.</source>
        <translation>“{room}” là cuộc trò chuyện của hai người khác: bạn không thể đọc.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/room_texts.py" line="43"/>
        <source>The host does not take “{room}” as a room&apos;s name.</source>
        <translation>Máy chủ không chấp nhận “{room}” làm tên phòng.</translation>
    </message>
</context>
<context>
    <name>SessionListWidget</name>
    <message>
        <location filename="../../messenger/ui/session_list.py" line="36"/>
        <source>Double-click a session to join it</source>
        <translation>Nhấp đúp vào một phiên để tham gia</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/session_list.py" line="65"/>
        <source>✓ You are here: {text}</source>
        <translation>✓ Bạn đang ở đây: {text}</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/session_list.py" line="73"/>
        <source>This beacon names a host you know, with another identity: someone may be posing as it. Joining it stops before anything is sent.</source>
        <translation>Tín hiệu này mang tên một máy chủ bạn đã biết nhưng với danh tính khác: có thể ai đó đang giả danh nó. Nếu tham gia, kết nối sẽ dừng trước khi gửi bất cứ thứ gì.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../messenger/ui/session_list.py" line="85"/>
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n thành viên</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../messenger/ui/session_list.py" line="86"/>
        <source>{session}
{address}:{port} · {members}</source>
        <translation>{session}
{address}:{port} · {members}</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/session_list.py" line="93"/>
        <source>⚠ Not the host you know: {text}</source>
        <translation>⚠ Không phải máy chủ bạn đã biết: {text}</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/session_list.py" line="97"/>
        <source>id {short}</source>
        <translation>mã {short}</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/session_list.py" line="99"/>
        <source>🔒 the host lets you in</source>
        <translation>🔒 máy chủ duyệt cho vào</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/session_list.py" line="101"/>
        <source>🔒 password</source>
        <translation>🔒 mật khẩu</translation>
    </message>
</context>
<context>
    <name>SessionsDialog</name>
    <message>
        <location filename="../../messenger/ui/sessions_dialog.py" line="19"/>
        <source>Sessions</source>
        <translation>Các phiên</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/sessions_dialog.py" line="22"/>
        <source>Sessions on the network</source>
        <translation>Các phiên trên mạng</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/sessions_dialog.py" line="25"/>
        <source>Join</source>
        <translation>Tham gia</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="83"/>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="87"/>
        <source>You</source>
        <translation>Bạn</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="88"/>
        <source>Notifications</source>
        <translation>Thông báo</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="89"/>
        <source>Window</source>
        <translation>Cửa sổ</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="90"/>
        <source>Hosting</source>
        <translation>Làm máy chủ</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="106"/>
        <source>Your name cannot be blank.</source>
        <translation>Tên của bạn không được để trống.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="108"/>
        <source>The port is a number from 1 to 65535.</source>
        <translation>Cổng là một số từ 1 đến 65535.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="125"/>
        <source>Your name:</source>
        <translation>Tên của bạn:</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="126"/>
        <source>As your colleagues see it.</source>
        <translation>Như đồng nghiệp của bạn nhìn thấy.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="134"/>
        <source>Show desktop notifications</source>
        <translation>Hiện thông báo trên màn hình</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="139"/>
        <source>Do not disturb</source>
        <translation>Không làm phiền</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="142"/>
        <source>Silences every notification.</source>
        <translation>Tắt mọi thông báo.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="144"/>
        <source>Rooms notify of:</source>
        <translation>Các phòng thông báo khi có:</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="146"/>
        <source>For the rooms without a choice of their own. Direct messages notify of every message.</source>
        <translation>Cho các phòng chưa có lựa chọn riêng. Tin nhắn riêng thì thông báo mọi tin nhắn.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="157"/>
        <source>Keep running in the tray when the window is closed</source>
        <translation>Vẫn chạy trong khay hệ thống khi đóng cửa sổ</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="164"/>
        <source>The system&apos;s language</source>
        <translation>Ngôn ngữ của hệ thống</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="168"/>
        <source>Language:</source>
        <translation>Ngôn ngữ:</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="169"/>
        <source>Takes effect at the next start.</source>
        <translation>Có hiệu lực từ lần khởi động sau.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="181"/>
        <source>TCP port:</source>
        <translation>Cổng TCP:</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="183"/>
        <source>Used the next time this computer starts hosting.</source>
        <translation>Được dùng từ lần tới máy tính này bắt đầu làm máy chủ.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="185"/>
        <source>Set on the command line (--port) for this start.</source>
        <translation>Đã đặt trên dòng lệnh (--port) cho lần khởi động này.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="189"/>
        <source>Session name:</source>
        <translation>Tên phiên:</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="190"/>
        <source>Leave it blank for the name shown.</source>
        <translation>Để trống để dùng tên đang hiện.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="193"/>
        <source>Host again at start when Messenger was hosting as it quit</source>
        <translation>Làm máy chủ lại khi khởi động nếu Messenger đang làm máy chủ lúc thoát</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="198"/>
        <source>Who may announce:</source>
        <translation>Ai được gửi thông báo chung:</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="200"/>
        <source>Announcements reach every member of the session, highlighted, and notify them; those away get them when they come back.</source>
        <translation>Thông báo chung đến với mọi thành viên của phiên, được làm nổi bật, và báo cho họ biết; ai đang vắng mặt sẽ nhận khi quay lại.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="241"/>
        <source>Every message</source>
        <translation>Mọi tin nhắn</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="242"/>
        <source>Mentions of me</source>
        <translation>Tin nhắc đến tôi</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="243"/>
        <source>Nothing</source>
        <translation>Không gì cả</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="254"/>
        <source>Only me</source>
        <translation>Chỉ mình tôi</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="254"/>
        <source>Everyone in the session</source>
        <translation>Mọi người trong phiên</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="263"/>
        <source>Only where the desktop shows a tray, as this one does.</source>
        <translation>Chỉ khi màn hình nền có khay hệ thống, như màn hình này.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="265"/>
        <source>Only where the desktop shows a tray: this one shows none now, so closing the window quits Messenger.</source>
        <translation>Chỉ khi màn hình nền có khay hệ thống: màn hình này hiện không có, nên đóng cửa sổ sẽ thoát Messenger.</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/settings_dialog.py" line="294"/>
        <source>{name} on {machine}</source>
        <translation>{name} trên {machine}</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../messenger/ui/shortcuts.py" line="40"/>
        <source>Go to a conversation</source>
        <translation>Đi tới cuộc trò chuyện</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/shortcuts.py" line="44"/>
        <source>Join a room by its name</source>
        <translation>Vào một phòng theo tên</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/shortcuts.py" line="49"/>
        <source>Every room of the session</source>
        <translation>Mọi phòng của phiên</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/shortcuts.py" line="54"/>
        <source>Connect to an address</source>
        <translation>Kết nối tới một địa chỉ</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/shortcuts.py" line="59"/>
        <source>Write to one person</source>
        <translation>Viết cho một người</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/shortcuts.py" line="64"/>
        <source>The sessions on the network</source>
        <translation>Các phiên trên mạng</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/shortcuts.py" line="68"/>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/shortcuts.py" line="70"/>
        <source>This help</source>
        <translation>Trợ giúp này</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/shortcuts.py" line="71"/>
        <source>Send the message</source>
        <translation>Gửi tin nhắn</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/shortcuts.py" line="74"/>
        <source>A new line in the message</source>
        <translation>Xuống dòng trong tin nhắn</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/shortcuts.py" line="76"/>
        <source>Show the newest messages</source>
        <translation>Xem các tin nhắn mới nhất</translation>
    </message>
</context>
<context>
    <name>SocketError</name>
    <message>
        <location filename="../../messenger/net/socket_error_words.py" line="18"/>
        <source>the other computer refused the connection</source>
        <translation>máy bên kia từ chối kết nối</translation>
    </message>
    <message>
        <location filename="../../messenger/net/socket_error_words.py" line="21"/>
        <source>the other computer closed the connection</source>
        <translation>máy bên kia đã đóng kết nối</translation>
    </message>
    <message>
        <location filename="../../messenger/net/socket_error_words.py" line="24"/>
        <source>the computer was not found</source>
        <translation>không tìm thấy máy này</translation>
    </message>
    <message>
        <location filename="../../messenger/net/socket_error_words.py" line="25"/>
        <source>this computer does not allow it (permission denied)</source>
        <translation>máy này không cho phép (không có quyền)</translation>
    </message>
    <message>
        <location filename="../../messenger/net/socket_error_words.py" line="28"/>
        <source>this computer has run out of network resources (too many connections open)</source>
        <translation>máy này đã hết tài nguyên mạng (mở quá nhiều kết nối)</translation>
    </message>
    <message>
        <location filename="../../messenger/net/socket_error_words.py" line="31"/>
        <source>no answer in time</source>
        <translation>không có trả lời kịp thời</translation>
    </message>
    <message>
        <location filename="../../messenger/net/socket_error_words.py" line="32"/>
        <source>the data was too large to send in one piece</source>
        <translation>dữ liệu quá lớn để gửi một lần</translation>
    </message>
    <message>
        <location filename="../../messenger/net/socket_error_words.py" line="35"/>
        <source>the network failed (a cable unplugged or Wi-Fi lost?)</source>
        <translation>mạng bị lỗi (dây mạng bị rút hay mất Wi-Fi?)</translation>
    </message>
    <message>
        <location filename="../../messenger/net/socket_error_words.py" line="38"/>
        <source>the address is already in use by another program</source>
        <translation>địa chỉ đang được một chương trình khác dùng</translation>
    </message>
    <message>
        <location filename="../../messenger/net/socket_error_words.py" line="41"/>
        <source>the address does not belong to this computer</source>
        <translation>địa chỉ này không thuộc về máy này</translation>
    </message>
    <message>
        <location filename="../../messenger/net/socket_error_words.py" line="44"/>
        <source>this computer&apos;s network does not support it (IPv6 turned off?)</source>
        <translation>mạng của máy này không hỗ trợ (IPv6 bị tắt?)</translation>
    </message>
    <message>
        <location filename="../../messenger/net/socket_error_words.py" line="47"/>
        <source>an earlier step has not finished yet</source>
        <translation>một bước trước đó chưa xong</translation>
    </message>
    <message>
        <location filename="../../messenger/net/socket_error_words.py" line="50"/>
        <source>the proxy asks for a password</source>
        <translation>máy chủ proxy yêu cầu mật khẩu</translation>
    </message>
    <message>
        <location filename="../../messenger/net/socket_error_words.py" line="53"/>
        <source>no secure connection could be agreed</source>
        <translation>không thỏa thuận được kết nối bảo mật</translation>
    </message>
    <message>
        <location filename="../../messenger/net/socket_error_words.py" line="56"/>
        <source>the proxy refused the connection</source>
        <translation>máy chủ proxy từ chối kết nối</translation>
    </message>
    <message>
        <location filename="../../messenger/net/socket_error_words.py" line="59"/>
        <source>the proxy closed the connection</source>
        <translation>máy chủ proxy đã đóng kết nối</translation>
    </message>
    <message>
        <location filename="../../messenger/net/socket_error_words.py" line="62"/>
        <source>the proxy did not answer in time</source>
        <translation>máy chủ proxy không trả lời kịp thời</translation>
    </message>
    <message>
        <location filename="../../messenger/net/socket_error_words.py" line="65"/>
        <source>the proxy was not found</source>
        <translation>không tìm thấy máy chủ proxy</translation>
    </message>
    <message>
        <location filename="../../messenger/net/socket_error_words.py" line="66"/>
        <source>the proxy answered something not understood</source>
        <translation>máy chủ proxy trả lời điều không hiểu được</translation>
    </message>
    <message>
        <location filename="../../messenger/net/socket_error_words.py" line="69"/>
        <source>the connection was not in a state to do that</source>
        <translation>kết nối không ở trạng thái làm được việc đó</translation>
    </message>
    <message>
        <location filename="../../messenger/net/socket_error_words.py" line="72"/>
        <source>the encryption library failed (is OpenSSL installed?)</source>
        <translation>thư viện mã hóa bị lỗi (OpenSSL đã được cài chưa?)</translation>
    </message>
    <message>
        <location filename="../../messenger/net/socket_error_words.py" line="75"/>
        <source>the certificate or key is not valid</source>
        <translation>chứng chỉ hoặc khóa không hợp lệ</translation>
    </message>
    <message>
        <location filename="../../messenger/net/socket_error_words.py" line="78"/>
        <source>a temporary problem: it may work if tried again</source>
        <translation>lỗi tạm thời: thử lại có thể được</translation>
    </message>
    <message>
        <location filename="../../messenger/net/socket_error_words.py" line="81"/>
        <source>an unknown network error</source>
        <translation>lỗi mạng không rõ</translation>
    </message>
</context>
<context>
    <name>StandardButtons</name>
    <message>
        <location filename="../../messenger/ui/standard_buttons.py" line="19"/>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/standard_buttons.py" line="20"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/standard_buttons.py" line="21"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/standard_buttons.py" line="22"/>
        <source>&amp;Yes</source>
        <translation>&amp;Có</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/standard_buttons.py" line="23"/>
        <source>&amp;No</source>
        <translation>&amp;Không</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/standard_buttons.py" line="24"/>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/standard_buttons.py" line="25"/>
        <source>Discard</source>
        <translation>Bỏ đi</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/standard_buttons.py" line="26"/>
        <source>Apply</source>
        <translation>Áp dụng</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/standard_buttons.py" line="27"/>
        <source>Help</source>
        <translation>Trợ giúp</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/standard_buttons.py" line="28"/>
        <source>Retry</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/standard_buttons.py" line="29"/>
        <source>Ignore</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/standard_buttons.py" line="30"/>
        <source>Abort</source>
        <translation>Hủy bỏ</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <location filename="../../messenger/ui/tray_icon.py" line="55"/>
        <source>Open Messenger</source>
        <translation>Mở Messenger</translation>
    </message>
    <message>
        <location filename="../../messenger/ui/tray_icon.py" line="59"/>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
    <message numerus="yes">
        <location filename="../../messenger/ui/tray_icon.py" line="90"/>
        <source>Messenger: %n unread message(s)</source>
        <translation>
            <numerusform>Messenger: %n tin nhắn chưa đọc</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../messenger/ui/tray_icon.py" line="92"/>
        <location filename="../../messenger/ui/tray_icon.py" line="96"/>
        <source>Messenger</source>
        <translation>Messenger</translation>
    </message>
</context>
</TS>
