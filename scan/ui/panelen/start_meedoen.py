"""Start's forms for participants: join a round with its code, or come back with a personal link.

Codes and links are guessable by rerunning these forms: repeated wrong ones wait (``scan.ui.afremmen``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from scan.fouten import InvoerFout, OnbekendeCode
from scan.services import start
from scan.ui.afscherming import poging_gelukt, poging_mislukt, poging_wachttijd, te_veel_pogingen
from scan.ui.context import ga_naar, meld_aan
from scan.ui.panelen.privacy_melding import toon_melding
from scan.ui.panelen.start_gemeen import fout
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk
from scoring.models import Vragenlijst
from scoring.samen import DISCIPLINES
from scoring.tekst import maximum

if TYPE_CHECKING:
    from scan.db.verbinding import Database  # a type only: panels reach the database through services


def toon_meedoen(db: Database, vl: Vragenlijst) -> None:
    with st.form("meedoen"):
        st.markdown(t("start.meedoen.uitleg"), anchors=False)
        code = st.text_input(
            t("start.code"),
            value=start.code_zoals_getoond(st.query_params.get("code", "")),
            placeholder="ABCD-EFGH",
            max_chars=200,
        )
        # Before the name is asked: what is kept, why, for how long, who sees it (issue 18).
        toon_melding()
        # Autocomplete (WCAG 1.3.5): phones offer the person's own name and job title.
        naam = st.text_input(
            t("start.naam"), max_chars=maximum("naam"), placeholder=t("start.naam.voorbeeld"), autocomplete="name"
        )
        functie = st.text_input(
            t("start.functie"),
            max_chars=maximum("functie"),
            placeholder=t("start.functie.voorbeeld"),
            autocomplete="organization-title",
        )
        # In a form nothing reacts to typing, so no choice is made for the participant: left
        # empty, the function typed tells (scoring.samen.discipline_van). Pills, not a list: seven
        # short choices a phone shows at once, one tap each.
        vakgebied = st.pills(
            t("telefoon.vakgebied"),
            DISCIPLINES,
            selection_mode="single",
            default=None,
            format_func=lambda d: t(f"telefoon.vakgebied.{d}"),
            key="meedoen_vakgebied",
        )
        st.caption(t("telefoon.vakgebied.uitleg"))
        if not st.form_submit_button(t("start.meedoen.knop"), type="primary"):
            return
        if wacht := poging_wachttijd():
            fout(te_veel_pogingen(wacht))
            return
        try:
            meld_aan(start.neem_deel(db, vl, code=code, naam=naam, functie=functie, discipline=vakgebied))
        except OnbekendeCode as onbekend:
            poging_mislukt()
            fout(letterlijk(str(onbekend)))
        except InvoerFout as geweigerd:
            fout(letterlijk(str(geweigerd)))
        else:
            poging_gelukt()
            ga_naar("invullen")


def toon_terug(db: Database) -> None:
    with st.form("terug"):
        st.markdown(t("start.terug.uitleg"), anchors=False)
        link = st.text_input(t("start.terug.link"), max_chars=300)
        if not st.form_submit_button(t("start.terug.knop")):
            return
        token = start.token_uit_link(link)
        wacht = poging_wachttijd() if token else 0
        terug = start.sessie_voor_token(db, token) if token and not wacht else None
        if not token:
            fout(t("start.terug.leeg"))
        elif wacht:
            fout(te_veel_pogingen(wacht))
        elif terug is None:
            poging_mislukt()
            fout(t("start.terug.onbekend"))
        else:
            poging_gelukt()
            meld_aan(terug)
            ga_naar("invullen")
