"""The Workshop page's use cases against the in-memory unit of work (tests/nep.py): consensus,
notes, closing and reopening. The same rules run on SQLite and PostgreSQL in
tests/integration/test_services.py and test_conflicten.py."""

from __future__ import annotations

import pytest

from scan.fouten import ConsensusConflict, InvoerFout
from scan.leesmodellen import ConsensusInfo, Voortgang
from scan.services import regels, workshop
from scoring.models import Vragenlijst
from tests import nep
from tests.nep import NU
from tests.unit.services.werkplaats import ANNA, BERT, werkplaats


def _eerste(vl: Vragenlijst) -> str:
    return vl.stellingen()[0][1].id


def test_consensus__facilitator_sets_changes_and_clears_it_each_in_one_unit_of_work(vragenlijst: Vragenlijst) -> None:
    db, bert, _ = werkplaats(vragenlijst)
    st = _eerste(vragenlijst)
    info = workshop.stel_consensus_vast(
        db, vragenlijst, bert, stelling=st, niveau=3, toelichting=" eens ", verwachte_versie=None
    )
    assert db.units == 1
    assert info is not None and (info.niveau, info.toelichting, info.vastgesteld_door, info.versie) == (
        3,
        "eens",
        "Bert",
        1,
    )
    info2 = workshop.stel_consensus_vast(
        db, vragenlijst, bert, stelling=st, niveau=4, toelichting="", verwachte_versie=1
    )
    assert info2 is not None and info2.versie == 2
    assert (
        workshop.stel_consensus_vast(
            db, vragenlijst, bert, stelling=st, niveau=None, toelichting="", verwachte_versie=2
        )
        is None
    )
    assert workshop.consensus(db, bert) == {}


@pytest.mark.parametrize(
    ("wie", "status", "melding"),
    [
        ("anna", "open", "Alleen de facilitator"),
        ("bert", "afgerond", "afgerond"),
        ("weg", "open", "niet \\(meer\\) ingeschreven"),
    ],
)
def test_consensus__refused_for_participant_closed_round_or_removed_facilitator(
    vragenlijst: Vragenlijst, wie: str, status: str, melding: str
) -> None:
    db, bert, anna = werkplaats(vragenlijst, status)
    if wie == "weg":
        del db.stand.deelnemers[BERT.id]
    with pytest.raises(InvoerFout, match=melding):
        workshop.stel_consensus_vast(
            db,
            vragenlijst,
            anna if wie == "anna" else bert,
            stelling=_eerste(vragenlijst),
            niveau=3,
            toelichting="",
            verwachte_versie=None,
        )
    assert db.stand.consensus == {}


def test_consensus__role_is_read_from_the_store_not_the_page_snapshot(vragenlijst: Vragenlijst) -> None:
    db, bert, _ = werkplaats(vragenlijst)
    ronde_id, _ = db.stand.deelnemers[BERT.id]
    db.stand.deelnemers[BERT.id] = (ronde_id, BERT.model_copy(update={"rol": "deelnemer"}))
    with pytest.raises(InvoerFout, match="Alleen de facilitator"):
        workshop.stel_consensus_vast(
            db, vragenlijst, bert, stelling=_eerste(vragenlijst), niveau=3, toelichting="", verwachte_versie=None
        )


@pytest.mark.parametrize("gezien", [None, 2])
def test_consensus__other_version_than_seen__conflict_with_what_is_stored_and_nothing_written(
    vragenlijst: Vragenlijst, gezien: int | None
) -> None:
    db, bert, _ = werkplaats(vragenlijst)
    st = _eerste(vragenlijst)
    eerst = workshop.stel_consensus_vast(
        db, vragenlijst, bert, stelling=st, niveau=2, toelichting="", verwachte_versie=None
    )
    with pytest.raises(ConsensusConflict) as conflict:
        workshop.stel_consensus_vast(
            db, vragenlijst, bert, stelling=st, niveau=5, toelichting="", verwachte_versie=gezien
        )
    assert conflict.value.huidig == eerst
    assert workshop.consensus(db, bert)[st] == eerst


@pytest.mark.parametrize("niveau", [0, 6, -1])
def test_consensus__level_outside_scale__refused_before_any_unit_of_work(vragenlijst: Vragenlijst, niveau: int) -> None:
    db, bert, _ = werkplaats(vragenlijst)
    with pytest.raises(InvoerFout, match="kies niveau 1 tot 5"):
        workshop.stel_consensus_vast(
            db, vragenlijst, bert, stelling=_eerste(vragenlijst), niveau=niveau, toelichting="", verwachte_versie=None
        )
    assert db.units == 0


def test_close__status_and_key_figures_in_the_same_unit_of_work(vragenlijst: Vragenlijst) -> None:
    db, bert, _ = werkplaats(vragenlijst)
    st = _eerste(vragenlijst)
    db.stand.antwoord(1, ANNA.id, st, "4")
    db.stand.antwoord(1, BERT.id, st, "2")
    dicht = workshop.rond_af(db, vragenlijst, bert)
    assert db.units == 1
    assert dicht.ronde.status == "afgerond"
    assert db.stand.rondes[1].status == "afgerond"
    assert db.stand.kerncijfers[1].vragenlijst_versie == vragenlijst.versie
    open_ = workshop.heropen(db, dicht)
    assert open_.ronde.status == "open" and db.stand.rondes[1].status == "open"
    assert 1 not in db.stand.kerncijfers


def test_close__refused_for_a_participant__nothing_changes(vragenlijst: Vragenlijst) -> None:
    db, _, anna = werkplaats(vragenlijst)
    with pytest.raises(InvoerFout, match="Alleen de facilitator"):
        workshop.rond_af(db, vragenlijst, anna)
    assert db.stand.rondes[1].status == "open" and db.stand.kerncijfers == {}


def test_close__twice__keeps_the_first_key_figures(vragenlijst: Vragenlijst) -> None:
    db, bert, _ = werkplaats(vragenlijst)
    workshop.rond_af(db, vragenlijst, bert)
    eerste = db.stand.kerncijfers[1]
    workshop.rond_af(db, vragenlijst, bert)
    assert db.stand.kerncijfers[1] is eerste or db.stand.kerncijfers[1] == eerste


def test_notes__without_names_with_the_answer_as_text__facilitator_only(vragenlijst: Vragenlijst) -> None:
    db, bert, anna = werkplaats(vragenlijst)
    st = _eerste(vragenlijst)
    db.stand.antwoord(1, ANNA.id, st, "3", "Loopt goed")
    db.stand.antwoord(1, BERT.id, st, None, "Geen idee")
    assert workshop.toelichtingen(db, vragenlijst, bert, st) == [
        ("nog geen keuze", "Geen idee"),
        ("niveau 3", "Loopt goed"),
    ]
    with pytest.raises(InvoerFout, match="Alleen de facilitator"):
        workshop.toelichtingen(db, vragenlijst, anna, st)
    with pytest.raises(InvoerFout, match="Alleen de facilitator"):
        workshop.deelnemer_links(db, anna)
    assert workshop.deelnemer_links(db, bert) == {BERT.id: "t-bert", ANNA.id: "t-anna"}


@pytest.mark.parametrize(
    ("antwoord", "tekst"),
    [("1", "niveau 1"), ("5", "niveau 5"), ("weet_niet", "weet niet"), ("nvt", "n.v.t."), (None, "nog geen keuze")],
)
def test_answer_as_text(antwoord: str | None, tekst: str) -> None:
    assert workshop.antwoord_als_tekst(antwoord) == tekst


def _rij(i: int, rol: str, beantwoord: int) -> Voortgang:
    return Voortgang(
        deelnemer_id=i,
        naam=f"p{i}",
        rol=rol,
        functie=None,
        beantwoord=beantwoord,
        ambities=0,
        laatst_actief=None,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("rijen", "invullers", "klaar", "begonnen"),
    [
        ([], [], 0, False),
        ([("facilitator", 0)], [], 0, False),  # a facilitator who only leads is not waited for
        ([("facilitator", 3), ("deelnemer", 0)], [0, 1], 0, False),
        ([("facilitator", 0), ("deelnemer", 1), ("deelnemer", 80)], [1, 2], 1, True),
        ([("deelnemer", 80), ("deelnemer", 90)], [0, 1], 2, True),
    ],
)
def test_room__who_is_waited_for_done_and_started(
    rijen: list[tuple[str, int]], invullers: list[int], klaar: int, begonnen: bool
) -> None:
    voortgang = [_rij(i, rol, n) for i, (rol, n) in enumerate(rijen)]
    assert [r.deelnemer_id for r in workshop.invullers(voortgang)] == invullers
    assert workshop.aantal_klaar(voortgang, 80) == klaar
    assert workshop.iedereen_begonnen(voortgang) is begonnen


@pytest.mark.parametrize(
    ("aantal", "melding"), [(0, None), (49, None), (50, "bijna_vol"), (59, "bijna_vol"), (60, "vol"), (61, "vol")]
)
def test_occupancy_message(aantal: int, melding: str | None) -> None:
    assert workshop.bezetting_melding(aantal, 60) == melding


@pytest.mark.parametrize(
    ("afspraak", "mediaan", "voorstel"),
    [(None, None, None), (None, 3.4, 3), (None, 3.6, 4), (None, 2.5, 3), (None, 3.5, 4), (None, 1.5, 2), (4, 1.0, 4)],
)
def test_consensus_proposal__agreed_level_else_rounded_median(
    afspraak: int | None, mediaan: float | None, voorstel: int | None
) -> None:
    info = (
        None
        if afspraak is None
        else ConsensusInfo(
            stelling="s", niveau=afspraak, toelichting=None, vastgesteld_door=None, vastgesteld_op=NU, versie=1
        )
    )
    assert workshop.consensus_voorstel(info, mediaan) == voorstel


@pytest.mark.parametrize(
    ("geval", "melding"),
    [
        ("goed", None),
        ("ronde weg", "bestaat niet meer"),
        ("verwijderd", "WEG"),
        ("ander token", "WEG"),
        ("andere ronde", "WEG"),
        ("geen facilitator meer", "GEEN"),
        ("afgerond", "DICHT"),
    ],
)
def test_eis_facilitator__one_rule_on_what_the_unit_of_work_loaded(
    vragenlijst: Vragenlijst, geval: str, melding: str | None
) -> None:
    db, bert, _ = werkplaats(vragenlijst, "afgerond" if geval == "afgerond" else "open")
    st = db.stand
    if geval == "ronde weg":
        del st.rondes[1]
    elif geval == "verwijderd":
        del st.deelnemers[BERT.id]
    elif geval == "ander token":
        st.deelnemers[BERT.id] = (1, BERT.model_copy(update={"token": "nieuw"}))
    elif geval == "andere ronde":
        st.deelnemers[BERT.id] = (2, BERT)
    elif geval == "geen facilitator meer":
        st.deelnemers[BERT.id] = (1, BERT.model_copy(update={"rol": "deelnemer"}))
    with db.inzage() as werk:
        if melding is None:
            assert regels.eis_facilitator(werk, bert, afgerond="DICHT") == (bert.ronde, BERT)
        else:
            with pytest.raises(InvoerFout, match=melding):
                regels.eis_facilitator(werk, bert, niet_facilitator="GEEN", niet_meer="WEG", afgerond="DICHT")


def test_consensus__row_made_by_another_writer_after_the_check__conflict_not_overwritten(
    vragenlijst: Vragenlijst, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The write acts on the version the use case checked, never on a fresh read: a row another
    facilitator stored between the check and the write ends in a conflict, and theirs stays."""
    db, bert, _ = werkplaats(vragenlijst)
    st = _eerste(vragenlijst)
    theirs = workshop.stel_consensus_vast(
        db, vragenlijst, bert, stelling=st, niveau=2, toelichting="", verwachte_versie=None
    )
    echte_lees = nep.NepConsensus.lees
    gelezen: list[str] = []

    def te_vroeg(self: nep.NepConsensus, ronde_id: int, stelling: str) -> ConsensusInfo | None:
        gelezen.append(stelling)
        return None if len(gelezen) == 1 else echte_lees(self, ronde_id, stelling)  # the check ran before their commit

    monkeypatch.setattr(nep.NepConsensus, "lees", te_vroeg)
    with pytest.raises(ConsensusConflict) as conflict:
        workshop.stel_consensus_vast(
            db, vragenlijst, bert, stelling=st, niveau=5, toelichting="", verwachte_versie=None
        )
    assert conflict.value.huidig == theirs
    assert db.stand.consensus[(1, st)] == theirs
