"""A host's refusal is worded by the app, in the user's language: the host's own
message is in the host's language, which need not be the user's."""

from __future__ import annotations

import re

from messenger.client.error_words import error_words
from messenger.client.host_admission import REFUSALS
from messenger.protocol import Error
from messenger.protocol.limits import FATAL_ERROR_CODES

HOST_WORDS = "THE HOST'S OWN WORDS"


def test_every_refusal_that_closes_the_connection_has_words_of_ours():
    for code in FATAL_ERROR_CODES | REFUSALS:
        words = error_words(Error(code=code, message=HOST_WORDS))
        assert words and HOST_WORDS not in words, code


def test_a_code_this_app_does_not_know_shows_the_hosts_words():
    words = error_words(Error(code="something_new", message=HOST_WORDS))
    assert "something_new" in words and HOST_WORDS in words


def test_when_to_try_a_password_again_in_english_plurals(english):
    wait = Error(code="rate_limited", message=HOST_WORDS, retry_ms=1_000)
    assert error_words(wait).endswith("Join again in 1 second.")
    wait = Error(code="rate_limited", message=HOST_WORDS, retry_ms=29_001)
    assert error_words(wait).endswith("Join again in 30 seconds.")
    assert "Wait a few minutes" in error_words(Error(code="rate_limited", message=""))


def test_refusals_in_vietnamese_have_no_english_left(vietnamese):
    english_word = re.compile(r"\b(the|host|this|app|again|connection)\b", re.I)
    for code in FATAL_ERROR_CODES | REFUSALS | {"storage_error"}:
        words = error_words(Error(code=code, message="", retry_ms=90_000))
        assert not english_word.search(words), (code, words)
    wait = error_words(Error(code="rate_limited", message="", retry_ms=90_000))
    assert wait.endswith("sau 90 giây.")


def test_a_refused_device_reads_the_apps_words_not_the_hosts(
    qtbot, make_host, make_client, vietnamese
):
    host = make_host(admission="approval")
    lan = make_client("Lạ")
    with qtbot.waitSignal(host.approval_requested):
        lan.connect_to("127.0.0.1", host.port)
    with qtbot.waitSignal(lan.connection_lost) as lost:
        host.refuse(lan.user_id)
    assert lost.args[0] == (
        "Chủ máy chủ không cho bạn vào (từ chối, hoặc không ai trả lời kịp). "
        "Hãy hỏi họ rồi tham gia lại."
    )
