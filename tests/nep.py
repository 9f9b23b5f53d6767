"""An in-memory stand-in for the database's unit of work, for fast service tests.

Services open ``db.werk()`` / ``db.inzage()`` and reach the aggregates of ``scan.db.werk.Werk``.
``NepDatabase`` offers the same two doors over plain dictionaries: a unit of work works on a copy
of the data and puts it back only when the block ends without an error, so a refused use case
leaves nothing behind, as a rolled-back transaction does. Only what the unit tests need is
here; the integration tests run the real aggregates on SQLite and PostgreSQL.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from scan.fouten import Botsing


@dataclass
class NepStand:
    instellingen: dict[str, str] = field(default_factory=dict)


class NepInstellingen:
    def __init__(self, stand: NepStand) -> None:
        self._d = stand.instellingen

    def lees(self, sleutel: str, *, voor_wijziging: bool = False) -> str | None:
        return self._d.get(sleutel)

    def voeg_toe(self, sleutel: str, waarde: str) -> None:
        if sleutel in self._d:
            raise Botsing()
        self._d[sleutel] = waarde

    def zet(self, sleutel: str, waarde: str) -> None:
        self._d[sleutel] = waarde

    def verwijder(self, sleutel: str) -> None:
        self._d.pop(sleutel, None)


class NepWerk:
    def __init__(self, stand: NepStand) -> None:
        self.instellingen = NepInstellingen(stand)


class NepDatabase:
    """Duck-types ``scan.db.verbinding.Database`` for services that use only ``werk``/``inzage``."""

    url = "nep://"
    is_sqlite = False

    def __init__(self) -> None:
        self.stand = NepStand()
        self.units = 0
        """Units of work opened, so a test can see that a use case is one transaction."""

    @contextmanager
    def werk(self) -> Iterator[NepWerk]:
        self.units += 1
        kopie = copy.deepcopy(self.stand)
        yield NepWerk(kopie)
        self.stand = kopie  # only reached when the block raised nothing: commit

    @contextmanager
    def inzage(self) -> Iterator[NepWerk]:
        self.units += 1
        yield NepWerk(copy.deepcopy(self.stand))
