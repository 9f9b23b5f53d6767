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

import html

import streamlit as st

from scan.leesmodellen import Sessie
from scan.services import bespreken, workshop
from scan.ui.afscherming import poging_mislukt, poging_wachttijd, te_veel_pogingen
from scan.ui.context import TOKEN_PARAM, database, vragenlijst_van_ronde
from scan.ui.delen import toon_toasts
from scan.ui.foutgrens import met_foutgrens
from scan.ui.links import SCHERM_PARAM
from scan.ui.navigatie import pad
from scan.ui.opmaak import tijd
from scan.ui.panelen.scherm_agenda import toon_nu, toon_stand
from scan.ui.panelen.scherm_meedoen import toon_kop, toon_meedoen
from scan.ui.panelen.scherm_samen import toon_samen
from scan.ui.panelen.scherm_stijl import CSS, markdown
from scan.ui.panelen.scherm_voortgang import toon_voortgang
from scan.ui.panelen.workshop_samen import PRESENTEREN, toon_knoppen, toon_sneltoetsen_keuze
from scan.ui.teksten import t
from scoring.models import Vragenlijst
from scoring.tijd import nu

VERNIEUW_SECONDEN = 3
SAMEN_SECONDEN = 1
"""A Samen session: a vote reaches the projector within a second (issue 16, item 4)."""


@met_foutgrens
def _eigen_tempo(vl: Vragenlijst, token: str) -> None:
    # One read and the pure engine over the round's answers. The token is looked up each time,
    # so a projector still showing a renewed (old) link stops showing the room at its next refresh.
    stand = bespreken.scherm_stand(database(), vl, token)
    if stand is None:
        st.info(t("scherm.onbekend"), icon=":material/link_off:")
        return
    if stand.modus == "samen":
        st.rerun()  # the facilitator switched to Samen: the page draws that view, refreshed every second
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


@met_foutgrens
def _samen(vl: Vragenlijst, token: str, presentator: Sessie | None) -> None:
    # Never a name here, not even in a round that shows names to its facilitator: the count of
    # who answered, and after the reveal the anonymous distribution.
    toon_toasts()  # what the presenter keys' callbacks did (scan.ui.delen)
    db = database()
    stand = bespreken.samen_scherm(db, vl, token)
    if stand is None:
        st.info(t("scherm.onbekend"), icon=":material/link_off:")
        return
    if stand.deel.modus != "samen":
        st.rerun()  # back to Eigen tempo: today's view, at its own pace
    ronde = stand.ronde
    afgerond = ronde.status == "afgerond"
    # The big join block while no part is open yet (people are still coming in), then one line.
    groot = stand.deel.stap is None and not afgerond
    toon_kop(ronde, met_code=not groot and not afgerond)
    if afgerond:
        markdown("scherm_stand", t("scherm.afgerond"))
    if groot:
        toon_meedoen(ronde)
    toon_samen(vl, stand)
    if presentator is not None:
        punt = bespreken.herstem_punt(stand.deel, stand.bespreking, stand.herstemd)
        with st.container(key="scherm_regie"):
            toon_knoppen(db, vl, presentator, stand.deel.stap, punt, "presentator")
    markdown("scherm_tijd", t("scherm.bijgewerkt", nu=tijd(nu())))


def _live(vl: Vragenlijst, token: str, modus: str | None, presentator: Sessie | None) -> None:
    # WCAG 2.2.2: a view that updates itself can be paused (a view setting; it writes nothing).
    aan = st.session_state.get("scherm_verversen", True)
    if modus == "samen":
        st.fragment(_samen, run_every=SAMEN_SECONDEN if aan else None)(vl, token, presentator)
    else:
        st.fragment(_eigen_tempo, run_every=VERNIEUW_SECONDEN if aan else None)(vl, token)
    with st.container(horizontal=True, key="scherm_onder"):
        st.toggle(t("scherm.samen.pauze"), value=True, key="scherm_verversen")
        # The presenter keys belong to a Samen session only.
        if modus == "samen" and presentator is not None:
            toon_sneltoetsen_keuze("presentator")
            if st.button(t("scherm.regie.stop"), key="scherm_regie_stop", icon=":material/close:"):
                st.session_state.pop(PRESENTEREN, None)
                st.switch_page(pad("workshop"))
    if not aan:
        st.caption(t("scherm.samen.stil"))


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
# The presenter keys only for the facilitator who pressed "Presenteren" on their own Workshop page
# in this browser session: the personal token is the one this session signed in with (never read
# from this page's address), checked again against the round on every page run.
# The projector shows its heading as a small line; assistive technology gets the page's h1.
st.html(f'<h1 class="zelfscan-sr-only">{html.escape(t("scherm.h1", gemeente=ronde.gemeente))}</h1>')
presentator = (
    bespreken.presentator(database(), token, st.session_state.get("token"))
    if st.session_state.get(PRESENTEREN) == ronde.id
    else None
)
_live(vragenlijst_van_ronde(ronde), token, bespreken.modus_voor_scherm(database(), token), presentator)
