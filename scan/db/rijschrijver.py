"""The one row writer for whole rounds: the import of an exchange file and the demo both store a
``Scan`` through here, so a new column of an answer (or of any record) is written in one place.

Layer: ``scan/db``. The caller has checked and cleaned the scans (``uitwisseling.controleer_import``
and ``scoring.scantekst``; the demo makes valid scans); this module only turns them into rows, in
a few multi-row statements: ``importeer`` used to add ORM objects one by one (about 90 ms a
round on SQLite and 170 ms on PostgreSQL), too slow for the demo's hundreds of rounds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from scan.db.benchmark import Benchmark
from scan.db.tabellen import (
    AmbitieRij,
    AntwoordRij,
    Base,
    ConsensusRij,
    DeelnemerRij,
    DoelRij,
    GemeenteRij,
    HerstemmingRij,
    NalevingRij,
    NotitieRij,
    RondeRij,
    StapRij,
    VastgesteldeAmbitieRij,
)
from scan.leesmodellen import DeelnemerInfo, RondeInfo
from scoring import tekst as tekstregel
from scoring.uitwissel import Doel, Scan, als_utc
from scoring.vergelijking import Kerncijfers

DOELVELDEN = tuple(n for n in Doel.model_fields if n != "id")
"""The fields of a goal in the exchange format that are columns of ``doelen`` by the same name."""


@dataclass(frozen=True)
class TeSchrijven:
    """One round to store, with what the file does not say."""

    scan: Scan
    code: str
    """The new join code."""
    moment: dt.datetime
    """Creation moment of the round's rows, and the change moment of records the file gives none."""
    kerncijfers: Kerncijfers | None = None
    """Stored beside a closed round (the benchmark reads these)."""
    afgerond_op: dt.datetime | None = None
    extra_facilitator: str | None = None
    """A cleaned name added as facilitator when the scan has none, so someone can open the round."""
    doelen_door: str | None = None
    """``gewijzigd_door`` of the round's goals."""


@dataclass(frozen=True)
class Geschreven:
    ronde: RondeInfo
    deelnemers: dict[str, DeelnemerInfo]
    """By exchange id; the added facilitator under ``""``."""


def _tabel(model: type[Base]) -> Table:
    # Core on the table, not the ORM bulk path: tens of thousands of plain rows per batch.
    return Base.metadata.tables[model.__tablename__]


class RijSchrijver:
    def __init__(self, s: Session) -> None:
        self._s = s

    def schrijf(self, rondes: Sequence[TeSchrijven], *, token: Callable[[], str]) -> list[Geschreven]:
        """Insert ``rondes`` with all their records in this unit of work; ``token`` makes each
        participant's personal-link secret."""
        if not rondes:
            return []
        namen = dict(
            self._s.execute(
                select(GemeenteRij.gm_code, GemeenteRij.naam).where(
                    GemeenteRij.gm_code.in_({r.scan.gemeente.gm_code for r in rondes})
                )
            ).all()
        )
        ronde_rijen = [
            {
                "code": r.code,
                "gm_code": r.scan.gemeente.gm_code,
                "datum": r.scan.scanronde.datum,
                "omschrijving": r.scan.scanronde.omschrijving,
                "vragenlijst_id": r.scan.vragenlijst.id,
                "vragenlijst_versie": r.scan.vragenlijst.versie,
                "status": r.scan.scanronde.status,
                "fictief": r.scan.fictief,
                "extern_id": r.scan.scanronde.id,
                "aangemaakt_op": r.moment,
                "afgerond_op": r.afgerond_op,
                "modus": r.scan.scanronde.modus,
                "op_naam": r.scan.scanronde.op_naam,
            }
            for r in rondes
        ]
        ronde_ids = self._s.scalars(
            insert(RondeRij).returning(RondeRij.id, sort_by_parameter_order=True), ronde_rijen
        ).all()
        deelnemer_rijen: list[dict[str, Any]] = []
        for rid, r in zip(ronde_ids, rondes, strict=True):
            personen = [(d.id, d.naam, d.rol, d.functie, d.discipline) for d in r.scan.deelnemers]
            if r.extra_facilitator and not any(d.rol == "facilitator" for d in r.scan.deelnemers):
                personen.append(("", r.extra_facilitator, "facilitator", None, None))
            deelnemer_rijen.extend(
                {
                    "ronde_id": rid,
                    "naam": naam,
                    "naam_sleutel": tekstregel.sleutel(naam),
                    "rol": rol,
                    "functie": functie,
                    "discipline": discipline,
                    "token": token(),
                    "extern_id": extern or None,
                    "aangemaakt_op": r.moment,
                }
                for extern, naam, rol, functie, discipline in personen
            )
        deelnemer_ids = self._s.scalars(
            insert(DeelnemerRij).returning(DeelnemerRij.id, sort_by_parameter_order=True), deelnemer_rijen
        ).all()
        per_deelnemer = iter(zip(deelnemer_ids, deelnemer_rijen, strict=True))
        antwoorden: list[dict[str, Any]] = []
        ambities: list[dict[str, Any]] = []
        vastgesteld: list[dict[str, Any]] = []
        consensus: list[dict[str, Any]] = []
        notities: list[dict[str, Any]] = []
        doelen: list[dict[str, Any]] = []
        naleving: list[dict[str, Any]] = []
        herstemmingen: list[dict[str, Any]] = []
        stappen: list[dict[str, Any]] = []
        geschreven: list[Geschreven] = []
        for rid, r, ronde_rij in zip(ronde_ids, rondes, ronde_rijen, strict=True):
            infos: dict[str, DeelnemerInfo] = {}
            aantal = len(r.scan.deelnemers) + (
                1 if r.extra_facilitator and not any(d.rol == "facilitator" for d in r.scan.deelnemers) else 0
            )
            for _ in range(aantal):
                did, rij = next(per_deelnemer)
                infos[rij["extern_id"] or ""] = DeelnemerInfo(
                    id=did, naam=rij["naam"], rol=rij["rol"], functie=rij["functie"], token=rij["token"]
                )
            ids = {extern: info.id for extern, info in infos.items()}
            antwoorden.extend(
                {
                    "ronde_id": rid,
                    "deelnemer_id": ids[a.deelnemer],
                    "stelling": a.stelling,
                    "antwoord": None if a.antwoord is None else str(a.antwoord),
                    "toelichting": a.toelichting,
                    "zekerheid": a.zekerheid,
                    "gewijzigd_op": als_utc(a.gewijzigd) or r.moment,
                }
                for a in r.scan.antwoorden
            )
            # A facilitated session (issue 16): second votes beside the first, and its parts.
            herstemmingen.extend(
                {
                    "ronde_id": rid,
                    "deelnemer_id": ids[h.deelnemer],
                    "stelling": h.stelling,
                    "antwoord": str(h.antwoord),
                    "gewijzigd_op": als_utc(h.gewijzigd) or r.moment,
                }
                for h in r.scan.herstemmingen
            )
            stappen.extend(
                {
                    "ronde_id": rid,
                    "volgnummer": st.volgnummer,
                    "bouwsteen": st.bouwsteen,
                    "stelling": st.stelling,
                    "herstemming": st.herstemming,
                    "geopend_op": als_utc(st.geopend_op),
                    "onthuld_op": als_utc(st.onthuld_op),
                    "timer_vanaf": als_utc(st.timer_vanaf),
                }
                for st in r.scan.samen_stappen
            )
            for amb in r.scan.ambities:
                rij = {
                    "ronde_id": rid,
                    "bouwsteen": amb.bouwsteen,
                    "niveau": amb.niveau,
                    "toelichting": amb.toelichting,
                    "gewijzigd_op": r.moment,
                }
                if amb.deelnemer is None:
                    vastgesteld.append(rij)
                else:
                    ambities.append(rij | {"deelnemer_id": ids[amb.deelnemer]})
            consensus.extend(
                {
                    "ronde_id": rid,
                    "stelling": c.stelling,
                    "niveau": c.niveau,
                    "toelichting": c.toelichting,
                    "vastgesteld_door": c.vastgesteld_door,
                    "vastgesteld_op": als_utc(c.vastgesteld_op) or r.moment,
                    # The ORM's version counter starts at 1; a bulk insert has to set it itself.
                    "versie": 1,
                }
                for c in r.scan.consensus
            )
            notities.extend(
                {"ronde_id": rid, "bouwsteen": n.bouwsteen, "tekst": n.tekst, "aangemaakt_op": r.moment}
                for n in r.scan.notities
            )
            doelen.extend(
                {
                    "ronde_id": rid,
                    "sleutel": d.id,
                    "besluit": "geaccepteerd",
                    "gewijzigd_door": r.doelen_door,
                    "gewijzigd_op": r.moment,
                    "versie": 1,
                    **{v: getattr(d, v) for v in DOELVELDEN},
                }
                for d in r.scan.doelen
            )
            naleving.extend(
                {
                    "ronde_id": rid,
                    "item": n.item,
                    "status": n.status,
                    "notitie": n.notitie,
                    "gewijzigd_door": None,
                    "gewijzigd_op": r.moment,
                    "versie": 1,
                }
                for n in r.scan.naleving
            )
            gemeente = namen.get(r.scan.gemeente.gm_code, r.scan.gemeente.gm_code)
            ronde = RondeInfo(
                id=rid,
                code=ronde_rij["code"],
                gm_code=ronde_rij["gm_code"],
                gemeente=gemeente,
                datum=ronde_rij["datum"],
                omschrijving=ronde_rij["omschrijving"],
                vragenlijst_id=ronde_rij["vragenlijst_id"],
                vragenlijst_versie=ronde_rij["vragenlijst_versie"],
                status=ronde_rij["status"],
                fictief=ronde_rij["fictief"],
            )
            geschreven.append(Geschreven(ronde=ronde, deelnemers=infos))
        for tabel, rijen in (
            (AntwoordRij, antwoorden),
            (AmbitieRij, ambities),
            (VastgesteldeAmbitieRij, vastgesteld),
            (ConsensusRij, consensus),
            (NotitieRij, notities),
            (DoelRij, doelen),
            (NalevingRij, naleving),
            (HerstemmingRij, herstemmingen),
            (StapRij, stappen),
        ):
            self._voeg_toe(_tabel(tabel), rijen)
        benchmark = Benchmark(self._s)
        for rid, r in zip(ronde_ids, rondes, strict=True):
            if r.scan.scanronde.status == "afgerond" and r.kerncijfers is not None:
                benchmark.bewaar_kerncijfers(rid, r.kerncijfers)
        return geschreven

    def _voeg_toe(self, tabel: Table, rijen: Sequence[dict[str, Any]]) -> None:
        """Insert ``rijen`` (all with the same keys, every NOT NULL column given) in this transaction.

        On PostgreSQL through COPY: psycopg's ``executemany`` sends one INSERT per row, and COPY
        took the whole demo from 52 s to 39 s. SQLite's ``executemany`` already binds rows in C.
        """
        if not rijen:
            return
        verbinding = self._s.connection()
        if verbinding.dialect.name != "postgresql":
            self._s.execute(insert(tabel), rijen)
            return
        kolommen = list(rijen[0])
        psycopg_verbinding = verbinding.connection.driver_connection
        assert psycopg_verbinding is not None
        with (
            psycopg_verbinding.cursor() as cursor,
            cursor.copy(f"COPY {tabel.name} ({', '.join(kolommen)}) FROM STDIN") as kopie,
        ):
            for rij in rijen:
                kopie.write_row([rij[k] for k in kolommen])
