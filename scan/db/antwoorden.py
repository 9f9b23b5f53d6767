"""Aggregate ``antwoorden``: one participant's own answers, notes and personal ambitions.

Layer: ``scan/db``. A choice and its note are saved by separate widgets, so a save writes one
column of the participant's row (an ``INSERT ... ON CONFLICT DO UPDATE`` of that column only):
the one never overwrites the other, whatever order the saves arrive in, and a save is one
statement whatever came before it. Reads run on every click of a participant: plain columns and
``model_construct`` (the rows are valid by the table's constraints), no ORM objects.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from scan.db.repository import upsert
from scan.db.tabellen import AmbitieRij, AntwoordRij
from scan.leesmodellen import MijnAntwoord


class Antwoorden:
    def __init__(self, s: Session) -> None:
        self._s = s

    def van(self, deelnemer_id: int, stelling: str | None = None) -> dict[str, MijnAntwoord]:
        """The participant's answers and notes per stelling (only ``stelling``'s when given: a
        stelling that reruns on its own reads one row, issue 20)."""
        vraag = select(
            AntwoordRij.stelling,
            AntwoordRij.antwoord,
            AntwoordRij.toelichting,
            AntwoordRij.gewijzigd_op,
            AntwoordRij.zekerheid,
        ).where(AntwoordRij.deelnemer_id == deelnemer_id)
        if stelling is not None:
            vraag = vraag.where(AntwoordRij.stelling == stelling)
        rijen = self._s.execute(vraag)
        return {
            stelling: MijnAntwoord.model_construct(
                stelling=stelling,
                antwoord=antwoord,
                toelichting=toelichting,
                gewijzigd_op=gewijzigd_op,
                zekerheid=zekerheid,
            )
            for stelling, antwoord, toelichting, gewijzigd_op, zekerheid in rijen
        }

    def ambities_van(self, deelnemer_id: int) -> dict[str, tuple[int, dt.datetime]]:
        """The participant's ambition per bouwsteen, with when it was saved."""
        rijen = self._s.execute(
            select(AmbitieRij.bouwsteen, AmbitieRij.niveau, AmbitieRij.gewijzigd_op).where(
                AmbitieRij.deelnemer_id == deelnemer_id
            )
        )
        return {b: (n, moment) for b, n, moment in rijen}

    def zet(
        self,
        ronde_id: int,
        deelnemer_id: int,
        stelling: str,
        kolom: Literal["antwoord", "toelichting", "zekerheid"],
        waarde: str | None,
        moment: dt.datetime,
    ) -> None:
        """Set the choice, the note or the certainty of ``stelling``, leaving the other columns as they are."""
        upsert(
            self._s,
            AntwoordRij,
            {
                "ronde_id": ronde_id,
                "deelnemer_id": deelnemer_id,
                "stelling": stelling,
                kolom: waarde,
                "gewijzigd_op": moment,
            },
            ["deelnemer_id", "stelling"],
            [kolom, "gewijzigd_op"],
        )

    def zet_ambitie(self, ronde_id: int, deelnemer_id: int, bouwsteen: str, niveau: int, moment: dt.datetime) -> None:
        """Set the participant's ambition for ``bouwsteen``, leaving its note as it is."""
        upsert(
            self._s,
            AmbitieRij,
            {
                "ronde_id": ronde_id,
                "deelnemer_id": deelnemer_id,
                "bouwsteen": bouwsteen,
                "niveau": niveau,
                "gewijzigd_op": moment,
            },
            ["deelnemer_id", "bouwsteen"],
            ["niveau", "gewijzigd_op"],
        )
