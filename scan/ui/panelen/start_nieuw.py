"""Start's form for a facilitator: a new round of a gemeente they may lead."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from scan.fouten import InvoerFout
from scan.gemeenten import keuzelabel
from scan.services import start
from scan.services.toegang import Gebruiker
from scan.ui.context import ga_naar, meld_aan
from scan.ui.panelen.start_gemeen import fout
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk
from scoring import tijd
from scoring.models import Vragenlijst
from scoring.tekst import maximum

if TYPE_CHECKING:
    from scan.db.verbinding import Database  # a type only: panels reach the database through services


def toon_nieuw(db: Database, vl: Vragenlijst, gebruiker: Gebruiker) -> None:
    with st.form("nieuw"):
        st.markdown(t("start.nieuw.uitleg"), anchors=False)
        keuzes = {g.gm_code: g for g in start.gemeenten(db, gebruiker)}
        gm_code = st.selectbox(
            t("start.gemeente"),
            options=list(keuzes),
            index=None,
            format_func=lambda c: keuzelabel(keuzes[c].naam, keuzes[c].provincie, c),
            placeholder=t("start.gemeente.zoek"),
        )
        datum = st.date_input(t("start.datum"), value=tijd.vandaag(), format="DD-MM-YYYY")
        omschrijving = st.text_input(
            t("start.omschrijving"), max_chars=maximum("omschrijving"), placeholder=t("start.omschrijving.voorbeeld")
        )
        # A signed-in person's own name from their account; at the shared laptop, typed in.
        facilitator = st.text_input(
            t("start.naam"),
            value="" if gebruiker.lokaal else gebruiker.naam,
            max_chars=maximum("naam"),
            key="nieuw_naam",
            autocomplete="name",
        )
        functie = st.text_input(
            t("start.functie"), max_chars=maximum("functie"), key="nieuw_functie", autocomplete="organization-title"
        )
        st.caption(t("start.bron"))
        if not st.form_submit_button(t("start.nieuw.knop"), type="primary"):
            return
        if gm_code is None:
            fout(t("start.gemeente.kies"))
            return
        try:
            nieuw = start.start_ronde_als(
                db,
                vl,
                gebruiker,
                gm_code=gm_code,
                facilitator=facilitator,
                datum=datum,
                omschrijving=omschrijving,
                functie=functie,
            )
        except InvoerFout as geweigerd:
            fout(letterlijk(str(geweigerd)))
        else:
            meld_aan(nieuw)
            ga_naar("workshop")
