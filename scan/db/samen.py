"""Aggregate of a facilitated session (issue 16): the round's mode and naming, the parts the
facilitator opened (``samen_stappen``), the second votes (``herstemmingen``), certainty and
discipline as the session's views read them.

Layer: ``scan/db``. The phones and the projector poll ``signaal`` every second, so it is one
small indexed query; the rest runs when something changed.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select, true, update
from sqlalchemy.orm import Session

from scan.db.repository import upsert
from scan.db.tabellen import AntwoordRij, DeelnemerRij, HerstemmingRij, RondeRij, StapRij
from scoring.samen import Stap


def _stap(rij: StapRij) -> Stap:
    return Stap.model_construct(
        volgnummer=rij.volgnummer,
        bouwsteen=rij.bouwsteen,
        stelling=rij.stelling,
        herstemming=rij.herstemming,
        geopend_op=rij.geopend_op,
        onthuld_op=rij.onthuld_op,
        timer_vanaf=rij.timer_vanaf,
    )


class Samen:
    def __init__(self, s: Session) -> None:
        self._s = s

    # --- the round's mode ---

    def modus(self, ronde_id: int) -> tuple[str, bool] | None:
        """(mode, names shown to the facilitator) of the round; ``None`` when it is gone."""
        rij = self._s.execute(select(RondeRij.modus, RondeRij.op_naam).where(RondeRij.id == ronde_id)).first()
        return None if rij is None else (rij[0], bool(rij[1]))

    def zet_modus(self, ronde_id: int, modus: str) -> None:
        self._s.execute(update(RondeRij).where(RondeRij.id == ronde_id).values(modus=modus))

    def zet_op_naam(self, ronde_id: int, op_naam: bool) -> None:
        self._s.execute(update(RondeRij).where(RondeRij.id == ronde_id).values(op_naam=op_naam))

    def signaal(self, ronde_id: int) -> tuple[str, int, bool] | None:
        """What a phone or projector polls: (mode, number of the current part (0: none), revealed).
        One query on the round's primary key and the parts' index."""
        laatste = (
            select(StapRij.volgnummer, StapRij.onthuld_op)
            .where(StapRij.ronde_id == ronde_id)
            .order_by(StapRij.volgnummer.desc())
            .limit(1)
            .subquery()
        )
        rij = self._s.execute(
            select(RondeRij.modus, laatste.c.volgnummer, laatste.c.onthuld_op)
            .outerjoin(laatste, true())
            .where(RondeRij.id == ronde_id)
        ).first()
        if rij is None:
            return None
        return rij[0], rij[1] or 0, rij[2] is not None

    # --- the parts ---

    def stappen(self, ronde_id: int) -> list[Stap]:
        rijen = self._s.scalars(select(StapRij).where(StapRij.ronde_id == ronde_id).order_by(StapRij.volgnummer))
        return [_stap(r) for r in rijen]

    def huidige(self, ronde_id: int) -> Stap | None:
        rij = self._s.scalars(
            select(StapRij).where(StapRij.ronde_id == ronde_id).order_by(StapRij.volgnummer.desc()).limit(1)
        ).first()
        return None if rij is None else _stap(rij)

    def open(
        self, ronde_id: int, *, bouwsteen: str | None, stelling: str | None, herstemming: bool, moment: dt.datetime
    ) -> Stap:
        volgnummer = (self._s.scalar(select(func.max(StapRij.volgnummer)).where(StapRij.ronde_id == ronde_id)) or 0) + 1
        rij = StapRij(
            ronde_id=ronde_id,
            volgnummer=volgnummer,
            bouwsteen=bouwsteen,
            stelling=stelling,
            herstemming=herstemming,
            geopend_op=moment,
        )
        self._s.add(rij)
        self._s.flush()
        return _stap(rij)

    def onthul(self, ronde_id: int, volgnummer: int, moment: dt.datetime) -> None:
        self._s.execute(
            update(StapRij)
            .where(StapRij.ronde_id == ronde_id, StapRij.volgnummer == volgnummer, StapRij.onthuld_op.is_(None))
            .values(onthuld_op=moment)
        )

    def herstart_timer(self, ronde_id: int, volgnummer: int, moment: dt.datetime) -> None:
        self._s.execute(
            update(StapRij)
            .where(StapRij.ronde_id == ronde_id, StapRij.volgnummer == volgnummer)
            .values(timer_vanaf=moment)
        )

    def herstemde_stellingen(self, ronde_id: int) -> set[str]:
        """Stellingen for which a re-vote was opened (at most one each)."""
        return set(
            self._s.scalars(select(StapRij.stelling).where(StapRij.ronde_id == ronde_id, StapRij.herstemming.is_(True)))
        )

    def stemstaat(self, ronde_id: int, deelnemer_id: int, stelling: str) -> tuple[str, bool, str, bool] | None:
        """What a first vote's save checks, in one query (it runs on every click): the round's
        status, whether ``deelnemer_id`` is still in it, the round's mode, and whether a re-vote of
        ``stelling`` was ever opened. ``None`` when the round is gone. Share-locks the round's row
        as ``rondes.status_en_lid`` does, so closing or revealing waits for this unit of work."""
        herstemd = (
            select(StapRij.volgnummer)
            .where(StapRij.ronde_id == RondeRij.id, StapRij.stelling == stelling, StapRij.herstemming.is_(True))
            .exists()
        )
        rij = self._s.execute(
            select(RondeRij.status, DeelnemerRij.id, RondeRij.modus, herstemd)
            .outerjoin(DeelnemerRij, (DeelnemerRij.ronde_id == RondeRij.id) & (DeelnemerRij.id == deelnemer_id))
            .where(RondeRij.id == ronde_id)
            .with_for_update(read=True, of=RondeRij)
        ).first()
        return None if rij is None else (rij[0], rij[1] is not None, rij[2], bool(rij[3]))

    def is_herstemd(self, ronde_id: int, stelling: str) -> bool:
        """Whether a re-vote of ``stelling`` was ever opened (asked on every first-vote save)."""
        return (
            self._s.scalar(
                select(StapRij.volgnummer)
                .where(StapRij.ronde_id == ronde_id, StapRij.stelling == stelling, StapRij.herstemming.is_(True))
                .limit(1)
            )
            is not None
        )

    # --- the second vote ---

    def zet_herstemming(
        self, ronde_id: int, deelnemer_id: int, stelling: str, antwoord: str, moment: dt.datetime
    ) -> None:
        upsert(
            self._s,
            HerstemmingRij,
            {
                "ronde_id": ronde_id,
                "deelnemer_id": deelnemer_id,
                "stelling": stelling,
                "antwoord": antwoord,
                "gewijzigd_op": moment,
            },
            ["deelnemer_id", "stelling"],
            ["antwoord", "gewijzigd_op"],
        )

    def mijn_herstemmingen(self, deelnemer_id: int) -> dict[str, str]:
        rijen = self._s.execute(
            select(HerstemmingRij.stelling, HerstemmingRij.antwoord).where(HerstemmingRij.deelnemer_id == deelnemer_id)
        )
        return {str(s): str(a) for s, a in rijen}

    def herstemmingen(self, ronde_id: int) -> list[tuple[int, str, str]]:
        """(deelnemer, stelling, answer) of every second vote in the round."""
        rijen = self._s.execute(
            select(HerstemmingRij.deelnemer_id, HerstemmingRij.stelling, HerstemmingRij.antwoord).where(
                HerstemmingRij.ronde_id == ronde_id
            )
        )
        return [(d, s, a) for d, s, a in rijen]

    # --- what the session's views read ---

    def eerste_stemmen(self, ronde_id: int, stellingen: set[str] | None = None) -> list[tuple[int, str, str]]:
        """(deelnemer, stelling, answer) of the first votes given (of ``stellingen`` only, when given)."""
        vraag = select(AntwoordRij.deelnemer_id, AntwoordRij.stelling, AntwoordRij.antwoord).where(
            AntwoordRij.ronde_id == ronde_id, AntwoordRij.antwoord.is_not(None)
        )
        if stellingen is not None:
            vraag = vraag.where(AntwoordRij.stelling.in_(stellingen))
        return [(d, s, a) for d, s, a in self._s.execute(vraag) if a is not None]

    def zekerheden(self, ronde_id: int) -> list[tuple[str, str | None, str | None]]:
        """(stelling, answer, certainty) of every first vote of the round."""
        rijen = self._s.execute(
            select(AntwoordRij.stelling, AntwoordRij.antwoord, AntwoordRij.zekerheid).where(
                AntwoordRij.ronde_id == ronde_id
            )
        )
        return [(s, a, z) for s, a, z in rijen]

    def disciplines(self, ronde_id: int) -> list[tuple[int, str | None, str | None]]:
        """(deelnemer, function, chosen discipline) of everyone in the round."""
        rijen = self._s.execute(
            select(DeelnemerRij.id, DeelnemerRij.functie, DeelnemerRij.discipline).where(
                DeelnemerRij.ronde_id == ronde_id
            )
        )
        return [(d, f, c) for d, f, c in rijen]

    def zet_discipline(self, deelnemer_id: int, discipline: str | None) -> None:
        self._s.execute(update(DeelnemerRij).where(DeelnemerRij.id == deelnemer_id).values(discipline=discipline))
