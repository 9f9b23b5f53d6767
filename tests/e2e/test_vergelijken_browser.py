"""End to end in a real browser: the browser with the beheer link compares two rounds of a gemeente,
sees the charts drawn, and downloads the comparison as Excel."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from scan.db.openen import open_database
from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scoring.models import Vragenlijst
from tests.rondes import importeer

from .conftest import Server, word_beheerder

pytestmark = pytest.mark.slow


def test_adviser_compares_two_rounds_and_downloads_excel(
    server: Server, browser: Any, screenshot: Callable[[Any, str], object], vragenlijst: Vragenlijst
) -> None:
    db = open_database(server.database_url)
    ids = []
    for jaar in (2025, 2026):
        scan = maak_demo(vragenlijst, zoek_gemeente("Zwolle"), 6, dt.date(jaar, 3, 4), seed=jaar)
        scan = scan.model_copy(update={"scanronde": scan.scanronde.model_copy(update={"status": "afgerond"})})
        ids.append(importeer(db, vragenlijst, scan).ronde.id)
    db.sluit()

    pagina = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="nl-NL", accept_downloads=True)
    pagina.set_default_timeout(30_000)
    word_beheerder(pagina, server)  # then a new page load: the cookie keeps the rights
    pagina.goto(f"{server.url}/vergelijken?ronde={ids[0]}&ronde={ids[1]}")
    pagina.get_by_role("heading", name="Vergelijken").wait_for()
    # The radar is drawn and its table lists both rounds.
    pagina.locator('[data-testid="stVegaLiteChart"] svg, [data-testid="stVegaLiteChart"] canvas').first.wait_for()
    pagina.get_by_text("Zwolle · 04-03-2025", exact=True).first.wait_for()
    pagina.get_by_role("tab", name="Ontwikkeling").click()
    paneel = pagina.get_by_role("tabpanel", name="Ontwikkeling")
    paneel.get_by_text("Gemeente", exact=True).wait_for()
    paneel.locator('[data-testid="stVegaLiteChart"]').first.wait_for()
    screenshot(pagina, "6_vergelijken")
    with pagina.expect_download() as wacht:
        pagina.get_by_role("button", name="Vergelijking downloaden (Excel)").click()
    werkboek = load_workbook(io.BytesIO(Path(wacht.value.path()).read_bytes()), read_only=True)
    assert {"Overzicht", "Bouwstenen", "Dimensies", "Verschil"} <= set(werkboek.sheetnames)
    cellen = [str(c.value) for rij in werkboek["Bouwstenen"].iter_rows(max_row=3) for c in rij if c.value]
    werkboek.close()
    assert "Zwolle · 04-03-2025" in cellen and "Zwolle · 04-03-2026" in cellen
