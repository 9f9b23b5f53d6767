"""The Presentatiescherm in a real browser at 1920×1080: readable from the back, all names in view, live."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

import pytest

from scan.db.openen import open_database
from scan.services import bespreken, invullen, resultaten, start
from scoring.models import Vragenlijst
from tests.rondes import start_ronde

from .conftest import Server

pytestmark = pytest.mark.slow
NAMEN = ["Anna", "Bert", "Cem", "Dewi", "Eva van den Berg-Smit", "Frank", "Gerda", "Hamid El Amrani"]


def _px(pagina: Any, selector: str) -> float:
    element = pagina.locator(selector).first
    element.wait_for()
    return float(element.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))


def test_presenter_view__1920x1080__live_text_at_least_28px_and_eight_names_without_scrolling(
    server: Server, browser: Any, screenshot: Callable[[Any, str], object], vragenlijst: Vragenlijst
) -> None:
    db = open_database(server.database_url)
    try:
        facilitator = start_ronde(db, vragenlijst, gm_code="GM0344", facilitator="Fatima", datum=dt.date(2026, 12, 6))
        kans = random.Random(12)
        deelnemers = [start.neem_deel(db, vragenlijst, code=facilitator.ronde.code, naam=n) for n in NAMEN]
        for d in deelnemers:
            for _, s in vragenlijst.stellingen()[:40]:
                invullen.sla_antwoord_op(db, vragenlijst, d, s.id, kans.choice("12345"))
        token = bespreken.presentatie_token(db, facilitator)
        assert len(resultaten.resultaat(db, vragenlijst, facilitator.ronde.id).bespreekpunten) >= 20

        pagina = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="nl-NL")
        pagina.set_default_timeout(30_000)
        pagina.goto(f"{server.url}/scherm?scherm={token}")
        pagina.locator(".st-key-scherm_titel").wait_for()
        assert "d=" not in pagina.url

        # The live information is at least 28 px, the page's own labels smaller.
        assert _px(pagina, ".st-key-scherm_voortgang td") >= 28
        assert _px(pagina, ".st-key-scherm_titel p") >= 28
        assert _px(pagina, ".st-key-scherm_stand p") >= 28
        assert _px(pagina, ".st-key-scherm_kop p") < 28
        # Every name is on screen without scrolling.
        for naam in NAMEN:
            cel = pagina.locator(".st-key-scherm_voortgang td", has_text=naam).first
            vak = cel.bounding_box()
            assert vak is not None and vak["y"] + vak["height"] <= 1080, naam
        # Everyone has started: the join block is one line with the code.
        assert facilitator.ronde.code_leesbaar in pagina.locator(".st-key-scherm_kop").inner_text()
        assert pagina.locator('[data-testid="stImage"]').count() == 0
        screenshot(pagina, "scherm_1920")

        # Live: a new answer shows without a reload.
        invullen.sla_antwoord_op(db, vragenlijst, deelnemers[0], vragenlijst.stellingen()[40][1].id, "3")
        pagina.locator(".st-key-scherm_voortgang td", has_text=f"41 van {len(vragenlijst.stellingen())}").wait_for()
        assert pagina.locator('[data-testid="stException"]').count() == 0
    finally:
        db.sluit()


def test_workshop_bespreekpunten__update_without_reload(
    server: Server, browser: Any, screenshot: Callable[[Any, str], object], vragenlijst: Vragenlijst
) -> None:
    db = open_database(server.database_url)
    try:
        facilitator = start_ronde(db, vragenlijst, gm_code="GM0344", facilitator="Fatima", datum=dt.date(2026, 12, 6))
        anna, bert = (start.neem_deel(db, vragenlijst, code=facilitator.ronde.code, naam=n) for n in ("Anna", "Bert"))
        pagina = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="nl-NL")
        pagina.set_default_timeout(30_000)
        pagina.goto(f"{server.url}/workshop?d={facilitator.deelnemer.token}")
        pagina.get_by_text("Nog geen bespreekpunten").wait_for()
        # The room disagrees on two stellingen while the page is open: they appear by themselves.
        for _, s in vragenlijst.stellingen()[:2]:
            invullen.sla_antwoord_op(db, vragenlijst, anna, s.id, "1")
            invullen.sla_antwoord_op(db, vragenlijst, bert, s.id, "5")
        pagina.get_by_text("Nog te bespreken: 2").wait_for()
        assert pagina.get_by_text("Nog geen bespreekpunten").count() == 0
        assert pagina.locator('[data-testid="stException"]').count() == 0
    finally:
        db.sluit()
