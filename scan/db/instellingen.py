"""Aggregate ``instellingen``: small named values of the installation (a key and its text).

Layer: ``scan/db``. Used for the beheer secret's hash, the database id, the agenda of a round
and refusal counters; a value is text, its meaning belongs to the service that owns the key.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from scan.db.tabellen import InstellingRij
from scoring.tijd import nu


class Instellingen:
    def __init__(self, s: Session) -> None:
        self._s = s

    def lees(self, sleutel: str, *, voor_wijziging: bool = False) -> str | None:
        """The value of ``sleutel``; ``voor_wijziging`` locks the row until the unit of work ends."""
        if voor_wijziging:
            rij = self._s.get(InstellingRij, sleutel, with_for_update=True)
            return rij.waarde if rij is not None else None
        return self._s.scalar(select(InstellingRij.waarde).where(InstellingRij.sleutel == sleutel))

    def voeg_toe(self, sleutel: str, waarde: str) -> None:
        """A new key; a concurrent insert of the same key makes the unit of work end in ``Botsing``."""
        self._s.add(InstellingRij(sleutel=sleutel, waarde=waarde, gewijzigd_op=nu()))
        self._s.flush()

    def zet(self, sleutel: str, waarde: str) -> None:
        """Insert or replace the value of ``sleutel``."""
        rij = self._s.get(InstellingRij, sleutel, with_for_update=True)
        if rij is None:
            self.voeg_toe(sleutel, waarde)
        else:
            rij.waarde = waarde
            rij.gewijzigd_op = nu()

    def verwijder(self, sleutel: str) -> None:
        self._s.execute(delete(InstellingRij).where(InstellingRij.sleutel == sleutel))
