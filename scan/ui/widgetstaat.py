"""A crafted widget value from a client is ignored, never an error (issue 13, case 10).

Layer: application (``scan/``), Streamlit only. The browser sends every widget's value in a
``BackMsg`` (``rerun_script.widget_states``); any client on the network can send its own. A value
of the wrong kind (JSON text that is not JSON for a button, a string where a radio expects an
index) makes Streamlit's deserializer raise while it decides which callbacks to run, before the
page's script and its error boundary (``scan.ui.foutgrens``) exist. With
``client.showErrorDetails = "none"`` the client then gets no traceback, but an English "This app
has encountered an error" box, and the server logs a traceback for every such message.

Streamlit has no hook for this, so one method is wrapped: ``WStates.__getitem__``, which
deserializes a widget's sent value. When that fails, the sent value is dropped and the widget
reads as if nothing was sent (Streamlit's own answer for a value without a deserializer:
``KeyError``), so the widget keeps its previous or default value; a warning line, no
traceback. The wrapper is installed by app.py on every run (idempotent); a crafted message
before the process's first run finds no widget to deserialize for. Values that deserialize but are out of range are still refused by Streamlit itself
(inside the page, behind the error boundary) and by the services.

Checked against the pinned Streamlit (requirements.txt); tests/e2e/test_protokol.py sends such
messages to a real server and fails if the wrapper no longer takes effect.
"""

from __future__ import annotations

import functools
import logging
import threading
from typing import Any

from streamlit.proto.WidgetStates_pb2 import WidgetState as WidgetStateProto
from streamlit.runtime.state import session_state as _sessie_staat

log = logging.getLogger(__name__)
_GEMERKT = "_zelfscan_bewaakt"
MAX_MELDINGEN = 256
_GEMELD: set[tuple[str, str]] = set()
_MELDINGEN_SLOT = threading.Lock()


def _vergeet(wstates: Any, sleutel: str, reden: str) -> Any:
    """Read the client's value for this widget as never sent (raises ``KeyError``).

    The value is left where it is: Streamlit may be iterating over these states (deciding
    which callbacks to run), and removing one there fails. Every read of it answers "not sent",
    so Streamlit falls back to the widget's previous value.
    """
    melding = (str(sleutel)[-60:], reden)
    with _MELDINGEN_SLOT:
        nieuw = melding not in _GEMELD and len(_GEMELD) < MAX_MELDINGEN
        if nieuw:
            _GEMELD.add(melding)
    if nieuw:  # once per widget and reason: a flood of crafted messages does not flood the log
        log.warning("widgetwaarde van een client genegeerd (%s): %s", reden, melding[0])
    raise KeyError(sleutel)


def bescherm() -> None:
    """Wrap ``WStates.__getitem__`` once per process (idempotent)."""
    klasse = _sessie_staat.WStates
    origineel = klasse.__getitem__
    if getattr(origineel, _GEMERKT, False):
        return

    @functools.wraps(origineel)
    def _getitem(self: Any, sleutel: str) -> Any:
        wstaat = self.states.get(sleutel)
        metadata = self.widget_metadata.get(sleutel)
        proto = getattr(wstaat, "value", None)
        if metadata is not None and isinstance(proto, WidgetStateProto):
            soort = proto.WhichOneof("value")
            # A value of another kind than the widget was drawn with (a string for a radio's
            # index) would pass the deserializer and break later, inside the page.
            if soort is not None and metadata.value_type is not None and soort != metadata.value_type:
                return _vergeet(self, sleutel, f"{soort} in plaats van {metadata.value_type}")
        try:
            return origineel(self, sleutel)
        except KeyError:
            raise
        except Exception as fout:
            return _vergeet(self, sleutel, type(fout).__name__)

    setattr(_getitem, _GEMERKT, True)
    klasse.__getitem__ = _getitem  # type: ignore[method-assign]
