"""The approval code: a commit-then-reveal exchange of nonces, bound to both
certificate fingerprints, that gives both screens the same 6-digit code."""

from __future__ import annotations

import hashlib
import re
import secrets

import pytest

from messenger.core.approval_code import (
    CODE_TAG,
    COMMIT_TAG,
    ApprovalCodeError,
    ApprovalOrderError,
    ClientCodeExchange,
    CommitmentMismatchError,
    HostCodeExchange,
    MalformedApprovalValueError,
    format_code,
)
from tests.core.fingerprints import HOST_FP, MITM_HOST_FP, MITM_USER_FP, USER_FP

HEX_64 = re.compile(r"[0-9a-f]{64}")


def run(host: HostCodeExchange, client: ClientCodeExchange) -> tuple[str, str]:
    """Carries the three values between the two sides; returns (host code, client code)."""
    client_nonce = client.receive_commitment(host.commitment())
    reveal = host.receive_client_nonce(client_nonce)
    return host.code, client.receive_reveal(reveal)


def test_both_sides_get_the_same_six_digit_code():
    host = HostCodeExchange(HOST_FP, USER_FP)
    client = ClientCodeExchange(HOST_FP, USER_FP)
    host_code, client_code = run(host, client)
    assert host_code == client_code == client.code
    assert re.fullmatch(r"[0-9]{6}", host_code)
    assert format_code(host_code) == f"{host_code[:3]} {host_code[3:]}"


def test_every_wire_value_is_64_lowercase_hex_and_follows_the_documented_hashes():
    host = HostCodeExchange(HOST_FP, USER_FP)
    client = ClientCodeExchange(HOST_FP, USER_FP)
    commitment = host.commitment()
    client_nonce = client.receive_commitment(commitment)
    reveal = host.receive_client_nonce(client_nonce)
    code = client.receive_reveal(reveal)
    assert all(HEX_64.fullmatch(value) for value in (commitment, client_nonce, reveal))

    fps = bytes.fromhex(HOST_FP) + bytes.fromhex(USER_FP)
    nonce_h, nonce_c = bytes.fromhex(reveal), bytes.fromhex(client_nonce)
    assert hashlib.sha256(COMMIT_TAG + fps + nonce_h).hexdigest() == commitment
    digest = hashlib.sha256(CODE_TAG + fps + nonce_h + nonce_c).digest()
    assert code == f"{int.from_bytes(digest[:8], 'big') % 10**6:06d}"


def test_format_code_groups_three_and_three_and_rejects_non_codes():
    assert format_code("042917") == "042 917"
    fullwidth = "\uff10\uff14\uff12\uff19\uff11\uff17"
    for bad in ("42917", "0429170", "04291a", fullwidth, "042 91"):
        with pytest.raises(ValueError):
            format_code(bad)


def test_a_relaying_man_in_the_middle_is_caught_by_the_commitment():
    # He passes the host's values through unchanged, but each leg hashes the
    # fingerprints it sees, so the commitment does not open for the client.
    host = HostCodeExchange(HOST_FP, MITM_USER_FP)
    client = ClientCodeExchange(MITM_HOST_FP, USER_FP)
    client_nonce = client.receive_commitment(host.commitment())
    reveal = host.receive_client_nonce(client_nonce)
    with pytest.raises(CommitmentMismatchError):
        client.receive_reveal(reveal)


def test_a_man_in_the_middle_running_both_legs_gets_two_different_codes():
    # One leg each, honest objects on his side; the codes match with
    # probability 10**-6 (a false failure of this test is that rare).
    host_leg = run(
        HostCodeExchange(HOST_FP, MITM_USER_FP), ClientCodeExchange(HOST_FP, MITM_USER_FP)
    )
    client_leg = run(
        HostCodeExchange(MITM_HOST_FP, USER_FP), ClientCodeExchange(MITM_HOST_FP, USER_FP)
    )
    host_sees, client_sees = host_leg[0], client_leg[1]
    assert host_sees != client_sees


def test_a_wrong_reveal_is_caught_and_ends_the_exchange():
    host = HostCodeExchange(HOST_FP, USER_FP)
    client = ClientCodeExchange(HOST_FP, USER_FP)
    host.receive_client_nonce(client.receive_commitment(host.commitment()))
    with pytest.raises(CommitmentMismatchError, match="does not match its commitment"):
        client.receive_reveal(secrets.token_hex(32))
    with pytest.raises(ApprovalOrderError):
        client.code  # noqa: B018
    with pytest.raises(ApprovalOrderError):
        client.receive_reveal(secrets.token_hex(32))


def test_a_reveal_replayed_from_another_exchange_is_caught():
    old_host = HostCodeExchange(HOST_FP, USER_FP)
    old_client = ClientCodeExchange(HOST_FP, USER_FP)
    old_reveal = old_host.receive_client_nonce(old_client.receive_commitment(old_host.commitment()))

    host = HostCodeExchange(HOST_FP, USER_FP)
    client = ClientCodeExchange(HOST_FP, USER_FP)
    host.receive_client_nonce(client.receive_commitment(host.commitment()))
    with pytest.raises(CommitmentMismatchError):
        client.receive_reveal(old_reveal)


GARBLED = [
    pytest.param("", id="empty"),
    pytest.param("ab" * 31, id="31 bytes"),
    pytest.param("ab" * 33, id="33 bytes"),
    pytest.param("AB" * 32, id="uppercase"),
    pytest.param("g" + "0" * 63, id="not hex"),
    pytest.param(" " + "0" * 63, id="space"),
    pytest.param("0" * 64 + "\n", id="trailing newline"),
    pytest.param("\u0660" * 64, id="arabic-indic digits"),
    pytest.param(None, id="null"),
    pytest.param(12345, id="number"),
    pytest.param(b"0" * 64, id="bytes"),
]


@pytest.mark.parametrize("value", GARBLED)
def test_garbled_client_nonce_is_rejected_and_ends_the_exchange(value):
    host = HostCodeExchange(HOST_FP, USER_FP)
    host.commitment()
    with pytest.raises(MalformedApprovalValueError, match="the client's nonce") as caught:
        host.receive_client_nonce(value)
    assert isinstance(caught.value, ValueError)
    with pytest.raises(ApprovalOrderError):
        host.receive_client_nonce(secrets.token_hex(32))


@pytest.mark.parametrize("value", GARBLED)
def test_garbled_commitment_and_reveal_are_rejected(value):
    client = ClientCodeExchange(HOST_FP, USER_FP)
    with pytest.raises(MalformedApprovalValueError, match="commitment"):
        client.receive_commitment(value)

    host = HostCodeExchange(HOST_FP, USER_FP)
    client = ClientCodeExchange(HOST_FP, USER_FP)
    host.receive_client_nonce(client.receive_commitment(host.commitment()))
    with pytest.raises(MalformedApprovalValueError, match="revealed nonce"):
        client.receive_reveal(value)
    with pytest.raises(ApprovalOrderError):
        client.code  # noqa: B018


def test_host_steps_out_of_order_are_rejected():
    host = HostCodeExchange(HOST_FP, USER_FP)
    with pytest.raises(ApprovalOrderError, match="receive_client_nonce"):
        host.receive_client_nonce(secrets.token_hex(32))
    with pytest.raises(ApprovalOrderError, match="not known yet"):
        host.code  # noqa: B018
    host.commitment()
    with pytest.raises(ApprovalOrderError, match="commitment"):
        host.commitment()
    host.receive_client_nonce(secrets.token_hex(32))
    with pytest.raises(ApprovalOrderError):
        host.receive_client_nonce(secrets.token_hex(32))


def test_client_steps_out_of_order_are_rejected():
    host = HostCodeExchange(HOST_FP, USER_FP)
    client = ClientCodeExchange(HOST_FP, USER_FP)
    with pytest.raises(ApprovalOrderError, match="receive_reveal"):
        client.receive_reveal(secrets.token_hex(32))
    client_nonce = client.receive_commitment(host.commitment())
    with pytest.raises(ApprovalOrderError, match="receive_commitment"):
        client.receive_commitment(HostCodeExchange(HOST_FP, USER_FP).commitment())
    reveal = host.receive_client_nonce(client_nonce)
    client.receive_reveal(reveal)
    with pytest.raises(ApprovalOrderError):
        client.receive_reveal(reveal)


def test_errors_share_a_base_class():
    for error in (ApprovalOrderError, CommitmentMismatchError, MalformedApprovalValueError):
        assert issubclass(error, ApprovalCodeError)


def test_each_exchange_draws_fresh_nonces_and_codes():
    hosts = [HostCodeExchange(HOST_FP, USER_FP) for _ in range(5)]
    clients = [ClientCodeExchange(HOST_FP, USER_FP) for _ in range(5)]
    commitments = [host.commitment() for host in hosts]
    nonces = [c.receive_commitment(m) for c, m in zip(clients, commitments, strict=True)]
    reveals = [h.receive_client_nonce(n) for h, n in zip(hosts, nonces, strict=True)]
    codes = [c.receive_reveal(r) for c, r in zip(clients, reveals, strict=True)]
    assert len(set(commitments)) == len(set(nonces)) == len(set(reveals)) == 5
    assert len(set(codes)) > 1  # five equal codes: probability 10**-24


@pytest.mark.parametrize(
    ("host_fp", "user_fp"),
    [("", USER_FP), (HOST_FP.upper(), USER_FP), (HOST_FP, USER_FP[:-1]), (HOST_FP, None)],
)
def test_local_fingerprints_must_be_64_lowercase_hex(host_fp, user_fp):
    for side in (HostCodeExchange, ClientCodeExchange):
        with pytest.raises(ValueError, match="64 lowercase hex"):
            side(host_fp, user_fp)
