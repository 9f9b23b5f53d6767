"""Charts on a page at any width: the one way our pages put a Vega-Lite spec on screen.

Layer: ``scan/ui`` (Streamlit). Vega draws at the pixel size in the spec, so a 480 px radar
made the whole page scroll sideways at 320 CSS px (WCAG 1.4.10, reflow). A chart in a
``passend`` container shrinks proportionally to its column (the SVG keeps its viewBox);
a ``schuivend`` one, a heatmap whose rows and columns only make sense side by side, scrolls in its
own box while the page stays put. The CSS touches only our own keyed containers.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Literal

import streamlit as st

Passen = Literal["passend", "schuivend"]
SPECS_BEWAARD = 128
"""Chart specs kept per process (a comparison page draws four; each viewer's choice is one)."""

_CSS = (
    "<style>"
    '[class*="st-key-passend-"] [data-testid="stVegaLiteChart"],'
    '[class*="st-key-passend-"] svg.marks{max-width:100%;height:auto}'
    '[class*="st-key-schuivend-"] [data-testid="stVegaLiteChart"]{max-width:100%;overflow-x:auto}'
    "</style>"
)


def grafiek(spec: dict[str, Any], *, sleutel: str, alt: str, passen: Passen = "passend") -> None:
    """``spec`` drawn in its own container; ``alt`` is the chart's text alternative (the wrapper's
    aria-label), ``sleutel`` names the container (unique on the page)."""
    st.html(_CSS)
    # ``alt`` takes the place of the spec's own description (the PDF's); passing both made
    # Streamlit log a warning with a stack trace for every chart on every run.
    zonder_beschrijving = {k: v for k, v in spec.items() if k != "description"}
    with st.container(key=f"{passen}-{sleutel}"):
        st.vega_lite_chart(zonder_beschrijving, alt=alt)


_specs: OrderedDict[tuple[str, str], str] = OrderedDict()
_specs_slot = threading.Lock()


def bewaarde_spec(maker: Callable[..., dict[str, Any]], *args: Any, **kwargs: Any) -> dict[str, Any]:
    """``maker(*args, **kwargs)``, a pure spec builder of ``reports``, made once per distinct input.

    Altair validates every spec against the Vega-Lite schema, most of a rerun of Vergelijken
    (issue 20, item 5); the same rounds give the same spec, so a rerun reuses it. The key is the
    inputs' ``repr`` (numbers, texts, lists, dicts, pydantic models: all print their whole value),
    so equal inputs share an entry and nothing else does. A copy goes out: the caller may not
    change what the next rerun gets (kept as JSON: parsing it is several times faster than a
    deep copy).
    """
    sleutel = (f"{maker.__module__}.{maker.__qualname__}", repr((args, sorted(kwargs.items()))))
    with _specs_slot:
        gevonden = _specs.get(sleutel)
        if gevonden is not None:
            _specs.move_to_end(sleutel)
    if gevonden is None:
        gevonden = json.dumps(maker(*args, **kwargs))
        with _specs_slot:
            _specs[sleutel] = gevonden
            while len(_specs) > SPECS_BEWAARD:
                _specs.popitem(last=False)
    spec: dict[str, Any] = json.loads(gevonden)
    return spec


_opwarmen_slot = threading.Lock()
_opgewarmd = False


def warm_op() -> None:
    """Once per process, in the background: import Altair and make one small chart.

    The first chart of a process paid for importing Altair and pandas and for loading the
    Vega-Lite schema its validation reads, well over a second on the first open of
    Vergelijken (issue 20, item 5). A thread started with the process does that, two seconds after the first
    page, while the first visitor is still on Start; nothing waits for it.
    """
    global _opgewarmd
    with _opwarmen_slot:
        if _opgewarmd:
            return
        _opgewarmd = True
    threading.Thread(target=_warm_op, name="grafieken-opwarmen", daemon=True).start()


WACHT_SECONDEN = 2.0
"""Before warming up: it holds the GIL for the best part of a second, so the first page goes out
first (it made the first Start page of a process 0.9 s slower when started at once)."""


def _warm_op() -> None:
    time.sleep(WACHT_SECONDEN)
    try:
        from reports import vergelijking
        from scoring.vergelijking import Spreiding

        # One small chart of each kind: Altair compiles a schema validator per chart class the
        # first time it meets one, a good part of each kind's first cost.
        assen, oud, nieuw = ["a", "b", "c"], [10.0, 50.0, 90.0], [20.0, 40.0, None]
        vergelijking.overlay_spec(assen, {"x": oud, "y": nieuw}, titel="opwarmen")
        vergelijking.heatmap_spec(assen, ["x", "y"], {(a, k): 50.0 for a in assen for k in ("x", "y")}, titel="o")
        vergelijking.verschil_spec(assen, oud, nieuw, label_oud="x", label_nieuw="y", titel="o")
        groep = Spreiding(n=5, q1=20.0, mediaan=40.0, q3=60.0)
        vergelijking.benchmark_spec([(a, 30.0, groep) for a in assen] + [("d", 30.0, None)], titel="o")
    except Exception:
        # Only speed is lost: the first real chart does the same work and shows any error.
        logging.getLogger(__name__).warning("grafieken opwarmen mislukt", exc_info=True)
