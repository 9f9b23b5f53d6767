"""Aggregate ``deelnemers``: the people in a round (participants and facilitators) and their links.

Layer: ``scan/db``. A participant's identity is the token in their personal link; ``sessie``
turns it into the read model ``scan.leesmodellen.Sessie`` (round and participant together).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from scan.db.repository import deelnemer_info, ronde_info
from scan.db.tabellen import DeelnemerRij, GemeenteRij, RondeRij
from scan.leesmodellen import Sessie


class Deelnemers:
    def __init__(self, s: Session) -> None:
        self._s = s

    def sessie(self, token: str) -> Sessie | None:
        """Who holds ``token``: their round and themselves, or ``None`` for an unknown token."""
        rij = self._s.execute(
            select(DeelnemerRij, RondeRij, GemeenteRij.naam)
            .join(RondeRij, DeelnemerRij.ronde_id == RondeRij.id)
            .join(GemeenteRij, RondeRij.gm_code == GemeenteRij.gm_code)
            .where(DeelnemerRij.token == token)
        ).first()
        if rij is None:
            return None
        deelnemer, ronde, naam = rij
        return Sessie(ronde=ronde_info(ronde, naam), deelnemer=deelnemer_info(deelnemer))

    # --- doelen ---
    def rol(self, ronde_id: int, deelnemer_id: int) -> str | None:
        """The role of ``deelnemer_id`` in round ``ronde_id`` as stored now; ``None`` when not (or no longer) in it."""
        return self._s.scalar(
            select(DeelnemerRij.rol).where(DeelnemerRij.id == deelnemer_id, DeelnemerRij.ronde_id == ronde_id)
        )
