"""Aggregate ``vastgestelde_ambities``: the werkgroep's agreed ambition per bouwsteen of a round,
read beside the personal ambitions it outweighs.

Layer: ``scan/db``. Changes are saved over the version loaded in the unit of work: the
versioned ``UPDATE``/``DELETE`` or the unique ``INSERT`` fails when another writer won the race,
and the unit of work then ends in ``scan.fouten.Botsing``.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from scan.db.tabellen import AmbitieRij, VastgesteldeAmbitieRij
from scan.fouten import Botsing
from scan.leesmodellen import VastgesteldeAmbitie
from scoring.tijd import nu


def _info(rij: VastgesteldeAmbitieRij) -> VastgesteldeAmbitie:
    return VastgesteldeAmbitie(
        bouwsteen=rij.bouwsteen,
        niveau=rij.niveau,
        toelichting=rij.toelichting,
        gewijzigd_door=rij.gewijzigd_door,
        gewijzigd_op=rij.gewijzigd_op,
        versie=rij.versie,
    )


class VastgesteldeAmbities:
    def __init__(self, s: Session) -> None:
        self._s = s

    def _rij(self, ronde_id: int, bouwsteen: str) -> VastgesteldeAmbitieRij | None:
        return self._s.scalar(
            select(VastgesteldeAmbitieRij).where(
                VastgesteldeAmbitieRij.ronde_id == ronde_id, VastgesteldeAmbitieRij.bouwsteen == bouwsteen
            )
        )

    def van_ronde(self, ronde_id: int) -> dict[str, VastgesteldeAmbitie]:
        rijen = self._s.scalars(select(VastgesteldeAmbitieRij).where(VastgesteldeAmbitieRij.ronde_id == ronde_id))
        return {r.bouwsteen: _info(r) for r in rijen}

    def persoonlijk(self, ronde_id: int) -> list[tuple[str, int]]:
        """(bouwsteen, level) of every personal ambition in the round."""
        rijen = self._s.execute(
            select(AmbitieRij.bouwsteen, AmbitieRij.niveau).where(AmbitieRij.ronde_id == ronde_id)
        ).all()
        return [(b, n) for b, n in rijen]

    def lees(self, ronde_id: int, bouwsteen: str) -> VastgesteldeAmbitie | None:
        rij = self._rij(ronde_id, bouwsteen)
        return _info(rij) if rij else None

    def zet(
        self, ronde_id: int, bouwsteen: str, *, versie: int | None, niveau: int, toelichting: str | None, door: str
    ) -> VastgesteldeAmbitie:
        """Record the agreed ambition over ``versie``, the version the use case checked (``None``: a
        new row); never decided on a fresh read (see ``scan.db.consensus.Consensus.zet``)."""
        if versie is None:
            rij = VastgesteldeAmbitieRij(ronde_id=ronde_id, bouwsteen=bouwsteen)
            self._s.add(rij)
        else:
            gevonden = self._rij(ronde_id, bouwsteen)
            if gevonden is None or gevonden.versie != versie:
                raise Botsing()
            rij = gevonden
        rij.niveau = niveau
        rij.toelichting = toelichting
        rij.gewijzigd_door = door
        rij.gewijzigd_op = nu()
        self._s.flush()
        return _info(rij)

    def wis(self, ronde_id: int, bouwsteen: str, versie: int) -> None:
        """Remove the agreed ambition at ``versie`` (versioned ``DELETE``); another version ends the
        unit of work in ``Botsing``."""
        rij = self._rij(ronde_id, bouwsteen)
        if rij is None or rij.versie != versie:
            raise Botsing()
        self._s.delete(rij)
        self._s.flush()
