"""Aggregate ``rondes``: scan rounds (table ``scanrondes``).

Layer: ``scan/db``. Returns read models (``scan.leesmodellen``), never rows.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from scan.db import repository as repo
from scan.db.tabellen import RondeRij
from scan.leesmodellen import RondeInfo


class Rondes:
    def __init__(self, s: Session) -> None:
        self._s = s

    # --- vergelijk area ---

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
    ) -> RondeInfo:
        """A new open round; ``gemeente`` is the name its read model carries."""
        rij = RondeRij(
            code=code,
            gm_code=gm_code,
            datum=datum,
            omschrijving=omschrijving,
            vragenlijst_id=vragenlijst_id,
            vragenlijst_versie=vragenlijst_versie,
            status="open",
            fictief=False,
        )
        self._s.add(rij)
        self._s.flush()
        return repo.ronde_info(rij, gemeente)

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
