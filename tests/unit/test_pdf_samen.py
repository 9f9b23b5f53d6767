"""The PDFs of a facilitated session (issue 16): the handout's one sentence for management, only
after re-votes; the full report's before and after per stelling and per bouwsteen, the discipline
view (groups of at least two) and where the werkgroep guesses. Read back with pypdf."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from reports.duiding import GEEN_DISCIPLINEVERSCHIL, herstemzin, samen_beeld
from reports.pdf import rapport
from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scoring.engine import bereken_scan
from scoring.models import Vragenlijst
from scoring.uitwissel import Scan

VANDAAG = dt.date(2026, 12, 7)


def _paginas(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]


def _pdf(soort: str, vl: Vragenlijst, scan: Scan) -> list[str]:
    return _paginas(rapport(soort, vl, scan, bereken_scan(vl, scan), vandaag=VANDAAG))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def demo(vragenlijst: Vragenlijst) -> Scan:
    return maak_demo(vragenlijst, zoek_gemeente("Zeist"), 10, VANDAAG, seed=0)


@pytest.fixture(scope="module")
def kaal(vragenlijst: Vragenlijst) -> Scan:
    return maak_demo(vragenlijst, zoek_gemeente("Zeist"), 10, VANDAAG, seed=0, samen=False)


def test_handout__one_sentence_for_management_after_re_votes(vragenlijst: Vragenlijst, demo: Scan) -> None:
    zin = herstemzin(samen_beeld(vragenlijst, demo).herstemmingen)
    assert zin == "Na bespreking lagen 2 van de 3 bespreekpunten binnen één niveau."
    paginas = _pdf("handout", vragenlijst, demo)
    assert len(paginas) <= 4
    assert zin in paginas[0]
    # The handout is for management: no tables of the session, no disciplines.
    assert not any("Wat de bespreking veranderde" in p or "disciplines" in p for p in paginas)


def test_handout__without_re_votes__has_no_such_sentence(vragenlijst: Vragenlijst, kaal: Scan) -> None:
    assert not any("Na bespreking" in p for p in _pdf("handout", vragenlijst, kaal))


def test_full_report__before_and_after__disciplines__guessing(vragenlijst: Vragenlijst, demo: Scan) -> None:
    beeld = samen_beeld(vragenlijst, demo)
    tekst = " ".join(_pdf("volledig", vragenlijst, demo))
    assert "Wat de bespreking veranderde" in tekst
    assert "Na bespreking lagen 2 van de 3 bespreekpunten binnen één niveau." in tekst
    assert "2 samengekomen, 1 uiteen gebleven, 0 verder uiteen" in tekst
    assert "blijven de keuze van de werkgroep" in tekst
    eerste = beeld.herstemmingen.stellingen[0]
    assert f"{eerste.voor[0]}–{eerste.voor[-1]} ({eerste.spreiding_voor})" in tekst
    assert "Waar de disciplines het anders zien" in tekst
    anders = beeld.anders()
    assert anders, "the demo has a bouwsteen the disciplines see differently"
    assert all(g.personen >= 2 for d in beeld.disciplines for g in d.groepen)
    for d in anders:
        assert vragenlijst.bouwsteen(d.bouwsteen).naam.nl in tekst
    assert "Waar de werkgroep gokt" in tekst
    assert "gokken of weten het niet" in tekst


def test_full_report__of_a_round_in_its_own_pace(vragenlijst: Vragenlijst, kaal: Scan) -> None:
    tekst = " ".join(_pdf("volledig", vragenlijst, kaal))
    assert "Wat de bespreking veranderde" not in tekst
    assert "Waar de werkgroep gokt" not in tekst  # nobody said how sure they were
    # Functions are known in every round, so the discipline view is there, with its sentence when
    # no bouwsteen differs a level or more.
    assert "Waar de disciplines het anders zien" in tekst
    if not samen_beeld(vragenlijst, kaal).anders():
        assert GEEN_DISCIPLINEVERSCHIL in tekst
