"""The log format (scan/logopmaak.py): time with offset, level, module, round and session on every
line; JSON as one object per line; the settings SCAN_LOG_FORMAAT and SCAN_LOG_NIVEAU; the command
line, Alembic and Streamlit in the same format (issue 19, item 5).

The command line and Streamlit are run in a subprocess: configuring logging is process-wide.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from scan import logopmaak

ROOT = Path(__file__).resolve().parents[2]
TIJD = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d"
TEKSTREGEL = re.compile(rf"^({TIJD}) (DEBUG|INFO|WARNING|ERROR|CRITICAL) (\S+) ronde=(\S+) sessie=(\S+) (.*)$")


@pytest.fixture
def schoon() -> Iterator[None]:
    """Whatever a test configures is undone: the root logger's handlers and levels, the context."""
    wortel = logging.getLogger()
    handlers, niveau = list(wortel.handlers), wortel.level
    niveaus = {n: logging.getLogger(n).level for n in logopmaak.EIGEN_LOGGERS}
    oud, bron = logopmaak._handler, logopmaak._bron
    try:
        yield
    finally:
        if logopmaak._handler is not None:
            wortel.removeHandler(logopmaak._handler)
        logopmaak._handler = oud
        wortel.handlers[:] = handlers
        wortel.setLevel(niveau)
        for naam, n in niveaus.items():
            logging.getLogger(naam).setLevel(n)
        logopmaak.zet_bron(bron)


def _record(
    bericht: str = "opslaan mislukt", *, naam: str = "scan.db.verbinding", **extra: object
) -> logging.LogRecord:
    record = logging.LogRecord(naam, logging.WARNING, __file__, 1, bericht, None, None)
    for k, v in extra.items():
        setattr(record, k, v)
    return record


def _opgemaakt(record: logging.LogRecord, opmaak: logging.Formatter) -> str:
    assert logopmaak.ContextFilter().filter(record)
    return opmaak.format(record)


def _in_eigen_context(functie: object) -> object:
    """Runs ``functie`` in an empty context: what it sets stays there, and what another test set
    in this thread (the command line's ``main`` run in-process) is not there."""
    import contextvars

    return contextvars.Context().run(functie)  # type: ignore[arg-type]


def test_text_line__iso_time_with_offset_level_module_round_and_session() -> None:
    def doe() -> str:
        logopmaak.zet_context(ronde=12, sessie="3f9a1c2e")
        return _opgemaakt(_record(), logopmaak.TekstOpmaak())

    regel = _in_eigen_context(doe)
    assert isinstance(regel, str)
    gevonden = TEKSTREGEL.match(regel)
    assert gevonden, regel
    tijd, niveau, module, ronde, sessie, bericht = gevonden.groups()
    moment = dt.datetime.fromisoformat(tijd)
    assert moment.utcoffset() is not None and abs(moment - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    assert (niveau, module, ronde, sessie, bericht) == (
        "WARNING",
        "scan.db.verbinding",
        "12",
        "3f9a1c2e",
        "opslaan mislukt",
    )


def test_text_line__only_a_records_first_line_starts_with_the_time() -> None:
    def doe() -> str:
        try:
            raise ValueError("binnen")
        except ValueError:
            record = _record("naam: Jan\n2026-12-07T20:15:01.123+01:00 ERROR scan.nep ronde=1 sessie=x nep\r\nnog een")
            record.exc_info = sys.exc_info()
        return _opgemaakt(record, logopmaak.TekstOpmaak())

    eerste, *verder = str(_in_eigen_context(doe)).split("\n")
    assert TEKSTREGEL.match(eerste) and verder
    assert all(r.startswith("  ") for r in verder)
    assert "  Traceback (most recent call last):" in verder and verder[-1] == "  ValueError: binnen"


def test_text_line__without_context_says_so_with_a_dash() -> None:
    regel = _in_eigen_context(lambda: _opgemaakt(_record(), logopmaak.TekstOpmaak()))
    assert isinstance(regel, str)
    assert " ronde=- sessie=- opslaan mislukt" in regel


def test_a_record_that_names_its_round_keeps_it() -> None:
    def doe() -> str:
        logopmaak.zet_context(ronde=12, sessie="cli:bewaartermijn")
        return _opgemaakt(_record(ronde=7), logopmaak.TekstOpmaak())

    assert " ronde=7 sessie=cli:bewaartermijn " in str(_in_eigen_context(doe))


def test_json_line__one_object_with_every_field_and_the_traceback_on_the_same_line() -> None:
    def doe() -> str:
        logopmaak.zet_context(ronde=3, sessie="ab12cd34")
        try:
            raise RuntimeError("kapot\nop twee regels")
        except RuntimeError:
            record = _record("pagina: onverwachte fout", naam="scan.ui.foutgrens")
            record.levelno, record.levelname = logging.ERROR, "ERROR"
            record.exc_info = sys.exc_info()
        return _opgemaakt(record, logopmaak.JsonOpmaak())

    regel = _in_eigen_context(doe)
    assert isinstance(regel, str) and "\n" not in regel
    veld = json.loads(regel)
    assert set(veld) == {"tijd", "niveau", "module", "ronde", "sessie", "bericht", "fout"}
    assert re.fullmatch(TIJD, veld["tijd"])
    assert (veld["niveau"], veld["module"], veld["ronde"], veld["sessie"]) == (
        "ERROR",
        "scan.ui.foutgrens",
        3,
        "ab12cd34",
    )
    assert veld["bericht"] == "pagina: onverwachte fout"
    assert veld["fout"].startswith("Traceback") and "RuntimeError: kapot\nop twee regels" in veld["fout"]


def test_json_line__without_context_has_nulls_and_no_fout() -> None:
    veld = json.loads(str(_in_eigen_context(lambda: _opgemaakt(_record(), logopmaak.JsonOpmaak()))))
    assert veld["ronde"] is None and veld["sessie"] is None and "fout" not in veld


def test_a_thread_the_router_never_ran_in__asks_the_source(schoon: None) -> None:
    logopmaak.zet_bron(lambda: (5, "0badc0de"))
    regel = _in_eigen_context(lambda: _opgemaakt(_record(), logopmaak.TekstOpmaak()))
    assert " ronde=5 sessie=0badc0de " in str(regel)

    def gezet() -> str:  # set (also to "no round") wins over the source
        logopmaak.zet_context(ronde=None, sessie="cli:check")
        return _opgemaakt(_record(), logopmaak.TekstOpmaak())

    assert " ronde=- sessie=cli:check " in str(_in_eigen_context(gezet))

    def stuk() -> tuple[int | None, str | None]:
        raise RuntimeError("bron kapot")

    logopmaak.zet_bron(stuk)  # a log line never fails for its context
    assert " ronde=- sessie=- " in str(_in_eigen_context(lambda: _opgemaakt(_record(), logopmaak.TekstOpmaak())))


def test_short_id__eight_hex_and_not_the_id_itself() -> None:
    sessie_id = "5b0f3c1e-6a8d-4d3e-9b8e-0c1d2e3f4a5b"
    kort = logopmaak.kort_id(sessie_id)
    assert re.fullmatch(r"[0-9a-f]{8}", kort) and kort not in sessie_id
    assert kort == logopmaak.kort_id(sessie_id) != logopmaak.kort_id(sessie_id + "x")


@pytest.mark.parametrize(
    ("omgeving", "formaat", "niveau", "klachten"),
    [
        ({}, "tekst", "INFO", 0),
        ({"SCAN_LOG_FORMAAT": "JSON", "SCAN_LOG_NIVEAU": "debug"}, "json", "DEBUG", 0),
        ({"SCAN_LOG_NIVEAU": "warn"}, "tekst", "WARNING", 0),
        ({"SCAN_LOG_FORMAAT": "xml", "SCAN_LOG_NIVEAU": "luid"}, "tekst", "INFO", 2),
    ],
)
def test_settings__defaults_and_unknown_values(
    omgeving: dict[str, str], formaat: str, niveau: str, klachten: int
) -> None:
    instelling = logopmaak.lees_instelling(omgeving)
    assert (instelling.formaat, instelling.niveau, len(instelling.onbruikbaar)) == (formaat, niveau, klachten)


def test_stel_in__one_handler_however_often_it_is_called(schoon: None, capsys: pytest.CaptureFixture[str]) -> None:
    logopmaak.stel_in({"SCAN_LOG_FORMAAT": "json"})
    logopmaak.stel_in({"SCAN_LOG_FORMAAT": "json"})
    eigen = [h for h in logging.getLogger().handlers if isinstance(h, logopmaak.Uitvoer)]
    assert len(eigen) == 1
    logging.getLogger("scan.test").info("één keer")
    regels = capsys.readouterr().err.splitlines()
    assert [json.loads(r)["bericht"] for r in regels] == ["één keer"]


def test_stel_in__level_for_the_apps_loggers_libraries_stay_at_warning(
    schoon: None, capsys: pytest.CaptureFixture[str]
) -> None:
    logopmaak.stel_in({"SCAN_LOG_NIVEAU": "DEBUG"})
    logging.getLogger("scan.test").debug("eigen debug")
    logging.getLogger("alembic.runtime.migration").info("Running upgrade 0009 -> 0010, logboek")
    logging.getLogger("sqlalchemy.engine.Engine").info("INSERT INTO antwoorden ...")
    logging.getLogger("iets.anders").warning("bibliotheek waarschuwt")
    err = capsys.readouterr().err
    assert "eigen debug" in err and "Running upgrade" in err and "bibliotheek waarschuwt" in err
    assert "INSERT INTO" not in err

    logopmaak.stel_in({"SCAN_LOG_NIVEAU": "WARNING"})
    logging.getLogger("scan.test").info("eigen info")
    logging.getLogger("scan.test").warning("eigen waarschuwing")
    err = capsys.readouterr().err
    assert "eigen info" not in err and "eigen waarschuwing" in err


def test_stel_in__an_unknown_setting_is_said_in_the_first_line(
    schoon: None, capsys: pytest.CaptureFixture[str]
) -> None:
    logopmaak.stel_in({"SCAN_LOG_NIVEAU": "luid"})
    regel = capsys.readouterr().err.splitlines()[0]
    gevonden = TEKSTREGEL.match(regel)
    assert gevonden and gevonden.group(2) == "WARNING" and "SCAN_LOG_NIVEAU='LUID' onbekend" in regel


def test_alembic_set_up_lines_are_debug_its_steps_info(schoon: None, capsys: pytest.CaptureFixture[str]) -> None:
    logopmaak.stel_in({})
    migratie = logging.getLogger("alembic.runtime.migration")

    def doe() -> None:
        migratie.info("Context impl %s.", "SQLiteImpl")
        migratie.info("Will assume %s DDL.", "non-transactional")
        migratie.info("Running upgrade %s -> %s, %s", "0009", "0010", "logboek")

    _in_eigen_context(doe)
    regels = capsys.readouterr().err.splitlines()
    assert (
        len(regels) == 1
        and " INFO alembic.runtime.migration ronde=- sessie=- Running upgrade 0009 -> 0010" in regels[0]
    )


def _migraties() -> Iterator[object]:
    from alembic.script import ScriptDirectory

    from scan.db.migraties import alembic_config

    return ScriptDirectory.from_config(alembic_config()).walk_revisions()


def _records(uitvoer: str) -> list[str]:
    """The first line of every record (the rest of a record is indented)."""
    return [r for r in uitvoer.splitlines() if not r.startswith("  ")]


def _cli(args: list[str], tmp_path: Path, **omgeving: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCAN_LOG_")}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'cli.db'}", **omgeving)
    return subprocess.run(
        [sys.executable, "-m", "scan", *args], capture_output=True, text=True, cwd=ROOT, env=env, check=False
    )


@pytest.mark.slow
def test_command_line__alembic_steps_in_the_format_with_the_command_as_context(tmp_path: Path) -> None:
    proc = _cli(["bewaartermijn"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    regels = _records(proc.stderr)
    for regel in regels:
        gevonden = TEKSTREGEL.match(regel)
        assert gevonden, regel
        assert gevonden.group(2, 5) == ("INFO", "cli:bewaartermijn")
        assert gevonden.group(3) in ("alembic.runtime.migration", "scan.db.migraties"), regel
    # Alembic's own line per step, in the same format as the app's (scan.db.migraties: its own).
    alembic = [r for r in regels if " alembic.runtime.migration " in r]
    assert len(alembic) == len(list(_migraties())), proc.stderr
    assert all(" Running upgrade " in r for r in alembic)
    assert "Context impl" not in proc.stderr and "setup plugin" not in proc.stderr  # set-up lines are DEBUG

    proc = _cli(["bewaartermijn"], tmp_path, SCAN_LOG_FORMAAT="json", SCAN_LOG_NIVEAU="DEBUG")
    assert proc.returncode == 0, proc.stderr
    velden = [json.loads(r) for r in proc.stderr.splitlines()]
    assert velden and all(v["niveau"] == "DEBUG" and v["module"].startswith("alembic.") for v in velden)
    assert all(v["sessie"] == "cli:bewaartermijn" and v["ronde"] is None for v in velden)
    assert "Context impl SQLiteImpl." in [v["bericht"] for v in velden]


@pytest.mark.slow
def test_command_line__a_numbered_round_is_the_context(tmp_path: Path) -> None:
    proc = _cli(["wis-deelnemer", "--ronde", "999"], tmp_path)
    assert proc.returncode == 1
    *regels, fout = _records(proc.stderr)
    assert fout.startswith("Fout: ") and "999" in fout  # the Dutch answer stays the last line
    assert regels and all(" ronde=999 sessie=cli:wis-deelnemer " in r for r in regels), proc.stderr


def test_streamlit_lines__in_the_apps_format_also_from_loggers_made_later_and_no_access_log(
    tmp_path: Path,
) -> None:
    code = """
import logging
import uvicorn
from streamlit import logger as st_logger
from streamlit.web.server.starlette.starlette_server import _get_uvicorn_config_kwargs
# As a server starts: Streamlit's loggers for uvicorn, then uvicorn's own logging set-up.
st_logger.init_uvicorn_logs()
uvicorn.Config(app=None, **_get_uvicorn_config_kwargs()).configure_logging()
assert not logging.getLogger("uvicorn.access").hasHandlers()
eerder = st_logger.get_logger("streamlit.eerder")
from scan.ui import logregels
logregels.stel_in()
logregels.stel_in()
eerder.warning("van een bestaande logger")
st_logger.get_logger("streamlit.later").warning("van een nieuwe logger")
st_logger.update_formatter()  # what Streamlit does when it reads its config again
st_logger.init_uvicorn_logs()
eerder.warning("na update_formatter")
logging.getLogger("uvicorn.error").info('127.0.0.1:5 - "WebSocket /_stcore/stream" [accepted]')
logging.getLogger("uvicorn.error").warning("van uvicorn")
# uvicorn writes an access line only for a logger that has handlers: still none.
assert not logging.getLogger("uvicorn.access").hasHandlers()
logging.getLogger("scan.x").info("van de app")
import warnings
warnings.warn("oude functie", DeprecationWarning, stacklevel=1)
"""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCAN_LOG_")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    regels = _records(proc.stderr)
    assert [TEKSTREGEL.match(r) is not None for r in regels] == [True] * 6, proc.stderr
    assert [r.split(" ", 5)[2] for r in regels] == [
        "streamlit.eerder",
        "streamlit.later",
        "streamlit.eerder",
        "uvicorn.error",
        "scan.x",
        "py.warnings",
    ]


def _nep_module(naam: str, code: str, **namen: object) -> dict[str, object]:
    ruimte: dict[str, object] = {"__name__": naam, **namen}
    exec(compile(code, f"<{naam}>", "exec"), ruimte)
    return ruimte


def test_the_use_case_of_a_failure__from_the_stack_and_from_a_traceback() -> None:
    """The first function outside scan.db and contextlib, with the round from its arguments."""
    db = _nep_module(
        "scan.db.nep",
        "import contextlib, sys\n"
        "@contextlib.contextmanager\n"
        "def werk():\n"
        "    try:\n"
        "        yield\n"
        "    except ValueError:\n"
        "        gezien.append(handeling(stapel(sys._getframe(0))))\n"
        "        raise\n",
        handeling=logopmaak.handeling,
        stapel=logopmaak.stapel,
        gezien=[],
    )
    services = _nep_module(
        "scan.services.nep",
        "class Ronde:\n    id = 12\n"
        "class Sessie:\n    ronde = Ronde()\n"
        "def met_sessie(sessie):\n    with werk():\n        raise ValueError('x')\n"
        "def met_ronde_id(ronde_id, geheim):\n    with werk():\n        raise ValueError(geheim)\n"
        "def zonder_ronde(naam):\n    with werk():\n        raise ValueError(naam)\n",
        werk=db["werk"],
    )
    uitkomsten = []
    for functie, args in (
        ("met_sessie", (services["Sessie"](),)),  # type: ignore[operator]
        ("met_ronde_id", (7, "token-abc")),
        ("zonder_ronde", ("Anna",)),
    ):
        with pytest.raises(ValueError) as fout:
            services[functie](*args)  # type: ignore[operator]
        uitkomsten.append(logopmaak.handeling(logopmaak.uit_traceback(fout.value)))
    verwacht = [("nep.met_sessie", 12), ("nep.met_ronde_id", 7), ("nep.zonder_ronde", None)]
    assert uitkomsten == verwacht
    assert db["gezien"] == verwacht  # the same from the running stack, inside the unit of work
    assert logopmaak.handeling([]) == ("?", None)


def test_a_failure_logged_where_it_happened_is_marked() -> None:
    fout = ValueError("x")
    assert not logopmaak.al_gemeld(fout)
    assert logopmaak.markeer_gemeld(fout) is fout and logopmaak.al_gemeld(fout)
