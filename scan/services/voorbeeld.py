"""Use cases of "Voorbeeld bekijken" on Start (issue 19, item 7): open the one fictional example
round as its facilitator, making it first when there is none, and remove it again.

Layer: ``scan/services`` (no Streamlit, no SQL). Each use case is one unit of work that checks who
may, on what it loaded. The example's content comes from the demo generator
(``scan.demo.voorbeeld.maak_voorbeeld``), which the page hands in as ``maak``: the demo room sits
above the services and may not be imported from here.

Who may (``mag_voorbeeld``):
- on an installation without real rounds, anyone who reaches Start: there is nothing to protect
  yet, and the newcomer who just installed it has no beheer link open (a fresh installation with
  sign-in has nobody with a role yet either);
- once a real round exists, only a beheerder of the installation (``overal_beheerder``: a named
  installation beheerder, or the beheer link's browser in single-machine mode). A beheerder of one
  gemeente is not: the example is the installation's, not that gemeente's, and a visitor of a
  shared installation should not add a fictional gemeente to what others see.
The same rule holds for removing it, so the person who made it on an empty installation can
remove it again.

There is one example at a time: a second click opens the one there is. It is never in a real
benchmark or comparison: its rounds are ``fictief`` (compared only with fictional rounds) and its
gemeente, the Voorbeeldgemeente (``scan.db.voorbeeld.VOORBEELD_GM``), is in no list to choose from,
so it can neither opt in nor get real rounds or roles.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from scan.db.rijschrijver import TeSchrijven
from scan.db.verbinding import Database
from scan.db.voorbeeld import VOORBEELD_GM, VOORBEELD_NAAM
from scan.db.werk import Werk
from scan.fouten import GeenToegang
from scan.leesmodellen import RondeInfo, Sessie
from scan.services.regels import nieuw_token, nieuwe_code
from scan.services.start import GEWEIGERD_SLEUTEL
from scan.services.toegang import Gebruiker
from scoring import tijd
from scoring.engine import bereken_scan
from scoring.models import Vragenlijst
from scoring.uitwissel import Scan
from scoring.vergelijking import kerncijfers

__all__ = [
    "VOORBEELD_GM",
    "VOORBEELD_NAAM",
    "VoorbeeldStand",
    "bekijk",
    "is_voorbeeld",
    "mag_voorbeeld",
    "stand",
    "verwijder",
]

log = logging.getLogger(__name__)

ALLEEN_BEHEERDER = (
    "Het voorbeeld kan alleen een beheerder van deze installatie openen of verwijderen: er staan al echte "
    "scanrondes in. Open de beheerlink (of log in als beheerder) en probeer het opnieuw."
)


def mag_voorbeeld(gebruiker: Gebruiker | None, *, echte_rondes: bool) -> bool:
    """Whether this person may open (and so make) or remove the example; see the module docstring."""
    return not echte_rondes or (gebruiker is not None and gebruiker.mag("beheren", VOORBEELD_GM))


def is_voorbeeld(ronde: RondeInfo) -> bool:
    """Whether ``ronde`` is (a round of) the example."""
    return ronde.gm_code == VOORBEELD_GM


@dataclass(frozen=True)
class VoorbeeldStand:
    mag: bool
    """This person may open (making it if needed) and remove the example."""
    bestaat: bool
    echte_rondes: bool


def stand(db: Database, gebruiker: Gebruiker | None) -> VoorbeeldStand:
    """What Start and Beheer offer this person: whether the example exists and whether they may."""
    with db.inzage() as werk:
        echte = werk.voorbeeld.heeft_echte_rondes()
        bestaat = bool(werk.voorbeeld.rondes())
    return VoorbeeldStand(mag=mag_voorbeeld(gebruiker, echte_rondes=echte), bestaat=bestaat, echte_rondes=echte)


def _eis_mag(werk: Werk, gebruiker: Gebruiker | None) -> None:
    if not mag_voorbeeld(gebruiker, echte_rondes=werk.voorbeeld.heeft_echte_rondes()):
        raise GeenToegang(ALLEEN_BEHEERDER)


def _als_facilitator(werk: Werk, ronde_id: int) -> Sessie | None:
    token = werk.deelnemers.facilitator_token(ronde_id, None)
    return None if token is None else werk.deelnemers.sessie(token)


def bekijk(db: Database, vragenlijst: Vragenlijst, gebruiker: Gebruiker | None, maak: Callable[[], Scan]) -> Sessie:
    """The example opened as its (first) facilitator, for a person who may (``mag_voorbeeld``).

    One unit of work: the Voorbeeldgemeente's row is locked first, so two clicks at once make one
    example; when there is one, it is opened, otherwise ``maak()`` builds it (fictional, of the
    Voorbeeldgemeente, in ``vragenlijst``'s version) and the one row writer stores it, a closed round
    with its key figures as an import would be. A refusal writes nothing.
    """
    moment = tijd.nu()
    with db.werk() as werk:
        werk.voorbeeld.reserveer(tijd.vandaag(moment).year)
        _eis_mag(werk, gebruiker)
        for ronde_id in reversed(werk.voorbeeld.rondes()):
            if (sessie := _als_facilitator(werk, ronde_id)) is not None:
                return sessie
        scan = maak()
        if not scan.fictief or scan.gemeente.gm_code != VOORBEELD_GM or scan.vragenlijst.versie != vragenlijst.versie:
            raise ValueError("het voorbeeld moet een fictieve scan van de Voorbeeldgemeente in deze versie zijn")
        afgerond = scan.scanronde.status == "afgerond"
        (geschreven,) = werk.rijschrijver.schrijf(
            [
                TeSchrijven(
                    scan=scan,
                    code=nieuwe_code(),
                    moment=moment,
                    kerncijfers=kerncijfers(bereken_scan(vragenlijst, scan)) if afgerond else None,
                    afgerond_op=moment if afgerond else None,
                    doelen_door=next((d.naam for d in scan.deelnemers if d.rol == "facilitator"), None),
                )
            ],
            token=nieuw_token,
        )
        facilitator = next(d for d in geschreven.deelnemers.values() if d.rol == "facilitator")
        sessie = Sessie(ronde=geschreven.ronde, deelnemer=facilitator)
    log.info("voorbeeld gemaakt: scanronde %s met %s deelnemers", sessie.ronde.id, len(geschreven.deelnemers))
    return sessie


def _rondesleutels(ronde_id: int) -> list[str]:
    """The installation settings kept per round, which the round's deletion does not take along
    (SQLite may give a later round the same id): the agenda and the session length of Bespreken
    (``scan.services.bespreken``, keys ``agenda:<id>`` and ``sessie:<id>``; tests/app/test_voorbeeld.py
    sets both through that module) and the count of refused joins (``start.GEWEIGERD_SLEUTEL``)."""
    return [f"agenda:{ronde_id}", f"sessie:{ronde_id}", GEWEIGERD_SLEUTEL.format(ronde_id=ronde_id)]


def verwijder(db: Database, gebruiker: Gebruiker | None) -> int:
    """Remove the example with everything of it, for a person who may (``mag_voorbeeld``); returns
    how many rounds went (0: there was none). Nothing of a real round is touched
    (``scan.db.voorbeeld.Voorbeeld.verwijder``)."""
    with db.werk() as werk:
        _eis_mag(werk, gebruiker)
        ids = werk.voorbeeld.rondes()
        if not ids and not werk.voorbeeld.gemeente_aanwezig():
            return 0
        weg = werk.voorbeeld.verwijder([k for i in ids for k in _rondesleutels(i)])
    log.info("voorbeeld verwijderd: %s scanronde(s)", weg)
    return weg
