"""What the Workshop page and the presenter view show of an agenda (scoring.agenda): the points
to do today, the parked ones, and where the budget runs out in a window of the agenda."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.agenda import Punt, agenda
from tests.unit.test_agenda import punt_lijsten


@given(punt_lijsten(), st.integers(1, 10), st.integers(0, 120))
def test_te_doen_and_geparkeerde__split_the_open_points_in_order(lijst: list[Punt], minuten: int, budget: int) -> None:
    a = agenda(lijst, minuten_per_punt=minuten, budget_minuten=budget)
    assert a.te_doen + a.geparkeerde == a.volgorde  # parked points come last
    assert len(a.te_doen) == a.resterend and len(a.geparkeerde) == a.geparkeerd
    assert a.past <= len(a.te_doen)


@given(punt_lijsten(), st.integers(0, 60), st.integers(0, 5), st.integers(0, 12))
def test_venster__budget_line_before_exactly_the_first_point_that_does_not_fit(
    lijst: list[Punt], budget: int, vanaf: int, aantal: int
) -> None:
    a = agenda(lijst, minuten_per_punt=3, budget_minuten=budget)
    venster = a.venster(vanaf, aantal)
    assert [p for p, _ in venster] == list(a.te_doen[vanaf : vanaf + aantal])
    assert [i + vanaf for i, (_, lijn) in enumerate(venster) if lijn] == (
        [a.past] if vanaf <= a.past < vanaf + len(venster) else []
    )


def _punt(i: int, markering: str | None = None) -> Punt:
    return Punt(stelling=f"s{i}", kern=True, spreiding=2, afstand=0, ver_uiteen=1, markering=markering, volgnummer=i)


@pytest.mark.parametrize(
    ("budget", "vanaf", "lijnen"),
    [
        (6, 0, [False, False, True, False]),  # 2 of 4 fit: the line before the third
        (0, 0, [True, False, False, False]),  # none fits: the line before the first
        (60, 0, [False, False, False, False]),  # all fit: no line
        (6, 1, [False, True, False]),  # the presenter's "after this one" window
    ],
)
def test_venster__examples(budget: int, vanaf: int, lijnen: list[bool]) -> None:
    a = agenda([_punt(i) for i in range(4)] + [_punt(9, "geparkeerd")], minuten_per_punt=3, budget_minuten=budget)
    assert [lijn for _, lijn in a.venster(vanaf, 10)] == lijnen
    assert [p.stelling for p in a.geparkeerde] == ["s9"]
