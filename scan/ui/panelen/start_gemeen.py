"""Start's shared pieces: a refusal under a form, and why starting or importing is not possible here."""

from __future__ import annotations

import streamlit as st

from scan.services import start
from scan.services.toegang import Gebruiker
from scan.ui import identiteit
from scan.ui.teksten import t
from scan.ui.toegankelijk import kondig_aan


def fout(tekst: str) -> None:
    """``tekst`` is Markdown: a service's message goes in as ``letterlijk(str(fout))``.

    Under the form, and a short toast pointing there: on a laptop the form's end is often below
    the fold, and Streamlit cuts a long toast with an English "view more".
    """
    st.error(tekst, icon=":material/error:")
    st.toast(t("start.fout.toast"), icon=":material/error:")
    # Streamlit's error box is role=alert, but a box that stays (the same refusal twice) is not
    # read again; the app's own alert region always is (scan.ui.toegankelijk).
    kondig_aan(tekst, fout=True)


def mag_niet_leiden(gebruiker: Gebruiker | None, plek: str) -> bool:
    """Explain why starting or importing is not possible here, if it is not."""
    # Through the module: tests stand in for the identity by replacing identiteit.lees_identiteit.
    wie = identiteit.lees_identiteit()
    belemmering = start.waarom_niet_leiden(gebruiker, login=wie.modus == "login")
    if belemmering is None:
        return False
    if belemmering == "inloggen" and wie.ingelogd:
        return True  # signed in without roles: the message at the top says why; signing in again won't help
    st.info(
        t(
            {
                "inloggen": "toegang.starten.inloggen",
                "deze_computer": "toegang.starten.deze_computer",
                "geen_gemeente": "toegang.starten.geen_gemeente",
            }[belemmering]
        )
    )
    if belemmering == "inloggen":
        identiteit.inlogknop(f"login_{plek}")
    return True
