"""The compliance check's aggregate on SQLite and PostgreSQL (issue 15, point 5): recorded per round
against the version the facilitator saw, kept to the fixed values by the database's CHECK, carried
by export and import, gone with its round, and never in the scores."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import IntegrityError

from scan.db.tabellen import NalevingRij, RondeRij
from scan.db.verbinding import Database
from scan.demo.fictief import maak_demo
from scan.fouten import NalevingConflict
from scan.gemeenten import zoek_gemeente
from scan.leesmodellen import Sessie
from scan.services import naleving, resultaten
from scan.services.naleving import NalevingWijziging
from scan.services.uitwisseling import exporteer
from scoring.loader import VRAGENLIJSTEN_DIR, laad_vragenlijst
from scoring.models import Vragenlijst
from scoring.uitwissel import Naleving, canoniek
from tests.rondes import importeer, start_ronde


@pytest.fixture(scope="module")
def vl20() -> Vragenlijst:
    return laad_vragenlijst(VRAGENLIJSTEN_DIR / "2.0")


@pytest.fixture
def ronde(db: Database, vl20: Vragenlijst) -> Sessie:
    return start_ronde(db, vl20, gm_code="GM0344", facilitator="Fatima", datum=dt.date(2026, 12, 7))


def _w(item: str, status: str | None, notitie: str | None = None, versie: int | None = None) -> NalevingWijziging:
    return NalevingWijziging(item=item, status=status, notitie=notitie, verwachte_versie=versie)


def _rijen(db: Database, ronde_id: int) -> int:
    with db.lezen() as s:
        return int(s.scalar(select(func.count()).select_from(NalevingRij).where(NalevingRij.ronde_id == ronde_id)) or 0)


def test_record_change_clear__versions_count_up_and_a_stale_version_is_a_conflict(
    db: Database, vl20: Vragenlijst, ronde: Sessie
) -> None:
    voor = resultaten.resultaat(db, vl20, ronde.ronde.id)
    naleving.leg_vast(db, vl20, ronde, [_w("dpia", "deels", "nog twee"), _w("klachtbehandeling", "voldoet")])
    naleving.leg_vast(db, vl20, ronde, [_w("dpia", "voldoet", None, versie=1)])
    regels = {r.item: r.antwoord for r in naleving.nalevingscheck(db, vl20, ronde.ronde.id)}
    dpia = regels["dpia"]
    assert dpia is not None and (dpia.status, dpia.notitie, dpia.versie, dpia.gewijzigd_door) == (
        "voldoet",
        None,
        2,
        "Fatima",
    )
    with pytest.raises(NalevingConflict) as fout:
        naleving.leg_vast(db, vl20, ronde, [_w("dpia", "niet", versie=1)])
    assert fout.value.item == "dpia" and fout.value.huidig.versie == 2
    naleving.leg_vast(db, vl20, ronde, [_w("klachtbehandeling", None, versie=1)])
    assert _rijen(db, ronde.ronde.id) == 1
    assert resultaten.resultaat(db, vl20, ronde.ronde.id) == voor  # no score sees the check


def test_check_constraint__refuses_a_value_outside_the_fixed_set(db: Database, ronde: Sessie) -> None:
    with pytest.raises(IntegrityError), db.schrijven() as s:
        s.execute(
            insert(NalevingRij).values(
                ronde_id=ronde.ronde.id, item="dpia", status="misschien", gewijzigd_op=dt.datetime.now(dt.UTC)
            )
        )


def test_export_and_import__carry_the_check(db: Database, vl20: Vragenlijst, ronde: Sessie) -> None:
    naleving.leg_vast(db, vl20, ronde, [_w("ai_transparantie", "nvt", "geen chatbot"), _w("dpia", "weet_niet")])
    scan = exporteer(db, ronde.ronde.id)
    assert sorted(scan.naleving, key=lambda n: n.item) == [
        Naleving(item="ai_transparantie", status="nvt", notitie="geen chatbot"),
        Naleving(item="dpia", status="weet_niet"),
    ]
    demo = maak_demo(vl20, zoek_gemeente("Utrecht"), 4, dt.date(2026, 11, 1), seed=5)
    demo = demo.model_copy(update={"naleving": scan.naleving})
    nieuw = importeer(db, vl20, demo)
    assert canoniek(exporteer(db, nieuw.ronde.id)).naleving == canoniek(demo).naleving
    assert {r.item: r.antwoord.status for r in naleving.nalevingscheck(db, vl20, nieuw.ronde.id) if r.antwoord} == {
        "ai_transparantie": "nvt",
        "dpia": "weet_niet",
    }


def test_deleting_the_round__takes_its_check_along(db: Database, vl20: Vragenlijst, ronde: Sessie) -> None:
    naleving.leg_vast(db, vl20, ronde, [_w("dpia", "voldoet")])
    assert _rijen(db, ronde.ronde.id) == 1
    with db.schrijven() as s:
        s.execute(delete(RondeRij).where(RondeRij.id == ronde.ronde.id))
    assert _rijen(db, ronde.ronde.id) == 0
