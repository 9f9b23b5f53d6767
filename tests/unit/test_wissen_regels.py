"""The pure rules of erasure and retention (``scoring.wissen``), with hypothesis."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.wissen import (
    ROL_DEELNEMER,
    STANDAARD_BEWAARTERMIJN_MAANDEN,
    bewaartermijn_uit,
    plus_maanden,
    pseudoniem,
    rol_van,
    verloopt_op,
    vervang_namen,
)

woord = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéëï", min_size=3, max_size=10)
naam = st.lists(woord, min_size=1, max_size=3).map(lambda w: " ".join(x.capitalize() for x in w))
rest = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@given(naam, rest, rest, st.sampled_from([str.lower, str.upper, str.title, lambda x: x]))
def test_a_whole_name_in_any_case_is_gone(n: str, voor: str, na: str, vorm: object) -> None:
    tekst = f"{voor} {vorm(n)} {na}"  # type: ignore[operator]
    uit = vervang_namen(tekst, [n], ROL_DEELNEMER)
    assert uit is not None
    patroon = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, n.split())) + r"(?!\w)", re.IGNORECASE)
    # The role is taken out as a mark that is neither a letter nor a space: as a space, the words on
    # either side could themselves spell the name ("AAB" + role + "AAA" for "Aab Aaa").
    assert not patroon.search(uit.replace(ROL_DEELNEMER, "§"))


@given(naam, rest)
def test_a_text_without_the_name_stays_as_it_is(n: str, tekst: str) -> None:
    if n.casefold() in tekst.casefold():
        return
    assert vervang_namen(tekst, [n], ROL_DEELNEMER) == tekst


def test_only_whole_names__not_inside_longer_words() -> None:
    assert vervang_namen("Jan Janssen in januari", ["Jan"], "X") == "X Janssen in januari"
    assert vervang_namen("Anna  de\nVries belt", ["Anna de Vries"], "X") == "X belt"


def test_a_field_that_is_the_name__also_a_short_one__becomes_the_role() -> None:
    assert vervang_namen("Jo", ["Jo"], "de facilitator") == "de facilitator"
    assert vervang_namen(" JO ", ["Jo"], "de facilitator") == "de facilitator"
    # ... but a short name is not searched inside free text: "jo" would change ordinary words.
    assert vervang_namen("Jo zei: joepie", ["Jo"], "X") == "Jo zei: joepie"
    assert vervang_namen(None, ["Jo"], "X") is None


def test_roles_and_pseudonyms() -> None:
    assert rol_van("facilitator") == "de facilitator"
    assert rol_van("deelnemer") == "een deelnemer"
    assert [pseudoniem(i) for i in (1, 2)] == ["Deelnemer 1", "Deelnemer 2"]


@pytest.mark.parametrize(
    ("waarde", "maanden"), [(None, STANDAARD_BEWAARTERMIJN_MAANDEN), ("", 24), (" 36 ", 36), ("1", 1)]
)
def test_retention_period_from_the_setting(waarde: str | None, maanden: int) -> None:
    assert bewaartermijn_uit(waarde) == maanden


@pytest.mark.parametrize("waarde", ["twee jaar", "0", "-3", "1201", "2.5"])
def test_a_bad_retention_setting_is_refused_in_dutch(waarde: str) -> None:
    with pytest.raises(ValueError, match="SCAN_BEWAARTERMIJN_MAANDEN"):
        bewaartermijn_uit(waarde)


@given(
    st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)),
    st.integers(min_value=1, max_value=1200),
)
def test_the_period_ends_whole_months_later_never_earlier(afgerond: dt.datetime, maanden: int) -> None:
    einde = verloopt_op(afgerond, maanden)
    assert einde > afgerond
    assert (einde.year - afgerond.year) * 12 + einde.month - afgerond.month == maanden
    assert einde.day <= afgerond.day and einde.time() == afgerond.time()


def test_month_ends_clamp() -> None:
    assert plus_maanden(dt.datetime(2024, 1, 31, tzinfo=dt.UTC), 1).date() == dt.date(2024, 2, 29)
    assert plus_maanden(dt.datetime(2026, 3, 31, tzinfo=dt.UTC), -1).date() == dt.date(2026, 2, 28)


def test_a_field_naming_one_person_changes_only_when_it_is_the_erased_name() -> None:
    assert vervang_namen("Anna de Vries", ["Anna"], "X", heel_veld=True) == "Anna de Vries"
    assert vervang_namen("anna", ["Anna"], "X", heel_veld=True) == "X"
    assert vervang_namen("Gesproken met Anna", ["Anna"], "X", heel_veld=True) == "Gesproken met Anna"


@given(naam, naam, rest)
def test_another_person_s_longer_name_that_holds_the_erased_one_stays_whole(n: str, extra: str, na: str) -> None:
    ander = f"{n} {extra}"
    tekst = f"{n} sprak met {ander}. {na}"
    uit = vervang_namen(tekst, [n], "X", behalve=[ander])
    assert uit is not None and uit.startswith(f"X sprak met {ander}.")
