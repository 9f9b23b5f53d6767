"""The charts in the PDFs: drawn pixel for pixel from the chart's PNG, rendered once per chart
content and process, within a bounded cache, and the renderer warmed up before the first report."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

import reports.pdf as pdf
from reports import charts
from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scoring.engine import bereken_scan
from scoring.models import Vragenlijst
from scoring.uitwissel import Scan

pytestmark = pytest.mark.slow

VANDAAG = dt.date(2026, 11, 22)


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, Any]]]:
    """Every spec vl-convert is asked to render, with an empty chart cache to begin with."""
    gezien: list[dict[str, Any]] = []
    echt = pdf.vl_convert.vegalite_to_png

    def tel(spec: dict[str, Any], **opties: Any) -> bytes:
        gezien.append(spec)
        return echt(spec, **opties)

    monkeypatch.setattr(pdf.vl_convert, "vegalite_to_png", tel)
    monkeypatch.setattr(pdf, "_grafieken", type(pdf._grafieken)())
    yield gezien


def _scan(vl: Vragenlijst, seed: int) -> Scan:
    return maak_demo(vl, zoek_gemeente("Súdwest-Fryslân"), 8, VANDAAG, seed=seed)


def _handout(vl: Vragenlijst, scan: Scan) -> bytes:
    return pdf.handout(vl, scan, bereken_scan(vl, scan), vandaag=VANDAAG)


def test_handout__embeds_each_radar_exactly_as_rendered(
    vragenlijst: Vragenlijst, renders: list[dict[str, Any]]
) -> None:
    stuk = _handout(vragenlijst, _scan(vragenlijst, 3))
    beelden = [beeld.image.convert("RGB") for pagina in PdfReader(io.BytesIO(stuk)).pages for beeld in pagina.images]
    verwacht = [Image.open(io.BytesIO(pdf.grafiek_png(spec))).convert("RGB") for spec in renders]
    assert len(beelden) == len(verwacht) == 2
    for png in verwacht:  # in the file in any order
        assert any(b.size == png.size and ImageChops.difference(b, png).getbbox() is None for b in beelden)


def test_a_second_report_of_the_same_round__renders_no_chart_again(
    vragenlijst: Vragenlijst, renders: list[dict[str, Any]]
) -> None:
    scan = _scan(vragenlijst, 4)
    eerste = _handout(vragenlijst, scan)
    assert len(renders) == 2
    tweede = _handout(vragenlijst, scan)
    assert len(renders) == 2
    assert len(PdfReader(io.BytesIO(tweede)).pages) == len(PdfReader(io.BytesIO(eerste)).pages)
    # The full report shares the handout's two bouwsteen radars and adds its own two.
    pdf.verbeterrapport(vragenlijst, scan, bereken_scan(vragenlijst, scan), vandaag=VANDAAG)
    assert len(renders) == 4


def test_another_round_state__gets_its_own_charts(vragenlijst: Vragenlijst, renders: list[dict[str, Any]]) -> None:
    _handout(vragenlijst, _scan(vragenlijst, 5))
    _handout(vragenlijst, _scan(vragenlijst, 6))
    assert len(renders) == 4
    assert renders[0] != renders[2]


def test_chart_cache__keeps_the_most_recent_within_its_bound(
    monkeypatch: pytest.MonkeyPatch, renders: list[dict[str, Any]]
) -> None:
    specs = [pdf.radar_spec(["a", "b", "c"], [float(i), 50.0, 50.0], [None] * 3, "t") for i in range(4)]
    eerste = pdf._beeld(specs[0])
    monkeypatch.setattr(pdf, "GRAFIEKEN_BYTES", eerste.grootte * 5 // 2)  # two, not three (sizes differ a little)
    for spec in specs[1:]:
        pdf._beeld(spec)
    assert len(pdf._grafieken) == 2
    pdf.grafiek_png(specs[3])  # still there: no render
    assert len(renders) == 4
    pdf.grafiek_png(specs[0])  # pushed out: rendered again
    assert len(renders) == 5


def test_a_chart_with_transparent_pixels__keeps_them_as_a_soft_mask(renders: list[dict[str, Any]]) -> None:
    spec = pdf.radar_spec(["a", "b", "c"], [10.0, 50.0, 90.0], [None] * 3, "t") | {"background": None}
    beeld = pdf._beeld(spec)
    rgb, alfa = beeld.stromen()
    assert alfa is not None
    canvas = pdf.Canvas(io.BytesIO())
    pdf._Grafiek(beeld, 100).drawOn(canvas, 10, 10)
    canvas.showPage()
    canvas.save()
    assert rgb and b"/SMask" in canvas.getpdfdata()


def test_opwarmen__builds_the_handouts_radar_layouts(vragenlijst: Vragenlijst, renders: list[dict[str, Any]]) -> None:
    charts._radar_sjabloon.cache_clear()
    pdf.opwarmen(vragenlijst)
    assert len(renders) == 2  # the engine's start on a tiny spec, and one radar; no chart is kept
    assert not pdf._grafieken
    gebouwd = charts._radar_sjabloon.cache_info().misses
    _handout(vragenlijst, _scan(vragenlijst, 7))
    assert charts._radar_sjabloon.cache_info().misses == gebouwd
