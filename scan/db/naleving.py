"""Aggregate ``naleving``: the werkgroep's answers to the compliance check of a round (issue 15,
point 5), one per legal duty.

Layer: ``scan/db``. As consensus: every change is saved against the version the facilitator
saw; the versioned ``UPDATE ... WHERE versie = :gezien`` (or the unique ``INSERT``) fails when
another writer won the race, and the unit of work then ends in ``scan.fouten.Botsing``. These
rows never reach the scoring engine (``Rondes.scoregegevens`` does not read them).
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from scan.db.tabellen import NalevingRij
from scan.fouten import Botsing
from scan.leesmodellen import NalevingInfo
from scoring.tijd import nu


def _info(rij: NalevingRij) -> NalevingInfo:
    return NalevingInfo(
        item=rij.item,
        status=rij.status,
        notitie=rij.notitie,
        gewijzigd_door=rij.gewijzigd_door,
        gewijzigd_op=rij.gewijzigd_op,
        versie=rij.versie,
    )


class Naleving:
    def __init__(self, s: Session) -> None:
        self._s = s

    def _rij(self, ronde_id: int, item: str) -> NalevingRij | None:
        return self._s.scalar(select(NalevingRij).where(NalevingRij.ronde_id == ronde_id, NalevingRij.item == item))

    def van_ronde(self, ronde_id: int) -> dict[str, NalevingInfo]:
        """Every answer of the round, per item."""
        rijen = self._s.scalars(select(NalevingRij).where(NalevingRij.ronde_id == ronde_id))
        return {r.item: _info(r) for r in rijen}

    def lees(self, ronde_id: int, item: str) -> NalevingInfo | None:
        rij = self._rij(ronde_id, item)
        return _info(rij) if rij else None

    def zet(
        self, ronde_id: int, item: str, *, versie: int | None, status: str, notitie: str | None, door: str
    ) -> NalevingInfo:
        """Record the answer over ``versie``, the version the use case checked (``None``: a new row)."""
        if versie is None:
            rij = NalevingRij(ronde_id=ronde_id, item=item)
            self._s.add(rij)
        else:
            gevonden = self._rij(ronde_id, item)
            if gevonden is None or gevonden.versie != versie:
                raise Botsing()
            rij = gevonden
        rij.status = status
        rij.notitie = notitie
        rij.gewijzigd_door = door
        rij.gewijzigd_op = nu()
        self._s.flush()
        return _info(rij)

    def wis(self, ronde_id: int, item: str, versie: int) -> None:
        """Remove the answer, only at ``versie``: a newer one stays and the unit of work ends in ``Botsing``."""
        weg = self._s.execute(
            delete(NalevingRij).where(
                NalevingRij.ronde_id == ronde_id, NalevingRij.item == item, NalevingRij.versie == versie
            )
        )
        if weg.rowcount != 1:  # type: ignore[attr-defined]  # a CursorResult for a DELETE
            raise Botsing()
