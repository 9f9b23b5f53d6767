"""A real app server and a real browser (Debian's chromium, driven by playwright; never downloaded)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scan.db.openen import open_database
from scan.services import beheerlink
from scan.ui.identiteit import BEHEER_COOKIE

ROOT = Path(__file__).resolve().parents[2]
UITVOER = ROOT / "test-output"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, url: str, database_url: str, beheer_geheim: str, logbestand: Path | None = None) -> None:
        self.url = url
        self.database_url = database_url
        self.beheer_geheim = beheer_geheim
        """The beheer link's secret (single-machine mode): ``{url}/#beheer=<secret>`` makes a browser beheerder."""
        self.logbestand = logbestand
        """Where the server's own output goes (stdout and stderr)."""

    @property
    def beheer_url(self) -> str:
        return beheerlink.link(self.url, self.beheer_geheim)


def word_beheerder(pagina: Any, server: Server) -> None:
    """Open the beheer link in ``pagina`` as the facilitator does, and wait until its browser
    keeps the rights in the cookie (so a later page load has them too)."""
    pagina.goto(server.beheer_url)
    pagina.get_by_role("button", name="Beheer in deze browser stoppen").wait_for()
    for _ in range(100):
        if any(c["name"] == BEHEER_COOKIE for c in pagina.context.cookies()):
            return
        time.sleep(0.1)
    pytest.fail("De beheerlink zette geen cookie")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    database_url = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'zelfscan.db'}"
    # E2E_POORT: a fixed port when the machine hands out port ranges per user; else any free one.
    poort = int(os.environ.get("E2E_POORT") or 0) or vrije_poort()
    omgeving = {**os.environ, "DATABASE_URL": database_url, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    # The server's log goes to a file: a pipe nobody reads fills up and blocks a server that logs
    # much (crafted widget messages each log a warning), which hung a test.
    logbestand = tmp_path_factory.mktemp("e2e-log") / "streamlit.log"
    log = logbestand.open("wb")
    proces = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(poort)],
        cwd=ROOT,
        env=omgeving,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    basis = f"http://127.0.0.1:{poort}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{basis}/_stcore/health", timeout=1) as antwoord:
                    if antwoord.read() == b"ok":
                        break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail(f"Streamlit-server start niet: {logbestand.read_text(errors='replace')[-4000:]!r}")
        db = open_database(database_url)
        try:
            geheim = beheerlink.vernieuw(db, beheerlink.bestand_voor(database_url))
        finally:
            db.sluit()
        yield Server(basis, database_url, geheim, logbestand)
    finally:
        proces.terminate()
        proces.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Browsertest overgeslagen: Debian-pakket chromium is niet geïnstalleerd (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def screenshot() -> object:
    UITVOER.mkdir(exist_ok=True)

    def _maak(pagina: object, naam: str) -> Path:
        pad = UITVOER / f"e2e_{naam}.png"
        pagina.screenshot(path=str(pad), full_page=True)  # type: ignore[attr-defined]
        return pad

    return _maak
