"""The app's log lines in a real script run (issue 19, item 5): a failed save in a widget's callback
is one warning line with the use case, the round and the session's short id, and nothing the
participant typed; Streamlit's own loggers write through the app's handler."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import text
from streamlit import logger as st_logger
from streamlit.testing.v1 import AppTest

from scan import logopmaak
from scan.db.verbinding import Database
from scan.fouten import Botsing, OpslagFout
from scan.leesmodellen import Sessie
from scan.services import invullen, start
from scan.ui.foutgrens import opslag_mislukt
from scoring.models import Vragenlijst

pytestmark = pytest.mark.apptest
INVULLEN = "scan/ui/paginas/invullen.py"
NOTITIE = "Notitie-4c1d van Karel over de balie"


class _Regels(logging.Handler):
    """Every record as the app's text handler writes it, with the context of the thread that logged it."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.addFilter(logopmaak.ContextFilter())
        self.setFormatter(logopmaak.TekstOpmaak())
        self.regels: list[tuple[logging.LogRecord, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.regels.append((record, self.format(record)))


@pytest.fixture
def regels() -> Iterator[_Regels]:
    handler = _Regels()
    wortel, scan_log = logging.getLogger(), logging.getLogger("scan")
    oud = scan_log.level
    wortel.addHandler(handler)
    scan_log.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        wortel.removeHandler(handler)
        scan_log.setLevel(oud)


@pytest.fixture
def karel(app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie) -> Sessie:
    return start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam="Karel")


def test_failed_note_in_a_callback__one_warning_with_use_case_round_and_session(
    open_app: Callable[..., AppTest], app_db: Database, karel: Sessie, vragenlijst: Vragenlijst, regels: _Regels
) -> None:
    stelling = vragenlijst.bouwstenen[0].stellingen[1]
    at = open_app(INVULLEN, d=karel.deelnemer.token)
    with app_db.schrijven() as s:  # the database refuses every note from now on (no such table)
        s.execute(
            text(
                "CREATE TRIGGER test_weiger_notitie BEFORE INSERT ON antwoorden "
                "WHEN NEW.toelichting IS NOT NULL BEGIN INSERT INTO bestaat_niet VALUES (NEW.toelichting); END"
            )
        )
    regels.regels.clear()
    logging.getLogger("scan").setLevel(logging.DEBUG)  # after app.py's set-up (SCAN_LOG_NIVEAU=INFO)
    at.text_area(key=f"t_{stelling.id}").input(NOTITIE).run()
    assert not at.exception and "Niet opgeslagen" in " ".join(e.value for e in at.error)
    assert stelling.id not in invullen.mijn_antwoorden(app_db, karel)

    waarschuwingen = [tekst for r, tekst in regels.regels if r.levelno >= logging.WARNING]
    assert len(waarschuwingen) == 1, waarschuwingen
    assert re.fullmatch(
        rf"\S+ WARNING scan\.db\.verbinding ronde={karel.ronde.id} sessie=[0-9a-f]{{8}} "
        r"opslaan mislukt in invullen\.sla_toelichting_op: OperationalError: .*INSERT INTO antwoorden.*",
        waarschuwingen[0],
    ), waarschuwingen[0]
    alles = "\n".join(tekst for _, tekst in regels.regels)
    assert "Notitie-4c1d" not in alles and karel.deelnemer.token not in alles and "Karel" not in alles
    # The page's own line for it is the traceback, at DEBUG, with the same context.
    sessie = re.search(r"sessie=([0-9a-f]{8})", waarschuwingen[0])
    assert sessie and any(
        r.levelno == logging.DEBUG and r.name == "scan.ui.foutgrens" and f"sessie={sessie.group(1)}" in tekst
        for r, tekst in regels.regels
    )


def test_streamlit_loggers_write_through_the_apps_handler(open_app: Callable[..., AppTest]) -> None:
    open_app()  # app.py ran: the format is set up for this process
    eigen = [h for h in logging.getLogger().handlers if isinstance(h, logopmaak.Uitvoer)]
    assert len(eigen) == 1
    for naam in ("streamlit", "streamlit.runtime.scriptrunner.script_runner", "streamlit.nieuw.in.deze.test"):
        logger = st_logger.get_logger(naam)
        assert logger.propagate and getattr(logger, "streamlit_console_handler", None) not in logger.handlers


def _gooi(fout: Exception, oorzaak: str) -> Exception:
    """``fout`` raised and caught, as a page catches it (with a traceback)."""
    try:
        raise fout from RuntimeError(oorzaak)
    except Exception as gevangen:
        return gevangen


@pytest.mark.parametrize(
    ("fout", "regel"),
    [
        # logged where it failed (scan.db.verbinding): the page adds its traceback at DEBUG only
        (lambda: logopmaak.markeer_gemeld(OpslagFout()), None),
        # a Botsing the use case left unanswered: its cause is value-free (scan.db.verbinding's
        # zonder_waarden) and quoted
        (Botsing, "opslaan mislukt in tests.app.test_logregels._gooi: RuntimeError: tabel antwoorden (niet"),
        # an OpslagFout that nobody logged (not from a unit of work): only the kind of its cause
        (OpslagFout, "opslaan mislukt in tests.app.test_logregels._gooi: RuntimeError (niet afgehandeld; invullen"),
    ],
)
def test_the_page_adds_a_warning_only_for_what_was_not_logged_yet(
    fout: Callable[[], Exception], regel: str | None, regels: _Regels
) -> None:
    gevangen = _gooi(fout(), "tabel antwoorden" if fout is Botsing else "Failing row contains (Notitie-4c1d)")
    assert isinstance(gevangen, OpslagFout)
    logging.getLogger("scan").setLevel(logging.DEBUG)
    opslag_mislukt(gevangen, "invullen opslaan")
    eigen = [(r, tekst) for r, tekst in regels.regels if r.name.startswith("scan.")]
    waarschuwingen = [tekst for r, tekst in eigen if r.levelno >= logging.WARNING]
    assert len(waarschuwingen) == (regel is not None)
    if regel is not None:
        assert regel in waarschuwingen[0] and "Notitie-4c1d" not in waarschuwingen[0]
    assert any(r.levelno == logging.DEBUG and r.exc_info for r, _ in eigen)
