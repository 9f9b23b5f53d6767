"""Privacy's use cases against the in-memory unit of work (tests/nep.py): the retention period
read from the environment, and inzage, a participant's own data and nobody else's.

The same inzage runs on SQLite and PostgreSQL in tests/integration/test_inzage.py.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scan.fouten import InvoerFout
from scan.leesmodellen import DeelnemerInfo, Sessie
from scan.services import privacy
from scoring.models import Vragenlijst
from tests.nep import NepDatabase, voorbeeld_ronde

ANNA = DeelnemerInfo(id=10, naam="Anna Uniek", rol="deelnemer", functie="KCC", token="t-anna")
BERT = DeelnemerInfo(id=11, naam="Bert Ander", rol="facilitator", functie="I&A", token="t-bert")


@pytest.fixture
def db() -> NepDatabase:
    return NepDatabase()


@pytest.fixture
def anna(db: NepDatabase, vragenlijst: Vragenlijst) -> Sessie:
    sessie = db.stand.nieuwe_ronde(voorbeeld_ronde(vragenlijst_versie=vragenlijst.versie), ANNA, BERT)
    stellingen = [s.id for _, s in vragenlijst.stellingen()]
    db.stand.antwoord(1, ANNA.id, stellingen[0], "3", "notitie van Anna")
    db.stand.antwoord(1, ANNA.id, stellingen[1], "weet_niet")
    db.stand.antwoord(1, BERT.id, stellingen[0], "5", "geheim van Bert")
    db.stand.ambitie(1, ANNA.id, vragenlijst.bouwstenen[0].id, 4)
    db.stand.ambitie(1, BERT.id, vragenlijst.bouwstenen[0].id, 2)
    db.stand.herstemmingen[(ANNA.id, stellingen[0])] = (1, "4")
    db.stand.herstemmingen[(BERT.id, stellingen[0])] = (1, "1")
    return sessie


def test_bewaartermijn__default_is_24_months(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCAN_BEWAARTERMIJN_MAANDEN", raising=False)
    assert privacy.bewaartermijn_maanden() == 24


@given(maanden=st.integers(min_value=1, max_value=1200))
def test_bewaartermijn__a_whole_number_of_months_is_taken(maanden: int) -> None:
    with pytest.MonkeyPatch.context() as m:
        m.setenv("SCAN_BEWAARTERMIJN_MAANDEN", f" {maanden} ")
        assert privacy.bewaartermijn_maanden() == maanden


@pytest.mark.parametrize("waarde", ["0", "-3", "1201", "12.5", "twee jaar", "24m"])
def test_bewaartermijn__anything_else_is_refused_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, waarde: str
) -> None:
    monkeypatch.setenv("SCAN_BEWAARTERMIJN_MAANDEN", waarde)
    with pytest.raises(InvoerFout, match="SCAN_BEWAARTERMIJN_MAANDEN"):
        privacy.bewaartermijn_maanden()


def test_mijn_gegevens__holds_the_participants_own_data_and_nothing_of_another(
    db: NepDatabase, anna: Sessie, vragenlijst: Vragenlijst
) -> None:
    gegevens = privacy.mijn_gegevens(db, anna)
    assert (gegevens.naam, gegevens.functie, gegevens.rol, gegevens.gemeente) == (
        "Anna Uniek",
        "KCC",
        "deelnemer",
        "Utrecht",
    )
    assert sorted(a.antwoord or "" for a in gegevens.antwoorden) == ["3", "weet_niet"]
    assert [a.niveau for a in gegevens.ambities] == [4]
    assert [h.antwoord for h in gegevens.herstemmingen] == ["4"]
    bestanden = privacy.als_json(gegevens, vragenlijst) + privacy.als_csv(gegevens, vragenlijst)
    tekst = bestanden.decode("utf-8-sig", errors="replace")
    assert "notitie van Anna" in tekst
    for van_bert in ("Bert", "geheim van Bert", "t-bert", "t-anna"):
        assert van_bert not in tekst


def test_mijn_gegevens__is_found_by_the_sessions_token_not_by_its_id(db: NepDatabase, anna: Sessie) -> None:
    # A session object naming Bert's id but holding Anna's token gives Anna's data, never Bert's.
    vervalst = anna.model_copy(update={"deelnemer": anna.deelnemer.model_copy(update={"id": BERT.id})})
    assert privacy.mijn_gegevens(db, vervalst).naam == "Anna Uniek"


def test_mijn_gegevens__of_a_removed_participant__is_refused_in_dutch(db: NepDatabase, anna: Sessie) -> None:
    del db.stand.deelnemers[ANNA.id]
    with pytest.raises(InvoerFout, match="ABCD-EFGH van Utrecht"):
        privacy.mijn_gegevens(db, anna)


def test_mijn_gegevens__names_where_the_participants_name_stands_as_decider(db: NepDatabase, anna: Sessie) -> None:
    db.stand.logboek.clear()
    with db.werk() as werk:
        werk.logboek.schrijf(
            "consensus_gezet", wie="Anna Uniek", ronde_id=1, onderwerp="K1.1", wie_deelnemer_id=ANNA.id
        )
        werk.logboek.schrijf(
            "consensus_gezet", wie="Bert Ander", ronde_id=1, onderwerp="K1.2", wie_deelnemer_id=BERT.id
        )
    vermeldingen = privacy.mijn_gegevens(db, anna).vermeldingen
    assert [(v.waar, v.onderwerp) for v in vermeldingen] == [("logboek", "consensus_gezet: K1.1")]


def test_als_json__is_machine_readable_with_the_questionnaires_words(
    db: NepDatabase, anna: Sessie, vragenlijst: Vragenlijst
) -> None:
    inhoud = json.loads(privacy.als_json(privacy.mijn_gegevens(db, anna), vragenlijst))
    assert inhoud["formaat"] == "zelfscan-inzage/1"
    assert inhoud["deelnemer"]["naam"] == "Anna Uniek"
    eerste = next(a for a in inhoud["antwoorden"] if a["antwoord"] == "3")
    _, stelling = vragenlijst.stellingen()[0]
    assert eerste["stelling_tekst"] == stelling.tekst.nl
    assert eerste["toelichting"] == "notitie van Anna"
    assert eerste["antwoord_tekst"].startswith("3 · ")


def test_als_csv__neutralises_a_note_that_looks_like_a_formula(
    db: NepDatabase, anna: Sessie, vragenlijst: Vragenlijst
) -> None:
    stelling = vragenlijst.stellingen()[0][1].id
    db.stand.antwoord(1, ANNA.id, stelling, "3", '=HYPERLINK("http://x")')
    rijen = list(
        csv.reader(
            io.StringIO(privacy.als_csv(privacy.mijn_gegevens(db, anna), vragenlijst).decode("utf-8-sig")),
            delimiter=";",
        )
    )
    assert rijen[0] == list(privacy.CSV_KOPPEN)
    notities = [r[4] for r in rijen if r[0] == "antwoord" and r[4]]
    assert notities == ['\'=HYPERLINK("http://x")']


def test_a_read_models_validation_error__does_not_quote_the_value() -> None:
    """An unexpected error is logged with its message (scan.ui.foutgrens): a read model that refuses
    a row must not put the row's text in it."""
    from pydantic import ValidationError

    from scan.leesmodellen import MijnStem

    with pytest.raises(ValidationError) as fout:
        MijnStem(stelling="s", antwoord=None, zekerheid=None, toelichting=["Geheime notitie"], gewijzigd_op=None)  # type: ignore[arg-type]
    assert "Geheime notitie" not in str(fout.value)
