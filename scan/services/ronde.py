"""Use cases of the workshop: start or join a round, answer, agree, and compute the result.

Layer: application (``scan/``). Pages call these functions; each one is one short
transaction through the repository and, for results, the pure scoring core. Every refusal is
an ``InvoerFout`` with a Dutch message that names what is wrong and where, raised before
anything is written, so a page can show it and the user loses nothing.

Identity: whoever holds a participant's token (in the personal link) acts as that
participant. Tokens and join codes come from ``secrets``; a join code only lets someone add
themselves to a round, a token is needed to see or change answers.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from typing import Literal

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from scan.db import repository as repo
from scan.db.repository import ConsensusInfo, GemeenteKeuze, MijnAntwoord, RondeInfo, Sessie, Voortgang
from scan.db.tabellen import (
    AmbitieRij,
    AntwoordRij,
    ConsensusRij,
    DeelnemerRij,
    InstellingRij,
    RondeRij,
    RondeScoreRij,
    VastgesteldeAmbitieRij,
    nu,
)
from scan.db.verbinding import Database
from scan.fouten import Conflict, OnbekendeCode
from scan.fouten import InvoerFout as InvoerFout
from scoring import tekst as tekstregel
from scoring.engine import bereken
from scoring.models import Vragenlijst
from scoring.resultaat import ScanResultaat
from scoring.uitwissel import Ambitie, Antwoord, Consensus
from scoring.vergelijking import kerncijfers

CODE_ALFABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""No 0/O and 1/I/L look-alikes: the code is read from a projected screen."""
CODE_LENGTE = 8
MAX_NAAM = tekstregel.maximum("naam")
MAX_TOELICHTING = tekstregel.maximum("toelichting")
MAX_DEELNEMERS = 60
"""Participants per round, facilitator included. A werkgroep is 4 to 15 people (DESIGN.md);
60 leaves room for four werkgroepen in one room, or a whole department filling in at its desks,
and keeps every download of a full round well inside what it can carry (the exchange format
holds 200; the progress table on the projector stays readable). A join-code flood stops here
(issue 13, case 3); a larger group starts a second round."""
GEWEIGERD_SLEUTEL = "vol_geweigerd_{ronde_id}"
"""Key in ``instellingen`` counting the joins a full round refused, for the Workshop notice."""
ANTWOORDEN = ("1", "2", "3", "4", "5", "weet_niet", "nvt")


class ConsensusConflict(Conflict):
    """Someone else set this consensus since the page was shown; ``huidig`` is what is stored now."""

    huidig: ConsensusInfo | None

    def __init__(self, huidig: ConsensusInfo | None) -> None:
        super().__init__(huidig)


# --- names and codes -------------------------------------------------------------------


def schone_tekst(tekst: str | None, soort: str, label: str, *, verplicht: bool = False) -> str | None:
    """``tekst`` cleaned by the one text rule (``scoring.tekst``) for field kind ``soort``, or None
    when empty; refuses control characters, an empty required field or text over the field's limit
    with an ``InvoerFout`` that names the field by ``label``."""
    try:
        return tekstregel.controleer(tekst, soort, label, verplicht=verplicht)
    except tekstregel.TekstFout as fout:
        raise InvoerFout(str(fout)) from None


def naam_en_sleutel(naam: str, label: str = "Uw naam") -> tuple[str, str]:
    """A participant's name cleaned for display, and the key that makes names unique per round.

    Look-alikes share a key: names that differ only in invisible characters, spacing, case or
    Unicode form (``scoring.tekst.sleutel``).
    """
    schoon = schone_tekst(naam, "naam", label, verplicht=True)
    assert schoon is not None
    return schoon, tekstregel.sleutel(schoon)


def nieuw_token() -> str:
    """A personal link's secret: 144 random bits, safe in an address."""
    return secrets.token_urlsafe(18)


def nieuwe_code() -> str:
    return "".join(secrets.choice(CODE_ALFABET) for _ in range(CODE_LENGTE))


def normaliseer_code(invoer: str) -> str:
    """A join code as typed or pasted (with dash, spaces, lower case, or the whole link)."""
    invoer = (invoer or "").strip()
    gevonden = re.search(r"[?&]code=([A-Za-z0-9-]+)", invoer)
    if gevonden:
        invoer = gevonden.group(1)
    return re.sub(r"[\s-]", "", invoer).upper()


def controleer_versie(ronde: RondeInfo, vragenlijst: Vragenlijst) -> None:
    """Refuse to fill in a round that was started with another questionnaire version."""
    if ronde.vragenlijst_id != vragenlijst.meta.id or ronde.vragenlijst_versie != vragenlijst.versie:
        raise InvoerFout(
            f"Scanronde {ronde.code_leesbaar} van {ronde.gemeente} is gestart met vragenlijstversie "
            f"{ronde.vragenlijst_versie}; deze app gebruikt versie {vragenlijst.versie}. De stellingen verschillen, "
            "dus invullen kan hier niet. Start een nieuwe scanronde, of vraag de beheerder om de ronde te exporteren."
        )


# --- rounds and participants ------------------------------------------------------------


def gemeenten(db: Database) -> list[GemeenteKeuze]:
    with db.lezen() as s:
        return repo.alle_gemeente_keuzes(s)


def start_ronde(
    db: Database,
    vragenlijst: Vragenlijst,
    *,
    gm_code: str,
    facilitator: str,
    datum: dt.date,
    omschrijving: str = "",
    functie: str = "",
    fictief: bool = False,
) -> Sessie:
    """A new round of ``gm_code`` with its facilitator as first participant."""
    naam, sleutel = naam_en_sleutel(facilitator)
    omschrijving_schoon = schone_tekst(omschrijving, "omschrijving", "De omschrijving")
    functie_schoon = schone_tekst(functie, "functie", "Uw functie")
    with db.schrijven() as s:
        gemeente = repo.gemeente_naam(s, gm_code or "")
        if gemeente is None:
            raise InvoerFout(
                f"Gemeente '{gm_code}' staat niet in de CBS-lijst van gemeenten. Kies de gemeente uit de lijst."
            )
        ronde = RondeRij(
            code=nieuwe_code(),
            gm_code=gm_code,
            datum=datum,
            omschrijving=omschrijving_schoon,
            vragenlijst_id=vragenlijst.meta.id,
            vragenlijst_versie=vragenlijst.versie,
            status="open",
            fictief=fictief,
        )
        s.add(ronde)
        s.flush()
        deelnemer = DeelnemerRij(
            ronde_id=ronde.id,
            naam=naam,
            naam_sleutel=sleutel,
            rol="facilitator",
            functie=functie_schoon,
            token=nieuw_token(),
        )
        s.add(deelnemer)
        s.flush()
        return Sessie(ronde=repo.ronde_info(ronde, gemeente), deelnemer=repo.deelnemer_info(deelnemer))


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


# --- answers ------------------------------------------------------------------------------


_STELLING_IDS: dict[str, frozenset[str]] = {}


def _stelling_ids(vragenlijst: Vragenlijst) -> frozenset[str]:
    # Keyed by the questionnaire's fingerprint: checked on every save, built once.
    ids = _STELLING_IDS.get(vragenlijst.vingerafdruk)
    if ids is None:
        ids = _STELLING_IDS[vragenlijst.vingerafdruk] = frozenset(s.id for _, s in vragenlijst.stellingen())
    return ids


def _stelling_van(vragenlijst: Vragenlijst, stelling: str) -> None:
    if stelling not in _stelling_ids(vragenlijst):
        raise InvoerFout(f"Stelling '{stelling}' bestaat niet in vragenlijst {vragenlijst.versie}.")


AFGEROND = "Deze scanronde is afgerond; antwoorden kunnen niet meer veranderen."


def _mag_invullen(sessie: Sessie, vragenlijst: Vragenlijst) -> None:
    """The check a page snapshot can answer (the version never changes); the ones that can
    change between page load and click are made in the write itself (``eis_open``)."""
    controleer_versie(sessie.ronde, vragenlijst)


def eis_open(s: Session, sessie: Sessie) -> None:
    """Inside a write transaction: the round is still open and this participant still in it.

    Read from the rows, not from the page's snapshot: a facilitator may close the round or
    remove a participant between the page load and the click. On PostgreSQL the round's row is
    share-locked, so closing (which updates it) waits for this write or this write for it.
    """
    # One query for both (this runs on every click): the round's status and whether the
    # participant's row is still there.
    rij = s.execute(
        select(RondeRij.status, DeelnemerRij.id)
        .outerjoin(DeelnemerRij, (DeelnemerRij.ronde_id == RondeRij.id) & (DeelnemerRij.id == sessie.deelnemer.id))
        .where(RondeRij.id == sessie.ronde.id)
        .with_for_update(read=True, of=RondeRij)
    ).first()
    if rij is None:
        raise InvoerFout("Deze scanronde bestaat niet meer; uw antwoord is niet opgeslagen.")
    status, aanwezig = rij
    if status != "open":
        raise InvoerFout(AFGEROND)
    if aanwezig is None:
        raise InvoerFout(
            "U bent niet (meer) ingeschreven in deze scanronde; uw antwoord is niet opgeslagen. Vraag de facilitator "
            "om uw persoonlijke link, of doe opnieuw mee met de deelnamecode."
        )


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
        eis_open(s, sessie)
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
    _mag_invullen(sessie, vragenlijst)
    _stelling_van(vragenlijst, stelling)
    if antwoord not in ANTWOORDEN:
        raise InvoerFout(
            f"Antwoord '{antwoord}' op stelling {stelling} kan niet: kies niveau 1 tot 5, weet niet of n.v.t."
        )
    return _bewaar_eigen(db, sessie, AntwoordRij, "stelling", stelling, "antwoord", antwoord)


def sla_toelichting_op(
    db: Database, vragenlijst: Vragenlijst, sessie: Sessie, stelling: str, tekst: str
) -> dt.datetime:
    """Store this participant's note on ``stelling``; an empty text removes the note."""
    _mag_invullen(sessie, vragenlijst)
    _stelling_van(vragenlijst, stelling)
    schoon = schone_tekst(tekst, "toelichting", f"De toelichting bij stelling {stelling}")
    return _bewaar_eigen(db, sessie, AntwoordRij, "stelling", stelling, "toelichting", schoon)


def sla_ambitie_op(db: Database, vragenlijst: Vragenlijst, sessie: Sessie, bouwsteen: str, niveau: int) -> dt.datetime:
    _mag_invullen(sessie, vragenlijst)
    if bouwsteen not in {b.id for b in vragenlijst.bouwstenen}:
        raise InvoerFout(f"Bouwsteen '{bouwsteen}' bestaat niet in vragenlijst {vragenlijst.versie}.")
    if niveau not in range(1, 6):
        raise InvoerFout(f"Ambitie {niveau} voor bouwsteen {bouwsteen} kan niet: kies niveau 1 tot 5.")
    return _bewaar_eigen(db, sessie, AmbitieRij, "bouwsteen", bouwsteen, "niveau", niveau)


# --- facilitator ----------------------------------------------------------------------------


def _alleen_facilitator(sessie: Sessie) -> None:
    if not sessie.is_facilitator:
        raise InvoerFout("Alleen de facilitator van deze scanronde kan dit doen.")


def voortgang(db: Database, sessie: Sessie) -> list[Voortgang]:
    with db.lezen() as s:
        return repo.voortgang(s, sessie.ronde.id)


def deelnemer_links(db: Database, sessie: Sessie) -> dict[int, str]:
    """Tokens of all participants, for the facilitator to hand a lost personal link back."""
    _alleen_facilitator(sessie)
    with db.lezen() as s:
        return dict(
            s.execute(select(DeelnemerRij.id, DeelnemerRij.token).where(DeelnemerRij.ronde_id == sessie.ronde.id)).all()
        )


def toelichtingen(db: Database, sessie: Sessie, stelling: str) -> list[tuple[str, str]]:
    """The notes on ``stelling`` in this round with the answer each came with, without names.

    The workshop screen is projected; the room discusses arguments, not who wrote them.
    """
    _alleen_facilitator(sessie)
    with db.lezen() as s:
        rijen = s.execute(
            select(AntwoordRij.antwoord, AntwoordRij.toelichting)
            .where(
                AntwoordRij.ronde_id == sessie.ronde.id,
                AntwoordRij.stelling == stelling,
                AntwoordRij.toelichting.is_not(None),
            )
            .order_by(AntwoordRij.antwoord, AntwoordRij.id)
        ).all()
    woorden = {"weet_niet": "weet niet", "nvt": "n.v.t.", None: "nog geen keuze"}
    return [(woorden.get(a, f"niveau {a}"), tekst) for a, tekst in rijen if tekst]


def consensus(db: Database, sessie: Sessie) -> dict[str, ConsensusInfo]:
    with db.lezen() as s:
        return repo.consensus_van(s, sessie.ronde.id)


def stel_consensus_vast(
    db: Database,
    vragenlijst: Vragenlijst,
    sessie: Sessie,
    *,
    stelling: str,
    niveau: int | None,
    toelichting: str,
    verwachte_versie: int | None,
) -> ConsensusInfo | None:
    """Record the agreed level (``None`` removes it), only if nobody changed it since ``verwachte_versie``.

    ``verwachte_versie`` is the version the facilitator saw (``None``: there was none). When
    another facilitator got there first, ``ConsensusConflict`` carries what is stored now and
    nothing is overwritten.
    """
    _alleen_facilitator(sessie)
    _mag_invullen(sessie, vragenlijst)
    _stelling_van(vragenlijst, stelling)
    if niveau is not None and niveau not in range(1, 6):
        raise InvoerFout(f"Consensusniveau {niveau} voor stelling {stelling} kan niet: kies niveau 1 tot 5.")
    schoon = schone_tekst(toelichting, "onderbouwing", f"De onderbouwing bij stelling {stelling}")
    try:
        with db.schrijven() as s:
            eis_open(s, sessie)
            # The role as the row says now, in this transaction (the page's snapshot may be old).
            if s.scalar(select(DeelnemerRij.rol).where(DeelnemerRij.id == sessie.deelnemer.id)) != "facilitator":
                raise InvoerFout("Alleen de facilitator van deze scanronde kan dit doen.")
            rij = s.scalar(
                select(ConsensusRij).where(ConsensusRij.ronde_id == sessie.ronde.id, ConsensusRij.stelling == stelling)
            )
            if (rij.versie if rij else None) != verwachte_versie:
                raise ConsensusConflict(repo.consensus_info(rij) if rij else None)
            if niveau is None:
                if rij is not None:
                    s.execute(delete(ConsensusRij).where(ConsensusRij.id == rij.id, ConsensusRij.versie == rij.versie))
                return None
            if rij is None:
                rij = ConsensusRij(ronde_id=sessie.ronde.id, stelling=stelling)
                s.add(rij)
            rij.niveau = niveau
            rij.toelichting = schoon
            rij.vastgesteld_door = sessie.deelnemer.naam
            rij.vastgesteld_op = nu()
            # The versioned UPDATE (WHERE versie = :gezien) or the unique INSERT fails here when
            # another writer won the race between our read and our write.
            s.flush()
            return repo.consensus_info(rij)
    except (IntegrityError, StaleDataError):
        with db.lezen() as s:
            raise ConsensusConflict(repo.consensus_van(s, sessie.ronde.id).get(stelling)) from None


# --- results ---------------------------------------------------------------------------------


def resultaat(db: Database, vragenlijst: Vragenlijst, ronde_id: int) -> ScanResultaat:
    """The scores of a round from everything stored now (answers, ambitions, consensus)."""
    with db.lezen() as s:
        return resultaat_in(s, vragenlijst, ronde_id)


def resultaat_in(s: Session, vragenlijst: Vragenlijst, ronde_id: int) -> ScanResultaat:
    """``resultaat`` inside a transaction the caller holds (closing a round scores what it fixes)."""
    antwoorden = s.execute(
        select(AntwoordRij.deelnemer_id, AntwoordRij.stelling, AntwoordRij.antwoord).where(
            AntwoordRij.ronde_id == ronde_id, AntwoordRij.antwoord.is_not(None)
        )
    ).all()
    ambities = s.execute(
        select(AmbitieRij.deelnemer_id, AmbitieRij.bouwsteen, AmbitieRij.niveau).where(AmbitieRij.ronde_id == ronde_id)
    ).all()
    afspraken = s.execute(
        select(ConsensusRij.stelling, ConsensusRij.niveau).where(ConsensusRij.ronde_id == ronde_id)
    ).all()
    vastgesteld = s.execute(
        select(VastgesteldeAmbitieRij.bouwsteen, VastgesteldeAmbitieRij.niveau).where(
            VastgesteldeAmbitieRij.ronde_id == ronde_id
        )
    ).all()
    bekend = _stelling_ids(vragenlijst)
    # Rows are valid by the database's CHECK constraints; model_construct skips re-validating
    # thousands of them on every rerun of the results page.
    return bereken(
        vragenlijst,
        [
            Antwoord.model_construct(deelnemer=f"d{d}", stelling=st, antwoord=int(a) if a.isdigit() else a)  # type: ignore[arg-type]  # CHECK constraint
            for d, st, a in antwoorden
            if a is not None
            if st in bekend
        ],
        [Ambitie.model_construct(bouwsteen=b, niveau=n, deelnemer=f"d{d}") for d, b, n in ambities]
        + [Ambitie.model_construct(bouwsteen=b, niveau=n, deelnemer=None) for b, n in vastgesteld],
        [Consensus.model_construct(stelling=st, niveau=n) for st, n in afspraken if st in bekend],
    )


# --- closing a round ------------------------------------------------------------------------


def rond_af(db: Database, vragenlijst: Vragenlijst, sessie: Sessie) -> Sessie:
    """Close the round: answers are final, and its key figures are stored for comparisons.

    The scores are computed and stored in the same transaction as the status change, so a
    closed round always has them and a benchmark never re-scores answers.
    """
    _alleen_facilitator(sessie)
    controleer_versie(sessie.ronde, vragenlijst)
    with db.schrijven() as s:
        # FOR UPDATE: answers being written now (they share-lock the row) finish first, and
        # the key figures below are computed from exactly what the closed round holds.
        ronde = s.get(RondeRij, sessie.ronde.id, with_for_update=True)
        if ronde is None:
            raise InvoerFout("Deze scanronde bestaat niet meer.")
        if ronde.status != "afgerond":
            ronde.status = "afgerond"
            ronde.afgerond_op = nu()
            repo.bewaar_kerncijfers(s, ronde.id, kerncijfers(resultaat_in(s, vragenlijst, ronde.id)))
    return sessie.model_copy(update={"ronde": sessie.ronde.model_copy(update={"status": "afgerond"})})


def heropen(db: Database, sessie: Sessie) -> Sessie:
    """Open a closed round again (answers can change); its stored key figures are dropped."""
    _alleen_facilitator(sessie)
    with db.schrijven() as s:
        ronde = s.get(RondeRij, sessie.ronde.id)
        if ronde is None:
            raise InvoerFout("Deze scanronde bestaat niet meer.")
        ronde.status = "open"
        ronde.afgerond_op = None
        s.execute(delete(RondeScoreRij).where(RondeScoreRij.ronde_id == ronde.id))
    return sessie.model_copy(update={"ronde": sessie.ronde.model_copy(update={"status": "open"})})
