"""Aggregate ``scanrondes``: a municipality's scan at one moment, and its gemeente's name.

Layer: ``scan/db``. Reads give read models (``scan.leesmodellen.RondeInfo``); a lock taken here
(``voor_wijziging``) holds until the unit of work ends, so a check made on what was loaded still
holds when the write commits.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from scan.db.repository import ronde_info
from scan.db.tabellen import (
    AmbitieRij,
    AntwoordRij,
    ConsensusRij,
    DeelnemerRij,
    GemeenteRij,
    RondeRij,
    VastgesteldeAmbitieRij,
)
from scan.leesmodellen import GemeenteKeuze, RondeInfo, ScoreGegevens


class Rondes:
    def __init__(self, s: Session) -> None:
        self._s = s

    def lees(self, ronde_id: int, *, voor_wijziging: bool = False) -> RondeInfo | None:
        """The round with ``ronde_id``; ``voor_wijziging`` locks its row against concurrent writers."""
        stmt = (
            select(RondeRij, GemeenteRij.naam)
            .join(GemeenteRij, RondeRij.gm_code == GemeenteRij.gm_code)
            .where(RondeRij.id == ronde_id)
        )
        if voor_wijziging:
            stmt = stmt.with_for_update(of=RondeRij)
        rij = self._s.execute(stmt).first()
        return None if rij is None else ronde_info(rij[0], rij[1])

    def per_code(self, code: str) -> RondeInfo | None:
        rij = self._s.execute(
            select(RondeRij, GemeenteRij.naam)
            .join(GemeenteRij, RondeRij.gm_code == GemeenteRij.gm_code)
            .where(RondeRij.code == code)
        ).first()
        return None if rij is None else ronde_info(rij[0], rij[1])

    def status_en_lid(self, ronde_id: int, deelnemer_id: int) -> tuple[str, bool] | None:
        """The round's status and whether ``deelnemer_id`` is still in it, in one query (this runs on
        every click); ``None`` when the round is gone. The round's row is share-locked on PostgreSQL,
        so closing it (an update) waits for this unit of work, or this one for the closing."""
        rij = self._s.execute(
            select(RondeRij.status, DeelnemerRij.id)
            .outerjoin(DeelnemerRij, (DeelnemerRij.ronde_id == RondeRij.id) & (DeelnemerRij.id == deelnemer_id))
            .where(RondeRij.id == ronde_id)
            .with_for_update(read=True, of=RondeRij)
        ).first()
        return None if rij is None else (rij[0], rij[1] is not None)

    def gemeente_naam(self, gm_code: str) -> str | None:
        return self._s.scalar(select(GemeenteRij.naam).where(GemeenteRij.gm_code == gm_code))

    # --- deelnemen (Start, Invullen, Resultaten) ---

    def gemeente_keuzes(self) -> list[GemeenteKeuze]:
        """Every gemeente to start a round for, by name."""
        rijen = self._s.scalars(select(GemeenteRij).order_by(GemeenteRij.naam))
        return [
            GemeenteKeuze(gm_code=r.gm_code, naam=r.naam, provincie=r.provincie, grootteklasse=r.grootteklasse)
            for r in rijen
        ]

    # --- vergelijk area: starting a round, and the demo's fictional rounds ---

    def nieuw(
        self,
        *,
        code: str,
        gm_code: str,
        gemeente: str,
        datum: dt.date,
        omschrijving: str | None,
        vragenlijst_id: str,
        vragenlijst_versie: str,
        fictief: bool = False,
    ) -> RondeInfo:
        """A new open round; ``gemeente`` is the name of ``gm_code`` the caller loaded."""
        rij = RondeRij(
            code=code,
            gm_code=gm_code,
            datum=datum,
            omschrijving=omschrijving,
            vragenlijst_id=vragenlijst_id,
            vragenlijst_versie=vragenlijst_versie,
            status="open",
            fictief=fictief,
        )
        self._s.add(rij)
        self._s.flush()
        return ronde_info(rij, gemeente)

    def scoregegevens(self, ronde_id: int) -> ScoreGegevens:
        """What the scoring engine reads of a round: answers given, personal and agreed ambitions,
        agreed levels. Plain columns and ``model_construct``: thousands of rows on every rerun of
        the results page, valid by the database's CHECK constraints."""
        s = self._s
        antwoorden = s.execute(
            select(AntwoordRij.deelnemer_id, AntwoordRij.stelling, AntwoordRij.antwoord).where(
                AntwoordRij.ronde_id == ronde_id, AntwoordRij.antwoord.is_not(None)
            )
        )
        ambities = s.execute(
            select(AmbitieRij.deelnemer_id, AmbitieRij.bouwsteen, AmbitieRij.niveau).where(
                AmbitieRij.ronde_id == ronde_id
            )
        )
        vastgesteld = s.execute(
            select(VastgesteldeAmbitieRij.bouwsteen, VastgesteldeAmbitieRij.niveau).where(
                VastgesteldeAmbitieRij.ronde_id == ronde_id
            )
        )
        consensus = s.execute(
            select(ConsensusRij.stelling, ConsensusRij.niveau).where(ConsensusRij.ronde_id == ronde_id)
        )
        return ScoreGegevens.model_construct(
            antwoorden=tuple((d, st, a) for d, st, a in antwoorden if a is not None),
            ambities=tuple((d, b, n) for d, b, n in ambities),
            vastgesteld=tuple((b, n) for b, n in vastgesteld),
            consensus=tuple((st, n) for st, n in consensus),
        )

    def aantal_fictief(self) -> int:
        return int(self._s.scalar(select(func.count()).select_from(RondeRij).where(RondeRij.fictief.is_(True))) or 0)

    def verwijder_fictief(self) -> int:
        """Delete every fictional round (its rows go by cascade); real rounds are never touched."""
        weg = self.aantal_fictief()
        self._s.execute(delete(RondeRij).where(RondeRij.fictief.is_(True)))
        return weg

    def gemeenten_met_echte(self) -> set[str]:
        """The gemeenten with at least one real (not fictional) round."""
        return set(self._s.scalars(select(RondeRij.gm_code).where(RondeRij.fictief.is_(False)).distinct()))
