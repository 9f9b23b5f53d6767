"""Doelen: suggested SMART goals with why, proposals, accept / edit / reject, own goals, PDCA per goal.

A goal is accepted only when all five SMART letters pass (the service's rule, ``scoring.smart``);
each letter says what is missing, so the werkgroep fills in its own baseline, target and support
and owns the result.

Only the round's facilitator decides (accept, reject, edit, withdraw, undo, delete, PDCA);
every participant sees all goals and may propose one. The page shows participants only what
they may use; the service refuses the rest anyway (``scan.services.doelen``). Every widget is
keyed by the goal's key (and the version its form was loaded from), never by its place in a
list, and the lists keep a stable order: stored goals by creation, suggestions in the scan's
fixed order. The parts live in ``scan/ui/panelen/doelen_*.py``: the forms and the version each
was loaded from (``doelen_staat``, ``doelen_formulier``), refused saves with both versions at the
top (``doelen_conflict``), the cards (``doelen_kaarten``, ``doelen_suggesties``) and the look
back (``doelen_terugblik``).
"""

import streamlit as st

from scan.leesmodellen import DoelInfo
from scan.services import doelen as doelservice
from scan.services import resultaten
from scan.ui.context import bibliotheek_of_stop, sessie_of_stop, vragenlijst_van_ronde
from scan.ui.panelen import doelen_kaarten as kaarten
from scan.ui.panelen.doelen_conflict import toon_conflicten
from scan.ui.panelen.doelen_formulier import formulier
from scan.ui.panelen.doelen_staat import DoelenScherm
from scan.ui.panelen.doelen_suggesties import suggestie
from scan.ui.panelen.doelen_terugblik import terugblik
from scan.ui.rapporten import toon_downloads
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk
from scoring import tijd
from scoring.uitwissel import Doel

db, sessie = sessie_of_stop()
vl = vragenlijst_van_ronde(sessie.ronde)
scherm = DoelenScherm(
    db=db,
    vl=vl,
    sessie=sessie,
    bib=bibliotheek_of_stop(vl),
    vandaag=tijd.vandaag(),
    resultaat=resultaten.resultaat(db, vl, sessie.ronde.id),
)

st.title(t("doelen.titel", gemeente=letterlijk(sessie.ronde.gemeente)), anchor=False)
st.markdown(t("doelen.intro"), anchors=False)
if not scherm.open_ronde:
    st.info(t("doelen.afgerond"), icon=":material/lock:")
elif not sessie.is_facilitator:
    st.info(t("doelen.rol.deelnemer"), icon=":material/group:")
if melding := st.session_state.pop("doelen_melding", None):
    st.warning(melding, icon=":material/sync_problem:")

toon_conflicten(scherm)
opgeslagen = doelservice.doelen(db, sessie)  # ordered by creation
voorstellen = doelservice.suggesties(db, vl, scherm.bib, sessie, vandaag=scherm.vandaag, resultaat=scherm.resultaat)
per_besluit: dict[str, list[DoelInfo]] = {"voorgesteld": [], "geaccepteerd": [], "afgewezen": []}
for _info in opgeslagen.values():
    per_besluit[_info.besluit].append(_info)

terugblik(scherm, doelservice.terugblik(db, vl, sessie))

# Fixed tab labels: a label that changes with a count can make the browser jump to another tab.
tab_voorstel, tab_vast, tab_eigen = st.tabs(
    [t("doelen.tab.voorstellen"), t("doelen.tab.vastgesteld"), t("doelen.tab.eigen")], key="doelen_tabs"
)
with tab_voorstel:
    st.caption(
        t(
            "doelen.telling",
            scan=len(voorstellen),
            deelnemers=len(per_besluit["voorgesteld"]),
            vast=len(per_besluit["geaccepteerd"]),
            af=len(per_besluit["afgewezen"]),
        )
    )
    if per_besluit["voorgesteld"]:
        st.header(t("doelen.kop.voorgesteld"), anchor=False)
        for info in per_besluit["voorgesteld"]:
            kaarten.voorgesteld(scherm, info)
    st.header(t("doelen.kop.scan"), anchor=False)
    if not voorstellen:
        st.info(t("doelen.geen_voorstellen"), icon=":material/info:")
    for v in voorstellen:
        suggestie(scherm, v)
    if per_besluit["afgewezen"]:
        st.header(t("doelen.kop.afgewezen"), anchor=False)
        for info in per_besluit["afgewezen"]:
            kaarten.afgewezen(scherm, info)

with tab_vast:
    if not per_besluit["geaccepteerd"]:
        st.info(t("doelen.nog_geen"), icon=":material/info:")
    for info in per_besluit["geaccepteerd"]:
        kaarten.vastgesteld(scherm, info)

with tab_eigen:
    if not scherm.open_ronde:
        st.info(t("doelen.afgerond"), icon=":material/lock:")
    else:
        st.markdown(t("doelen.eigen.uitleg" if scherm.beslist else "doelen.eigen.uitleg.deelnemer"), anchors=False)
        sleutel = st.session_state.setdefault("doelen_eigen_sleutel", doelservice.nieuwe_sleutel())
        leeg = Doel(id=sleutel, bouwsteen=vl.bouwstenen[0].id, titel=t("doelen.eigen.titel"), actie="")
        formulier(scherm, sleutel, leeg, None, ("accepteren",) if scherm.beslist else ("voorstellen",))

st.divider()
toon_downloads(db, vl, sessie)
