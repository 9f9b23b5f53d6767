"""The discussion services (scan.bespreken) against SQLite and PostgreSQL: presenter link, marks, budget."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, update

from scan.db.tabellen import DeelnemerRij, RondeRij
from scan.db.verbinding import Database
from scan.fouten import InvoerFout
from scan.leesmodellen import Sessie
from scan.services import bespreken, invullen, resultaten, start, werkgroep, workshop
from scoring.models import Vragenlijst
from tests.rondes import start_ronde


def _ronde(db: Database, vl: Vragenlijst) -> Sessie:
    return start_ronde(db, vl, gm_code="GM0344", facilitator="Fatima", datum=dt.date(2026, 12, 6))


def test_presentatie_token__made_once_and_opens_the_round(db: Database, vragenlijst: Vragenlijst) -> None:
    sessie = _ronde(db, vragenlijst)
    token = bespreken.presentatie_token(db, sessie)
    assert len(token) >= 32
    assert bespreken.presentatie_token(db, sessie) == token
    ronde = bespreken.ronde_voor_scherm(db, token)
    assert ronde is not None and (ronde.id, ronde.gemeente) == (sessie.ronde.id, "Utrecht")
    # The presenter token is no personal link: it names no participant.
    assert start.sessie_voor_token(db, token) is None


def test_vernieuw_presentatie_token__old_link_stops_working(db: Database, vragenlijst: Vragenlijst) -> None:
    sessie = _ronde(db, vragenlijst)
    oud = bespreken.presentatie_token(db, sessie)
    nieuw = bespreken.vernieuw_presentatie_token(db, sessie)
    assert nieuw != oud
    assert bespreken.ronde_voor_scherm(db, oud) is None
    assert bespreken.ronde_voor_scherm(db, nieuw) is not None
    assert bespreken.presentatie_token(db, sessie) == nieuw


@pytest.mark.parametrize("token", ["", "onbekend", "x" * 500])
def test_ronde_voor_scherm__unknown_token__gives_none(db: Database, vragenlijst: Vragenlijst, token: str) -> None:
    _ronde(db, vragenlijst)
    assert bespreken.ronde_voor_scherm(db, token) is None


def test_presentatie_token__participant__is_refused(db: Database, vragenlijst: Vragenlijst) -> None:
    sessie = _ronde(db, vragenlijst)
    anna = start.neem_deel(db, vragenlijst, code=sessie.ronde.code, naam="Anna")
    with pytest.raises(InvoerFout, match="Alleen de facilitator"):
        bespreken.presentatie_token(db, anna)
    with pytest.raises(InvoerFout, match="Alleen de facilitator"):
        bespreken.vernieuw_presentatie_token(db, anna)
    with pytest.raises(InvoerFout, match="Alleen de facilitator"):
        bespreken.markeer(db, vragenlijst, anna, vragenlijst.stellingen()[0][1].id, "later")


def test_facilitator_check__reads_the_row_not_the_page_snapshot(db: Database, vragenlijst: Vragenlijst) -> None:
    sessie = _ronde(db, vragenlijst)
    # Demoted after the page loaded: the snapshot still says facilitator, the row does not.
    with db.schrijven() as s:
        s.execute(update(DeelnemerRij).where(DeelnemerRij.id == sessie.deelnemer.id).values(rol="deelnemer"))
    assert sessie.is_facilitator
    with pytest.raises(InvoerFout, match="Alleen de facilitator"):
        bespreken.vernieuw_presentatie_token(db, sessie)


def test_services__round_deleted_meanwhile__calm_refusal(db: Database, vragenlijst: Vragenlijst) -> None:
    sessie = _ronde(db, vragenlijst)
    with db.schrijven() as s:
        s.execute(delete(RondeRij).where(RondeRij.id == sessie.ronde.id))
    with pytest.raises(InvoerFout, match="bestaat niet meer"):
        bespreken.presentatie_token(db, sessie)
    with pytest.raises(InvoerFout, match="bestaat niet meer"):
        bespreken.markeer(db, vragenlijst, sessie, vragenlijst.stellingen()[0][1].id, "geparkeerd")


def test_markeer__park_later_and_undo__stored_per_round(db: Database, vragenlijst: Vragenlijst) -> None:
    sessie = _ronde(db, vragenlijst)
    ander = _ronde(db, vragenlijst)
    s1, s2 = (s.id for _, s in vragenlijst.stellingen()[:2])
    bespreken.markeer(db, vragenlijst, sessie, s1, "geparkeerd")
    bespreken.markeer(db, vragenlijst, sessie, s2, "later")
    assert bespreken.markeringen(db, sessie.ronde.id) == {s1: "geparkeerd", s2: "later"}
    bespreken.markeer(db, vragenlijst, sessie, s1, "later")
    bespreken.markeer(db, vragenlijst, sessie, s2, None)
    bespreken.markeer(db, vragenlijst, sessie, s2, None)  # undoing twice is harmless
    assert bespreken.markeringen(db, sessie.ronde.id) == {s1: "later"}
    assert bespreken.markeringen(db, ander.ronde.id) == {}


def test_markeer__closed_round_or_unknown_stelling__refused(db: Database, vragenlijst: Vragenlijst) -> None:
    sessie = _ronde(db, vragenlijst)
    with pytest.raises(InvoerFout, match="bestaat niet"):
        bespreken.markeer(db, vragenlijst, sessie, "geen_stelling", "later")
    # Closed after the page loaded: the check reads the row inside the write.
    with db.schrijven() as s:
        s.execute(update(RondeRij).where(RondeRij.id == sessie.ronde.id).values(status="afgerond"))
    with pytest.raises(InvoerFout, match="afgerond"):
        bespreken.markeer(db, vragenlijst, sessie, vragenlijst.stellingen()[0][1].id, "later")
    assert bespreken.markeringen(db, sessie.ronde.id) == {}


def test_agenda_instelling__defaults_then_what_the_facilitator_set(db: Database, vragenlijst: Vragenlijst) -> None:
    sessie = _ronde(db, vragenlijst)
    assert bespreken.agenda_instelling(db, sessie.ronde.id) == (3.0, 60.0)
    bespreken.stel_agenda_in(db, sessie, minuten_per_punt=4, budget=90)
    bespreken.stel_agenda_in(db, sessie, minuten_per_punt=2.5, budget=45)
    assert bespreken.agenda_instelling(db, sessie.ronde.id) == (2.5, 45.0)
    with pytest.raises(InvoerFout, match="Minuten per bespreekpunt"):
        bespreken.stel_agenda_in(db, sessie, minuten_per_punt=0, budget=60)
    with pytest.raises(InvoerFout, match="Tijd voor de bespreking"):
        bespreken.stel_agenda_in(db, sessie, minuten_per_punt=3, budget=-1)


def test_voortgang_and_consensus__by_round_id__for_the_presenter(db: Database, vragenlijst: Vragenlijst) -> None:
    sessie = _ronde(db, vragenlijst)
    anna = start.neem_deel(db, vragenlijst, code=sessie.ronde.code, naam="Anna")
    stelling = vragenlijst.stellingen()[0][1].id
    invullen.sla_antwoord_op(db, vragenlijst, anna, stelling, "4")
    workshop.stel_consensus_vast(
        db, vragenlijst, sessie, stelling=stelling, niveau=3, toelichting="", verwachte_versie=None
    )
    assert [(r.naam, r.beantwoord) for r in bespreken.voortgang(db, sessie.ronde.id)] == [("Fatima", 0), ("Anna", 1)]
    assert bespreken.consensus(db, sessie.ronde.id)[stelling].niveau == 3


def test_bespreking_and_scherm_stand__one_read__same_result_as_the_results_page(
    db: Database, vragenlijst: Vragenlijst
) -> None:
    """The discussion scores what ``resultaten.resultaat`` scores (answers, "weet niet", personal
    and agreed ambitions, consensus), so the agenda and the results page never disagree."""
    sessie = _ronde(db, vragenlijst)
    b1 = vragenlijst.bouwstenen[0]
    for naam, niveaus in [("Anna", "15w"), ("Bert", "51n"), ("Cor", "33w")]:
        lid = start.neem_deel(db, vragenlijst, code=sessie.ronde.code, naam=naam)
        for s, n in zip(b1.stellingen, niveaus, strict=False):
            invullen.sla_antwoord_op(db, vragenlijst, lid, s.id, {"w": "weet_niet", "n": "nvt"}.get(n, n))
        invullen.sla_ambitie_op(db, vragenlijst, lid, b1.id, 4)
    werkgroep.stel_ambitie_vast(db, vragenlijst, sessie, vragenlijst.bouwstenen[1].id, 3, verwachte_versie=None)
    workshop.stel_consensus_vast(
        db, vragenlijst, sessie, stelling=b1.stellingen[2].id, niveau=2, toelichting="", verwachte_versie=None
    )
    bespreken.markeer(db, vragenlijst, sessie, b1.stellingen[1].id, "geparkeerd")
    verwacht = resultaten.resultaat(db, vragenlijst, sessie.ronde.id)

    nu = bespreken.bespreking(db, vragenlijst, sessie.ronde.id)
    assert nu.resultaat == verwacht
    assert set(nu.consensus) == {b1.stellingen[2].id}
    assert [p.stelling for p in nu.agenda.geparkeerde] == [b1.stellingen[1].id]
    stand = bespreken.scherm_stand(db, vragenlijst, bespreken.presentatie_token(db, sessie))
    assert stand is not None and stand.bespreking == nu
    assert [r.naam for r in stand.voortgang] == ["Fatima", "Anna", "Bert", "Cor"]
