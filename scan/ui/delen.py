"""Parts of a page that rerun on their own (issue 20): a click reruns its part, not the page.

Layer: ``scan/ui``. A phone's click on a stelling used to rerun the whole page: the router, who
the browser is, every stelling of the bouwsteen, the house style and the page's scripts. With
Streamlit's fragments only the stelling that was clicked reruns, with its save; the progress at
the top reruns too, but only when a click changed it (a first answer, a first ambition).

What a part must do itself, because the router does not run on a part's own rerun:

- the log context of the run (``logregels.begin_run``);
- its own error boundary (``met_foutgrens``), drawn where the part is;
- the messages for a screen reader (``kondig_aan``/``meld``): the router sends them at the end of
  a page run; a part sends them at its end (``meld_in_deel``) in a hidden container of its own.
  The browser announces each message number once, so a message sent by both is read once.
- its passing messages: a callback of a widget inside a part may not draw, so it leaves a toast
  (``toast``) that the part draws when it runs (``toon_toasts``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from scan.ui import logregels, toegankelijk
from scan.ui.foutgrens import met_foutgrens

P = ParamSpec("P")
R = TypeVar("R")


def deel(sleutel: str) -> Callable[[Callable[P, R]], Callable[P, R | None]]:
    """A function as a part that reruns on its own, named ``sleutel`` (``herteken_ook`` reruns it)."""

    def maak(functie: Callable[P, R]) -> Callable[P, R | None]:
        begrensd = met_foutgrens(functie)

        @functools.wraps(functie)
        def _deel(*args: P.args, **kwargs: P.kwargs) -> R | None:
            logregels.begin_run()
            return begrensd(*args, **kwargs)

        return st.fragment(key=sleutel)(_deel)

    return maak


def herteken_ook(*sleutels: str) -> None:
    """From a widget's callback: rerun these parts (the clicked one among them) instead of only
    the clicked part.

    Only when the click's rerun is a part's own: when it reruns the whole page (a session that
    just began after a server restart, or a test harness that reruns pages), the page draws
    every part anyway, and a keyed rerun would replace that page run by the parts alone. A part
    this session does not know is no error either: the click's own rerun then draws all."""
    ctx = get_script_run_ctx()
    if ctx is None or not ctx.fragment_ids_this_run:
        return
    try:
        st.rerun(list(sleutels))
    except StreamlitAPIException:
        return


_TOASTS = "delen_toasts"


def toast(markdown: str, *, fout: bool = False) -> None:
    """From a callback: a passing message for the eye, drawn by the next ``toon_toasts`` of this run.

    Not drawn in the callback itself: a callback of a widget inside a part that reruns on its
    own may not draw (Streamlit logs a warning on every such click and would put the element at
    the top of the page). Words a screen reader must hear go to ``kondig_aan`` as well."""
    st.session_state.setdefault(_TOASTS, []).append([markdown, fout])


def toon_toasts() -> None:
    """Draw the passing messages the callbacks left; a page or part calls it where it starts
    (and where it ends, for a save done while drawing)."""
    for markdown, fout in st.session_state.pop(_TOASTS, []):
        st.toast(markdown, icon=":material/error:" if fout else ":material/check_circle:")


def meld_in_deel(naam: str, *, eigen_run: bool) -> None:
    """The last element of a part: on the part's own rerun, its messages for a screen reader.

    The container is there on every run, empty on a page run (the router sends the messages
    then), so nothing in the part moves when it fills."""
    with st.container(key=f"{toegankelijk.PLEK}_{naam}", border=False):
        if eigen_run:
            toegankelijk.stuur_berichten()
