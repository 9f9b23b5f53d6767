"""Both PDFs carry the compliance check (issue 15, point 5) in a section of its own, apart from the
maturity scores: said plainly to be legal duties and not levels, every duty listed (unanswered ones
as "Niet ingevuld"), the scores untouched; a version without a check has no such section."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from reports.pdf import handout, verbeterrapport
from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scoring.doelen import controleer_doelen
from scoring.engine import bereken_scan
from scoring.loader import VRAGENLIJSTEN_DIR, laad_vragenlijst
from scoring.models import Vragenlijst
from scoring.suggesties import stel_voor
from scoring.uitwissel import Naleving, Scan
from scoring.versies import laad_versie

pytestmark = pytest.mark.slow  # builds PDFs

VANDAAG = dt.date(2026, 12, 7)
NOTITIE = "Zie <img src='/etc/passwd'/> & <b>register</b>"


def _paginas(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def vl20() -> Vragenlijst:
    return laad_vragenlijst(VRAGENLIJSTEN_DIR / "2.0")


@pytest.fixture(scope="module")
def zonder(vl20: Vragenlijst) -> Scan:
    """A demo round of Ooststellingwerf with goals (so the handout is full), no check answered."""
    basis = maak_demo(vl20, zoek_gemeente("Ooststellingwerf"), 10, VANDAAG, seed=4).model_copy(update={"naleving": []})
    bibliotheek, problemen = controleer_doelen(vl20, VRAGENLIJSTEN_DIR / "2.0")
    assert bibliotheek is not None, problemen
    voorstellen = stel_voor(vl20, bibliotheek, bereken_scan(vl20, basis), gemeente="Ooststellingwerf", vandaag=VANDAAG)
    return basis.model_copy(update={"doelen": [v.doel for v in voorstellen]})


@pytest.fixture(scope="module")
def met(zonder: Scan) -> Scan:
    return zonder.model_copy(
        update={
            "naleving": [
                Naleving(item="verwerkingsregister", status="deels", notitie=NOTITIE),
                Naleving(item="klachtbehandeling", status="niet"),
                Naleving(item="digitale_toegankelijkheid", status="voldoet"),
                Naleving(item="ai_transparantie", status="nvt"),
            ]
        }
    )


@pytest.mark.parametrize("soort", ["handout", "volledig"])
def test_section__apart_plain_and_complete(vl20: Vragenlijst, met: Scan, zonder: Scan, soort: str) -> None:
    bouw = handout if soort == "handout" else verbeterrapport
    res = bereken_scan(vl20, met)
    assert res == bereken_scan(vl20, zonder)  # the check is in no score
    paginas = _paginas(bouw(vl20, met, res, vandaag=VANDAAG))
    tekst = " ".join(paginas)
    assert "Wettelijke verplichtingen" in tekst
    assert "wettelijke plichten, geen volwassenheidsniveaus" in tekst
    assert "tellen in geen enkele score van dit rapport mee" in tekst
    n = len(vl20.naleving)
    namen = {i.id: i.naam.nl for i in vl20.naleving}
    if soort == "handout":
        # Management reads one sentence per status, the duties by their short names.
        assert f"Voldoet: {namen['digitale_toegankelijkheid']}." in tekst
        assert f"Voldoet deels: {namen['verwerkingsregister']}." in tekst
        assert f"Voldoet niet: {namen['klachtbehandeling']}." in tekst
        open_ = [namen[i.id] for i in vl20.naleving if i.id not in {a.item for a in met.naleving}]
        assert f"Niet ingevuld: {', '.join(open_)}." in tekst
        assert len(paginas) <= 4
    else:
        assert f"Voldoet: 1 van de {n} plichten. Niet ingevuld: {n - 4}." in tekst
        assert tekst.count("Niet ingevuld") == n - 4 + 1  # each unanswered duty, and the count
        for woord in ("Voldoet deels", "Voldoet niet", "N.v.t."):
            assert woord in tekst
        assert "Grondslag: Awb hoofdstuk 9" in tekst and "art. 9:11" in tekst
        assert NOTITIE in tekst  # user text printed literally, never as markup
    # Pages before the section read the same with and without the check: the scores do not move.
    zonder_paginas = _paginas(bouw(vl20, zonder, res, vandaag=VANDAAG))
    eerste = next(i for i, p in enumerate(paginas) if "Wettelijke verplichtingen" in p)
    assert paginas[:eerste] == zonder_paginas[:eerste]
    if soort == "volledig":
        assert f"Niet ingevuld: {n}." in " ".join(zonder_paginas)


def test_version_without_a_check__no_section() -> None:
    vragenlijst = laad_versie("1.0")
    scan = maak_demo(vragenlijst, zoek_gemeente("Utrecht"), 5, VANDAAG, seed=2)
    res = bereken_scan(vragenlijst, scan)
    for bouw in (handout, verbeterrapport):
        assert "Wettelijke verplichtingen" not in " ".join(_paginas(bouw(vragenlijst, scan, res, vandaag=VANDAAG)))
