"""Presentatiescherm: the projector's read-only view of a workshop, opened with ``/scherm?scherm=<token>``.

It shows what the room needs, live and readable from the back at 1920×1080: how to join (big
while people come in, one small line once everyone has started), who fills in how much, and
the discussion agenda with the distribution of the point to discuss now. It carries no
credential: no personal link is read or set, there is no widget that writes, and the token
only opens this view (the facilitator can renew it).

Join block rule (``workshop.iedereen_begonnen``): it folds to one line with the code as soon as
there is at least one participant and every participant has saved at least one answer; someone
who joins later (and has not answered yet) unfolds it again until they have started. The parts
are panels (``scan/ui/panelen/scherm_*.py``).
"""

import streamlit as st

from scan.services import bespreken, workshop
from scan.ui.afscherming import poging_mislukt, poging_wachttijd, te_veel_pogingen
from scan.ui.context import TOKEN_PARAM, database, vragenlijst_van_ronde
from scan.ui.foutgrens import met_foutgrens
from scan.ui.links import SCHERM_PARAM
from scan.ui.opmaak import tijd
from scan.ui.panelen.scherm_agenda import toon_nu, toon_stand
from scan.ui.panelen.scherm_meedoen import toon_kop, toon_meedoen
from scan.ui.panelen.scherm_stijl import CSS, markdown
from scan.ui.panelen.scherm_voortgang import toon_voortgang
from scan.ui.teksten import t
from scoring.models import Vragenlijst
from scoring.tijd import nu

VERNIEUW_SECONDEN = 3


@st.fragment(run_every=VERNIEUW_SECONDEN)
@met_foutgrens
def _live(vl: Vragenlijst, token: str) -> None:
    # One cheap rerun of this function every few seconds, not of the page: one read and the
    # pure engine over the round's answers. The token is looked up each time, so a projector
    # still showing a renewed (old) link stops showing the room at its next refresh.
    stand = bespreken.scherm_stand(database(), vl, token)
    if stand is None:
        st.info(t("scherm.onbekend"), icon=":material/link_off:")
        return
    ronde, a, punten = stand.ronde, stand.bespreking.agenda, stand.bespreking.punten
    iedereen_binnen = workshop.iedereen_begonnen(stand.voortgang)
    afgerond = ronde.status == "afgerond"
    # A closed round takes no one new: no join code, and the room sees that it is closed.
    toon_kop(ronde, met_code=iedereen_binnen and not afgerond)
    if afgerond:
        markdown("scherm_stand", t("scherm.afgerond"))
    links, rechts = st.columns([3, 2], gap="large")
    with links:
        if not iedereen_binnen and not afgerond:
            toon_meedoen(ronde)
        toon_nu(vl, stand.bespreking.resultaat, a, punten)
    with rechts:
        toon_stand(a, punten)
        toon_voortgang(stand.voortgang, sum(len(b.stellingen) for b in vl.bouwstenen))
        markdown("scherm_tijd", t("scherm.bijgewerkt", nu=tijd(nu())))


# Never a personal link in the projected address bar, even when someone pasted one with it.
if TOKEN_PARAM in st.query_params:
    del st.query_params[TOKEN_PARAM]
token = st.query_params.get(SCHERM_PARAM, "")
st.html(CSS)
if not token:
    st.info(t("scherm.geen_link"), icon=":material/co_present:")
    st.stop()
# A presenter link is guessable by reloading this page: repeated wrong ones wait (scan.afremmen).
if wacht := poging_wachttijd():
    st.warning(te_veel_pogingen(wacht), icon=":material/timer:")
    st.stop()
ronde = bespreken.ronde_voor_scherm(database(), token)
if ronde is None:
    poging_mislukt()
    st.info(t("scherm.onbekend"), icon=":material/link_off:")
    st.stop()
_live(vragenlijst_van_ronde(ronde), token)
