"""Health command of the container image (Dockerfile HEALTHCHECK, compose.yaml).

Healthy means both: Streamlit's web server answers "ok" on ``/_stcore/health``, and
``python -m scan check`` finds the database reachable, its schema one this code can serve and the
questionnaires valid. ``/_stcore/health`` alone says "ok" with the database gone or a schema
newer than the code; the check alone does not notice a web server that stopped answering.

Prints one Dutch line and exits 0 (healthy) or 1. Reads the port and address the app listens on
from STREAMLIT_SERVER_PORT and STREAMLIT_SERVER_ADDRESS, as ``python -m scan start`` does.
"""

from __future__ import annotations

import os
import sys
import urllib.request
from pathlib import Path

APP = Path(__file__).resolve().parent.parent


def health_url() -> str:
    host = os.environ.get("STREAMLIT_SERVER_ADDRESS", "").strip()
    if host in ("", "0.0.0.0", "::"):  # noqa: S104 (listening everywhere: ask on loopback)
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    poort = os.environ.get("STREAMLIT_SERVER_PORT", "").strip() or "8501"
    return f"http://{host}:{poort}/_stcore/health"


def main() -> int:
    url = health_url()
    try:
        with urllib.request.urlopen(url, timeout=5) as antwoord:  # noqa: S310 (a fixed http URL)
            inhoud = antwoord.read(100).strip()
    except OSError as fout:
        print(f"Niet gezond: de webserver antwoordt niet op {url} ({fout.__class__.__name__}).", flush=True)
        return 1
    if inhoud != b"ok":
        print(f"Niet gezond: {url} antwoordt niet 'ok'.", flush=True)
        return 1
    # The web server is up; the rest is the check's (its line and its exit code).
    os.chdir(APP)
    os.execv(sys.executable, [sys.executable, "-m", "scan", "check"])  # noqa: S606
    return 1  # not reached


if __name__ == "__main__":
    raise SystemExit(main())
