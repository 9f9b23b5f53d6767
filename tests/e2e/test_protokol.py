"""What only the wire shows (issue 13, cases 3, 4 and 10), against a real app server, no browser.

- DNS rebinding: a WebSocket under a foreign Host, with the matching Origin a rebound page sends,
  and the valid beheer link and cookie, gets no beheer session and no cookie;
- uploads: a body above ``server.maxUploadSize`` is refused by the server (413), on a page that
  has no upload box at all;
- crafted widget values: values of the wrong kind, empty ones and broken JSON for every widget
  on Invullen never give the client an exception element or a traceback, and the page still
  draws.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import http.client
import math
import tomllib
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from scan.db.openen import open_database
from scan.services import start
from scan.ui.identiteit import BEHEER_COOKIE
from scoring.loader import laad_vragenlijst
from tests.e2e.conftest import Server
from tests.e2e.streamlit_klant import Klant, Run
from tests.rondes import start_ronde

ROOT = Path(__file__).resolve().parents[2]
STOPPEN = "Beheer in deze browser stoppen"


def _run(basis: str, query: str = "", pagina: str = "", host: str | None = None, cookie: str | None = None) -> Run:
    async def _een() -> Run:
        async with Klant(basis, host=host, cookie=cookie) as klant:
            return await klant.run(query, pagina)

    return asyncio.run(_een())


@pytest.mark.parametrize("host", ["evil.example", "localhost.evil.example"])
def test_a_foreign_host_with_matching_origin_gets_no_beheer_session(server: Server, host: str) -> None:
    poort = server.url.rsplit(":", 1)[-1]
    vreemd = _run(
        server.url,
        f"beheer={server.beheer_geheim}",
        host=f"{host}:{poort}",
        cookie=f"{BEHEER_COOKIE}={server.beheer_geheim}",
    )
    tekst = vreemd.teksten()
    assert "niet bereikbaar onder deze naam" in tekst
    assert STOPPEN not in tekst
    assert f"{BEHEER_COOKIE}=" not in tekst, "no cookie script under a foreign name"
    # The same request under the app's own address does get the session (the test can fail).
    eigen = _run(server.url, f"beheer={server.beheer_geheim}")
    assert STOPPEN in eigen.teksten()


def test_an_upload_above_the_limit_is_refused_by_the_server(server: Server) -> None:
    grens = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["server"]["maxUploadSize"]

    # The XSRF cookie any client gets from the health check (as the browser's app does).
    with urllib.request.urlopen(f"{server.url}/_stcore/health") as antwoord:
        cookies = antwoord.headers.get_all("Set-Cookie") or []
    xsrf = next(c.split(";", 1)[0].split("=", 1)[1] for c in cookies if c.startswith("_streamlit_xsrf="))

    def stuur(sessie: str, grootte: int) -> int:
        """PUT a file of ``grootte`` bytes; the status the server answers with.

        The body is sent only while the server reads it: a server that refuses on the announced
        length answers (and closes) before the body, as it should.
        """
        grens_tekst = uuid.uuid4().hex
        kop = (
            f'--{grens_tekst}\r\nContent-Disposition: form-data; name="file"; filename="x.json"\r\n'
            "Content-Type: application/json\r\n\r\n"
        ).encode()
        staart = f"\r\n--{grens_tekst}--\r\n".encode()
        delen = urlsplit(server.url)
        verbinding = http.client.HTTPConnection(delen.hostname or "127.0.0.1", delen.port, timeout=60)
        try:
            verbinding.putrequest("PUT", f"/_stcore/upload_file/{sessie}/{uuid.uuid4().hex}")
            verbinding.putheader("Content-Type", f"multipart/form-data; boundary={grens_tekst}")
            verbinding.putheader("Content-Length", str(len(kop) + grootte + len(staart)))
            verbinding.putheader("Cookie", f"_streamlit_xsrf={xsrf}")
            verbinding.putheader("X-Xsrftoken", xsrf)
            verbinding.endheaders()
            try:
                verbinding.send(kop)
                for _ in range(grootte // 65536):
                    verbinding.send(b"x" * 65536)
                verbinding.send(b"x" * (grootte % 65536) + staart)
            except OSError:
                pass  # the server stopped reading: its answer is already there
            return int(verbinding.getresponse().status)
        finally:
            verbinding.close()

    async def _met_sessie() -> list[int]:
        # A live session on a page without an upload box (Over de scan): uploads need one.
        async with Klant(server.url) as klant:
            sessie = (await klant.run("", "over")).session_id()
            return [
                await asyncio.to_thread(stuur, sessie, grootte)
                for grootte in (1024, grens * 1024 * 1024 + 1, 25 * 1024 * 1024)
            ]

    klein, net_te_groot, aanval = asyncio.run(_met_sessie())
    assert klein == 204, "a small file is taken (the request itself is right)"
    assert net_te_groot == 413
    assert aanval == 413, "the 25 MB of the attack is refused"


def _varianten(wid: str) -> Iterator[tuple[str, WidgetState]]:
    """Values a browser never sends: none at all, the wrong kind, out of range, broken JSON."""
    yield "leeg", WidgetState(id=wid)
    w = WidgetState(id=wid)
    w.trigger_value = True
    yield "trigger", w
    w = WidgetState(id=wid)
    w.int_value = 10**15
    yield "int_groot", w
    w = WidgetState(id=wid)
    w.int_value = -1
    yield "int_negatief", w
    w = WidgetState(id=wid)
    w.double_value = math.nan
    yield "nan", w
    w = WidgetState(id=wid)
    w.string_value = "x" * 5000
    yield "tekst", w
    w = WidgetState(id=wid)
    w.string_array_value.data.extend(["bestaat niet"])
    yield "lijst", w
    w = WidgetState(id=wid)
    w.json_value = "geen json"
    yield "json_kapot", w
    w = WidgetState(id=wid)
    w.string_trigger_value.data = "x"
    yield "tekst_trigger", w


@pytest.fixture(scope="module")
def deelnemer_token(server: Server) -> str:
    vl = laad_vragenlijst()
    db = open_database(server.database_url)
    try:
        ronde = start_ronde(db, vl, gm_code="GM0014", facilitator="Fien", datum=dt.date(2026, 12, 7))
        return start.neem_deel(db, vl, code=ronde.ronde.code, naam="Karel").deelnemer.token
    finally:
        db.sluit()


def test_crafted_widget_values_never_reach_the_client_as_an_error(server: Server, deelnemer_token: str) -> None:
    """Every widget on Invullen, every kind of wrong value: no exception element, no traceback,
    no English error box, and the page still draws its stellingen."""
    query = f"d={deelnemer_token}"

    async def _alle() -> list[str]:
        problemen: list[str] = []
        async with Klant(server.url) as klant:
            widgets = (await klant.run(query, "invullen")).widgets()
            assert any(w.startswith("radio:a_") for w in widgets)
            for naam, wid in widgets.items():
                for soort, staat in _varianten(wid):
                    try:
                        run = await klant.run(query, "invullen", [staat])
                    except TimeoutError:
                        problemen.append(f"{naam} {soort}: geen antwoord")
                        return problemen
                    tekst = run.teksten()
                    if any(s == "exception" for s, _ in run.elementen()) or "Traceback" in tekst:
                        problemen.append(f"{naam} {soort}: uitzondering naar de client")
                    if "has encountered an error" in tekst or "Er ging iets mis" in tekst:
                        problemen.append(f"{naam} {soort}: foutmelding in plaats van een genegeerde waarde")
                    if not any(s == "radio" for s, _ in run.elementen()):
                        problemen.append(f"{naam} {soort}: pagina niet getekend")
        return problemen

    assert asyncio.run(_alle()) == []
