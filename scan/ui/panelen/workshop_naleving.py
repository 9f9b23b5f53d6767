"""The Workshop page's tab Wettelijke verplichtingen: the compliance check (nalevingscheck, issue 15
point 5) that the facilitator records for the round, one answer per legal duty.

Layer: ``scan/ui`` (Streamlit). One form for all duties; its button saves every changed duty in
one use case (``scan.services.naleving.leg_vast``: all or nothing), against the versions the form
was loaded from. When another facilitator saved a duty first, nothing is written, the duty shows
what is stored now and the other edits stay in the form. Outcomes as in ``workshop_werkgroep``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from scan.fouten import Conflict, NalevingConflict
from scan.leesmodellen import NalevingInfo, NalevingRegel, Sessie
from scan.services import naleving
from scan.services.naleving import NalevingWijziging
from scan.ui.foutgrens import veilig
from scan.ui.panelen import workshop_werkgroep as wg
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk
from scoring.models import Vragenlijst
from scoring.tekst import maximum
from scoring.uitwissel import NALEVING_STATUSSEN

if TYPE_CHECKING:
    from scan.db.verbinding import Database  # a type only: panels reach the database through services

PANEEL = "naleving"
LEEG = "leeg"
"""The option that clears an answer ("Niet ingevuld")."""


def status_tekst(status: str | None) -> str:
    """A status as words (never colour alone): 'Voldoet deels', 'Niet ingevuld'."""
    return t(f"naleving.status.{status or LEEG}")


def opties(regel: NalevingRegel) -> list[str]:
    """The answers a duty can get: n.v.t. only where it may not apply; last, clearing it."""
    return [s for s in NALEVING_STATUSSEN if s != "nvt" or regel.nvt_mogelijk] + [LEEG]


def _velden(item: str) -> tuple[str, str]:
    return f"naleving_s_{item}", f"naleving_n_{item}"


def toon_naleving(db: Database, vl: Vragenlijst, sessie: Sessie) -> None:
    """The duties with their explanation, a choice and a short note each, and one save button."""
    st.header(t("naleving.titel"), anchor=False)
    regels = naleving.nalevingscheck(db, vl, sessie.ronde.id)
    if not regels:
        st.info(t("naleving.geen"), icon=":material/info:")
        return
    wg.toon_melding(PANEEL)
    st.markdown(t("naleving.uitleg"), anchors=False)
    afgerond = sessie.ronde.status == "afgerond"
    if afgerond:
        st.info(t("naleving.afgerond"), icon=":material/lock:")
    gezien = {
        r.item: wg.gezien(
            PANEEL, (sessie.ronde.id, r.item), _velden(r.item)[0], r.antwoord.versie if r.antwoord else None
        )
        for r in regels
    }

    def bij_conflict(conflict: Conflict) -> None:
        if not isinstance(conflict, NalevingConflict):
            raise conflict
        huidig: NalevingInfo | None = conflict.huidig
        tekst = next((r.tekst for r in regels if r.item == conflict.item), conflict.item)
        status = status_tekst(huidig.status if huidig else None)
        wg.meld(PANEEL, "fout", t("naleving.conflict", item=letterlijk(tekst), status=status))
        # The duty someone else saved shows what is stored now; the other edits stay in the form.
        keuze, notitie = _velden(conflict.item)
        st.session_state[keuze] = huidig.status if huidig else LEEG
        st.session_state[notitie] = (huidig.notitie or "") if huidig else ""
        wg.zet_gezien(PANEEL, (sessie.ronde.id, conflict.item), huidig.versie if huidig else None)

    @veilig
    def bewaar(gezien: dict[str, int | None] = gezien) -> None:
        wijzigingen = []
        for r in regels:
            keuze, notitie = _velden(r.item)
            status = st.session_state.get(keuze, LEEG)
            status = None if status == LEEG else status
            tekst = (st.session_state.get(notitie) or "").strip()
            oud_status = r.antwoord.status if r.antwoord else None
            oud_tekst = (r.antwoord.notitie or "") if r.antwoord else ""
            if status == oud_status and (tekst == oud_tekst or status is None):
                continue
            wijzigingen.append(NalevingWijziging(r.item, status, tekst or None, gezien[r.item]))
        if not wijzigingen:
            wg.meld(PANEEL, "ok", t("naleving.niets"))
            return
        uitkomst: dict[str, NalevingInfo | None] = {}
        if wg.voer_uit(
            PANEEL,
            lambda: uitkomst.update(naleving.leg_vast(db, vl, sessie, wijzigingen)),
            lambda _: t("naleving.opgeslagen", aantal=len(wijzigingen)),
            bij_conflict,
        ):
            for item, info in uitkomst.items():
                wg.zet_gezien(PANEEL, (sessie.ronde.id, item), info.versie if info else None)

    with st.form(f"naleving_{sessie.ronde.id}", border=True):
        for r in regels:
            keuze, notitie = _velden(r.item)
            keuzes = opties(r)
            huidig = r.antwoord.status if r.antwoord else LEEG
            st.radio(
                letterlijk(r.tekst),
                keuzes,
                index=keuzes.index(huidig) if huidig in keuzes else len(keuzes) - 1,
                format_func=lambda s: status_tekst(None if s == LEEG else s),
                key=keuze,
                horizontal=True,
                disabled=afgerond,
            )
            # What to check folds away: the room reads the duty and the choices first.
            with st.expander(t("naleving.controleer")):
                st.caption(letterlijk(r.toelichting))
                st.caption(letterlijk(t("naleving.grondslag", grondslag=r.grondslag)))
            st.text_input(
                t("naleving.notitie"),
                value=(r.antwoord.notitie or "") if r.antwoord else "",
                max_chars=maximum("onderbouwing"),
                key=notitie,
                disabled=afgerond,
            )
        st.form_submit_button(
            t("naleving.knop"), type="primary", on_click=bewaar, disabled=afgerond, icon=":material/gavel:"
        )
