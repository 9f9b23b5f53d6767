"""Aggregate ``deelnemers``: the participants of a round, facilitators included.

Layer: ``scan/db``. Returns read models (``scan.leesmodellen``), never rows.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from scan.db import repository as repo
from scan.db.tabellen import DeelnemerRij
from scan.leesmodellen import DeelnemerInfo, Sessie


class Deelnemers:
    def __init__(self, s: Session) -> None:
        self._s = s

    # --- vergelijk area ---

    def nieuw(
        self,
        *,
        ronde_id: int,
        naam: str,
        naam_sleutel: str,
        rol: str,
        token: str,
        functie: str | None = None,
        email: str | None = None,
    ) -> DeelnemerInfo:
        """A new participant; a name key or token already in the round ends the unit of work in ``Botsing``."""
        rij = DeelnemerRij(
            ronde_id=ronde_id, naam=naam, naam_sleutel=naam_sleutel, rol=rol, functie=functie, email=email, token=token
        )
        self._s.add(rij)
        self._s.flush()
        return repo.deelnemer_info(rij)

    def facilitator_token(self, ronde_id: int, email: str | None) -> str | None:
        """The token of the round's first facilitator (with address ``email`` when given)."""
        vraag = select(DeelnemerRij.token).where(DeelnemerRij.ronde_id == ronde_id, DeelnemerRij.rol == "facilitator")
        if email:
            vraag = vraag.where(DeelnemerRij.email == email)
        return self._s.scalar(vraag.order_by(DeelnemerRij.id).limit(1))

    def naam_sleutels(self, ronde_id: int) -> set[str]:
        return set(self._s.scalars(select(DeelnemerRij.naam_sleutel).where(DeelnemerRij.ronde_id == ronde_id)))

    def zet_email(self, deelnemer_id: int, email: str) -> None:
        rij = self._s.get(DeelnemerRij, deelnemer_id)
        if rij is not None:
            rij.email = email

    def sessie(self, token: str) -> Sessie | None:
        return repo.sessie_voor_token(self._s, token)
