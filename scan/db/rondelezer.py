"""Aggregate ``rondelezer``: a whole round read back as an exchange-format ``Scan``.

Layer: ``scan/db``. Every report and file export starts from this read (through
``scan.services.uitwisseling.exporteer``), so the PDF, Excel, CSV and JSON all show the same data.
The round's and participants' exchange ids are kept from an import; rejected goal suggestions
stay behind (the exchange format holds the goals a werkgroep chose).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from scan.db.rijschrijver import DOELVELDEN
from scan.db.tabellen import (
    AmbitieRij,
    AntwoordRij,
    ConsensusRij,
    DeelnemerRij,
    DoelRij,
    GemeenteRij,
    HerstemmingRij,
    NalevingRij,
    NotitieRij,
    RondeRij,
    StapRij,
    VastgesteldeAmbitieRij,
)
from scoring.uitwissel import (
    Ambitie,
    Antwoord,
    Consensus,
    Deelnemer,
    Doel,
    Gemeente,
    Herstemming,
    Naleving,
    Notitie,
    SamenStap,
    Scan,
    Scanronde,
    VragenlijstRef,
)


def _ids(rijen: Sequence[DeelnemerRij]) -> dict[int, str]:
    """Exchange ids of a round's participants: kept from an import, else ``d<n>`` that is free."""
    bezet = {r.extern_id for r in rijen if r.extern_id}
    ids: dict[int, str] = {}
    for r in rijen:
        if r.extern_id:
            ids[r.id] = r.extern_id
            continue
        kandidaat, n = f"d{r.id}", 1
        while kandidaat in bezet:
            n += 1
            kandidaat = f"d{r.id}_{n}"
        bezet.add(kandidaat)
        ids[r.id] = kandidaat
    return ids


def _waarde(antwoord: str | None) -> int | str | None:
    if antwoord is None:
        return None
    return int(antwoord) if antwoord.isdigit() else antwoord


class RondeLezer:
    def __init__(self, s: Session) -> None:
        self._s = s

    def scan(self, ronde_id: int) -> Scan | None:
        """Everything of round ``ronde_id`` in the exchange format (not yet in canonical order);
        ``None`` when the round does not exist."""
        s = self._s
        ronde = s.get(RondeRij, ronde_id)
        if ronde is None:
            return None
        gemeente = s.get(GemeenteRij, ronde.gm_code)
        deelnemers = s.scalars(
            select(DeelnemerRij).where(DeelnemerRij.ronde_id == ronde_id).order_by(DeelnemerRij.id)
        ).all()
        ids = _ids(deelnemers)
        antwoorden = s.scalars(select(AntwoordRij).where(AntwoordRij.ronde_id == ronde_id)).all()
        ambities = s.scalars(select(AmbitieRij).where(AmbitieRij.ronde_id == ronde_id)).all()
        vastgesteld = s.scalars(select(VastgesteldeAmbitieRij).where(VastgesteldeAmbitieRij.ronde_id == ronde_id)).all()
        consensus = s.scalars(select(ConsensusRij).where(ConsensusRij.ronde_id == ronde_id)).all()
        notities = s.scalars(select(NotitieRij).where(NotitieRij.ronde_id == ronde_id).order_by(NotitieRij.id)).all()
        doelen = s.scalars(
            select(DoelRij).where(DoelRij.ronde_id == ronde_id, DoelRij.besluit == "geaccepteerd").order_by(DoelRij.id)
        ).all()
        naleving = s.scalars(
            select(NalevingRij).where(NalevingRij.ronde_id == ronde_id).order_by(NalevingRij.item)
        ).all()
        herstemmingen = s.scalars(
            select(HerstemmingRij).where(HerstemmingRij.ronde_id == ronde_id).order_by(HerstemmingRij.id)
        ).all()
        stappen = s.scalars(select(StapRij).where(StapRij.ronde_id == ronde_id).order_by(StapRij.volgnummer)).all()
        scan = Scan(
            vragenlijst=VragenlijstRef(id=ronde.vragenlijst_id, versie=ronde.vragenlijst_versie),
            gemeente=Gemeente(gm_code=ronde.gm_code, naam=gemeente.naam if gemeente else ronde.gm_code),
            scanronde=Scanronde(
                id=ronde.extern_id or f"ronde-{ronde.id}",
                datum=ronde.datum,
                omschrijving=ronde.omschrijving,
                status=ronde.status,
                modus=ronde.modus,
                op_naam=bool(ronde.op_naam),
            ),
            fictief=ronde.fictief,
            deelnemers=[
                Deelnemer(id=ids[d.id], naam=d.naam, rol=d.rol, functie=d.functie, discipline=d.discipline)
                for d in deelnemers
            ],
            antwoorden=[
                Antwoord(
                    deelnemer=ids[a.deelnemer_id],
                    stelling=a.stelling,
                    antwoord=_waarde(a.antwoord),
                    toelichting=a.toelichting,
                    gewijzigd=a.gewijzigd_op,
                    zekerheid=a.zekerheid,
                )
                for a in antwoorden
                # A cleared choice without a note is no answer at all.
                if a.antwoord is not None or a.toelichting
            ],
            ambities=[Ambitie(bouwsteen=a.bouwsteen, niveau=a.niveau, toelichting=a.toelichting) for a in vastgesteld]
            + [
                Ambitie(
                    bouwsteen=a.bouwsteen, niveau=a.niveau, deelnemer=ids[a.deelnemer_id], toelichting=a.toelichting
                )
                for a in ambities
            ],
            consensus=[
                Consensus(
                    stelling=c.stelling,
                    niveau=c.niveau,
                    toelichting=c.toelichting,
                    vastgesteld_op=c.vastgesteld_op,
                    vastgesteld_door=c.vastgesteld_door or None,
                )
                for c in consensus
            ],
            notities=[Notitie(bouwsteen=n.bouwsteen, tekst=n.tekst) for n in notities],
            doelen=[Doel.model_validate({v: getattr(d, v) for v in DOELVELDEN} | {"id": d.sleutel}) for d in doelen],
            naleving=[Naleving(item=n.item, status=n.status, notitie=n.notitie) for n in naleving],
            herstemmingen=[
                Herstemming(
                    deelnemer=ids[h.deelnemer_id],
                    stelling=h.stelling,
                    antwoord=_waarde(h.antwoord),
                    gewijzigd=h.gewijzigd_op,
                )
                for h in herstemmingen
            ],
            samen_stappen=[
                SamenStap(
                    volgnummer=st.volgnummer,
                    bouwsteen=st.bouwsteen,
                    stelling=st.stelling,
                    herstemming=st.herstemming,
                    geopend_op=st.geopend_op,
                    onthuld_op=st.onthuld_op,
                    timer_vanaf=st.timer_vanaf,
                )
                for st in stappen
            ],
        )
        return scan
