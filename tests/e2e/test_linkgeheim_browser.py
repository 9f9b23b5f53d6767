"""End to end in a real browser: personal and beheer links never send their secret to a server
(issue 18, item 5).

Every request the browsers make (page loads, scripts, the websocket, uploads) is recorded with
its URL and Referer while a participant joins, reloads, moves to another page, opens their link
on a second device, and a facilitator opens the beheer link. None may carry the token or the
secret, and the server's own log holds neither. Refresh and a second device still lose nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from scan.db.openen import open_database
from scan.services import start
from scan.ui.teksten import t
from scoring.models import Vragenlijst
from tests.rondes import start_ronde

from .conftest import Server

pytestmark = pytest.mark.slow

TELEFOON = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True, "locale": "nl-NL"}


class Verkeer:
    """Every request of a browser context: the URL and the Referer header."""

    def __init__(self) -> None:
        self.regels: list[str] = []

    def volg(self, context: Any) -> None:
        context.on("request", lambda r: self.regels.append(f"{r.method} {r.url} referer={r.headers.get('referer')}"))
        context.on("websocket", lambda ws: self.regels.append(f"WS {ws.url}"))

    def met(self, geheim: str) -> list[str]:
        return [r for r in self.regels if geheim in r]


def _nieuwe_pagina(browser: Any, verkeer: Verkeer) -> Any:
    context = browser.new_context(**TELEFOON)
    verkeer.volg(context)
    pagina = context.new_page()
    pagina.set_default_timeout(30_000)
    return pagina


def _token_in_adres(pagina: Any) -> str:
    pagina.wait_for_function("() => new URLSearchParams(location.hash.slice(1)).has('d')")
    adres = urlparse(pagina.evaluate("location.href"))
    assert "d=" not in adres.query, adres
    return parse_qs(adres.fragment)["d"][0]


def _wacht_op_invullen(pagina: Any) -> None:
    pagina.get_by_role("radiogroup").first.wait_for()


def test_personal_and_beheer_links__no_secret_in_any_request_referer_or_server_log(
    server: Server, browser: Any, vragenlijst: Vragenlijst
) -> None:
    db = open_database(server.database_url)
    try:
        facilitator = start_ronde(
            db, vragenlijst, gm_code="GM0344", facilitator="Fatima", datum=dt.date(2026, 12, 7), omschrijving="Links"
        )
    finally:
        db.sluit()
    verkeer = Verkeer()

    # Join on a phone with the QR link; the address becomes the personal link, token after '#'.
    telefoon = _nieuwe_pagina(browser, verkeer)
    telefoon.goto(f"{server.url}/?code={facilitator.ronde.code}")
    telefoon.get_by_label(t("start.naam")).fill("Karel Geheimhouder")
    telefoon.get_by_role("button", name=t("start.meedoen.knop")).tap()
    _wacht_op_invullen(telefoon)
    token = _token_in_adres(telefoon)
    db = open_database(server.database_url)
    try:
        sessie = start.sessie_voor_token(db, token)
    finally:
        db.sluit()
    assert sessie is not None and sessie.deelnemer.naam == "Karel Geheimhouder"
    # The cookie that carries it to the server on a reload is the app's, strict.
    koek = next(c for c in telefoon.context.cookies() if c["name"] == "zelfscan_d")
    assert koek["value"] == token and koek["sameSite"] == "Strict"

    # Answer, reload: still the same person, the answer still there.
    telefoon.get_by_role("radiogroup").first.get_by_text(re.compile(r"^3 · ")).first.tap()
    telefoon.get_by_text(re.compile("^Opgeslagen om")).first.wait_for()
    telefoon.reload()
    _wacht_op_invullen(telefoon)
    assert _token_in_adres(telefoon) == token
    telefoon.get_by_role("radiogroup").first.get_by_role("radio", checked=True).wait_for(state="attached")

    # Another page of the app (Streamlit's navigation drops the fragment; the script puts it back).
    telefoon.get_by_role("button", name="Zijbalk openen").tap()
    telefoon.get_by_role("link", name=re.compile("Resultaten")).first.tap()
    telefoon.wait_for_url(re.compile(r"/resultaten"))
    assert _token_in_adres(telefoon) == token

    # A second device opens the link as copied from the address bar.
    tweede = _nieuwe_pagina(browser, verkeer)
    tweede.goto(f"{server.url}/invullen#d={token}")
    _wacht_op_invullen(tweede)
    tweede.get_by_role("radiogroup").first.get_by_role("radio", checked=True).wait_for(state="attached")
    assert _token_in_adres(tweede) == token

    # A link that is not (or no longer) valid: a calm message, no reload loop, nothing kept.
    vreemd = _nieuwe_pagina(browser, verkeer)
    laden: list[str] = []
    vreemd.on("load", lambda: laden.append(vreemd.url))
    vreemd.goto(f"{server.url}/#d=Bestaatniet_0123456789abcdefghijkl")
    vreemd.get_by_text(re.compile("link", re.IGNORECASE)).first.wait_for()
    vreemd.wait_for_timeout(3000)
    assert len(laden) <= 2, laden
    assert "d=" not in urlparse(vreemd.url).fragment
    assert not [c for c in vreemd.context.cookies() if c["name"] == "zelfscan_d" and c["value"]]

    # The beheer link: rights in this browser, the secret gone from the address.
    beheer = _nieuwe_pagina(browser, verkeer)
    beheer.goto(server.beheer_url)
    beheer.get_by_role("button", name="Beheer in deze browser stoppen").wait_for()
    beheer.wait_for_url(lambda url: server.beheer_geheim not in url)
    beheer.reload()
    beheer.get_by_role("button", name="Beheer in deze browser stoppen").wait_for()

    assert len(verkeer.regels) > 20, "requests were recorded"
    assert not verkeer.met(token), verkeer.met(token)[:5]
    assert not verkeer.met(server.beheer_geheim), verkeer.met(server.beheer_geheim)[:5]
    # Every page announces no-referrer to what it loads.
    assert telefoon.evaluate("document.querySelector('meta[name=referrer]')?.content") == "no-referrer"
    assert server.logbestand is not None
    # The server's output holds neither; the beheer link itself is printed once at start, for the
    # person who started the app (as notebook servers do), and only there.
    regels = server.logbestand.read_text(errors="replace").splitlines()
    assert not [r for r in regels if token in r]
    assert all(
        r.strip().startswith("Beheerlink (alleen voor de facilitator)") for r in regels if server.beheer_geheim in r
    )
    for pagina in (telefoon, tweede, vreemd, beheer):
        pagina.context.close()
