"""Aggregate ``consensus``: the level a werkgroep agreed on per stelling of a round.

Layer: ``scan/db``. Every change is saved against the version the facilitator saw: the
versioned ``UPDATE ... WHERE versie = :gezien`` (or the unique ``INSERT``) fails when another
writer won the race, and the unit of work then ends in ``scan.fouten.Botsing``.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from scan.db.tabellen import ConsensusRij
from scan.fouten import Botsing
from scan.leesmodellen import ConsensusInfo
from scoring.tijd import nu


def _info(rij: ConsensusRij) -> ConsensusInfo:
    return ConsensusInfo(
        stelling=rij.stelling,
        niveau=rij.niveau,
        toelichting=rij.toelichting,
        vastgesteld_door=rij.vastgesteld_door,
        vastgesteld_op=rij.vastgesteld_op,
        versie=rij.versie,
    )


class Consensus:
    def __init__(self, s: Session) -> None:
        self._s = s

    def _rij(self, ronde_id: int, stelling: str) -> ConsensusRij | None:
        return self._s.scalar(
            select(ConsensusRij).where(ConsensusRij.ronde_id == ronde_id, ConsensusRij.stelling == stelling)
        )

    def van_ronde(self, ronde_id: int) -> dict[str, ConsensusInfo]:
        """Every agreed level of the round, per stelling."""
        rijen = self._s.scalars(select(ConsensusRij).where(ConsensusRij.ronde_id == ronde_id))
        return {r.stelling: _info(r) for r in rijen}

    def lees(self, ronde_id: int, stelling: str) -> ConsensusInfo | None:
        rij = self._rij(ronde_id, stelling)
        return _info(rij) if rij else None

    def zet(
        self, ronde_id: int, stelling: str, *, versie: int | None, niveau: int, toelichting: str | None, door: str
    ) -> ConsensusInfo:
        """Record the agreed level over ``versie``, the version the use case checked (``None``: a new
        row). Never decided on a fresh read: a row another writer made or changed since then makes
        the unique ``INSERT`` or the versioned ``UPDATE`` fail, and the unit of work ends in ``Botsing``."""
        if versie is None:
            rij = ConsensusRij(ronde_id=ronde_id, stelling=stelling)
            self._s.add(rij)
        else:
            gevonden = self._rij(ronde_id, stelling)
            if gevonden is None or gevonden.versie != versie:
                raise Botsing()
            rij = gevonden
        rij.niveau = niveau
        rij.toelichting = toelichting
        rij.vastgesteld_door = door
        rij.vastgesteld_op = nu()
        self._s.flush()
        return _info(rij)

    def wis(self, ronde_id: int, stelling: str, versie: int) -> None:
        """Remove the agreed level, only at ``versie``: a newer one stays, and the unit of work ends
        in ``Botsing``."""
        weg = self._s.execute(
            delete(ConsensusRij).where(
                ConsensusRij.ronde_id == ronde_id, ConsensusRij.stelling == stelling, ConsensusRij.versie == versie
            )
        )
        if weg.rowcount != 1:  # type: ignore[attr-defined]  # a CursorResult for a DELETE
            raise Botsing()
