"""Resultaten's key figures: kern and schil score, participants, coverage, bespreekpunten.

Layer: ``scan/ui`` (Streamlit). Our own markup instead of ``st.metric``: its label is one line
cut with an ellipsis, so with the user's own text spacing (WCAG 1.4.12) "Deelnemers met
antwoorden" read "Deelnemers met antwo…". A description list wraps and is read as label and value.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import streamlit as st

# Sizes in rem, so the figures scale with the reader's font size (and the Workshop's large type).
_STIJL = "margin:0 0 .5rem 0"
_WAARDE = "font-size:2rem;font-weight:600;line-height:1.3;margin:0"
_TOELICHTING = "margin:0"


def kerncijfer_html(label: str, waarde: str, toelichting: str = "") -> str:
    """One figure as a description list: every text escaped (band names come from the questionnaire)."""
    delen = [
        f'<dl style="{_STIJL}"><dt>{html.escape(label)}</dt>',
        f'<dd style="{_WAARDE}">{html.escape(waarde)}</dd>',
    ]
    if toelichting:
        delen.append(f'<dd style="{_TOELICHTING}">{html.escape(toelichting)}</dd>')
    return "".join(delen) + "</dl>"


def toon_kerncijfers(cijfers: Sequence[tuple[str, str, str]]) -> None:
    """A row of (label, value, note) figures, side by side; stacked on a narrow screen."""
    for kolom, (label, waarde, toelichting) in zip(st.columns(len(cijfers)), cijfers, strict=True):
        with kolom:
            st.html(kerncijfer_html(label, waarde, toelichting))
