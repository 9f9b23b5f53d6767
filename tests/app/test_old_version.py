"""A round started with a questionnaire version this installation does not have: every round page
explains, none computes. (A round of an older *published* version opens with that version.)"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import update
from streamlit.testing.v1 import AppTest

from scan.db.tabellen import RondeRij
from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.ui.weergave import zichtbare_tekst

pytestmark = pytest.mark.apptest


@pytest.mark.parametrize("pagina", ["invullen", "workshop", "resultaten"])
def test_round_page__unknown_questionnaire_version__names_it_and_the_known_ones_and_stops(
    open_app: Callable[..., AppTest], app_db: Database, ronde: Sessie, pagina: str
) -> None:
    with app_db.schrijven() as s:
        s.execute(update(RondeRij).where(RondeRij.id == ronde.ronde.id).values(vragenlijst_versie="0.9"))
    at = open_app(f"scan/ui/paginas/{pagina}.py", d=ronde.deelnemer.token)
    assert not at.exception
    assert "vragenlijstversie 0.9" in zichtbare_tekst(at.error[0].value) and "bekend: 1.0" in zichtbare_tekst(
        at.error[0].value
    )
    assert not at.radio and not at.get("vega_lite_chart")
