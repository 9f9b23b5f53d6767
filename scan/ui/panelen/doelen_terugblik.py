"""Doelen: the look back, accepted goals of earlier rounds with their bouwsteen's level then and now.

Layer: ``scan/ui`` (Streamlit). ``st.table`` renders cells as Markdown: a goal title from an
earlier round is user text, so the table goes through ``letterlijke_tabel``.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from scan.leesmodellen import Terugblik
from scan.ui.opmaak import letterlijke_tabel
from scan.ui.panelen.doelen_staat import DoelenScherm
from scan.ui.teksten import t
from scoring.smart import niveau_tekst


def terugblik(scherm: DoelenScherm, terug: list[Terugblik]) -> None:
    if not terug:
        return
    kale_namen = {b.id: b.naam.nl for b in scherm.vl.bouwstenen}
    st.header(t("doelen.terugblik.kop"), anchor=False)
    st.table(
        letterlijke_tabel(
            pd.DataFrame(
                {
                    t("doelen.kol.ronde"): [r.ronde_datum.strftime("%d-%m-%Y") for r in terug],
                    t("doelen.kol.doel"): [r.doel.titel for r in terug],
                    t("doelen.kol.bouwsteen"): [kale_namen.get(r.doel.bouwsteen, r.doel.bouwsteen) for r in terug],
                    t("doelen.kol.toen"): [niveau_tekst(r.niveau_toen) for r in terug],
                    t("doelen.kol.nu"): [niveau_tekst(r.niveau_nu) for r in terug],
                }
            )
        ),
        hide_index=True,
        border="horizontal",
    )
