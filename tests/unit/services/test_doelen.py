"""The goals' use cases against the in-memory unit of work (tests/nep.py): milliseconds, no database.

Who may write (facilitator, participant, a closed round, someone removed), the SMART gate on
accepting, versions (a stale write is a conflict with what is stored), and "keep mine" after a
conflict. The same use cases run on SQLite and PostgreSQL in tests/integration/test_doelen.py and
tests/integration/test_conflicten.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from scan.fouten import DoelConflict, InvoerFout, NietSmart
from scan.leesmodellen import DeelnemerInfo, RondeInfo, Sessie
from scan.services import doelen as doelservice
from scoring.doelen import DoelenBibliotheek
from scoring.models import Vragenlijst
from scoring.uitwissel import Doel
from tests.nep import NepDatabase, voorbeeld_ronde

VANDAAG = dt.date(2026, 11, 22)
ANNA = DeelnemerInfo(id=10, naam="Anna", rol="deelnemer", functie=None, token="t-anna")
FATIMA = DeelnemerInfo(id=11, naam="Fatima", rol="facilitator", functie=None, token="t-fatima")


def _ronde(vl: Vragenlijst, status: str = "open") -> RondeInfo:
    return voorbeeld_ronde(datum=VANDAAG, vragenlijst_id=vl.meta.id, vragenlijst_versie=vl.versie, status=status)


def _kamer(vl: Vragenlijst, status: str = "open") -> tuple[NepDatabase, Sessie, Sessie]:
    """A round with Fatima (facilitator) and Anna (participant): the database and both sessions."""
    db = NepDatabase()
    fatima = db.stand.nieuwe_ronde(_ronde(vl, status), FATIMA, ANNA)
    return db, fatima, Sessie(ronde=fatima.ronde, deelnemer=ANNA)


def _smart(**anders: Any) -> Doel:
    velden: dict[str, Any] = {
        "id": "eigen_1",
        "bouwsteen": "kanaalregie",
        "titel": "Vragen in één keer goed",
        "actie": "Het KCC beantwoordt vragen over de vijf topproducten in het eerste contact.",
        "indicator": "Aandeel vragen afgehandeld in het eerste contact",
        "eenheid": "%",
        "nulmeting": 55,
        "streefwaarde": 75,
        "bron": "Zaaksysteem, maandrapport",
        "eigenaar": "Teamleider KCC",
        "draagvlak": "MT en portefeuillehouder dienstverlening",
        "deadline": dt.date(2027, 11, 1),
        "richting": "hoger",
    }
    return Doel(**(velden | anders))


def _accepteer(
    db: NepDatabase, vl: Vragenlijst, bib: DoelenBibliotheek, sessie: Sessie, doel: Doel, versie: int | None = None
) -> Any:
    return doelservice.bewaar(
        db, vl, sessie, doel, besluit="geaccepteerd", verwachte_versie=versie, vandaag=VANDAAG, bibliotheek=bib
    )


# --- the SMART gate ---------------------------------------------------------------------------


def test_a_smart_goal__is_accepted_by_the_facilitator_in_one_unit_of_work(
    vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    db, fatima, _ = _kamer(vragenlijst)
    voor = db.units
    info = _accepteer(db, vragenlijst, bibliotheek, fatima, _smart())
    assert db.units == voor + 1
    assert (info.besluit, info.versie, info.gewijzigd_door) == ("geaccepteerd", 1, "Fatima")
    assert doelservice.doelen(db, fatima) == {"eigen_1": info}


@pytest.mark.parametrize(
    ("anders", "letters"),
    [
        ({"actie": "Beter worden."}, "S"),
        ({"nulmeting": None}, "M"),
        ({"bron": None}, "M"),
        ({"streefwaarde": 40}, "M"),
        ({"eigenaar": None}, "A"),
        ({"draagvlak": " "}, "A"),
        ({"streefwaarde": 100, "deadline": dt.date(2027, 3, 1)}, "R"),
        ({"deadline": None}, "T"),
        ({"deadline": dt.date(2029, 1, 1)}, "T"),
        ({"actie": "Kort.", "nulmeting": None, "eigenaar": None, "deadline": None}, "SMAT"),
    ],
)
def test_accepting_a_goal_that_is_not_smart__is_refused_naming_the_failing_letters(
    vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek, anders: dict[str, Any], letters: str
) -> None:
    db, fatima, _ = _kamer(vragenlijst)
    with pytest.raises(NietSmart) as fout:
        _accepteer(db, vragenlijst, bibliotheek, fatima, _smart(**anders))
    assert "".join(letter for letter, _, _ in fout.value.ontbrekend) == letters
    melding = str(fout.value)
    assert melding.startswith("Nog niet SMART")
    for letter, naam, reden in fout.value.ontbrekend:
        assert f"{letter} ({naam}): {reden}" in melding
    assert db.stand.doelen.get(1, {}) == {}  # nothing written


def test_rejecting_or_proposing__needs_no_smart_goal(vragenlijst: Vragenlijst) -> None:
    db, fatima, anna = _kamer(vragenlijst)
    kaal = Doel(id="eigen_2", bouwsteen="kanaalinzet", titel="Chat proberen", actie="")
    assert doelservice.stel_doel_voor(db, vragenlijst, anna, kaal).besluit == "voorgesteld"
    info = doelservice.bewaar(db, vragenlijst, fatima, kaal, besluit="afgewezen", verwachte_versie=1)
    assert info.besluit == "afgewezen"


@pytest.mark.parametrize(("niveau", "geslaagd"), [(1.0, False), (2.9, False), (3.0, True), (4.2, True)])
def test_a_goal_from_a_template__may_not_skip_a_level(
    bibliotheek: DoelenBibliotheek, niveau: float, geslaagd: bool
) -> None:
    sjabloon = bibliotheek.voor("kanaalregie", van=3)[0]
    doel = _smart(id=sjabloon.id, sjabloon=sjabloon.id)
    if geslaagd:
        doelservice.eis_smart(doel, bibliotheek, vandaag=VANDAAG, niveau=niveau)
    else:
        with pytest.raises(NietSmart, match=r"R \(Realistisch\): Dit doel hoort bij de stap van niveau 3"):
            doelservice.eis_smart(doel, bibliotheek, vandaag=VANDAAG, niveau=niveau)


# --- who may write ----------------------------------------------------------------------------


def _schrijfacties(
    vl: Vragenlijst, bib: DoelenBibliotheek, db: NepDatabase, wie: Sessie, gezien: Any
) -> dict[str, Callable[[], object]]:
    return {
        "accepteren": lambda: _accepteer(db, vl, bib, wie, _smart(titel="Anders"), gezien.versie),
        "afwijzen": lambda: doelservice.bewaar(db, vl, wie, gezien.doel, besluit="afgewezen", verwachte_versie=1),
        "intrekken": lambda: doelservice.trek_in(db, wie, gezien),
        "verwijderen": lambda: doelservice.verwijder(db, wie, gezien),
        "pdca": lambda: doelservice.zet_status(db, vl, wie, gezien, "do", "Gestart"),
    }


@pytest.mark.parametrize("actie", ["accepteren", "afwijzen", "intrekken", "verwijderen", "pdca"])
def test_a_participant__may_not_decide__only_propose(
    vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek, actie: str
) -> None:
    db, fatima, anna = _kamer(vragenlijst)
    gezien = _accepteer(db, vragenlijst, bibliotheek, fatima, _smart())
    voor = db.stand.doelen[1].copy()
    with pytest.raises(InvoerFout, match="Alleen de facilitator"):
        _schrijfacties(vragenlijst, bibliotheek, db, anna, gezien)[actie]()
    assert db.stand.doelen[1] == voor


def test_the_role_is_read_in_the_unit_of_work__not_from_the_pages_snapshot(
    vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    db, _, anna = _kamer(vragenlijst)
    vermomd = anna.model_copy(update={"deelnemer": anna.deelnemer.model_copy(update={"rol": "facilitator"})})
    with pytest.raises(InvoerFout, match="Alleen de facilitator"):
        _accepteer(db, vragenlijst, bibliotheek, vermomd, _smart())


def test_access_is_checked_before_smart__a_participant_hears_about_the_role(
    vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    db, _, anna = _kamer(vragenlijst)
    with pytest.raises(InvoerFout, match="Alleen de facilitator") as fout:
        _accepteer(db, vragenlijst, bibliotheek, anna, _smart(nulmeting=None))
    assert not isinstance(fout.value, NietSmart)


@pytest.mark.parametrize("actie", ["accepteren", "afwijzen", "intrekken", "verwijderen"])
def test_a_closed_round__refuses_every_decision__also_when_the_page_still_says_open(
    vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek, actie: str
) -> None:
    db, fatima, _ = _kamer(vragenlijst)
    gezien = _accepteer(db, vragenlijst, bibliotheek, fatima, _smart())
    db.stand.rondes[1] = db.stand.rondes[1].model_copy(update={"status": "afgerond"})
    assert fatima.ronde.status == "open"  # the page's snapshot
    with pytest.raises(InvoerFout, match="afgerond"):
        _schrijfacties(vragenlijst, bibliotheek, db, fatima, gezien)[actie]()


def test_a_closed_round__refuses_a_proposal_but_the_pdca_phase_still_moves(
    vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    db, fatima, anna = _kamer(vragenlijst)
    gezien = _accepteer(db, vragenlijst, bibliotheek, fatima, _smart())
    db.stand.rondes[1] = db.stand.rondes[1].model_copy(update={"status": "afgerond"})
    with pytest.raises(InvoerFout, match="afgerond"):
        doelservice.stel_doel_voor(db, vragenlijst, anna, _smart(id="eigen_anna"))
    with pytest.raises(InvoerFout, match="Alleen de facilitator"):
        doelservice.zet_status(db, vragenlijst, anna, gezien, "do", "")
    verder = doelservice.zet_status(db, vragenlijst, fatima, gezien, "do", "Gestart")
    assert (verder.doel.status, verder.doel.notities, verder.versie) == ("do", "Gestart", 2)


@pytest.mark.parametrize("weg", ["deelnemer", "ronde"])
def test_someone_removed_or_a_round_gone__writes_nothing(
    vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek, weg: str
) -> None:
    db, fatima, anna = _kamer(vragenlijst)
    if weg == "deelnemer":
        del db.stand.deelnemers[ANNA.id]
        with pytest.raises(InvoerFout, match=r"niet \(meer\) mee"):
            doelservice.stel_doel_voor(db, vragenlijst, anna, _smart())
    else:
        del db.stand.rondes[1]
        with pytest.raises(InvoerFout, match="bestaat niet meer"):
            _accepteer(db, vragenlijst, bibliotheek, fatima, _smart())
    assert db.stand.doelen.get(1, {}) == {}


# --- versions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("actie", ["accepteren", "intrekken", "verwijderen", "pdca"])
def test_a_write_on_a_stale_version__is_a_conflict_with_what_is_stored(
    vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek, actie: str
) -> None:
    db, fatima, _ = _kamer(vragenlijst)
    gezien = _accepteer(db, vragenlijst, bibliotheek, fatima, _smart())
    nu = doelservice.zet_status(db, vragenlijst, fatima, gezien, "do", "Van een ander")
    with pytest.raises(DoelConflict) as conflict:
        _schrijfacties(vragenlijst, bibliotheek, db, fatima, gezien)[actie]()
    assert conflict.value.huidig == nu
    assert doelservice.doelen(db, fatima)["eigen_1"] == nu  # nothing changed


def test_proposing_a_goal_that_exists__or_writing_one_deleted_meanwhile__is_a_conflict(
    vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    db, fatima, anna = _kamer(vragenlijst)
    voorstel = doelservice.stel_doel_voor(db, vragenlijst, anna, _smart())
    with pytest.raises(DoelConflict) as conflict:
        doelservice.stel_doel_voor(db, vragenlijst, fatima, _smart(titel="Ook van mij"))
    assert conflict.value.huidig == voorstel
    doelservice.verwijder(db, fatima, voorstel)
    with pytest.raises(DoelConflict) as weg:
        doelservice.zet_status(db, vragenlijst, fatima, voorstel, "do", "")
    assert weg.value.huidig is None
    # Keeping one's own version of a goal deleted meanwhile: saved anew (expected: none).
    assert _accepteer(db, vragenlijst, bibliotheek, fatima, _smart()).versie == 1


def test_a_pdca_phase__only_on_an_accepted_goal(vragenlijst: Vragenlijst) -> None:
    db, fatima, anna = _kamer(vragenlijst)
    voorstel = doelservice.stel_doel_voor(db, vragenlijst, anna, _smart())
    with pytest.raises(InvoerFout, match="niet geaccepteerd"):
        doelservice.zet_status(db, vragenlijst, fatima, voorstel, "do", "")


@pytest.mark.parametrize(
    ("mijn", "ander", "verwacht"),
    [
        # A phase changed by one and a note by the other both survive.
        ({"status": "do"}, {"notities": "Van Gijs"}, {"status": "do", "notities": "Van Gijs"}),
        # The same field changed by both: mine wins (that is what "keep mine" means).
        ({"titel": "Van mij"}, {"titel": "Van Gijs"}, {"titel": "Van mij"}),
        # What I did not touch keeps the stored value, also when it differs from what I saw.
        ({}, {"eigenaar": "Gijs"}, {"eigenaar": "Gijs"}),
        ({"nulmeting": None, "nulmeting_uiterlijk": dt.date(2027, 1, 1)}, {"streefwaarde": 80}, {"streefwaarde": 80}),
    ],
)
def test_keep_mine__reapplies_my_changes_on_top_of_the_stored_version(
    mijn: dict[str, Any], ander: dict[str, Any], verwacht: dict[str, Any]
) -> None:
    geladen = _smart()
    mijn_doel = geladen.model_copy(update=mijn)
    huidig = geladen.model_copy(update=ander)
    samen = doelservice.op_nieuwe_versie(geladen, mijn_doel, huidig)
    assert doelservice.gewijzigde_velden(geladen, mijn_doel) == mijn
    assert samen == huidig.model_copy(update=mijn)
    for veld, waarde in verwacht.items():
        assert getattr(samen, veld) == waarde
