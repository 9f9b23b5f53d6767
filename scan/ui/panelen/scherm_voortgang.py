"""The presenter view's progress: who fills in how much, in large type.

Layer: ``scan/ui`` (Streamlit). Who the room waits for and who is done are the service's rules.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import streamlit as st

from scan.leesmodellen import Voortgang
from scan.services import workshop
from scan.ui.panelen.workshop_gemeen import balk
from scan.ui.teksten import t


def toon_voortgang(rijen: Sequence[Voortgang], totaal: int) -> None:
    invullers = workshop.invullers(rijen)
    klaar = workshop.aantal_klaar(rijen, totaal)
    with st.container(key="scherm_voortgang"):
        st.markdown(t("scherm.voortgang.kop", klaar=klaar, aantal=len(invullers)), anchors=False)
        if not invullers:
            st.markdown(t("scherm.voortgang.leeg"), anchors=False)
            return
        # Our own table (names escaped): the block bar is for the eye only, hidden from screen
        # readers, which otherwise read it as ten times "full block"; the count is text.
        regels = "".join(
            f"<tr><td>{html.escape(r.naam)}</td>"
            f'<td><span aria-hidden="true">{balk(r.beantwoord, totaal)}</span></td>'
            f'<td style="text-align:right">'
            f"{html.escape(t('scherm.voortgang.klaar') if r.beantwoord >= totaal else t('scherm.voortgang.aantal', aantal=r.beantwoord, totaal=totaal))}"
            "</td></tr>"
            for r in invullers
        )
        st.html(
            f'<table><thead><tr><th scope="col">{html.escape(t("scherm.kol.naam"))}</th>'
            f'<th scope="col">{html.escape(t("scherm.kol.voortgang"))}</th><th scope="col">'
            f'<span class="zelfscan-sr-only">{html.escape(t("scherm.kol.aantal_beantwoord"))}</span></th></tr></thead>'
            f"<tbody>{regels}</tbody></table>"
        )
