"""Doelen: a suggestion of the scan, with why, its SMART letters and the form to decide or propose.

Layer: ``scan/ui`` (Streamlit). No numbers before the titles: a number is a place, and places
change when a goal is decided; the list itself comes in the scan's fixed order from the service.
"""

from __future__ import annotations

import streamlit as st

from scan.ui.panelen.doelen_formulier import formulier
from scan.ui.panelen.doelen_kaarten import letters
from scan.ui.panelen.doelen_staat import DoelenScherm
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk
from scoring.suggesties import Suggestie


def suggestie(scherm: DoelenScherm, v: Suggestie) -> None:
    with st.container(border=True, key=f"kaart_{v.sjabloon}"):
        st.markdown(f"### {letterlijk(v.doel.titel)}", anchors=False)
        st.caption(
            f"{letterlijk(scherm.namen[v.bouwsteen])} · " + t("doelen.stap", van=v.stap_van, naar=v.stap_van + 1)
        )
        st.markdown(t("doelen.waarom") + "\n" + "\n".join(f"- {letterlijk(r)}" for r in v.redenen), anchors=False)
        if v.twijfel:
            st.warning(letterlijk(v.twijfel), icon=":material/forum:")
        letters(v.smart)
        if scherm.beslist:
            with st.expander(t("doelen.bewerken"), key=f"exp_scan_{v.sjabloon}"):
                formulier(scherm, v.sjabloon, v.doel, None, ("accepteren", "afwijzen"))
        elif scherm.open_ronde:
            with st.expander(t("doelen.bewerken.deelnemer"), key=f"exp_scan_{v.sjabloon}"):
                formulier(scherm, v.sjabloon, v.doel, None, ("voorstellen",))
