"""Aggregate ``persoonsgegevens``: everything stored about one participant, for inzage (issue 18).

Layer: ``scan/db``. One read of the participant's own rows (their row in ``deelnemers``, their
answers, personal ambitions and second votes) and of the places in their round where their name
stands as free text (``consensus.vastgesteld_door``, ``vastgestelde_ambities.gewijzigd_door``,
``doelen.gewijzigd_door``, ``naleving.gewijzigd_door``) or where the audit trail names them as
the one who decided (``logboek.wie_deelnemer_id``). Never anything of another participant.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from scan.db.tabellen import (
    AmbitieRij,
    AntwoordRij,
    ConsensusRij,
    DeelnemerRij,
    DoelRij,
    GebeurtenisRij,
    GemeenteRij,
    HerstemmingRij,
    NalevingRij,
    RondeRij,
    VastgesteldeAmbitieRij,
)
from scan.leesmodellen import MijnAmbitie, MijnGegevens, MijnHerstemming, MijnStem, MijnVermelding


class Persoonsgegevens:
    def __init__(self, s: Session) -> None:
        self._s = s

    def van_deelnemer(self, deelnemer_id: int) -> MijnGegevens | None:
        """What is stored about participant ``deelnemer_id``; ``None`` when they are not (or no longer) there."""
        rij = self._s.execute(
            select(DeelnemerRij, RondeRij, GemeenteRij.naam)
            .join(RondeRij, DeelnemerRij.ronde_id == RondeRij.id)
            .join(GemeenteRij, RondeRij.gm_code == GemeenteRij.gm_code)
            .where(DeelnemerRij.id == deelnemer_id)
        ).first()
        if rij is None:
            return None
        d, ronde, gemeente = rij
        antwoorden = self._s.execute(
            select(
                AntwoordRij.stelling,
                AntwoordRij.antwoord,
                AntwoordRij.zekerheid,
                AntwoordRij.toelichting,
                AntwoordRij.gewijzigd_op,
            )
            .where(AntwoordRij.deelnemer_id == d.id)
            .order_by(AntwoordRij.id)
        )
        ambities = self._s.execute(
            select(AmbitieRij.bouwsteen, AmbitieRij.niveau, AmbitieRij.toelichting, AmbitieRij.gewijzigd_op)
            .where(AmbitieRij.deelnemer_id == d.id)
            .order_by(AmbitieRij.id)
        )
        herstemmingen = self._s.execute(
            select(HerstemmingRij.stelling, HerstemmingRij.antwoord, HerstemmingRij.gewijzigd_op)
            .where(HerstemmingRij.deelnemer_id == d.id)
            .order_by(HerstemmingRij.id)
        )
        return MijnGegevens(
            gemeente=gemeente,
            gm_code=ronde.gm_code,
            ronde_code=ronde.code,
            ronde_datum=ronde.datum,
            naam=d.naam,
            rol=d.rol,
            functie=d.functie,
            discipline=d.discipline,
            email=d.email,
            aangemeld_op=d.aangemaakt_op,
            antwoorden=tuple(
                MijnStem(stelling=s, antwoord=a, zekerheid=z, toelichting=t, gewijzigd_op=m)
                for s, a, z, t, m in antwoorden
            ),
            ambities=tuple(
                MijnAmbitie(bouwsteen=b, niveau=n, toelichting=t, gewijzigd_op=m) for b, n, t, m in ambities
            ),
            herstemmingen=tuple(MijnHerstemming(stelling=s, antwoord=a, gewijzigd_op=m) for s, a, m in herstemmingen),
            vermeldingen=self._vermeldingen(d.ronde_id, d.id, d.naam),
        )

    def _vermeldingen(self, ronde_id: int, deelnemer_id: int, naam: str) -> tuple[MijnVermelding, ...]:
        """Where the name stands as free text in the round, and the audit trail's lines about them."""
        vragen = (
            (
                "consensus",
                ConsensusRij.stelling,
                ConsensusRij.vastgesteld_op,
                ConsensusRij.vastgesteld_door,
                ConsensusRij,
            ),
            (
                "vastgestelde_ambitie",
                VastgesteldeAmbitieRij.bouwsteen,
                VastgesteldeAmbitieRij.gewijzigd_op,
                VastgesteldeAmbitieRij.gewijzigd_door,
                VastgesteldeAmbitieRij,
            ),
            ("doel", DoelRij.titel, DoelRij.gewijzigd_op, DoelRij.gewijzigd_door, DoelRij),
            ("naleving", NalevingRij.item, NalevingRij.gewijzigd_op, NalevingRij.gewijzigd_door, NalevingRij),
        )
        gevonden: list[MijnVermelding] = []
        for waar, onderwerp, moment, door, tabel in vragen:
            rijen = self._s.execute(
                select(onderwerp, moment).where(tabel.ronde_id == ronde_id, door == naam).order_by(tabel.id)
            )
            gevonden += [MijnVermelding(waar=waar, onderwerp=o, moment=m) for o, m in rijen]
        regels = self._s.execute(
            select(GebeurtenisRij.handeling, GebeurtenisRij.onderwerp, GebeurtenisRij.moment)
            .where(GebeurtenisRij.wie_deelnemer_id == deelnemer_id)
            .order_by(GebeurtenisRij.id)
        )
        gevonden += [MijnVermelding(waar="logboek", onderwerp=f"{h}: {o}" if o else h, moment=m) for h, o, m in regels]
        return tuple(gevonden)
