"""A facilitated (Samen) session in real browsers: a facilitator, a projector and three phones
through blind scoring, the reveal, a re-vote and the consensus (issue 16)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest

from scan.db.openen import open_database
from scan.services import bespreken, invullen, samen, start
from scoring.models import Vragenlijst
from tests.rondes import start_ronde

from .conftest import Server

pytestmark = pytest.mark.slow

NAMEN = ("Anna", "Bert", "Cees")
EERSTE = {"Anna": "1", "Bert": "4", "Cees": "4"}
TWEEDE = {"Anna": "3", "Bert": "3", "Cees": "4"}


def _geen_fout(*paginas: Any) -> None:
    for p in paginas:
        assert p.locator('[data-testid="stException"]').count() == 0, p.url


def _kies(pagina: Any, radio: Any, label: str, toast: str) -> None:
    optie = radio.locator('[data-testid="stRadioOption"]').filter(has_text=re.compile("^" + re.escape(label))).first
    optie.click()
    try:
        pagina.locator('[data-testid="stToast"]', has_text=toast).first.wait_for(timeout=15_000)
    except Exception:
        pagina.screenshot(path="/tmp/samen_fout.png", full_page=True)
        raise


def test_samen__blind_reveal_revote_and_consensus_with_three_phones(
    server: Server, browser: Any, screenshot: Callable[[Any, str], object], vragenlijst: Vragenlijst
) -> None:
    db = open_database(server.database_url)
    try:
        fac = start_ronde(db, vragenlijst, gm_code="GM0355", facilitator="Fatima", datum=dt.date(2026, 12, 7))
        mensen = {n: start.neem_deel(db, vragenlijst, code=fac.ronde.code, naam=n) for n in NAMEN}
        token = bespreken.presentatie_token(db, fac)
        bouwsteen = vragenlijst.bouwstenen[0]
        labels = {str(n.niveau): f"{n.niveau} · {n.naam.nl}" for n in vragenlijst.schaal.niveaus}

        leiding = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="nl-NL")
        leiding.set_default_timeout(30_000)
        leiding.goto(f"{server.url}/workshop?d={fac.deelnemer.token}")
        scherm = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="nl-NL")
        scherm.set_default_timeout(30_000)
        scherm.goto(f"{server.url}/scherm?scherm={token}")
        telefoons = {}
        for naam, sessie in mensen.items():
            context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL", has_touch=True)
            pagina = context.new_page()
            pagina.set_default_timeout(30_000)
            pagina.goto(f"{server.url}/invullen?d={sessie.deelnemer.token}")
            pagina.get_by_role("heading", name=f"1. {bouwsteen.naam.nl}").wait_for()
            telefoons[naam] = pagina

        # The facilitator switches to Samen: the phones wait, on their own.
        leiding.locator(".st-key-samen_modus").get_by_text("Samen", exact=True).click()
        for pagina in telefoons.values():
            pagina.get_by_text("Wacht op de facilitator").first.wait_for()
        screenshot(telefoons["Anna"], "samen_1_wacht")

        # Volgende bouwsteen: every phone shows bouwsteen 1 and only its stellingen.
        leiding.get_by_role("button", name="Volgende bouwsteen").first.click()
        for pagina in telefoons.values():
            pagina.get_by_text(f"De groep werkt nu aan bouwsteen {bouwsteen.nummer}").first.wait_for()
            pagina.locator('[data-testid="stRadio"]').nth(len(bouwsteen.stellingen) - 1).wait_for()
        scherm.get_by_text(re.compile(r"0 van 3")).first.wait_for()

        for naam, pagina in telefoons.items():
            radios = pagina.locator('[data-testid="stRadio"]')
            for nummer, _ in enumerate(bouwsteen.stellingen, start=1):
                niveau = EERSTE[naam] if nummer == 1 else "3"
                _kies(pagina, radios.nth(nummer - 1), labels[niveau], f"Opgeslagen: stelling {nummer}")
            pagina.get_by_text("Klaar").first.wait_for()
        screenshot(telefoons["Bert"], "samen_2_klaar")

        # Blind: the projector counts, and shows no distribution before the reveal.
        scherm.get_by_text(re.compile(r"3 van 3 hebben geantwoord")).first.wait_for()
        assert scherm.get_by_text("Wat dat niveau inhoudt").count() == 0
        screenshot(scherm, "samen_3_scherm_blind")
        _geen_fout(leiding, scherm, *telefoons.values())

        # A late first vote on another bouwsteen is refused visibly on the phone and stored nowhere.
        leiding.get_by_role("button", name="Onthullen").first.click()
        scherm.get_by_text("Wat dat niveau inhoudt").first.wait_for()
        for pagina in telefoons.values():
            pagina.get_by_text("Onthuld").first.wait_for()
        screenshot(scherm, "samen_4_scherm_onthuld")
        screenshot(telefoons["Anna"], "samen_4_telefoon_onthuld")

        # Re-vote on the point the room disagreed on (stelling 1: levels 1, 4, 4).
        leiding.get_by_role("button", name=re.compile(r"^Herstemming \S")).first.click()
        for naam, pagina in telefoons.items():
            pagina.get_by_text("Uw eerste keuze").first.wait_for()
            herstem = pagina.locator('[data-testid="stRadio"]').filter(has_text="Uw keuze na de bespreking")
            _kies(pagina, herstem.first, labels[TWEEDE[naam]], "Opgeslagen: herstemming stelling")
        screenshot(telefoons["Cees"], "samen_5_herstemming")
        scherm.get_by_text(re.compile(r"3 van 3 hebben opnieuw gestemd")).first.wait_for()
        assert scherm.get_by_text("Samengekomen").count() == 0
        leiding.get_by_role("button", name="Onthullen").first.click()
        scherm.get_by_text(re.compile(r"Samengekomen: spreiding 3 → 1")).first.wait_for()
        screenshot(scherm, "samen_6_scherm_herstemming")
        _geen_fout(leiding, scherm, *telefoons.values())

        # The first votes are kept; the latest vote scores; the facilitator decides the level.
        s1 = bouwsteen.stellingen[0].id
        assert {n: invullen.mijn_antwoorden(db, p)[s1].antwoord for n, p in mensen.items()} == EERSTE
        assert {n: samen.mijn_deel(db, p).herstemmingen.get(s1) for n, p in mensen.items()} == TWEEDE
        (vergelijking,) = samen.inzicht(db, vragenlijst, fac).herstemmingen.stellingen
        assert vergelijking.uitkomst == "samengekomen"

        leiding.get_by_role("tab", name=re.compile("Per bouwsteen")).click()
        vak = leiding.locator(f".st-key-bs_x_{s1}")
        vak.locator("summary").first.click()
        formulier = vak.locator('[data-testid="stForm"]').first
        # The evidence beside the decision: the distribution shows the latest votes (3, 3, 4).
        formulier.get_by_text(labels["3"]).first.click()
        formulier.get_by_label("Waarom (kort)").fill("Na de herstemming binnen één niveau")
        formulier.get_by_role("button", name="Vastleggen").click()
        try:
            # The lasting line in the stelling, not the toast: it says what is stored.
            vak.get_by_text(re.compile(r"Consensus: niveau 3 · ")).first.wait_for()
        except Exception:
            leiding.screenshot(path="/tmp/samen_leiding.png", full_page=True)
            raise
        _geen_fout(leiding, scherm, *telefoons.values())
    finally:
        db.sluit()
