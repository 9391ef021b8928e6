"""The packaged app (PyInstaller one-dir), run as a user would: no venv, no Python,
a clean environment. Builds it once (about 25 s); MESSENGER_SKIP_BUNDLE=1 skips."""

from __future__ import annotations

import importlib.util
import os
import py_compile
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.host_process import HostProcess
from tests.identities import device_identity
from tests.wire_client import WireClient

pytestmark = [pytest.mark.bundle, pytest.mark.subprocess]
ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "messenger"
EXECUTABLE = BUNDLE / "messenger"


@pytest.fixture(scope="module")
def built() -> Path:
    if os.environ.get("MESSENGER_SKIP_BUNDLE") == "1":
        pytest.skip("MESSENGER_SKIP_BUNDLE=1: the bundle is not built")
    result = subprocess.run(
        [str(ROOT / "scripts" / "build")], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return BUNDLE


def clean_env(**extra: str) -> dict[str, str]:
    return {"HOME": os.environ.get("HOME", "/root"), "PATH": "/usr/bin:/bin", **extra}


def test_sizes_stay_within_budget(built):
    folder = sum(f.stat().st_size for f in built.rglob("*") if f.is_file() and not f.is_symlink())
    [archive] = (ROOT / "dist").glob("messenger-*-linux-*.tar.gz")
    # (issue 12's budgets: the bundle carries cryptography and _hashlib for identities)
    assert folder <= 135 * 2**20, f"folder {folder / 2**20:.0f} MB"
    assert archive.stat().st_size <= 55 * 2**20, f"archive {archive.stat().st_size / 2**20:.0f} MB"
    assert not list(built.rglob("libqgtk3*")) and not list(built.rglob("libcairo*"))


def test_smoke_in_a_clean_environment_offscreen(built, tmp_path):
    result = subprocess.run(
        [str(EXECUTABLE), "--smoke", "--data", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=clean_env(QT_QPA_PLATFORM="offscreen"),
    )
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"first paint \d+ ms\n", result.stdout)
    assert result.stderr == ""


def test_shibokens_signature_support_ships_compiled_and_is_loaded_from_there(built, tmp_path):
    """packaging/shiboken_signature_files.py: compiled once at build time, not at each
    start. A copy of the bundle whose loader module exits at once shows that shiboken
    really loads it from there."""
    files = built / "_internal" / "shiboken6" / "files.dir"
    compiled = sorted(files.rglob("*.pyc"))
    assert files / "shibokensupport" / "signature" / "loader.pyc" in compiled
    assert not list(files.rglob("*.py"))
    assert all(f.read_bytes()[:4] == importlib.util.MAGIC_NUMBER for f in compiled)

    copy = tmp_path / "bundle"
    shutil.copytree(built, copy, symlinks=True)
    source = tmp_path / "loader.py"
    source.write_text("raise SystemExit('signature loader from files.dir')\n")
    py_compile.compile(
        str(source),
        cfile=str(copy / "_internal/shiboken6/files.dir/shibokensupport/signature/loader.pyc"),
        doraise=True,
    )
    result = subprocess.run(
        [str(copy / "messenger"), "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        env=clean_env(),
    )
    assert "signature loader from files.dir" in result.stderr


def test_smoke_in_a_real_window_under_xvfb(built, tmp_path):
    if shutil.which("xvfb-run") is None:
        pytest.skip("xvfb-run is not installed (scripts/setup --test installs it)")
    command = (
        f'exec env -i HOME="$HOME" DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" '
        f'"{EXECUTABLE}" --smoke --data "{tmp_path}"'
    )
    result = subprocess.run(
        ["xvfb-run", "-a", "sh", "-c", command], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"first paint \d+ ms\n", result.stdout), result.stdout + result.stderr


def test_the_bundled_host_serves_a_chat(built, tmp_path, run, clients):
    """Over TLS, behind a session password (SPAKE2 from the bundled spake2), with
    names compared by the bundled TR39 table."""
    from tests.host.test_admission import give_password, say_hello

    (tmp_path / "password").write_text("mật khẩu\n")
    options = ["--port", "0", "--bind", "127.0.0.1", "--no-announce"]
    host = HostProcess(
        [*options, "--data", str(tmp_path / "host"), "--password-file", str(tmp_path / "password")],
        command=[str(EXECUTABLE)],
        env=clean_env(),
    )
    seen: list[str] = []  # the host's fingerprint, as its TLS members see it
    try:
        port = host.wait_listening()

        async def join(client: WireClient, name: str) -> str:
            assert (await say_hello(client, name))["code"] == "password_required"
            welcome = await give_password(client, "mật khẩu")
            assert welcome["type"] == "welcome", welcome
            await client.join()
            return str(welcome["you"])

        async def chat() -> None:
            an = await WireClient.connect(port)
            binh = await WireClient.connect(port, identity=device_identity(1))
            clients.extend([an, binh])
            seen.append(an.host_fingerprint)
            assert await join(an, "An") == "An"
            # a Cyrillic A: a look-alike of "An", told apart by the bundled TR39 table
            assert await join(binh, "\u0410n") == "\u0410n (2)"
            await an.say("Gói cài đặt chạy tốt! 🎉")
            message, _ = await binh.recv_type("message")
            assert message["text"] == "Gói cài đặt chạy tốt! 🎉"
            assert message["user"] == an.user_id

        run(chat())
    finally:
        code, stderr = host.terminate()
    assert code == 0 and "Traceback" not in stderr, stderr
    # its identity, made with the bundled cryptography, with the fast SHA-256 (_hashlib)
    assert re.search(r"identity [A-Z2-7]{4}(-[A-Z2-7]{4}){3} \(SHA-256 [0-9a-f]{64}\)", stderr)
    # the chat was TLS (Qt's OpenSSL backend is in the bundle), with that identity
    assert len(seen[0]) == 64 and f"SHA-256 {seen[0]}" in stderr
    assert (tmp_path / "host" / "identity.key").stat().st_mode & 0o077 == 0
    assert list(BUNDLE.rglob("_hashlib*"))


def test_portable_mode_keeps_data_beside_the_executable(built):
    marker = BUNDLE / "portable"
    marker.touch()
    try:
        result = subprocess.run(
            [str(EXECUTABLE), "--smoke"],
            capture_output=True,
            text=True,
            timeout=60,
            env=clean_env(QT_QPA_PLATFORM="offscreen"),
        )
        assert result.returncode == 0, result.stderr
        assert (BUNDLE / "data" / "settings.ini").exists()
    finally:
        marker.unlink()
        shutil.rmtree(BUNDLE / "data", ignore_errors=True)


def test_the_desktop_entry_installs_for_the_current_user(built, tmp_path):
    env = clean_env(HOME=str(tmp_path))
    result = subprocess.run(
        [str(BUNDLE / "install-desktop-entry")], capture_output=True, text=True, timeout=30, env=env
    )
    assert result.returncode == 0, result.stderr
    entry = tmp_path / ".local" / "share" / "applications" / "messenger.desktop"
    text = entry.read_text()
    assert f'Exec="{EXECUTABLE}"' in text and "Icon=messenger" in text
    assert (tmp_path / ".local/share/icons/hicolor/256x256/apps/messenger.png").exists()
    if shutil.which("desktop-file-validate"):
        assert subprocess.run(["desktop-file-validate", str(entry)]).returncode == 0
    subprocess.run(
        [str(BUNDLE / "install-desktop-entry"), "--remove"],
        check=True,
        env=env,
        capture_output=True,
        timeout=30,
    )
    assert not entry.exists()


SYSTEM_LIBRARIES = (
    "libc.so",
    "libm.so",
    "libdl.so",
    "libpthread.so",
    "librt.so",
    "libresolv.so",
    "ld-linux",
    "libGL.so",
    "libEGL.so",
    "libGLX.so",
    "libGLdispatch.so",
    "libxcb.so",
)


def test_the_bundle_needs_only_the_usual_desktop_libraries(built):
    internal = built / "_internal"
    env = dict(clean_env(), LD_LIBRARY_PATH=f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}")
    outside: set[str] = set()
    for library in [*internal.rglob("*.so*"), EXECUTABLE]:
        if library.is_symlink() or not library.is_file():
            continue
        result = subprocess.run(
            ["ldd", str(library)], capture_output=True, text=True, env=env, timeout=30
        )
        assert "not found" not in result.stdout, f"{library}: {result.stdout}"
        for line in result.stdout.splitlines():
            if "=>" in line and str(internal) not in line:
                outside.add(line.split()[0])
    unexpected = {name for name in outside if not name.startswith(SYSTEM_LIBRARIES)}
    assert not unexpected, f"the bundle relies on the system for {sorted(unexpected)}"
