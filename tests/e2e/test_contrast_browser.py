"""Caption contrast in a real browser (WCAG 1.4.3): every caption, including each level anchor
under a radio option, is at least 4.5:1 against what is behind it, opacity included. Streamlit's
light theme draws captions at 60 percent opacity (3.9:1); the app's own CSS (``scan.ui.huisstijl``)
makes them #595959 at full opacity, and a Streamlit upgrade could undo that."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from scan.db.openen import open_database
from scan.services import start
from scoring.models import Vragenlijst
from tests.rondes import start_ronde

from .conftest import Server

pytestmark = pytest.mark.slow

# Contrast of each non-empty caption: its colour blended by the opacity of it and its ancestors
# onto the first opaque background behind it (WCAG's relative luminance formula).
CONTRAST_JS = r"""
() => {
  const lum = (r, g, b) => { const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const rgb = s => s.match(/[\d.]+/g).map(Number);
  const bg = el => { for (let x = el; x; x = x.parentElement) { const c = rgb(getComputedStyle(x).backgroundColor); if (c.length < 4 || c[3] > 0) return c.slice(0, 3); } return [255, 255, 255]; };
  const uit = [];
  for (const el of document.querySelectorAll('[data-testid=stCaptionContainer]')) {
    if (!el.innerText.trim()) continue;
    let a = 1; for (let x = el; x; x = x.parentElement) a *= Number(getComputedStyle(x).opacity);
    const [r, g, b] = rgb(getComputedStyle(el).color); const [R, G, B] = bg(el);
    const mix = [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a)];
    const l1 = lum(...mix), l2 = lum(R, G, B);
    uit.push([el.innerText.slice(0, 40), Math.round(((Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05)) * 100) / 100]);
  }
  return uit;
}
"""


def test_captions__reach_4_5_to_1_on_invullen_and_workshop(
    server: Server, browser: Any, vragenlijst: Vragenlijst
) -> None:
    db = open_database(server.database_url)
    try:
        facilitator = start_ronde(db, vragenlijst, gm_code="GM0344", facilitator="Fatima", datum=dt.date(2026, 12, 7))
        karel = start.neem_deel(db, vragenlijst, code=facilitator.ronde.code, naam="Karel")
    finally:
        db.sluit()
    pagina = browser.new_page(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    pagina.set_default_timeout(30_000)
    for adres, kenmerk in (
        (f"/invullen?d={karel.deelnemer.token}", "Startend"),
        (f"/workshop?d={facilitator.deelnemer.token}", "bijgewerkt om"),
    ):
        pagina.goto(server.url + adres)
        pagina.get_by_text(kenmerk).first.wait_for()
        metingen = pagina.evaluate(CONTRAST_JS)
        assert len(metingen) >= 3, metingen
        te_zwak = [(tekst, contrast) for tekst, contrast in metingen if contrast < 4.5]
        assert te_zwak == [], (adres.split("?")[0], te_zwak)
    pagina.close()
