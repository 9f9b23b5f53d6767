"""The Workshop page's tab Bespreekpunten: the live agenda with its time settings.

Layer: ``scan/ui`` (Streamlit). What is on the agenda, in which order, and how much fits in the
time is ``scoring.agenda``'s (read with the result in one unit of work: ``bespreken.bespreking``);
this panel draws it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from scan.fouten import InvoerFout
from scan.leesmodellen import Sessie
from scan.services import bespreken
from scan.ui.foutgrens import met_foutgrens, veilig
from scan.ui.panelen.workshop_gemeen import elke, kort_getal, meld_fout
from scan.ui.panelen.workshop_stelling import Stellingen
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk
from scoring.models import Vragenlijst

if TYPE_CHECKING:
    from scan.db.verbinding import Database  # a type only: panels reach the database through services

MAX_OPEN = 12


def _gokken(db: Database, vl: Vragenlijst, sessie: Sessie) -> None:
    """Where the werkgroep is guessing (issue 16, item 6), in questionnaire order; the blind part
    of a Samen session is left out by the service."""
    gokt = bespreken.gokken(db, vl, sessie.ronde.id)
    if not gokt:
        return
    regels = [
        "- "
        + t(
            "regie.gokken.regel",
            nummer=f"{b.nummer}.{i}",
            tekst=letterlijk(s.tekst.nl),
            gok=gokt[s.id].gok,
            weet_niet=gokt[s.id].weet_niet,
            zeker=gokt[s.id].zeker + gokt[s.id].denk_het,
        )
        for b in vl.bouwstenen
        for i, s in enumerate(b.stellingen, start=1)
        if s.id in gokt
    ]
    with st.expander(f"{t('regie.gokken.kop')} ({len(regels)})", key="bp_gokken"):
        st.caption(t("regie.gokken.uitleg"))
        st.markdown("\n".join(regels), anchors=False)


def toon_bespreekpunten(db: Database, vl: Vragenlijst, sessie: Sessie, stellingen: Stellingen) -> None:
    @veilig
    def stel_in() -> None:
        try:
            bespreken.stel_agenda_in(
                db,
                sessie,
                minuten_per_punt=st.session_state["workshop_agenda_minuten"],
                budget=st.session_state["workshop_agenda_budget"],
            )
        except InvoerFout as fout:
            meld_fout(letterlijk(str(fout)))

    @st.fragment(run_every=elke("4s"))
    @met_foutgrens
    def bespreekpunten() -> None:
        # Live like the progress table: each rerun reads the round again, only this fragment reruns.
        nu = bespreken.bespreking(db, vl, sessie.ronde.id)
        a = nu.agenda
        st.markdown(t("workshop.bespreekpunten.uitleg"), anchors=False)
        kolommen = st.columns([2, 2, 3], vertical_alignment="bottom")
        kolommen[0].number_input(
            t("workshop.agenda.minuten"),
            min_value=1,
            max_value=60,
            step=1,
            value=round(a.minuten_per_punt),
            key="workshop_agenda_minuten",
            on_change=stel_in,
        )
        kolommen[1].number_input(
            t("workshop.agenda.budget"),
            min_value=0,
            max_value=480,
            step=5,
            value=round(a.budget_minuten),
            key="workshop_agenda_budget",
            on_change=stel_in,
        )
        _gokken(db, vl, sessie)
        if not nu.punten:
            st.info(t("workshop.bespreekpunten.geen"), icon=":material/check:")
            return
        st.markdown(
            t(
                "workshop.agenda.stand",
                resterend=a.resterend,
                minuten=kort_getal(a.minuten),
                budget=kort_getal(a.budget_minuten),
                past=a.past,
                besproken=len(a.besproken),
                geparkeerd=a.geparkeerd,
            ),
            anchors=False,
        )
        st.caption(t("workshop.agenda.volgorde"))
        for i, (p, budget_op) in enumerate(a.venster(0, MAX_OPEN)):
            if budget_op:
                st.caption(t("workshop.agenda.buiten_budget", budget=kort_getal(a.budget_minuten)))
            stellingen.toon(p.stelling, i == 0, "bp", nu.resultaat, nu.consensus, p.markering, agenda=True, gokt=p.gokt)
        if len(a.te_doen) > MAX_OPEN:
            st.caption(t("workshop.bespreekpunten.meer", aantal=len(a.te_doen) - MAX_OPEN))
        if a.geparkeerde:
            st.header(t("workshop.agenda.geparkeerd.kop", aantal=len(a.geparkeerde)), anchor=False)
            for p in a.geparkeerde:
                stellingen.toon(
                    p.stelling, False, "bp", nu.resultaat, nu.consensus, p.markering, agenda=True, gokt=p.gokt
                )
        # Settled ones move to their own list, so a level just recorded stays in view.
        if a.besproken:
            st.header(t("workshop.besproken.kop", aantal=len(a.besproken)), anchor=False)
            for p in a.besproken:
                stellingen.toon(p.stelling, False, "bp", nu.resultaat, nu.consensus)

    bespreekpunten()
