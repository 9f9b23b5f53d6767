"""Time: where the app is, what "today" is, and how a moment reads (one place for all of it).

Layer: ``scoring/`` (pure, stdlib only). Scans happen in the Netherlands, servers often run on
UTC: ``datetime.date.today()`` on such a server is yesterday's date between midnight and one or
two at night Dutch time, which would date a round or a goal's horizon a day early. Everything
that means "today" or shows a moment to a person goes through this module; stored moments are
aware UTC datetimes.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

TIJDZONE = ZoneInfo("Europe/Amsterdam")
"""Where scans happen: exchange-file times without a zone are Dutch local time."""


def nu() -> dt.datetime:
    """This moment, aware, in UTC (how moments are stored)."""
    return dt.datetime.now(dt.UTC)


def vandaag(moment: dt.datetime | None = None) -> dt.date:
    """Today's date in the Netherlands (of ``moment``, or of now)."""
    return (moment or nu()).astimezone(TIJDZONE).date()


def lokaal(moment: dt.datetime) -> dt.datetime:
    """``moment`` in Dutch local time (a naive moment is taken as UTC, as SQLite hands it back)."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).astimezone(TIJDZONE)
