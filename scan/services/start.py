"""Use cases of the page Start: the gemeenten to choose from, starting a round, finding a round by
its join code and joining it, and who a personal link belongs to.

Layer: ``scan/services`` (use cases: no Streamlit). Every refusal is an ``InvoerFout`` with a Dutch
message that names what is wrong and where, raised before anything is written.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from scan.db import repository as repo
from scan.db.tabellen import (
    DeelnemerRij,
    InstellingRij,
    RondeRij,
    nu,
)
from scan.db.verbinding import Database
from scan.fouten import InvoerFout as InvoerFout
from scan.fouten import OnbekendeCode
from scan.leesmodellen import GemeenteKeuze, RondeInfo, Sessie
from scan.services.regels import (
    CODE_LENGTE,
    controleer_versie,
    naam_en_sleutel,
    nieuw_token,
    nieuwe_code,
    normaliseer_code,
    schone_tekst,
)
from scan.services.toegang import Gebruiker, eis_start, eis_zichtbaar
from scoring.models import Vragenlijst

MAX_DEELNEMERS = 60
"""Participants per round, facilitator included. A werkgroep is 4 to 15 people (DESIGN.md);
60 leaves room for four werkgroepen in one room, or a whole department filling in at its desks,
and keeps every download of a full round well inside what it can carry (the exchange format
holds 200; the progress table on the projector stays readable). A join-code flood stops here
(issue 13, case 3); a larger group starts a second round."""


GEWEIGERD_SLEUTEL = "vol_geweigerd_{ronde_id}"
"""Key in ``instellingen`` counting the joins a full round refused, for the Workshop notice."""


def gemeenten(db: Database) -> list[GemeenteKeuze]:
    with db.lezen() as s:
        return repo.alle_gemeente_keuzes(s)


def zoek_ronde(db: Database, code: str) -> RondeInfo:
    schoon = normaliseer_code(code)
    if not schoon:
        raise InvoerFout("Vul de deelnamecode in die de facilitator laat zien (bijvoorbeeld ABCD-EFGH).")
    with db.lezen() as s:
        ronde = repo.ronde_voor_code(s, schoon) if len(schoon) == CODE_LENGTE else None
    if ronde is None:
        raise OnbekendeCode(
            f"Er is geen scanronde met code '{code.strip()[:40]}'. Controleer de code op het scherm van de "
            "facilitator: acht tekens, zonder de cijfers 0 en 1."
        )
    return ronde


def neem_deel(
    db: Database,
    vragenlijst: Vragenlijst,
    *,
    code: str,
    naam: str,
    functie: str = "",
    rol: Literal["deelnemer", "facilitator"] = "deelnemer",
) -> Sessie:
    """Add a participant to the round with join ``code``; refuses a name already in that round."""
    ronde = zoek_ronde(db, code)
    controleer_versie(ronde, vragenlijst)
    if ronde.status != "open":
        raise InvoerFout(f"Scanronde {ronde.code_leesbaar} van {ronde.gemeente} is afgerond; meedoen kan niet meer.")
    schoon, sleutel = naam_en_sleutel(naam)
    functie_schoon = schone_tekst(functie, "functie", "Uw functie")
    info = None
    try:
        with db.schrijven() as s:
            # Counted inside the write: SQLite's BEGIN IMMEDIATE serialises writers, and on
            # PostgreSQL the round's row is locked, so two joins at once cannot both take the
            # last place.
            status = s.scalar(select(RondeRij.status).where(RondeRij.id == ronde.id).with_for_update())
            if status != "open":
                raise InvoerFout(
                    f"Scanronde {ronde.code_leesbaar} van {ronde.gemeente} is afgerond; meedoen kan niet meer."
                )
            aantal = s.scalar(select(func.count()).select_from(DeelnemerRij).where(DeelnemerRij.ronde_id == ronde.id))
            if (aantal or 0) < MAX_DEELNEMERS:
                deelnemer = DeelnemerRij(
                    ronde_id=ronde.id,
                    naam=schoon,
                    naam_sleutel=sleutel,
                    rol=rol,
                    functie=functie_schoon,
                    token=nieuw_token(),
                )
                s.add(deelnemer)
                s.flush()
                info = repo.deelnemer_info(deelnemer)
    except IntegrityError:
        raise InvoerFout(
            f"In deze scanronde doet al iemand mee als '{schoon}'. Bent u dat, open dan uw persoonlijke link "
            "(de facilitator kan die opnieuw tonen). Bent u iemand anders, zet dan uw afdeling achter uw naam, "
            f"bijvoorbeeld '{schoon} (KCC)'."
        ) from None
    if info is None:
        _tel_geweigerd(db, ronde.id)
        raise InvoerFout(
            f"Scanronde {ronde.code_leesbaar} is vol: er doen al {MAX_DEELNEMERS} mensen mee, het maximum per "
            "scanronde. Meedoen kan niet meer; vraag de facilitator om een tweede scanronde voor uw groep."
        )
    return Sessie(ronde=ronde, deelnemer=info)


def _tel_geweigerd(db: Database, ronde_id: int) -> None:
    """One more join refused by a full round (its own short write: the refusal itself wrote nothing)."""
    sleutel = GEWEIGERD_SLEUTEL.format(ronde_id=ronde_id)
    for _ in range(2):  # a concurrent first refusal may insert the key first: then update it
        try:
            with db.schrijven() as s:
                rij = s.get(InstellingRij, sleutel, with_for_update=True)
                if rij is None:
                    s.add(InstellingRij(sleutel=sleutel, waarde="1", gewijzigd_op=nu()))
                else:
                    rij.waarde = str(int(rij.waarde) + 1)
                    rij.gewijzigd_op = nu()
            return
        except IntegrityError:
            continue


def bezetting(db: Database, ronde_id: int) -> tuple[int, int]:
    """How many take part in the round, and how many joins it refused because it was full."""
    with db.lezen() as s:
        aantal = s.scalar(select(func.count()).select_from(DeelnemerRij).where(DeelnemerRij.ronde_id == ronde_id))
        rij = s.get(InstellingRij, GEWEIGERD_SLEUTEL.format(ronde_id=ronde_id))
    return int(aantal or 0), int(rij.waarde) if rij is not None else 0


def sessie_voor_token(db: Database, token: str) -> Sessie | None:
    if not token or len(token) > 64:
        return None
    with db.lezen() as s:
        return repo.sessie_voor_token(s, token)


# --- vergelijk area: start as a user ---


def start_ronde_als(
    db: Database,
    vragenlijst: Vragenlijst,
    gebruiker: Gebruiker | None,
    *,
    gm_code: str,
    facilitator: str,
    datum: dt.date,
    omschrijving: str = "",
    functie: str = "",
) -> Sessie:
    """A new round of ``gm_code`` with its facilitator as first participant, for a person who may
    lead rounds of that gemeente (``toegang.eis_start``): one unit of work, checked on what it
    loaded; a refusal writes nothing. A signed-in person's address is kept with the facilitator,
    so ``open_als_facilitator`` finds them again."""
    with db.werk() as werk:
        gemeente = werk.rondes.gemeente_naam(gm_code or "")
        if gemeente is None:
            raise InvoerFout(
                f"Gemeente '{gm_code}' staat niet in de CBS-lijst van gemeenten. Kies de gemeente uit de lijst."
            )
        eis_start(gebruiker, gm_code, gemeente)
        naam, sleutel = naam_en_sleutel(facilitator)
        omschrijving_schoon = schone_tekst(omschrijving, "omschrijving", "De omschrijving")
        functie_schoon = schone_tekst(functie, "functie", "Uw functie")
        ronde = werk.rondes.nieuw(
            code=nieuwe_code(),
            gm_code=gm_code,
            gemeente=gemeente,
            datum=datum,
            omschrijving=omschrijving_schoon,
            vragenlijst_id=vragenlijst.meta.id,
            vragenlijst_versie=vragenlijst.versie,
        )
        deelnemer = werk.deelnemers.nieuw(
            ronde_id=ronde.id,
            naam=naam,
            naam_sleutel=sleutel,
            rol="facilitator",
            functie=functie_schoon,
            email=gebruiker.email if gebruiker is not None else None,
            token=nieuw_token(),
        )
    return Sessie(ronde=ronde, deelnemer=deelnemer)


def open_als_facilitator(db: Database, gebruiker: Gebruiker, ronde_id: int) -> Sessie:
    """Open a round of a gemeente the person leads, as its facilitator: one unit of work.

    A signed-in person gets back the facilitator they were in this round (found by address), or
    becomes a new one under their own name; the beheer link's browser in single-machine mode
    takes the round's first facilitator. A round that does not exist and one of a gemeente
    without a role are refused with the same words (``vergelijken.onbekende_ronde``).
    """
    with db.werk() as werk:
        gevonden = werk.benchmark.rondes(ids={ronde_id})
        ronde = eis_zichtbaar(gebruiker, [ronde_id], gevonden)[ronde_id]
        eis_start(gebruiker, ronde.gm_code, ronde.gemeente)
        token = werk.deelnemers.facilitator_token(ronde_id, gebruiker.email)
        if token is None:
            naam, sleutel = naam_en_sleutel(gebruiker.naam)
            # A colleague with the same name in the round: keep both apart by the address.
            if sleutel in werk.deelnemers.naam_sleutels(ronde_id):
                naam, sleutel = naam_en_sleutel(f"{naam} ({gebruiker.email})")
            token = nieuw_token()
            werk.deelnemers.nieuw(
                ronde_id=ronde_id,
                naam=naam,
                naam_sleutel=sleutel,
                rol="facilitator",
                email=gebruiker.email,
                token=token,
            )
        sessie = werk.deelnemers.sessie(token)
    if sessie is None:  # cannot happen inside one unit of work; kept for the type
        raise InvoerFout("Deze scanronde bestaat niet meer.")
    return sessie
