"""Use cases of the page Invullen: a participant's own answers, notes and ambitions, each saved at once.

Layer: ``scan/services`` (use cases: no Streamlit). Every refusal is an ``InvoerFout`` with a Dutch
message that names what is wrong and where, raised before anything is written.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from scan.db import repository as repo
from scan.db.tabellen import (
    AmbitieRij,
    AntwoordRij,
    nu,
)
from scan.db.verbinding import Database
from scan.db.werk import Werk
from scan.fouten import InvoerFout as InvoerFout
from scan.leesmodellen import MijnAntwoord, Sessie
from scan.services.regels import controleer_versie, eis_open, schone_tekst
from scoring.models import Vragenlijst

ANTWOORDEN = ("1", "2", "3", "4", "5", "weet_niet", "nvt")


_STELLING_IDS: dict[str, frozenset[str]] = {}


def stelling_ids(vragenlijst: Vragenlijst) -> frozenset[str]:
    # Keyed by the questionnaire's fingerprint: checked on every save, built once.
    ids = _STELLING_IDS.get(vragenlijst.vingerafdruk)
    if ids is None:
        ids = _STELLING_IDS[vragenlijst.vingerafdruk] = frozenset(s.id for _, s in vragenlijst.stellingen())
    return ids


def controleer_stelling(vragenlijst: Vragenlijst, stelling: str) -> None:
    if stelling not in stelling_ids(vragenlijst):
        raise InvoerFout(f"Stelling '{stelling}' bestaat niet in vragenlijst {vragenlijst.versie}.")


def mag_invullen(sessie: Sessie, vragenlijst: Vragenlijst) -> None:
    """The check a page snapshot can answer (the version never changes); the ones that can
    change between page load and click are made in the write itself (``eis_open``)."""
    controleer_versie(sessie.ronde, vragenlijst)


def mijn_antwoorden(db: Database, sessie: Sessie) -> dict[str, MijnAntwoord]:
    with db.lezen() as s:
        return repo.antwoorden_van(s, sessie.deelnemer.id)


def mijn_stand(db: Database, sessie: Sessie) -> tuple[dict[str, MijnAntwoord], dict[str, tuple[int, dt.datetime]]]:
    """What Invullen shows on every click, in one read: the answers, and per bouwsteen the
    ambition with when it was saved."""
    with db.lezen() as s:
        antwoorden = repo.antwoorden_van(s, sessie.deelnemer.id)
        rijen = s.execute(
            select(AmbitieRij.bouwsteen, AmbitieRij.niveau, AmbitieRij.gewijzigd_op).where(
                AmbitieRij.deelnemer_id == sessie.deelnemer.id
            )
        ).all()
    return antwoorden, {b: (n, moment) for b, n, moment in rijen}


def mijn_ambities(db: Database, sessie: Sessie) -> dict[str, int]:
    with db.lezen() as s:
        return repo.ambities_van(s, sessie.deelnemer.id)


def _bewaar_eigen(
    db: Database,
    sessie: Sessie,
    tabel: type[AntwoordRij | AmbitieRij],
    sleutel: str,
    waarde_sleutel: str,
    kolom: str,
    waarde: object,
) -> dt.datetime:
    """Upsert one column of this participant's row for ``waarde_sleutel``, leaving the other columns.

    A choice and its note are saved by separate widgets; updating only the changed column means
    the one never overwrites the other, whatever order the saves arrive in.
    """
    moment = nu()
    with db.schrijven() as s:
        eis_open(Werk(s), sessie)
        repo.upsert(
            s,
            tabel,
            {
                "ronde_id": sessie.ronde.id,
                "deelnemer_id": sessie.deelnemer.id,
                sleutel: waarde_sleutel,
                kolom: waarde,
                "gewijzigd_op": moment,
            },
            ["deelnemer_id", sleutel],
            [kolom, "gewijzigd_op"],
        )
    return moment


def sla_antwoord_op(
    db: Database, vragenlijst: Vragenlijst, sessie: Sessie, stelling: str, antwoord: str
) -> dt.datetime:
    """Store (or change) this participant's choice for ``stelling``; returns when it was saved."""
    mag_invullen(sessie, vragenlijst)
    controleer_stelling(vragenlijst, stelling)
    if antwoord not in ANTWOORDEN:
        raise InvoerFout(
            f"Antwoord '{antwoord}' op stelling {stelling} kan niet: kies niveau 1 tot 5, weet niet of n.v.t."
        )
    return _bewaar_eigen(db, sessie, AntwoordRij, "stelling", stelling, "antwoord", antwoord)


def sla_toelichting_op(
    db: Database, vragenlijst: Vragenlijst, sessie: Sessie, stelling: str, tekst: str
) -> dt.datetime:
    """Store this participant's note on ``stelling``; an empty text removes the note."""
    mag_invullen(sessie, vragenlijst)
    controleer_stelling(vragenlijst, stelling)
    schoon = schone_tekst(tekst, "toelichting", f"De toelichting bij stelling {stelling}")
    return _bewaar_eigen(db, sessie, AntwoordRij, "stelling", stelling, "toelichting", schoon)


def sla_ambitie_op(db: Database, vragenlijst: Vragenlijst, sessie: Sessie, bouwsteen: str, niveau: int) -> dt.datetime:
    mag_invullen(sessie, vragenlijst)
    if bouwsteen not in {b.id for b in vragenlijst.bouwstenen}:
        raise InvoerFout(f"Bouwsteen '{bouwsteen}' bestaat niet in vragenlijst {vragenlijst.versie}.")
    if niveau not in range(1, 6):
        raise InvoerFout(f"Ambitie {niveau} voor bouwsteen {bouwsteen} kan niet: kies niveau 1 tot 5.")
    return _bewaar_eigen(db, sessie, AmbitieRij, "bouwsteen", bouwsteen, "niveau", niveau)
