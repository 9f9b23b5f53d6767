"""Both PDFs from maximal content (issue 13, case 5): they never fail on text, and text is there or
visibly shortened.

Every user text field is filled to its maximum (``scoring.tekst.VELDEN``) with random mixes of
very long words, runs of newlines, sentences and the hostile catalogue (``tests.vijandig``), raw,
as a file or an older version could have stored it. Each text starts and ends with a marker word;
the full report must show every start marker, and every end marker or the shortening note.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from reports.pdf import HANDOUT_PAGINAS, handout, verbeterrapport
from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scoring.engine import bereken_scan
from scoring.models import Vragenlijst
from scoring.resultaat import ScanResultaat
from scoring.tekst import VELDEN
from scoring.uitwissel import Consensus, Doel, Notitie, Scan
from tests.vijandig import LANG, TEKSTEN

# Builds PDFs, workbooks or chart images: left out of the quick loop (dev.py test --snel).
pytestmark = pytest.mark.slow

VANDAAG = dt.date(2026, 11, 22)
NOTITIE_VOL = "(ingekort, volledige tekst in de Excel-export)"

_STUKKEN = st.one_of(
    st.sampled_from([p.tekst for p in TEKSTEN]),
    st.integers(20, 4000).map(lambda n: "Klantcontactcentrummedewerker"[: n % 29 + 1] * (n // 29 + 1)),
    st.integers(1, 4000).map(lambda n: "\n" * n),
    st.just("Het KCC beantwoordt vragen via alle kanalen en legt afspraken vast. "),
    st.text(max_size=40),
)


def _vul(stukken: list[str], maximum: int, merk: str) -> str:
    """Text of exactly ``maximum`` characters: start marker, the pieces (repeated as needed), end marker."""
    begin, eind = f"B{merk}Q ", f" E{merk}Q"
    ruimte = maximum - len(begin) - len(eind)
    if ruimte <= 0:
        return f"B{merk}Q"[:maximum]
    lichaam = "".join(stukken) or "x"
    lichaam = (lichaam * (ruimte // len(lichaam) + 1))[:ruimte]
    return begin + lichaam + eind


class _Teller:
    def __init__(self) -> None:
        self.n = 0
        self.velden: list[str] = []

    def merk(self, in_rapport: bool = True) -> str:
        self.n += 1
        if in_rapport:
            self.velden.append(str(self.n))
        return str(self.n)


@pytest.fixture(scope="module")
def basis(vragenlijst: Vragenlijst) -> tuple[Scan, ScanResultaat]:
    scan = maak_demo(vragenlijst, zoek_gemeente("Súdwest-Fryslân"), 4, VANDAAG, seed=3)
    return scan, bereken_scan(vragenlijst, scan)


def _maximaal(vl: Vragenlijst, scan: Scan, draw: st.DrawFn, doelen: int) -> tuple[Scan, list[str]]:
    """``scan`` with every user text at its maximum; the markers the full report must show."""
    teller = _Teller()

    def tekst(soort: str, in_rapport: bool = True) -> str:
        return _vul(draw(st.lists(_STUKKEN, min_size=1, max_size=4)), VELDEN[soort].maximum, teller.merk(in_rapport))

    deelnemers = [d.model_copy(update={"naam": tekst("naam"), "functie": tekst("functie")}) for d in scan.deelnemers]
    met_toelichting = {a.stelling for a in scan.antwoorden[:3]}
    antwoorden = [
        a.model_copy(update={"toelichting": tekst("toelichting")})
        if a.stelling in met_toelichting and a.deelnemer == scan.antwoorden[0].deelnemer
        else a
        for a in scan.antwoorden
    ]
    stellingen = [s.id for _, s in vl.stellingen()[:3]]
    consensus = [
        Consensus(stelling=s, niveau=3, toelichting=tekst("onderbouwing"), vastgesteld_door=tekst("naam"))
        for s in stellingen
    ]
    bouwstenen = [b.id for b in vl.bouwstenen]
    lijst = [
        Doel(
            id=f"eigen_{i}",
            bouwsteen=bouwstenen[i % len(bouwstenen)],
            titel=tekst("titel"),
            actie=tekst("actie"),
            indicator=tekst("indicator"),
            eenheid=tekst("eenheid"),
            nulmeting=12.5,
            streefwaarde=1e12,  # the largest number a goal may carry (scoring.grenzen)
            bron=tekst("bron"),
            eigenaar=tekst("eigenaar"),
            draagvlak=tekst("draagvlak"),
            notities=tekst("notities"),
            deadline=VANDAAG,
        )
        for i in range(doelen)
    ]
    notities = [Notitie(tekst=tekst("notitie")), Notitie(bouwsteen=bouwstenen[0], tekst=tekst("notitie"))]
    ronde = scan.scanronde.model_copy(update={"omschrijving": tekst("omschrijving", in_rapport=False)})
    nieuw = scan.model_copy(
        update={
            "deelnemers": deelnemers,
            "antwoorden": antwoorden,
            "consensus": consensus,
            "doelen": lijst,
            "notities": notities,
            "scanronde": ronde,
        }
    )
    return nieuw, teller.velden


def _plat(pdf: bytes) -> tuple[int, str]:
    lezer = PdfReader(io.BytesIO(pdf))
    tekst = "".join(p.extract_text() for p in lezer.pages)
    return len(lezer.pages), re.sub(r"\s+", "", tekst)


def _controleer(vl: Vragenlijst, scan: Scan, resultaat: ScanResultaat, merken: list[str]) -> None:
    # The scores do not depend on text; the result of the base scan is the result of this one.
    kort = handout(vl, scan, resultaat, vandaag=VANDAAG)
    paginas, tekst = _plat(kort)
    assert 1 <= paginas <= HANDOUT_PAGINAS
    getoond = [d for d in scan.doelen if f"B{d.titel.split('Q', 1)[0][1:]}Q" in tekst]
    assert getoond == scan.doelen[: len(getoond)]
    if len(getoond) < len(scan.doelen):
        assert f"Ennog{len(scan.doelen) - len(getoond)}doel(en)" in tekst
    if getoond:
        assert "(ingekort,volledigetekstinhetverbeterrapport)" in tekst  # every action is at its maximum

    paginas, tekst = _plat(verbeterrapport(vl, scan, resultaat, vandaag=VANDAAG))
    assert paginas > 3
    ontbreekt = [m for m in merken if f"B{m}Q" not in tekst]
    assert not ontbreekt, f"begin van tekst {ontbreekt} ontbreekt"
    zonder_eind = [m for m in merken if f"E{m}Q" not in tekst]
    assert not zonder_eind or NOTITIE_VOL.replace(" ", "") in tekst


@settings(max_examples=3, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_both_pdfs__build_from_random_maximal_content(
    vragenlijst: Vragenlijst, basis: tuple[Scan, ScanResultaat], data: st.DataObject
) -> None:
    scan, resultaat = basis
    vol, merken = _maximaal(vragenlijst, scan, data.draw, data.draw(st.integers(1, 8)))
    _controleer(vragenlijst, vol, resultaat, merken)


def test_both_pdfs__build_from_the_worst_case(
    vragenlijst: Vragenlijst, basis: tuple[Scan, ScanResultaat], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Twenty goals with every field at its maximum, in the catalogue's longest forms."""
    scan, resultaat = basis
    vormen = iter([p.tekst for p in LANG] * 400)
    vol, merken = _maximaal(vragenlijst, scan, lambda _strategie: [next(vormen)], 20)
    _controleer(vragenlijst, vol, resultaat, merken)


@pytest.mark.parametrize("eigenaar", ["Informatiemanager", "Kwaliteitsmedewerker", "Klantcontactcentrum"])
def test_the_goal_table__keeps_a_long_dutch_function_whole(
    vragenlijst: Vragenlijst, basis: tuple[Scan, ScanResultaat], eigenaar: str
) -> None:
    """The owner's column once split "Informatiemanager" as "Informatiemanage r"; a narrower
    indicator column split the unit after a number ("terugb elverzoeken")."""
    scan, resultaat = basis
    doel = Doel(
        id="eigen_1",
        bouwsteen=vragenlijst.bouwstenen[0].id,
        titel="Regie op kanalen",
        actie="Wij richten een kanaalregieoverleg in.",
        eigenaar=eigenaar,
        indicator="Aantal terugbelverzoeken dat op de peildag openstaat",
        eenheid="terugbelverzoeken",
        nulmeting=40.0,
        streefwaarde=60.0,
        deadline=VANDAAG,
    )
    pdf = handout(vragenlijst, scan.model_copy(update={"doelen": [doel]}), resultaat, vandaag=VANDAAG)
    regels = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).splitlines()
    assert any(eigenaar in regel for regel in regels)
    # In the indicator itself, and as the unit after 40 and after 60: whole each time.
    assert sum("terugbelverzoeken" in regel for regel in regels) >= 3


def test_a_report_that_cannot_hold_a_text__comes_shortened_with_a_note(
    vragenlijst: Vragenlijst, basis: tuple[Scan, ScanResultaat], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last line of defence: should a row still not fit (here: row splitting switched off),
    the report is built again with every user text in a table shortened, never an error."""
    from reports import pdf

    monkeypatch.setattr(pdf, "_HOGE_RIJ", float("inf"))
    scan, resultaat = basis
    actie = ("Het KCC beantwoordt vragen via alle kanalen. " * 100)[: VELDEN["actie"].maximum]
    doel = Doel(id="eigen_1", bouwsteen=vragenlijst.bouwstenen[0].id, titel="Lang doel", actie=actie)
    _, tekst = _plat(
        verbeterrapport(vragenlijst, scan.model_copy(update={"doelen": [doel]}), resultaat, vandaag=VANDAAG)
    )
    assert NOTITIE_VOL.replace(" ", "") in tekst
    assert "Langdoel" in tekst


def test_ingekort__cuts_at_a_word_or_line_with_the_note() -> None:
    from reports.pdf import ingekort

    assert ingekort("kort", 10, 2, waar="x") == "kort"
    assert ingekort("een twee drie vier vijf", 16, 5, waar="x") == "een twee drie … (ingekort, volledige tekst in x)"
    assert ingekort("a\nb\nc\n\n\n\n\nd", 100, 3, waar="x") == "a\nb\nc … (ingekort, volledige tekst in x)"
    assert ingekort("x" * 50, 10, 3, waar="x") == "x" * 10 + " … (ingekort, volledige tekst in x)"
