"""Use cases of the page Start: the gemeenten to choose from, starting a round, finding a round by
its join code and joining it, and who a personal link belongs to.

Layer: ``scan/services`` (use cases: no Streamlit, no SQL). Every use case is one unit of work
(``db.werk()`` / ``db.inzage()``); every refusal is an ``InvoerFout`` with a Dutch message that
names what is wrong and where, and leaves nothing written (a refused join only counts itself).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from scan.db.verbinding import Database
from scan.db.werk import Werk
from scan.fouten import Botsing, OnbekendeCode
from scan.fouten import InvoerFout as InvoerFout
from scan.leesmodellen import GemeenteKeuze, RondeInfo, Sessie
from scan.services.logboek import schrijf_gebruiker
from scan.services.regels import (
    CODE_LENGTE,
    eis_versie_bekend,
    naam_en_sleutel,
    nieuw_token,
    nieuwe_code,
    normaliseer_code,
    schone_tekst,
)
from scan.services.toegang import Gebruiker, eis_start, eis_zichtbaar
from scoring.models import Vragenlijst
from scoring.samen import DISCIPLINES

MAX_DEELNEMERS = 60
"""Participants per round, facilitator included. A werkgroep is 4 to 15 people (DESIGN.md);
60 leaves room for four werkgroepen in one room, or a whole department filling in at its desks,
and keeps every download of a full round well inside what it can carry (the exchange format
holds 200; the progress table on the projector stays readable). A join-code flood stops here
(issue 13, case 3); a larger group starts a second round."""


GEWEIGERD_SLEUTEL = "vol_geweigerd_{ronde_id}"
"""Key in ``instellingen`` counting the joins a full round refused, for the Workshop notice."""


def gemeenten(db: Database, gebruiker: Gebruiker | None = None) -> list[GemeenteKeuze]:
    """The gemeenten to choose from by name; with ``gebruiker``, only those they may lead rounds of."""
    leidt = gebruiker.gemeenten("leiden") if gebruiker is not None else None
    with db.inzage() as werk:
        keuzes = werk.rondes.gemeente_keuzes()
    return [g for g in keuzes if leidt is None or g.gm_code in leidt]


def _nieuwe_ronde(
    werk: Werk,
    vragenlijst: Vragenlijst,
    *,
    gm_code: str,
    facilitator: str,
    datum: dt.date,
    omschrijving: str,
    functie: str,
    email: str | None = None,
) -> Sessie:
    """A new round of ``gm_code`` with its facilitator (with ``email`` when signed in) as first
    participant, inside a unit of work the caller holds; only checked use cases call it."""
    naam, sleutel = naam_en_sleutel(facilitator)
    omschrijving_schoon = schone_tekst(omschrijving, "omschrijving", "De omschrijving")
    functie_schoon = schone_tekst(functie, "functie", "Uw functie")
    gemeente = werk.rondes.gemeente_naam(gm_code or "")
    if gemeente is None:
        raise InvoerFout(
            f"Gemeente '{gm_code}' staat niet in de CBS-lijst van gemeenten. Kies de gemeente uit de lijst."
        )
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
        email=email,
        token=nieuw_token(),
    )
    return Sessie(ronde=ronde, deelnemer=deelnemer)


def _schone_code(code: str) -> str:
    schoon = normaliseer_code(code)
    if not schoon:
        raise InvoerFout("Vul de deelnamecode in die de facilitator laat zien (bijvoorbeeld ABCD-EFGH).")
    return schoon


def _onbekend(code: str) -> OnbekendeCode:
    # The same answer for every code that names no round (too short, mistyped, guessed).
    return OnbekendeCode(
        f"Er is geen scanronde met code '{code.strip()[:40]}'. Controleer de code op het scherm van de "
        "facilitator: acht tekens, zonder de cijfers 0 en 1."
    )


def zoek_ronde(db: Database, code: str) -> RondeInfo:
    schoon = _schone_code(code)
    with db.inzage() as werk:
        ronde = werk.rondes.per_code(schoon) if len(schoon) == CODE_LENGTE else None
    if ronde is None:
        raise _onbekend(code)
    return ronde


def _afgerond(ronde: RondeInfo) -> InvoerFout:
    return InvoerFout(f"Scanronde {ronde.code_leesbaar} van {ronde.gemeente} is afgerond; meedoen kan niet meer.")


def neem_deel(
    db: Database,
    vragenlijst: Vragenlijst,
    *,
    code: str,
    naam: str,
    functie: str = "",
    rol: Literal["deelnemer", "facilitator"] = "deelnemer",
    discipline: str | None = None,
) -> Sessie:
    """Add a participant to the round with join ``code``; refuses a name already in that round.

    ``discipline`` (one of ``scoring.samen.DISCIPLINES``, optional) is the participant's own
    choice, stored with the join; without it the function they typed tells (issue 16).

    ``vragenlijst`` is the installation's default version; a round started with another published
    version can still be joined (it is filled in with its own version).

    One unit of work: the round is found, locked and counted in it (SQLite's ``BEGIN IMMEDIATE``
    serialises writers, on PostgreSQL the round's row is locked), so two joins at once cannot
    both take the last place. A join a full round refuses is counted in the same unit of work,
    which then commits only that count.
    """
    schoon_code = _schone_code(code)
    schoon = (naam or "").strip()
    if discipline is not None and discipline not in DISCIPLINES:
        raise InvoerFout(f"Vakgebied '{discipline[:40]}' kan niet: kies uit de lijst of laat het leeg.")
    try:
        with db.werk() as werk:
            gevonden = werk.rondes.per_code(schoon_code) if len(schoon_code) == CODE_LENGTE else None
            if gevonden is None:
                raise _onbekend(code)
            eis_versie_bekend(gevonden)
            ronde = werk.rondes.lees(gevonden.id, voor_wijziging=True)
            if ronde is None:
                raise _onbekend(code)
            if ronde.status != "open":
                raise _afgerond(ronde)
            schoon, sleutel = naam_en_sleutel(naam)
            functie_schoon = schone_tekst(functie, "functie", "Uw functie")
            if werk.deelnemers.aantal(ronde.id) >= MAX_DEELNEMERS:
                _tel_geweigerd(werk, ronde.id)
                vol = True
            else:
                vol = False
                deelnemer = werk.deelnemers.nieuw(
                    ronde_id=ronde.id,
                    naam=schoon,
                    naam_sleutel=sleutel,
                    rol=rol,
                    functie=functie_schoon,
                    token=nieuw_token(),
                )
                if discipline is not None:
                    werk.samen.zet_discipline(deelnemer.id, discipline)
    except Botsing:
        raise InvoerFout(
            f"In deze scanronde doet al iemand mee als '{schoon}'. Bent u dat, open dan uw persoonlijke link "
            "(de facilitator kan die opnieuw tonen). Bent u iemand anders, zet dan uw afdeling achter uw naam, "
            f"bijvoorbeeld '{schoon} (KCC)'."
        ) from None
    if vol:
        raise InvoerFout(
            f"Scanronde {ronde.code_leesbaar} is vol: er doen al {MAX_DEELNEMERS} mensen mee, het maximum per "
            "scanronde. Meedoen kan niet meer; vraag de facilitator om een tweede scanronde voor uw groep."
        )
    return Sessie(ronde=ronde, deelnemer=deelnemer)


def _tel_geweigerd(werk: Werk, ronde_id: int) -> None:
    """One more join refused by a full round. The round's row is locked by the caller, so two
    refusals of the same round count one after the other."""
    sleutel = GEWEIGERD_SLEUTEL.format(ronde_id=ronde_id)
    werk.instellingen.zet(sleutel, str(int(werk.instellingen.lees(sleutel, voor_wijziging=True) or "0") + 1))


def bezetting(db: Database, ronde_id: int) -> tuple[int, int]:
    """How many take part in the round, and how many joins it refused because it was full."""
    with db.inzage() as werk:
        aantal = werk.deelnemers.aantal(ronde_id)
        geweigerd = werk.instellingen.lees(GEWEIGERD_SLEUTEL.format(ronde_id=ronde_id))
    return aantal, int(geweigerd) if geweigerd is not None else 0


def sessie_voor_token(db: Database, token: str) -> Sessie | None:
    if not token or len(token) > 64:
        return None
    with db.inzage() as werk:
        return werk.deelnemers.sessie(token)


# --- what Start decides (pure rules, no database) ---

Bestemming = Literal["invullen", "workshop", "resultaten"]
"""A page a person goes on to from Start."""


def bestemmingen(sessie: Sessie) -> list[Bestemming]:
    """The pages a person in a round is offered beside "Verder met invullen": facilitators lead
    the workshop, everyone sees the results."""
    return ["workshop", "resultaten"] if sessie.is_facilitator else ["resultaten"]


def na_openen(status: str) -> Bestemming:
    """Where a facilitator who opened a round goes: an open round to the workshop, a closed one to its results."""
    return "workshop" if status == "open" else "resultaten"


def code_zoals_getoond(code: str) -> str:
    """A join code from a link (``?code=ABCDEFGH``) as the projector shows it, ABCD-EFGH, so a
    participant recognises it; anything else as it came (every form is accepted when joining)."""
    return f"{code[:4]}-{code[4:]}" if len(code) == CODE_LENGTE and "-" not in code else code


def token_uit_link(link: str) -> str:
    """The token of a personal link as pasted (the whole address, or only the token); empty if none."""
    return (link or "").strip().rsplit("d=", 1)[-1].split("&", 1)[0]


Belemmering = Literal["inloggen", "deze_computer", "geen_gemeente"]


def waarom_niet_leiden(gebruiker: Gebruiker | None, *, login: bool) -> Belemmering | None:
    """Why this person cannot start or import a round here, or None when they can: nobody signed
    in (``login``: sign-in is configured) or the beheer link not opened, or no gemeente to lead."""
    if gebruiker is None:
        return "inloggen" if login else "deze_computer"
    if gebruiker.gemeenten("leiden") == frozenset():
        return "geen_gemeente"
    return None


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
        sessie = _nieuwe_ronde(
            werk,
            vragenlijst,
            gm_code=gm_code,
            facilitator=facilitator,
            datum=datum,
            omschrijving=omschrijving,
            functie=functie,
            email=gebruiker.email if gebruiker is not None else None,
        )
        schrijf_gebruiker(
            werk,
            "ronde.gestart",
            gebruiker,
            gm_code=gm_code,
            ronde_id=sessie.ronde.id,
            na={"status": "open", "datum": datum.isoformat(), "vragenlijst": vragenlijst.versie},
        )
        return sessie


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
