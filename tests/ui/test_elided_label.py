"""The status line shortens what does not fit with "…" (whole in its tooltip)
instead of cutting a letter in half."""

from __future__ import annotations

from messenger.ui.elided_label import ElidedLabel

LONG = "Đang làm máy chủ “An trên vm” trên cổng 36135 · 2 người kết nối · không tin nào chờ"


def test_a_text_too_wide_ends_in_an_ellipsis_and_is_whole_in_the_tooltip(qtbot):
    label = ElidedLabel()
    qtbot.addWidget(label)
    label.setText(LONG)
    label.resize(160, 30)
    label.show()
    qtbot.waitExposed(label)
    shown = label.shown_text()
    assert shown.endswith("…") and LONG.startswith(shown[:-1])
    assert label.toolTip() == LONG
    assert label.minimumSizeHint().width() == 0  # (it gives way to its neighbours)
    label.resize(label.fontMetrics().horizontalAdvance(LONG) + 20, 30)
    qtbot.waitUntil(lambda: label.shown_text() == LONG)
    assert label.toolTip() == ""
    label.grab()  # (painted without a warning)
