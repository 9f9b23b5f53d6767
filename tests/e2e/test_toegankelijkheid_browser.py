"""axe-core over every page and its main states, in the real browser (issue 17, WCAG 2.1 AA).

One walk through the app as its users reach it: Start (each tab, a join with a wrong code),
Invullen (all sixteen bouwstenen, after an answer, after Volgende), Workshop (each tab, an open
stelling), Resultaten (each tab), Doelen (each tab, an open goal form, a goal form with an error),
Vergelijken (each tab), Beheer, Over (each tab, a list of stellingen open), the presenter screen
and the toegankelijkheidsverklaring. The rules are WCAG 2.0/2.1 A and AA (tests/e2e/axe.py).

Every violation fails the test unless ``axe_toegestaan.yaml`` allows it: only what Streamlit
itself draws and the app cannot change, each entry with its reason. An allowed entry that no
state produced any more also fails the test, so the list only ever holds what is still true.
The counts per state go to test-output/axe.json (the figures of the issue's note).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from scan.db.openen import open_database
from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scan.services import bespreken, start
from scoring.models import Vragenlijst
from tests.rondes import importeer, start_ronde

from . import axe
from .conftest import ROOT, UITVOER, Server, word_beheerder

pytestmark = pytest.mark.slow

TOEGESTAAN = Path(__file__).with_name("axe_toegestaan.yaml")


def _toegestaan() -> list[dict[str, str]]:
    regels = yaml.safe_load(TOEGESTAAN.read_text(encoding="utf-8")) or []
    for regel in regels:
        assert set(regel) == {"regel", "doel", "reden"}, regel
        assert regel["reden"].strip(), regel
    return regels


# Streamlit's English names for its icon buttons, which the app gives Dutch words
# (scan/ui/toegankelijk.py, WCAG 3.1.2); English text it shows is marked lang="en" instead.
ENGELS_JS = r"""() => [...new Set([...document.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label'))
  .filter(a => /^(Download as|Fullscreen|Show data|Help for|Clear all|Search$|Open$|Close$|Collapse sidebar|Expand sidebar|App pages$|Sidebar$|Remove |Selected values|Scroll tabs|Choose date|day, |month, |year, |progress$|file upload$|Copy to clipboard)/.test(a)))]"""


def _toegestaan_door(b: axe.Bevinding, toegestaan: list[dict[str, str]]) -> int | None:
    """The index of the allow-list entry that allows ``b``, or None."""
    for i, regel in enumerate(toegestaan):
        if b.regel == regel["regel"] and re.search(regel["doel"], f"{b.doel} {b.html}"):
            return i
    return None


def _klaar(pagina: Any) -> None:
    """Wait until Streamlit has finished its run and drawn the page (no spinner, no stale elements)."""
    pagina.wait_for_function(
        """() => !document.querySelector('[data-testid=stStatusWidget] [data-testid=stStatusWidgetRunningIcon]')
               && !document.querySelector('[data-stale=true]')
               && document.querySelector('[data-testid=stMain]')"""
    )
    pagina.wait_for_timeout(400)


class Loper:
    """Walks the states of one browser page and keeps each state's violations."""

    def __init__(self, pagina: Any, server: Server) -> None:
        self.pagina = pagina
        self.server = server
        self.per_toestand: dict[str, list[axe.Bevinding]] = {}
        self.engels: list[str] = []

    def open(self, adres: str, kenmerk: str) -> None:
        self.pagina.goto(self.server.url + adres)
        try:
            self.pagina.get_by_text(kenmerk).first.wait_for()
        except Exception:
            UITVOER.mkdir(exist_ok=True)
            self.pagina.screenshot(path=str(UITVOER / "axe_mislukt.png"), full_page=True)
            raise
        _klaar(self.pagina)

    def meet(self, toestand: str) -> None:
        _klaar(self.pagina)
        axe.strek(self.pagina)
        self.pagina.wait_for_timeout(300)
        assert toestand not in self.per_toestand, toestand
        try:
            _klaar(self.pagina)  # the stretch may have started a rerun: never measure greyed, stale text
            gemeten = axe.controleer(self.pagina)
            if gemeten:
                # Measured once more on a settled page: a rerun that began while axe ran greys the
                # page for a moment (CI, 3.88:1 on every caption), which is not what anyone reads;
                # a real violation is found again.
                _klaar(self.pagina)
                gemeten = axe.controleer(self.pagina)
            self.per_toestand[toestand] = gemeten
            self.engels += [f"{toestand}: {naam}" for naam in self.pagina.evaluate(ENGELS_JS)]
        finally:
            self.pagina.set_viewport_size({"width": 1280, "height": 900})
        # Written after every state, so a walk that stops halfway still leaves its figures.
        UITVOER.mkdir(exist_ok=True)
        (UITVOER / "axe.json").write_text(axe.samenvatting(self.per_toestand), encoding="utf-8")

    def elk_tabblad(self, voorvoegsel: str) -> list[str]:
        """Every tab of the page's first tab bar: open it, measure. Returns the tab names."""
        tabs = self.pagina.locator("[data-testid=stMain] [role=tablist]").first.get_by_role("tab")
        namen = [tabs.nth(i).inner_text().strip() for i in range(tabs.count())]
        for i, naam in enumerate(namen):
            tabs.nth(i).click()
            self.meet(f"{voorvoegsel} · tab {naam}")
        return namen


@pytest.fixture(scope="module")
def gegevens(server: Server, vragenlijst: Vragenlijst) -> dict[str, Any]:
    """An open round of Zeist with eight demo participants (spread, notes, ambitions), a new
    participant, earlier closed rounds of a dozen gemeenten in the benchmark."""
    omgeving = {**os.environ, "DATABASE_URL": server.database_url}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "scan",
            "demo",
            "--alle-gemeenten",
            "--max-gemeenten",
            "12",
            "--rondes",
            "2",
            "--benchmark",
        ],
        cwd=ROOT,
        env=omgeving,
        check=True,
        capture_output=True,
    )
    db = open_database(server.database_url)
    try:
        zeist = zoek_gemeente("Zeist")
        eerder = maak_demo(vragenlijst, zeist, 6, dt.date(2025, 3, 4), seed=2025)
        eerder = eerder.model_copy(update={"scanronde": eerder.scanronde.model_copy(update={"status": "afgerond"})})
        eerste = importeer(db, vragenlijst, eerder)
        nu = maak_demo(vragenlijst, zeist, 8, dt.date(2026, 12, 7), seed=7, samen=False)
        facilitator = importeer(db, vragenlijst, nu)
        karel = start.neem_deel(db, vragenlijst, code=facilitator.ronde.code, naam="Karel")
        scherm = bespreken.presentatie_token(db, facilitator)
        # A facilitated (Samen) round in the middle of a re-vote: its phone, regie and projector.
        samen = importeer(db, vragenlijst, maak_demo(vragenlijst, zoek_gemeente("Amersfoort"), 6, dt.date(2026, 12, 7)))
        sanne = start.neem_deel(db, vragenlijst, code=samen.ronde.code, naam="Sanne")
        samen_scherm = bespreken.presentatie_token(db, samen)
        leeg = start_ronde(db, vragenlijst, gm_code="GM0344", facilitator="Fatima", datum=dt.date(2026, 12, 7))
    finally:
        db.sluit()
    return {
        "facilitator": facilitator.deelnemer.token,
        "karel": karel.deelnemer.token,
        "code": facilitator.ronde.code,
        "rondes": (eerste.ronde.id, facilitator.ronde.id),
        "scherm": scherm,
        "leeg": leeg.deelnemer.token,
        "leeg_code": leeg.ronde.code,
        "samen": samen.deelnemer.token,
        "samen_code": samen.ronde.code,
        "sanne": sanne.deelnemer.token,
        "samen_scherm": samen_scherm,
    }


def test_axe_finds_nothing_of_the_apps_own_making_on_any_page(
    server: Server, browser: Any, vragenlijst: Vragenlijst, gegevens: dict[str, Any]
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    pagina = context.new_page()
    pagina.set_default_timeout(30_000)
    loper = Loper(pagina, server)

    # Start, as a newcomer: each tab, then a join with a code that does not exist.
    loper.open("/", "Meedoen met een code")
    loper.elk_tabblad("Start")
    pagina.get_by_role("tab", name="Meedoen met een code").click()
    formulier = pagina.locator("[data-testid=stForm]").filter(has=pagina.get_by_label("Deelnamecode"))
    # The privacy notice above the name field, its details open (issue 18).
    formulier.get_by_text("Meer over uw gegevens").click()
    formulier.get_by_role("link", name="Privacyverklaring").wait_for()
    loper.meet("Start · privacymelding open")
    formulier.get_by_label("Deelnamecode").fill("ZZZZ-ZZZZ")
    formulier.get_by_label("Uw naam").fill("Toetsenbord Test")
    formulier.get_by_role("button", name="Meedoen").click()
    pagina.get_by_role("alert").first.wait_for()
    loper.meet("Start · onbekende code")

    # Invullen, as Karel: bouwsteen 1, an answer, then Volgende through all sixteen, as a participant does.
    eerste = vragenlijst.bouwstenen[0]
    loper.open(f"/invullen?d={gegevens['karel']}&b={eerste.id}", eerste.naam.nl)
    loper.meet("Invullen · bouwsteen 1")
    pagina.locator("[data-testid=stRadio]").first.get_by_text(re.compile(r"^3 · ")).first.click()
    pagina.locator("[data-testid=stToast]").first.wait_for()
    loper.meet("Invullen · na een antwoord")
    for nummer, bouwsteen in enumerate(vragenlijst.bouwstenen[1:], start=2):
        pagina.get_by_role("button", name="Volgende").first.click()
        pagina.get_by_role("heading", name=f"{bouwsteen.nummer}. {bouwsteen.naam.nl}").first.wait_for()
        loper.meet(f"Invullen · bouwsteen {nummer} (na Volgende)")
    # A browser without a session: the cookie that carries Karel's personal link (issue 18) goes.
    pagina.context.clear_cookies()
    loper.open("/invullen", "persoonlijke link")
    loper.meet("Invullen · zonder sessie")
    loper.open(f"/invullen?d={gegevens['sanne']}", "Herstemming")
    loper.meet("Invullen · Samen, herstemming")

    # Workshop, as the facilitator of the Zeist round: each tab, a stelling opened.
    loper.open(f"/workshop?d={gegevens['facilitator']}", gegevens["code"])
    loper.meet("Workshop")
    namen = loper.elk_tabblad("Workshop")
    per_bouwsteen = next(naam for naam in namen if naam.startswith("Per bouwsteen"))
    pagina.get_by_role("tab", name=per_bouwsteen).click()
    paneel = pagina.get_by_role("tabpanel", name=per_bouwsteen)
    paneel.locator("[data-testid=stExpander] summary").first.click()
    loper.meet("Workshop · stelling open")

    # Resultaten and Doelen of the same round.
    loper.open(f"/resultaten?d={gegevens['facilitator']}", "Zeist")
    loper.elk_tabblad("Resultaten")
    loper.open(f"/doelen?d={gegevens['facilitator']}", "Zeist")
    loper.elk_tabblad("Doelen")
    pagina.get_by_role("tab", name="Voorstellen").click()
    pagina.get_by_text("Aanpassen en accepteren of afwijzen").first.click()
    pagina.get_by_role("button", name="Accepteren").first.wait_for()
    loper.meet("Doelen · formulier open")
    pagina.get_by_role("tab", name="Eigen doel").click()
    eigen = pagina.get_by_role("tabpanel", name="Eigen doel")
    eigen.get_by_role("button").filter(has_text=re.compile("Opslaan|Accepteren|Voorstellen")).first.click()
    pagina.get_by_role("alert").first.wait_for()
    loper.meet("Doelen · eigen doel met fout")

    # A round without answers: the empty states of Resultaten and Doelen.
    loper.open(f"/resultaten?d={gegevens['leeg']}", "Utrecht")
    loper.meet("Resultaten · zonder antwoorden")
    loper.open(f"/workshop?d={gegevens['leeg']}", gegevens["leeg_code"])
    loper.meet("Workshop · nog niemand")

    # The facilitated session: regie on Workshop, the presenter screens.
    loper.open(f"/workshop?d={gegevens['samen']}", "Workshop Amersfoort")
    loper.meet("Workshop · Samen, herstemming")
    loper.open(f"/scherm?scherm={gegevens['samen_scherm']}", "opnieuw gestemd")
    loper.meet("Presentatiescherm · Samen")
    loper.open(f"/scherm?scherm={gegevens['scherm']}", "Zeist")
    loper.meet("Presentatiescherm · eigen tempo")

    # As the beheerder: Vergelijken (each tab) and Beheer.
    word_beheerder(pagina, server)
    eerste, tweede = gegevens["rondes"]
    loper.open(f"/vergelijken?ronde={eerste}&ronde={tweede}", "Vergelijken")
    loper.elk_tabblad("Vergelijken")
    loper.open("/beheer", "Beheer")
    loper.meet("Beheer")

    # Over de scan (each tab, the stellingen of a bouwsteen open) and the verklaring.
    loper.open("/over", "Over de scan")
    loper.elk_tabblad("Over")
    pagina.get_by_role("tab").first.click()
    pagina.locator("[data-testid=stExpander] summary").first.click()
    loper.meet("Over · stellingen open")
    loper.open("/toegankelijkheid", "Toegankelijkheidsverklaring")
    loper.meet("Toegankelijkheidsverklaring")
    loper.open("/privacy", "Privacyverklaring")
    loper.meet("Privacyverklaring")
    context.close()

    toegestaan = _toegestaan()
    gebruikt = [0] * len(toegestaan)
    fout: list[str] = []
    for toestand, bevindingen in loper.per_toestand.items():
        for b in bevindingen:
            i = _toegestaan_door(b, toegestaan)
            if i is None:
                fout.append(f"{toestand}: {b}")
            else:
                gebruikt[i] += 1
    assert fout == [], f"axe-core {axe.axe_versie()}: {len(fout)} schendingen\n" + "\n".join(fout)
    assert loper.engels == [], "Engelse namen van Streamlit:\n" + "\n".join(loper.engels)
    verdwenen = [regel for regel, keer in zip(toegestaan, gebruikt, strict=True) if keer == 0]
    assert verdwenen == [], f"toegestaan in {TOEGESTAAN.name}, maar niet meer gevonden (haal weg): {verdwenen}"


# The page scrolls sideways when its main area or the document is wider than the viewport; a table,
# heatmap or code box that scrolls in its own box is allowed (WCAG 1.4.10) and not counted here.
BREEDTE_JS = """() => {
  const m = document.querySelector('[data-testid=stMain]');
  return {pagina: document.documentElement.scrollWidth, main: m ? m.scrollWidth : 0, venster: window.innerWidth};
}"""


# WCAG 1.4.12's text spacing (the bookmarklet of the WCAG understanding document).
TEKSTAFSTAND = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }"
    " p { margin-bottom: 2em !important; }"
)
# Text a label cuts off: an element that hides its overflow (or ends it in "…") while its text is
# wider or taller than its box. Tables, code boxes and charts scroll or draw on their own.
AFGEKAPT_JS = """() => {
  const uit = [];
  for (const e of document.querySelectorAll('[data-testid=stMain] *, [data-testid=stSidebar] *')) {
    if (!e.innerText || !e.innerText.trim() || e.clientWidth === 0) continue;
    if (e.closest('table, [data-testid=stTable], .stCode, svg, [data-testid=stVegaLiteChart], [data-testid=stDataFrame], .zelfscan-sr-only')) continue;
    const c = getComputedStyle(e);
    const knipt = c.overflowX === 'hidden' || c.overflow === 'hidden' || c.textOverflow === 'ellipsis';
    if (knipt && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 2)) uit.push(e.innerText.slice(0, 60));
  }
  return uit;
}"""


def test_every_page_reflows_at_320_css_px_and_200_percent_zoom_and_keeps_labels_with_text_spacing(
    server: Server, browser: Any, vragenlijst: Vragenlijst, gegevens: dict[str, Any]
) -> None:
    """WCAG 1.4.10: at 320 CSS px (a 1280 px screen at 400%) and at 200% zoom, no page scrolls
    sideways, no label is cut off, and axe finds nothing there either (a box that scrolls must
    take focus). WCAG 1.4.12: with extra text spacing no label is cut off."""
    eerste, tweede = gegevens["rondes"]
    adressen = [
        ("/", "Meedoen met een code"),
        (f"/invullen?d={gegevens['karel']}&b={vragenlijst.bouwstenen[0].id}", vragenlijst.bouwstenen[0].naam.nl),
        (f"/workshop?d={gegevens['facilitator']}", gegevens["code"]),
        (f"/resultaten?d={gegevens['facilitator']}", "Zeist"),
        (f"/doelen?d={gegevens['facilitator']}", "Zeist"),
        (f"/scherm?scherm={gegevens['scherm']}", "Zeist"),
        (f"/vergelijken?ronde={eerste}&ronde={tweede}", "Vergelijken"),
        ("/over", "Over de scan"),
        ("/toegankelijkheid", "Toegankelijkheidsverklaring"),
        ("/privacy", "Privacyverklaring"),
    ]
    toegestaan = _toegestaan()
    fout: list[str] = []
    for naam, viewport, schaal in (
        ("320 px", (320, 800), 1),
        ("200%", (640, 450), 2),
        ("tekstafstand", (1280, 900), 1),
    ):
        context = browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]}, device_scale_factor=schaal, locale="nl-NL"
        )
        pagina = context.new_page()
        pagina.set_default_timeout(30_000)
        word_beheerder(pagina, server)
        loper = Loper(pagina, server)
        for adres, kenmerk in adressen:
            loper.open(adres, kenmerk)
            waar = f"{naam} {adres.split('?')[0]}"
            if naam == "tekstafstand":
                pagina.add_style_tag(content=TEKSTAFSTAND)
                pagina.wait_for_timeout(300)
            fout.extend(f"{waar}: afgekapt {tekst!r}" for tekst in pagina.evaluate(AFGEKAPT_JS))
            if naam == "tekstafstand":
                continue
            breedte = pagina.evaluate(BREEDTE_JS)
            if max(breedte["pagina"], breedte["main"]) > breedte["venster"] + 1:
                fout.append(f"{waar}: {breedte}")
            # axe on the narrow page as it is (not stretched: the viewport's width is the point).
            fout.extend(f"{waar}: {b}" for b in axe.controleer(pagina) if _toegestaan_door(b, toegestaan) is None)
        context.close()
    assert fout == [], "\n".join(fout)
