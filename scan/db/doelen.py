"""Aggregate ``doelen``: the improvement goals of a round, each with its decision and version.

Layer: ``scan/db``. Reads give read models (``scan.leesmodellen.DoelInfo``); every write bumps
the row's version (``version_id_col``), so a write that another unit of work beat ends the unit
of work in ``scan.fouten.Botsing``. Whether a write may happen (round open, role, the version the
user saw) is the service's rule (``scan.services.doelen``), checked on what it loaded here.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from scan.db.tabellen import DoelRij, RondeRij
from scan.leesmodellen import Besluit, DoelInfo, RondeInfo
from scoring.tijd import nu
from scoring.uitwissel import Doel, PdcaFase

VELDEN = (
    "bouwsteen",
    "titel",
    "actie",
    "indicator",
    "eenheid",
    "nulmeting",
    "nulmeting_uiterlijk",
    "streefwaarde",
    "bron",
    "eigenaar",
    "draagvlak",
    "richting",
    "deadline",
    "status",
    "sjabloon",
    "notities",
)
"""The goal's content as stored: the columns of ``doelen`` that are fields of ``Doel``."""


def _doel(rij: DoelRij) -> Doel:
    return Doel.model_validate({"id": rij.sleutel, **{v: getattr(rij, v) for v in VELDEN}})


def _info(rij: DoelRij) -> DoelInfo:
    return DoelInfo(
        sleutel=rij.sleutel,
        besluit=rij.besluit,  # CHECK constraint: voorgesteld | geaccepteerd | afgewezen
        doel=_doel(rij),
        versie=rij.versie,
        gewijzigd_door=rij.gewijzigd_door,
        gewijzigd_op=rij.gewijzigd_op,
    )


class Doelen:
    def __init__(self, s: Session) -> None:
        self._s = s

    def _rij(self, ronde_id: int, sleutel: str) -> DoelRij | None:
        return self._s.scalar(select(DoelRij).where(DoelRij.ronde_id == ronde_id, DoelRij.sleutel == sleutel))

    def _bestaand(self, ronde_id: int, sleutel: str) -> DoelRij:
        rij = self._rij(ronde_id, sleutel)
        if rij is None:
            raise LookupError(f"doel {sleutel!r} van ronde {ronde_id} bestaat niet")  # the service read it just now
        return rij

    def _klaar(self, rij: DoelRij, door: str) -> DoelInfo:
        rij.gewijzigd_door = door
        rij.gewijzigd_op = nu()
        self._s.flush()
        return _info(rij)

    def van_ronde(self, ronde_id: int) -> dict[str, DoelInfo]:
        """Every goal of the round by key, in the order they were first stored."""
        rijen = self._s.scalars(select(DoelRij).where(DoelRij.ronde_id == ronde_id).order_by(DoelRij.id))
        return {r.sleutel: _info(r) for r in rijen}

    def lees(self, ronde_id: int, sleutel: str) -> DoelInfo | None:
        rij = self._rij(ronde_id, sleutel)
        return _info(rij) if rij is not None else None

    def bewaar(self, ronde_id: int, doel: Doel, besluit: Besluit, door: str) -> DoelInfo:
        """Store ``doel`` (key ``doel.id``) with ``besluit``: a new row, or the content of the existing one replaced."""
        rij = self._rij(ronde_id, doel.id)
        if rij is None:
            rij = DoelRij(ronde_id=ronde_id, sleutel=doel.id)
            self._s.add(rij)
        for veld in VELDEN:
            setattr(rij, veld, getattr(doel, veld))
        rij.besluit = besluit
        return self._klaar(rij, door)

    def zet_besluit(self, ronde_id: int, sleutel: str, besluit: Besluit, door: str) -> DoelInfo:
        rij = self._bestaand(ronde_id, sleutel)
        rij.besluit = besluit
        return self._klaar(rij, door)

    def zet_fase(self, ronde_id: int, sleutel: str, status: PdcaFase, notities: str | None, door: str) -> DoelInfo:
        rij = self._bestaand(ronde_id, sleutel)
        rij.status = status
        rij.notities = notities
        return self._klaar(rij, door)

    def verwijder(self, ronde_id: int, sleutel: str) -> None:
        self._s.delete(self._bestaand(ronde_id, sleutel))
        self._s.flush()

    def eerder_vastgesteld(self, ronde: RondeInfo, vragenlijst_versie: str) -> list[tuple[int, dt.date, list[Doel]]]:
        """Earlier rounds of ``ronde``'s gemeente on ``vragenlijst_versie`` (oldest first, up to its
        date), each with its accepted goals (possibly none)."""
        eerdere = self._s.execute(
            select(RondeRij.id, RondeRij.datum)
            .where(
                RondeRij.gm_code == ronde.gm_code,
                RondeRij.id != ronde.id,
                RondeRij.datum <= ronde.datum,
                RondeRij.vragenlijst_versie == vragenlijst_versie,
            )
            .order_by(RondeRij.datum, RondeRij.id)
        ).all()
        return [
            (
                ronde_id,
                datum,
                [
                    _doel(r)
                    for r in self._s.scalars(
                        select(DoelRij)
                        .where(DoelRij.ronde_id == ronde_id, DoelRij.besluit == "geaccepteerd")
                        .order_by(DoelRij.id)
                    )
                ],
            )
            for ronde_id, datum in eerdere
        ]
