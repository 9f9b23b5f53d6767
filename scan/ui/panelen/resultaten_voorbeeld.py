"""Resultaten of the example round (issue 19, item 7): marked as VOORBEELD, with what to look at next."""

from __future__ import annotations

import streamlit as st

from scan.leesmodellen import Sessie
from scan.services import voorbeeld
from scan.ui.navigatie import pad
from scan.ui.teksten import t


def toon_voorbeeld_uitleg(sessie: Sessie) -> None:
    """Nothing for a real round."""
    if not voorbeeld.is_voorbeeld(sessie.ronde):
        return
    with st.container(border=True):
        st.markdown(t("voorbeeld.resultaten.kop"), anchors=False)
        st.markdown(t("voorbeeld.resultaten.uitleg"), anchors=False)
        kolommen = st.columns(3 if sessie.is_facilitator else 2)
        kolommen[0].page_link(pad("doelen"), label=t("voorbeeld.naar.doelen"), icon=":material/flag:")
        if sessie.is_facilitator:
            kolommen[1].page_link(pad("workshop"), label=t("voorbeeld.naar.workshop"), icon=":material/groups:")
        kolommen[-1].page_link(pad("start"), label=t("voorbeeld.naar.start"), icon=":material/home:")
