"""Aggregate ``deelnemers``: the people in a round (participants and facilitators) and their links.

Layer: ``scan/db``. A participant's identity is the token in their personal link; ``sessie``
turns it into the read model ``scan.leesmodellen.Sessie`` (round and participant together).
"""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from scan.db.repository import deelnemer_info, ronde_info
from scan.db.tabellen import AmbitieRij, AntwoordRij, DeelnemerRij, GemeenteRij, HerstemmingRij, RondeRij
from scan.leesmodellen import DeelnemerInfo, Lid, Sessie


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

    # --- deelnemen (Start, Invullen, Resultaten) ---

    def aantal(self, ronde_id: int) -> int:
        """How many people take part in the round, facilitators included."""
        return int(
            self._s.scalar(select(func.count()).select_from(DeelnemerRij).where(DeelnemerRij.ronde_id == ronde_id)) or 0
        )

    # --- vergelijk area: a facilitator who starts or opens a round as a signed-in person ---

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
        return deelnemer_info(rij)

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

    # --- doelen ---
    def rol(self, ronde_id: int, deelnemer_id: int) -> str | None:
        """The role of ``deelnemer_id`` in round ``ronde_id`` as stored now; ``None`` when not (or no longer) in it."""
        return self._s.scalar(
            select(DeelnemerRij.rol).where(DeelnemerRij.id == deelnemer_id, DeelnemerRij.ronde_id == ronde_id)
        )

    # --- workshop area ---

    def lid(self, deelnemer_id: int) -> Lid | None:
        """The participant as stored now, with their round and the row's version."""
        rij = self._s.get(DeelnemerRij, deelnemer_id)
        return None if rij is None else Lid(ronde_id=rij.ronde_id, deelnemer=deelnemer_info(rij), versie=rij.versie)

    def tokens(self, ronde_id: int) -> dict[int, str]:
        """The personal-link token of everyone in the round, per participant id."""
        rijen = self._s.execute(select(DeelnemerRij.id, DeelnemerRij.token).where(DeelnemerRij.ronde_id == ronde_id))
        return {i: token for i, token in rijen}  # noqa: C416  (rows, not pairs, to mypy)

    def aantal_facilitators(self, ronde_id: int) -> int:
        return (
            self._s.scalar(
                select(func.count())
                .select_from(DeelnemerRij)
                .where(DeelnemerRij.ronde_id == ronde_id, DeelnemerRij.rol == "facilitator")
            )
            or 0
        )

    def naam_met_sleutel(self, ronde_id: int, naam_sleutel: str, *, behalve: int) -> str | None:
        """The name of someone else in the round whose name has key ``naam_sleutel``."""
        return self._s.scalar(
            select(DeelnemerRij.naam).where(
                DeelnemerRij.ronde_id == ronde_id,
                DeelnemerRij.naam_sleutel == naam_sleutel,
                DeelnemerRij.id != behalve,
            )
        )

    def hernoem(self, deelnemer_id: int, naam: str, naam_sleutel: str) -> None:
        """A new name over the row as loaded in this unit of work (versioned ``UPDATE``); the unique
        (ronde, naam_sleutel) or a newer version ends the unit of work in ``Botsing``."""
        rij = self._s.get_one(DeelnemerRij, deelnemer_id)
        rij.naam = naam
        rij.naam_sleutel = naam_sleutel
        self._s.flush()

    def verwijder(self, deelnemer_id: int) -> None:
        """Remove the participant with their answers (and notes), re-votes and personal ambitions.
        These also go by ``ON DELETE CASCADE``; deleted here explicitly so the outcome does not
        depend on the foreign-key pragma of whoever opened a SQLite file."""
        self._s.execute(delete(AntwoordRij).where(AntwoordRij.deelnemer_id == deelnemer_id))
        self._s.execute(delete(HerstemmingRij).where(HerstemmingRij.deelnemer_id == deelnemer_id))
        self._s.execute(delete(AmbitieRij).where(AmbitieRij.deelnemer_id == deelnemer_id))
        self._s.delete(self._s.get_one(DeelnemerRij, deelnemer_id))
        self._s.flush()
