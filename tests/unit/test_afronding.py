"""The one rounding (scoring/afronding.py): half away from zero on the printed value, everywhere."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports.duiding import getal
from scoring.afronding import afgerond, heel
from scoring.loader import laad_vragenlijst


@pytest.mark.parametrize(
    ("waarde", "cijfers", "verwacht"),
    [
        (62.5, 0, 63.0),
        (61.5, 0, 62.0),
        (48.45, 0, 48.0),
        (-2.5, 0, -3.0),
        (2.675, 2, 2.68),
        (0.45, 1, 0.5),
        (0.0, 1, 0.0),
    ],
)
def test_afgerond__half_away_from_zero_on_the_printed_value(waarde: float, cijfers: int, verwacht: float) -> None:
    assert afgerond(waarde, cijfers) == verwacht


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
def test_heel__symmetric_and_within_half(waarde: float) -> None:
    assert heel(-waarde) == -heel(waarde)
    assert abs(heel(waarde) - waarde) <= 0.5


@given(st.integers(min_value=0, max_value=199))
def test_halves__always_round_up_in_every_place_a_score_is_shown(tweemaal: int) -> None:
    # 62.5 must read 63 in the sentence, the tables (getal with 0 decimals) and the band.
    score = tweemaal / 2
    assert heel(score) == math.floor(score + 0.5)
    assert getal(score, 0) == str(heel(score))


def test_band__follows_the_same_rounding() -> None:
    schaal = laad_vragenlijst().schaal
    grens = schaal.banden[0].bovengrens  # 20: 20.5 rounds to 21, the next band
    assert schaal.band_voor(grens + 0.5).id == schaal.banden[1].id
    assert schaal.band_voor(grens + 0.49).id == schaal.banden[0].id


def test_getal__decimal_comma_and_no_nan() -> None:
    assert getal(2.675, 2) == "2,68"
    assert getal(62.5, 0) == "63"
    assert getal(float("nan")) == "–"
