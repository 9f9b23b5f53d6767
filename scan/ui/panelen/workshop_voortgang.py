"""The Workshop page's live progress table: who fills in how much, refreshed every few seconds.

Layer: ``scan/ui`` (Streamlit). Who the room waits for and who is done are the service's rules
(``workshop.invullers``, ``workshop.aantal_klaar``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from scan.leesmodellen import Sessie
from scan.services import start, workshop
from scan.ui.foutgrens import met_foutgrens
from scan.ui.opmaak import letterlijke_tabel, tijd
from scan.ui.panelen.workshop_gemeen import elke
from scan.ui.teksten import t
from scoring.models import Vragenlijst
from scoring.tijd import nu

if TYPE_CHECKING:
    from scan.db.verbinding import Database  # a type only: panels reach the database through services


def _bezetting(db: Database, ronde_id: int) -> None:
    """A full round (or one nearly full) is said to the facilitator: joiners beyond the maximum
    are refused on their phones, and the room should know why (issue 13, case 3)."""
    aantal, geweigerd = start.bezetting(db, ronde_id)
    melding = workshop.bezetting_melding(aantal, start.MAX_DEELNEMERS)
    if melding == "vol":
        st.warning(t("workshop.vol", maximum=start.MAX_DEELNEMERS, geweigerd=geweigerd), icon=":material/group_off:")
    elif melding == "bijna_vol":
        st.info(t("workshop.bijna_vol", over=start.MAX_DEELNEMERS - aantal, maximum=start.MAX_DEELNEMERS))


def toon_voortgang(db: Database, vl: Vragenlijst, sessie: Sessie) -> None:
    totaal = sum(len(b.stellingen) for b in vl.bouwstenen)

    @st.fragment(run_every=elke("5s"))
    @met_foutgrens
    def wie_vult_in() -> None:
        rijen = workshop.voortgang(db, sessie)
        _bezetting(db, sessie.ronde.id)
        invullers = workshop.invullers(rijen)
        st.header(t("workshop.voortgang.kop", aantal=len(invullers)), anchor=False)
        klaar = workshop.aantal_klaar(rijen, totaal)
        st.caption(t("workshop.voortgang.samenvatting", klaar=klaar, aantal=len(invullers), nu=tijd(nu())))
        st.table(
            # st.table renders its cells as Markdown: names and functions go through letterlijk.
            letterlijke_tabel(
                pd.DataFrame(
                    {
                        t("workshop.kol.naam"): [r.naam for r in rijen],
                        t("workshop.kol.functie"): [r.functie or t(f"rol.{r.rol}") for r in rijen],
                        # Words, not a bar of block characters that a screen reader reads as
                        # "full block" ten times.
                        t("workshop.kol.beantwoord"): [
                            t("workshop.kol.beantwoord.waarde", aantal=r.beantwoord, totaal=totaal) for r in rijen
                        ],
                        t("workshop.kol.ambities"): [f"{r.ambities} / {len(vl.bouwstenen)}" for r in rijen],
                        t("workshop.kol.actief"): [tijd(r.laatst_actief) for r in rijen],
                    }
                )
            ),
            hide_index=True,
            border="horizontal",
        )

    wie_vult_in()
