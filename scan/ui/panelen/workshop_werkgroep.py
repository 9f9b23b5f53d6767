"""What the Workshop page's werkgroep tabs (Deelnemers, Ambities) share: one use case per
callback with its outcome said once above the panel, and the version each form was loaded from.

Layer: ``scan/ui`` (Streamlit). Every change goes through a use case of ``scan.services.werkgroep``
in a button callback, so the rerun that follows already shows the new state. Every change is
saved against the version the facilitator saw (issue 13, case 6): a form keeps the version it was
loaded from in session state and binds it to its button; when another facilitator changed the
participant or the ambition first, nothing is written and both versions are shown at the form
(``scan.ui.conflictweergave``), with the input kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from scan.fouten import Conflict, InvoerFout, OpslagFout
from scan.ui.foutgrens import opslag_mislukt
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk

T = TypeVar("T")


def meld(paneel: str, soort: str, tekst: str) -> None:
    st.session_state[f"werkgroep_melding_{paneel}"] = (soort, tekst)


def voer_uit(
    paneel: str,
    actie: Callable[[], T],
    gelukt: Callable[[T], str],
    bij_conflict: Callable[[Conflict], None] | None = None,
) -> bool:
    """Run one use case in a callback and keep its outcome for the panel to show once; a conflict
    goes to ``bij_conflict``, which keeps both versions for the form to show."""
    try:
        uitkomst = actie()
    except Conflict as conflict:
        if bij_conflict is None:
            raise
        bij_conflict(conflict)
        st.toast(t("conflict.zie_paneel"), icon=":material/sync_problem:")
    except InvoerFout as fout:
        meld(paneel, "fout", letterlijk(str(fout)))
    except OpslagFout as fout:
        opslag_mislukt(fout, "werkgroep opslaan")
        meld(paneel, "fout", t("invullen.fout.database"))
    else:
        meld(paneel, "ok", gelukt(uitkomst))
        return True
    return False


def gezien(soort: str, sleutel: object, veld: str, versie: int | None) -> int | None:
    """The version the form ``veld`` was loaded from: set when its widget is drawn afresh, moved
    on only by this user's own save or their choice in a conflict (never by a rerun that finds
    a newer stored version), so a save is checked against what the facilitator saw."""
    alles: dict[tuple[str, object], int | None] = st.session_state.setdefault("werkgroep_gezien", {})
    if veld not in st.session_state or (soort, sleutel) not in alles:
        alles[(soort, sleutel)] = versie
    return alles[(soort, sleutel)]


def zet_gezien(soort: str, sleutel: object, versie: int | None) -> None:
    st.session_state.setdefault("werkgroep_gezien", {})[(soort, sleutel)] = versie


def vergeet_gezien(soort: str, sleutel: object) -> None:
    st.session_state.setdefault("werkgroep_gezien", {}).pop((soort, sleutel), None)


def toon_melding(paneel: str) -> None:
    melding = st.session_state.pop(f"werkgroep_melding_{paneel}", None)
    if melding is None:
        return
    soort, tekst = melding
    if soort == "ok":
        st.success(tekst, icon=":material/check_circle:")
    else:
        st.error(tekst, icon=":material/error:")
