"""Certificate fingerprints for the admission exchanges' tests: both ends', and the
two a man in the middle shows each side."""

import hashlib

HOST_FP = hashlib.sha256(b"host certificate").hexdigest()
USER_FP = hashlib.sha256(b"client certificate").hexdigest()
MITM_HOST_FP = hashlib.sha256(b"mitm certificate shown to the client").hexdigest()
MITM_USER_FP = hashlib.sha256(b"mitm certificate shown to the host").hexdigest()
