"""Formatting for the screen: the house style, tables of user text, times in Dutch local time.

Layer: ``scan/ui``. User text reaches Streamlit's Markdown only through ``letterlijk``
(``scan.ui.weergave``).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from scan.ui.weergave import letterlijk
from scoring.tijd import lokaal


def letterlijke_tabel(tabel: pd.DataFrame, *, kolomnamen: bool = False) -> pd.DataFrame:
    """A table for ``st.table``, which renders every body cell and column name as Markdown: each
    text cell through ``letterlijk`` (keeping its line breaks), numbers as they are.

    Column names are our own catalogue texts (Markdown like every ``t(...)``) unless
    ``kolomnamen=True``: then they hold user text (round labels with a gemeente name) and are
    escaped too. Build the table from the raw texts and pass it through this once; st.dataframe
    never interprets text and takes the raw table.
    """
    uit = tabel.map(lambda waarde: letterlijk(waarde, regels=True) if isinstance(waarde, str) else waarde)
    if kolomnamen:
        uit = uit.rename(columns=lambda naam: letterlijk(naam) if isinstance(naam, str) else naam)
    return uit


# Streamlit writes a few instructions in English that no setting changes. Under a field with a
# maximum length it shows the instruction first, then the character count; the first of two is
# therefore always the instruction, and it is shown in Dutch instead (every field of the app has
# a maximum length). The chart toolbar's "Copy Vega-Lite spec" (shown on localhost only) is a
# developer tool, hidden. Only our own CSS here, never user text.
HUISSTIJL_CSS = (
    '[data-testid="InputInstructions"] > span:first-child:not(:only-child) { font-size: 0; }'
    '[data-testid="InputInstructions"] > span:first-child:not(:only-child)::after { font-size: 0.75rem; }'
    '[data-testid="stTextInput"] [data-testid="InputInstructions"] > span:first-child:not(:only-child)::after'
    ' { content: "Enter om te bevestigen"; }'
    '[data-testid="stTextArea"] [data-testid="InputInstructions"] > span:first-child:not(:only-child)::after'
    ' { content: "Ctrl+Enter of buiten het veld klikken om te bevestigen"; }'
    'button[aria-label="Copy Vega-Lite spec"], button[aria-label="Copied!"] { display: none; }'
    # Captions (also every level anchor under a radio option) are text at 60% opacity, 3.9:1 in the light
    # theme; #595959 is 7:1 on white and 6.2:1 on the sidebar (WCAG 1.4.3, accessibility audit).
    '[data-testid="stCaptionContainer"] { color: #595959; opacity: 1; }'
    # Focus that is seen (WCAG 2.4.7 and 1.4.11): Streamlit marks a focused radio option, sidebar
    # link or page link only by a background at 1.1:1 and buttons by a ring at 2.2:1. One dark
    # ring (17:1 on white, 16:1 on the sidebar) on everything that takes keyboard focus; a radio
    # option is ringed with its description, the whole choice. Only :focus-visible, so a tap or
    # a click draws no ring.
    '[data-testid="stRadioGroup"] div:has(> [data-testid="stRadioOption"] input:focus-visible),'
    " a:focus-visible, button:focus-visible, summary:focus-visible, [role=tab]:focus-visible,"
    ' [data-testid="stSidebarNavLink"]:focus-visible, [data-testid="stPageLink-NavLink"]:focus-visible,'
    ' label:has(input[type="checkbox"]:focus-visible),'
    ' [data-testid="stTextInputRootElement"]:has(:focus-visible), [data-testid="stTextAreaRootElement"]:has(:focus-visible),'
    ' [data-testid="stNumberInputContainer"]:has(:focus-visible), [data-testid="stDateInputField"]:has(:focus-visible),'
    ' [data-testid="stSelectbox"] [role="group"]:has([role="combobox"]:focus-visible),'
    ' [data-testid="stMultiSelect"] [role="group"]:has([role="combobox"]:focus-visible),'
    ' [data-testid="stFileUploaderDropzone"]:focus-visible,'
    ' h1[tabindex="-1"]:focus-visible'
    " { outline: 3px solid #1a1a1a !important; outline-offset: 2px; border-radius: 0.25rem; }"
    # The h1 that focus moves to after a page change (scan.ui.toegankelijk): a ring only when
    # the change came from the keyboard (Chromium's :focus-visible rule), no ring after a tap.
    'h1[tabindex="-1"]:focus:not(:focus-visible) { outline: none; }'
    # A tab's ring inside it: the tab bar scrolls sideways and would cut a ring drawn outside.
    "[role=tab]:focus-visible { outline-offset: -3px; }"
    # Streamlit's main area is itself a tab stop (tabindex for scrolling by keyboard): ringed inside.
    "main:focus-visible, [data-testid=stMain]:focus-visible { outline: 3px solid #1a1a1a; outline-offset: -3px; }"
    # An empty radio circle is drawn at 1.4:1 (#dcd8d4); #6b6a68 is 5.3:1 on white (1.4.11).
    '[data-testid="stRadioOption"]:has(input:not(:checked)) > div > div:first-child { border-color: #6b6a68; }'
    # Labels Streamlit cuts off with "…" or at a fixed height wrap instead: page and menu links,
    # pills, link buttons, widget labels and badges lost words at 320 px or with extra text
    # spacing (WCAG 1.4.10 and 1.4.12).
    '[data-testid="stPageLink-NavLink"] span, [data-testid="stSidebarNavLink"] span,'
    ' [data-testid^="stBaseLinkButton"] [data-testid="stMarkdownContainer"],'
    ' [data-testid^="stBaseButton"] [data-testid="stMarkdownContainer"],'
    ' [data-testid="stWidgetLabel"] [data-testid="stMarkdownContainer"],'
    ' [data-testid^="stBaseLinkButton"] p, [data-testid^="stBaseButton"] p, [data-testid="stWidgetLabel"] p'
    " { white-space: normal; overflow: visible; text-overflow: clip; height: auto; }"
    '[data-testid="stPageLink-NavLink"], [data-testid="stSidebarNavLink"], [data-testid="stButtonGroup"] button'
    " { height: auto; min-height: 2rem; }"
    '[data-testid="stButtonGroup"] button { white-space: normal; overflow: visible; }'
    # A horizontal choice (radio buttons in a row) wraps onto a next line on a narrow screen.
    '[data-testid="stRadio"] [role="radiogroup"] { flex-wrap: wrap; }'
    # A badge's own rule outranks the one above (Streamlit's nested class).
    "span.stMarkdownBadge { white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }"
    # A passing message lets taps through to what lies under it, like a phone's own toast: on a
    # phone Streamlit's toast spans the top of the screen, over the next stelling, and a finger
    # that landed on a level's description there chose nothing (the room rehearsal, seed
    # 573370). Only its own buttons (close, view more) still take a tap.
    '[data-testid="stToastContainer"], [data-testid="stToast"] { pointer-events: none; }'
    '[data-testid="stToastContainer"] button { pointer-events: auto; }'
    # The app's own hidden pieces (scan.ui.toegankelijk): the container of its script takes no
    # room, and the live regions are read by screen readers but not shown.
    # The same for the hidden container of a part that reruns on its own (scan.ui.delen).
    '.st-key-toegankelijkheid, [class*="st-key-toegankelijkheid_"] { display: none; }'
    ".zelfscan-sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0;"
    " overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }"
)


def huisstijl() -> None:
    """The app-wide CSS (one place), drawn by the router on every page.

    Streamlit puts a style-only ``st.html`` in its event container, which it draws after (and
    apart from) the page: a page could show Streamlit's own 3.9:1 captions for a moment, and CI
    once measured a settled page without the house style. The script of ``scan.ui.toegankelijk``
    therefore also keeps a copy in ``<head>``, which no rerun, page switch or toast touches; this
    one covers the first paint before that script has run.
    """
    st.html(f"<style>{HUISSTIJL_CSS}</style>")


def tijd(moment: dt.datetime | None) -> str:
    """A moment in Dutch local time, as a workshop reads it: 14:03."""
    if moment is None:
        return "–"
    return lokaal(moment).strftime("%H:%M:%S")


def tijd_datum(moment: dt.datetime) -> str:
    """A moment as a Dutch date in local time: 22-11-2026."""
    return lokaal(moment).strftime("%d-%m-%Y")
