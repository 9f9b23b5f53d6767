"""Aggregate ``benchmark``: which gemeenten take part in the anonymous benchmark, the stored key
figures of closed rounds (``ronde_scores``), and the rounds a comparison lists.

Layer: ``scan/db``. The benchmark's rules (newest round per gemeente, the minimum group, the
quartiles) live in ``scan.services.vergelijken`` and ``scoring.vergelijking``; here are only
the queries that feed them.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Literal

from sqlalchemy import delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from scan.db.tabellen import BenchmarkDeelnameRij, DeelnemerRij, GemeenteRij, RondeRij, RondeScoreRij
from scan.leesmodellen import DeelnameInfo, PeerCijfers, RondeKort
from scoring import tijd
from scoring.tijd import nu
from scoring.vergelijking import Kerncijfers

Groepering = Literal["grootteklasse", "provincie"]


class Benchmark:
    def __init__(self, s: Session) -> None:
        self._s = s

    # --- taking part --------------------------------------------------------------------------

    def deelname(self, gm_code: str) -> DeelnameInfo:
        rij = self._s.get(BenchmarkDeelnameRij, gm_code)
        return DeelnameInfo(
            gm_code=gm_code,
            neemt_deel=rij is not None,
            sinds=rij.sinds if rij else None,
            door=rij.door if rij else None,
        )

    def deelnemende_gemeenten(self) -> set[str]:
        return set(self._s.scalars(select(BenchmarkDeelnameRij.gm_code)))

    def meld_aan(self, gm_codes: Collection[str], door: str | None) -> None:
        """Opt ``gm_codes`` in (those already in keep their moment and who)."""
        al = self.deelnemende_gemeenten()
        moment = nu()
        self._s.add_all(BenchmarkDeelnameRij(gm_code=gm, door=door, sinds=moment) for gm in sorted(set(gm_codes) - al))

    def meld_af(self, gm_code: str) -> None:
        self._s.execute(delete(BenchmarkDeelnameRij).where(BenchmarkDeelnameRij.gm_code == gm_code))

    def meld_af_door(self, door: str) -> None:
        """Every opt-in made by ``door`` (the demo's own, so real opt-ins stay)."""
        self._s.execute(delete(BenchmarkDeelnameRij).where(BenchmarkDeelnameRij.door == door))

    # --- the key figures of closed rounds -----------------------------------------------------

    def opgeslagen_kerncijfers(self, ronde_ids: Collection[int]) -> dict[int, str]:
        """The stored key figures (JSON) of the rounds in ``ronde_ids`` that have them."""
        if not ronde_ids:
            return {}
        return dict(
            self._s.execute(
                select(RondeScoreRij.ronde_id, RondeScoreRij.kerncijfers).where(
                    RondeScoreRij.ronde_id.in_(list(ronde_ids))
                )
            ).all()
        )

    def bewaar_kerncijfers(self, ronde_id: int, cijfers: Kerncijfers) -> None:
        """Store (or replace) the key figures of a closed round, in one statement."""
        dialect = self._s.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        waarden = {
            "ronde_id": ronde_id,
            "vragenlijst_versie": cijfers.vragenlijst_versie,
            "totaal": cijfers.totaal,
            "kerncijfers": cijfers.model_dump_json(),
            "berekend_op": tijd.nu(),
        }
        stmt = insert(RondeScoreRij).values(**waarden)
        self._s.execute(
            stmt.on_conflict_do_update(
                index_elements=["ronde_id"], set_={k: stmt.excluded[k] for k in waarden if k != "ronde_id"}
            )
        )

    def peers(self, groepering: Groepering, waarde: str, *, fictief: bool, versie: str) -> list[PeerCijfers]:
        """Every closed, scored round of an opted-in gemeente whose ``groepering`` is ``waarde``,
        of the same kind (fictional or real) and questionnaire version."""
        kolom = GemeenteRij.grootteklasse if groepering == "grootteklasse" else GemeenteRij.provincie
        rijen = self._s.execute(
            select(RondeRij.gm_code, RondeRij.datum, RondeRij.id, RondeScoreRij.kerncijfers)
            .join(RondeScoreRij, RondeScoreRij.ronde_id == RondeRij.id)
            .join(GemeenteRij, RondeRij.gm_code == GemeenteRij.gm_code)
            .join(BenchmarkDeelnameRij, BenchmarkDeelnameRij.gm_code == RondeRij.gm_code)
            .where(
                kolom == waarde,
                RondeRij.status == "afgerond",
                RondeRij.fictief == fictief,
                RondeScoreRij.vragenlijst_versie == versie,
            )
        ).all()
        return [PeerCijfers(gm_code=gm, datum=datum, ronde_id=rid, kerncijfers=json) for gm, datum, rid, json in rijen]

    # --- the rounds a comparison lists ---------------------------------------------------------

    def rondes(self, *, gm_codes: Collection[str] | None = None, ids: Collection[int] | None = None) -> list[RondeKort]:
        """Rounds with their gemeente, participant count and stored total, by gemeente name and
        newest first; only those of ``gm_codes`` and with ``ids`` when given."""
        aantal = select(DeelnemerRij.ronde_id, func.count().label("n")).group_by(DeelnemerRij.ronde_id).subquery()
        # Plain columns, not ORM objects: the list of every round (1,710 in a national
        # installation) is read on every rerun of Vergelijken, and building an identity-mapped
        # object per round and gemeente was most of its time.
        vraag = (
            select(
                RondeRij.id,
                RondeRij.gm_code,
                GemeenteRij.naam,
                GemeenteRij.provincie,
                GemeenteRij.grootteklasse,
                RondeRij.datum,
                RondeRij.status,
                RondeRij.fictief,
                RondeRij.vragenlijst_versie,
                aantal.c.n,
                RondeScoreRij.totaal,
            )
            .join(GemeenteRij, RondeRij.gm_code == GemeenteRij.gm_code)
            .outerjoin(aantal, aantal.c.ronde_id == RondeRij.id)
            .outerjoin(RondeScoreRij, RondeScoreRij.ronde_id == RondeRij.id)
            .order_by(GemeenteRij.naam, RondeRij.datum.desc(), RondeRij.id.desc())
        )
        if gm_codes is not None:
            if not gm_codes:
                return []
            vraag = vraag.where(RondeRij.gm_code.in_(sorted(gm_codes)))
        if ids is not None:
            if not ids:
                return []
            vraag = vraag.where(RondeRij.id.in_(sorted(ids)))
        return [
            RondeKort.model_construct(
                id=rid,
                gm_code=gm,
                gemeente=naam,
                provincie=provincie,
                grootteklasse=klasse,
                datum=datum,
                status=status,
                fictief=fictief,
                vragenlijst_versie=versie,
                deelnemers=n or 0,
                totaal=totaal if status == "afgerond" else None,
            )
            for rid, gm, naam, provincie, klasse, datum, status, fictief, versie, n, totaal in self._s.execute(vraag)
        ]
