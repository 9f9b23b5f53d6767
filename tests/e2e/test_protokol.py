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
import math
import tomllib
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from scan import services
from scan.database import open_database
from scan.ui import BEHEER_COOKIE
from scoring.loader import laad_vragenlijst
from tests.e2e.conftest import Server
from tests.e2e.streamlit_klant import Klant, Run

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

    async def _sessie() -> str:
        # A session on a page without an upload box (Over de scan).
        async with Klant(server.url) as klant:
            return (await klant.run("", "over")).session_id()

    sessie = asyncio.run(_sessie())
    with urllib.request.urlopen(f"{server.url}/") as antwoord:
        cookies = antwoord.headers.get_all("Set-Cookie") or []
    xsrf = next(c.split(";", 1)[0].split("=", 1)[1] for c in cookies if c.startswith("_streamlit_xsrf="))

    def stuur(grootte: int) -> int:
        grens_tekst = uuid.uuid4().hex
        lichaam = (
            f'--{grens_tekst}\r\nContent-Disposition: form-data; name="file"; filename="x.json"\r\n'
            "Content-Type: application/json\r\n\r\n"
        ).encode() + b"x" * grootte + f"\r\n--{grens_tekst}--\r\n".encode()
        verzoek = urllib.request.Request(
            f"{server.url}/_stcore/upload_file/{sessie}/{uuid.uuid4().hex}",
            data=lichaam,
            method="PUT",
            headers={
                "Content-Type": f"multipart/form-data; boundary={grens_tekst}",
                "Cookie": f"_streamlit_xsrf={xsrf}",
                "X-Xsrftoken": xsrf,
            },
        )
        try:
            with urllib.request.urlopen(verzoek) as antwoord:
                return int(antwoord.status)
        except urllib.error.HTTPError as fout:
            return int(fout.code)

    assert stuur(1024) == 204, "a small file is taken (the request itself is right)"
    assert stuur(grens * 1024 * 1024 + 1) == 413
    assert stuur(25 * 1024 * 1024) == 413, "the 25 MB of the attack is refused"


def _varianten(wid: str) -> Iterator[tuple[str, WidgetState]]:
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
        ronde = services.start_ronde(db, vl, gm_code="GM0014", facilitator="Fien", datum=dt.date(2026, 12, 7))
        return services.neem_deel(db, vl, code=ronde.ronde.code, naam="Karel").deelnemer.token
    finally:
        db.sluit()


def test_crafted_widget_values_never_reach_the_client_as_an_error(server: Server, deelnemer_token: str) -> None:
    query = f"d={deelnemer_token}"

    async def _alle() -> list[str]:
        problemen: list[str] = []
        async with Klant(server.url) as klant:
            widgets = (await klant.run(query, "invullen")).widgets()
            assert any(w.startswith("radio:a_") for w in widgets)
            for naam, wid in widgets.items():
                for soort, staat in _varianten(wid):
                    run = await klant.run(query, "invullen", [staat])
                    tekst = run.teksten()
                    if any(s == "exception" for s, _ in run.elementen()) or "Traceback" in tekst:
                        problemen.append(f"{naam} {soort}: uitzondering naar de client")
                    if "has encountered an error" in tekst:
                        problemen.append(f"{naam} {soort}: Engelse foutmelding")
                    if not any(s == "radio" for s, _ in run.elementen()):
                        problemen.append(f"{naam} {soort}: pagina niet getekend")
        return problemen

    assert asyncio.run(_alle()) == []
