"""The presenter view's progress: who fills in how much, in large type.

Layer: ``scan/ui`` (Streamlit). Who the room waits for and who is done are the service's rules.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from scan.leesmodellen import Voortgang
from scan.services import workshop
from scan.ui.panelen.workshop_gemeen import balk
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk


def toon_voortgang(rijen: Sequence[Voortgang], totaal: int) -> None:
    invullers = workshop.invullers(rijen)
    klaar = workshop.aantal_klaar(rijen, totaal)
    with st.container(key="scherm_voortgang"):
        st.markdown(t("scherm.voortgang.kop", klaar=klaar, aantal=len(invullers)), anchors=False)
        if not invullers:
            st.markdown(t("scherm.voortgang.leeg"), anchors=False)
            return
        lijnen = [
            f"| {t('scherm.kol.naam')} | {t('scherm.kol.voortgang')} | |",
            "|:--|:--|--:|",
            *(
                f"| {letterlijk(r.naam)} | {balk(r.beantwoord, totaal)} | "
                f"{'✓' if r.beantwoord >= totaal else f'{r.beantwoord}/{totaal}'} |"
                for r in invullers
            ),
        ]
        st.markdown("\n".join(lijnen), anchors=False)
