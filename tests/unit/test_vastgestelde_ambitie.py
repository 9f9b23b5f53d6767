"""The werkgroep's agreed ambition outweighs the personal ones: in the engine, the sentence and both PDFs.

Today's complaint: the median of personal ambitions produced "nu 35, ambitie 100" although the
werkgroep had agreed on less. Pure: an exchange-format scan in, result and PDF text out.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from reports.duiding import uitschieterzin
from reports.pdf import handout, verbeterrapport
from scoring.engine import bereken_scan
from scoring.models import Vragenlijst
from scoring.uitwissel import Ambitie, Antwoord, Deelnemer, Gemeente, Scan, Scanronde, VragenlijstRef

VANDAAG = dt.date(2026, 11, 22)


def _tekst(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def _scan(vragenlijst: Vragenlijst, vastgesteld: int | None) -> Scan:
    """Two participants see bouwsteen 1 at level 2 (score 25) and each want level 5 (score 100)."""
    b1 = vragenlijst.bouwstenen[0]
    ambities = [Ambitie(bouwsteen=b1.id, niveau=5, deelnemer=d) for d in ("d1", "d2")]
    if vastgesteld is not None:
        ambities.append(Ambitie(bouwsteen=b1.id, niveau=vastgesteld, toelichting="Eerst de basis"))
    return Scan(
        vragenlijst=VragenlijstRef(id=vragenlijst.meta.id, versie=vragenlijst.versie),
        gemeente=Gemeente(gm_code="GM0344", naam="Utrecht"),
        scanronde=Scanronde(id="r1", datum=VANDAAG),
        deelnemers=[Deelnemer(id="d1", naam="Anna"), Deelnemer(id="d2", naam="Bert")],
        antwoorden=[Antwoord(deelnemer=d, stelling=s.id, antwoord=2) for d in ("d1", "d2") for s in b1.stellingen],
        ambities=ambities,
    )


def test_without_agreement__the_median_of_personal_ambitions_counts(vragenlijst: Vragenlijst) -> None:
    scan = _scan(vragenlijst, None)
    b = bereken_scan(vragenlijst, scan).bouwstenen[0]
    assert (b.score, b.ambitie, b.ambitie_score) == (25.0, 5.0, 100.0)
    assert "(nu 25, ambitie 100)" in uitschieterzin(vragenlijst, bereken_scan(vragenlijst, scan))


@pytest.mark.slow
@pytest.mark.parametrize("vastgesteld", [1, 3, 4])
def test_agreed_ambition__overrides_the_personal_ones_in_result_sentence_and_pdfs(
    vragenlijst: Vragenlijst, vastgesteld: int
) -> None:
    scan = _scan(vragenlijst, vastgesteld)
    resultaat = bereken_scan(vragenlijst, scan)
    b = resultaat.bouwstenen[0]
    score = (vastgesteld - 1) * 25
    assert (b.ambitie, b.ambitie_score, b.gap_score) == (float(vastgesteld), float(score), float(score - 25))
    naam = vragenlijst.bouwstenen[0].naam.nl
    zin = uitschieterzin(vragenlijst, resultaat)
    assert "ambitie 100" not in zin
    if score > 25:  # the sentence names the largest gap only when there is one
        assert f"{naam} (nu 25, ambitie {score})" in zin
    kort = _tekst(handout(vragenlijst, scan, resultaat, vandaag=VANDAAG))
    assert "ambitie 100" not in kort
    volledig = _tekst(verbeterrapport(vragenlijst, scan, resultaat, vandaag=VANDAAG))
    assert f"ambitie {score} (niveau {vastgesteld})" in volledig
    assert "ambitie 100 (niveau 5)" not in volledig
    assert "mediaan van de persoonlijke ambities" in volledig
