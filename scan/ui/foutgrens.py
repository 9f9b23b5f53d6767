"""The error boundary: nobody sees a traceback.

Layer: ``scan/ui``. Every page, fragment and callback runs inside ``foutgrens`` / ``met_foutgrens`` /
``veilig``: the exception is logged with the page and the round's and participant's ids (never
tokens or texts), and a calm Dutch message with "Opnieuw laden" and a way back takes its place.

A failed save or read (``OpslagFout``) and a database that went away (``DatabaseVervangen``) were
logged once where they happened (``scan.db.verbinding``: the use case, its round, the cause
without values); here and in the panels that catch them (``opslag_mislukt``) only their
traceback follows, at DEBUG, so one failure is one warning line.
"""

from __future__ import annotations

import functools
import itertools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

import streamlit as st

from scan import logopmaak
from scan.fouten import Botsing, DatabaseVervangen, OpslagFout
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk

log = logging.getLogger(__name__)


P = ParamSpec("P")


R = TypeVar("R")


def _context() -> dict[str, object]:
    sessie = st.session_state.get("sessie_ids")
    pagina = st.context.url.rsplit("/", 1)[-1].split("?", 1)[0] if st.context.url else "?"
    return {"pagina": pagina or "start", "sessie": sessie}


_STORINGEN = itertools.count()


def toon_storing(fout: BaseException | None = None, *, paginas: bool = True) -> None:
    """The calm message after an unexpected error, with the ways on: reload, or back to work.

    A database that disappeared or was replaced under the app (``DatabaseVervangen``) is said in
    so many words: nothing is being saved, and only the beheerder can fix it (issue 13, case 9).
    ``paginas=False`` before the navigation exists (app.py), when a page link cannot be drawn.
    """
    with st.container(border=True):
        if isinstance(fout, DatabaseVervangen):
            st.error(letterlijk(str(fout)), icon=":material/database:")
        else:
            st.error(t("fout.onverwacht"), icon=":material/sentiment_dissatisfied:")
        kolommen = st.columns(2)
        kolommen[0].button(t("fout.opnieuw_laden"), icon=":material/refresh:", key=f"storing_{next(_STORINGEN)}")
        if not paginas:
            return
        if st.session_state.get("token"):
            kolommen[1].page_link(
                "scan/ui/paginas/invullen.py", label=t("fout.naar_invullen"), icon=":material/edit_note:"
            )
        else:
            kolommen[1].page_link("scan/ui/paginas/start.py", label=t("fout.naar_start"), icon=":material/home:")


def opslag_mislukt(fout: OpslagFout | DatabaseVervangen, waar: str) -> None:
    """For whoever catches a failed unit of work: its one warning line was written where it failed
    (``scan.db.verbinding``: ``meld_mislukt``, ``controleer_bestand``); the traceback follows at DEBUG.

    A ``Botsing`` (a unique key, a row version or another rule of the database) is the use case's
    to answer; one that it did not answer was not logged yet: the warning is written here, with
    the use case and its round read from the traceback and the cause without values (a
    ``Botsing``'s cause has none; of any other, only its kind is named).
    """
    if isinstance(fout, OpslagFout) and not logopmaak.al_gemeld(fout):
        handeling, ronde = logopmaak.handeling(logopmaak.uit_traceback(fout))
        oorzaak = fout.__cause__ or fout
        log.warning(
            "opslaan mislukt in %s: %s%s (niet afgehandeld; %s)",
            handeling,
            type(oorzaak).__name__,
            f": {oorzaak}" if isinstance(fout, Botsing) else "",
            waar,
            extra={"ronde": ronde},
        )
    log.debug("%s: %s %s", waar, type(fout).__name__, _context(), exc_info=fout)


@contextmanager
def foutgrens() -> Iterator[None]:
    """Around a page: an exception becomes the Dutch message and a log line with context."""
    try:
        yield
    except DatabaseVervangen as fout:
        opslag_mislukt(fout, "pagina")
        toon_storing(fout)
    except OpslagFout as fout:
        opslag_mislukt(fout, "pagina")
        toon_storing()
    except Exception:
        log.exception("onverwachte fout op een pagina %s", _context())
        toon_storing()


def met_foutgrens(functie: Callable[P, R]) -> Callable[P, R | None]:
    """For a fragment: its timed reruns run outside the page, so it needs a boundary of its own,
    drawn where the fragment is."""

    @functools.wraps(functie)
    def _begrensd(*args: P.args, **kwargs: P.kwargs) -> R | None:
        with foutgrens():
            return functie(*args, **kwargs)
        return None

    return _begrensd


def veilig(functie: Callable[P, R]) -> Callable[P, R | None]:
    """For callbacks and fragments, which run outside the page's boundary."""

    @functools.wraps(functie)
    def _veilig(*args: P.args, **kwargs: P.kwargs) -> R | None:
        try:
            return functie(*args, **kwargs)
        except KeyError as fout:
            if "st.session_state has no key" not in str(fout):  # eigen tekst: compared, not shown
                log.exception("onverwachte fout in %s %s", functie.__qualname__, _context())
                st.session_state["storing"] = True
                return None
            # A browser always sends every widget's value with a click; a crafted message that
            # sends the click without the value this callback reads is ignored, not an error
            # (issue 13, case 10).
            log.warning("onvolledig widgetbericht genegeerd in %s: %s", functie.__qualname__, fout)
            return None
        except (OpslagFout, DatabaseVervangen) as fout:
            opslag_mislukt(fout, functie.__qualname__)
            st.session_state["storing"] = True
            return None
        except Exception:
            log.exception("onverwachte fout in %s %s", functie.__qualname__, _context())
            # A callback cannot draw where the page will be; the router shows it at the top.
            st.session_state["storing"] = True
            return None

    return _veilig
