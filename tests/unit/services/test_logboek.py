"""The audit trail (issue 18, item 7) against the in-memory unit of work (tests/nep.py): every
deciding use case writes one line in its own unit of work, with who, what and the decided values
before and after; a refused decision writes none; no participant's name or note text ever lands
in a line's values. The same lines commit and roll back on SQLite and PostgreSQL in
tests/integration/test_logboek.py.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scan.fouten import AmbitieConflict, ConsensusConflict, GeenToegang, InvoerFout
from scan.leesmodellen import Gebeurtenis
from scan.services import beheer, doelen, logboek, naleving, samen, start, werkgroep, workshop
from scan.services.naleving import NalevingWijziging
from scan.services.toegang import Gebruiker, lokale_gebruiker
from scoring.doelen import DoelenBibliotheek
from scoring.loader import VRAGENLIJSTEN_DIR, laad_vragenlijst
from scoring.models import Vragenlijst
from scoring.uitwissel import Doel
from tests.nep import NepDatabase
from tests.unit.services.werkplaats import ANNA, BERT, werkplaats

VANDAAG = dt.date(2026, 11, 22)
UTRECHT, ALMERE = "GM0344", "GM0034"


def _regels(db: NepDatabase) -> list[tuple[Gebeurtenis, int | None]]:
    return list(db.stand.logboek)


def _enige(db: NepDatabase, handeling: str) -> tuple[Gebeurtenis, int | None]:
    gevonden = [(r, d) for r, d in db.stand.logboek if r.handeling == handeling]
    assert len(gevonden) == 1, [r.handeling for r, _ in db.stand.logboek]
    return gevonden[0]


def _waarden(db: NepDatabase) -> str:
    """Everything the lines' values hold, as one text to search."""
    return " ".join(json.dumps([r.voor, r.na], ensure_ascii=False, default=str) for r, _ in db.stand.logboek)


def _stelling(vl: Vragenlijst) -> str:
    return vl.bouwstenen[0].stellingen[0].id


# --- the workshop's decisions ----------------------------------------------------------------


def test_consensus__set_changed_and_cleared__one_line_each_by_the_facilitator(vragenlijst: Vragenlijst) -> None:
    db, bert, _ = werkplaats(vragenlijst)
    s = _stelling(vragenlijst)
    workshop.stel_consensus_vast(
        db, vragenlijst, bert, stelling=s, niveau=3, toelichting="Geheime onderbouwing", verwachte_versie=None
    )
    workshop.stel_consensus_vast(db, vragenlijst, bert, stelling=s, niveau=4, toelichting="", verwachte_versie=1)
    workshop.stel_consensus_vast(db, vragenlijst, bert, stelling=s, niveau=None, toelichting="", verwachte_versie=2)
    regels = _regels(db)
    assert [(r.handeling, r.wie, d, r.gm_code, r.ronde_id, r.onderwerp) for r, d in regels] == [
        ("consensus.vastgesteld", "Bert", BERT.id, UTRECHT, 1, s),
        ("consensus.vastgesteld", "Bert", BERT.id, UTRECHT, 1, s),
        ("consensus.gewist", "Bert", BERT.id, UTRECHT, 1, s),
    ]
    assert [(r.voor, r.na) for r, _ in regels] == [
        (None, {"niveau": 3, "toelichting": True}),
        ({"niveau": 3, "toelichting": True}, {"niveau": 4, "toelichting": False}),
        ({"niveau": 4, "toelichting": False}, None),
    ]
    assert "Geheime" not in _waarden(db)


def test_consensus__refused_or_stale__writes_no_line(vragenlijst: Vragenlijst) -> None:
    db, bert, anna = werkplaats(vragenlijst)
    s = _stelling(vragenlijst)
    with pytest.raises(InvoerFout):
        workshop.stel_consensus_vast(db, vragenlijst, anna, stelling=s, niveau=3, toelichting="", verwachte_versie=None)
    workshop.stel_consensus_vast(db, vragenlijst, bert, stelling=s, niveau=3, toelichting="", verwachte_versie=None)
    with pytest.raises(ConsensusConflict):
        workshop.stel_consensus_vast(db, vragenlijst, bert, stelling=s, niveau=5, toelichting="", verwachte_versie=None)
    assert [r.handeling for r, _ in _regels(db)] == ["consensus.vastgesteld"]


def test_round__closed_and_reopened__lines_with_the_status(vragenlijst: Vragenlijst) -> None:
    db, bert, _ = werkplaats(vragenlijst)
    dicht = workshop.rond_af(db, vragenlijst, bert)
    workshop.rond_af(db, vragenlijst, dicht)  # already closed: no second line
    workshop.heropen(db, dicht)
    assert [(r.handeling, r.voor, r.na, d) for r, d in _regels(db)] == [
        ("ronde.afgerond", {"status": "open"}, {"status": "afgerond"}, BERT.id),
        ("ronde.heropend", {"status": "afgerond"}, {"status": "open"}, BERT.id),
    ]


def test_ambition__set_and_cleared__lines_without_the_note(vragenlijst: Vragenlijst) -> None:
    db, bert, _ = werkplaats(vragenlijst)
    b = vragenlijst.bouwstenen[0].id
    werkgroep.stel_ambitie_vast(db, vragenlijst, bert, b, 4, "Omdat de wethouder het wil", verwachte_versie=None)
    with pytest.raises(AmbitieConflict):
        werkgroep.stel_ambitie_vast(db, vragenlijst, bert, b, 2, verwachte_versie=None)
    werkgroep.wis_ambitie(db, vragenlijst, bert, b, verwachte_versie=1)
    assert [(r.handeling, r.onderwerp, r.voor, r.na) for r, _ in _regels(db)] == [
        ("ambitie.vastgesteld", b, None, {"niveau": 4, "toelichting": True}),
        ("ambitie.gewist", b, {"niveau": 4, "toelichting": True}, None),
    ]
    assert "wethouder" not in _waarden(db)


def test_rename__records_only_that_it_happened_by_id(vragenlijst: Vragenlijst) -> None:
    db, bert, _ = werkplaats(vragenlijst)
    werkgroep.hernoem_deelnemer(db, bert, ANNA.id, "Anna de Vries", verwachte_versie=1)
    regel, wie_id = _enige(db, "deelnemer.hernoemd")
    assert (regel.onderwerp, regel.voor, regel.na, regel.wie, wie_id) == (
        f"deelnemer {ANNA.id}",
        None,
        None,
        "Bert",
        BERT.id,
    )
    assert "Anna" not in _waarden(db)


def test_samen__mode_and_names_switched__lines_only_on_a_change(vragenlijst: Vragenlijst) -> None:
    db, bert, _ = werkplaats(vragenlijst)
    samen.zet_modus(db, bert, "samen")
    samen.zet_modus(db, bert, "samen")
    samen.zet_op_naam(db, bert, True)
    assert [(r.handeling, r.voor, r.na) for r, _ in _regels(db)] == [
        ("samen.werkwijze", {"werkwijze": "eigen_tempo"}, {"werkwijze": "samen"}),
        ("samen.op_naam", {"op_naam": False}, {"op_naam": True}),
    ]


@pytest.fixture(scope="module")
def vl20() -> Vragenlijst:
    return laad_vragenlijst(VRAGENLIJSTEN_DIR / "2.0")


def test_naleving__each_changed_item_a_line__the_note_only_as_yes_or_no(vl20: Vragenlijst) -> None:
    db, bert, _ = werkplaats(vl20)
    w = NalevingWijziging
    naleving.leg_vast(
        db,
        vl20,
        bert,
        [w("verwerkingsregister", "voldoet", "gezien bij de FG", None), w("klachtbehandeling", "deels", None, None)],
    )
    # Unchanged submitted again: no line; cleared: a line with only the before.
    naleving.leg_vast(
        db,
        vl20,
        bert,
        [w("verwerkingsregister", "voldoet", "gezien bij de FG", 1), w("klachtbehandeling", None, None, 1)],
    )
    assert [(r.handeling, r.onderwerp, r.voor, r.na) for r, _ in _regels(db)] == [
        ("naleving.vastgelegd", "verwerkingsregister", None, {"status": "voldoet", "notitie": True}),
        ("naleving.vastgelegd", "klachtbehandeling", None, {"status": "deels", "notitie": False}),
        ("naleving.vastgelegd", "klachtbehandeling", {"status": "deels", "notitie": False}, None),
    ]
    assert "FG" not in _waarden(db)


# --- goals -----------------------------------------------------------------------------------


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
        "eigenaar": "Karin Eigenaar",
        "draagvlak": "MT en portefeuillehouder dienstverlening",
        "deadline": dt.date(2027, 11, 1),
        "richting": "hoger",
    }
    return Doel(**(velden | anders))


def test_goal__accepted_changed_phase_withdrawn_rejected_restored_deleted__each_a_line(
    vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    db, bert, _ = werkplaats(vragenlijst)

    def bewaar(doel: Doel, besluit: Any, versie: int | None) -> Any:
        return doelen.bewaar(
            db,
            vragenlijst,
            bert,
            doel,
            besluit=besluit,
            verwachte_versie=versie,
            vandaag=VANDAAG,
            bibliotheek=bibliotheek,
        )

    info = bewaar(_smart(), "geaccepteerd", None)
    info = bewaar(_smart(streefwaarde=80, eigenaar="Piet Nieuw"), "geaccepteerd", info.versie)
    info = doelen.zet_status(db, vragenlijst, bert, info, "do", "Notitie met een naam: Joop")
    info = doelen.trek_in(db, bert, info)
    info = bewaar(info.doel, "afgewezen", info.versie)
    info = doelen.herstel(db, bert, info)
    doelen.verwijder(db, bert, info)
    regels = [r for r, _ in _regels(db)]
    assert [r.handeling for r in regels] == [
        "doel.geaccepteerd",
        "doel.gewijzigd",
        "doel.gewijzigd",
        "doel.ingetrokken",
        "doel.afgewezen",
        "doel.hersteld",
        "doel.verwijderd",
    ]
    assert {r.onderwerp for r in regels} == {"eigen_1"}
    eerste, tweede, fase = regels[:3]
    assert eerste.voor is None and eerste.na is not None
    assert (eerste.na["besluit"], eerste.na["titel"], eerste.na["streefwaarde"]) == (
        "geaccepteerd",
        "Vragen in één keer goed",
        75,
    )
    assert tweede.voor is not None and tweede.na is not None
    assert (tweede.voor["streefwaarde"], tweede.na["streefwaarde"]) == (75, 80)
    assert tweede.na["gewijzigd"] == ["eigenaar", "streefwaarde"]
    assert fase.na is not None and (fase.na["fase"], fase.na["gewijzigd"]) == ("do", ["notities", "status"])
    assert regels[-1].na is None and regels[-1].voor is not None
    # The owner and the notes are free text that may name a person: only the field's name is kept.
    for tekst in ("Karin", "Piet", "Joop"):
        assert tekst not in _waarden(db)


def test_goal__a_participants_proposal__is_no_decision_and_writes_no_line(vragenlijst: Vragenlijst) -> None:
    db, _, anna = werkplaats(vragenlijst)
    doelen.stel_doel_voor(db, vragenlijst, anna, _smart())
    assert _regels(db) == []


# --- the gemeente's decisions ----------------------------------------------------------------


@pytest.fixture
def gemeenten() -> NepDatabase:
    db = NepDatabase()
    for gm, naam in ((UTRECHT, "Utrecht"), (ALMERE, "Almere")):
        db.stand.gemeenten[gm] = naam
    return db


BEHEERDER = Gebruiker(naam="Bea", email="bea@utrecht.nl", rollen={UTRECHT: frozenset({"beheerder"})})


def test_roles__granted_and_revoked__by_address__revoked_ones_stay_as_history(gemeenten: NepDatabase) -> None:
    db = gemeenten
    beheer.ken_rol_toe(db, BEHEERDER, UTRECHT, "Fien@Utrecht.nl", "facilitator")
    rol = beheer.rollen_van(db, BEHEERDER, UTRECHT)[0]
    beheer.trek_rol_in(db, BEHEERDER, rol.id, toegekend_op=rol.toegekend_op)
    with pytest.raises(InvoerFout):  # revoked already: refused, no second line
        beheer.trek_rol_in(db, BEHEERDER, rol.id, toegekend_op=rol.toegekend_op)
    regels = [r for r, _ in _regels(db)]
    assert [(r.handeling, r.wie, r.gm_code, r.onderwerp) for r in regels] == [
        ("rol.toegekend", "bea@utrecht.nl", UTRECHT, "fien@utrecht.nl"),
        ("rol.ingetrokken", "bea@utrecht.nl", UTRECHT, "fien@utrecht.nl"),
    ]
    assert regels[0].na == {"email": "fien@utrecht.nl", "rol": "facilitator"}
    (eerder,) = logboek.eerdere_rollen(db, BEHEERDER, UTRECHT)
    assert (eerder.email, eerder.rol, eerder.toegekend_door, eerder.ingetrokken_door) == (
        "fien@utrecht.nl",
        "facilitator",
        "bea@utrecht.nl",
        "bea@utrecht.nl",
    )
    with pytest.raises(GeenToegang):
        logboek.eerdere_rollen(
            db, Gebruiker(naam="X", email="x@almere.nl", rollen={ALMERE: frozenset({"beheerder"})}), UTRECHT
        )


def test_benchmark__on_and_off__a_line_only_when_it_changes__single_machine_is_this_computer(
    gemeenten: NepDatabase,
) -> None:
    db = gemeenten
    beheer.zet_benchmark_deelname(db, lokale_gebruiker(), UTRECHT, True)
    beheer.zet_benchmark_deelname(db, lokale_gebruiker(), UTRECHT, True)
    beheer.zet_benchmark_deelname(db, BEHEERDER, UTRECHT, False)
    assert [(r.handeling, r.wie, r.voor, r.na) for r, _ in _regels(db)] == [
        ("benchmark.aan", "Deze computer", {"deelname": False}, {"deelname": True}),
        ("benchmark.uit", "bea@utrecht.nl", {"deelname": True}, {"deelname": False}),
    ]
    with pytest.raises(GeenToegang):
        beheer.zet_benchmark_deelname(db, BEHEERDER, ALMERE, True)
    assert len(_regels(db)) == 2


def test_start__a_line_by_the_signed_in_person__not_the_facilitators_name(
    gemeenten: NepDatabase, vragenlijst: Vragenlijst
) -> None:
    db = gemeenten
    sessie = start.start_ronde_als(db, vragenlijst, BEHEERDER, gm_code=UTRECHT, facilitator="Bea Bakker", datum=VANDAAG)
    regel, _ = _enige(db, "ronde.gestart")
    assert (regel.wie, regel.ronde_id, regel.gm_code) == ("bea@utrecht.nl", sessie.ronde.id, UTRECHT)
    assert regel.na == {"status": "open", "datum": "2026-11-22", "vragenlijst": vragenlijst.versie}
    assert "Bakker" not in _waarden(db)


# --- who reads -------------------------------------------------------------------------------


def test_read__the_rounds_facilitator_sees_its_lines__a_participant_or_another_round_does_not(
    vragenlijst: Vragenlijst,
) -> None:
    db, bert, anna = werkplaats(vragenlijst)
    workshop.rond_af(db, vragenlijst, bert)
    db.stand.logboek.append(
        (
            Gebeurtenis(
                id=99,
                moment=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                gm_code=UTRECHT,
                ronde_id=2,
                wie="x",
                handeling="ronde.afgerond",
                onderwerp=None,
                voor=None,
                na=None,
            ),
            None,
        )
    )
    assert [r.handeling for r in logboek.van_ronde(db, bert, 1)] == ["ronde.afgerond"]
    with pytest.raises(InvoerFout):
        logboek.van_ronde(db, anna, 1)
    with pytest.raises(GeenToegang):
        logboek.van_ronde(db, bert, 2)


def test_read__the_gemeente_for_its_beheerders_only(gemeenten: NepDatabase) -> None:
    db = gemeenten
    beheer.zet_benchmark_deelname(db, BEHEERDER, UTRECHT, True)
    assert [r.handeling for r in logboek.van_gemeente(db, BEHEERDER, UTRECHT)] == ["benchmark.aan"]
    facilitator = Gebruiker(naam="F", email="f@utrecht.nl", rollen={UTRECHT: frozenset({"facilitator", "adviseur"})})
    for wie, gm in ((facilitator, UTRECHT), (BEHEERDER, ALMERE)):
        with pytest.raises(GeenToegang):
            logboek.van_gemeente(db, wie, gm)


# --- never a name or a note ------------------------------------------------------------------

_TEKST = st.text(alphabet=st.characters(categories=("L", "N", "Zs")), min_size=3, max_size=40).map(
    lambda s: f"Qx{s.strip()}"
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(naam=_TEKST, noot=_TEKST, niveau=st.integers(1, 5))
def test_no_name_and_no_note__ever_in_a_lines_values(vl20: Vragenlijst, naam: str, noot: str, niveau: int) -> None:
    db, bert, _ = werkplaats(vl20)
    s = _stelling(vl20)
    b = vl20.bouwstenen[0].id
    try:
        werkgroep.hernoem_deelnemer(db, bert, ANNA.id, naam, verwachte_versie=1)
    except InvoerFout:
        pass  # a name the text rule refuses: nothing to record
    workshop.stel_consensus_vast(db, vl20, bert, stelling=s, niveau=niveau, toelichting=noot, verwachte_versie=None)
    werkgroep.stel_ambitie_vast(db, vl20, bert, b, niveau, noot, verwachte_versie=None)
    naleving.leg_vast(db, vl20, bert, [NalevingWijziging("verwerkingsregister", "voldoet", noot, None)])
    assert len(_regels(db)) >= 3
    waarden = _waarden(db)
    assert naam.strip() not in waarden and noot.strip() not in waarden
    assert all(naam.strip() not in (r.onderwerp or "") for r, _ in _regels(db))


def test_every_code_has_a_dutch_label() -> None:
    from scan.ui.teksten import NL

    assert [h for h in logboek.HANDELINGEN if f"logboek.handeling.{h}" not in NL] == []
