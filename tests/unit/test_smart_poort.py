"""The SMART gate: a goal is accepted only when all five letters pass (scoring.smart), with the
template's step and horizon; and the one way a level reads ("2,5", "3,0")."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from scoring.doelen import DoelenBibliotheek
from scoring.smart import NIET_SMART, niet_smart_melding, niveau_tekst, ontbrekend, toets, toets_doel
from scoring.uitwissel import Doel

VANDAAG = dt.date(2026, 11, 22)


def _goed(**anders: Any) -> Doel:
    velden: dict[str, Any] = {
        "id": "eigen_1",
        "bouwsteen": "kanaalregie",
        "titel": "Vragen in één keer goed",
        "actie": "Het KCC van Utrecht beantwoordt vragen over de vijf topproducten in het eerste contact.",
        "indicator": "Aandeel vragen afgehandeld in het eerste contact",
        "eenheid": "%",
        "nulmeting": 55,
        "streefwaarde": 75,
        "bron": "Zaaksysteem, maandrapport van de functioneel beheerder",
        "eigenaar": "Teamleider KCC",
        "draagvlak": "MT en portefeuillehouder dienstverlening",
        "deadline": dt.date(2027, 11, 1),
        "richting": "hoger",
    }
    return Doel(**(velden | anders))


def test_a_smart_goal__may_be_accepted(bibliotheek: DoelenBibliotheek) -> None:
    uitslag = toets_doel(_goed(), bibliotheek, vandaag=VANDAAG, niveau=2.0)
    assert uitslag.geslaagd
    assert ontbrekend(uitslag) == ()
    assert niet_smart_melding(uitslag) is None


@pytest.mark.parametrize(
    ("anders", "letters"),
    [
        ({"actie": "Beter worden."}, ["S"]),
        ({"nulmeting": None}, ["M"]),
        ({"eigenaar": None, "draagvlak": None}, ["A"]),
        ({"deadline": None}, ["T"]),
        ({"deadline": dt.date(2027, 1, 1), "streefwaarde": 56}, ["T"]),
        ({"actie": "Kort.", "bron": None, "eigenaar": None}, ["S", "M", "A"]),
        ({"nulmeting": 10, "streefwaarde": 90, "deadline": dt.date(2027, 5, 22)}, ["R"]),
    ],
)
def test_a_goal_failing_letters__is_refused_with_a_message_naming_each(
    bibliotheek: DoelenBibliotheek, anders: dict[str, Any], letters: list[str]
) -> None:
    uitslag = toets_doel(_goed(**anders), bibliotheek, vandaag=VANDAAG, niveau=2.0)
    assert [o.letter for o in ontbrekend(uitslag)] == letters
    melding = niet_smart_melding(uitslag)
    assert melding is not None and melding.startswith(NIET_SMART)
    for o in ontbrekend(uitslag):
        assert f"{o.letter} ({o.naam}): {o.reden}" in melding
    for o in uitslag.oordelen:
        if o.geslaagd:
            assert f"{o.letter} ({o.naam})" not in melding


@pytest.mark.parametrize(("niveau", "geslaagd"), [(1.4, False), (2.9, False), (3.0, True), (3.6, True), (None, True)])
def test_a_templates_goal__is_checked_with_its_step_and_the_current_level(
    bibliotheek: DoelenBibliotheek, niveau: float | None, geslaagd: bool
) -> None:
    sjabloon = bibliotheek.voor("kanaalregie", van=3)[0]
    doel = _goed(id=sjabloon.id, sjabloon=sjabloon.id)
    uitslag = toets_doel(doel, bibliotheek, vandaag=VANDAAG, niveau=niveau)
    assert uitslag.letter("R").geslaagd is geslaagd
    # The same verdicts as the check with the template's context spelled out.
    assert uitslag == toets(doel, vandaag=VANDAAG, niveau=niveau, stap_van=3, horizon=sjabloon.horizon_maanden)


def test_a_goal_whose_template_left_the_library__is_checked_as_an_own_goal(bibliotheek: DoelenBibliotheek) -> None:
    doel = _goed(sjabloon="bestaat_niet")
    assert toets_doel(doel, bibliotheek, vandaag=VANDAAG, niveau=1.0) == toets(doel, vandaag=VANDAAG, niveau=1.0)


@pytest.mark.parametrize(
    ("niveau", "tekst"), [(None, "–"), (0.0, "0,0"), (2.0, "2,0"), (2.45, "2,5"), (3.04, "3,0"), (5.0, "5,0")]
)
def test_a_level__reads_with_one_decimal_and_a_comma(niveau: float | None, tekst: str) -> None:
    assert niveau_tekst(niveau) == tekst
