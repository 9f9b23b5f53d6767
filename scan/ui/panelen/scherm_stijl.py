"""The presenter view's look: its own CSS and a block of Markdown in a styled container.

Layer: ``scan/ui`` (Streamlit). Only our own CSS, no user text. Sizes in px: the projector is
1920×1080 and the back row reads the live information (names, progress, the point to discuss)
at 28 px or more (the count of who answered and the timer of a Samen session larger still); the page's own labels stay smaller so that the live information is the largest
text.
"""

from __future__ import annotations

import streamlit as st

CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1.2rem 2.5rem 1rem 2.5rem; max-width: none; }
.st-key-scherm_kop p { font-size: 22px; color: #4a4a4a; margin: 0; }
.st-key-scherm_kop code { font-size: 22px; }
.st-key-scherm_code_groot p { font-size: 26px; margin: 0 0 .4rem 0; }
.st-key-scherm_code_groot .scherm-code { font-size: 96px; font-weight: 700; letter-spacing: .06em;
  font-family: monospace; line-height: 1.1; white-space: nowrap; }
.st-key-scherm_code_groot code { font-size: 26px; }
.st-key-scherm_voortgang p { font-size: 30px; margin: 0; }
.st-key-scherm_voortgang table { width: 100%; }
.st-key-scherm_voortgang th { font-size: 22px; font-weight: 400; color: #4a4a4a; padding: 2px 8px; }
.st-key-scherm_voortgang td { font-size: 30px; line-height: 1.2; padding: 3px 8px; white-space: nowrap;
  overflow: hidden; text-overflow: ellipsis; max-width: 14em; }
.st-key-scherm_stand p { font-size: 32px; margin: 0 0 .2rem 0; }
.st-key-scherm_stand_klein p { font-size: 22px; color: #4a4a4a; margin: 0 0 .6rem 0; }
.st-key-scherm_nu p { font-size: 22px; color: #4a4a4a; margin: 0; }
.st-key-scherm_titel p { font-size: 38px; font-weight: 600; line-height: 1.25; margin: .2rem 0 .6rem 0; }
.st-key-scherm_verdeling th { font-size: 22px; font-weight: 400; color: #4a4a4a; padding: 2px 10px; }
.st-key-scherm_verdeling td { font-size: 22px; line-height: 1.25; padding: 4px 10px; vertical-align: middle; }
.st-key-scherm_verdeling td:first-child { font-size: 56px; font-weight: 700; text-align: center; }
.st-key-scherm_verdeling td:nth-child(2) { font-size: 30px; font-weight: 600; white-space: nowrap; }
.st-key-scherm_rest p { font-size: 24px; color: #4a4a4a; margin: .3rem 0 .8rem 0; }
.st-key-scherm_daarna p { font-size: 22px; color: #4a4a4a; margin: .4rem 0 0 0; }
/* Whole stellingen, wrapped: a cut-off line hid words on a narrow screen or with more text spacing. */
.st-key-scherm_daarna li { font-size: 24px; line-height: 1.3; }
.st-key-scherm_leeg p { font-size: 30px; }
.st-key-scherm_tijd p { font-size: 18px; color: #4a4a4a; margin: 0; }
.st-key-scherm_teller p { font-size: 64px; line-height: 1.1; margin: 0 0 .3rem 0; }
.st-key-scherm_timer p { font-size: 44px; font-variant-numeric: tabular-nums; margin: .4rem 0 0 0; }
.st-key-scherm_timer_over p { font-size: 32px; font-weight: 700; color: #8a1c00; margin: 0 0 .4rem 0; }
.st-key-scherm_blind p { font-size: 32px; line-height: 1.35; margin: 1rem 0; }
.st-key-scherm_titel_klein p { font-size: 30px; font-weight: 600; line-height: 1.25; margin: .1rem 0 .4rem 0; }
.st-key-scherm_verdeling_twee th { font-size: 22px; font-weight: 400; color: #4a4a4a; padding: 2px 10px; }
.st-key-scherm_verdeling_twee td { font-size: 22px; line-height: 1.25; padding: 4px 10px; vertical-align: middle; }
.st-key-scherm_verdeling_twee td:nth-child(1) { font-size: 40px; color: #4a4a4a; text-align: center; }
.st-key-scherm_verdeling_twee td:nth-child(2) { font-size: 56px; font-weight: 700; text-align: center; }
.st-key-scherm_verdeling_twee td:nth-child(3) { font-size: 30px; font-weight: 600; white-space: nowrap; }
.st-key-scherm_overzicht table { width: 100%; margin-top: .6rem; }
.st-key-scherm_overzicht th { font-size: 22px; font-weight: 400; color: #4a4a4a; padding: 2px 8px; }
.st-key-scherm_overzicht td { font-size: 32px; line-height: 1.2; padding: 3px 8px; }
.st-key-scherm_regie { margin-top: .8rem; }
.st-key-scherm_focus p { font-size: 22px; color: #4a4a4a; margin: .6rem 0 0 0; }
.st-key-scherm_overzicht_uitleg p { font-size: 20px; color: #4a4a4a; margin: .2rem 0 0 0; }
/* Opened on a phone or zoomed in (WCAG 1.4.10): the projector's wide tables scroll in their own
   box, never the page. */
@media (max-width: 700px) {
  [data-testid="stMainBlockContainer"] { padding: 1rem 1rem 1rem 1rem; }
  /* position: a visually hidden header text (absolute) stays inside the box it scrolls with. */
  [class*="st-key-scherm_"] table { display: block; max-width: 100%; overflow-x: auto; position: relative; }
  .st-key-scherm_code_groot .scherm-code { font-size: 44px; letter-spacing: .02em; }
}
</style>
"""


def markdown(key: str, tekst: str) -> None:
    """``tekst`` (Markdown, user text already through ``letterlijk``) in the container the CSS styles as ``key``."""
    with st.container(key=key):
        st.markdown(tekst, anchors=False)
