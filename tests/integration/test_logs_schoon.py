"""No note text, name or token in a log line when the database refuses a save (issue 18, item 5),
on SQLite and PostgreSQL.

The database is made to refuse the way each one really does. On PostgreSQL a check constraint
fails with "DETAIL: Failing row contains (..., <the note>, ...)", and a data exception can quote a
value in its message; without ``hide_parameters`` every SQLAlchemy error also ends in
"[parameters: (...)]" with the note, the name and the token. The test logs the refusal as the
pages do (``log.exception`` in ``scan/ui/panelen/invullen_opslaan.py`` and ``scan/ui/foutgrens.py``)
and reads every record as a log handler would write it, traceback and chained causes included.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from scan.db.openen import open_database
from scan.db.verbinding import Database
from scan.fouten import OpslagFout
from scan.services import invullen, start
from scoring.models import Vragenlijst
from tests.rondes import start_ronde

NOTITIE = "Notitie-7f3a: Jan de Vries van team Burgerzaken zegt dat het KCC het niet weet"
NAAM = "Zoë Lekvrij-91c2"
FUNCTIE = "Teamleider KCC-5e1b"


@pytest.fixture
def eigen_db(lege_url: str) -> Iterator[Database]:
    """A database of this test alone: the test changes its schema."""
    database = open_database(lege_url)
    try:
        yield database
    finally:
        database.sluit()


def _weiger_notities(db: Database) -> None:
    with db.schrijven() as s:
        if db.is_sqlite:
            # Fails when it fires: "no such table", an OperationalError naming no value.
            s.execute(
                text(
                    "CREATE TRIGGER test_weiger_notitie BEFORE INSERT ON antwoorden "
                    "WHEN NEW.toelichting IS NOT NULL BEGIN INSERT INTO bestaat_niet VALUES (NEW.toelichting); END"
                )
            )
        else:
            s.execute(
                text(
                    "ALTER TABLE antwoorden ADD CONSTRAINT test_geen_notitie "
                    "CHECK (toelichting IS NULL OR length(toelichting) < 0)"
                )
            )


def _weiger_aanmelding(db: Database) -> None:
    with db.schrijven() as s:
        if db.is_sqlite:
            s.execute(
                text(
                    "CREATE TRIGGER test_weiger_deelnemer BEFORE INSERT ON deelnemers "
                    "BEGIN INSERT INTO bestaat_niet VALUES (NEW.token); END"
                )
            )
        else:
            # A data exception (SQL state class 22) whose message quotes the values, as
            # 'invalid input syntax for type ...: "<value>"' does.
            s.execute(
                text(
                    "CREATE FUNCTION test_weiger() RETURNS trigger AS $$ BEGIN "
                    "RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'ongeldig: ' || NEW.naam || ' ' || NEW.token; "
                    "END $$ LANGUAGE plpgsql"
                )
            )
            s.execute(
                text(
                    "CREATE TRIGGER test_weiger_deelnemer BEFORE INSERT ON deelnemers "
                    "FOR EACH ROW EXECUTE FUNCTION test_weiger()"
                )
            )


def _geschreven(caplog: pytest.LogCaptureFixture) -> str:
    """Every record as a handler writes it: message, traceback, chained causes."""
    opmaak = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return "\n".join(opmaak.format(r) for r in caplog.records)


def test_failed_save_of_a_note__logs_neither_the_note_nor_the_token(
    eigen_db: Database, vragenlijst: Vragenlijst, caplog: pytest.LogCaptureFixture
) -> None:
    fac = start_ronde(eigen_db, vragenlijst, gm_code="GM0355", facilitator="Fatima", datum=dt.date(2026, 12, 7))
    anna = start.neem_deel(eigen_db, vragenlijst, code=fac.ronde.code, naam=NAAM)
    _weiger_notities(eigen_db)
    stelling = vragenlijst.bouwstenen[0].stellingen[0].id
    caplog.set_level(logging.DEBUG)
    with pytest.raises(OpslagFout) as fout:
        invullen.sla_toelichting_op(eigen_db, vragenlijst, anna, stelling, NOTITIE)
    try:
        raise fout.value
    except OpslagFout:
        logging.getLogger("scan.ui.panelen.invullen_opslaan").exception("opslaan mislukt")
    log = _geschreven(caplog)
    # What failed is still there for the beheerder: the statement and the table.
    assert "antwoorden" in log and "INSERT INTO antwoorden" in log
    for geheim in ("Notitie-7f3a", "Jan de Vries", NAAM, anna.deelnemer.token, fac.deelnemer.token):
        assert geheim not in log
    assert "[parameters:" not in log


def test_failed_join__logs_neither_the_name_nor_the_token(
    eigen_db: Database, vragenlijst: Vragenlijst, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    fac = start_ronde(eigen_db, vragenlijst, gm_code="GM0355", facilitator="Fatima", datum=dt.date(2026, 12, 7))
    token = "tokenlek" + "x" * 35  # the traceback shows this line: the check looks for the value, built apart
    monkeypatch.setattr(start, "nieuw_token", lambda: token)
    _weiger_aanmelding(eigen_db)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(OpslagFout) as fout:
        start.neem_deel(eigen_db, vragenlijst, code=fac.ronde.code, naam=NAAM, functie=FUNCTIE)
    try:
        raise fout.value
    except OpslagFout:
        logging.getLogger("scan.ui.foutgrens").exception("onverwachte fout op een pagina %s", {"pagina": "start"})
    log = _geschreven(caplog)
    assert "deelnemers" in log
    for geheim in (NAAM, "Lekvrij", token, "tokenlek", FUNCTIE, fac.deelnemer.token):
        assert geheim not in log


def test_engines_hide_sql_parameters_in_every_error(eigen_db: Database) -> None:
    """Also where an error does not pass a unit of work (opening, migrating, the pool's own log
    lines): SQLAlchemy's message says the parameters are hidden instead of listing them."""
    for engine in (eigen_db.lees_engine, eigen_db.schrijf_engine):
        with pytest.raises(SQLAlchemyError) as fout, engine.connect() as verbinding:
            verbinding.execute(text("INSERT INTO bestaat_niet VALUES (:x)"), {"x": NOTITIE})
        assert "Notitie-7f3a" not in str(fout.value)
        assert "parameters hidden" in str(fout.value)
