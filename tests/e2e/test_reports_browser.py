"""End to end in a real browser: import a scan file on Start, land on its results, download
the management PDF and the Excel file, and read what arrived."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scoring.engine import bereken_scan
from scoring.models import Vragenlijst
from scoring.uitwissel import schrijf_scan

from .axe import controleer
from .conftest import Server, word_beheerder

pytestmark = pytest.mark.slow


def test_facilitator_imports_a_scan_and_downloads_the_handout(
    server: Server,
    browser: Any,
    screenshot: Callable[[Any, str], object],
    vragenlijst: Vragenlijst,
    tmp_path: Path,
) -> None:
    scan = maak_demo(vragenlijst, zoek_gemeente("Súdwest-Fryslân"), 6, dt.date(2026, 11, 22), seed=4)
    bestand = tmp_path / "sudwest.json"
    bestand.write_text(schrijf_scan(scan), encoding="utf-8")
    kern = next(g for g in bereken_scan(vragenlijst, scan).typen if g.id == "kern").score
    assert kern is not None  # the headline is the kern score (docs/methode.md)

    pagina = browser.new_page(viewport={"width": 1280, "height": 900}, locale="nl-NL", accept_downloads=True)
    pagina.set_default_timeout(30_000)
    word_beheerder(pagina, server)  # importing is for the beheer link's browser only
    pagina.get_by_role("tab", name="Scan importeren").click()
    pagina.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bestand))
    pagina.get_by_text("Het bestand is in orde").wait_for()
    screenshot(pagina, "4_import")
    pagina.get_by_role("button", name="Importeren en openen").click()
    pagina.get_by_role("heading", name="Resultaten Súdwest-Fryslân").wait_for()

    knop = pagina.get_by_role("button", name="Managementsamenvatting (PDF)")
    knop.scroll_into_view_if_needed()
    screenshot(pagina, "5_downloads")
    with pagina.expect_download() as wacht:
        knop.click()
    download = wacht.value
    assert download.suggested_filename == "zelfscan-sudwest-fryslan-2026-11-22-samenvatting.pdf"
    pdf = Path(download.path()).read_bytes()
    lezer = PdfReader(io.BytesIO(pdf))
    tekst = lezer.pages[0].extract_text()
    assert "Omnichannel zelfscan Súdwest-Fryslân" in tekst
    assert f"{int(kern + 0.5)} / 100" in tekst
    assert 2 <= len(lezer.pages) <= 4

    # The accessible version of the full report: downloaded beside the PDFs, clean for axe-core.
    with pagina.expect_download() as wacht:
        pagina.get_by_role("button", name="Volledig rapport (HTML, toegankelijk)").click()
    download = wacht.value
    assert download.suggested_filename == "zelfscan-sudwest-fryslan-2026-11-22-verbeterrapport.html"
    html = tmp_path / download.suggested_filename
    download.save_as(html)
    rapport = browser.new_page(viewport={"width": 320, "height": 700}, locale="nl-NL")
    rapport.goto(html.as_uri())
    assert rapport.evaluate("() => document.documentElement.lang") == "nl"
    assert rapport.get_by_role("heading", level=1).inner_text() == "Omnichannel zelfscan Súdwest-Fryslân"
    assert rapport.evaluate("() => document.documentElement.scrollWidth") <= 320  # reflows, tables scroll inside
    bevindingen = controleer(rapport)
    assert not bevindingen, "\n".join(map(str, bevindingen))
    rapport.set_viewport_size({"width": 1280, "height": 900})
    assert not controleer(rapport)
    screenshot(rapport, "6_html_rapport")
    rapport.close()

    with pagina.expect_download() as wacht:
        pagina.get_by_role("button", name="Excel").click()
    werkboek = load_workbook(io.BytesIO(Path(wacht.value.path()).read_bytes()), read_only=True)
    assert "Antwoorden" in werkboek.sheetnames
    werkboek.close()
