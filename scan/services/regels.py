"""Rules every use case shares: the text rule for fields, join codes and tokens, the questionnaire
version of a round, and the check that a round is still open.

Layer: ``scan/services`` (use cases: no Streamlit). Every refusal is an ``InvoerFout`` with a Dutch
message that names what is wrong and where, raised before anything is written.
"""

from __future__ import annotations

import re
import secrets

from scan.db.werk import Werk
from scan.fouten import InvoerFout as InvoerFout
from scan.leesmodellen import DeelnemerInfo, RondeInfo, Sessie
from scoring import tekst as tekstregel
from scoring.models import Vragenlijst
from scoring.samen import open_voor_stem
from scoring.versies import catalogus

CODE_ALFABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""No 0/O and 1/I/L look-alikes: the code is read from a projected screen."""


CODE_LENGTE = 8


MAX_NAAM = tekstregel.maximum("naam")


MAX_TOELICHTING = tekstregel.maximum("toelichting")


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


def eis_versie_bekend(ronde: RondeInfo) -> None:
    """Refuse a round whose questionnaire version this installation does not have.

    Every published version stays loadable (``questionnaires/versies.yaml``), so this only happens
    when a newer installation's round reaches an older one (a database shared across an upgrade
    that was rolled back).
    """
    if ronde.vragenlijst_versie not in catalogus().namen():
        raise InvoerFout(
            f"Scanronde {ronde.code_leesbaar} van {ronde.gemeente} is gestart met vragenlijstversie "
            f"{ronde.vragenlijst_versie}, die deze installatie niet kent (bekend: {', '.join(catalogus().namen())}). "
            "Vraag de beheerder de app bij te werken."
        )


def controleer_versie(ronde: RondeInfo, vragenlijst: Vragenlijst) -> None:
    """Refuse to work on a round with another questionnaire version than the one passed in.

    Pages pass the round's own version (``scan.ui.context.vragenlijst_van_ronde``); this guards
    against mixing: answers are only ever checked against the stellingen the round was started with.
    """
    if ronde.vragenlijst_id != vragenlijst.meta.id or ronde.vragenlijst_versie != vragenlijst.versie:
        raise InvoerFout(
            f"Scanronde {ronde.code_leesbaar} van {ronde.gemeente} is gestart met vragenlijstversie "
            f"{ronde.vragenlijst_versie}; deze app gebruikt versie {vragenlijst.versie}. De stellingen verschillen, "
            "dus dat kan hier niet. Open de scanronde opnieuw via uw persoonlijke link."
        )


AFGEROND = "Deze scanronde is afgerond; antwoorden kunnen niet meer veranderen."


def eis_open(werk: Werk, sessie: Sessie) -> None:
    """Inside a unit of work that writes: the round is still open and this participant still in it.

    Read from the database, not from the page's snapshot: a facilitator may close the round or
    remove a participant between the page load and the click. The round's row stays share-locked
    until the unit of work ends, so closing waits for this write or this write for the closing.
    """
    _eis_open(werk.rondes.status_en_lid(sessie.ronde.id, sessie.deelnemer.id))


def _eis_open(rij: tuple[str, bool] | None) -> None:
    if rij is None:
        raise InvoerFout("Deze scanronde bestaat niet meer; uw antwoord is niet opgeslagen.")
    status, aanwezig = rij
    if status != "open":
        raise InvoerFout(AFGEROND)
    if not aanwezig:
        raise InvoerFout(
            "U bent niet (meer) ingeschreven in deze scanronde; uw antwoord is niet opgeslagen. Vraag de facilitator "
            "om uw persoonlijke link, of doe opnieuw mee met de deelnamecode."
        )


# --- workshop area ---

ALLEEN_FACILITATOR = "Alleen de facilitator van deze scanronde kan dit doen."


def eis_facilitator(
    werk: Werk,
    sessie: Sessie,
    *,
    voor_wijziging: bool = False,
    niet_facilitator: str = ALLEEN_FACILITATOR,
    niet_meer: str | None = None,
    afgerond: str | None = None,
) -> tuple[RondeInfo, DeelnemerInfo]:
    """Inside a unit of work: the round and the acting facilitator as the database says now.

    Never the page's snapshot: another facilitator may have removed this person, or the round
    may have closed, since the page was drawn. Refuses with ``InvoerFout`` when the round is
    gone, when the person is no longer in it (``niet_meer``, else ``niet_facilitator``), is not
    a facilitator (``niet_facilitator``), or, if ``afgerond`` is given, when the round is closed
    (with that message). ``voor_wijziging`` locks the round's row until the unit of work ends,
    so two facilitators who act at once are serialised.
    """
    ronde = werk.rondes.lees(sessie.ronde.id, voor_wijziging=voor_wijziging)
    if ronde is None:
        raise InvoerFout("Deze scanronde bestaat niet meer.")
    ik = werk.deelnemers.lid(sessie.deelnemer.id)
    if ik is None or ik.ronde_id != ronde.id or ik.deelnemer.token != sessie.deelnemer.token:
        raise InvoerFout(niet_meer or niet_facilitator)
    if ik.deelnemer.rol != "facilitator":
        raise InvoerFout(niet_facilitator)
    if afgerond is not None and ronde.status != "open":
        raise InvoerFout(afgerond)
    return ronde, ik.deelnemer


# --- issue 16: a facilitated session (Samen) ---

AL_ONTHULD = (
    "De facilitator heeft deze stelling al onthuld: uw antwoord is niet meer meegeteld. Kijk mee op het scherm; "
    "bij een herstemming kunt u opnieuw kiezen."
)
HERSTEMMING_LOOPT = "Er loopt een herstemming over deze stelling: kies in het blok 'Herstemming'."
AL_HERSTEMD = (
    "Over deze stelling is na de bespreking opnieuw gestemd; uw eerste keuze blijft bewaard zoals hij was en kan "
    "niet meer veranderen."
)
NIET_AAN_DE_BEURT = (
    "De groep werkt nu aan een ander onderdeel: uw antwoord op deze stelling is niet opgeslagen. "
    "Uw scherm volgt de facilitator."
)


_BOUWSTEEN_STELLINGEN: dict[str, dict[str, tuple[str, ...]]] = {}


def bouwsteen_stellingen(vragenlijst: Vragenlijst) -> dict[str, tuple[str, ...]]:
    """Per bouwsteen id its stelling ids, in questionnaire order (built once per version: every
    save in a *Samen* session asks it)."""
    uit = _BOUWSTEEN_STELLINGEN.get(vragenlijst.vingerafdruk)
    if uit is None:
        uit = _BOUWSTEEN_STELLINGEN[vragenlijst.vingerafdruk] = {
            b.id: tuple(s.id for s in b.stellingen) for b in vragenlijst.bouwstenen
        }
    return uit


def eis_open_voor_stem(werk: Werk, vragenlijst: Vragenlijst, sessie: Sessie, stelling: str) -> None:
    """``eis_open`` and ``eis_stem_open`` for a first vote, in one query in the common case (*Eigen
    tempo*, the stelling never re-voted): a phone's click costs a read less (issue 20)."""
    staat = werk.samen.stemstaat(sessie.ronde.id, sessie.deelnemer.id, stelling)
    _eis_open(None if staat is None else staat[:2])
    assert staat is not None
    _, _, modus, herstemd = staat
    if herstemd or modus == "samen":
        eis_stem_open(werk, vragenlijst, sessie, stelling)


def eis_stem_open(werk: Werk, vragenlijst: Vragenlijst, sessie: Sessie, stelling: str) -> None:
    """Inside the unit of work that saves a first vote: never on a re-voted stelling (the first
    vote stays as the discussion found it); in *Samen* mode the part that holds
    ``stelling`` must be open now and not revealed (read after ``eis_open`` share-locked the
    round, so a reveal waits for this write or this write sees the reveal)."""
    if werk.samen.is_herstemd(sessie.ronde.id, stelling):
        stap = werk.samen.huidige(sessie.ronde.id)
        if stap is not None and stap.herstemming and stap.stelling == stelling and not stap.onthuld:
            raise InvoerFout(HERSTEMMING_LOOPT)
        raise InvoerFout(AL_HERSTEMD)
    modus = werk.samen.modus(sessie.ronde.id)
    if modus is None or modus[0] != "samen":
        return
    stap = werk.samen.huidige(sessie.ronde.id)
    if open_voor_stem("samen", stap, stelling, bouwsteen_stellingen(vragenlijst)):
        return
    if stap is not None and stap.bevat(stelling, bouwsteen_stellingen(vragenlijst)) and stap.onthuld:
        raise InvoerFout(AL_ONTHULD)
    if stap is not None and stap.herstemming and stap.stelling == stelling:
        raise InvoerFout(HERSTEMMING_LOOPT)
    raise InvoerFout(NIET_AAN_DE_BEURT)
