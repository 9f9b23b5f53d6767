"""Aggregate ``bespreekpunten``: the facilitator's marks on the agenda ("later", "geparkeerd").

Layer: ``scan/db``. One row per marked stelling of a round; no row means unmarked. The agenda's
time settings live with the installation settings (``werk.instellingen``), one key per round.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from scan.db.repository import upsert
from scan.db.tabellen import BespreekpuntRij
from scoring.agenda import MARKERINGEN, Markering
from scoring.tijd import nu


class Bespreekpunten:
    def __init__(self, s: Session) -> None:
        self._s = s

    def markeringen(self, ronde_id: int) -> dict[str, Markering]:
        """The marks per stelling of a round."""
        rijen = self._s.execute(
            select(BespreekpuntRij.stelling, BespreekpuntRij.status).where(BespreekpuntRij.ronde_id == ronde_id)
        ).all()
        return {stelling: status for stelling, status in rijen if status in MARKERINGEN}  # CHECK constraint

    def markeer(self, ronde_id: int, stelling: str, markering: Markering | None) -> None:
        """Set the mark of ``stelling`` (one statement, whatever was there), or take it off (``None``)."""
        if markering is None:
            self._s.execute(
                delete(BespreekpuntRij).where(
                    BespreekpuntRij.ronde_id == ronde_id, BespreekpuntRij.stelling == stelling
                )
            )
            return
        upsert(
            self._s,
            BespreekpuntRij,
            {"ronde_id": ronde_id, "stelling": stelling, "status": markering, "gewijzigd_op": nu()},
            ["ronde_id", "stelling"],
            ["status", "gewijzigd_op"],
        )
