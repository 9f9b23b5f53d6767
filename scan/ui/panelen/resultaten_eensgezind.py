"""Resultaten's agreement tab: per bouwsteen score, spread and coverage, and the stellingen
people disagree on (bespreekpunten) beside those everyone scored alike."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from reports.duiding import getal
from scan.services import resultaten
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk
from scoring.afronding import heel
from scoring.models import Vragenlijst
from scoring.resultaat import ScanResultaat


def toon_eensgezind(vl: Vragenlijst, resultaat: ScanResultaat) -> None:
    namen = {b.id: b.naam.nl for b in vl.bouwstenen}
    st.markdown(t("resultaten.eensgezind.uitleg"), anchors=False)
    st.dataframe(
        pd.DataFrame(
            {
                t("resultaten.kol.bouwsteen"): [namen[b.bouwsteen] for b in resultaat.bouwstenen],
                t("resultaten.kol.score"): pd.array(
                    [None if b.score is None else heel(b.score) for b in resultaat.bouwstenen], dtype="Int64"
                ),
                t("resultaten.kol.bespreekpunten"): [b.bespreekpunten for b in resultaat.bouwstenen],
                # Text with a decimal comma: a number column would show "2.4" on an English browser.
                t("resultaten.kol.spreiding"): [
                    "–" if b.gemiddelde_spreiding is None else getal(b.gemiddelde_spreiding)
                    for b in resultaat.bouwstenen
                ],
                t("resultaten.kol.dekking"): [resultaten.procent(b.dekking) for b in resultaat.bouwstenen],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    nummer = resultaten.stelling_nummers(vl)
    stelling_tekst = {s.id: f"**{nummer[s.id]}** {letterlijk(s.tekst.nl)}" for _, s in vl.stellingen()}
    eens = resultaten.eensgezind(resultaat)
    links, rechts = st.columns(2)
    with links:
        st.header(t("resultaten.oneens.kop", aantal=len(resultaat.bespreekpunten)), anchor=False)
        regels = []
        for sid in resultaat.bespreekpunten:
            r = resultaat.stelling(sid)
            status = t("resultaten.oneens.regel", laag=r.minimum, hoog=r.maximum)
            if r.consensus is not None:
                status += t("resultaten.oneens.consensus", niveau=r.consensus)
            regels.append(f"- {stelling_tekst[sid]} ({status})")
        st.markdown("\n".join(regels) or t("resultaten.geen"), anchors=False)
    with rechts:
        st.header(t("resultaten.eens.kop", aantal=len(eens)), anchor=False)
        st.markdown(
            "\n".join(f"- {stelling_tekst[s.stelling]} (niveau {s.minimum})" for s in eens) or t("resultaten.geen"),
            anchors=False,
        )
