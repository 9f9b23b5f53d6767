"""The participant flow by keyboard only (issue 17): join with the code, answer a whole bouwsteen
with the arrow keys, reach Volgende and land on bouwsteen 2 with focus on its h1.

Only Tab, typing, the arrow keys and Enter. At every step the focused element is not ``<body>``
and shows a focus indicator a sighted keyboard user can find: an outline of at least 2 px (or a
box shadow) whose colour reaches 3:1 against what is behind it (WCAG 2.4.7 and 1.4.11), drawn by
the element itself or by the option around it (a radio option is ringed with its description).
Each save is also read into the app's own live region (scan.ui.toegankelijk), and the page
speaks Dutch (``lang="nl"``) with a title of its own.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from scan.db.openen import open_database
from scan.services import invullen, start
from scan.ui.teksten import t
from scoring.models import Vragenlijst
from tests.rondes import start_ronde

from .conftest import Server

pytestmark = pytest.mark.slow

MAX_TABS = 40
"""Tab presses allowed to reach the next target (a 6-stelling bouwsteen needs about 6 per stelling)."""

# The focused element and its focus indicator: the element itself or one of its four nearest
# ancestors with an outline of at least 2 px or a box shadow; the indicator's colour against the
# first opaque background behind it (WCAG relative luminance).
FOCUS_JS = r"""
() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return {body: true};
  const lum = c => { const f = x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const rgb = s => (s.match(/rgba?\([^)]*\)/) || ['rgb(0,0,0)'])[0].match(/[\d.]+/g).map(Number);
  const achter = e => { for (let x = e; x; x = x.parentElement) { const c = rgb(getComputedStyle(x).backgroundColor); if (c.length < 4 || c[3] > 0) return c.slice(0, 3); } return [255, 255, 255]; };
  const beschrijf = e => e.tagName + ' ' + ((e.getAttribute('aria-label') || e.innerText || e.value || '').trim().slice(0, 50));
  let x = el;
  for (let i = 0; i < 5 && x; i++, x = x.parentElement) {
    const c = getComputedStyle(x);
    let kleur = null, dikte = 0;
    if (c.outlineStyle !== 'none' && parseFloat(c.outlineWidth) >= 2) { kleur = rgb(c.outlineColor); dikte = parseFloat(c.outlineWidth); }
    else if (c.boxShadow && c.boxShadow !== 'none') { kleur = rgb(c.boxShadow); dikte = 2; }
    if (kleur && (kleur.length < 4 || kleur[3] > 0.5)) {
      const l1 = lum(kleur), l2 = lum(achter(x.parentElement || x));
      return {element: beschrijf(el), drager: x.tagName, dikte, contrast: (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05)};
    }
  }
  return {element: beschrijf(el), drager: null, dikte: 0, contrast: 0};
}
"""


def _focus_zichtbaar(pagina: Any, stap: str) -> dict[str, Any]:
    gevonden: dict[str, Any] = pagina.evaluate(FOCUS_JS)
    assert not gevonden.get("body"), f"{stap}: de focus staat op <body>"
    assert gevonden["drager"], f"{stap}: {gevonden['element']} heeft geen zichtbare focusrand"
    assert gevonden["contrast"] >= 3, f"{stap}: focusrand van {gevonden['element']} heeft {gevonden['contrast']:.2f}:1"
    return gevonden


def _tab_tot(pagina: Any, voorwaarde: str, arg: object, stap: str) -> None:
    """Press Tab until the JavaScript predicate ``voorwaarde(activeElement, arg)`` holds, checking
    the focus indicator after every press."""
    for _ in range(MAX_TABS):
        pagina.keyboard.press("Tab")
        pagina.wait_for_timeout(120)
        _focus_zichtbaar(pagina, stap)
        if pagina.evaluate(f"(arg) => ({voorwaarde})(document.activeElement, arg)", arg):
            return
    pytest.fail(f"{stap}: niet bereikt met {MAX_TABS} keer Tab")


IN_GROEP = "(e, naam) => e.type === 'radio' && (e.closest('[role=radiogroup]')?.getAttribute('aria-label') || '').startsWith(naam)"
IS_KNOP = "(e, naam) => e.tagName === 'BUTTON' && e.innerText.trim().endsWith(naam)"
IS_VELD = "(e, naam) => e.tagName === 'INPUT' && e.getAttribute('aria-label') === naam"


def _wacht_op_h1(pagina: Any, tekst: str, stap: str) -> None:
    pagina.wait_for_function(
        "(tekst) => document.activeElement && document.activeElement.tagName === 'H1'"
        " && document.activeElement.innerText.trim() === tekst",
        arg=tekst,
        timeout=20_000,
    )
    _focus_zichtbaar(pagina, stap)


def _wacht_op_melding(pagina: Any, tekst: str) -> None:
    """The app's live region says ``tekst`` (the toast is not announced by screen readers)."""
    pagina.wait_for_function(
        "(tekst) => (document.getElementById('zelfscan-status')?.textContent || '').includes(tekst)",
        arg=tekst,
        timeout=20_000,
    )


def test_keyboard_only__join_answer_a_bouwsteen_and_go_on__focus_visible_at_every_step(
    server: Server, browser: Any, vragenlijst: Vragenlijst
) -> None:
    db = open_database(server.database_url)
    try:
        facilitator = start_ronde(db, vragenlijst, gm_code="GM0344", facilitator="Fatima", datum=dt.date(2026, 12, 7))
    finally:
        db.sluit()
    eerste, tweede = vragenlijst.bouwstenen[0], vragenlijst.bouwstenen[1]
    pagina = browser.new_page(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    pagina.set_default_timeout(30_000)
    pagina.goto(server.url + "/")
    pagina.get_by_label(t("start.code")).wait_for()
    assert pagina.evaluate("() => document.documentElement.lang") == "nl"

    # Join: Tab to the code field, type, Tab to the name, type, Tab to Meedoen, Enter.
    _tab_tot(pagina, IS_VELD, t("start.code"), "naar Deelnamecode")
    pagina.keyboard.type(facilitator.ronde.code_leesbaar)
    _tab_tot(pagina, IS_VELD, t("start.naam"), "naar Uw naam")
    pagina.keyboard.type("Toetsenbord Test")
    _tab_tot(pagina, IS_KNOP, t("start.meedoen.knop"), "naar Meedoen")
    pagina.keyboard.press("Enter")
    _wacht_op_h1(pagina, f"{eerste.nummer}. {eerste.naam.nl}", "na Meedoen")
    # Streamlit loads a widget's code on its first use: a person sees the radios before tabbing.
    pagina.get_by_role("radiogroup").nth(len(eerste.stellingen)).wait_for()
    assert pagina.evaluate("() => document.activeElement.tagName") == "H1"
    assert pagina.title() == f"{t('nav.invullen')} – {eerste.nummer}. {eerste.naam.nl} – {t('app.titel')}"

    # Every stelling with the arrow keys: the first arrow from an empty group chooses level 2.
    for nummer, stelling in enumerate(eerste.stellingen, start=1):
        naam = t("invullen.keuze", nummer=nummer, stelling=" ".join(stelling.tekst.nl.split()))
        _tab_tot(pagina, IN_GROEP, f"Stelling {nummer}: ", f"naar stelling {nummer}")
        assert (
            pagina.evaluate("() => document.activeElement.closest('[role=radiogroup]').getAttribute('aria-label')")
            == naam
        ), "de groep draagt de stelling zelf in haar naam"
        pagina.keyboard.press("ArrowDown")
        _wacht_op_melding(pagina, t("invullen.opgeslagen", nummer=nummer, keuze="2"))
        _focus_zichtbaar(pagina, f"na de pijltoets bij stelling {nummer}")
    _tab_tot(pagina, IN_GROEP, "Ambitie voor ", "naar de ambitie")
    pagina.keyboard.press("ArrowRight")
    _wacht_op_melding(pagina, t("invullen.ambitie.opgeslagen", keuze="2"))

    # On to Volgende at the bottom, Enter: bouwsteen 2 with focus on its h1.
    _tab_tot(pagina, IS_KNOP, t("invullen.volgende"), "naar Volgende")
    pagina.keyboard.press("Enter")
    _wacht_op_h1(pagina, f"{tweede.nummer}. {tweede.naam.nl}", "na Volgende")
    assert re.match(rf"^{t('nav.invullen')} – 2\. ", pagina.title())

    # WCAG 2.1.4: the single key "r" (Streamlit's rerun) never reaches a listener on the document,
    # where Streamlit's own hotkeys listen; any other key does, and typing r in a field still works.
    pagina.evaluate(
        "() => { window.__toetsen = []; document.addEventListener('keydown', e => window.__toetsen.push(e.key)); }"
    )
    for toets in ("r", "R", "c", "x"):
        pagina.keyboard.press(toets)
    assert pagina.evaluate("() => window.__toetsen") == ["x"]
    notitie = pagina.get_by_label(t("invullen.toelichting")).first
    notitie.focus()
    pagina.keyboard.type("rr")
    assert notitie.input_value() == "rr"
    notitie.fill("")

    # The personal link's token stands after '#' (issue 18: never in a request line).
    pagina.wait_for_function("() => new URLSearchParams(location.hash.slice(1)).has('d')")
    token = parse_qs(urlparse(pagina.evaluate("location.href")).fragment)["d"][0]
    db = open_database(server.database_url)
    try:
        deelnemer = start.sessie_voor_token(db, token)
        assert deelnemer is not None and deelnemer.deelnemer.naam == "Toetsenbord Test"
        antwoorden = invullen.mijn_antwoorden(db, deelnemer)
        assert {s.id: antwoorden[s.id].antwoord for s in eerste.stellingen} == {s.id: "2" for s in eerste.stellingen}
        assert invullen.mijn_ambities(db, deelnemer).get(eerste.id) == 2
    finally:
        db.sluit()
    pagina.close()
