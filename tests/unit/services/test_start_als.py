"""Starting and opening a round as a signed-in person (the page Start's use cases in
``scan.services.start``) against the in-memory unit of work: who may, in one unit of work, and a
refusal writes nothing. The same use cases run on both databases in tests/integration/test_toegang.py.
"""

from __future__ import annotations

import datetime as dt

import pytest

from scan.fouten import GeenToegang, InvoerFout
from scan.services import start
from scan.services.toegang import Gebruiker, Rol
from scoring.loader import laad_vragenlijst
from scoring.models import Vragenlijst
from tests.nep import NepDatabase

UTRECHT = "GM0344"
DATUM = dt.date(2026, 12, 7)


@pytest.fixture(scope="module")
def vl() -> Vragenlijst:
    return laad_vragenlijst()


@pytest.fixture
def db() -> NepDatabase:
    db = NepDatabase()
    db.stand.gemeenten = {UTRECHT: "Utrecht"}
    return db


def _wie(rollen: dict[str, frozenset[Rol]], email: str | None = "fien@utrecht.nl") -> Gebruiker:
    return Gebruiker(naam="Fien", email=email, rollen=rollen)


@pytest.mark.parametrize(
    ("rollen", "mag"),
    [
        ({UTRECHT: frozenset({"facilitator"})}, True),
        ({UTRECHT: frozenset({"beheerder"})}, True),
        ({UTRECHT: frozenset({"adviseur"})}, False),
        ({"GM0034": frozenset({"facilitator", "beheerder"})}, False),
        ({}, False),
    ],
)
def test_start_round__a_facilitator_or_beheerder_of_the_gemeente__one_unit_of_work(
    db: NepDatabase, vl: Vragenlijst, rollen: dict[str, frozenset[Rol]], mag: bool
) -> None:
    wie = _wie(rollen)
    if mag:
        sessie = start.start_ronde_als(db, vl, wie, gm_code=UTRECHT, facilitator="Fien", datum=DATUM)
        assert sessie.ronde.gemeente == "Utrecht" and sessie.deelnemer.rol == "facilitator"
        assert db.stand.deelnemer_extra[sessie.deelnemer.id][1] == "fien@utrecht.nl", "the address is kept"
    else:
        with pytest.raises(GeenToegang, match="Utrecht"):
            start.start_ronde_als(db, vl, wie, gm_code=UTRECHT, facilitator="Fien", datum=DATUM)
        assert db.stand.rondes == {} and db.stand.deelnemers == {}
    assert db.units == 1


def test_start_round__not_signed_in__refused(db: NepDatabase, vl: Vragenlijst) -> None:
    with pytest.raises(GeenToegang, match="niet ingelogd"):
        start.start_ronde_als(db, vl, None, gm_code=UTRECHT, facilitator="Fien", datum=DATUM)
    assert db.stand.rondes == {}


@pytest.mark.parametrize(
    ("gm_code", "naam", "melding"),
    [("GM9999", "Fien", "CBS-lijst"), ("", "Fien", "CBS-lijst"), (UTRECHT, "   ", "Uw naam is leeg")],
)
def test_start_round__bad_input__refused_in_dutch_and_nothing_written(
    db: NepDatabase, vl: Vragenlijst, gm_code: str, naam: str, melding: str
) -> None:
    beheerder = Gebruiker(naam="B", email=None, overal_beheerder=True)
    with pytest.raises(InvoerFout, match=melding):
        start.start_ronde_als(db, vl, beheerder, gm_code=gm_code, facilitator=naam, datum=DATUM)
    assert db.stand.rondes == {} and db.stand.deelnemers == {}


def test_open_as_facilitator__the_same_person_back_a_colleague_apart(db: NepDatabase, vl: Vragenlijst) -> None:
    fien = _wie({UTRECHT: frozenset({"facilitator"})})
    sessie = start.start_ronde_als(db, vl, fien, gm_code=UTRECHT, facilitator="Fien", datum=DATUM)
    assert start.open_als_facilitator(db, fien, sessie.ronde.id).deelnemer.id == sessie.deelnemer.id
    # A colleague with the same name but another address becomes a facilitator of their own.
    collega = _wie({UTRECHT: frozenset({"beheerder"})}, "fien.andere@utrecht.nl")
    voor = db.units
    tweede = start.open_als_facilitator(db, collega, sessie.ronde.id)
    assert db.units == voor + 1
    assert tweede.deelnemer.id != sessie.deelnemer.id and "fien.andere@utrecht.nl" in tweede.deelnemer.naam
    assert start.open_als_facilitator(db, collega, sessie.ronde.id).deelnemer.id == tweede.deelnemer.id


@pytest.mark.parametrize("rollen", [{UTRECHT: frozenset({"adviseur"})}, {}])
def test_open_as_facilitator__without_the_role__refused_and_nothing_written(
    db: NepDatabase, vl: Vragenlijst, rollen: dict[str, frozenset[Rol]]
) -> None:
    beheerder = Gebruiker(naam="B", email=None, overal_beheerder=True)
    sessie = start.start_ronde_als(db, vl, beheerder, gm_code=UTRECHT, facilitator="Fien", datum=DATUM)
    with pytest.raises(GeenToegang):
        start.open_als_facilitator(db, _wie(rollen), sessie.ronde.id)
    assert len(db.stand.deelnemers) == 1
