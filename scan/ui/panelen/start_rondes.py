"""Start's tab for signed-in people: the rounds they may see, and opening one they may lead."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from scan.fouten import InvoerFout
from scan.services import start, vergelijken
from scan.services.toegang import Gebruiker
from scan.ui.context import ga_naar, meld_aan
from scan.ui.navigatie import pad
from scan.ui.panelen.start_gemeen import fout
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk

if TYPE_CHECKING:
    from scan.db.verbinding import Database  # a type only: panels reach the database through services


def toon_rondes(db: Database, gebruiker: Gebruiker) -> None:
    rondes = vergelijken.zichtbare_rondes(db, gebruiker)
    if not rondes:
        st.info(t("start.rondes.geen"))
        return
    aantal = t("start.rondes.een") if len(rondes) == 1 else t("start.rondes.meer", aantal=len(rondes))
    st.markdown(t("start.rondes.uitleg", aantal=aantal), anchors=False)
    per_id = {r.id: r for r in rondes}
    gekozen = st.selectbox(
        t("start.rondes.kies"),
        options=list(per_id),
        index=None,
        # Only what cannot change while the page is open (a selectbox sends its label back).
        format_func=lambda i: t(
            "start.rondes.label",
            label=per_id[i].label,
            fictief=t("start.import.fictief") if per_id[i].fictief else "",
        ),
        placeholder=t("start.rondes.zoek"),
    )
    if gekozen is not None:
        ronde = per_id[gekozen]
        st.caption(t("start.rondes.stand", status=t(f"status.{ronde.status}"), deelnemers=ronde.deelnemers))
        if not gebruiker.mag("leiden", ronde.gm_code):
            st.caption(t("start.rondes.alleen_zien", gemeente=letterlijk(ronde.gemeente)))
        elif st.button(t("start.rondes.openen"), type="primary", icon=":material/open_in_new:"):
            try:
                meld_aan(start.open_als_facilitator(db, gebruiker, gekozen))
            except InvoerFout as geweigerd:
                fout(letterlijk(str(geweigerd)))
            else:
                ga_naar(start.na_openen(ronde.status))
    st.page_link(pad("vergelijken"), label=t("start.rondes.vergelijken"), icon=":material/compare_arrows:")
