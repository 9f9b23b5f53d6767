"""Start's rules (starting, joining, personal links) against the in-memory unit of work
(tests/nep.py): milliseconds, no database. The same use cases run on SQLite and PostgreSQL in
tests/integration/test_services.py and test_vol.py.
"""

from __future__ import annotations

import datetime as dt

import pytest

from scan.fouten import InvoerFout, OnbekendeCode
from scan.leesmodellen import DeelnemerInfo, Sessie
from scan.services import start
from scan.services.toegang import Gebruiker
from scoring.models import Vragenlijst
from tests.nep import NepDatabase
from tests.rondes import start_ronde

DATUM = dt.date(2026, 12, 7)


@pytest.fixture
def db() -> NepDatabase:
    return NepDatabase()


@pytest.fixture
def ronde(db: NepDatabase, vragenlijst: Vragenlijst) -> Sessie:
    return start_ronde(db, vragenlijst, gm_code="GM0344", facilitator="Fien", datum=DATUM, functie="KCC")


def test_start__a_round_with_its_facilitator_in_one_unit_of_work(
    db: NepDatabase, ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    assert db.units == 1
    assert (ronde.ronde.gemeente, ronde.ronde.status, ronde.ronde.vragenlijst_versie) == (
        "Utrecht",
        "open",
        vragenlijst.versie,
    )
    assert ronde.is_facilitator and ronde.deelnemer.functie == "KCC"
    assert start.sessie_voor_token(db, ronde.deelnemer.token) == ronde


@pytest.mark.parametrize(
    ("gm_code", "facilitator", "melding"),
    [("GM9999", "Fien", "niet in de CBS-lijst"), ("", "Fien", "niet in de CBS-lijst"), ("GM0344", "  ", "Uw naam")],
)
def test_start__unknown_gemeente_or_empty_name__writes_nothing(
    db: NepDatabase, vragenlijst: Vragenlijst, gm_code: str, facilitator: str, melding: str
) -> None:
    with pytest.raises(InvoerFout, match=melding):
        start_ronde(db, vragenlijst, gm_code=gm_code, facilitator=facilitator, datum=DATUM)
    assert db.stand.rondes == {} and db.stand.deelnemers == {}


def test_gemeenten__by_name(db: NepDatabase) -> None:
    assert [g.naam for g in start.gemeenten(db)] == ["Amsterdam", "Utrecht"]


@pytest.mark.parametrize("vorm", ["{code}", "{lang}", "{klein}", " {lang} ", "https://scan.example/?code={lang}&x=1"])
def test_join__the_code_in_every_form_people_type_it(
    db: NepDatabase, ronde: Sessie, vragenlijst: Vragenlijst, vorm: str
) -> None:
    code = ronde.ronde.code
    invoer = vorm.format(code=code, lang=ronde.ronde.code_leesbaar, klein=ronde.ronde.code_leesbaar.lower())
    anna = start.neem_deel(db, vragenlijst, code=invoer, naam="Anna", functie="Communicatie")
    assert anna.ronde.id == ronde.ronde.id and anna.deelnemer.rol == "deelnemer"
    assert start.bezetting(db, ronde.ronde.id) == (2, 0)


@pytest.mark.parametrize("code", ["ZZZZ-ZZZZ", "ABC", "ABCDEFGHJ", "!!!!!!!!"])
def test_join__a_code_that_names_no_round__gets_the_same_answer(
    db: NepDatabase, ronde: Sessie, vragenlijst: Vragenlijst, code: str
) -> None:
    with pytest.raises(OnbekendeCode) as fout:
        start.neem_deel(db, vragenlijst, code=code, naam="Anna")
    assert str(fout.value) == (
        f"Er is geen scanronde met code '{code}'. Controleer de code op het scherm van de facilitator: acht tekens, "
        "zonder de cijfers 0 en 1."
    )
    with pytest.raises(OnbekendeCode) as gezocht:
        start.zoek_ronde(db, code)
    assert str(gezocht.value) == str(fout.value)
    assert start.bezetting(db, ronde.ronde.id) == (1, 0)


@pytest.mark.parametrize("code", ["", "  ", "-"])
def test_join__an_empty_code__asks_for_one(db: NepDatabase, vragenlijst: Vragenlijst, code: str) -> None:
    with pytest.raises(InvoerFout, match="Vul de deelnamecode in"):
        start.neem_deel(db, vragenlijst, code=code, naam="Anna")
    assert db.units == 0


@pytest.mark.parametrize("naam", ["Fien", "fien", " FIEN ", "Fien\u200b", "Fi\u00aden"])
def test_join__a_name_taken_in_the_round__is_refused_with_a_way_out(
    db: NepDatabase, ronde: Sessie, vragenlijst: Vragenlijst, naam: str
) -> None:
    with pytest.raises(InvoerFout, match="doet al iemand mee als") as fout:
        start.neem_deel(db, vragenlijst, code=ronde.ronde.code, naam=naam)
    assert "(KCC)" in str(fout.value)
    assert start.bezetting(db, ronde.ronde.id) == (1, 0)
    # The same name in another round is fine.
    ander = start_ronde(db, vragenlijst, gm_code="GM0363", facilitator="Gijs", datum=DATUM)
    assert start.neem_deel(db, vragenlijst, code=ander.ronde.code, naam=naam).ronde.id == ander.ronde.id


def test_join__a_closed_round__is_refused(db: NepDatabase, ronde: Sessie, vragenlijst: Vragenlijst) -> None:
    db.stand.rondes[ronde.ronde.id] = ronde.ronde.model_copy(update={"status": "afgerond"})
    with pytest.raises(InvoerFout, match="is afgerond; meedoen kan niet meer"):
        start.neem_deel(db, vragenlijst, code=ronde.ronde.code, naam="Anna")
    assert start.bezetting(db, ronde.ronde.id) == (1, 0)


def test_join__a_round_of_another_questionnaire_version__is_refused(
    db: NepDatabase, ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    db.stand.rondes[ronde.ronde.id] = ronde.ronde.model_copy(update={"vragenlijst_versie": "0.9"})
    with pytest.raises(InvoerFout, match=r"vragenlijstversie 0\.9"):
        start.neem_deel(db, vragenlijst, code=ronde.ronde.code, naam="Anna")
    assert start.bezetting(db, ronde.ronde.id) == (1, 0)


def test_join__a_full_round__refuses_and_counts_each_refusal(
    db: NepDatabase, ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    for i in range(2, start.MAX_DEELNEMERS + 1):
        db.stand.deelnemers[100 + i] = (
            ronde.ronde.id,
            DeelnemerInfo(id=100 + i, naam=f"Collega {i}", rol="deelnemer", functie=None, token=f"t{i}"),
        )
    assert start.bezetting(db, ronde.ronde.id) == (start.MAX_DEELNEMERS, 0)
    for keer in (1, 2, 3):
        voor = db.units
        with pytest.raises(InvoerFout, match=f"is vol: er doen al {start.MAX_DEELNEMERS} mensen mee"):
            start.neem_deel(db, vragenlijst, code=ronde.ronde.code, naam=f"Laat {keer}")
        assert db.units == voor + 1, "the refusal and its count are one unit of work"
        assert start.bezetting(db, ronde.ronde.id) == (start.MAX_DEELNEMERS, keer)
    # One place free again: the next join gets it.
    del db.stand.deelnemers[100 + start.MAX_DEELNEMERS]
    start.neem_deel(db, vragenlijst, code=ronde.ronde.code, naam="Op tijd")
    assert start.bezetting(db, ronde.ronde.id) == (start.MAX_DEELNEMERS, 3)


@pytest.mark.parametrize("token", ["", "onbekend", "x" * 65])
def test_personal_link__unknown_empty_or_too_long__is_nobody(db: NepDatabase, ronde: Sessie, token: str) -> None:
    assert start.sessie_voor_token(db, token) is None


# --- what Start decides (pure rules that were in the page) ---


@pytest.mark.parametrize(
    ("rol", "bestemmingen"), [("facilitator", ["workshop", "resultaten"]), ("deelnemer", ["resultaten"])]
)
def test_links_offered__the_workshop_only_to_facilitators(ronde: Sessie, rol: str, bestemmingen: list[str]) -> None:
    sessie = ronde.model_copy(update={"deelnemer": ronde.deelnemer.model_copy(update={"rol": rol})})
    assert start.bestemmingen(sessie) == bestemmingen


@pytest.mark.parametrize(("status", "naar"), [("open", "workshop"), ("afgerond", "resultaten")])
def test_opening_a_round__an_open_one_to_the_workshop_a_closed_one_to_its_results(status: str, naar: str) -> None:
    assert start.na_openen(status) == naar


@pytest.mark.parametrize(
    ("uit_link", "getoond"),
    [("ABCDEFGH", "ABCD-EFGH"), ("ABCD-EFGH", "ABCD-EFGH"), ("abcdefgh", "abcd-efgh"), ("ABC", "ABC"), ("", "")],
)
def test_code_from_a_join_link__shown_as_on_the_projector(uit_link: str, getoond: str) -> None:
    assert start.code_zoals_getoond(uit_link) == getoond


@pytest.mark.parametrize(
    ("geplakt", "token"),
    [
        ("https://scan.example/invullen?d=abc_DEF-123", "abc_DEF-123"),
        ("https://scan.example/invullen#d=abc_DEF-123", "abc_DEF-123"),
        ("  https://scan.example/?d=abc&b=kanaalinzet ", "abc"),
        ("abc_DEF-123", "abc_DEF-123"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_personal_link_as_pasted__its_token(geplakt: str, token: str) -> None:
    assert start.token_uit_link(geplakt) == token


@pytest.mark.parametrize(
    ("gebruiker", "login", "reden"),
    [
        (None, True, "inloggen"),
        (None, False, "deze_computer"),
        (Gebruiker(naam="Anna", email="a@x.nl"), True, "geen_gemeente"),
        (Gebruiker(naam="Anna", email="a@x.nl", rollen={"GM0344": frozenset({"adviseur"})}), True, "geen_gemeente"),
        (Gebruiker(naam="Anna", email="a@x.nl", rollen={"GM0344": frozenset({"facilitator"})}), True, None),
        (Gebruiker(naam="Deze computer", email=None, overal_beheerder=True, lokaal=True), False, None),
    ],
)
def test_starting_here__why_not(gebruiker: Gebruiker | None, login: bool, reden: str | None) -> None:
    assert start.waarom_niet_leiden(gebruiker, login=login) == reden


def test_gemeenten__only_those_a_person_may_lead(db: NepDatabase) -> None:
    fien = Gebruiker(naam="Fien", email="f@x.nl", rollen={"GM0363": frozenset({"facilitator"})})
    assert [g.gm_code for g in start.gemeenten(db, fien)] == ["GM0363"]
    alles = Gebruiker(naam="Beheer", email=None, overal_beheerder=True)
    assert [g.gm_code for g in start.gemeenten(db, alles)] == ["GM0363", "GM0344"]
