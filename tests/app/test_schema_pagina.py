"""AppTest: a schema this version cannot serve gets a Dutch page that says what to do, also when
another process changes it under a running one (issue 19, items 1 and 3)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import text, update
from streamlit.testing.v1 import AppTest

from scan.db import migraties
from scan.db.tabellen import InstellingRij
from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.ui import context

pytestmark = pytest.mark.apptest


def _zet_schema(db: Database, revisie: str, oudste: str) -> None:
    """What a newer version's ``migrate`` leaves behind (its revision, its OUDSTE_CODE)."""
    with db.schrijf_engine.begin() as verbinding:
        verbinding.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revisie})
        verbinding.execute(
            update(InstellingRij).where(InstellingRij.sleutel == migraties.OUDSTE_CODE_SLEUTEL).values(waarde=oudste)
        )


def _foutmeldingen(at: AppTest) -> str:
    return " ".join(e.value for e in at.error)


def test_app__incompatible_newer_schema__a_dutch_page_and_no_traceback(
    open_app: Callable[..., AppTest], app_db: Database, ronde: Sessie
) -> None:
    _zet_schema(app_db, "9001", "9001")
    at = open_app(d=ronde.deelnemer.token)
    assert not at.exception
    melding = _foutmeldingen(at)
    assert "kan de database niet gebruiken" in melding and "9001" in melding
    assert "Bijwerken en terugdraaien" in melding
    # Nothing of the page below it: no join form, no answers.
    assert not at.text_input and not at.radio


def test_app__compatible_newer_schema__is_served(
    open_app: Callable[..., AppTest], app_db: Database, ronde: Sessie
) -> None:
    kop = migraties.schema_toestand(app_db).kop
    _zet_schema(app_db, "9001", kop)
    at = open_app("scan/ui/paginas/invullen.py", d=ronde.deelnemer.token)
    assert not at.exception
    assert not at.error
    assert at.radio  # the stellingen are there


def test_app__schema_changed_under_a_running_process__refused_at_the_next_look(
    open_app: Callable[..., AppTest], app_db: Database, ronde: Sessie, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_app(d=ronde.deelnemer.token)
    assert not at.error
    _zet_schema(app_db, "9001", "9001")
    # The process looks again after HERCONTROLE_SECONDEN; here at once.
    monkeypatch.setattr(context, "HERCONTROLE_SECONDEN", 0.0)
    at.run()
    assert not at.exception
    assert "kan de database niet gebruiken" in _foutmeldingen(at)
