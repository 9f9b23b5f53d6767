"""How scores are presented in words (issue 15, points 6 and 7): the kern score leads with the schil
score beside it, the non-comparability sentence is one text, the band edges are level ranges, and
the report's "Volgende stap" starts where the goal suggestions start."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from reports.duiding import (
    NIET_VERGELIJKBAAR,
    band_niveaus,
    kernzin,
    samenstelling,
    type_groep,
    volgende_stap,
)
from reports.pdf import handout, verbeterrapport
from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scan.services.invullen import keuze_label
from scan.ui.teksten import t
from scoring.afronding import heel
from scoring.doelen import GROOTTEKLASSE, DoelenBibliotheek, controleer_doelen
from scoring.engine import bereken, bereken_scan
from scoring.loader import VRAGENLIJSTEN_DIR, laad_vragenlijst
from scoring.models import Vragenlijst
from scoring.resultaat import ScanResultaat
from scoring.suggesties import AANNAME, rangorde, stel_voor
from scoring.uitwissel import Ambitie, Antwoord

VANDAAG = dt.date(2026, 11, 22)
METHODE = Path(__file__).resolve().parents[2] / "docs" / "methode.md"
DEMO = [("Zeist", 8, 3), ("Ooststellingwerf", 6, 5), ("Rotterdam", 10, 7)]


def _plat(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def _per_type(vragenlijst: Vragenlijst, kern: int | None, schil: int | None) -> ScanResultaat:
    """One participant: ``kern`` on every kern stelling, ``schil`` on every aanvullende (None: weet niet)."""
    antwoorden = []
    for b, s in vragenlijst.stellingen():
        niveau = kern if b.type == "kern" else schil
        antwoorden.append(Antwoord(deelnemer="d1", stelling=s.id, antwoord="weet_niet" if niveau is None else niveau))
    return bereken(vragenlijst, antwoorden)


def test_kernzin__says_the_kern_score_and_band_and_the_schil_score_beside_it(vragenlijst: Vragenlijst) -> None:
    resultaat = _per_type(vragenlijst, 4, 1)
    assert heel(resultaat.totaal.score or 0) == 38  # the mean of all sixteen: no longer said
    assert kernzin(vragenlijst, resultaat, "Ede") == (
        "Ede scoort 75 van 100 op de kernbouwstenen (band hoog) en, apart daarvan, 0 van 100 op de aanvullende "
        "bouwstenen voor organisatie en overheid (band zeer beperkt)."
    )


def test_kernzin__without_a_score_on_one_side__says_so(vragenlijst: Vragenlijst) -> None:
    alleen_kern = _per_type(vragenlijst, 3, None)
    assert kernzin(vragenlijst, alleen_kern, "Ede").endswith(
        "(band groeiend); de aanvullende bouwstenen voor organisatie en overheid hebben nog geen score."
    )
    alleen_schil = _per_type(vragenlijst, None, 2)
    assert kernzin(vragenlijst, alleen_schil, "Ede").startswith("Ede heeft nog geen score op de kernbouwstenen en")
    leeg = _per_type(vragenlijst, None, None)
    assert kernzin(vragenlijst, leeg, "Ede").startswith("Voor Ede is nog geen score")


def test_non_comparability__is_one_text_for_screen_and_paper() -> None:
    assert t("resultaten.niet_vergelijkbaar") == NIET_VERGELIJKBAAR
    assert "niet te vergelijken met de officiële omnichannelscan" in NIET_VERGELIJKBAAR


def test_dimension_composition__names_kern_and_aanvullend(vragenlijst: Vragenlijst) -> None:
    assert [samenstelling(vragenlijst, d.id) for d in vragenlijst.meta.dimensies] == [
        "4 kern",
        *["1 kern + 2 aanvullend"] * 4,
    ]


def test_band_edges__are_the_level_ranges_that_methode_md_states(vragenlijst: Vragenlijst) -> None:
    assert [band_niveaus(b) for b in vragenlijst.schaal.banden] == [
        "1 tot 1,82",
        "1,82 tot 2,62",
        "2,62 tot 3,42",
        "3,42 tot 4,22",
        "4,22 tot en met 5",
    ]
    tekst = METHODE.read_text(encoding="utf-8")
    for b in vragenlijst.schaal.banden:
        assert f"| {b.naam.nl.lower()} | {b.ondergrens}–{b.bovengrens} | {band_niveaus(b)} |" in tekst
        # Each range is what the rounding says: its first level gives its lower edge, just below does not.
        if b.ondergrens:  # score ondergrens - 0,5 (the level in the table) is the band's first score
            assert vragenlijst.schaal.band_voor(b.ondergrens - 0.5).id == b.id
            assert vragenlijst.schaal.band_voor(b.ondergrens - 0.5001).id != b.id


@pytest.mark.parametrize(("gemeente", "deelnemers", "seed"), DEMO)
def test_volgende_stap__names_the_bouwsteen_of_the_first_goal_suggestion(
    vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek, gemeente: str, deelnemers: int, seed: int
) -> None:
    scan = maak_demo(vragenlijst, zoek_gemeente(gemeente), deelnemers, VANDAAG, seed=seed)
    scan = scan.model_copy(update={"doelen": []})
    resultaat = bereken_scan(vragenlijst, scan)
    eerste = stel_voor(vragenlijst, bibliotheek, resultaat, gemeente=gemeente, vandaag=VANDAAG)[0]
    assert rangorde(vragenlijst, resultaat)[0] == eerste.bouwsteen
    naam = vragenlijst.bouwsteen(eerste.bouwsteen).naam.nl
    stap = volgende_stap(vragenlijst, scan, resultaat, VANDAAG)
    assert f"Begin bij {naam}:" in stap.wat
    # Not "the lowest bouwsteen" when that is another one (the review's Zeist case).
    laagste = min((b for b in resultaat.bouwstenen if b.score is not None), key=lambda b: b.score or 0)
    if laagste.bouwsteen != eerste.bouwsteen:
        assert vragenlijst.bouwsteen(laagste.bouwsteen).naam.nl not in stap.wat


def test_reasons__speak_in_levels_and_label_the_foundation_graph_as_our_assumption(
    vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    antwoorden = [
        Antwoord(deelnemer="d1", stelling=s.id, antwoord=2 if b.id == "heldere_doelen" else 3)
        for b, s in vragenlijst.stellingen()
    ]
    ambities = [Ambitie(bouwsteen="heldere_doelen", niveau=4), Ambitie(bouwsteen="datagestuurde_interactie", niveau=5)]
    resultaat = bereken(vragenlijst, antwoorden, ambities)
    voorstellen = stel_voor(vragenlijst, bibliotheek, resultaat, gemeente="Ede", vandaag=VANDAAG, aantal=7)
    redenen = [r for v in voorstellen for r in v.redenen]
    assert not any("punten" in r or "score" in r for r in redenen)  # one scale: levels
    rust = [r for r in redenen if "rust" in r]
    assert rust and all(AANNAME in r for r in rust)
    data = next(v for v in voorstellen if v.bouwsteen == "datagestuurde_interactie")
    assert "de ambitie is niveau 5,0, 2,0 niveau hoger dan nu (3,0)" in data.redenen


@pytest.mark.slow
def test_pdfs__lead_with_kern_and_schil_say_the_sentence_and_explain_the_method(
    vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    scan = maak_demo(vragenlijst, zoek_gemeente("Zeist"), 8, VANDAAG, seed=3).model_copy(update={"doelen": []})
    resultaat = bereken_scan(vragenlijst, scan)
    kern, schil = type_groep(resultaat, "kern"), type_groep(resultaat, "aanvullend")
    eerste = stel_voor(vragenlijst, bibliotheek, resultaat, gemeente="Zeist", vandaag=VANDAAG)[0]
    for pdf in (
        handout(vragenlijst, scan, resultaat, vandaag=VANDAAG),
        verbeterrapport(vragenlijst, scan, resultaat, vandaag=VANDAAG),
    ):
        tekst = _plat(pdf)
        assert f"Zeist scoort {heel(kern.score or 0)} van 100 op de kernbouwstenen" in tekst
        assert (
            f"Kernbouwstenen Organisatie en overheid (aanvullende bouwstenen) {heel(kern.score or 0)} / 100 {heel(schil.score or 0)} / 100"
            in tekst
        )
        assert NIET_VERGELIJKBAAR in tekst
        assert "Totaalscore" not in tekst
        assert f"Begin bij {vragenlijst.bouwsteen(eerste.bouwsteen).naam.nl}:" in tekst
        assert "Frontoffice 4 kern" in tekst and "Strategie 1 kern + 2 aanvullend" in tekst
    # The annex: the median rule, the assumption, the kern-first rule and the bands as level ranges.
    assert "anders de mediaan van de persoonlijke ambities" in tekst
    assert "is onze aanname, niet uit de handreiking" in tekst
    assert "het hoogste niveau waarvan alles klopt" in tekst
    assert "Beperkt 21–40 1,82 tot 2,62" in tekst
    assert "Kern en aanvullend, apart" in tekst


@pytest.fixture(scope="module")
def versie_2() -> tuple[Vragenlijst, DoelenBibliotheek]:
    """Questionnaire 2.0 from its folder (not yet the default, nor published, while it is written)."""
    vl = laad_vragenlijst(VRAGENLIJSTEN_DIR / "2.0")
    bib, problemen = controleer_doelen(vl, VRAGENLIJSTEN_DIR / "2.0")
    assert bib is not None, problemen
    return vl, bib


@pytest.mark.parametrize(("gemeente", "deelnemers", "seed"), DEMO)
@pytest.mark.parametrize("grootteklasse", [None, *GROOTTEKLASSE])
def test_volgende_stap__with_2_0__names_the_first_suggestion_for_every_size_class(
    versie_2: tuple[Vragenlijst, DoelenBibliotheek],
    gemeente: str,
    deelnemers: int,
    seed: int,
    grootteklasse: str | None,
) -> None:
    vl, bib = versie_2
    scan = maak_demo(vl, zoek_gemeente(gemeente), deelnemers, VANDAAG, seed=seed).model_copy(update={"doelen": []})
    resultaat = bereken_scan(vl, scan)
    eerste = stel_voor(vl, bib, resultaat, gemeente=gemeente, vandaag=VANDAAG, grootteklasse=grootteklasse)[0]
    stap = volgende_stap(vl, scan, resultaat, VANDAAG)
    assert f"Begin bij {vl.bouwsteen(eerste.bouwsteen).naam.nl}:" in stap.wat


def test_2_0__every_option_has_a_neutral_name_and_every_stelling_a_toelichting(
    versie_2: tuple[Vragenlijst, DoelenBibliotheek],
) -> None:
    vl, _ = versie_2
    assert [keuze_label(vl, str(n)) for n in range(1, 6)] == [
        "1 · Startend",
        "2 · Basis",
        "3 · Samenhangend",
        "4 · Gestuurd",
        "5 · Voorbeeld",
    ]
    assert all(s.toelichting for _, s in vl.stellingen())


@pytest.mark.slow
def test_2_0_full_report__annex_shows_the_neutral_names_with_the_generations_as_explanation(
    versie_2: tuple[Vragenlijst, DoelenBibliotheek],
) -> None:
    vl, _ = versie_2
    scan = maak_demo(vl, zoek_gemeente("Ooststellingwerf"), 6, VANDAAG, seed=5)
    tekst = _plat(verbeterrapport(vl, scan, bereken_scan(vl, scan), vandaag=VANDAAG))
    assert "1 Startend" in tekst and "5 Voorbeeld" in tekst
    assert "Vergelijk: omnichannel; de overheid geeft antwoord" in tekst
    assert NIET_VERGELIJKBAAR in tekst and "Totaalscore" not in tekst
