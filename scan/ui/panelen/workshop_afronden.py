"""The Workshop page's tabs Links (personal links handed back) and Afronden (close or reopen the round).

Layer: ``scan/ui`` (Streamlit).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from scan.fouten import InvoerFout
from scan.leesmodellen import Sessie
from scan.services import workshop
from scan.ui.links import persoonlijke_link
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk
from scoring.models import Vragenlijst

if TYPE_CHECKING:
    from scan.db.verbinding import Database  # a type only: panels reach the database through services


def toon_links(db: Database, sessie: Sessie) -> None:
    st.markdown(t("workshop.links.uitleg"), anchors=False)
    # Whoever holds a link can change that person's answers, and this screen is projected.
    if st.toggle(t("workshop.links.toon"), key="workshop_links"):
        tokens = workshop.deelnemer_links(db, sessie)
        for r in workshop.voortgang(db, sessie):
            st.markdown(f"**{letterlijk(r.naam)}** ({t(f'rol.{r.rol}')})", anchors=False)
            st.code(persoonlijke_link(tokens[r.deelnemer_id]), language=None, wrap_lines=True)


def toon_afronden(db: Database, vl: Vragenlijst, sessie: Sessie) -> None:
    if sessie.ronde.status == "afgerond":
        st.success(t("workshop.afgerond"), icon=":material/lock:")
        if st.button(t("workshop.heropenen"), icon=":material/lock_open:"):
            try:
                workshop.heropen(db, sessie)
            except InvoerFout as fout:
                st.error(letterlijk(str(fout)), icon=":material/error:")
            else:
                st.rerun()
        return
    st.markdown(t("workshop.afronden.uitleg"), anchors=False)
    zeker = st.checkbox(t("workshop.afronden.zeker"), key="workshop_afronden_zeker")
    if st.button(t("workshop.afronden.knop"), type="primary", disabled=not zeker, icon=":material/lock:"):
        try:
            workshop.rond_af(db, vl, sessie)
        except InvoerFout as fout:
            st.error(letterlijk(str(fout)), icon=":material/error:")
        else:
            st.rerun()
