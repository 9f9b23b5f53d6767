"""The Workshop page's tab Per bouwsteen: the distribution chart of one bouwsteen and its stellingen.

Layer: ``scan/ui`` (Streamlit).
"""

from __future__ import annotations

import streamlit as st

from reports import charts
from scan.leesmodellen import ConsensusInfo
from scan.ui.grafieken import grafiek
from scan.ui.panelen.workshop_stelling import Stellingen
from scan.ui.teksten import t
from scoring.models import Vragenlijst
from scoring.resultaat import ScanResultaat


def toon_bouwsteen(
    vl: Vragenlijst, resultaat: ScanResultaat, afspraken: dict[str, ConsensusInfo], stellingen: Stellingen
) -> None:
    b = vl.bouwsteen(
        st.selectbox(
            t("invullen.bouwsteen"),
            [x.id for x in vl.bouwstenen],
            format_func=lambda i: f"{vl.bouwsteen(i).nummer}. {vl.bouwsteen(i).naam.nl}",
            key="workshop_b",
            placeholder=t("algemeen.kies"),
        )
    )
    eigen = [resultaat.stelling(s.id) for s in b.stellingen]
    grafiek(
        charts.verdeling_spec(
            [f"{i}. {s.tekst.nl}" for i, s in enumerate(b.stellingen, start=1)],
            [r.verdeling for r in eigen],
            [r.weet_niet for r in eigen],
            [r.nvt for r in eigen],
            [r.consensus for r in eigen],
            titel=t("workshop.verdeling.titel", bouwsteen=b.naam.nl),
        ),
        sleutel="workshop-verdeling",
        alt=t("workshop.verdeling.alt", bouwsteen=b.naam.nl),
        passen="schuivend",
    )
    for s in b.stellingen:
        stellingen.toon(s.id, False, "bs", resultaat, afspraken)
