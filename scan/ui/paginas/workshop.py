"""Workshop (facilitator): join code and QR for the room, the Samen session's controls, who is
filling in, bespreekpunten, consensus.

Made to be projected: large type, one thing per block, the progress table refreshes itself
every few seconds so the facilitator never has to press reload in front of the group. The
parts are panels (``scan/ui/panelen/workshop_*.py``); this page sets the room up and lays
out the tabs.
"""

import streamlit as st

from scan.services import bespreken
from scan.ui.context import sessie_of_stop, vragenlijst_van_ronde
from scan.ui.panelen.logboek import toon_logboek_ronde
from scan.ui.panelen.workshop_afronden import toon_afronden, toon_links
from scan.ui.panelen.workshop_ambities import toon_ambities
from scan.ui.panelen.workshop_bespreekpunten import toon_bespreekpunten
from scan.ui.panelen.workshop_bouwsteen import toon_bouwsteen
from scan.ui.panelen.workshop_deelnemers import toon_deelnemers
from scan.ui.panelen.workshop_meedoen import toon_meedoen, toon_scherm_link
from scan.ui.panelen.workshop_naleving import toon_naleving
from scan.ui.panelen.workshop_samen import toon_disciplines, toon_samen
from scan.ui.panelen.workshop_stelling import Stellingen
from scan.ui.panelen.workshop_voortgang import toon_voortgang
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk

db, sessie = sessie_of_stop()
vl = vragenlijst_van_ronde(sessie.ronde)
if not sessie.is_facilitator:
    st.warning(t("workshop.alleen_facilitator"))
    st.stop()
ronde = sessie.ronde

# Projected on a wall, the default type is too small for the back of the room; rem-based
# Streamlit scales with the root font size. Only our own CSS, no user text.
with st.container(horizontal=True):
    groot = st.toggle(t("workshop.groot"), value=True, key="workshop_groot")
    # WCAG 2.2.2: content that updates itself can be paused. Off: the live parts stand still
    # until switched on again (the toggle's change reruns the page, so the fragments below are
    # defined anew with or without their interval).
    st.toggle(t("workshop.verversen"), value=True, key="workshop_verversen", help=t("workshop.verversen.uitleg"))
if groot:
    st.html("<style>html { font-size: 20px; }</style>")

st.title(t("workshop.titel", gemeente=letterlijk(ronde.gemeente)), anchor=False)
if melding_bovenaan := st.session_state.pop("workshop_melding", None):
    st.warning(melding_bovenaan, icon=":material/error:")

toon_meedoen(sessie)
toon_scherm_link(db, sessie)
# Issue 16: Eigen tempo or Samen, and in a Samen session the controls of the part the room works on.
toon_samen(db, vl, sessie)
toon_voortgang(db, vl, sessie)
# The result and the agreed levels for the tabs that are not live, read once per page run.
stand = bespreken.bespreking(db, vl, ronde.id)
stellingen = Stellingen(db, vl, sessie)

labels = [
    # No live count in the label: a label that changes resets which tab is open.
    t("workshop.tab.bespreekpunten.vast"),
    t("workshop.tab.bouwsteen"),
    t("werkgroep.tab.ambities"),
    t("regie.tab.disciplines"),
    # The compliance check only for a questionnaire version that has one (issue 15, point 5).
    *([t("workshop.tab.naleving")] if vl.naleving else []),
    t("werkgroep.tab.deelnemers"),
    t("workshop.tab.links"),
    t("workshop.tab.afronden"),
    t("workshop.tab.logboek"),
]
tabs = dict(zip(labels, st.tabs(labels), strict=True))
tab_bespreek, tab_bouwsteen, tab_ambities = (tabs[label] for label in labels[:3])
tab_deelnemers, tab_links, tab_afronden = (tabs[label] for label in labels[-4:-1])
with tab_bespreek:
    toon_bespreekpunten(db, vl, sessie, stellingen)
with tab_bouwsteen:
    toon_bouwsteen(vl, stand.resultaat, stand.consensus, stellingen)
with tab_links:
    toon_links(db, sessie)
with tab_afronden:
    toon_afronden(db, vl, sessie)
with tab_deelnemers:
    toon_deelnemers(db, vl, sessie)
with tab_ambities:
    toon_ambities(db, vl, sessie, stand.resultaat)
with tabs[t("regie.tab.disciplines")]:
    toon_disciplines(db, vl, sessie)
if vl.naleving:
    with tabs[t("workshop.tab.naleving")]:
        toon_naleving(db, vl, sessie)
# Issue 18: what was decided in this round, by whom (scan/ui/panelen/logboek.py).
with tabs[t("workshop.tab.logboek")]:
    toon_logboek_ronde(db, vl, sessie)
