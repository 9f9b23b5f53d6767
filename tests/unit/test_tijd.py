"""One "today" and one time zone (scoring/tijd.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from scoring.tijd import TIJDZONE, lokaal, vandaag


@pytest.mark.parametrize(
    ("utc", "datum"),
    [
        (dt.datetime(2026, 12, 6, 23, 30, tzinfo=dt.UTC), dt.date(2026, 12, 7)),  # winter: UTC+1
        (dt.datetime(2026, 7, 1, 22, 30, tzinfo=dt.UTC), dt.date(2026, 7, 2)),  # summer: UTC+2
        (dt.datetime(2026, 7, 1, 21, 59, tzinfo=dt.UTC), dt.date(2026, 7, 1)),
    ],
)
def test_vandaag__is_the_dutch_date_also_on_a_utc_server(utc: dt.datetime, datum: dt.date) -> None:
    assert vandaag(utc) == datum


def test_lokaal__naive_is_utc_and_the_zone_is_amsterdam() -> None:
    moment = lokaal(dt.datetime(2026, 12, 7, 13, 3))
    assert (moment.hour, moment.tzinfo) == (14, TIJDZONE)
