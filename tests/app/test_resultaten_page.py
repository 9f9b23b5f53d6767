"""AppTest of Resultaten: the sentence, four radars with their tables, agreement; an empty round."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import invullen, resultaten, start
from scoring.models import Vragenlijst

pytestmark = pytest.mark.apptest
RESULTATEN = "scan/ui/paginas/resultaten.py"


def test_resultaten__empty_round__says_there_is_no_score_yet(open_app: Callable[..., AppTest], ronde: Sessie) -> None:
    at = open_app(RESULTATEN, d=ronde.deelnemer.token)
    assert not at.exception
    assert "nog geen antwoorden" in at.info[0].value


def test_resultaten__radars_and_tables_show_the_engines_scores(
    open_app: Callable[..., AppTest], app_db: Database, ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    for i, naam in enumerate(["Anna", "Bert"]):
        sessie = start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam=naam)
        for j, (_, s) in enumerate(vragenlijst.stellingen()):
            invullen.sla_antwoord_op(app_db, vragenlijst, sessie, s.id, str((i + j) % 5 + 1))
        for b in vragenlijst.bouwstenen:
            invullen.sla_ambitie_op(app_db, vragenlijst, sessie, b.id, 4)
    verwacht = resultaten.resultaat(app_db, vragenlijst, ronde.ronde.id)
    at = open_app(RESULTATEN, d=ronde.deelnemer.token)
    assert not at.exception
    assert at.markdown[0].value.startswith("### Utrecht scoort ")
    assert at.metric[0].value == f"{verwacht.totaal.score:.0f} / 100"
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert len(specs) == 4
    assert all("description" in s for s in specs)
    kern = at.dataframe[0].value
    namen = [b.naam.nl for b in vragenlijst.bouwstenen if b.type == "kern"]
    assert list(kern["Onderdeel"]) == namen
    assert list(kern["Huidig"]) == [round(b.score or 0) for b in verwacht.bouwstenen if b.type == "kern"]
    assert list(kern["Ambitie"]) == [75] * 8
    kenmerken = at.dataframe[3].value
    assert "Ambitie" not in kenmerken.columns
    assert len(kenmerken) == 8
