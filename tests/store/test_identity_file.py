"""The identity files in a data folder: made once (key owner-only), the same identity
after a restart, a damaged one reported and left alone, a cut-short first start made
again, and no half-written identity on a full or read-only disk."""

from __future__ import annotations

import stat

import pytest

from messenger.store import StoreError, StoreProblem
from messenger.store.identity_file import (
    CERTIFICATE_FILE,
    KEY_FILE,
    load_identity,
    load_or_create_identity,
)
from tests.reliability.test_host_disk_full import fill, small_disk  # noqa: F401 (a fixture)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_identity_is_made_once_and_kept_owner_only(tmp_path):
    folder = tmp_path / "data"
    assert load_identity(folder) is None
    identity, made = load_or_create_identity(folder, "An")
    assert made
    assert mode(folder / KEY_FILE) == 0o600
    assert mode(folder / CERTIFICATE_FILE) == 0o644
    assert not list(folder.glob("*.new"))
    again, made_again = load_or_create_identity(folder, "An")
    assert not made_again and again == identity
    assert load_identity(folder) == identity


def test_a_damaged_key_is_reported_and_left_as_it_is(tmp_path):
    identity, _ = load_or_create_identity(tmp_path, "An")
    damaged = identity.key_pem[:200] + b"hong" + identity.key_pem[204:]
    (tmp_path / KEY_FILE).write_bytes(damaged)
    for attempt in (load_identity, lambda f: load_or_create_identity(f, "An")):
        with pytest.raises(StoreError) as raised:
            attempt(tmp_path)
        assert raised.value.problem is StoreProblem.DAMAGED
    assert (tmp_path / KEY_FILE).read_bytes() == damaged  # the user decides
    assert (tmp_path / CERTIFICATE_FILE).read_bytes() == identity.certificate_pem


def test_a_certificate_without_its_key_is_damaged(tmp_path):
    load_or_create_identity(tmp_path, "An")
    (tmp_path / KEY_FILE).unlink()
    with pytest.raises(StoreError) as raised:
        load_identity(tmp_path)
    assert raised.value.problem is StoreProblem.DAMAGED


def test_a_key_without_a_certificate_is_a_first_start_cut_short_and_made_again(tmp_path):
    load_or_create_identity(tmp_path, "An")
    (tmp_path / CERTIFICATE_FILE).unlink()  # (the certificate is written last)
    identity, made = load_or_create_identity(tmp_path, "An")
    assert made and load_identity(tmp_path) == identity


def test_a_folder_that_cannot_be_made_is_reported(tmp_path):
    (tmp_path / "a-file").write_text("không phải thư mục")
    with pytest.raises(StoreError) as raised:
        load_or_create_identity(tmp_path / "a-file" / "data", "An")
    assert raised.value.problem is StoreProblem.NOT_WRITABLE


def test_a_full_disk_is_reported_and_leaves_no_half_identity(small_disk):  # noqa: F811
    filler = fill(small_disk)
    with pytest.raises(StoreError) as raised:
        load_or_create_identity(small_disk / "data", "An")
    assert raised.value.problem is StoreProblem.DISK_FULL
    assert load_identity(small_disk / "data") is None  # nothing that looks complete
    assert not list((small_disk / "data").glob("*.new"))
    filler.unlink()
    identity, made = load_or_create_identity(small_disk / "data", "An")
    assert made and load_identity(small_disk / "data") == identity
