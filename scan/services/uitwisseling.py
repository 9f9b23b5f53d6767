"""A whole round out of the database as an exchange-format ``Scan``, and a ``Scan`` into it.

Layer: application (``scan/``). Every report and file export starts from ``exporteer``, so the
PDF, Excel, CSV and JSON all show the same data; ``importeer`` is the only way files enter the
database. An import is checked in full first (format, questionnaire version, gemeente, names)
and written in one transaction: a refused file writes nothing.

Export then import gives back an equal scan (``scoring.uitwissel.canoniek`` of both): the
round's and participants' ids from the file are kept, tokens and the join code are new.
Rejected goal suggestions stay behind: the exchange format holds the goals a werkgroep chose.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.exc import DataError, IntegrityError

from scan.db import repository as repo
from scan.db.tabellen import (
    AmbitieRij,
    AntwoordRij,
    ConsensusRij,
    DeelnemerRij,
    DoelRij,
    GemeenteRij,
    NotitieRij,
    RondeRij,
    VastgesteldeAmbitieRij,
    nu,
)
from scan.db.verbinding import Database
from scan.fouten import InvoerFout
from scan.gemeenten import vergelijkbare_naam
from scan.leesmodellen import Sessie
from scan.services.regels import naam_en_sleutel, nieuwe_code
from scoring.engine import bereken_scan
from scoring.models import Vragenlijst
from scoring.scantekst import schoon_scan
from scoring.uitwissel import (
    Ambitie,
    Antwoord,
    Consensus,
    Deelnemer,
    Doel,
    Gemeente,
    Notitie,
    Scan,
    Scanronde,
    VragenlijstRef,
    als_utc,
    canoniek,
    controleer_scan,
)
from scoring.vergelijking import kerncijfers

IMPORT_FACILITATOR = "Beheer (import)"
"""Added as facilitator when an imported file has none, so someone can open the round."""


class ImportFout(InvoerFout):
    """A file that cannot be imported; ``problemen`` are Dutch lines naming what and where."""

    def __init__(self, problemen: Sequence[str]) -> None:
        self.problemen = list(problemen)
        super().__init__("\n".join(self.problemen))


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


def exporteer(db: Database, ronde_id: int) -> Scan:
    """Everything of one round, in the exchange format and canonical order."""
    with db.lezen() as s:
        ronde = s.get(RondeRij, ronde_id)
        if ronde is None:
            raise InvoerFout(f"Scanronde {ronde_id} bestaat niet (meer).")
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
        scan = Scan(
            vragenlijst=VragenlijstRef(id=ronde.vragenlijst_id, versie=ronde.vragenlijst_versie),
            gemeente=Gemeente(gm_code=ronde.gm_code, naam=gemeente.naam if gemeente else ronde.gm_code),
            scanronde=Scanronde(
                id=ronde.extern_id or f"ronde-{ronde.id}",
                datum=ronde.datum,
                omschrijving=ronde.omschrijving,
                status=ronde.status,
            ),
            fictief=ronde.fictief,
            deelnemers=[Deelnemer(id=ids[d.id], naam=d.naam, rol=d.rol, functie=d.functie) for d in deelnemers],
            antwoorden=[
                Antwoord(
                    deelnemer=ids[a.deelnemer_id],
                    stelling=a.stelling,
                    antwoord=_waarde(a.antwoord),
                    toelichting=a.toelichting,
                    gewijzigd=a.gewijzigd_op,
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
            doelen=[Doel.model_validate({v: getattr(d, v) for v in _DOELVELDEN} | {"id": d.sleutel}) for d in doelen],
        )
    return canoniek(scan)


_DOELVELDEN = tuple(n for n in Doel.model_fields if n != "id")


def _waarde(antwoord: str | None) -> int | str | None:
    if antwoord is None:
        return None
    return int(antwoord) if antwoord.isdigit() else antwoord


def controleer_import(db: Database, vragenlijst: Vragenlijst, scan: Scan) -> list[str]:
    """Everything that would stop ``scan`` from being imported, in Dutch; empty when it fits.

    The one check of an import: the preview on the Start page shows exactly these lines, and
    ``importeer`` runs it again inside its use case before writing anything.
    """
    problemen = controleer_scan(scan, vragenlijst)
    with db.lezen() as s:
        gemeente = s.get(GemeenteRij, scan.gemeente.gm_code)
    if gemeente is None:
        problemen.append(
            f"gemeente: code {scan.gemeente.gm_code} ('{scan.gemeente.naam}') staat niet in de CBS-lijst van gemeenten"
        )
    elif not vergelijkbare_naam(gemeente.naam, scan.gemeente.naam):
        problemen.append(
            f"gemeente: code {scan.gemeente.gm_code} is {gemeente.naam}, maar het bestand noemt "
            f"'{scan.gemeente.naam}'; controleer of dit bestand bij de goede gemeente hoort"
        )
    # The screens' text rule, with the same limits, naming record and field (scoring.scantekst);
    # it also refuses U+0000, which PostgreSQL cannot store.
    problemen.extend(schoon_scan(scan)[1])
    sleutels: dict[str, str] = {}
    for i, d in enumerate(scan.deelnemers):
        try:
            _, sleutel = naam_en_sleutel(d.naam)
        except InvoerFout:
            continue  # reported by the text rule above
        if sleutel in sleutels:
            problemen.append(
                f"deelnemers[{i}]: '{d.naam}' en '{sleutels[sleutel]}' zijn dezelfde naam (spaties en hoofdletters tellen niet)"
            )
        sleutels[sleutel] = d.naam
    return problemen


def importeer(db: Database, vragenlijst: Vragenlijst, scan: Scan) -> Sessie:
    """Store ``scan`` as a new round; returns the session of its (first) facilitator.

    Nothing is written when any check fails (``ImportFout`` lists every problem).
    """
    problemen = controleer_import(db, vragenlijst, scan)
    if problemen:
        raise ImportFout(problemen)
    scan = canoniek(schoon_scan(scan)[0])
    try:
        with db.schrijven() as s:
            ronde = RondeRij(
                code=nieuwe_code(),
                gm_code=scan.gemeente.gm_code,
                datum=scan.scanronde.datum,
                omschrijving=scan.scanronde.omschrijving,
                vragenlijst_id=scan.vragenlijst.id,
                vragenlijst_versie=scan.vragenlijst.versie,
                status=scan.scanronde.status,
                fictief=scan.fictief,
                extern_id=scan.scanronde.id,
            )
            s.add(ronde)
            s.flush()
            deelnemers: dict[str, DeelnemerRij] = {}
            for d in scan.deelnemers:
                naam, sleutel = naam_en_sleutel(d.naam)
                deelnemers[d.id] = DeelnemerRij(
                    ronde_id=ronde.id,
                    naam=naam,
                    naam_sleutel=sleutel,
                    rol=d.rol,
                    functie=d.functie,
                    token=secrets.token_urlsafe(18),
                    extern_id=d.id,
                )
            if not any(d.rol == "facilitator" for d in scan.deelnemers):
                naam, sleutel = naam_en_sleutel(IMPORT_FACILITATOR)
                deelnemers[""] = DeelnemerRij(
                    ronde_id=ronde.id,
                    naam=naam,
                    naam_sleutel=sleutel,
                    rol="facilitator",
                    token=secrets.token_urlsafe(18),
                )
            s.add_all(deelnemers.values())
            s.flush()
            moment = nu()
            s.add_all(
                AntwoordRij(
                    ronde_id=ronde.id,
                    deelnemer_id=deelnemers[a.deelnemer].id,
                    stelling=a.stelling,
                    antwoord=None if a.antwoord is None else str(a.antwoord),
                    toelichting=a.toelichting,
                    gewijzigd_op=als_utc(a.gewijzigd) or moment,
                )
                for a in scan.antwoorden
            )
            for amb in scan.ambities:
                if amb.deelnemer is None:
                    s.add(
                        VastgesteldeAmbitieRij(
                            ronde_id=ronde.id, bouwsteen=amb.bouwsteen, niveau=amb.niveau, toelichting=amb.toelichting
                        )
                    )
                else:
                    s.add(
                        AmbitieRij(
                            ronde_id=ronde.id,
                            deelnemer_id=deelnemers[amb.deelnemer].id,
                            bouwsteen=amb.bouwsteen,
                            niveau=amb.niveau,
                            toelichting=amb.toelichting,
                        )
                    )
            s.add_all(
                ConsensusRij(
                    ronde_id=ronde.id,
                    stelling=c.stelling,
                    niveau=c.niveau,
                    toelichting=c.toelichting,
                    vastgesteld_door=c.vastgesteld_door,
                    vastgesteld_op=als_utc(c.vastgesteld_op) or moment,
                )
                for c in scan.consensus
            )
            s.add_all(NotitieRij(ronde_id=ronde.id, bouwsteen=n.bouwsteen, tekst=n.tekst) for n in scan.notities)
            s.add_all(
                DoelRij(
                    ronde_id=ronde.id,
                    sleutel=d.id,
                    besluit="geaccepteerd",
                    gewijzigd_door=IMPORT_FACILITATOR,
                    **{v: getattr(d, v) for v in _DOELVELDEN},
                )
                for d in scan.doelen
            )
            s.flush()
            if ronde.status == "afgerond":
                # A closed round keeps its key figures beside it (see services.rond_af).
                repo.bewaar_kerncijfers(s, ronde.id, kerncijfers(bereken_scan(vragenlijst, scan)))
            facilitator = next(d for d in deelnemers.values() if d.rol == "facilitator")
            gemeente = repo.gemeente_naam(s, ronde.gm_code) or ronde.gm_code
            return Sessie(ronde=repo.ronde_info(ronde, gemeente), deelnemer=repo.deelnemer_info(facilitator))
    except (IntegrityError, DataError) as exc:
        # The checks above cover what a valid file can contain; this is the last line of defence.
        raise ImportFout([f"het bestand kon niet worden opgeslagen; er is niets geïmporteerd ({exc.orig})"]) from None
