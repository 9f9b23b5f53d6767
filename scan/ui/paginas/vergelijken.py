"""Vergelijken (advisers, facilitators, beheerders): rounds side by side, over time, and against peers.

Only rounds the person may see can be chosen; rounds asked for in the address (``?ronde=12``)
that are not theirs are refused with the reason, never shown. Every chart has its table
(the tabs: ``scan.ui.panelen.vergelijken_tabs``); which rounds, labels and limits are the
service's rules (``scan.services.vergelijken``).
"""

import streamlit as st

from reports import vergelijking as rapport
from scan.fouten import InvoerFout
from scan.services import vergelijken
from scan.ui.context import database, vragenlijst_of_stop
from scan.ui.identiteit import gebruiker_of_stop
from scan.ui.panelen import vergelijken_tabs as tabs
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk
from scoring import tijd
from scoring.vergelijking import MAX_VERGELIJKEN, Kerncijfers

vl = vragenlijst_of_stop()
db = database()
gebruiker = gebruiker_of_stop(db)

st.title(t("vergelijken.titel"), anchor=False)
st.markdown(t("vergelijken.intro"), anchors=False)
rondes = vergelijken.zichtbare_rondes(db, gebruiker)
if not rondes:
    st.info(t("vergelijken.geen_rondes"))
    st.stop()
per_id = {r.id: r for r in rondes}
# Once per run: the multiselect asks the label of each of up to thousands of rounds several times.
etiketten = {r.id: r.label for r in rondes}

# Rounds named in the address (a shared link) that this person may not see are refused by the
# service with the same words as a round that does not exist (no gemeente named: trying ids
# must not reveal who owns them); the rest of the link still works.
gevraagd = vergelijken.rondes_uit_adres(st.query_params.get_all("ronde"))
if vreemd := [i for i in gevraagd if i not in per_id]:
    try:
        vergelijken.kerncijfers_van(db, vl, gebruiker, vreemd)
    except InvoerFout as fout:
        st.error(letterlijk(str(fout)), icon=":material/block:")
if "vergelijken_rondes" not in st.session_state:
    st.session_state["vergelijken_rondes"] = vergelijken.standaard_keuze(rondes, gevraagd)

gekozen: list[int] = st.multiselect(
    t("vergelijken.kies"),
    options=list(per_id),
    # Only what cannot change while the page is open: Streamlit sends a choice back as its label,
    # so a label with a status fails when a round is closed meanwhile.
    format_func=etiketten.__getitem__,
    max_selections=MAX_VERGELIJKEN,
    select_all=False,  # its "Select all" / "Select 12 matches" is English and at most 20 may be chosen anyway
    key="vergelijken_rondes",
    placeholder=t("vergelijken.kies.zoek"),
)
st.query_params["ronde"] = [str(i) for i in gekozen]
st.caption(t("vergelijken.kies.uitleg", aantal=len(rondes)))
if not gekozen:
    st.info(t("vergelijken.niets_gekozen"))
    st.stop()

try:
    cijfers = vergelijken.kerncijfers_van(db, vl, gebruiker, gekozen)
except InvoerFout as fout:
    st.error(letterlijk(str(fout)), icon=":material/error:")
    st.stop()
# Labels are decided over all rounds, so one never changes while the page is open (a selectbox
# below uses them).
labels = vergelijken.labels(rondes)
reeksen: list[tuple[str, Kerncijfers]] = [(labels[i], cijfers[i]) for i in gekozen]
if len(versies := sorted({cijfers[i].vragenlijst_versie for i in gekozen})) > 1:
    st.info(t("vergelijken.versies.gemengd", versies=", ".join(versies)), icon=":material/info:")

tab_radar, tab_heatmap, tab_ontwikkeling, tab_benchmark = st.tabs(
    [
        t("vergelijken.tab.radar"),
        t("vergelijken.tab.heatmap"),
        t("vergelijken.tab.ontwikkeling"),
        t("vergelijken.tab.benchmark"),
    ]
)
with tab_radar:
    tabs.radar(vl, reeksen)
with tab_heatmap:
    tabs.heatmap(vl, reeksen)
with tab_ontwikkeling:
    ontw = tabs.ontwikkeling(vl, per_id, gekozen, cijfers, labels)
with tab_benchmark:
    benchmark = tabs.benchmark(
        vl,
        lambda ronde_id, groepering: vergelijken.benchmark_voor(db, vl, gebruiker, ronde_id, groepering),
        per_id,
        gekozen,
        labels,
    )

st.download_button(
    t("vergelijken.excel"),
    data=lambda: rapport.vergelijking_excel(
        vl,
        reeksen,
        benchmark=benchmark,
        verschil=ontw[:2] if ontw else None,
        ontwikkeling=ontw[2] if ontw else None,
        titel=t("vergelijken.titel"),
    ),
    file_name=f"zelfscan-vergelijking-{tijd.vandaag():%Y-%m-%d}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    on_click="ignore",
    icon=":material/table_view:",
)
st.caption(t("vergelijken.excel.uitleg"))
