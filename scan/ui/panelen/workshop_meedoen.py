"""The Workshop page's top: how to join (code, link, QR) and the projector's own link.

Layer: ``scan/ui`` (Streamlit). The projector gets a view of its own: the Workshop page's address
carries the facilitator's personal link, the presenter link only shows.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import streamlit as st

from scan.fouten import InvoerFout
from scan.leesmodellen import Sessie
from scan.services import bespreken
from scan.ui.foutgrens import veilig
from scan.ui.links import deelname_link, presentatie_link, qr_png, toon_adres_hint
from scan.ui.panelen.workshop_gemeen import meld_fout
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk

if TYPE_CHECKING:
    from scan.db.verbinding import Database  # a type only: panels reach the database through services


def toon_meedoen(sessie: Sessie) -> None:
    ronde = sessie.ronde
    link = deelname_link(sessie)
    toon_adres_hint()
    links, rechts = st.columns([3, 2], vertical_alignment="center")
    with links:
        st.markdown(t("workshop.meedoen"), anchors=False)
        # The code comes from our own alphabet (no user text), escaped all the same.
        st.html(
            # One line whatever the screen: a code broken after its dash reads as two codes.
            '<div style="font-size:clamp(2.2rem,5.2vw,6.5rem);font-weight:700;letter-spacing:.06em;'
            f'font-family:monospace;line-height:1.1;white-space:nowrap">{html.escape(ronde.code_leesbaar)}</div>'
        )
        st.markdown(t("workshop.link"), anchors=False)
        # Wrapped, not scrolled: a code box that scrolls sideways takes no keyboard focus (WCAG 2.1.1).
        st.code(link, language=None, wrap_lines=True)
        st.caption(t("privacy.workshop"))
    with rechts:
        st.image(
            qr_png(link),
            # Its column's width, not a fixed 340 px: at 320 CSS px the page must not scroll
            # sideways (WCAG 1.4.10); on the projector the column makes it larger still.
            width="stretch",
            caption=t("workshop.qr"),
            alt=t("workshop.qr.alt", code=ronde.code_leesbaar, link=link),
        )


def toon_scherm_link(db: Database, sessie: Sessie) -> None:
    @veilig
    def vernieuw() -> None:
        try:
            bespreken.vernieuw_presentatie_token(db, sessie)
        except InvoerFout as fout:
            meld_fout(letterlijk(str(fout)))
        else:
            st.toast(t("workshop.scherm.vernieuwd"), icon=":material/check_circle:")

    with st.container(border=True):
        st.markdown(f"**{t('workshop.scherm.kop')}**", anchors=False)
        st.caption(t("workshop.scherm.uitleg"))
        try:
            scherm_link: str | None = presentatie_link(bespreken.presentatie_token(db, sessie))
        except InvoerFout as fout:
            st.error(letterlijk(str(fout)), icon=":material/error:")
            scherm_link = None
        if scherm_link:
            with st.container(horizontal=True, vertical_alignment="center"):
                st.link_button(t("workshop.scherm.openen"), scherm_link, icon=":material/co_present:", type="primary")
                st.button(
                    t("workshop.scherm.vernieuwen"),
                    help=t("workshop.scherm.vernieuwen.uitleg"),
                    on_click=vernieuw,
                    icon=":material/autorenew:",
                    key="workshop_scherm_nieuw",
                )
            st.code(scherm_link, language=None, wrap_lines=True)
