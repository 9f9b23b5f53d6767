"""Resultaten's section of a facilitated session (issue 16): what the discussion changed (spread
before and after each re-vote, counts per bouwsteen, the one sentence), where the werkgroep
guesses, and for the facilitator only where the disciplines see a bouwsteen differently."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from reports.duiding import (
    UITKOMST_NAAM,
    SamenBeeld,
    getal,
    gokzin,
    groepen_tekst,
    herstemzin,
    spreiding_tekst,
)
from scan.services import resultaten
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk
from scoring.models import Vragenlijst
from scoring.samen import UITKOMSTEN


def toon_samen(vl: Vragenlijst, beeld: SamenBeeld, facilitator: bool) -> bool:
    """The section, when the session left something to show; whether it showed anything."""
    herstemd = beeld.herstemmingen.stellingen
    gokt = beeld.gokt_op()
    met_groepen = facilitator and any(len(d.groepen) >= 2 for d in beeld.disciplines)
    if not (herstemd or gokt or met_groepen):
        return False
    st.divider()
    nummer = resultaten.stelling_nummers(vl)
    tekst = {s.id: s.tekst.nl for _, s in vl.stellingen()}
    namen = {b.id: b.naam.nl for b in vl.bouwstenen}
    if herstemd:
        st.header(t("resultaten.samen.kop"), anchor=False)
        if zin := herstemzin(beeld.herstemmingen):
            st.markdown(f"**{letterlijk(zin)}**", anchors=False)
        st.caption(t("resultaten.samen.uitleg"))
        st.dataframe(
            pd.DataFrame(
                {
                    # The numbers first, the stelling's text last: on a phone the outcome stays in view.
                    t("resultaten.samen.kol.nummer"): [nummer[v.stelling] for v in herstemd],
                    t("resultaten.samen.kol.voor"): [spreiding_tekst(v.voor, v.spreiding_voor) for v in herstemd],
                    t("resultaten.samen.kol.na"): [spreiding_tekst(v.na, v.spreiding_na) for v in herstemd],
                    t("resultaten.samen.kol.uitkomst"): [UITKOMST_NAAM.get(v.uitkomst or "", "–") for v in herstemd],
                    t("resultaten.samen.kol.stelling"): [tekst[v.stelling] for v in herstemd],
                }
            ),
            hide_index=True,
            width="stretch",
        )
        bouwstenen = beeld.herstemmingen.bouwstenen()
        st.markdown(f"**{t('resultaten.samen.per_bouwsteen')}**", anchors=False)
        tellingen = [beeld.herstemmingen.telling(b) for b in bouwstenen]
        st.dataframe(
            pd.DataFrame(
                {
                    t("resultaten.samen.kol.bouwsteen"): [namen[b] for b in bouwstenen],
                    t("resultaten.samen.kol.herstemd"): [
                        sum(1 for v in herstemd if v.bouwsteen == b) for b in bouwstenen
                    ],
                    **{t(f"resultaten.samen.kol.{u}"): [telling[u] for telling in tellingen] for u in UITKOMSTEN},
                }
            ),
            hide_index=True,
            width="stretch",
        )
        st.info(t("resultaten.samen.consensus"), icon=":material/gavel:")
    if gokt:
        st.header(t("resultaten.gokt.kop", aantal=len(gokt)), anchor=False)
        st.caption(t("resultaten.gokt.uitleg"))
        st.markdown(
            "\n".join(f"- **{nummer[s]}** {letterlijk(tekst[s])} ({gokzin(beeld.zekerheid[s])})" for s in gokt),
            anchors=False,
        )
    if met_groepen:
        st.header(t("resultaten.disciplines.kop"), anchor=False)
        st.caption(t("resultaten.disciplines.alleen_u"))
        anders = beeld.anders()
        if not anders:
            st.markdown(t("resultaten.disciplines.geen"), anchors=False)
        else:
            st.caption(t("resultaten.disciplines.uitleg"))
            st.dataframe(
                pd.DataFrame(
                    {
                        t("resultaten.samen.kol.bouwsteen"): [namen[d.bouwsteen] for d in anders],
                        t("resultaten.disciplines.kol.groepen"): [groepen_tekst(d) for d in anders],
                        t("resultaten.disciplines.kol.verschil"): [getal(d.verschil or 0) for d in anders],
                    }
                ),
                hide_index=True,
                width="stretch",
            )
    return True
