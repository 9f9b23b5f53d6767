"""Aggregate ``scanrondes``: a municipality's scan at one moment, and its gemeente's name.

Layer: ``scan/db``. Reads give read models (``scan.leesmodellen.RondeInfo``); a lock taken here
(``voor_wijziging``) holds until the unit of work ends, so a check made on what was loaded still
holds when the write commits.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, case, cast, delete, func, select, true
from sqlalchemy.orm import Session

from scan.db.benchmark import Benchmark
from scan.db.repository import ronde_info
from scan.db.tabellen import (
    AmbitieRij,
    AntwoordRij,
    ConsensusRij,
    DeelnemerRij,
    GemeenteRij,
    HerstemmingRij,
    RondeRij,
    RondeScoreRij,
    StapRij,
    VastgesteldeAmbitieRij,
)
from scan.db.voorbeeld import VOORBEELD_GM
from scan.leesmodellen import GemeenteKeuze, RondeInfo, ScoreGegevens, Voortgang
from scoring.samen import ZEKERHEDEN, laatste_stemmen
from scoring.tijd import nu
from scoring.uitwissel import ANTWOORDEN
from scoring.vergelijking import Kerncijfers


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
        """Every gemeente to start a round for, by name; never the example's fictional gemeente
        (``scan.db.voorbeeld``), so no real round or role lands there."""
        rijen = self._s.scalars(
            select(GemeenteRij).where(GemeenteRij.gm_code != VOORBEELD_GM).order_by(GemeenteRij.naam)
        )
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
        eerste = [(d, st, a) for d, st, a in antwoorden if a is not None]
        tweede = [
            (d, st, a)
            for d, st, a in s.execute(
                select(HerstemmingRij.deelnemer_id, HerstemmingRij.stelling, HerstemmingRij.antwoord).where(
                    HerstemmingRij.ronde_id == ronde_id
                )
            )
        ]
        herstemd = {st for _, st, _ in tweede}
        return ScoreGegevens.model_construct(
            # What scores is each person's latest vote: the judgement after the discussion.
            antwoorden=tuple(laatste_stemmen(eerste, tweede)) if tweede else tuple(eerste),
            eerste_stemmen=tuple(r for r in eerste if r[1] in herstemd),
            herstemmingen=tuple(tweede),
            ambities=tuple((d, b, n) for d, b, n in ambities),
            vastgesteld=tuple((b, n) for b, n in vastgesteld),
            consensus=tuple((st, n) for st, n in consensus),
        )

    def scorestand(self, ronde_id: int) -> tuple[object, ...] | None:
        """A fingerprint of everything ``scoregegevens``, the *Samen* blinding and the certainties
        (``Samen.zekerheden``) read of a round,
        in one query: it changes whenever any of it does, so a result cached under it is never
        stale (``scan.services.resultaten``).

        Per table the number of rows, the newest change moment and two sums over the values
        (one weighted by row id): an insert or update moves the moment, a delete the count,
        and a changed value the sums even when two writes share a moment. Index scans on
        ``ronde_id`` only; no row leaves the database. ``None`` when the round does not exist.
        """

        def waarde(kolom: Any) -> ColumnElement[int]:
            # An answer as a small number (0: none); levels 1-5 keep their own value.
            return case({a: i for i, a in enumerate(ANTWOORDEN, start=1)}, value=kolom, else_=0)

        delen: list[Any] = []

        def zeker(kolom: Any) -> ColumnElement[int]:
            return case({z: i for i, z in enumerate(ZEKERHEDEN, start=1)}, value=kolom, else_=0)

        def deel(tabel: Any, moment: Any, getal: Any) -> list[Any]:
            rij = (
                select(
                    func.count(),
                    func.max(moment),
                    func.coalesce(func.sum(getal), 0),
                    func.coalesce(func.sum(cast(tabel.id, BigInteger) * getal), 0),
                )
                .where(tabel.ronde_id == ronde_id)
                .subquery()
            )
            delen.append(rij)
            return list(rij.c)

        kolommen = [
            # An answer's certainty (Samen) with it: the discussion view reads it beside the scores.
            *deel(
                AntwoordRij,
                AntwoordRij.gewijzigd_op,
                waarde(AntwoordRij.antwoord) + 8 * zeker(AntwoordRij.zekerheid),
            ),
            *deel(HerstemmingRij, HerstemmingRij.gewijzigd_op, waarde(HerstemmingRij.antwoord)),
            *deel(AmbitieRij, AmbitieRij.gewijzigd_op, AmbitieRij.niveau),
            *deel(VastgesteldeAmbitieRij, VastgesteldeAmbitieRij.gewijzigd_op, VastgesteldeAmbitieRij.niveau),
            *deel(ConsensusRij, ConsensusRij.vastgesteld_op, ConsensusRij.niveau * 1000 + ConsensusRij.versie),
            # The Samen parts decide what is still blind: which part is open, and whether revealed.
            *deel(StapRij, StapRij.volgnummer, case((StapRij.onthuld_op.is_(None), 0), else_=1)),
            select(RondeRij.modus).where(RondeRij.id == ronde_id).scalar_subquery(),
        ]
        # Each part is one aggregate row: their product is one row.
        van = delen[0]
        for volgende in delen[1:]:
            van = van.join(volgende, true())
        rij = tuple(self._s.execute(select(*kolommen).select_from(van)).one())
        return None if rij[-1] is None else rij

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

    # --- workshop area ---

    def zet_status(self, ronde_id: int, status: str) -> None:
        """Open or close the round (lock it first with ``lees(..., voor_wijziging=True)``)."""
        rij = self._s.get_one(RondeRij, ronde_id)
        rij.status = status
        rij.afgerond_op = nu() if status == "afgerond" else None

    def bewaar_kerncijfers(self, ronde_id: int, cijfers: Kerncijfers) -> None:
        # The statement is the benchmark aggregate's (it also reads them back); one place writes the row.
        Benchmark(self._s).bewaar_kerncijfers(ronde_id, cijfers)

    def vergeet_kerncijfers(self, ronde_id: int) -> None:
        self._s.execute(delete(RondeScoreRij).where(RondeScoreRij.ronde_id == ronde_id))

    def toelichtingen(self, ronde_id: int, stelling: str) -> list[tuple[str | None, str]]:
        """The notes on ``stelling`` with the answer each came with (``None``: no choice yet),
        ordered by answer; no names."""
        rijen = self._s.execute(
            select(AntwoordRij.antwoord, AntwoordRij.toelichting)
            .where(
                AntwoordRij.ronde_id == ronde_id,
                AntwoordRij.stelling == stelling,
                AntwoordRij.toelichting.is_not(None),
            )
            .order_by(AntwoordRij.antwoord, AntwoordRij.id)
        ).all()
        return [(a, tekst) for a, tekst in rijen if tekst]

    def voortgang(self, ronde_id: int) -> list[Voortgang]:
        """Who fills in how much, in the order people joined."""
        beantwoord = (
            select(
                AntwoordRij.deelnemer_id,
                func.count(AntwoordRij.antwoord).label("aantal"),
                func.max(AntwoordRij.gewijzigd_op).label("laatst"),
            )
            .where(AntwoordRij.ronde_id == ronde_id)
            .group_by(AntwoordRij.deelnemer_id)
            .subquery()
        )
        ambities = (
            select(AmbitieRij.deelnemer_id, func.count().label("aantal"))
            .where(AmbitieRij.ronde_id == ronde_id)
            .group_by(AmbitieRij.deelnemer_id)
            .subquery()
        )
        rijen = self._s.execute(
            select(DeelnemerRij, beantwoord.c.aantal, beantwoord.c.laatst, ambities.c.aantal)
            .outerjoin(beantwoord, beantwoord.c.deelnemer_id == DeelnemerRij.id)
            .outerjoin(ambities, ambities.c.deelnemer_id == DeelnemerRij.id)
            .where(DeelnemerRij.ronde_id == ronde_id)
            .order_by(DeelnemerRij.aangemaakt_op, DeelnemerRij.id)
        )
        resultaat = []
        for d, aantal, laatst, n_ambities in rijen:
            if isinstance(laatst, dt.datetime) and laatst.tzinfo is None:
                laatst = laatst.replace(tzinfo=dt.UTC)  # SQLite's max() bypasses the column type
            elif isinstance(laatst, str):
                laatst = dt.datetime.fromisoformat(laatst).replace(tzinfo=dt.UTC)
            resultaat.append(
                Voortgang(
                    deelnemer_id=d.id,
                    naam=d.naam,
                    rol=d.rol,
                    functie=d.functie,
                    beantwoord=aantal or 0,
                    ambities=n_ambities or 0,
                    laatst_actief=laatst,
                    versie=d.versie,
                )
            )
        return resultaat

    def presentatie_token(self, ronde_id: int) -> str | None:
        return self._s.scalar(select(RondeRij.presentatie_token).where(RondeRij.id == ronde_id))

    def zet_presentatie_token(self, ronde_id: int, token: str) -> None:
        self._s.get_one(RondeRij, ronde_id).presentatie_token = token

    def per_presentatie_token(self, token: str) -> RondeInfo | None:
        rij = self._s.execute(
            select(RondeRij, GemeenteRij.naam)
            .outerjoin(GemeenteRij, RondeRij.gm_code == GemeenteRij.gm_code)
            .where(RondeRij.presentatie_token == token)
        ).first()
        return None if rij is None else ronde_info(rij[0], rij[1] or rij[0].gm_code)
