"""Start for someone already in a round: welcome back, the way on, and their personal link."""

from __future__ import annotations

import streamlit as st

from scan.leesmodellen import Sessie
from scan.services import start
from scan.ui.context import meld_af
from scan.ui.links import persoonlijke_link
from scan.ui.navigatie import pad
from scan.ui.teksten import t
from scan.ui.toegankelijk import richt_op_kop
from scan.ui.weergave import letterlijk

_PAGINA = {
    "workshop": (pad("workshop"), "nav.workshop", ":material/groups:"),
    "resultaten": (pad("resultaten"), "nav.resultaten", ":material/radar:"),
}


def toon_welkom(sessie: Sessie) -> None:
    with st.container(border=True):
        # An h2 under the page's h1 (WCAG 1.3.1: no level skipped).
        st.header(t("start.welkom", naam=letterlijk(sessie.deelnemer.naam)), anchor=False)
        st.markdown(
            t(
                "start.welkom.ronde",
                gemeente=letterlijk(sessie.ronde.gemeente),
                code=sessie.ronde.code_leesbaar,
                datum=sessie.ronde.datum.strftime("%d-%m-%Y"),
                rol=t(f"rol.{sessie.deelnemer.rol}"),
            ),
            anchors=False,
        )
        links = [_PAGINA[b] for b in start.bestemmingen(sessie)]
        knoppen = st.columns(len(links) + 2)
        if knoppen[0].button(t("start.verder"), icon=":material/edit_note:", type="primary"):
            # Continue where work is left: Invullen opens at the first unfinished bouwsteen.
            st.session_state.pop("invullen_b", None)
            richt_op_kop()
            st.switch_page(pad("invullen"))
        for kolom, (pagina, sleutel, icoon) in zip(knoppen[1:], links, strict=False):
            kolom.page_link(pagina, label=t(sleutel), icon=icoon)
        knoppen[-1].button(t("start.afmelden"), on_click=meld_af, icon=":material/logout:")
        st.caption(t("start.persoonlijke_link"))
        st.code(persoonlijke_link(sessie.deelnemer.token), language=None, wrap_lines=True)
