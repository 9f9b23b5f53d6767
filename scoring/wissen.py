"""Rules for removing personal data (issue 18, items 1 and 2): names replaced by a role inside free
text, the pseudonyms of a round past its retention period, and when that period ends.

Layer: ``scoring/`` (pure, stdlib only). The database layer applies these rules to the columns of a
round; they live here so they can be tested on their own (with hypothesis).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable

ROL_DEELNEMER = "een deelnemer"
ROL_FACILITATOR = "de facilitator"

STANDAARD_BEWAARTERMIJN_MAANDEN = 24
"""Months after a round closed that its personal data is kept (``SCAN_BEWAARTERMIJN_MAANDEN``)."""

BINNENKORT_DAGEN = 30
"""Rounds whose retention period ends within this many days are listed as 'soon'."""

MIN_NAAM_IN_TEKST = 3
"""A shorter name (an initial, 'Jo') is not searched inside free text: it would change ordinary
words. Where a whole field holds exactly that name (``*_door``), it is still replaced."""


def rol_van(rol: str) -> str:
    """The words that take the place of a person's name: their role in the round."""
    return ROL_FACILITATOR if rol == "facilitator" else ROL_DEELNEMER


def _patroon(namen: Iterable[str]) -> re.Pattern[str] | None:
    delen = []
    for naam in sorted({" ".join(n.split()) for n in namen if n and n.strip()}, key=len, reverse=True):
        if len(naam) < MIN_NAAM_IN_TEKST:
            continue
        delen.append(r"\s+".join(re.escape(woord) for woord in naam.split(" ")))
    if not delen:
        return None
    # Whole names only: not inside a longer word ("Jan" stays in "Janssen", "januari").
    return re.compile(r"(?<!\w)(?:" + "|".join(delen) + r")(?!\w)", re.IGNORECASE)


def vervang_namen(
    tekst: str | None,
    namen: Iterable[str],
    door: str,
    *,
    heel_veld: bool = False,
    behalve: Iterable[str] = (),
) -> str | None:
    """``tekst`` with every whole, case-insensitive occurrence of one of ``namen`` replaced by ``door``.

    A field that holds nothing but one of the names (also a short one) becomes ``door``. Runs of
    white space inside a name match any white space ("Anna  de Vries" as "Anna de Vries").
    ``heel_veld``: only that whole-field match (a field that names one person, such as
    ``vastgesteld_door``: erasing "Anna" must not turn "Anna de Vries" into "een deelnemer de Vries").
    ``behalve``: other people's names that stay whole where they contain one of ``namen``.
    """
    if tekst is None:
        return None
    namen = [n for n in namen if n and n.strip()]
    gevouwen = " ".join(tekst.split()).casefold()
    if any(gevouwen == " ".join(n.split()).casefold() for n in namen):
        return door
    if heel_veld:
        return tekst
    patroon = _patroon(namen)
    if patroon is None:
        return tekst
    # Other people's longer names that hold an erased name ("Anna de Vries" when "Anna" goes) are
    # set aside first and put back after.
    bewaard: list[str] = []
    weg = {" ".join(n.split()).casefold() for n in namen}
    langer = [
        b for b in behalve if b and " ".join(b.split()).casefold() not in weg and patroon.search(b) and _patroon([b])
    ]
    if langer:
        anderen = _patroon(langer)
        assert anderen is not None

        def zet_apart(m: re.Match[str]) -> str:
            bewaard.append(m.group(0))
            return f"\x00{len(bewaard) - 1}\x00"

        tekst = anderen.sub(zet_apart, tekst)
    tekst = patroon.sub(door, tekst)
    return re.sub("\x00(\\d+)\x00", lambda m: bewaard[int(m.group(1))], tekst) if bewaard else tekst


def pseudoniem(volgnummer: int) -> str:
    """The name a participant gets when the round's retention period ended: 'Deelnemer 1', ..."""
    return f"Deelnemer {volgnummer}"


def bewaartermijn_uit(waarde: str | None) -> int:
    """Months from ``SCAN_BEWAARTERMIJN_MAANDEN``: a whole number of at least 1; the default when unset.

    Raises ``ValueError`` with a Dutch message for anything else: a typo must not silently keep
    (or erase) data.
    """
    if waarde is None or not waarde.strip():
        return STANDAARD_BEWAARTERMIJN_MAANDEN
    try:
        maanden = int(waarde.strip())
    except ValueError:
        raise ValueError(
            f"SCAN_BEWAARTERMIJN_MAANDEN='{waarde.strip()[:20]}' is geen geheel aantal maanden (bijvoorbeeld 24)."
        ) from None
    if not 1 <= maanden <= 1200:
        raise ValueError(f"SCAN_BEWAARTERMIJN_MAANDEN={maanden}: kies 1 tot 1200 maanden.")
    return maanden


def plus_maanden(moment: dt.datetime, maanden: int) -> dt.datetime:
    """``moment`` plus whole calendar months; the 31st becomes the month's last day where needed."""
    maand = moment.month - 1 + maanden
    jaar = moment.year + maand // 12
    maand = maand % 12 + 1
    dag = min(moment.day, calendar.monthrange(jaar, maand)[1])
    return moment.replace(year=jaar, month=maand, day=dag)


def verloopt_op(afgerond_op: dt.datetime, maanden: int) -> dt.datetime:
    """When the personal data of a round closed at ``afgerond_op`` is due for removal."""
    return plus_maanden(afgerond_op, maanden)


def grens(nu: dt.datetime, maanden: int) -> dt.datetime:
    """Rounds closed at or before this moment are due now."""
    return plus_maanden(nu, -maanden)
