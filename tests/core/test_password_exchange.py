"""The session password: SPAKE2 bound to both fingerprints, then key confirmation
both ways. Real SPAKE2 (the ``spake2`` package), no mocks."""

from __future__ import annotations

import base64
import re

import pytest

from messenger.core.password_exchange import (
    ClientPasswordExchange,
    HostPasswordExchange,
    HostReply,
    MalformedPasswordValueError,
    PasswordExchangeError,
    PasswordOrderError,
    WrongPasswordError,
    password_bytes,
)
from tests.core.fingerprints import HOST_FP, MITM_HOST_FP, MITM_USER_FP, USER_FP

PASSWORD = "correct horse battery staple"
BASE64URL = re.compile(r"[A-Za-z0-9_-]+")
Q = 2**255 - 19  # the field prime of Ed25519, to build bad point encodings


def b64(data: bytes) -> str:
    """base64url without padding, as the wire carries it."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64(text: str) -> bytes:
    """The bytes of an unpadded base64url value."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def point(y: int, sign: int = 0) -> bytes:
    """A 32-byte Ed25519 point encoding with the given y and x-sign bit."""
    return (y | sign << 255).to_bytes(32, "little")


def pair(
    client_password: str = PASSWORD, host_password: str = PASSWORD
) -> tuple[ClientPasswordExchange, HostPasswordExchange]:
    """A client and a host on one honest connection."""
    return (
        ClientPasswordExchange(client_password, USER_FP, HOST_FP),
        HostPasswordExchange(host_password, USER_FP, HOST_FP),
    )


def test_same_password_both_sides_verified():
    client, host = pair()
    reply = host.respond(client.start())
    client_confirmation = client.finish(reply.message)
    host.verify_client(client_confirmation)
    client.verify_host(reply.confirmation)
    assert host.verified and client.verified


def test_wire_values_are_unpadded_base64url_of_the_documented_sizes():
    client, host = pair()
    client_message = client.start()
    reply = host.respond(client_message)
    client_confirmation = client.finish(reply.message)
    assert isinstance(reply, HostReply)
    for value, size in (
        (client_message, 44),
        (reply.message, 44),
        (reply.confirmation, 43),
        (client_confirmation, 43),
    ):
        assert isinstance(value, str) and len(value) == size and BASE64URL.fullmatch(value)
    assert unb64(client_message)[:1] == b"A" and unb64(reply.message)[:1] == b"B"
    assert len(unb64(client_message)) == len(unb64(reply.message)) == 33
    assert client_confirmation != reply.confirmation  # role-distinct
    assert PASSWORD.encode() not in unb64(client_message) + unb64(reply.message)


def test_passwords_are_compared_after_nfc():
    composed, decomposed = "caf\u00e9 \u00c5ngstr\u00f6m", "cafe\u0301 A\u030angstro\u0308m"
    assert password_bytes(decomposed) == composed.encode("utf-8")
    client, host = pair(decomposed, composed)
    reply = host.respond(client.start())
    host.verify_client(client.finish(reply.message))
    client.verify_host(reply.confirmation)
    assert host.verified and client.verified


def test_a_wrong_password_is_caught_by_the_host_and_by_the_client():
    client, host = pair(client_password="correct horse battery stapler")
    reply = host.respond(client.start())
    client_confirmation = client.finish(reply.message)
    with pytest.raises(WrongPasswordError, match="client used a wrong password"):
        host.verify_client(client_confirmation)
    with pytest.raises(WrongPasswordError, match="wrong password, or not the host"):
        client.verify_host(reply.confirmation)
    assert not host.verified and not client.verified


def test_passwords_differing_only_in_case_do_not_match():
    client, host = pair("Secret", "secret")
    reply = host.respond(client.start())
    with pytest.raises(WrongPasswordError):
        host.verify_client(client.finish(reply.message))


def test_a_relaying_man_in_the_middle_fails_even_with_the_right_password():
    # He relays every value unchanged, but each leg binds the fingerprints its side
    # sees, so the two keys differ: both confirmations fail.
    client = ClientPasswordExchange(PASSWORD, USER_FP, MITM_HOST_FP)
    host = HostPasswordExchange(PASSWORD, MITM_USER_FP, HOST_FP)
    reply = host.respond(client.start())
    client_confirmation = client.finish(reply.message)
    with pytest.raises(WrongPasswordError):
        host.verify_client(client_confirmation)
    with pytest.raises(WrongPasswordError):
        client.verify_host(reply.confirmation)


def test_a_man_in_the_middle_guessing_the_password_fails_on_both_legs():
    guess = "password123"
    # Leg to the real host: he is the client, with his own certificate.
    host = HostPasswordExchange(PASSWORD, MITM_USER_FP, HOST_FP)
    mitm_client = ClientPasswordExchange(guess, MITM_USER_FP, HOST_FP)
    reply = host.respond(mitm_client.start())
    with pytest.raises(WrongPasswordError):
        host.verify_client(mitm_client.finish(reply.message))
    # Leg to the real client: he is the host, with his own certificate.
    client = ClientPasswordExchange(PASSWORD, USER_FP, MITM_HOST_FP)
    mitm_host = HostPasswordExchange(guess, USER_FP, MITM_HOST_FP)
    mitm_reply = mitm_host.respond(client.start())
    client.finish(mitm_reply.message)
    with pytest.raises(WrongPasswordError):
        client.verify_host(mitm_reply.confirmation)


def finished_run() -> tuple[str, HostReply, str]:
    """The three wire values of a completed honest exchange."""
    client, host = pair()
    client_message = client.start()
    reply = host.respond(client_message)
    client_confirmation = client.finish(reply.message)
    host.verify_client(client_confirmation)
    return client_message, reply, client_confirmation


def test_values_replayed_from_an_earlier_exchange_are_rejected():
    old_client_message, old_reply, old_client_confirmation = finished_run()

    # An eavesdropper replays an old client's side to a new host.
    host = HostPasswordExchange(PASSWORD, USER_FP, HOST_FP)
    host.respond(old_client_message)
    with pytest.raises(WrongPasswordError):
        host.verify_client(old_client_confirmation)

    # ...or an old host's side to a new client.
    client = ClientPasswordExchange(PASSWORD, USER_FP, HOST_FP)
    client.start()
    client.finish(old_reply.message)
    with pytest.raises(WrongPasswordError):
        client.verify_host(old_reply.confirmation)

    # ...or an old confirmation inside a new, honest exchange.
    client, host = pair()
    reply = host.respond(client.start())
    client.finish(reply.message)
    with pytest.raises(WrongPasswordError):
        client.verify_host(old_reply.confirmation)


def test_the_host_confirmation_is_no_answer_to_another_exchange():
    # Reflection: the host's own confirmation sent back as the client's.
    client, host = pair()
    reply = host.respond(client.start())
    client.finish(reply.message)
    with pytest.raises(WrongPasswordError):
        host.verify_client(reply.confirmation)


def bad_messages(side: bytes) -> list[object]:
    """Garbled SPAKE2 messages claiming to come from ``side``, each with what the error
    says."""
    length = "44 base64url characters"
    return [
        pytest.param("", length, id="empty"),
        pytest.param(b64(side + bytes(31)), length, id="short"),
        pytest.param(b64(side + bytes(33)), length, id="long"),
        pytest.param(b64(side + point(9)) + "=", length, id="padded"),
        pytest.param("+" * 44, length, id="standard base64 alphabet"),
        pytest.param("!" * 44, length, id="not base64"),
        pytest.param("\u0410" * 44, length, id="cyrillic"),
        pytest.param(None, "must be a string", id="null"),
        pytest.param(44, "must be a string", id="number"),
        pytest.param(side * 44, "must be a string", id="bytes"),
        pytest.param(b64(b"X" + point(9)), "SPAKE2 message", id="unknown side"),
        pytest.param(b64(side + point(2)), "not on curve", id="not a curve point"),
        pytest.param(b64(side + point(1)), "not a valid SPAKE2", id="identity"),
        pytest.param(b64(side + point(Q + 1)), "canonical", id="identity, y >= p"),
        pytest.param(b64(side + point(1, sign=1)), "canonical", id="identity, x sign set"),
        pytest.param(b64(side + point(Q - 1)), "right group", id="point of order 2"),
    ]


@pytest.mark.parametrize(("value", "reason"), bad_messages(b"A"))
def test_garbled_client_message_is_rejected_and_ends_the_exchange(value, reason):
    host = HostPasswordExchange(PASSWORD, USER_FP, HOST_FP)
    with pytest.raises(MalformedPasswordValueError, match=reason) as caught:
        host.respond(value)
    assert isinstance(caught.value, ValueError)
    assert "the client's SPAKE2 message" in str(caught.value)
    with pytest.raises(PasswordOrderError):
        host.respond(ClientPasswordExchange(PASSWORD, USER_FP, HOST_FP).start())


@pytest.mark.parametrize(("value", "reason"), bad_messages(b"B"))
def test_garbled_host_message_is_rejected_and_ends_the_exchange(value, reason):
    client = ClientPasswordExchange(PASSWORD, USER_FP, HOST_FP)
    client.start()
    with pytest.raises(MalformedPasswordValueError, match=reason) as caught:
        client.finish(value)
    assert "the host's SPAKE2 message" in str(caught.value)
    with pytest.raises(PasswordOrderError):
        client.verify_host(b64(bytes(32)))


def test_a_message_from_the_wrong_side_or_reflected_is_rejected():
    client = ClientPasswordExchange(PASSWORD, USER_FP, HOST_FP)
    own = client.start()
    with pytest.raises(MalformedPasswordValueError, match="got a message from A"):
        client.finish(own)  # its own message bounced back

    client = ClientPasswordExchange(PASSWORD, USER_FP, HOST_FP)
    own = client.start()
    disguised = b64(b"B" + unb64(own)[1:])  # its own point, relabelled as the host's
    with pytest.raises(MalformedPasswordValueError, match="ReflectionThwarted"):
        client.finish(disguised)

    other_client = ClientPasswordExchange(PASSWORD, USER_FP, HOST_FP).start()
    host = HostPasswordExchange(PASSWORD, USER_FP, HOST_FP)
    with pytest.raises(MalformedPasswordValueError, match="got a message from B"):
        host.respond(b64(b"B" + unb64(other_client)[1:]))


BAD_CONFIRMATIONS = [
    pytest.param("", id="empty"),
    pytest.param(b64(bytes(31)), id="short"),
    pytest.param(b64(bytes(33)), id="long"),
    pytest.param(b64(bytes(32)) + "=", id="padded"),
    pytest.param("A" * 42 + "B", id="non-canonical trailing bits"),
    pytest.param("/" * 43, id="standard base64 alphabet"),
    pytest.param(None, id="null"),
]


@pytest.mark.parametrize("value", BAD_CONFIRMATIONS)
def test_garbled_confirmations_are_rejected_and_end_the_exchange(value):
    client, host = pair()
    reply = host.respond(client.start())
    client_confirmation = client.finish(reply.message)
    with pytest.raises(MalformedPasswordValueError, match="the client's confirmation"):
        host.verify_client(value)
    with pytest.raises(MalformedPasswordValueError, match="the host's confirmation"):
        client.verify_host(value)
    # The exchange is over: not even the right values are taken now.
    with pytest.raises(PasswordOrderError):
        host.verify_client(client_confirmation)
    with pytest.raises(PasswordOrderError):
        client.verify_host(reply.confirmation)
    assert not host.verified and not client.verified


def test_a_failed_confirmation_cannot_be_retried():
    client, host = pair()
    reply = host.respond(client.start())
    client_confirmation = client.finish(reply.message)
    with pytest.raises(WrongPasswordError):
        host.verify_client(b64(bytes(32)))
    with pytest.raises(PasswordOrderError):
        host.verify_client(client_confirmation)


def test_client_steps_out_of_order_are_rejected():
    client, host = pair()
    with pytest.raises(PasswordOrderError, match="finish"):
        client.finish(b64(b"B" + bytes(32)))
    with pytest.raises(PasswordOrderError, match="verify_host"):
        client.verify_host(b64(bytes(32)))
    client_message = client.start()
    with pytest.raises(PasswordOrderError, match="start"):
        client.start()
    with pytest.raises(PasswordOrderError, match="verify_host"):
        client.verify_host(b64(bytes(32)))
    reply = host.respond(client_message)
    client.finish(reply.message)
    with pytest.raises(PasswordOrderError, match="finish"):
        client.finish(reply.message)
    client.verify_host(reply.confirmation)
    with pytest.raises(PasswordOrderError, match="verify_host"):
        client.verify_host(reply.confirmation)
    assert client.verified


def test_host_steps_out_of_order_are_rejected():
    client, host = pair()
    with pytest.raises(PasswordOrderError, match="verify_client"):
        host.verify_client(b64(bytes(32)))
    client_message = client.start()
    reply = host.respond(client_message)
    with pytest.raises(PasswordOrderError, match="respond"):
        host.respond(client_message)
    client_confirmation = client.finish(reply.message)
    host.verify_client(client_confirmation)
    with pytest.raises(PasswordOrderError, match="verify_client"):
        host.verify_client(client_confirmation)
    assert host.verified


def test_each_exchange_draws_fresh_secrets():
    client_messages = {ClientPasswordExchange(PASSWORD, USER_FP, HOST_FP).start() for _ in range(3)}
    assert len(client_messages) == 3
    client_message = ClientPasswordExchange(PASSWORD, USER_FP, HOST_FP).start()
    replies = [
        HostPasswordExchange(PASSWORD, USER_FP, HOST_FP).respond(client_message) for _ in range(3)
    ]
    assert len({reply.message for reply in replies}) == 3
    assert len({reply.confirmation for reply in replies}) == 3


def test_errors_share_a_base_class():
    for error in (MalformedPasswordValueError, WrongPasswordError, PasswordOrderError):
        assert issubclass(error, PasswordExchangeError)


@pytest.mark.parametrize("password", ["", "\ud800", None])
def test_unusable_passwords_are_refused(password):
    with pytest.raises(ValueError, match="password"):
        ClientPasswordExchange(password, USER_FP, HOST_FP)
    with pytest.raises(ValueError, match="password"):
        HostPasswordExchange(password, USER_FP, HOST_FP)


@pytest.mark.parametrize(
    ("user_fp", "host_fp"),
    [("", HOST_FP), (USER_FP.upper(), HOST_FP), (USER_FP, HOST_FP + "0"), (USER_FP, None)],
)
def test_local_fingerprints_must_be_64_lowercase_hex(user_fp, host_fp):
    for side in (ClientPasswordExchange, HostPasswordExchange):
        with pytest.raises(ValueError, match="64 lowercase hex"):
            side(PASSWORD, user_fp, host_fp)
