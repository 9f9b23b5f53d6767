"""Reports and exports never print "nan" or "inf" (issue 13, case 7: the PDF once printed
"nan % → inf %"). A valid scan cannot hold such numbers any more (scoring.grenzen); these tests
build one past the validation, as an old database row could, and read what the files say."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Callable

import pytest
from pypdf import PdfReader

from reports.duiding import getal
from reports.exports import csv_zip
from reports.pdf import handout, verbeterrapport
from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scoring.engine import bereken_scan
from scoring.models import Vragenlijst
from scoring.uitwissel import Doel, Scan

NAN_INF = re.compile(r"\b(nan|inf|infinity)\b", re.IGNORECASE)


@pytest.mark.parametrize("waarde", [math.nan, math.inf, -math.inf])
def test_getal__prints_a_dash_for_what_is_no_number(waarde: float) -> None:
    assert getal(waarde, 2) == "–"


@pytest.fixture(scope="module")
def kapotte_scan(vragenlijst: Vragenlijst) -> Scan:
    scan = maak_demo(vragenlijst, zoek_gemeente("Utrecht"), 3, dt.date(2026, 11, 22), seed=2)
    doel = Doel.model_construct(  # past validation on purpose
        id="d1",
        bouwsteen=vragenlijst.bouwstenen[0].id,
        titel="Sneller antwoord",
        actie="Een kennisbank voor het KCC",
        indicator="Afhandeling in het eerste contact",
        eenheid="%",
        nulmeting=math.nan,
        nulmeting_uiterlijk=None,
        streefwaarde=math.inf,
        bron=None,
        eigenaar="Teamleider KCC",
        deadline=dt.date(2027, 6, 30),
        status="plan",
        sjabloon=None,
        notities=None,
        richting="hoger",
        draagvlak=None,
    )
    return scan.model_copy(update={"doelen": [doel]})


@pytest.mark.slow
@pytest.mark.parametrize("bouw", [handout, verbeterrapport], ids=["handout", "verbeterrapport"])
def test_pdfs__never_print_nan_or_inf(vragenlijst: Vragenlijst, kapotte_scan: Scan, bouw: Callable[..., bytes]) -> None:
    pdf = bouw(vragenlijst, kapotte_scan, bereken_scan(vragenlijst, kapotte_scan), vandaag=dt.date(2026, 11, 22))
    tekst = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Sneller antwoord" in tekst
    assert not NAN_INF.search(tekst), NAN_INF.search(tekst)


def test_csv__never_prints_nan_or_inf(vragenlijst: Vragenlijst, kapotte_scan: Scan) -> None:
    with zipfile.ZipFile(io.BytesIO(csv_zip(vragenlijst, kapotte_scan, bereken_scan(vragenlijst, kapotte_scan)))) as z:
        doelen = z.read("doelen.csv").decode("utf-8-sig")
    assert "Sneller antwoord" in doelen
    assert not NAN_INF.search(doelen)
