"""Goal suggestions: chosen from the gaps, kern and foundations first, written for the gemeente."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scoring.doelen import DoelenBibliotheek
from scoring.engine import bereken, bereken_scan
from scoring.models import Vragenlijst
from scoring.suggesties import plus_maanden, stel_voor
from scoring.uitwissel import Ambitie, Antwoord

VANDAAG = dt.date(2026, 11, 22)


def _ronde(
    vragenlijst: Vragenlijst, niveaus: dict[str, int], ambitie: dict[str, int] | None = None, spreiding: bool = False
):  # type: ignore[no-untyped-def]
    antwoorden = []
    for b, s in vragenlijst.stellingen():
        niveau = niveaus.get(b.id, 4)
        antwoorden.append(Antwoord(deelnemer="a", stelling=s.id, antwoord=niveau))
        antwoorden.append(
            Antwoord(
                deelnemer="b", stelling=s.id, antwoord=min(niveau + 3, 5) if spreiding and b.id in niveaus else niveau
            )
        )
    ambities = [Ambitie(bouwsteen=b, niveau=n) for b, n in (ambitie or {}).items()]
    return bereken(vragenlijst, antwoorden, ambities)


def test_suggestions__are_written_for_the_gemeente_and_pass_S_R_T(
    vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    scan = maak_demo(vragenlijst, zoek_gemeente("Zeist"), 8, VANDAAG, seed=3)
    voorstellen = stel_voor(
        vragenlijst, bibliotheek, bereken_scan(vragenlijst, scan), gemeente="Zeist", vandaag=VANDAAG
    )
    assert 3 <= len(voorstellen) <= 7
    assert len({v.sjabloon for v in voorstellen}) == len(voorstellen)
    for v in voorstellen:
        assert "{gemeente}" not in v.doel.actie and "{nulmeting}" not in (v.doel.notities or "")
        assert v.redenen[0].startswith("Zeist staat op ")
        assert v.doel.deadline is not None and 3 <= (v.doel.deadline - VANDAAG).days / 30.44 <= 24.5
        for letter in "SRT":
            assert v.smart.letter(letter).geslaagd, (v.sjabloon, v.smart.letter(letter).reden)  # type: ignore[arg-type]
    assert [v.prioriteit for v in voorstellen] == sorted((v.prioriteit for v in voorstellen), reverse=True)


def test_largest_gap_to_ambition__comes_first_and_its_next_step_is_chosen(
    vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    uitslag = _ronde(vragenlijst, {"kanaalregie": 1, "kanaalinzet": 3}, {"kanaalregie": 5, "kanaalinzet": 4})
    voorstellen = stel_voor(vragenlijst, bibliotheek, uitslag, gemeente="Ede", vandaag=VANDAAG)
    assert voorstellen[0].bouwsteen == "kanaalregie"
    assert voorstellen[0].stap_van == 1
    assert {v.bouwsteen for v in voorstellen} >= {"kanaalregie", "kanaalinzet"}
    inzet = next(v for v in voorstellen if v.bouwsteen == "kanaalinzet")
    assert inzet.stap_van == 3


def test_kern__weighs_more_than_aanvullend_with_the_same_gap(
    vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    uitslag = _ronde(vragenlijst, {"kanaalinrichting": 2, "procesinrichting_ict": 2})
    voorstellen = stel_voor(vragenlijst, bibliotheek, uitslag, gemeente="Ede", vandaag=VANDAAG, aantal=3)
    volgorde = [v.bouwsteen for v in voorstellen]
    assert volgorde.index("kanaalinrichting") < volgorde.index("procesinrichting_ict")


def test_foundation__goes_before_what_rests_on_it(vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek) -> None:
    uitslag = _ronde(
        vragenlijst,
        {"heldere_doelen": 2, "datagestuurde_interactie": 3},
        {"heldere_doelen": 4, "datagestuurde_interactie": 5},
    )
    voorstellen = stel_voor(vragenlijst, bibliotheek, uitslag, gemeente="Ede", vandaag=VANDAAG)
    volgorde = [v.bouwsteen for v in voorstellen]
    assert volgorde.index("heldere_doelen") < volgorde.index("datagestuurde_interactie")
    data = next(v for v in voorstellen if v.bouwsteen == "datagestuurde_interactie")
    assert any("eerst Heldere doelen" in r for r in data.redenen)


def test_disagreement__lowers_confidence_and_says_so(vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek) -> None:
    uitslag = _ronde(vragenlijst, {"kanaalsturing": 1}, {"kanaalsturing": 4}, spreiding=True)
    v = next(
        v
        for v in stel_voor(vragenlijst, bibliotheek, uitslag, gemeente="Ede", vandaag=VANDAAG)
        if v.bouwsteen == "kanaalsturing"
    )
    assert v.vertrouwen == "laag"
    assert v.twijfel is not None and "niet eens" in v.twijfel


def test_baseline_entered__fills_the_goal_and_skipped_templates_are_not_suggested_again(
    vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    uitslag = _ronde(vragenlijst, {"kanaalinzet": 1}, {"kanaalinzet": 3})
    eerste = stel_voor(vragenlijst, bibliotheek, uitslag, gemeente="Ede", vandaag=VANDAAG)
    inzet = next(v for v in eerste if v.bouwsteen == "kanaalinzet")
    met_nul = stel_voor(
        vragenlijst, bibliotheek, uitslag, gemeente="Ede", vandaag=VANDAAG, nulmetingen={inzet.sjabloon: 40}
    )
    assert next(v for v in met_nul if v.sjabloon == inzet.sjabloon).doel.nulmeting == 40
    zonder = stel_voor(
        vragenlijst, bibliotheek, uitslag, gemeente="Ede", vandaag=VANDAAG, uitgesloten=frozenset({inzet.sjabloon})
    )
    assert inzet.sjabloon not in {v.sjabloon for v in zonder}


def test_everything_at_level_5__suggests_nothing(vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek) -> None:
    uitslag = _ronde(vragenlijst, {b.id: 5 for b in vragenlijst.bouwstenen})
    assert stel_voor(vragenlijst, bibliotheek, uitslag, gemeente="Ede", vandaag=VANDAAG) == []


@settings(max_examples=20)
@given(seed=st.integers(0, 10_000), aantal=st.integers(-5, 20))
def test_any_round__gives_between_3_and_7_unique_suggestions_when_there_is_room(
    vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek, seed: int, aantal: int
) -> None:
    scan = maak_demo(vragenlijst, zoek_gemeente("Utrecht"), 6, VANDAAG, seed=seed)
    voorstellen = stel_voor(
        vragenlijst, bibliotheek, bereken_scan(vragenlijst, scan), gemeente="Utrecht", vandaag=VANDAAG, aantal=aantal
    )
    assert len(voorstellen) == min(max(aantal, 3), 7)
    assert len({v.sjabloon for v in voorstellen}) == len(voorstellen)


@pytest.mark.parametrize(
    ("datum", "maanden", "verwacht"),
    [(dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)), (dt.date(2026, 11, 22), 14, dt.date(2028, 1, 22))],
)
def test_plus_maanden__clips_to_the_end_of_the_month(datum: dt.date, maanden: int, verwacht: dt.date) -> None:
    assert plus_maanden(datum, maanden) == verwacht
