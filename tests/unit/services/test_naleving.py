"""The compliance check's use cases (issue 15, point 5) against the in-memory unit of work
(tests/nep.py): one answer per item per round, recorded by the facilitator only, in an open round,
for items of the round's questionnaire, with the fixed answer values. The same aggregate runs on
SQLite and PostgreSQL in tests/integration/test_naleving.py."""

from __future__ import annotations

import pytest

from scan.fouten import InvoerFout, NalevingConflict
from scan.services import naleving
from scan.services.naleving import NalevingWijziging
from scoring.loader import VRAGENLIJSTEN_DIR, laad_vragenlijst
from scoring.models import Vragenlijst
from scoring.versies import laad_versie
from tests.unit.services.werkplaats import BERT, werkplaats


@pytest.fixture(scope="module")
def vl20() -> Vragenlijst:
    return laad_vragenlijst(VRAGENLIJSTEN_DIR / "2.0")


def _w(item: str, status: str | None, notitie: str | None = None, versie: int | None = None) -> NalevingWijziging:
    return NalevingWijziging(item=item, status=status, notitie=notitie, verwachte_versie=versie)


def test_leg_vast__facilitator_records_changes_and_clears_answers_in_one_unit_of_work(vl20: Vragenlijst) -> None:
    db, bert, _ = werkplaats(vl20)
    uit = naleving.leg_vast(
        db,
        vl20,
        bert,
        [_w("verwerkingsregister", "voldoet", "  gezien bij de FG "), _w("klachtbehandeling", "deels")],
    )
    assert db.units == 1
    info = uit["verwerkingsregister"]
    assert info is not None and (info.status, info.notitie, info.gewijzigd_door, info.versie) == (
        "voldoet",
        "gezien bij de FG",
        "Bert",
        1,
    )
    naleving.leg_vast(
        db, vl20, bert, [_w("verwerkingsregister", "niet", versie=1), _w("klachtbehandeling", None, versie=1)]
    )
    regels = {r.item: r for r in naleving.nalevingscheck(db, vl20, bert.ronde.id)}
    assert [r.item for r in naleving.nalevingscheck(db, vl20, bert.ronde.id)] == [i.id for i in vl20.naleving]
    assert regels["verwerkingsregister"].antwoord is not None
    assert regels["verwerkingsregister"].antwoord.status == "niet"
    assert regels["verwerkingsregister"].antwoord.versie == 2
    assert regels["klachtbehandeling"].antwoord is None
    assert regels["dpia"].antwoord is None


@pytest.mark.parametrize(
    ("wie", "status", "melding"),
    [
        ("anna", "open", "Alleen de facilitator"),
        ("bert", "afgerond", "afgerond"),
        ("weg", "open", "niet \\(meer\\) ingeschreven"),
    ],
)
def test_leg_vast__refused_for_participant_closed_round_or_removed_facilitator(
    vl20: Vragenlijst, wie: str, status: str, melding: str
) -> None:
    db, bert, anna = werkplaats(vl20, status)
    if wie == "weg":
        del db.stand.deelnemers[BERT.id]
    with pytest.raises(InvoerFout, match=melding):
        naleving.leg_vast(db, vl20, anna if wie == "anna" else bert, [_w("dpia", "voldoet")])
    assert db.stand.naleving == {}


@pytest.mark.parametrize(
    ("wijziging", "melding"),
    [
        (_w("bestaat_niet", "voldoet"), "Nalevingsitem 'bestaat_niet' bestaat niet in vragenlijstversie 2.0"),
        (_w("dpia", "3"), "Antwoord '3' bij .* kan niet"),
        (_w("dpia", "ja"), "kies voldoet, deels, niet of weet niet"),
        (_w("verwerkingsregister", "nvt"), "N.v.t. kan niet bij .*geldt voor elke gemeente"),
        (_w("dpia", "voldoet", "x" * 501), "notitie .* te lang|501|500"),
        (_w("dpia", "voldoet", "a\x00b"), "notitie"),
    ],
)
def test_leg_vast__refuses_unknown_item_value_or_bad_note_before_writing(
    vl20: Vragenlijst, wijziging: NalevingWijziging, melding: str
) -> None:
    db, bert, _ = werkplaats(vl20)
    with pytest.raises(InvoerFout, match=melding):
        naleving.leg_vast(db, vl20, bert, [_w("klachtbehandeling", "voldoet"), wijziging])
    assert db.stand.naleving == {}  # all or nothing: the valid first item is not written either
    assert db.units == 0


def test_leg_vast__nvt_where_the_duty_may_not_apply(vl20: Vragenlijst) -> None:
    db, bert, _ = werkplaats(vl20)
    uit = naleving.leg_vast(db, vl20, bert, [_w("ai_transparantie", "nvt")])
    assert uit["ai_transparantie"] is not None and uit["ai_transparantie"].status == "nvt"


def test_leg_vast__someone_else_saved_first__conflict_names_the_item_and_nothing_is_written(vl20: Vragenlijst) -> None:
    db, bert, _ = werkplaats(vl20)
    naleving.leg_vast(db, vl20, bert, [_w("dpia", "deels")])
    with pytest.raises(NalevingConflict) as fout:
        # Seen before the first save (no answer), plus a fresh item that would be fine alone.
        naleving.leg_vast(db, vl20, bert, [_w("klachtbehandeling", "voldoet"), _w("dpia", "voldoet")])
    assert fout.value.item == "dpia"
    assert fout.value.huidig.status == "deels"
    assert set(db.stand.naleving) == {(bert.ronde.id, "dpia")}
    assert db.stand.naleving[(bert.ronde.id, "dpia")].status == "deels"


def test_leg_vast__version_without_a_check_refuses_every_item() -> None:
    vragenlijst = laad_versie("1.0")
    assert vragenlijst.naleving == ()  # 1.0 has no naleving.yaml
    db, bert, _ = werkplaats(vragenlijst)
    assert naleving.nalevingscheck(db, vragenlijst, bert.ronde.id) == []
    with pytest.raises(InvoerFout, match=r"bestaat niet in vragenlijstversie 1\.0"):
        naleving.leg_vast(db, vragenlijst, bert, [_w("dpia", "voldoet")])


def test_leg_vast__same_item_twice_is_refused(vl20: Vragenlijst) -> None:
    db, bert, _ = werkplaats(vl20)
    with pytest.raises(InvoerFout, match="twee keer"):
        naleving.leg_vast(db, vl20, bert, [_w("dpia", "voldoet"), _w("dpia", "niet")])
