"""The SMART check: each letter passes or fails on its own rule, with a Dutch reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from scoring.smart import LETTERS, SmartDoel, toets
from scoring.uitwissel import Doel

VANDAAG = dt.date(2026, 11, 22)


def _goed(**anders: Any) -> Doel:
    velden: dict[str, Any] = {
        "id": "fcr",
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


def _gezakt(doel: Doel, **context: Any) -> dict[str, str]:
    uitslag = toets(doel, vandaag=VANDAAG, **context)
    return {o.letter: o.reden for o in uitslag.oordelen if not o.geslaagd}


def test_a_complete_goal__passes_all_five_letters() -> None:
    uitslag = toets(_goed(), vandaag=VANDAAG, niveau=2.6, stap_van=2, horizon=12)
    assert uitslag.geslaagd
    assert [o.letter for o in uitslag.oordelen] == list(LETTERS)
    assert [o.naam for o in uitslag.oordelen] == ["Specifiek", "Meetbaar", "Acceptabel", "Realistisch", "Tijdsgebonden"]


@pytest.mark.parametrize(
    ("anders", "letter", "in_reden"),
    [
        ({"actie": "Beter worden."}, "S", "minstens 6 woorden"),
        ({"actie": "Het KCC handelt waar mogelijk vragen direct zelf af."}, "S", "'waar mogelijk'"),
        ({"nulmeting": None}, "M", "de nulmeting"),
        ({"bron": " ", "eenheid": None}, "M", "de eenheid en de bron van de cijfers"),
        ({"streefwaarde": 55}, "M", "gelijk aan de nulmeting"),
        ({"streefwaarde": 40}, "M", "hoger beter"),
        ({"richting": "lager"}, "M", "lager beter"),
        ({"eigenaar": None}, "A", "geen eigenaar"),
        ({"draagvlak": None}, "A", "wie het doel steunt"),
        ({"nulmeting": 10, "streefwaarde": 90}, "R", "procentpunt per jaar"),
        ({"deadline": None}, "T", "geen deadline"),
        ({"deadline": dt.date(2027, 1, 1), "streefwaarde": 58}, "T", "minstens 3 maanden"),
        ({"deadline": dt.date(2029, 6, 1)}, "T", "hooguit 24 maanden"),
    ],
)
def test_one_flaw__fails_exactly_its_letter_with_a_reason(anders: dict[str, Any], letter: str, in_reden: str) -> None:
    gezakt = _gezakt(_goed(**anders))
    assert set(gezakt) == {letter}
    assert in_reden in gezakt[letter]


def test_realistic__a_step_above_the_current_level_is_refused() -> None:
    gezakt = _gezakt(_goed(), niveau=1.6, stap_van=3, horizon=12)
    assert set(gezakt) == {"R"}
    assert "zet eerst de stap naar niveau 3" in gezakt["R"]


def test_realistic__much_less_time_than_the_step_needs_is_refused() -> None:
    gezakt = _gezakt(_goed(deadline=dt.date(2027, 3, 1)), horizon=12)
    assert "te krap" in gezakt["R"]


def test_smartdoel__is_pydantic_validation_with_one_error_per_letter() -> None:
    with pytest.raises(ValidationError) as fout:
        SmartDoel.model_validate(_goed(eigenaar=None, deadline=None).model_dump(), context={"vandaag": VANDAAG})
    assert sorted(e["loc"][0] for e in fout.value.errors()) == ["A", "T"]
    SmartDoel.model_validate(_goed().model_dump(), context={"vandaag": VANDAAG})


@given(
    nul=st.floats(min_value=0, max_value=100, allow_nan=False),
    streef=st.floats(min_value=0, max_value=100, allow_nan=False),
    dagen=st.integers(min_value=-100, max_value=1500),
)
def test_any_goal__gets_five_verdicts_and_never_raises(nul: float, streef: float, dagen: int) -> None:
    uitslag = toets(
        _goed(nulmeting=nul, streefwaarde=streef, deadline=VANDAAG + dt.timedelta(days=dagen)), vandaag=VANDAAG
    )
    assert len(uitslag.oordelen) == 5
    assert all(o.reden for o in uitslag.oordelen)


def test_a_template_goal__may_cover_a_new_practice_fast_but_a_free_goal_may_not() -> None:
    snel = {"nulmeting": 0, "streefwaarde": 100, "deadline": dt.date(2027, 5, 22)}
    assert "R" not in _gezakt(_goed(sjabloon="kanaalinzet_kanalenoverzicht", **snel), horizon=6)
    assert "procentpunt per jaar" in _gezakt(_goed(**snel))["R"]


def test_a_deadline_24_calendar_months_ahead__passes_also_across_a_leap_day() -> None:
    uitslag = toets(_goed(deadline=dt.date(2029, 3, 1), nulmeting=55, streefwaarde=60), vandaag=dt.date(2027, 3, 1))
    assert uitslag.letter("T").geslaagd, uitslag.letter("T").reden
