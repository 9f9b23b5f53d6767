"""Invullen's rules against the in-memory unit of work (tests/nep.py): milliseconds, no database.

The same saves run on SQLite and PostgreSQL in tests/integration/test_services.py and
test_answers_stateful.py.
"""

from __future__ import annotations

import datetime as dt

import pytest

from scan.fouten import InvoerFout
from scan.leesmodellen import DeelnemerInfo, RondeInfo, Sessie
from scan.services import invullen, regels
from scoring.models import Vragenlijst
from tests.nep import NepDatabase, voorbeeld_ronde

ANNA = DeelnemerInfo(id=10, naam="Anna", rol="deelnemer", functie=None, token="t-anna")
BERT = DeelnemerInfo(id=11, naam="Bert", rol="facilitator", functie=None, token="t-bert")


def _ronde(vragenlijst: Vragenlijst, status: str = "open", versie: str | None = None) -> RondeInfo:
    return voorbeeld_ronde(
        vragenlijst_id=vragenlijst.meta.id, vragenlijst_versie=versie or vragenlijst.versie, status=status
    )


@pytest.fixture
def db() -> NepDatabase:
    return NepDatabase()


@pytest.fixture
def anna(db: NepDatabase, vragenlijst: Vragenlijst) -> Sessie:
    return db.stand.nieuwe_ronde(_ronde(vragenlijst), ANNA, BERT)


def _stelling(vragenlijst: Vragenlijst, n: int = 0) -> str:
    return [s.id for _, s in vragenlijst.stellingen()][n]


@pytest.mark.parametrize("antwoord", ["1", "3", "5", "weet_niet", "nvt"])
def test_answer__saved_in_one_unit_of_work(
    db: NepDatabase, anna: Sessie, vragenlijst: Vragenlijst, antwoord: str
) -> None:
    stelling = _stelling(vragenlijst)
    moment = invullen.sla_antwoord_op(db, vragenlijst, anna, stelling, antwoord)
    assert db.units == 1
    opgeslagen = invullen.mijn_antwoorden(db, anna)[stelling]
    assert (opgeslagen.antwoord, opgeslagen.toelichting, opgeslagen.gewijzigd_op) == (antwoord, None, moment)


@pytest.mark.parametrize("antwoord", ["0", "6", "", "drie", "1 ", "WEET_NIET", "n.v.t."])
def test_answer__a_value_outside_the_scale__is_refused_before_any_unit_of_work(
    db: NepDatabase, anna: Sessie, vragenlijst: Vragenlijst, antwoord: str
) -> None:
    with pytest.raises(InvoerFout, match=r"kies niveau 1 tot 5, weet niet of n\.v\.t\."):
        invullen.sla_antwoord_op(db, vragenlijst, anna, _stelling(vragenlijst), antwoord)
    assert db.units == 0 and db.stand.mijn_antwoorden == {}


@pytest.mark.parametrize("stelling", ["bestaat_niet", "", "KI.1 "])
def test_answer__an_unknown_stelling__is_refused(
    db: NepDatabase, anna: Sessie, vragenlijst: Vragenlijst, stelling: str
) -> None:
    with pytest.raises(InvoerFout, match=f"Stelling '{stelling}' bestaat niet"):
        invullen.sla_antwoord_op(db, vragenlijst, anna, stelling, "3")
    with pytest.raises(InvoerFout, match="bestaat niet"):
        invullen.sla_toelichting_op(db, vragenlijst, anna, stelling, "x")
    assert db.stand.mijn_antwoorden == {}


@pytest.mark.parametrize(
    ("weg", "melding"),
    [("afgerond", "afgerond"), ("deelnemer", "niet \\(meer\\) ingeschreven"), ("ronde", "bestaat niet meer")],
)
def test_every_save__refused_when_the_round_closed_or_the_participant_left_meanwhile(
    db: NepDatabase, anna: Sessie, vragenlijst: Vragenlijst, weg: str, melding: str
) -> None:
    # The page's snapshot (``anna``) still says open: the check reads what is stored now.
    if weg == "afgerond":
        db.stand.rondes[1] = _ronde(vragenlijst, status="afgerond")
    elif weg == "deelnemer":
        del db.stand.deelnemers[ANNA.id]
    else:
        del db.stand.rondes[1]
    stelling = _stelling(vragenlijst)
    bouwsteen = vragenlijst.bouwstenen[0].id
    for opslaan in (
        lambda: invullen.sla_antwoord_op(db, vragenlijst, anna, stelling, "3"),
        lambda: invullen.sla_toelichting_op(db, vragenlijst, anna, stelling, "Zo is het"),
        lambda: invullen.sla_ambitie_op(db, vragenlijst, anna, bouwsteen, 4),
    ):
        with pytest.raises(InvoerFout, match=melding):
            opslaan()
    assert db.stand.mijn_antwoorden == {} and db.stand.mijn_ambities == {}


def test_every_save__refused_for_a_round_of_another_questionnaire_version(
    db: NepDatabase, vragenlijst: Vragenlijst
) -> None:
    anna = db.stand.nieuwe_ronde(_ronde(vragenlijst, versie="0.9"), ANNA)
    with pytest.raises(InvoerFout, match=r"vragenlijstversie 0\.9"):
        invullen.sla_antwoord_op(db, vragenlijst, anna, _stelling(vragenlijst), "3")
    assert db.units == 0


def test_choice_and_note__never_overwrite_each_other(db: NepDatabase, anna: Sessie, vragenlijst: Vragenlijst) -> None:
    stelling = _stelling(vragenlijst)
    invullen.sla_toelichting_op(db, vragenlijst, anna, stelling, "Eerst de toelichting")
    invullen.sla_antwoord_op(db, vragenlijst, anna, stelling, "4")
    invullen.sla_antwoord_op(db, vragenlijst, anna, stelling, "2")
    opgeslagen = invullen.mijn_antwoorden(db, anna)[stelling]
    assert (opgeslagen.antwoord, opgeslagen.toelichting) == ("2", "Eerst de toelichting")
    invullen.sla_toelichting_op(db, vragenlijst, anna, stelling, "")  # an empty note removes it
    opgeslagen = invullen.mijn_antwoorden(db, anna)[stelling]
    assert (opgeslagen.antwoord, opgeslagen.toelichting) == ("2", None)


def test_note__cleaned_by_the_text_rule_and_refused_over_its_limit(
    db: NepDatabase, anna: Sessie, vragenlijst: Vragenlijst
) -> None:
    stelling = _stelling(vragenlijst)
    invullen.sla_toelichting_op(db, vragenlijst, anna, stelling, "Zo\u00ad is het")
    assert invullen.mijn_antwoorden(db, anna)[stelling].toelichting == "Zo is het"
    with pytest.raises(InvoerFout, match=f"toelichting bij stelling {stelling}"):
        invullen.sla_toelichting_op(db, vragenlijst, anna, stelling, "x" * (regels.MAX_TOELICHTING + 1))


@pytest.mark.parametrize(
    ("bouwsteen", "niveau", "melding"), [("nee", 3, "bestaat niet"), (None, 0, "kies niveau"), (None, 6, "kies niveau")]
)
def test_ambition__unknown_bouwsteen_or_level_outside_1_to_5__is_refused(
    db: NepDatabase, anna: Sessie, vragenlijst: Vragenlijst, bouwsteen: str | None, niveau: int, melding: str
) -> None:
    with pytest.raises(InvoerFout, match=melding):
        invullen.sla_ambitie_op(db, vragenlijst, anna, bouwsteen or vragenlijst.bouwstenen[0].id, niveau)
    assert db.stand.mijn_ambities == {}


def test_own_state__answers_and_ambitions_of_this_participant_only(
    db: NepDatabase, anna: Sessie, vragenlijst: Vragenlijst
) -> None:
    bert = Sessie(ronde=anna.ronde, deelnemer=BERT)
    b1, b2 = vragenlijst.bouwstenen[0].id, vragenlijst.bouwstenen[1].id
    invullen.sla_antwoord_op(db, vragenlijst, anna, _stelling(vragenlijst), "3")
    invullen.sla_antwoord_op(db, vragenlijst, bert, _stelling(vragenlijst, 1), "5")
    moment = invullen.sla_ambitie_op(db, vragenlijst, anna, b1, 4)
    invullen.sla_ambitie_op(db, vragenlijst, bert, b2, 2)
    antwoorden, ambities = invullen.mijn_stand(db, anna)
    assert set(antwoorden) == {_stelling(vragenlijst)}
    assert ambities == {b1: (4, moment)}
    assert invullen.mijn_ambities(db, bert) == {b2: 2}


# --- what Invullen shows (pure rules that were in the page) ---


@pytest.mark.parametrize(
    ("waarde", "label"), [("1", "1 · "), ("5", "5 · "), ("weet_niet", "weet_niet"), ("nvt", "nvt")]
)
def test_choice_label__a_level_with_its_name_else_the_scale_s_own_label(
    vragenlijst: Vragenlijst, waarde: str, label: str
) -> None:
    tekst = invullen.keuze_label(vragenlijst, waarde)
    if waarde == "weet_niet":
        assert tekst == vragenlijst.schaal.weet_niet.label.nl
    elif waarde == "nvt":
        assert tekst == vragenlijst.schaal.nvt.label.nl
    else:
        naam = next(n.naam.nl for n in vragenlijst.schaal.niveaus if str(n.niveau) == waarde)
        assert tekst == f"{label}{naam}"


@pytest.mark.parametrize(("waarde", "niveau"), [("1", 1), ("5", 5), ("3", 3)])
def test_ambition_from_the_radio__levels_1_to_5(waarde: str, niveau: int) -> None:
    assert invullen.als_niveau(waarde) == niveau


@pytest.mark.parametrize("waarde", ["0", "6", "weet_niet", "nvt", 3, None, "x" * 100])
def test_ambition_from_the_radio__a_crafted_label__is_refused_in_dutch(waarde: object) -> None:
    with pytest.raises(InvoerFout, match="kies niveau 1 tot 5") as fout:
        invullen.als_niveau(waarde)
    assert len(str(fout.value)) < 80


def test_progress__answers_with_a_choice_and_ambitions_per_bouwsteen(
    db: NepDatabase, anna: Sessie, vragenlijst: Vragenlijst
) -> None:
    eerste, tweede = vragenlijst.bouwstenen[0], vragenlijst.bouwstenen[1]
    leeg = invullen.voortgang(vragenlijst, {}, set())
    assert (leeg.beantwoord, leeg.open, leeg.eerste_open) == (0, len(vragenlijst.bouwstenen), eerste.id)
    assert leeg.totaal == sum(len(b.stellingen) for b in vragenlijst.bouwstenen)
    for s in eerste.stellingen:
        invullen.sla_antwoord_op(db, vragenlijst, anna, s.id, "weet_niet")
    invullen.sla_toelichting_op(db, vragenlijst, anna, tweede.stellingen[0].id, "Alleen een toelichting")
    antwoorden, ambities = invullen.mijn_stand(db, anna)
    zonder_ambitie = invullen.voortgang(vragenlijst, antwoorden, ambities)
    assert zonder_ambitie.beantwoord == len(eerste.stellingen), "a note alone is no answer"
    assert zonder_ambitie.eerste_open == eerste.id, "finished needs the ambition too"
    invullen.sla_ambitie_op(db, vragenlijst, anna, eerste.id, 4)
    antwoorden, ambities = invullen.mijn_stand(db, anna)
    stand = invullen.voortgang(vragenlijst, antwoorden, ambities)
    assert stand.bouwstenen[eerste.id].klaar and not stand.bouwstenen[tweede.id].klaar
    assert (stand.open, stand.eerste_open) == (len(vragenlijst.bouwstenen) - 1, tweede.id)
    assert invullen.begin_bij(stand, None) == tweede.id
    assert invullen.begin_bij(stand, "bestaat_niet") == tweede.id
    assert invullen.begin_bij(stand, eerste.id) == eerste.id


def test_progress__all_done__opens_at_the_first_bouwsteen(vragenlijst: Vragenlijst) -> None:
    alles = {
        s.id: invullen.MijnAntwoord(stelling=s.id, antwoord="3", toelichting=None, gewijzigd_op=dt.datetime.now(dt.UTC))
        for _, s in vragenlijst.stellingen()
    }
    stand = invullen.voortgang(vragenlijst, alles, {b.id for b in vragenlijst.bouwstenen})
    assert (stand.open, stand.beantwoord, stand.eerste_open) == (0, stand.totaal, vragenlijst.bouwstenen[0].id)


@pytest.mark.parametrize(
    ("vanaf", "stap", "naar"), [(0, 1, 1), (1, -1, 0), (0, -1, 0), (-1, 1, -1), (-1, -1, -2), (3, 1, 4)]
)
def test_previous_next__stop_at_the_first_and_last_bouwsteen(
    vragenlijst: Vragenlijst, vanaf: int, stap: int, naar: int
) -> None:
    ids = [b.id for b in vragenlijst.bouwstenen]
    assert invullen.buur(vragenlijst, ids[vanaf], stap) == ids[naar]


@pytest.mark.parametrize("huidig", [None, "", "bestaat_niet"])
def test_previous_next__without_a_current_bouwsteen__moves_nowhere(
    vragenlijst: Vragenlijst, huidig: str | None
) -> None:
    assert invullen.buur(vragenlijst, huidig, 1) is None
