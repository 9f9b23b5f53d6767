"""Start's "Voorbeeld bekijken" (issue 19, item 7): open the fictional example round in one click,
and remove it again with a confirmation (also from Beheer).

Who sees it is the service's rule (``scan.services.voorbeeld.mag_voorbeeld``): anyone on an
installation without real rounds, an installation beheerder always.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from scan.demo.voorbeeld import maak_voorbeeld
from scan.fouten import InvoerFout
from scan.services import voorbeeld
from scan.services.toegang import Gebruiker
from scan.ui.context import bibliotheek_of_stop, ga_naar, meld_aan
from scan.ui.foutgrens import veilig
from scan.ui.panelen.start_gemeen import fout
from scan.ui.teksten import t
from scan.ui.toegankelijk import kondig_aan
from scan.ui.weergave import letterlijk
from scoring import tijd
from scoring.models import Vragenlijst

if TYPE_CHECKING:
    from scan.db.verbinding import Database  # a type only: panels reach the database through services

_ZEKER = "voorbeeld_zeker"
_WEG = "voorbeeld_weg"  # session_state: the example was just removed here; said once
_FOUT = "voorbeeld_fout"


def voorbeeld_net_weg() -> bool:
    """Say once that the example was removed. A browser that was looking at it lost its round with
    it: the "unknown link" notice that would follow is not for this case."""
    if not st.session_state.pop(_WEG, False):
        return False
    st.session_state.pop("onbekende_link", None)
    st.success(t("voorbeeld.verwijderd"), icon=":material/check_circle:")
    kondig_aan(t("voorbeeld.verwijderd"))
    return True


def toon_voorbeeld(
    db: Database, vl: Vragenlijst, gebruiker: Gebruiker | None, stand: voorbeeld.VoorbeeldStand, *, hier: str | None
) -> None:
    """The offer on Start when this person may (nothing otherwise); ``stand`` is
    ``voorbeeld.stand`` of this run, ``hier`` the (fictional) facilitator's name when this browser
    is in the example now."""
    if not stand.mag:
        return
    with st.container(border=True):
        st.header(t("voorbeeld.kop.hier" if hier else "voorbeeld.kop"), anchor=False)
        if hier:
            st.markdown(t("voorbeeld.hier", naam=letterlijk(hier)), anchors=False)
        else:
            st.markdown(t("voorbeeld.uitleg.beheerder" if stand.echte_rondes else "voorbeeld.uitleg"), anchors=False)
            if st.button(
                t("voorbeeld.bekijken"),
                type="secondary" if stand.echte_rondes else "primary",
                icon=":material/visibility:",
                key="voorbeeld_bekijken",
            ):
                _bekijk(db, vl, gebruiker)
            if stand.bestaat:
                st.caption(t("voorbeeld.bestaat"))
        if stand.bestaat:
            _verwijderen(db, gebruiker)


def _bekijk(db: Database, vl: Vragenlijst, gebruiker: Gebruiker | None) -> None:
    bibliotheek = bibliotheek_of_stop(vl)
    try:
        with st.spinner(t("voorbeeld.bezig")):
            sessie = voorbeeld.bekijk(db, vl, gebruiker, maak=lambda: maak_voorbeeld(vl, bibliotheek, tijd.vandaag()))
    except InvoerFout as geweigerd:
        fout(letterlijk(str(geweigerd)))
    else:
        # As a personal link does: this browser is now the example's facilitator.
        meld_aan(sessie)
        ga_naar("resultaten")


def _verwijderen(db: Database, gebruiker: Gebruiker | None) -> None:
    """The removal, behind a confirmation; on Start and on Beheer."""
    if melding := st.session_state.pop(_FOUT, None):
        st.error(melding, icon=":material/error:")
    zeker = st.checkbox(t("voorbeeld.verwijderen.bevestig"), key=_ZEKER)
    st.button(
        t("voorbeeld.verwijderen"),
        icon=":material/delete_forever:",
        disabled=not zeker,
        key="voorbeeld_verwijderen",
        on_click=_verwijder,
        args=(db, gebruiker),
    )


@veilig
def _verwijder(db: Database, gebruiker: Gebruiker | None) -> None:
    try:
        voorbeeld.verwijder(db, gebruiker)
    except InvoerFout as geweigerd:
        st.session_state[_FOUT] = letterlijk(str(geweigerd))
        return
    st.session_state[_ZEKER] = False
    st.session_state[_WEG] = True


def toon_voorbeeld_beheer(db: Database, gebruiker: Gebruiker) -> None:
    """On Beheer: the example's removal, for an installation beheerder while there is one."""
    stand = voorbeeld.stand(db, gebruiker)
    if not stand.mag:
        return
    if voorbeeld_net_weg() or not stand.bestaat:
        return
    # Folded: Beheer is about the gemeenten; this is a side matter until someone looks for it.
    with st.expander(t("voorbeeld.beheer.kop"), icon=":material/visibility:"):
        st.markdown(t("voorbeeld.beheer.uitleg"), anchors=False)
        _verwijderen(db, gebruiker)
