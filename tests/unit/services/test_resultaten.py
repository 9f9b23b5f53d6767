"""Resultaten's use case against the in-memory unit of work (tests/nep.py): scores from what is
stored, in one read. The real aggregate runs on both databases in tests/integration/test_services.py."""

from __future__ import annotations

import pytest

from scan.leesmodellen import DeelnemerInfo
from scan.services import invullen, resultaten
from scoring.models import Vragenlijst
from tests.nep import NepDatabase, voorbeeld_ronde


def test_result__scores_every_participant_s_answers_in_one_read(vragenlijst: Vragenlijst) -> None:
    db = NepDatabase()
    ronde = voorbeeld_ronde(vragenlijst_id=vragenlijst.meta.id, vragenlijst_versie=vragenlijst.versie)
    anna = db.stand.nieuwe_ronde(
        ronde,
        DeelnemerInfo(id=1, naam="Anna", rol="deelnemer", functie=None, token="a"),
        DeelnemerInfo(id=2, naam="Bert", rol="facilitator", functie=None, token="b"),
    )
    bert = anna.model_copy(
        update={"deelnemer": DeelnemerInfo(id=2, naam="Bert", rol="facilitator", functie=None, token="b")}
    )
    leeg = resultaten.resultaat(db, vragenlijst, 1)
    assert leeg.totaal.score is None and leeg.deelnemers == 0
    stelling = vragenlijst.bouwstenen[0].stellingen[0].id
    invullen.sla_antwoord_op(db, vragenlijst, anna, stelling, "1")
    invullen.sla_antwoord_op(db, vragenlijst, bert, stelling, "5")
    invullen.sla_toelichting_op(db, vragenlijst, bert, vragenlijst.bouwstenen[0].stellingen[1].id, "Geen keuze")
    voor = db.units
    resultaat = resultaten.resultaat(db, vragenlijst, 1)
    assert db.units == voor + 1
    assert resultaat.deelnemers == 2
    assert resultaat.stelling(stelling).aantal_scores == 2
    assert stelling in resultaat.bespreekpunten
    # Agreement: two people, the same level; one person alone is no agreement.
    tweede, derde = vragenlijst.bouwstenen[1].stellingen[0].id, vragenlijst.bouwstenen[1].stellingen[1].id
    for sessie in (anna, bert):
        invullen.sla_antwoord_op(db, vragenlijst, sessie, tweede, "3")
    invullen.sla_antwoord_op(db, vragenlijst, anna, derde, "4")
    eens = resultaten.eensgezind(resultaten.resultaat(db, vragenlijst, 1))
    assert [s.stelling for s in eens] == [tweede]


@pytest.mark.parametrize(
    ("aandeel", "tekst"),
    [(0.625, "63%"), (0.145, "15%"), (0.285, "29%"), (0.005, "1%"), (0.0, "0%"), (1.0, "100%"), (2 / 3, "67%")],
)
def test_percentage__rounded_half_away_from_zero_as_every_shown_number(aandeel: float, tekst: str) -> None:
    assert resultaten.procent(aandeel) == tekst


def test_stelling_numbers__bouwsteen_dot_stelling(vragenlijst: Vragenlijst) -> None:
    nummers = resultaten.stelling_nummers(vragenlijst)
    derde = vragenlijst.bouwstenen[2]
    assert nummers[derde.stellingen[1].id] == f"{derde.nummer}.2"
    assert len(nummers) == len(vragenlijst.stellingen())
