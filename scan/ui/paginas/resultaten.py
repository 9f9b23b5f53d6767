"""Resultaten: radars of current against ambition, with the table behind every chart, and agreement."""

import streamlit as st

from reports.duiding import benchmark_zin, kernzin, type_groep, uitschieterzin
from scan.services import resultaten, vergelijken
from scan.ui.context import sessie_of_stop, vragenlijst_van_ronde
from scan.ui.navigatie import pad
from scan.ui.panelen.resultaten_eensgezind import toon_eensgezind
from scan.ui.panelen.resultaten_kerncijfers import toon_kerncijfers
from scan.ui.panelen.resultaten_naleving import toon_naleving
from scan.ui.panelen.resultaten_radars import toon_bouwstenen, toon_dimensies, toon_kenmerken
from scan.ui.panelen.resultaten_samen import toon_samen
from scan.ui.panelen.resultaten_voorbeeld import toon_voorbeeld_uitleg
from scan.ui.rapporten import toon_downloads
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk
from scoring.afronding import heel

db, sessie = sessie_of_stop()
vl = vragenlijst_van_ronde(sessie.ronde)
resultaat = resultaten.resultaat(db, vl, sessie.ronde.id)
banden = {b.id: b.naam.nl for b in vl.schaal.banden}

st.title(t("resultaten.titel", gemeente=letterlijk(sessie.ronde.gemeente)), anchor=False)
st.caption(t("resultaten.ronde", code=sessie.ronde.code_leesbaar, datum=sessie.ronde.datum.strftime("%d-%m-%Y")))
toon_voorbeeld_uitleg(sessie)  # issue 19: the example round says so, and what to look at next
if resultaat.totaal.score is None:
    st.info(t("resultaten.leeg"), icon=":material/hourglass_empty:")
    toon_naleving(db, vl, sessie)  # legal duties are no score: shown even before any score exists
    st.stop()

st.markdown(f"## {letterlijk(kernzin(vl, resultaat, sessie.ronde.gemeente))}", anchors=False)
st.markdown(letterlijk(uitschieterzin(vl, resultaat)), anchors=False)
# The headline: the kern score, and beside it, never merged, the schil score (docs/methode.md).
koppen: list[tuple[str, str, str]] = []
for soort in ("kern", "aanvullend"):
    groep = type_groep(resultaat, soort)
    koppen.append(
        (
            t("resultaten.kop.kern" if soort == "kern" else "resultaten.kop.schil"),
            "–" if groep.score is None else f"{heel(groep.score)} / 100",
            banden.get(groep.band or "", "–"),
        )
    )
toon_kerncijfers(koppen)
st.caption(t("resultaten.niet_vergelijkbaar"))
toon_kerncijfers(
    [
        (t("resultaten.deelnemers"), str(resultaat.deelnemers), ""),
        (t("resultaten.dekking"), resultaten.procent(resultaat.dekking), ""),
        (t("resultaten.bespreekpunten"), str(len(resultaat.bespreekpunten)), ""),
    ]
)
# Only for a gemeente that opted in to the anonymous benchmark; the details are on Vergelijken.
if (positie := vergelijken.benchmark_positie(db, vl, sessie.ronde.id)) is not None:
    st.info(letterlijk(benchmark_zin(sessie.ronde.gemeente, positie)), icon=":material/leaderboard:")

tabs = st.tabs(
    [
        t("resultaten.tab.kern"),
        t("resultaten.tab.aanvullend"),
        t("resultaten.tab.dimensies"),
        t("resultaten.tab.kenmerken"),
        t("resultaten.tab.eensgezind"),
    ]
)
for tab, soort in zip(tabs[:2], ("kern", "aanvullend"), strict=True):
    with tab:
        toon_bouwstenen(vl, resultaat, soort)
with tabs[2]:
    toon_dimensies(vl, resultaat)
with tabs[3]:
    toon_kenmerken(vl, resultaat)
with tabs[4]:
    toon_eensgezind(vl, resultaat)

# A facilitated session's evidence (issue 16): what the discussion changed, where the room guesses,
# and for the facilitator where disciplines differ. Nothing for a round that had none of it.
toon_samen(vl, resultaten.samen_beeld(db, vl, sessie), sessie.is_facilitator)

# Apart from the scores, below them: legal duties are no maturity level (issue 15, point 5).
st.divider()
toon_naleving(db, vl, sessie)

st.divider()
st.page_link(pad("doelen"), label=t("resultaten.naar_doelen"), icon=":material/flag:")
toon_downloads(db, vl, sessie)
