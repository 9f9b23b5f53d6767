"""What the PDFs do for readers who cannot rely on the images or the colours (issue 17, item 9):
every radar number also as text, count cells with enough contrast, tables in reading order."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib import colors

from reports.pdf import _HEAT, _S, contrast, handout, heatkleur, tekst_op, verbeterrapport
from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scoring.afronding import heel
from scoring.engine import bereken_scan
from scoring.models import Vragenlijst

VANDAAG = dt.date(2026, 11, 22)


def test_contrast__matches_the_wcag_formula_on_known_pairs() -> None:
    assert contrast(colors.black, colors.white) == pytest.approx(21.0)
    assert contrast(colors.HexColor("#4a77a0"), colors.black) == pytest.approx(4.44, abs=0.01)  # the audit's case
    assert contrast(colors.HexColor("#1f4e79"), colors.white) == pytest.approx(8.66, abs=0.01)


@pytest.mark.parametrize("hoogste", [1, 2, 3, 7, 10, 13, 25, 50, 100])
def test_every_count_cell__has_text_with_at_least_4_5_to_1(hoogste: int) -> None:
    # Every count from 0 to the maximum, so the shares 0.70-0.72 the audit found are covered.
    for n in range(hoogste + 1):
        achter = heatkleur(n, hoogste)
        assert contrast(tekst_op(achter), achter) >= 4.5, (n, hoogste, achter.hexval())


def test_the_styles_of_count_cells__print_the_colour_chosen() -> None:
    assert _S["celwit"].textColor == colors.white
    assert _S["celm"].textColor == colors.black
    assert all(tekst_op(k) in (colors.black, colors.white) for k in _HEAT)
    assert tekst_op(colors.HexColor("#4a77a0")) == colors.white


@pytest.mark.slow
def test_handout__has_every_bouwsteen_score_and_ambitie_as_text(vragenlijst: Vragenlijst) -> None:
    scan = maak_demo(vragenlijst, zoek_gemeente("Zwolle"), 8, VANDAAG, seed=3)
    resultaat = bereken_scan(vragenlijst, scan)
    lezer = PdfReader(io.BytesIO(handout(vragenlijst, scan, resultaat, vandaag=VANDAAG)))
    tekst = re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in lezer.pages))
    namen = {b.id: b.naam.nl for b in vragenlijst.bouwstenen}
    for b in resultaat.bouwstenen:
        assert b.score is not None and b.ambitie_score is not None
        # The table beside the radar: name, score, ambitie in one row.
        assert f"{namen[b.bouwsteen]} {heel(b.score)} {heel(b.ambitie_score)}" in tekst, namen[b.bouwsteen]
    assert len(lezer.pages) <= 4


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_distribution_table__reads_header_then_each_stelling_with_its_counts(
    vragenlijst: Vragenlijst, tmp_path: Path
) -> None:
    scan = maak_demo(vragenlijst, zoek_gemeente("Zwolle"), 8, VANDAAG, seed=3)
    pdf = tmp_path / "volledig.pdf"
    pdf.write_bytes(verbeterrapport(vragenlijst, scan, bereken_scan(vragenlijst, scan), vandaag=VANDAAG))
    # pdftotext's default (reading-order) mode, as the audit used it.
    tekst = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    plat = re.sub(r"\s+", " ", tekst)
    eerste = vragenlijst.bouwstenen[0]
    kop = plat.index("Stelling 1 2 3 4 5 wn nvt Med Spr Vast")
    vorige = kop
    for i, s in enumerate(eerste.stellingen, start=1):
        begin = plat.index(f"{i}. {s.tekst.nl[:30]}", vorige)
        label = plat.index(f"Stelling {i} ", begin)
        assert label > begin > vorige, i  # header, then text, then its row of counts, in order
        vorige = label
