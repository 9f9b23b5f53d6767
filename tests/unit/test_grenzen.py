"""Ranges for numbers and dates, and JSON that cannot hurt the reader (issue 13, cases 7 and 8)."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from scoring.grenzen import (
    AMSTERDAM,
    MAX_DIEPTE,
    Datum,
    JsonFout,
    Meetwaarde,
    Ongeldig,
    Tijdstip,
    lees_json,
    ongeldige_waarden,
    te_diep,
)
from scoring.messages import vertaal_pydantic_fout

MEETWAARDE = TypeAdapter(Meetwaarde)
DATUM = TypeAdapter(Datum)
TIJDSTIP = TypeAdapter(Tijdstip)


def _fout(adapter: TypeAdapter[object], waarde: object) -> str:
    with pytest.raises(ValidationError) as info:
        adapter.validate_python(waarde)
    return vertaal_pydantic_fout(info.value.errors()[0], ["nulmeting"])


# --- numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize("waarde", [0.0, -3.0, 7.5, 1e12, -1e12, 0.1 + 0.2, 1e-9, 5])
def test_finite_numbers_within_range__are_kept(waarde: float) -> None:
    assert MEETWAARDE.validate_python(waarde) == waarde


@pytest.mark.parametrize(
    ("waarde", "melding"),
    [
        (math.nan, "NaN is geen getal"),
        (math.inf, "oneindig is geen getal"),
        (-math.inf, "min oneindig is geen getal"),
        (1e308, "is te groot; een getal ligt tussen -10^12 en 10^12"),
        (-1.000001e12, "is te groot"),
        (10**400, "verwacht een getal"),
        (True, "verwacht een getal, gevonden ja/nee-waarde"),
        ("NaN", "verwacht een getal, gevonden tekst"),
        ("7,5", "verwacht een getal, gevonden tekst"),
    ],
)
def test_anything_else__is_refused_in_dutch_naming_the_field(waarde: object, melding: str) -> None:
    tekst = _fout(MEETWAARDE, waarde)
    assert tekst.startswith("nulmeting: ") and melding in tekst


@given(st.floats() | st.integers() | st.booleans() | st.text(max_size=5) | st.none())
def test_property__a_number_is_finite_and_within_range_or_refused(waarde: object) -> None:
    try:
        uit = MEETWAARDE.validate_python(waarde)
    except ValidationError as fout:
        assert vertaal_pydantic_fout(fout.errors()[0], ["x"])  # a Dutch line, never an exception
        return
    assert math.isfinite(uit) and abs(uit) <= 1e12 and not isinstance(waarde, bool)


# --- dates and times ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "waarde",
    ["0001-01-01T00:00:00+00:00", "0001-01-01T00:00:00", "9999-12-31T23:59:59-14:00", "9999-12-31T23:59:59+14:00"],
)
def test_times_outside_2000_2100__are_refused_before_any_conversion(waarde: str) -> None:
    # Converting these to UTC raised OverflowError in the import (issue 13, case 7).
    tekst = _fout(TIJDSTIP, waarde)
    assert "ligt buiten 2000 tot en met 2100" in tekst


@pytest.mark.parametrize("waarde", ["0000-01-01T00:00:00+00:00", "gisteren", "2026-13-01T00:00:00"])
def test_no_time_at_all__is_refused_in_dutch(waarde: str) -> None:
    assert "ongeldige datum" in _fout(TIJDSTIP, waarde)


def test_a_time_without_zone__is_dutch_local_time_and_comes_out_as_utc() -> None:
    assert TIJDSTIP.validate_python("2026-12-07T10:00:00") == dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
    assert TIJDSTIP.validate_python("2026-07-07T10:00:00") == dt.datetime(2026, 7, 7, 8, 0, tzinfo=dt.UTC)


@given(
    st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2100, 12, 31, 23, 59, 59)),
    st.integers(-23 * 60 - 59, 23 * 60 + 59) | st.none(),
)
@example(dt.datetime(2000, 3, 26, 2, 0), None)  # in the spring-forward gap
@example(dt.datetime(2000, 10, 29, 2, 30), None)  # in the autumn fold
def test_property__every_time_in_range_with_any_offset_converts_to_the_same_instant(
    moment: dt.datetime, minuten: int | None
) -> None:
    zone = AMSTERDAM if minuten is None else dt.timezone(dt.timedelta(minutes=minuten))
    geschreven = moment.replace(tzinfo=zone)
    uit = TIJDSTIP.validate_python(geschreven.isoformat() if minuten is not None else moment.isoformat())
    # Compared in UTC: Python never finds a time in a DST gap or fold equal to one in another
    # zone (PEP 495), so 02:00 on the last Sunday of March would never equal its own instant.
    assert uit.tzinfo is dt.UTC and uit == geschreven.astimezone(dt.UTC)


@pytest.mark.parametrize(("waarde", "goed"), [("2000-01-01", True), ("2100-12-31", True), ("1999-12-31", False)])
def test_dates__years_2000_to_2100(waarde: str, goed: bool) -> None:
    if goed:
        assert DATUM.validate_python(waarde) == dt.date.fromisoformat(waarde)
    else:
        assert "jaar 1999 ligt buiten 2000 tot en met 2100" in _fout(DATUM, waarde)


# --- JSON depth --------------------------------------------------------------------------------


def _diepte_naief(tekst: str, grens: int) -> int | str | None:
    """Reference: index of the first bracket deeper than ``grens``; "stop" where JSON has a stray backslash."""
    diepte, in_tekst, escape = 0, False, False
    for i, teken in enumerate(tekst):
        if in_tekst:
            if escape:
                escape = False
            elif teken == "\\":
                escape = True
            elif teken == '"':
                in_tekst = False
        elif teken == "\\":
            return "stop"  # invalid JSON: json.loads stops here, before anything deeper
        elif teken == '"':
            in_tekst = True
        elif teken in "[{":
            diepte += 1
            if diepte > grens:
                return i
        elif teken in "]}":
            diepte -= 1
    return None


@given(st.text(alphabet='[[{{]}"\\ab\nä😀', max_size=120), st.integers(0, 5))
def test_property__depth_and_place_agree_with_a_character_by_character_count(tekst: str, grens: int) -> None:
    verwacht = _diepte_naief(tekst, grens)
    if verwacht == "stop":
        return
    gevonden = te_diep(tekst, grens)
    if verwacht is None:
        assert gevonden is None
    else:
        assert isinstance(verwacht, int)
        regel = tekst.count("\n", 0, verwacht) + 1
        assert gevonden == (regel, verwacht - (tekst.rfind("\n", 0, verwacht) + 1) + 1)


@pytest.mark.parametrize("niveaus", [MAX_DIEPTE + 1, 1_500, 100_000])
def test_deep_json__is_refused_with_line_and_column_before_parsing(niveaus: int) -> None:
    tekst = '{\n  "deelnemers": ' + "[" * niveaus + "]" * niveaus + "\n}"
    with pytest.raises(JsonFout) as info:
        lees_json(tekst)
    assert (info.value.regel, info.value.kolom) == (2, 16 + MAX_DIEPTE)  # "{" on line 1 is level 1
    assert f"te diep genest (meer dan {MAX_DIEPTE} niveaus" in info.value.melding


def test_brackets_inside_strings__do_not_count() -> None:
    tekst = json.dumps({"a": ["[" * 500, "{" * 500 + '\\"[[', "\\"]})
    assert te_diep(tekst) is None
    assert lees_json(tekst) == (json.loads(tekst), False)


def test_nesting_at_the_bound__is_read() -> None:
    tekst = "[" * MAX_DIEPTE + "]" * MAX_DIEPTE
    assert lees_json(tekst)[0] == json.loads(tekst)


# --- JSON literals -----------------------------------------------------------------------------


def test_nan_infinity_and_huge_integers__become_markers_with_their_place() -> None:
    tekst = '{"a": NaN, "b": [1, -Infinity, Infinity, ' + "9" * 5_000 + "], " + '"c": -' + "1" * 31 + "}"
    data, gevonden = lees_json(tekst)
    assert gevonden
    assert [(pad, repr(m)) for pad, m in ongeldige_waarden(data)] == [
        (("a",), "NaN"),
        (("b", 1), "-Infinity"),
        (("b", 2), "Infinity"),
        (("b", 3), "een getal van 5000 cijfers"),
        (("c",), "een getal van 31 cijfers"),
    ]


def test_ordinary_numbers__stay_numbers() -> None:
    data, gevonden = lees_json('{"a": 1e400, "b": -5, "c": ' + "9" * 30 + ', "d": 7.25}')
    assert not gevonden
    assert data == {"a": math.inf, "b": -5, "c": int("9" * 30), "d": 7.25}  # 1e400 is refused by the field's range


json_waarden = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=8),
    lambda kind: st.lists(kind, max_size=4) | st.dictionaries(st.text(max_size=4), kind, max_size=4),
    max_leaves=20,
)


@given(json_waarden)
def test_property__any_json_document_is_read_or_refused_with_a_place(waarde: object) -> None:
    tekst = json.dumps(waarde)  # writes NaN and Infinity as JSON's forbidden literals
    try:
        data, gevonden = lees_json(tekst)
    except JsonFout as fout:
        assert fout.regel >= 1 and fout.kolom >= 1 and "te diep" in fout.melding
        return
    assert gevonden == bool(ongeldige_waarden(data))
    assert all(isinstance(m, Ongeldig) for _, m in ongeldige_waarden(data))


@given(st.text(max_size=60))
def test_property__any_text_is_json_or_a_located_refusal(tekst: str) -> None:
    try:
        lees_json(tekst)
    except JsonFout as fout:
        assert fout.regel >= 1 and fout.kolom >= 1
