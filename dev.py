#!/usr/bin/env python3
"""The project's two commands, for a fresh machine with only Python 3.11 and pip.

    python3 dev.py run          install what the app needs into .venv and start it (SQLite default)
    python3 dev.py test         install what the tests need into .venv and run checks and tests
    python3 dev.py test --snel  the quick loop: unit and contract tests without the slow ones
    python3 dev.py lock         regenerate requirements.lock and requirements-dev.lock (needs PyPI)

The tests run in parallel (pytest-xdist, one worker per core), the browser tests (tests/e2e,
they start app servers) after them on their own. Arguments after the command go to streamlit
(run), pytest (test: after the checks, ``pytest <arguments>`` as given) or uv pip compile (lock,
e.g. --upgrade-package jinja2). Installing is from the lock files, every package pinned with its
hashes, and is skipped when the lock file has not changed since the last install.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("DEV_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


# The tool that writes the lock files, pinned; it runs in a throwaway venv (see lock()).
UV = "uv==0.13.8"
# lock file -> (human-edited input, extra arguments); the dev lock is constrained by the app lock,
# so the app's packages have the same versions in development, CI and production.
LOCKS = {
    "requirements.lock": ("requirements.txt", []),
    "requirements-dev.lock": ("requirements-dev.txt", ["-c", "requirements.lock"]),
}
COMPILE = ["pip", "compile", "--universal", "--python-version", "3.11", "--generate-hashes", "--no-header"]


def _ensure_env(lock: str) -> None:
    if sys.version_info[:2] != (3, 11):
        print(f"Let op: dit project is gebouwd voor Python 3.11, dit is {sys.version.split()[0]}.", file=sys.stderr)
    if not PY.exists():
        print(f"Virtuele omgeving maken in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / lock).read_bytes()).hexdigest()
    stamp = VENV / f".dev-stamp-{lock}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    print(f"Pakketten installeren uit {lock} ...", flush=True)
    subprocess.run(
        [
            str(PY),
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "-q",
            "--require-hashes",
            "-r",
            str(ROOT / lock),
        ],
        check=True,
    )
    stamp.write_text(digest)


def _kop(lock: str, source: str, extra: list[str]) -> str:
    """The comment at the top of a lock file: where it comes from and the exact command."""
    command = " ".join(["uv", *COMPILE, *extra, "-o", lock, source])
    return (
        f"# Generated from {source} by `python3 dev.py lock`; do not edit by hand.\n"
        f"# That runs, with {UV} in a throwaway venv:\n"
        f"#    {command}\n"
        f"# Install with: pip install --require-hashes -r {lock}\n"
    )


def lock(args: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="zelfscan-uv-") as tmp:
        tools = Path(tmp)
        venv.EnvBuilder(with_pip=True).create(tools)
        tools_bin = tools / ("Scripts" if os.name == "nt" else "bin")
        python = tools_bin / ("python.exe" if os.name == "nt" else "python")
        print(f"{UV} installeren in een tijdelijke omgeving ...", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", UV], check=True)
        uv = tools_bin / ("uv.exe" if os.name == "nt" else "uv")
        for name, (source, extra) in LOCKS.items():
            print(f"\n== {name} uit {source} ==", flush=True)
            code = _run([str(uv), *COMPILE, *extra, *args, "-o", name, source])
            if code != 0:
                return code
            path = ROOT / name
            path.write_text(_kop(name, source, extra) + path.read_text(encoding="utf-8"), encoding="utf-8")
    return 0


def _run(cmd: list[str]) -> int:
    return subprocess.run(cmd, cwd=ROOT, check=False).returncode


def _poort(args: list[str]) -> str:
    """The port streamlit will use: ``--server.port N`` or ``--server.port=N``, else its default."""
    for i, arg in enumerate(args):
        if arg == "--server.port" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--server.port="):
            return arg.split("=", 1)[1]
    return os.environ.get("STREAMLIT_SERVER_PORT") or "8501"


def _login_ingesteld() -> bool:
    secrets = ROOT / ".streamlit" / "secrets.toml"
    try:
        import tomllib

        return "auth" in tomllib.loads(secrets.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False


def run(args: list[str]) -> int:
    _ensure_env("requirements.lock")
    if not _login_ingesteld():
        # Without sign-in, the beheer link is the facilitator's key (README, "Who may see what").
        _run([str(PY), "-m", "scan", "beheerlink", "--poort", _poort(args)])
    return _run([str(PY), "-m", "streamlit", "run", "app.py", *args])


SNEL = "--snel"


def test(args: list[str]) -> int:
    _ensure_env("requirements-dev.lock")
    pytest = [str(PY), "-m", "pytest"]
    if SNEL in args:  # the quick loop while working: no checks, no slow, app or database tests
        rest = [a for a in args if a != SNEL]
        steps = [("pytest (snel)", [*pytest, "-n", "auto", "-m", "not slow", "tests/unit", "tests/contract", *rest])]
    else:
        steps = [
            ("ruff check", [str(PY), "-m", "ruff", "check", "."]),
            ("ruff format --check", [str(PY), "-m", "ruff", "format", "--check", "."]),
            ("mypy", [str(PY), "-m", "mypy"]),
            ("vragenlijst valideren", [str(PY), "-m", "scan", "validate"]),
        ]
        if args:
            steps.append(("pytest", [*pytest, *args]))
        else:
            # Every test but the browser tests, one worker per core: each worker migrates its own
            # template databases once (tests/conftest.py) and its tests get copies.
            steps.append(("pytest", [*pytest, "-n", "auto", "tests", "--ignore=tests/e2e"]))
            # The browser tests start app servers and a browser: one at a time.
            steps.append(("pytest e2e", [*pytest, "tests/e2e"]))
    for name, cmd in steps:
        print(f"\n== {name} ==", flush=True)
        code = _run(cmd)
        if code != 0:
            print(f"\n{name} faalde (exitcode {code}).", file=sys.stderr)
            return code
    return 0


def main() -> int:
    commands = {"run": run, "test": test, "lock": lock}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    raise SystemExit(main())
