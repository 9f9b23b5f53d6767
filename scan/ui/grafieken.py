"""Charts on a page at any width: the one way our pages put a Vega-Lite spec on screen.

Layer: ``scan/ui`` (Streamlit). Vega draws at the pixel size in the spec, so a 480 px radar
made the whole page scroll sideways at 320 CSS px (WCAG 1.4.10, reflow). A chart in a
``passend`` container shrinks proportionally to its column (the SVG keeps its viewBox);
a ``schuivend`` one, a heatmap whose rows and columns only make sense side by side, scrolls in its
own box while the page stays put. The CSS touches only our own keyed containers.
"""

from __future__ import annotations

from typing import Any, Literal

import streamlit as st

Passen = Literal["passend", "schuivend"]

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
