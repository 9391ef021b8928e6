"""Links in plain text: http, https and mailto only; punctuation after them is not
theirs; any letters in hosts and paths."""

from __future__ import annotations

import pytest

from messenger.core.links import Link, find_links


def urls(text: str) -> list[str]:
    return [link.url for link in find_links(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("xem https://example.com nhé", ["https://example.com"]),
        ("http://example.com/a?b=1&c=2#d", ["http://example.com/a?b=1&c=2#d"]),
        ("HTTPS://EXAMPLE.COM/X", ["HTTPS://EXAMPLE.COM/X"]),
        ("gửi mailto:an@example.com nhé", ["mailto:an@example.com"]),
        ("hai link: http://a.vn và https://b.vn/c", ["http://a.vn", "https://b.vn/c"]),
        ("dòng một\nhttps://a.vn/x\ndòng ba", ["https://a.vn/x"]),
    ],
)
def test_links_are_found(text, expected):
    assert urls(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xem https://example.com.", "https://example.com"),
        ("https://example.com, rồi", "https://example.com"),
        ("(xem https://example.com/a)", "https://example.com/a"),
        ("https://vi.wikipedia.org/wiki/Hà_Nội_(định_hướng)", None),
        ("(https://en.wikipedia.org/wiki/Foo_(bar))", "https://en.wikipedia.org/wiki/Foo_(bar)"),
        ("https://example.com/a)).", "https://example.com/a"),
        ("«https://example.com/x»?", "https://example.com/x"),
        ("“https://example.com/y”", "https://example.com/y"),
        ("Link: https://example.com/đi?!", "https://example.com/đi"),
        ("'https://example.com/q'", "https://example.com/q"),
        ("<https://example.com/p>", "https://example.com/p"),
        ('"https://example.com/p"', "https://example.com/p"),
        ("https://example.com…", "https://example.com"),
        ("mailto:chi@example.vn.", "mailto:chi@example.vn"),
    ],
)
def test_punctuation_after_a_link_is_not_part_of_it(text, expected):
    found = urls(text)
    assert found == [expected if expected is not None else text]


def test_international_hosts_and_vietnamese_around():
    text = "Trang mới: https://ví-dụ.việt.vn/đường-dẫn?q=cà+phê, mọi người xem thử nhé!"
    assert urls(text) == ["https://ví-dụ.việt.vn/đường-dẫn?q=cà+phê"]
    assert urls("http://例子.测试/路径。") == ["http://例子.测试/路径"]


def test_positions_are_those_of_the_text():
    text = "Chào 😀 anh, xem https://a.vn/x."
    (link,) = find_links(text)
    assert link == Link(text.index("https"), text.index("https") + len("https://a.vn/x"), link.url)
    assert text[link.start : link.end] == link.url == "https://a.vn/x"


@pytest.mark.parametrize(
    "text",
    [
        "javascript:alert(1)",
        "JavaScript:alert('http')",
        "file:///etc/passwd",
        "ftp://example.com/file",
        "data:text/html,<b>x</b>",
        "vbscript:msgbox",
        "xhttp://example.com",
        "mailto:",
        "mailto:nobody",
        "mailto:@example.com",
        "http://",
        "https://.../",
        "https:example.com",
        "www.example.com",
        "<a href='http:'>x</a>",
        "không có link nào",
    ],
)
def test_nothing_else_is_a_link(text):
    assert urls(text) == []


def test_a_safe_link_inside_an_unsafe_scheme_is_only_the_safe_part():
    (link,) = find_links("javascript:window.open('http://a.vn')")
    assert link.url == "http://a.vn"
