"""No note text, name or token in a log line when the database refuses a save (issue 18, item 5),
on SQLite and PostgreSQL; and one warning line per failed save, naming the use case and its round
(issue 19, item 5).

The database is made to refuse the way each one really does. On PostgreSQL a check constraint
fails with "DETAIL: Failing row contains (..., <the note>, ...)", and a data exception can quote a
value in its message; without ``hide_parameters`` every SQLAlchemy error also ends in
"[parameters: (...)]" with the note, the name and the token. The unit of work logs the failure
(``scan.db.verbinding.meld_mislukt``); the test then logs the refusal as the pages do
(``opslag_mislukt`` in ``scan/ui/foutgrens.py``: the traceback at DEBUG) and as an unexpected error
would be (``log.exception``), and reads every record as each of the app's handlers writes it
(plain, ``tekst`` and ``json`` of ``scan/logopmaak.py``), traceback and chained causes included.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from scan import logopmaak
from scan.db.openen import open_database
from scan.db.verbinding import Database
from scan.fouten import OpslagFout
from scan.services import invullen, start
from scan.ui.foutgrens import opslag_mislukt
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
    """Every record as each handler writes it: message, traceback, chained causes, context."""
    opmaken = (logging.Formatter("%(name)s %(levelname)s %(message)s"), logopmaak.TekstOpmaak(), logopmaak.JsonOpmaak())
    regels = []
    for record in caplog.records:
        logopmaak.ContextFilter().filter(record)
        regels += [opmaak.format(record) for opmaak in opmaken]
        record.exc_text = None  # each formatter writes the traceback itself
    return "\n".join(regels)


def _waarschuwingen(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    # The app's own; Streamlit warns here that the page's helper runs without a server (bare mode).
    return [r for r in caplog.records if r.levelno >= logging.WARNING and not r.name.startswith("streamlit.")]


def test_failed_save_of_a_note__logs_neither_the_note_nor_the_token(
    eigen_db: Database, vragenlijst: Vragenlijst, caplog: pytest.LogCaptureFixture
) -> None:
    fac = start_ronde(eigen_db, vragenlijst, gm_code="GM0355", facilitator="Fatima", datum=dt.date(2026, 12, 7))
    anna = start.neem_deel(eigen_db, vragenlijst, code=fac.ronde.code, naam=NAAM)
    _weiger_notities(eigen_db)
    stelling = vragenlijst.bouwstenen[0].stellingen[0].id
    caplog.set_level(logging.DEBUG)
    logopmaak.zet_context(ronde=None, sessie="3f9a1c2e")
    with pytest.raises(OpslagFout) as fout:
        invullen.sla_toelichting_op(eigen_db, vragenlijst, anna, stelling, NOTITIE)
    opslag_mislukt(fout.value, "invullen opslaan")  # what the page does with it
    # One failed save, one warning line: what failed (the use case), its round, the cause. The
    # unit of work writes it (SQLite: an OperationalError), or the page when the use case left a
    # refusal of the database's own rules unanswered (PostgreSQL: the check is an IntegrityError).
    (regel,) = _waarschuwingen(caplog)
    assert regel.levelno == logging.WARNING and regel.exc_info is None
    assert regel.getMessage().startswith("opslaan mislukt in invullen.sla_toelichting_op: ")
    assert getattr(regel, "ronde", None) == anna.ronde.id
    try:
        raise fout.value
    except OpslagFout:
        logging.getLogger("scan.ui.foutgrens").exception("onverwachte fout op een pagina")
    log = _geschreven(caplog)
    # What failed is still there for the beheerder: the statement and the table.
    assert "antwoorden" in log and "INSERT INTO antwoorden" in log
    assert f"ronde={anna.ronde.id} sessie=3f9a1c2e opslaan mislukt in invullen.sla_toelichting_op" in log
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
    opslag_mislukt(fout.value, "meedoen")
    (regel,) = _waarschuwingen(caplog)
    assert regel.getMessage().startswith("opslaan mislukt in start.neem_deel: ")
    assert getattr(regel, "ronde", None) == fac.ronde.id
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
