"""Log lines an operator can use: one format for the app, the command line, Alembic and Streamlit.

Layer: application (``scan/``), no Streamlit (the Streamlit side is ``scan/ui/logregels.py``).
Every line carries the time (ISO 8601 with the offset), the level, the module (the logger's name)
and its context: the scanronde and a short, non-secret id of who caused it (the first 8 hex of a
hash of the Streamlit session id, or ``cli:<opdracht>`` on the command line). The router
(``app.py``) sets the context per script run, the command line per command, both through the
context variables below; a ``logging.Filter`` on the one handler puts them on every record.

Two settings (docs/configuratie.md):
- ``SCAN_LOG_FORMAAT``: ``tekst`` (default, for people) or ``json`` (one JSON object per line,
  a traceback included, for a log collector);
- ``SCAN_LOG_NIVEAU``: ``DEBUG``, ``INFO`` (default), ``WARNING`` or ``ERROR`` for the app's own
  loggers, Alembic's and Streamlit's. Other libraries stay at ``WARNING`` whatever is set:
  SQLAlchemy's engine logs rows at ``DEBUG``, and nothing here has been checked for leaks there.

What never goes into a line is the callers' business (no token, note text or SQL parameter is
passed to a logger: see docs/beheer.md, "Logregels en metrics"); the format adds nothing but the
fields above.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import hashlib
import json
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import FrameType
from typing import Any, Final, TextIO

FORMAAT_VARIABELE: Final = "SCAN_LOG_FORMAAT"
NIVEAU_VARIABELE: Final = "SCAN_LOG_NIVEAU"
FORMATEN: Final = ("tekst", "json")
NIVEAUS: Final = ("DEBUG", "INFO", "WARNING", "ERROR")

EIGEN_LOGGERS: Final = ("scan", "app", "reports", "scoring", "alembic")
"""The loggers ``SCAN_LOG_NIVEAU`` sets (``app`` is the router's); Streamlit's follow through the
handler's level (``scan/ui/logregels.py`` hands their lines to this handler)."""

_GEEN: Final = object()
"""Not set in this context (as opposed to ``None``: set, and there is no round)."""

RONDE: contextvars.ContextVar[object] = contextvars.ContextVar("scan_log_ronde", default=_GEEN)
"""The scanronde (id) this script run or command is about."""
SESSIE: contextvars.ContextVar[object] = contextvars.ContextVar("scan_log_sessie", default=_GEEN)
"""Who caused it: ``kort_id`` of the Streamlit session, or ``cli:<opdracht>``."""

Bron = Callable[[], tuple[int | None, str | None]]
_bron: Bron | None = None


def kort_id(geheim: str) -> str:
    """A short id for a secret id (a Streamlit session id): 8 hex of its SHA-256. Enough to follow
    one browser through a log, useless to take over its session."""
    return hashlib.sha256(geheim.encode("utf-8")).hexdigest()[:8]


def zet_context(*, ronde: int | None = None, sessie: str | None = None) -> None:
    """The context of every line logged from here on in this thread (or task): the round and who."""
    RONDE.set(ronde)
    SESSIE.set(sessie)


def zet_ronde(ronde: int | None) -> None:
    RONDE.set(ronde)


def zet_bron(bron: Bron | None) -> None:
    """Where the context comes from when this thread's variables were never set: Streamlit runs a
    widget's callback and a fragment's own rerun in a fresh thread before (or without) the router.
    Called for every such record: it must be cheap, never log and never raise."""
    global _bron  # one source per process, set once by scan/ui/logregels.py
    _bron = bron


class ContextFilter(logging.Filter):
    """Puts ``ronde`` and ``sessie`` on every record; a record that brought its own ``ronde``
    (``extra={"ronde": ...}``, a failed save names the round of its use case) keeps it."""

    def filter(self, record: logging.LogRecord) -> bool:
        ronde, sessie = RONDE.get(), SESSIE.get()
        if (ronde is _GEEN or sessie is _GEEN) and _bron is not None:
            try:
                uit_bron = _bron()
            except Exception:  # a log line never fails for its context
                uit_bron = (None, None)
            ronde = uit_bron[0] if ronde is _GEEN else ronde
            sessie = uit_bron[1] if sessie is _GEEN else sessie
        if getattr(record, "ronde", None) is None:
            record.ronde = None if ronde is _GEEN else ronde
        if getattr(record, "sessie", None) is None:
            record.sessie = None if sessie is _GEEN else sessie
        return True


_GEMELD: Final = "_scan_log_gemeld"


def markeer_gemeld(fout: BaseException) -> BaseException:
    """``fout`` has had its one log line (``scan.db.verbinding``): whoever catches it adds none."""
    setattr(fout, _GEMELD, True)
    return fout


def al_gemeld(fout: BaseException) -> bool:
    return bool(getattr(fout, _GEMELD, False))


def stapel(frame: FrameType | None) -> Iterator[FrameType]:
    """The running frames from ``frame`` outward (``sys._getframe()``)."""
    while frame is not None:
        yield frame
        frame = frame.f_back


def uit_traceback(fout: BaseException) -> list[FrameType]:
    """The frames an exception passed, innermost first."""
    frames = []
    tb = fout.__traceback__
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    return frames[::-1]


def handeling(frames: Iterable[FrameType]) -> tuple[str, int | None]:
    """The use case a failed unit of work belongs to, and its round, for the one log line.

    ``frames`` innermost first (``stapel``, ``uit_traceback``). The use case is the first function
    outside ``scan.db`` and ``contextlib``: the one that wrote ``with db.werk()``
    (``invullen.sla_toelichting_op``; ``scan.services.`` left off). Its round is its variable
    ``ronde_id``, else ``sessie.ronde.id`` or ``ronde.id``; a use case without either leaves the
    round to the line's context. Reads names and ids only, never another value.
    """
    for frame in frames:
        module = str(frame.f_globals.get("__name__", ""))
        if module in ("contextlib", "scan.db") or module.startswith("scan.db."):
            continue
        return f"{module.removeprefix('scan.services.')}.{frame.f_code.co_qualname}", _ronde_van(frame.f_locals)
    return "?", None


def _ronde_van(variabelen: Mapping[str, Any]) -> int | None:
    kandidaten = (
        variabelen.get("ronde_id"),
        getattr(getattr(variabelen.get("sessie"), "ronde", None), "id", None),
        getattr(variabelen.get("ronde"), "id", None),
    )
    return next((k for k in kandidaten if isinstance(k, int) and not isinstance(k, bool)), None)


def _tijd(record: logging.LogRecord) -> str:
    return dt.datetime.fromtimestamp(record.created).astimezone().isoformat(timespec="milliseconds")


class TekstOpmaak(logging.Formatter):
    """``2026-12-07T20:15:01.123+01:00 WARNING scan.db.verbinding ronde=12 sessie=3f9a1c2e bericht``.

    Only the first line of a record starts with the time: the rest of a message of several lines
    (Alembic's step names a migration's whole description) and a traceback follow indented by
    two spaces, so no text in a message can pass for a line of its own."""

    def format(self, record: logging.LogRecord) -> str:
        ronde = getattr(record, "ronde", None)
        sessie = getattr(record, "sessie", None)
        regel = (
            f"{_tijd(record)} {record.levelname} {record.name} "
            f"ronde={'-' if ronde is None else ronde} sessie={sessie or '-'} {record.getMessage()}"
        )
        fout = self._fout(record)
        if fout:
            regel = f"{regel}\n{fout}"
        return regel.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\n  ")

    def _fout(self, record: logging.LogRecord) -> str:
        delen = []
        if record.exc_info:
            if not record.exc_text:
                record.exc_text = self.formatException(record.exc_info)
            delen.append(record.exc_text)
        if record.stack_info:
            delen.append(self.formatStack(record.stack_info))
        return "\n".join(d.rstrip("\n") for d in delen if d)


class JsonOpmaak(TekstOpmaak):
    """One JSON object per line: ``tijd``, ``niveau``, ``module``, ``ronde``, ``sessie``,
    ``bericht`` and, after an exception, ``fout`` (the traceback, newlines escaped)."""

    def format(self, record: logging.LogRecord) -> str:
        regel: dict[str, object] = {
            "tijd": _tijd(record),
            "niveau": record.levelname,
            "module": record.name,
            "ronde": getattr(record, "ronde", None),
            "sessie": getattr(record, "sessie", None),
            "bericht": record.getMessage(),
        }
        fout = self._fout(record)
        if fout:
            regel["fout"] = fout
        return json.dumps(regel, ensure_ascii=False, default=str)


_OPZET_ALEMBIC: Final = ("Context impl ", "Will assume ")


class _Niveau(logging.Filter):
    """Alembic says which plugins it loads and which database dialect and DDL mode it uses at
    every start, at INFO, also when there is nothing to migrate: on the command line a handful of
    lines before every answer. Shown at DEBUG; its lines about migration steps stay INFO."""

    def __init__(self, niveau: int) -> None:
        super().__init__()
        self.niveau = niveau

    def filter(self, record: logging.LogRecord) -> bool:
        if (
            record.levelno == logging.INFO
            and record.name.startswith("alembic.")
            and (
                record.name == "alembic.runtime.plugins"
                or (isinstance(record.msg, str) and record.msg.startswith(_OPZET_ALEMBIC))
            )
        ):
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return record.levelno >= self.niveau


class Uitvoer(logging.StreamHandler[TextIO]):
    """Writes to the ``sys.stderr`` of the moment (as ``logging.lastResort`` does), so a replaced
    stream (a test's capture, a daemon's redirect) is followed instead of a closed one kept."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _waarde: TextIO) -> None:
        pass


class Instelling:
    """What ``stel_in`` chose, and the settings it could not use (said in the first log lines)."""

    def __init__(self, formaat: str, niveau: str, onbruikbaar: list[str]) -> None:
        self.formaat = formaat
        self.niveau = niveau
        self.onbruikbaar = onbruikbaar


def lees_instelling(omgeving: Mapping[str, str]) -> Instelling:
    """``SCAN_LOG_FORMAAT`` and ``SCAN_LOG_NIVEAU``; an unknown value gives the default and a
    warning (the app never refuses to start over its log settings)."""
    onbruikbaar = []
    formaat = omgeving.get(FORMAAT_VARIABELE, "").strip().lower() or "tekst"
    if formaat not in FORMATEN:
        onbruikbaar.append(f"{FORMAAT_VARIABELE}={formaat!r} onbekend (kies tekst of json); tekst gebruikt")
        formaat = "tekst"
    niveau = omgeving.get(NIVEAU_VARIABELE, "").strip().upper() or "INFO"
    if niveau == "WARN":
        niveau = "WARNING"
    if niveau not in NIVEAUS:
        onbruikbaar.append(f"{NIVEAU_VARIABELE}={niveau!r} onbekend (kies {', '.join(NIVEAUS)}); INFO gebruikt")
        niveau = "INFO"
    return Instelling(formaat, niveau, onbruikbaar)


_handler: Uitvoer | None = None


def handler() -> logging.Handler | None:
    """The handler ``stel_in`` put on the root logger (``None`` before)."""
    return _handler


def stel_in(omgeving: Mapping[str, str] | None = None) -> logging.Handler:
    """One handler on the root logger with the chosen format, level and the context filter.

    Called by the command line's ``main`` and by the app (``scan/ui/logregels.py``); calling it
    again replaces the handler instead of adding a second one (every line would come twice).
    """
    global _handler  # one handler per process
    instelling = lees_instelling(os.environ if omgeving is None else omgeving)
    niveau = logging.getLevelName(instelling.niveau)
    nieuw = Uitvoer()
    nieuw.setFormatter(JsonOpmaak() if instelling.formaat == "json" else TekstOpmaak())
    nieuw.addFilter(ContextFilter())
    nieuw.addFilter(_Niveau(niveau))
    nieuw.setLevel(niveau)
    wortel = logging.getLogger()
    if _handler is not None:
        wortel.removeHandler(_handler)
    wortel.addHandler(nieuw)
    _handler = nieuw
    # Libraries stay at WARNING (see the module docstring); ERROR raises them too.
    wortel.setLevel(max(niveau, logging.WARNING))
    for naam in EIGEN_LOGGERS:
        logging.getLogger(naam).setLevel(niveau)
    # Python's warnings (a library's DeprecationWarning) as lines of their own, in the same format
    # (logger ``py.warnings``), instead of bare text on stderr.
    logging.captureWarnings(True)
    for melding in instelling.onbruikbaar:
        logging.getLogger(__name__).warning(melding)
    return nieuw
