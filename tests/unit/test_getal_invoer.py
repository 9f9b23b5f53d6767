"""Numbers a Dutch werkgroep types on the goals page: "7,5", "1.250", "-3"; anything else refused in Dutch."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scan.fouten import InvoerFout
from scan.services.doelen import lees_getal, toon_getal


@pytest.mark.parametrize(
    ("tekst", "waarde"),
    [
        ("7,5", 7.5),
        ("7.5", 7.5),
        (" -3 ", -3.0),
        (",5", 0.5),
        ("1.250", 1250.0),
        ("1.250,5", 1250.5),
        ("0.125", 0.125),
        ("12\u00a0000", 12000.0),
        ("", None),
        ("  ", None),
    ],
)
def test_dutch_numbers__are_read_as_meant(tekst: str, waarde: float | None) -> None:
    assert lees_getal(tekst, "Nulmeting") == waarde


@pytest.mark.parametrize("tekst", ["abc", "1,2,3", "1e5", "inf", "nan", "7,5%", "--1"])
def test_anything_else__is_refused_naming_the_field(tekst: str) -> None:
    with pytest.raises(InvoerFout, match=r"^Streefwaarde: .* is geen getal"):
        lees_getal(tekst, "Streefwaarde")


@given(
    heel=st.integers(min_value=-(10**9), max_value=10**9),
    decimalen=st.text(alphabet="0123456789", min_size=1, max_size=6),
)
def test_property__a_decimal_comma_number_reads_back_exactly(heel: int, decimalen: str) -> None:
    tekst = f"{heel},{decimalen}" if heel >= 0 else f"-{-heel},{decimalen}"
    verwacht = float(Decimal(tekst.replace(",", ".")))
    assert lees_getal(tekst, "Nulmeting") == verwacht


@pytest.mark.parametrize("tekst", ["1" + "0" * 12 + ",5", "-1" + "0" * 13, "9" * 400, "1" + "0" * 310])
def test_numbers_beyond_the_exchange_range__are_refused_naming_the_field(tekst: str) -> None:
    # The same range as a goal number in an exchange file (scoring.grenzen): |x| <= 10^12.
    with pytest.raises(InvoerFout, match=r"^Nulmeting: .* is te groot"):
        lees_getal(tekst, "Nulmeting")


def test_the_range_limits__are_accepted() -> None:
    assert lees_getal("1.000.000.000.000", "Nulmeting") == 1e12
    assert lees_getal("-1000000000000", "Nulmeting") == -1e12


@given(st.text(alphabet="0123456789,.-+ eEinfaNI", max_size=40))
def test_property__any_typed_text_is_a_finite_number_in_range_or_refused_in_dutch(tekst: str) -> None:
    try:
        waarde = lees_getal(tekst, "Streefwaarde")
    except InvoerFout as fout:
        assert str(fout).startswith("Streefwaarde: ")
        return
    assert waarde is None or (math.isfinite(waarde) and abs(waarde) <= 1e12)


@given(st.floats(min_value=-1e12, max_value=1e12))
def test_property__what_the_page_shows_in_a_field_reads_back_as_the_same_number(waarde: float) -> None:
    # The page fills the field with the stored number: exact, decimal comma, never an exponent.
    getoond = toon_getal(waarde)
    assert "e" not in getoond.lower() and "." not in getoond
    assert lees_getal(getoond, "Nulmeting") == waarde


@pytest.mark.parametrize(("waarde", "getoond"), [(7.5, "7,5"), (1250.0, "1250"), (1e-7, "0,0000001"), (None, "")])
def test_shown_numbers__have_a_comma_and_no_trailing_zeros(waarde: float | None, getoond: str) -> None:
    assert toon_getal(waarde) == getoond
