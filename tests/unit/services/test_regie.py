"""The facilitator's Samen control and the session plan (issue 16) against the in-memory unit of
work: who may read and set what, what stays blind, which point the re-vote key opens."""

from __future__ import annotations

import pytest

from scan.fouten import InvoerFout
from scan.services import bespreken, invullen, samen
from scoring.models import Vragenlijst
from scoring.samen import MINUTEN_PER_STELLING, ONTHUL_MINUTEN
from tests.unit.services.werkplaats import werkplaats


@pytest.mark.parametrize(
    ("waarde", "verwacht"), [(None, None), ("", None), ("{", None), ('{"duur": 90}', 90.0), ('{"x": 1}', None)]
)
def test_duur_uit__read_or_none(waarde: str | None, verwacht: float | None) -> None:
    assert bespreken.duur_uit(waarde) == verwacht


def test_session_length__facilitator_only_within_bounds_and_the_plan_follows(vragenlijst: Vragenlijst) -> None:
    db, bert, anna = werkplaats(vragenlijst)
    plan = bespreken.sessieplan(db, vragenlijst, bert.ronde.id)
    assert not plan.ingesteld and plan.plan.duur == bespreken.STANDAARD_DUUR
    with pytest.raises(InvoerFout, match="Alleen de facilitator"):
        bespreken.stel_sessieduur_in(db, anna, 90)
    for fout in (0, 14, 481):
        with pytest.raises(InvoerFout, match="Duur van de sessie"):
            bespreken.stel_sessieduur_in(db, bert, fout)
    bespreken.stel_sessieduur_in(db, bert, 60)
    plan = bespreken.sessieplan(db, vragenlijst, bert.ronde.id)
    assert plan.ingesteld and plan.plan.duur == 60
    # Sixteen bouwstenen do not fit in an hour: the plan says by how much.
    assert plan.plan.over > 0 and plan.plan.punten == 0


def test_planned_minutes__per_kind_of_part(vragenlijst: Vragenlijst) -> None:
    db, bert, _ = werkplaats(vragenlijst)
    samen.zet_modus(db, bert, "samen")
    plan = bespreken.sessieplan(db, vragenlijst, bert.ronde.id).plan
    assert samen.geplande_minuten(plan, None) is None
    stap = samen.volgende(db, vragenlijst, bert)
    n = len(vragenlijst.bouwstenen[0].stellingen)
    assert samen.geplande_minuten(plan, stap) == n * MINUTEN_PER_STELLING + ONTHUL_MINUTEN
    stap = samen.open_deel(db, vragenlijst, bert, stelling=vragenlijst.bouwstenen[0].stellingen[0].id)
    assert samen.geplande_minuten(plan, stap) == MINUTEN_PER_STELLING + ONTHUL_MINUTEN
    assert samen.geplande_minuten(plan, stap.model_copy(update={"herstemming": True})) == plan.minuten_per_punt


def test_regie__facilitator_only_and_blind_until_the_reveal(vragenlijst: Vragenlijst) -> None:
    db, bert, anna = werkplaats(vragenlijst)
    with pytest.raises(InvoerFout, match="Alleen de facilitator"):
        samen.regie(db, vragenlijst, anna)
    samen.zet_modus(db, bert, "samen")
    samen.volgende(db, vragenlijst, bert)
    stellingen = [s.id for s in vragenlijst.bouwstenen[0].stellingen]
    for wie, niveau in ((anna, "1"), (bert, "4")):
        for s in stellingen:
            invullen.sla_antwoord_op(db, vragenlijst, wie, s, niveau)
            samen.sla_zekerheid_op(db, vragenlijst, wie, s, "gok")
    r = samen.regie(db, vragenlijst, bert)
    assert set(r.deel.klaar) == {anna.deelnemer.id, bert.deelnemer.id}
    assert r.deel.verdeling == {} and r.namen == {}
    # Blind: certainty, the re-vote choice and the discipline groups leave the open part out.
    assert not set(r.zekerheid) & set(stellingen)
    assert not set(r.gestemd) & set(stellingen)
    assert all(not b.groepen for b in r.disciplines if b.bouwsteen == vragenlijst.bouwstenen[0].id)
    assert bespreken.gokken(db, vragenlijst, bert.ronde.id) == {}
    samen.onthul(db, bert)
    r = samen.regie(db, vragenlijst, bert)
    assert r.deel.verdeling[stellingen[0]] == (1, 0, 0, 1, 0)
    assert r.namen == {}  # anonymous round: no names beside answers
    assert r.zekerheid[stellingen[0]].gokt and set(bespreken.gokken(db, vragenlijst, bert.ronde.id)) == set(stellingen)
    assert list(r.gestemd) == stellingen
    # Every stelling is a guessed bespreekpunt now; the agenda carries it.
    agenda = bespreken.bespreking(db, vragenlijst, bert.ronde.id).agenda
    assert agenda.te_doen and all(p.gokt for p in agenda.te_doen)


def test_revote_key__the_point_in_focus_then_nothing(vragenlijst: Vragenlijst) -> None:
    db, bert, anna = werkplaats(vragenlijst)
    samen.zet_modus(db, bert, "samen")
    samen.volgende(db, vragenlijst, bert)
    eerste = vragenlijst.bouwstenen[0].stellingen[0].id
    invullen.sla_antwoord_op(db, vragenlijst, anna, eerste, "1")
    invullen.sla_antwoord_op(db, vragenlijst, bert, eerste, "5")
    tweede = vragenlijst.bouwstenen[0].stellingen[1].id
    invullen.sla_antwoord_op(db, vragenlijst, anna, tweede, "1")
    invullen.sla_antwoord_op(db, vragenlijst, bert, tweede, "4")
    r = samen.regie(db, vragenlijst, bert)
    b = bespreken.bespreking(db, vragenlijst, bert.ronde.id)
    assert bespreken.herstem_punt(r.deel, b, r.herstemd) is None  # blind: nothing to re-vote yet
    samen.onthul(db, bert)
    r = samen.regie(db, vragenlijst, bert)
    b = bespreken.bespreking(db, vragenlijst, bert.ronde.id)
    assert bespreken.focus(r.deel, b) == eerste
    assert bespreken.herstem_punt(r.deel, b, r.herstemd) == eerste
    samen.herstem(db, vragenlijst, bert, eerste)
    r = samen.regie(db, vragenlijst, bert)
    assert eerste in r.herstemd
    assert bespreken.herstem_punt(r.deel, b, r.herstemd) is None  # the re-vote is blind
    samen.onthul(db, bert)
    r = samen.regie(db, vragenlijst, bert)
    b = bespreken.bespreking(db, vragenlijst, bert.ronde.id)
    # After the re-vote's reveal: the next point of the same bouwsteen not re-voted yet.
    assert bespreken.herstem_punt(r.deel, b, r.herstemd) == tweede
    samen.herstem(db, vragenlijst, bert, tweede)
    samen.onthul(db, bert)
    r = samen.regie(db, vragenlijst, bert)
    b = bespreken.bespreking(db, vragenlijst, bert.ronde.id)
    assert bespreken.herstem_punt(r.deel, b, r.herstemd) is None  # every point re-voted


def test_presenter__only_a_facilitator_of_the_same_round_by_the_session_token(vragenlijst: Vragenlijst) -> None:
    db, bert, anna = werkplaats(vragenlijst)
    token = bespreken.presentatie_token(db, bert)
    gevonden = bespreken.presentator(db, token, bert.deelnemer.token)
    assert gevonden is not None and gevonden.deelnemer.id == bert.deelnemer.id
    assert bespreken.presentator(db, token, anna.deelnemer.token) is None
    assert bespreken.presentator(db, token, None) is None
    assert bespreken.presentator(db, "onbekend", bert.deelnemer.token) is None
