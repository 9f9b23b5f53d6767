"""The app's log lines in one format, Streamlit's own included, and the context of each script run.

Layer: ``scan/ui`` (the format itself is ``scan/logopmaak.py``). ``app.py`` calls ``stel_in`` on
every run (it works once per process) and ``begin_run`` / ``zet_ronde`` with what the run is about.

Streamlit gives each of its loggers a handler of its own that writes its own format and does
not pass lines on. ``stel_in`` takes those handlers away and lets the lines reach the app's
handler instead, also for loggers Streamlit creates later. What Streamlit prints without a
logger (the banner with the addresses at start) and the lines it logs before the first page
view (when this has not run yet) keep Streamlit's own format (docs/beheer.md).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict

from streamlit.runtime.scriptrunner import get_script_run_ctx

from scan import logopmaak

log = logging.getLogger(__name__)

ACCESS_LOG = "uvicorn.access"
"""Left as Streamlit leaves it: no handler, not passed on. uvicorn writes an access line only when
this logger "has handlers" (its parents' included), so passing it on to the app's handler would
switch on a line per request, with the client's address and the path and query of every request
(old personal links carry their secret there): docs/beheer.md, "Logboeken van de proxy"."""

WEBSERVER = frozenset({"uvicorn", "websockets"})
"""Streamlit's web server: its warnings and errors in the app's format, nothing below WARNING."""

_MAX_SESSIES = 10_000
_rondes: OrderedDict[str, int | None] = OrderedDict()
"""Per Streamlit session id the round the router saw last: a widget's callback and a fragment's
own rerun run in a thread the router has not run in (yet), and find the round here."""
_rondes_slot = threading.Lock()
_ingesteld = False
_ingesteld_slot = threading.Lock()


def stel_in() -> None:
    """Once per process: the format of ``scan.logopmaak`` for the app's, Alembic's and Streamlit's lines."""
    global _ingesteld  # once per process
    with _ingesteld_slot:
        if _ingesteld:
            return
        logopmaak.stel_in()
        logopmaak.zet_bron(_uit_streamlit)
        _neem_streamlit_over()
        _ingesteld = True


def _neem_streamlit_over() -> None:
    try:
        from streamlit import logger as st_logger

        bestaand = list(st_logger._loggers.values())
        echte_opzet = st_logger.setup_formatter
    except (ImportError, AttributeError):  # another Streamlit: its lines keep its own format
        log.info("Streamlit-logregels houden hun eigen opmaak (onbekende versie van streamlit.logger)")
        return

    def _via_de_app(logger: logging.Logger) -> None:
        # In place of Streamlit's: no handler of its own; the line goes up to the app's handler.
        # Streamlit calls this for every logger it creates and again when its config is read.
        if logger.name == ACCESS_LOG:
            return
        if logger.name.split(".")[0] in WEBSERVER:
            # uvicorn's own handler would write each line again; its INFO lines name the client's
            # address for every connection, and Streamlit's set-up never let them through.
            for eigen in list(logger.handlers):
                logger.removeHandler(eigen)
            logger.setLevel(max(logger.level, logging.WARNING))
        oud = getattr(logger, "streamlit_console_handler", None)
        if oud is not None:
            logger.removeHandler(oud)
        logger.propagate = True

    if getattr(echte_opzet, "_via_de_app", False):
        return
    _via_de_app._via_de_app = True  # type: ignore[attr-defined]
    st_logger.setup_formatter = _via_de_app
    for logger in bestaand:
        _via_de_app(logger)


def _sessie_id() -> str | None:
    ctx = get_script_run_ctx(suppress_warning=True)
    return None if ctx is None else ctx.session_id


def _uit_streamlit() -> tuple[int | None, str | None]:
    """The context of a line logged outside the router's run (see ``logopmaak.zet_bron``)."""
    sessie_id = _sessie_id()
    if sessie_id is None:
        return None, None
    with _rondes_slot:
        ronde = _rondes.get(sessie_id)
    return ronde, logopmaak.kort_id(sessie_id)


def begin_run() -> None:
    """At the start of a script run: who (the session's short id) and, until the router knows
    better, the round this session had in its previous run."""
    sessie_id = _sessie_id()
    if sessie_id is None:
        logopmaak.zet_context()
        return
    with _rondes_slot:
        ronde = _rondes.get(sessie_id)
    logopmaak.zet_context(ronde=ronde, sessie=logopmaak.kort_id(sessie_id))


def zet_ronde(ronde: int | None) -> None:
    """The round this run is about, once the router knows who the browser is."""
    logopmaak.zet_ronde(ronde)
    sessie_id = _sessie_id()
    if sessie_id is None:
        return
    with _rondes_slot:
        _rondes[sessie_id] = ronde
        _rondes.move_to_end(sessie_id)
        while len(_rondes) > _MAX_SESSIES:
            _rondes.popitem(last=False)
