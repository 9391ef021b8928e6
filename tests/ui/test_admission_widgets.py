"""The admission widgets, real and offscreen: the host's settings, the owner's approval
bar, the joining user's wait bar and password dialog."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont, QInputMethodEvent, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QDialog,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from messenger.core.identity import short_form
from messenger.ui.admission_wait_bar import AdmissionWaitBar
from messenger.ui.approval_request_bar import ApprovalRequestBar
from messenger.ui.host_settings_dialog import HostSettingsDialog
from messenger.ui.password_dialog import PasswordDialog

AN = hashlib.sha256(b"An's laptop").hexdigest()
BINH = hashlib.sha256(b"Binh's desktop").hexdigest()
CHI = hashlib.sha256(b"Chi's phone").hexdigest()
VIETNAMESE_PASSWORD = "mật khẩu"
CODE_SHOWN = "123\N{NO-BREAK SPACE}456"  # (Qt keeps the "nowrap" code on one line)


def type_text(widget: QWidget, text: str) -> None:
    """Types ``text`` as an input method commits it (how Vietnamese is typed)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def click(qtbot, button: QAbstractButton) -> None:
    """Clicks ``button`` where it takes clicks (a radio button or check box: its
    indicator, not the empty width its layout may give it)."""
    position = button.rect().center()
    areas = {
        QRadioButton: QStyle.SubElement.SE_RadioButtonClickRect,
        QCheckBox: QStyle.SubElement.SE_CheckBoxClickRect,
    }
    area = next((a for kind, a in areas.items() if isinstance(button, kind)), None)
    if area is not None:
        option = QStyleOptionButton()
        option.initFrom(button)
        option.text = button.text()
        rect = button.style().subElementRect(area, option, button)
        position = QPoint(rect.left() + 4, rect.center().y())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=position)


def find(parent: QWidget, kind: type, name: str):
    """The child of ``parent`` of ``kind`` named ``name`` (fails if there is none)."""
    child = parent.findChild(kind, name)
    assert child is not None, f"no {kind.__name__} named {name}"
    return child


def shown(qtbot, widget: QWidget) -> QWidget:
    """Shows ``widget`` (closed at teardown)."""
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def rendered(label: QLabel) -> QTextDocument:
    """The label's rich text as Qt lays it out."""
    document = QTextDocument(label)
    document.setHtml(label.text())
    return document


def bold_runs(document: QTextDocument) -> list[str]:
    """The bold stretches of ``document``'s text."""
    runs = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().fontWeight() >= QFont.Weight.Bold:
                runs.append(fragment.text())
            fragments += 1
        block = block.next()
    return runs


# --- The host's settings -------------------------------------------------------------


def settings_dialog(qtbot, mode: str, password: str = "") -> HostSettingsDialog:
    dialog = HostSettingsDialog(mode, password)
    shown(qtbot, dialog)
    return dialog


@pytest.mark.parametrize(
    ("mode", "radio", "expected"),
    [
        ("open", "admissionOpen", ("open", "")),
        ("approval", "admissionApproval", ("approval", "")),
        ("password", "admissionPassword", ("password", "bí mật 1")),
    ],
)
def test_settings_preselect_the_mode_given(qtbot, mode, radio, expected):
    dialog = settings_dialog(qtbot, mode, "bí mật 1")
    checked = [b.objectName() for b in dialog.findChildren(QRadioButton) if b.isChecked()]
    assert checked == [radio]
    assert dialog.chosen() == expected
    assert dialog.ok_button.isEnabled()


def test_settings_reject_an_unknown_mode():
    with pytest.raises(ValueError, match="admission mode"):
        HostSettingsDialog("closed", "")


def test_settings_choose_each_mode_by_clicking(qtbot):
    dialog = settings_dialog(qtbot, "open")
    click(qtbot, find(dialog, QRadioButton, "admissionApproval"))
    assert dialog.chosen() == ("approval", "")
    click(qtbot, find(dialog, QRadioButton, "admissionPassword"))
    type_text(find(dialog, QLineEdit, "sessionPassword"), "hoa sen")
    assert dialog.chosen() == ("password", "hoa sen")
    click(qtbot, find(dialog, QRadioButton, "admissionOpen"))
    assert dialog.chosen() == ("open", "")  # (the password is not kept outside its mode)


def test_password_field_is_enabled_only_in_password_mode(qtbot):
    dialog = settings_dialog(qtbot, "approval", "old one")
    field = find(dialog, QLineEdit, "sessionPassword")
    show = find(dialog, QAbstractButton, "showPassword")
    assert field.echoMode() is QLineEdit.EchoMode.Password
    assert not field.isEnabled() and not show.isEnabled()
    click(qtbot, find(dialog, QRadioButton, "admissionPassword"))
    assert field.isEnabled() and show.isEnabled()
    assert dialog.focusWidget() is field
    click(qtbot, find(dialog, QRadioButton, "admissionOpen"))
    assert not field.isEnabled() and not show.isEnabled()


def test_a_short_password_disables_ok_until_a_vietnamese_one_is_typed(qtbot):
    dialog = settings_dialog(qtbot, "open")
    hint = find(dialog, QLabel, "passwordHint")
    assert hint.isHidden()
    click(qtbot, find(dialog, QRadioButton, "admissionPassword"))
    assert not dialog.ok_button.isEnabled()
    assert hint.isVisible() and "4" in hint.text()
    field = find(dialog, QLineEdit, "sessionPassword")
    qtbot.keyClicks(field, "abc")
    assert not dialog.ok_button.isEnabled() and hint.isVisible()
    field.clear()
    type_text(field, VIETNAMESE_PASSWORD)
    assert dialog.ok_button.isEnabled() and hint.isHidden()
    assert dialog.chosen() == ("password", VIETNAMESE_PASSWORD)
    click(qtbot, dialog.ok_button)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_password_length_counts_characters_not_combining_marks(qtbot):
    dialog = settings_dialog(qtbot, "password")
    field = find(dialog, QLineEdit, "sessionPassword")
    decomposed = unicodedata.normalize("NFD", "ấấấ")  # (9 code points, 3 letters)
    type_text(field, decomposed)
    assert field.text() == decomposed
    assert not dialog.ok_button.isEnabled()
    type_text(field, "ư")
    assert dialog.ok_button.isEnabled()


def test_leaving_password_mode_re_enables_ok(qtbot):
    dialog = settings_dialog(qtbot, "password", "ab")
    assert not dialog.ok_button.isEnabled()
    click(qtbot, find(dialog, QRadioButton, "admissionApproval"))
    assert dialog.ok_button.isEnabled()
    assert find(dialog, QLabel, "passwordHint").isHidden()
    assert dialog.chosen() == ("approval", "")


def test_show_reveals_the_password_and_input_methods_stay_on(qtbot):
    dialog = settings_dialog(qtbot, "password", "bí mật")
    field = find(dialog, QLineEdit, "sessionPassword")
    show = find(dialog, QAbstractButton, "showPassword")
    hidden_text = Qt.InputMethodHint.ImhHiddenText
    assert field.echoMode() is QLineEdit.EchoMode.Password
    assert not field.inputMethodHints() & hidden_text
    click(qtbot, show)
    assert field.echoMode() is QLineEdit.EchoMode.Normal
    click(qtbot, show)
    assert field.echoMode() is QLineEdit.EchoMode.Password
    assert not field.inputMethodHints() & hidden_text
    assert field.inputMethodHints() & Qt.InputMethodHint.ImhSensitiveData


def test_cancel_rejects_the_settings(qtbot):
    dialog = settings_dialog(qtbot, "approval")
    click(qtbot, find(dialog, QRadioButton, "admissionOpen"))
    cancel = next(b for b in dialog.buttons.buttons() if b is not dialog.ok_button)
    click(qtbot, cancel)
    assert dialog.result() == QDialog.DialogCode.Rejected


# --- The owner's approval bar --------------------------------------------------------


@pytest.fixture
def approval_bar(qtbot) -> Iterator[ApprovalRequestBar]:
    """A bar in a shown window (the bar shows and hides itself in it)."""
    window = QWidget()
    bar = ApprovalRequestBar(window)
    QVBoxLayout(window).addWidget(bar)
    shown(qtbot, window)
    yield bar


def request_text(bar: ApprovalRequestBar) -> str:
    return rendered(find(bar, QLabel, "approvalRequestText")).toPlainText()


def more_text(bar: ApprovalRequestBar) -> str | None:
    """The "and n more" count, None when it is hidden."""
    label = find(bar, QLabel, "moreWaiting")
    return label.text() if label.isVisible() else None


def armed(bar: ApprovalRequestBar) -> bool:
    approve = find(bar, QAbstractButton, "approveButton")
    refuse = find(bar, QAbstractButton, "refuseButton")
    assert approve.isEnabled() == refuse.isEnabled()
    return approve.isEnabled()


def wait_armed(qtbot, bar: ApprovalRequestBar) -> None:
    qtbot.waitUntil(lambda: armed(bar), timeout=3_000)


def test_approval_bar_is_hidden_while_no_one_waits(qtbot, approval_bar):
    assert not approval_bar.isVisible()
    approval_bar.add_request(AN, "An", "123456")
    assert approval_bar.isVisible()
    approval_bar.remove_request(AN)
    assert not approval_bar.isVisible()


def test_approval_bar_shows_the_oldest_request_and_counts_the_others(qtbot, approval_bar):
    approval_bar.add_request(AN, "An", "123456")
    assert more_text(approval_bar) is None
    approval_bar.add_request(BINH, "Bình", "654321")
    approval_bar.add_request(CHI, "Chi", "000042")
    assert request_text(approval_bar) == (
        f"An (id {short_form(AN)}) asks to join. Let them in only if their screen shows "
        "the code 123 456."
    )
    assert bold_runs(rendered(find(approval_bar, QLabel, "approvalRequestText"))) == [CODE_SHOWN]
    assert more_text(approval_bar) == "and 2 more waiting"
    assert approval_bar.pending() == [AN, BINH, CHI]


def test_approving_emits_the_user_and_shows_the_next_request(qtbot, approval_bar):
    approval_bar.add_request(AN, "An", "123456")
    approval_bar.add_request(BINH, "Bình", "654321")
    wait_armed(qtbot, approval_bar)
    with qtbot.waitSignal(approval_bar.approved, timeout=1_000) as approved:
        click(qtbot, find(approval_bar, QAbstractButton, "approveButton"))
    assert approved.args == [AN]
    assert request_text(approval_bar).startswith(f"Bình (id {short_form(BINH)}) asks to join.")
    assert "654 321" in request_text(approval_bar)
    assert more_text(approval_bar) is None
    assert approval_bar.pending() == [BINH]


def test_a_double_click_does_not_answer_the_next_request(qtbot, approval_bar):
    approval_bar.add_request(AN, "An", "123456")
    approval_bar.add_request(BINH, "Bình", "654321")
    answers: list[str] = []
    approval_bar.approved.connect(answers.append)
    approval_bar.refused.connect(answers.append)
    approve = find(approval_bar, QAbstractButton, "approveButton")
    click(qtbot, approve)
    assert answers == []  # (just shown: not yet armed)
    wait_armed(qtbot, approval_bar)
    click(qtbot, approve)
    click(qtbot, approve)
    assert answers == [AN]
    assert approval_bar.pending() == [BINH]
    wait_armed(qtbot, approval_bar)
    click(qtbot, approve)
    assert answers == [AN, BINH]


def test_refusing_emits_the_user_and_the_last_answer_hides_the_bar(qtbot, approval_bar):
    approval_bar.add_request(AN, "An", "123456")
    approval_bar.add_request(BINH, "Bình", "654321")
    approved: list[str] = []
    approval_bar.approved.connect(approved.append)
    wait_armed(qtbot, approval_bar)
    with qtbot.waitSignal(approval_bar.refused, timeout=1_000) as refused:
        click(qtbot, find(approval_bar, QAbstractButton, "refuseButton"))
    assert refused.args == [AN]
    wait_armed(qtbot, approval_bar)
    with qtbot.waitSignal(approval_bar.refused, timeout=1_000) as refused:
        click(qtbot, find(approval_bar, QAbstractButton, "refuseButton"))
    assert refused.args == [BINH]
    assert approved == []
    assert not approval_bar.isVisible() and approval_bar.pending() == []


def test_a_device_that_gives_up_leaves_the_queue(qtbot, approval_bar):
    approval_bar.add_request(AN, "An", "123456")
    approval_bar.add_request(BINH, "Bình", "654321")
    approval_bar.add_request(CHI, "Chi", "000042")
    approval_bar.remove_request(BINH)
    assert (
        request_text(approval_bar).startswith("An ")
        and more_text(approval_bar) == "and 1 more waiting"
    )
    approval_bar.remove_request(AN)
    assert request_text(approval_bar).startswith("Chi ") and more_text(approval_bar) is None
    approval_bar.remove_request(AN)  # (already gone: nothing happens)
    assert approval_bar.pending() == [CHI] and approval_bar.isVisible()


def test_a_new_request_from_the_same_device_replaces_its_code(qtbot, approval_bar):
    approval_bar.add_request(AN, "An", "111111")
    approval_bar.add_request(BINH, "Bình", "654321")
    wait_armed(qtbot, approval_bar)
    approval_bar.add_request(AN, "An", "222222")
    assert approval_bar.pending() == [AN, BINH]
    assert more_text(approval_bar) == "and 1 more waiting"
    assert "222 222" in request_text(approval_bar) and "111" not in request_text(approval_bar)
    assert not armed(approval_bar)  # (a new code to read first)
    wait_armed(qtbot, approval_bar)
    with qtbot.waitSignal(approval_bar.approved, timeout=1_000) as approved:
        click(qtbot, find(approval_bar, QAbstractButton, "approveButton"))
    assert approved.args == [AN]
    assert approval_bar.pending() == [BINH]


def test_a_name_with_markup_is_shown_literally(qtbot, approval_bar):
    approval_bar.add_request(AN, "<b>x</b> & <i>y</i>", "123456")
    assert request_text(approval_bar).startswith(f"<b>x</b> & <i>y</i> (id {short_form(AN)}) asks")
    assert bold_runs(rendered(find(approval_bar, QLabel, "approvalRequestText"))) == [CODE_SHOWN]


@pytest.mark.parametrize(
    ("user", "code"),
    [
        (AN, "12345"),
        (AN, "1234567"),
        (AN, "12345a"),
        (AN, "١٢٣٤٥٦"),  # (Arabic-Indic digits: not the code's digits)
        (AN.upper(), "123456"),
        (AN[:-1], "123456"),
    ],
)
def test_a_malformed_request_is_refused(qtbot, user, code, approval_bar):
    with pytest.raises(ValueError):
        approval_bar.add_request(user, "An", code)
    assert approval_bar.pending() == [] and not approval_bar.isVisible()


# --- The joining user's wait bar ------------------------------------------------------


@pytest.fixture
def wait_bar(qtbot) -> Iterator[AdmissionWaitBar]:
    """A wait bar in a shown window."""
    window = QWidget()
    bar = AdmissionWaitBar(window)
    QVBoxLayout(window).addWidget(bar)
    shown(qtbot, window)
    yield bar


def test_wait_bar_shows_the_code_until_the_wait_ends(qtbot, wait_bar):
    assert not wait_bar.isVisible()
    wait_bar.show_code("042917")
    code = find(wait_bar, QLabel, "admissionCode")
    assert wait_bar.isVisible()
    assert code.text() == "042 917"
    assert code.font().bold()
    assert code.font().pointSizeF() > find(wait_bar, QLabel, "admissionMessage").font().pointSizeF()
    assert find(wait_bar, QLabel, "admissionMessage").text() == (
        "Waiting for the host to let you in. Tell them the code on your screen:"
    )
    wait_bar.show_code("654321")
    assert code.text() == "654 321"
    wait_bar.hide_wait()
    assert not wait_bar.isVisible()


def test_wait_bar_cancel_emits_cancelled(qtbot, wait_bar):
    wait_bar.show_code("123456")
    with qtbot.waitSignal(wait_bar.cancelled, timeout=1_000):
        click(qtbot, find(wait_bar, QAbstractButton, "cancelAdmission"))


def test_wait_bar_refuses_a_malformed_code(qtbot, wait_bar):
    with pytest.raises(ValueError):
        wait_bar.show_code("12 345")
    assert not wait_bar.isVisible()


# --- The joining user's password dialog ------------------------------------------------


def password_dialog(qtbot, session: str = "Kho Hà Nội", error: str = "") -> PasswordDialog:
    dialog = PasswordDialog(session, error=error)
    shown(qtbot, dialog)
    return dialog


def test_join_is_enabled_once_a_password_is_typed(qtbot):
    dialog = password_dialog(qtbot)
    field = find(dialog, QLineEdit, "joinPassword")
    assert field.echoMode() is QLineEdit.EchoMode.Password
    assert dialog.ok_button.text() == "Join"
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(field, "x")
    assert dialog.ok_button.isEnabled()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert not dialog.ok_button.isEnabled()
    type_text(field, VIETNAMESE_PASSWORD)
    assert dialog.ok_button.isEnabled()
    assert dialog.password() == VIETNAMESE_PASSWORD


def test_password_dialog_names_the_session_literally_and_hides_the_error(qtbot):
    dialog = password_dialog(qtbot, session="<b>Kho</b> Hà Nội")
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
    assert "The session “<b>Kho</b> Hà Nội” asks for a password." in texts
    prompt = next(label for label in dialog.findChildren(QLabel) if "Kho" in label.text())
    assert prompt.textFormat() is Qt.TextFormat.PlainText
    assert find(dialog, QLabel, "passwordError").isHidden()


def test_password_dialog_says_why_the_last_password_failed(qtbot):
    dialog = password_dialog(qtbot, error="Wrong password. Try again.")
    error = find(dialog, QLabel, "passwordError")
    assert error.isVisible()
    assert error.text() == "Wrong password. Try again."


def test_password_dialog_returns_the_password_and_whether_to_remember_it(qtbot):
    dialog = password_dialog(qtbot)
    remember = find(dialog, QAbstractButton, "rememberPassword")
    assert not dialog.remember() and not remember.isChecked()
    type_text(find(dialog, QLineEdit, "joinPassword"), VIETNAMESE_PASSWORD)
    click(qtbot, remember)
    assert dialog.remember()
    click(qtbot, find(dialog, QAbstractButton, "showJoinPassword"))
    assert find(dialog, QLineEdit, "joinPassword").echoMode() is QLineEdit.EchoMode.Normal
    click(qtbot, dialog.ok_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.password() == VIETNAMESE_PASSWORD


def test_password_dialog_cancel_rejects(qtbot):
    dialog = password_dialog(qtbot)
    type_text(find(dialog, QLineEdit, "joinPassword"), "abc")
    cancel = next(b for b in dialog.buttons.buttons() if b is not dialog.ok_button)
    click(qtbot, cancel)
    assert dialog.result() == QDialog.DialogCode.Rejected
