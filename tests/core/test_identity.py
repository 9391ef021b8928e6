"""A device identity made with ``cryptography``: a self-signed RSA-2048 certificate
whose SHA-256 is the user id, shown in short base32 groups."""

from __future__ import annotations

import hashlib
import re

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from messenger.core.identity import (
    IdentityDataError,
    fingerprint,
    identity_from_pem,
    make_identity,
    short_form,
)


@pytest.fixture(scope="module")
def identity():
    return make_identity("Nguyễn Văn An")


def test_a_new_identity_is_a_self_signed_rsa_2048_certificate(identity):
    certificate = x509.load_der_x509_certificate(identity.certificate_der)
    key = certificate.public_key()
    assert isinstance(key, rsa.RSAPublicKey) and key.key_size == 2048
    assert certificate.issuer == certificate.subject
    assert certificate.subject.rfc4514_string() == "CN=Nguyễn Văn An"
    key.verify(  # signed by its own key
        certificate.signature,
        certificate.tbs_certificate_bytes,
        padding.PKCS1v15(),
        certificate.signature_hash_algorithm,
    )
    constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.value.ca is False
    lifetime = certificate.not_valid_after_utc - certificate.not_valid_before_utc
    assert lifetime.days > 365 * 19


def test_the_user_id_is_the_sha256_of_the_der_certificate(identity):
    assert identity.user_id == hashlib.sha256(identity.certificate_der).hexdigest()
    assert re.fullmatch(r"[0-9a-f]{64}", identity.user_id)
    assert fingerprint(identity.certificate_der) == identity.user_id
    assert make_identity("Nguyễn Văn An").user_id != identity.user_id  # a new key each time


def test_the_short_form_is_four_groups_of_base32(identity):
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){3}", identity.short_id)
    assert short_form("00" * 32) == "AAAA-AAAA-AAAA-AAAA"
    assert short_form("ff" * 32) == "7777-7777-7777-7777"


def test_the_pem_files_round_trip_and_are_checked(identity):
    again = identity_from_pem(identity.key_pem, identity.certificate_pem)
    assert again == identity
    other = make_identity("Bình")
    with pytest.raises(IdentityDataError, match="does not belong"):
        identity_from_pem(other.key_pem, identity.certificate_pem)
    with pytest.raises(IdentityDataError):
        identity_from_pem(b"-----BEGIN PRIVATE KEY-----\nbroken\n", identity.certificate_pem)
    with pytest.raises(IdentityDataError):
        identity_from_pem(identity.key_pem, identity.certificate_pem[:100])
