"""Start: join a round with its code or link, start a new round, or resume with a personal link."""

import streamlit as st

from scan.services import voorbeeld
from scan.ui.afscherming import te_veel_pogingen
from scan.ui.context import database, sessie_van_deze_run, vragenlijst_of_stop
from scan.ui.identiteit import huidige_gebruiker
from scan.ui.navigatie import pad
from scan.ui.panelen.start_gemeen import mag_niet_leiden
from scan.ui.panelen.start_import import toon_import
from scan.ui.panelen.start_meedoen import toon_meedoen, toon_terug
from scan.ui.panelen.start_nieuw import toon_nieuw
from scan.ui.panelen.start_rondes import toon_rondes
from scan.ui.panelen.start_voorbeeld import toon_voorbeeld, voorbeeld_net_weg
from scan.ui.panelen.start_welkom import toon_welkom
from scan.ui.teksten import t
from scan.ui.toegankelijk import kondig_aan

vl = vragenlijst_of_stop()
db = database()
sessie = sessie_van_deze_run(db)
gebruiker = huidige_gebruiker(db)

st.title(t("app.titel"), anchor=False)
# Someone who scanned the QR code came to join: on a phone the join form comes first, the
# introduction below it, so the name field is on the first screen.
via_deelnamelink = bool(st.query_params.get("code")) and sessie is None


def _inleiding() -> None:
    st.markdown(t("start.intro"), anchors=False)
    st.caption(vl.meta.disclaimer.nl)
    st.page_link(pad("over"), label=t("start.over"), icon=":material/menu_book:")


if not via_deelnamelink:
    _inleiding()

# "Voorbeeld bekijken" (issue 19): first thing on an installation without real rounds (and above
# the welcome for a browser in the example, which is not the visitor's own name); for an
# installation beheerder also later, below the tabs. The panel itself knows who may.
voorbeeld_stand = voorbeeld.stand(db, gebruiker)
in_voorbeeld = sessie.deelnemer.naam if sessie is not None and voorbeeld.is_voorbeeld(sessie.ronde) else None
voorbeeld_boven = not via_deelnamelink and (in_voorbeeld is not None or not voorbeeld_stand.echte_rondes)
voorbeeld_net_weg()  # before the unknown-link notice: the example's viewer lost their round with it
onbekende_link = st.session_state.pop("onbekende_link", False)
if onbekende_link == "afgeremd":
    st.warning(melding := te_veel_pogingen(st.session_state.pop("afgeremd_seconden", 1)), icon=":material/timer:")
    kondig_aan(melding, fout=True)
elif onbekende_link:
    st.warning(t("start.link.onbekend"), icon=":material/link_off:")
    kondig_aan(t("start.link.onbekend"), fout=True)

if voorbeeld_boven:
    toon_voorbeeld(db, vl, gebruiker, voorbeeld_stand, hier=in_voorbeeld)

if sessie is not None:
    toon_welkom(sessie)

titels = [t("start.tab.meedoen"), t("start.tab.nieuw"), t("start.tab.terug"), t("start.tab.import")]
if gebruiker is not None:
    titels.append(t("start.tab.rondes"))
tab_mee, tab_nieuw, tab_terug, tab_import, *tab_rondes = st.tabs(titels)

with tab_mee:
    toon_meedoen(db, vl)
with tab_nieuw:
    if not mag_niet_leiden(gebruiker, "nieuw") and gebruiker is not None:
        toon_nieuw(db, vl, gebruiker)
with tab_terug:
    toon_terug(db)
with tab_import:
    toon_import(db, vl, gebruiker)
for tab in tab_rondes:
    assert gebruiker is not None
    with tab:
        toon_rondes(db, gebruiker)

if not voorbeeld_boven:
    toon_voorbeeld(db, vl, gebruiker, voorbeeld_stand, hier=in_voorbeeld)

if via_deelnamelink:
    st.divider()
    _inleiding()
