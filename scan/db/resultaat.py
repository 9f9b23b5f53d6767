"""Aggregate ``resultaat``: what a round's scores are computed from (answers, ambitions, consensus).

Layer: ``scan/db``. Read as plain values in one read model (``scan.leesmodellen.ScoreInvoer``),
built with ``model_construct``: the rows are valid by the database's CHECK constraints, and the
results page reads thousands of them on every rerun.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from scan.db.tabellen import AmbitieRij, AntwoordRij, ConsensusRij, VastgesteldeAmbitieRij
from scan.leesmodellen import ScoreInvoer


class Resultaat:
    def __init__(self, s: Session) -> None:
        self._s = s

    def invoer(self, ronde_id: int) -> ScoreInvoer:
        antwoorden = self._s.execute(
            select(AntwoordRij.deelnemer_id, AntwoordRij.stelling, AntwoordRij.antwoord).where(
                AntwoordRij.ronde_id == ronde_id, AntwoordRij.antwoord.is_not(None)
            )
        ).all()
        ambities = self._s.execute(
            select(AmbitieRij.deelnemer_id, AmbitieRij.bouwsteen, AmbitieRij.niveau).where(
                AmbitieRij.ronde_id == ronde_id
            )
        ).all()
        consensus = self._s.execute(
            select(ConsensusRij.stelling, ConsensusRij.niveau).where(ConsensusRij.ronde_id == ronde_id)
        ).all()
        vastgesteld = self._s.execute(
            select(VastgesteldeAmbitieRij.bouwsteen, VastgesteldeAmbitieRij.niveau).where(
                VastgesteldeAmbitieRij.ronde_id == ronde_id
            )
        ).all()
        return ScoreInvoer.model_construct(
            antwoorden=tuple((d, st, a) for d, st, a in antwoorden if a is not None),
            ambities=tuple((d, b, n) for d, b, n in ambities),
            consensus=tuple((st, n) for st, n in consensus),
            vastgesteld=tuple((b, n) for b, n in vastgesteld),
        )
