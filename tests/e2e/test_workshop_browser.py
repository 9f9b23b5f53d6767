"""End to end in a real browser: join a round, answer, refresh, find the answers, see the radar."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from typing import Any

import pytest

from scan.db.openen import open_database
from scan.services import workshop
from scoring.models import Vragenlijst
from tests.rondes import start_ronde

from .conftest import Server

pytestmark = pytest.mark.slow


def test_participant_joins_answers_refreshes_and_sees_the_radar(
    server: Server, browser: Any, screenshot: Callable[[Any, str], object], vragenlijst: Vragenlijst
) -> None:
    db = open_database(server.database_url)
    facilitator = start_ronde(db, vragenlijst, gm_code="GM0080", facilitator="Fatima", datum=dt.date(2026, 11, 22))
    bouwsteen = vragenlijst.bouwstenen[0]
    pagina = browser.new_page(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    pagina.set_default_timeout(30_000)

    # Join with the link from the QR code: the code is filled in already.
    pagina.goto(f"{server.url}/?code={facilitator.ronde.code}")
    # Both the join form and the hidden new-round form have "Uw naam": use the join form's.
    meedoen = pagina.locator('[data-testid="stForm"]').filter(has=pagina.get_by_label("Deelnamecode"))
    meedoen.get_by_label("Uw naam").fill("Karel Jansen")
    meedoen.get_by_role("button", name="Meedoen").click()
    pagina.get_by_role("heading", name=f"1. {bouwsteen.naam.nl}").wait_for()

    # Answer the first two stellingen and write a note.
    stellingen = pagina.locator('[data-testid="stRadio"]')
    stellingen.nth(0).get_by_text("3 · Samenhangend").click()
    pagina.locator('[data-testid="stToast"]', has_text="Opgeslagen: stelling 1, 3").wait_for()
    stellingen.nth(1).get_by_text("Weet niet").click()
    pagina.locator('[data-testid="stToast"]', has_text="Opgeslagen: stelling 2").wait_for()
    notitie = pagina.get_by_label("Toelichting (optioneel)").first
    notitie.fill("Balie & telefoon <eerst>")
    notitie.press("Control+Enter")
    pagina.locator('[data-testid="stToast"]', has_text="toelichting bij stelling 1").wait_for()
    screenshot(pagina, "1_beantwoord")

    # Refresh: a new session of the same browser; the personal link in the address keeps Karel in.
    assert "d=" in pagina.url
    pagina.reload()
    pagina.get_by_role("heading", name=f"1. {bouwsteen.naam.nl}").wait_for()
    stellingen = pagina.locator('[data-testid="stRadio"]')
    stellingen.nth(1).wait_for()
    assert stellingen.nth(0).locator("input:checked").count() == 1
    assert "3 · Samenhangend" in stellingen.nth(0).locator("label", has=pagina.locator("input:checked")).inner_text()
    assert "Weet niet" in stellingen.nth(1).locator("label", has=pagina.locator("input:checked")).inner_text()
    assert pagina.get_by_label("Toelichting (optioneel)").first.input_value() == "Balie & telefoon <eerst>"
    screenshot(pagina, "2_na_verversen")

    # The stored answers are the ones in the database, not only on screen.
    karel = [v for v in workshop.voortgang(db, facilitator) if v.naam == "Karel Jansen"]
    assert karel and karel[0].beantwoord == 2

    # Results: the radar is drawn.
    pagina.get_by_role("link", name="Resultaten").click()
    pagina.get_by_role("heading", name="Resultaten Leeuwarden").wait_for()
    pagina.locator('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg').first.wait_for()
    assert pagina.get_by_text("Leeuwarden scoort").count() >= 1
    screenshot(pagina, "3_resultaten")
    db.sluit()


def test_workshop__automatic_refresh_can_be_paused(server: Server, browser: Any, vragenlijst: Vragenlijst) -> None:
    """WCAG 2.2.2: the live progress table stands still while "Automatisch verversen" is off."""
    db = open_database(server.database_url)
    try:
        facilitator = start_ronde(db, vragenlijst, gm_code="GM0080", facilitator="Fatima", datum=dt.date(2026, 12, 7))
    finally:
        db.sluit()
    pagina = browser.new_page(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    pagina.set_default_timeout(30_000)
    pagina.goto(f"{server.url}/workshop?d={facilitator.deelnemer.token}")
    stand = pagina.get_by_text(re.compile(r"bijgewerkt om \d\d:\d\d:\d\d"))
    stand.wait_for()

    def tijd() -> str:
        gevonden = re.search(r"bijgewerkt om (\d\d:\d\d:\d\d)", stand.inner_text())
        assert gevonden
        return gevonden.group(1)

    eerst = tijd()
    pagina.wait_for_function(
        "oud => !document.body.innerText.includes('bijgewerkt om ' + oud)", arg=eerst, timeout=15_000
    )
    pagina.get_by_text("Automatisch verversen").click()
    time.sleep(2)  # the page reruns without the interval
    stil = tijd()
    time.sleep(12)  # more than two intervals of 5 s
    assert tijd() == stil
    pagina.get_by_text("Automatisch verversen").click()
    pagina.wait_for_function(
        "oud => !document.body.innerText.includes('bijgewerkt om ' + oud)", arg=stil, timeout=15_000
    )
    pagina.close()
