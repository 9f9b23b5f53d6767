"""What the Workshop page's panels share: the live interval, a refusal said where it can be read,
a level as text, and the text bar of the progress tables.

Layer: ``scan/ui`` (Streamlit).
"""

from __future__ import annotations

import streamlit as st

from scan.ui.teksten import t
from scan.ui.weergave import zichtbare_tekst
from scoring.models import Vragenlijst


def elke(interval: str) -> str | None:
    """The refresh interval of a live part, or none while the facilitator paused refreshing
    (WCAG 2.2.2: content that updates itself can be paused)."""
    return interval if st.session_state.get("workshop_verversen", True) else None


def meld_fout(tekst: str) -> None:
    """A refusal as a toast; a long one (Streamlit cuts it with an English "view more") is shown
    at the top of the page instead, and the toast points there. ``tekst`` is Markdown: a service's
    message goes in as ``letterlijk(str(fout))``."""
    if len(zichtbare_tekst(tekst)) <= 70:
        st.toast(tekst, icon=":material/error:")
    else:
        st.session_state["workshop_melding"] = tekst
        st.toast(t("workshop.zie_melding"), icon=":material/error:")


def niveau_tekst(vl: Vragenlijst, niveau: int | None) -> str:
    """A level as the forms and conflicts show it ("3 · Groeiend"); "weg" for none."""
    if niveau is None:
        return t("conflict.weg")
    return f"{niveau} · {next(n.naam.nl for n in vl.schaal.niveaus if n.niveau == niveau)}"


def kort_getal(waarde: float) -> str:
    """Minutes as the agenda shows them: no trailing ",0", a decimal comma."""
    return f"{waarde:g}".replace(".", ",")


def balk(aantal: int, van: int) -> str:
    """A text bar of ten blocks: it scales with the projector's type size (a grid does not)."""
    vol = round(10 * aantal / van) if van else 0
    return f"{'█' * vol}{'░' * (10 - vol)}"
