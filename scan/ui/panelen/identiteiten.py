"""Beheer's panel of bindings (issue 18, item 6): which account each address with a role in the
chosen gemeente is bound to, and releasing a binding after an account was replaced.

Layer: ``scan/ui`` (Streamlit). Addresses and issuers are text from outside: they reach the screen
through ``letterlijk()``. Who may release what is decided by ``scan.services.identiteiten``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from scan.fouten import InvoerFout
from scan.services import identiteiten
from scan.services.toegang import Gebruiker
from scan.ui import identiteit
from scan.ui.foutgrens import veilig
from scan.ui.opmaak import tijd_datum
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk

if TYPE_CHECKING:
    from scan.db.verbinding import Database  # a type only: panels reach the database through services

_FOUT = "identiteiten_fout"


@veilig
def _maak_los(db: Database, gebruiker: Gebruiker, email: str) -> None:
    try:
        identiteiten.maak_los(db, gebruiker, email, identiteit.beheerders())
    except InvoerFout as fout:
        st.session_state[_FOUT] = letterlijk(str(fout))
    else:
        st.session_state.pop(_FOUT, None)
        st.toast(t("beheer.identiteiten.losgemaakt"), icon=":material/check_circle:")


def toon_identiteiten(db: Database, gebruiker: Gebruiker, gm_code: str, gemeente: str) -> None:
    """The bindings of the addresses with a role in ``gm_code`` (an installation-wide beheerder also
    sees those of addresses without any role), each with a release button where allowed."""
    # Through the module: tests stand in for the identity by replacing identiteit.lees_identiteit.
    if identiteit.lees_identiteit().modus != "login":
        return  # single-machine mode: nobody signs in, nothing is bound
    with st.container(border=True):
        st.header(t("beheer.identiteiten.kop"), anchor=False)
        st.markdown(t("beheer.identiteiten.uitleg", gemeente=letterlijk(gemeente)), anchors=False)
        if fout := st.session_state.pop(_FOUT, None):
            st.error(fout, icon=":material/error:")
        regels = [
            r
            for r in identiteiten.bindingen(db, gebruiker, identiteit.beheerders())
            if gm_code in r.gemeenten or (not r.gemeenten and gebruiker.overal_beheerder)
        ]
        if not regels:
            st.caption(t("beheer.identiteiten.geen"))
        for regel in regels:
            b = regel.binding
            kol_wie, kol_knop = st.columns([6, 2], vertical_alignment="center")
            kol_wie.markdown(
                t(
                    "beheer.identiteiten.regel",
                    email=letterlijk(b.email),
                    issuer=letterlijk(b.issuer),
                    sinds=tijd_datum(b.gebonden_op),
                    gezien=tijd_datum(b.laatst_gezien_op),
                ),
                anchors=False,
            )
            if regel.mag_los:
                kol_knop.button(
                    t("beheer.identiteiten.losmaken"),
                    key=f"losmaken_{b.email}",
                    icon=":material/link_off:",
                    on_click=_maak_los,
                    args=(db, gebruiker, b.email),
                )
            else:
                kol_knop.caption(t("beheer.identiteiten.niet_los"))
