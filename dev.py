#!/usr/bin/env python3
"""The project's two commands, for a fresh machine with only Python 3.11 and pip.

    python3 dev.py run          install what the app needs into .venv and start it (SQLite default)
    python3 dev.py test         install what the tests need into .venv and run checks and tests
    python3 dev.py test --snel  the quick loop: unit and contract tests without the slow ones

The tests run in parallel (pytest-xdist, one worker per core), the browser tests (tests/e2e,
they start app servers) after them on their own. Arguments after the command go to streamlit
(run) or pytest (test: after the checks, ``pytest <arguments>`` as given). Installing is
skipped when the requirements files have not changed since the last install.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("DEV_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def _ensure_env(requirements: str) -> None:
    if sys.version_info[:2] != (3, 11):
        print(f"Let op: dit project is gebouwd voor Python 3.11, dit is {sys.version.split()[0]}.", file=sys.stderr)
    if not PY.exists():
        print(f"Virtuele omgeving maken in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    files = [ROOT / "requirements.txt", ROOT / requirements]
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    stamp = VENV / f".dev-stamp-{requirements}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    print(f"Pakketten installeren uit {requirements} ...", flush=True)
    subprocess.run(
        [str(PY), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", str(ROOT / requirements)],
        check=True,
    )
    stamp.write_text(digest)


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
    _ensure_env("requirements.txt")
    if not _login_ingesteld():
        # Without sign-in, the beheer link is the facilitator's key (README, "Who may see what").
        _run([str(PY), "-m", "scan", "beheerlink", "--poort", _poort(args)])
    return _run([str(PY), "-m", "streamlit", "run", "app.py", *args])


SNEL = "--snel"


def test(args: list[str]) -> int:
    _ensure_env("requirements-dev.txt")
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
    if len(sys.argv) < 2 or sys.argv[1] not in {"run", "test"}:
        print(__doc__)
        return 2
    command, rest = sys.argv[1], sys.argv[2:]
    return run(rest) if command == "run" else test(rest)


if __name__ == "__main__":
    raise SystemExit(main())
