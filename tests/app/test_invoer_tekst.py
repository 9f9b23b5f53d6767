"""AppTest of the join form with invisible and control characters (issue 13, case 2)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from scan.db.tabellen import DeelnemerRij
from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.ui.weergave import zichtbare_tekst

pytestmark = pytest.mark.apptest


def _deelnemers(db: Database, ronde_id: int) -> list[str]:
    with db.lezen() as s:
        return list(s.scalars(select(DeelnemerRij.naam).where(DeelnemerRij.ronde_id == ronde_id)))


@pytest.mark.parametrize(
    ("naam", "functie", "melding"),
    [
        ("Fa\u200btima", "", "In deze scanronde doet al iemand mee als 'Fatima'"),
        ("\u202eFATIMA\u00a0", "", "In deze scanronde doet al iemand mee als 'FATIMA'"),
        ("Piet\x1b[31m", "", "Uw naam bevat onzichtbare stuurtekens (ESC (U+001B))"),
        ("Piet\x07", "", "Uw naam bevat onzichtbare stuurtekens (BEL (U+0007))"),
        ("Piet", "KCC\x7f", "Uw functie bevat onzichtbare stuurtekens (DEL (U+007F))"),
        ("\u200b\u2066\u2069", "", "Uw naam is leeg"),
    ],
    ids=["zwsp_tweeling", "rlo_tweeling", "esc", "bel", "del_functie", "alleen_onzichtbaar"],
)
def test_join__look_alike_or_control_characters__refused_in_dutch_and_nobody_added(
    open_app: Callable[..., AppTest], ronde: Sessie, app_db: Database, naam: str, functie: str, melding: str
) -> None:
    at = open_app(code=ronde.ronde.code)
    at.text_input[1].input(naam)
    at.text_input[2].input(functie)
    at.button(key="FormSubmitter:meedoen-Meedoen").click()
    at.run()
    assert not at.exception
    assert any(melding in zichtbare_tekst(e.value) for e in at.error), [e.value for e in at.error]
    assert _deelnemers(app_db, ronde.ronde.id) == ["Fatima"]
    assert "d" not in at.query_params


def test_join__a_name_with_invisible_characters__is_stored_as_it_looks(
    open_app: Callable[..., AppTest], ronde: Sessie, app_db: Database
) -> None:
    at = open_app(code=ronde.ronde.code)
    at.text_input[1].input("\ufeffKarel\u00a0\u00a0Jan\u200bsen ")
    at.button(key="FormSubmitter:meedoen-Meedoen").click()
    at.run()
    assert not at.exception
    assert _deelnemers(app_db, ronde.ronde.id) == ["Fatima", "Karel Jansen"]
