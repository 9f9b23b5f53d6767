"""Erasure and retention use cases against the in-memory unit of work (tests/nep.py). The same run
on SQLite and PostgreSQL, with every table searched, in tests/integration/test_wissen.py."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from scan.fouten import GeenToegang, InvoerFout
from scan.leesmodellen import ConsensusInfo, DeelnemerInfo
from scan.services import wissen
from scan.services.toegang import Gebruiker, lokale_gebruiker
from scoring.models import Vragenlijst
from tests.nep import NU
from tests.unit.services.werkplaats import ANNA, BERT, werkplaats

BEHEERDER = lokale_gebruiker()


def _consensus(door: str, toelichting: str) -> ConsensusInfo:
    return ConsensusInfo(
        stelling="s1", niveau=3, toelichting=toelichting, vastgesteld_door=door, vastgesteld_op=NU, versie=1
    )


def test_erase__one_unit_of_work__name_becomes_the_role_and_one_audit_line_without_it(
    vragenlijst: Vragenlijst,
) -> None:
    db, bert, _ = werkplaats(vragenlijst)
    db.stand.antwoord(1, ANNA.id, "x", "3", "mijn noot")
    db.stand.antwoord(1, BERT.id, "x", "2", "Eens met ANNA, zie boven")
    db.stand.ambitie(1, ANNA.id, "b", 4)
    db.stand.consensus[(1, "s1")] = _consensus("Anna", "Voorstel van Anna")
    db.stand.herstemmingen[(ANNA.id, "x")] = (1, "4")
    db.stand.logboek.clear()
    units = db.units

    assert wissen.wis_deelnemer(db, bert, ANNA.id, verwachte_versie=1) == "Anna"

    assert db.units == units + 1
    st = db.stand
    assert ANNA.id not in st.deelnemers and not st.mijn_ambities and not st.herstemmingen
    assert [a.toelichting for _, a in st.mijn_antwoorden.values()] == ["Eens met een deelnemer, zie boven"]
    c = st.consensus[(1, "s1")]
    assert (c.vastgesteld_door, c.toelichting) == ("een deelnemer", "Voorstel van een deelnemer")
    [(regel, wie_id)] = st.logboek
    assert (regel.handeling, regel.wie, wie_id, regel.onderwerp) == (
        "deelnemer.gewist",
        "Bert",
        BERT.id,
        "deelnemer 10",
    )
    assert "Anna" not in repr(regel)


def test_erase__in_a_closed_round__stores_the_key_figures_again(vragenlijst: Vragenlijst) -> None:
    db, bert, _ = werkplaats(vragenlijst, status="afgerond")
    b1 = vragenlijst.bouwstenen[0]
    for s in b1.stellingen:
        db.stand.antwoord(1, ANNA.id, s.id, "5")
        db.stand.antwoord(1, BERT.id, s.id, "1")
    assert 1 not in db.stand.kerncijfers
    wissen.wis_deelnemer(db, bert, ANNA.id, verwachte_versie=1)
    assert db.stand.kerncijfers[1].deelnemers == 1


def test_erase__refused_for_a_participant_and_for_oneself(vragenlijst: Vragenlijst) -> None:
    db, bert, anna = werkplaats(vragenlijst)
    with pytest.raises(InvoerFout, match="Alleen een facilitator"):
        wissen.wis_deelnemer(db, anna, BERT.id, verwachte_versie=1)
    with pytest.raises(InvoerFout, match="uzelf niet"):
        wissen.wis_deelnemer(db, bert, BERT.id, verwachte_versie=1)
    assert ANNA.id in db.stand.deelnemers and BERT.id in db.stand.deelnemers


def test_erase_as_beheerder__only_of_their_own_gemeente__also_the_last_facilitator(vragenlijst: Vragenlijst) -> None:
    db, _, _ = werkplaats(vragenlijst)  # a round of Utrecht (GM0344)
    amsterdam = Gebruiker(naam="A", email="a@amsterdam.nl", rollen={"GM0363": frozenset({"beheerder"})})
    with pytest.raises(GeenToegang, match="bestaat niet, of u heeft geen rol"):
        wissen.wis_deelnemer_als(db, amsterdam, 1, BERT.id)
    adviseur = Gebruiker(naam="U", email="u@utrecht.nl", rollen={"GM0344": frozenset({"adviseur"})})
    with pytest.raises(GeenToegang):
        wissen.wis_deelnemer_als(db, adviseur, 1, BERT.id)
    assert wissen.wis_deelnemer_als(db, BEHEERDER, 1, BERT.id) == "Bert"
    assert [r.wie for r, _ in db.stand.logboek] == ["Deze computer"]


def test_delete_round__beheerder_only__one_audit_line(vragenlijst: Vragenlijst) -> None:
    db, _, _ = werkplaats(vragenlijst)
    with pytest.raises(GeenToegang):
        wissen.verwijder_ronde(db, Gebruiker(naam="X", email="x@x.nl"), 1)
    assert 1 in db.stand.rondes
    wissen.verwijder_ronde(db, BEHEERDER, 1)
    assert 1 not in db.stand.rondes and not db.stand.deelnemers
    assert [r.handeling for r, _ in db.stand.logboek] == ["ronde.verwijderd"]


def _gesloten(db: object, ronde_id: int, op: dt.datetime) -> None:
    db.stand.afgerond_op[ronde_id] = op  # type: ignore[attr-defined]


def test_retention__due_soon_and_never_open_rounds(vragenlijst: Vragenlijst, monkeypatch: pytest.MonkeyPatch) -> None:
    db, _, _ = werkplaats(vragenlijst, status="afgerond")
    _gesloten(db, 1, dt.datetime(2024, 1, 10, tzinfo=dt.UTC))
    moment = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    overzicht = wissen.bewaaroverzicht(db, BEHEERDER, "GM0344", maanden=24, moment=moment)
    assert overzicht.nu == [] and [r.ronde_id for r in overzicht.binnenkort] == [1]
    assert overzicht.binnenkort[0].verloopt_op == dt.datetime(2026, 1, 10, tzinfo=dt.UTC)

    later = dt.datetime(2026, 1, 10, tzinfo=dt.UTC)
    gedaan = wissen.pas_bewaartermijn_toe(db, BEHEERDER, "GM0344", maanden=24, moment=later)
    assert [r.ronde_id for r in gedaan] == [1]
    assert sorted(d.naam for _, d in db.stand.deelnemers.values()) == ["Deelnemer 1", "Deelnemer 2"]
    assert [r.handeling for r, _ in db.stand.logboek][-1] == "bewaartermijn.toegepast"
    assert wissen.pas_bewaartermijn_toe(db, BEHEERDER, "GM0344", maanden=24, moment=later) == []

    # an open round is never due, however old
    db2, _, _ = werkplaats(vragenlijst, status="open")
    _gesloten(db2, 1, dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    assert wissen.bewaaroverzicht(db2, BEHEERDER, "GM0344", maanden=1, moment=later).nu == []


def test_retention__setting_and_access(vragenlijst: Vragenlijst, monkeypatch: pytest.MonkeyPatch) -> None:
    db, _, _ = werkplaats(vragenlijst)
    monkeypatch.setenv("SCAN_BEWAARTERMIJN_MAANDEN", "36")
    assert wissen.bewaaroverzicht(db, BEHEERDER, None).maanden == 36
    monkeypatch.setenv("SCAN_BEWAARTERMIJN_MAANDEN", "twee jaar")
    with pytest.raises(InvoerFout, match="geen geheel aantal maanden"):
        wissen.bewaaroverzicht(db, BEHEERDER, None)
    utrecht = Gebruiker(naam="U", email="u@utrecht.nl", rollen={"GM0344": frozenset({"beheerder"})})
    with pytest.raises(InvoerFout, match="hele installatie"):
        wissen.bewaaroverzicht(db, utrecht, None, maanden=24)
    with pytest.raises(GeenToegang):
        wissen.bewaaroverzicht(db, utrecht, "GM0363", maanden=24)
    assert wissen.bewaaroverzicht(db, utrecht, "GM0344", maanden=24).nu == []


def test_erase__another_person_whose_name_holds_the_erased_one_keeps_it(vragenlijst: Vragenlijst) -> None:
    db, bert, _ = werkplaats(vragenlijst)
    avr = DeelnemerInfo(id=12, naam="Anna de Vries", rol="facilitator", functie=None, token="t-avr")
    db.stand.deelnemers[avr.id] = (1, avr)
    db.stand.consensus[(1, "s1")] = _consensus("Anna de Vries", "Anna en Anna de Vries waren het eens")
    wissen.wis_deelnemer(db, bert, ANNA.id, verwachte_versie=1)
    c = db.stand.consensus[(1, "s1")]
    assert c.vastgesteld_door == "Anna de Vries"
    assert c.toelichting == "een deelnemer en Anna de Vries waren het eens"


def test_retention__a_round_that_fails_is_rolled_back_and_the_others_are_done(
    vragenlijst: Vragenlijst, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from scan.fouten import OpslagFout
    from tests import nep
    from tests.unit.services.werkplaats import ronde

    db, _, _ = werkplaats(vragenlijst, status="afgerond")
    cor = DeelnemerInfo(id=20, naam="Cor", rol="facilitator", functie=None, token="t-cor")
    db.stand.nieuwe_ronde(ronde(vragenlijst, "afgerond", ronde_id=2), cor)
    for r in (1, 2):
        _gesloten(db, r, dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    echt = nep.NepWissen.pseudonimiseer

    def faalt_bij_1(self: nep.NepWissen, ronde_id: int) -> int:
        if ronde_id == 1:
            raise OpslagFout() from ValueError("Anna")
        return echt(self, ronde_id)

    monkeypatch.setattr(nep.NepWissen, "pseudonimiseer", faalt_bij_1)
    caplog.set_level(logging.INFO, logger="scan")  # the warning itself comes from the real unit of work
    gedaan = wissen.pas_bewaartermijn_toe(db, BEHEERDER, "GM0344", maanden=24, moment=NU)
    assert [r.ronde_id for r in gedaan] == [2]
    assert 1 not in db.stand.gewist_op and 2 in db.stand.gewist_op
    assert "scanronde 1 niet gelukt (ValueError)" in caplog.text and "Anna" not in caplog.text
