"""Aggregate ``gemeenten``: the CBS reference list of municipalities, read only.

Layer: ``scan/db``. A use case that names a gemeente (a refusal, a benchmark group) reads it
here; the list itself is loaded at start (``repository.vul_gemeenten``).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from scan.db.tabellen import GemeenteRij
from scan.leesmodellen import GemeenteKeuze


class Gemeenten:
    def __init__(self, s: Session) -> None:
        self._s = s

    def naam(self, gm_code: str) -> str | None:
        """The name of the gemeente with CBS code ``gm_code``; ``None`` when the list lacks it."""
        return self._s.scalar(select(GemeenteRij.naam).where(GemeenteRij.gm_code == gm_code))

    def keuze(self, gm_code: str) -> GemeenteKeuze | None:
        rij = self._s.get(GemeenteRij, gm_code)
        if rij is None:
            return None
        return GemeenteKeuze(gm_code=rij.gm_code, naam=rij.naam, provincie=rij.provincie, grootteklasse=rij.grootteklasse)
