"""Resultaten's section Wettelijke verplichtingen: the round's compliance check (issue 15, point 5),
read only, apart from the scores: each duty with its status in words (never colour alone) and its
legal basis. Participants see what the facilitator recorded.

Layer: ``scan/ui`` (Streamlit).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from scan.leesmodellen import Sessie
from scan.services import naleving
from scan.ui.opmaak import letterlijke_tabel
from scan.ui.panelen.workshop_naleving import status_tekst
from scan.ui.teksten import t
from scoring.models import Vragenlijst

if TYPE_CHECKING:
    from scan.db.verbinding import Database  # a type only: panels reach the database through services


def toon_naleving(db: Database, vl: Vragenlijst, sessie: Sessie) -> None:
    """The check as a table; nothing for a questionnaire version without one."""
    regels = naleving.nalevingscheck(db, vl, sessie.ronde.id)
    if not regels:
        return
    st.header(t("naleving.titel"), anchor=False)
    st.caption(t("naleving.uitleg.resultaten"))
    voldoet = sum(1 for r in regels if r.antwoord and r.antwoord.status == "voldoet")
    open_ = sum(1 for r in regels if r.antwoord is None)
    st.markdown(t("naleving.samenvatting", voldoet=voldoet, totaal=len(regels), open=open_), anchors=False)
    # st.table renders cells as Markdown: every cell goes through letterlijk.
    st.table(
        letterlijke_tabel(
            pd.DataFrame(
                {
                    t("naleving.kol.plicht"): [r.tekst for r in regels],
                    t("naleving.kol.status"): [status_tekst(r.antwoord.status if r.antwoord else None) for r in regels],
                    t("naleving.kol.grondslag"): [r.grondslag for r in regels],
                    t("naleving.kol.notitie"): [(r.antwoord.notitie or "–") if r.antwoord else "–" for r in regels],
                }
            )
        ),
        hide_index=True,
        border="horizontal",
    )
