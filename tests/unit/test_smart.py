"""The SMART check: each letter passes or fails on its own rule, with a Dutch reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from scoring.doelen import DoelenBibliotheek
from scoring.smart import (
    LETTERS,
    NIET_SMART,
    SmartDoel,
    niet_smart_melding,
    niveau_tekst,
    ontbrekend,
    toets,
    toets_doel,
)
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


# --- "nulmeting volgt, uiterlijk <datum>": an indicator never measured yet ---------------------


def _nog_te_meten(uiterlijk: dt.date, **anders: Any) -> Doel:
    return _goed(nulmeting=None, nulmeting_uiterlijk=uiterlijk, **anders)


def test_baseline_to_follow__a_date_before_the_deadline_makes_the_goal_measurable_without_numbers() -> None:
    # The library's "Een eerste meting van de klanttevredenheid" has no target: none is invented.
    doel = _nog_te_meten(dt.date(2027, 3, 1), streefwaarde=None, eenheid="rapportcijfer (1-10)")
    uitslag = toets(doel, vandaag=VANDAAG)
    assert uitslag.geslaagd, [o.reden for o in uitslag.oordelen if not o.geslaagd]


@pytest.mark.parametrize(
    ("anders", "in_reden"),
    [
        ({"nulmeting_uiterlijk": dt.date(2026, 11, 21)}, "die datum is voorbij"),
        ({"nulmeting_uiterlijk": dt.date(2027, 11, 2)}, "na de deadline (01-11-2027)"),
        ({"nulmeting_uiterlijk": dt.date(2027, 3, 1), "bron": None}, "de bron van de cijfers"),
        ({"nulmeting_uiterlijk": dt.date(2027, 3, 1), "indicator": " "}, "de indicator"),
    ],
)
def test_baseline_to_follow__a_date_in_the_past_or_after_the_deadline_fails_m_with_a_reason(
    anders: dict[str, Any], in_reden: str
) -> None:
    gezakt = _gezakt(_goed(nulmeting=None, **anders))
    assert set(gezakt) == {"M"}
    assert in_reden in gezakt["M"]


def test_baseline__without_a_number_or_a_date__says_both_ways_out() -> None:
    assert "de nulmeting (of de datum waarop die uiterlijk volgt)" in _gezakt(_goed(nulmeting=None))["M"]


def test_baseline__a_number_and_a_date_together_are_refused_by_the_model() -> None:
    with pytest.raises(ValidationError, match="niet allebei"):
        _goed(nulmeting=50, nulmeting_uiterlijk=dt.date(2027, 1, 1))


@given(
    uiterlijk=st.integers(min_value=-400, max_value=900),
    deadline=st.one_of(st.none(), st.integers(min_value=-400, max_value=900)),
    streef=st.one_of(st.none(), st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)),
)
def test_property__baseline_to_follow_passes_m_exactly_when_the_date_is_from_today_up_to_the_deadline(
    uiterlijk: int, deadline: int | None, streef: float | None
) -> None:
    datum = VANDAAG + dt.timedelta(days=uiterlijk)
    einde = None if deadline is None else VANDAAG + dt.timedelta(days=deadline)
    doel = _nog_te_meten(datum, deadline=einde, streefwaarde=streef)
    m = toets(doel, vandaag=VANDAAG).letter("M")
    verwacht = datum >= VANDAAG and (einde is None or datum <= einde)
    assert m.geslaagd == verwacht, m.reden
    if not m.geslaagd:
        assert datum.strftime("%d-%m-%Y") in m.reden


@given(
    uiterlijk=st.integers(min_value=0, max_value=700),
    streef=st.one_of(st.none(), st.floats(min_value=0, max_value=100, allow_nan=False)),
    dagen=st.integers(min_value=-100, max_value=1500),
)
def test_property__baseline_to_follow_never_fails_r_on_a_missing_baseline(
    uiterlijk: int, streef: float | None, dagen: int
) -> None:
    # The rate cap of R needs a baseline; without one it must not guess (or crash).
    doel = _nog_te_meten(
        VANDAAG + dt.timedelta(days=uiterlijk), streefwaarde=streef, deadline=VANDAAG + dt.timedelta(days=dagen)
    )
    uitslag = toets(doel, vandaag=VANDAAG)
    assert "procentpunt" not in uitslag.letter("R").reden
    assert len(uitslag.oordelen) == 5


def test_reasons__use_the_dutch_decimal_comma() -> None:
    gezakt = _gezakt(_goed(), niveau=1.6, stap_van=3, horizon=12)
    assert "staat nu op 1,6;" in gezakt["R"]
    assert "Van 10,5% naar 90,5%" in _gezakt(_goed(nulmeting=10.5, streefwaarde=90.5))["R"]


# --- the gate: accepted only when all five pass (scoring.smart.toets_doel / niet_smart_melding) ---


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
