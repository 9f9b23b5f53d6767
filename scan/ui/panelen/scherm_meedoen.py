"""The presenter view's head and join block: the code big while people come in, one small line
once everyone has started.

Layer: ``scan/ui`` (Streamlit). When the block folds is the service's rule
(``workshop.iedereen_begonnen``).
"""

from __future__ import annotations

import html

import streamlit as st

from scan.leesmodellen import RondeInfo
from scan.ui.links import basis_url, qr_png
from scan.ui.panelen.scherm_stijl import markdown
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk


def _deelname_link(ronde: RondeInfo) -> str:
    # Our own address and code (no user text); shown in inline code so markdown neither links
    # nor escapes it, and a backtick in a strange Host header cannot end the code span.
    return f"{basis_url()}/?code={ronde.code}".replace("`", "")


def toon_kop(ronde: RondeInfo, met_code: bool) -> None:
    kop = t("scherm.kop", gemeente=letterlijk(ronde.gemeente))
    if met_code:
        kop += " · " + t("scherm.meedoen.klein", code=ronde.code_leesbaar, link=f"`{_deelname_link(ronde)}`")
    markdown("scherm_kop", kop)


def toon_meedoen(ronde: RondeInfo) -> None:
    """The big join block: code, link and QR code, for while people come in."""
    link = _deelname_link(ronde)
    tekst, qr = st.columns([3, 2], vertical_alignment="center")
    with tekst, st.container(key="scherm_code_groot"):
        st.markdown(t("scherm.meedoen"), anchors=False)
        # The code comes from our own alphabet (no user text); the class is our own CSS.
        st.html(f'<div class="scherm-code">{html.escape(ronde.code_leesbaar)}</div>')
        st.code(link, language=None, wrap_lines=True)
    with qr:
        st.image(qr_png(link), width=300, alt=t("workshop.qr.alt", code=ronde.code_leesbaar, link=link))
