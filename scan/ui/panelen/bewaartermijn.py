"""The Beheer page's panels for personal data (issue 18): the retention period (which closed rounds
are due now and soon, and applying it with a confirmation) and deleting a whole round.

Layer: ``scan/ui`` (Streamlit). Round descriptions are user text: table cells go through
``letterlijke_tabel``, other places through ``letterlijk``. Every action is a service call in a
callback under ``veilig``; a refusal is shown in Dutch and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from scan.fouten import InvoerFout
from scan.leesmodellen import BewaarRonde
from scan.services import wissen
from scan.services.toegang import Gebruiker
from scan.ui.foutgrens import veilig
from scan.ui.opmaak import letterlijke_tabel, tijd_datum
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk
from scoring.wissen import BINNENKORT_DAGEN

if TYPE_CHECKING:
    from scan.db.verbinding import Database  # a type only: panels reach the database through services

_FOUT = "bewaar_fout"


@veilig
def _doe(actie: Callable[[], str]) -> None:
    try:
        gelukt = actie()
    except InvoerFout as fout:
        st.session_state[_FOUT] = letterlijk(str(fout))
    else:
        st.session_state.pop(_FOUT, None)
        st.toast(gelukt, icon=":material/check_circle:")


def _tabel(rondes: list[BewaarRonde]) -> None:
    st.table(
        letterlijke_tabel(
            pd.DataFrame(
                {
                    t("bewaar.kol.ronde"): [str(r.ronde_id) for r in rondes],
                    t("bewaar.kol.datum"): [f"{r.datum:%d-%m-%Y}" for r in rondes],
                    t("bewaar.kol.omschrijving"): [r.omschrijving or "–" for r in rondes],
                    t("bewaar.kol.afgerond"): [tijd_datum(r.afgerond_op) for r in rondes],
                    t("bewaar.kol.tot"): [tijd_datum(r.verloopt_op) if r.verloopt_op else "–" for r in rondes],
                    t("bewaar.kol.deelnemers"): [str(r.deelnemers) for r in rondes],
                }
            )
        ),
        hide_index=True,
        border="horizontal",
    )


def toon_persoonsgegevens(db: Database, gebruiker: Gebruiker, gm_code: str, gemeente: str) -> None:
    """Both panels for gemeente ``gm_code`` (the Beheer page has checked nothing: the services do)."""
    if fout := st.session_state.pop(_FOUT, None):
        st.error(fout, icon=":material/error:")
    _bewaartermijn(db, gebruiker, gm_code, gemeente)
    _ronde_verwijderen(db, gebruiker, gm_code, gemeente)


def _bewaartermijn(db: Database, gebruiker: Gebruiker, gm_code: str, gemeente: str) -> None:
    with st.container(border=True):
        st.header(t("bewaar.kop"), anchor=False)
        try:
            overzicht = wissen.bewaaroverzicht(db, gebruiker, gm_code)
        except InvoerFout as fout:  # a bad SCAN_BEWAARTERMIJN_MAANDEN, said in Dutch
            st.error(letterlijk(str(fout)), icon=":material/error:")
            return
        st.markdown(t("bewaar.uitleg", maanden=overzicht.maanden), anchors=False)
        st.info(t("bewaar.open"), icon=":material/lock_open:")
        st.markdown(t("bewaar.nu.kop", aantal=len(overzicht.nu)), anchors=False)
        if overzicht.nu:
            _tabel(overzicht.nu)
            zeker = st.checkbox(t("bewaar.bevestig", aantal=len(overzicht.nu)), key=f"bewaar_zeker_{gm_code}")

            def toepassen() -> str:
                gedaan = wissen.pas_bewaartermijn_toe(db, gebruiker, gm_code)
                st.session_state[f"bewaar_zeker_{gm_code}"] = False
                return t("bewaar.gedaan", aantal=len(gedaan))

            st.button(
                t("bewaar.knop"),
                type="primary",
                icon=":material/auto_delete:",
                disabled=not zeker,
                key=f"bewaar_knop_{gm_code}",
                on_click=_doe,
                args=(toepassen,),
            )
        else:
            st.caption(t("bewaar.nu.geen", gemeente=letterlijk(gemeente)))
        st.markdown(t("bewaar.binnenkort.kop", dagen=BINNENKORT_DAGEN, aantal=len(overzicht.binnenkort)), anchors=False)
        if overzicht.binnenkort:
            _tabel(overzicht.binnenkort)
        else:
            st.caption(t("bewaar.binnenkort.geen", dagen=BINNENKORT_DAGEN))
        st.caption(t("bewaar.dagelijks"))


def _ronde_verwijderen(db: Database, gebruiker: Gebruiker, gm_code: str, gemeente: str) -> None:
    with st.container(border=True):
        st.header(t("ronde_weg.kop"), anchor=False)
        st.markdown(t("ronde_weg.uitleg", gemeente=letterlijk(gemeente)), anchors=False)
        rondes = {r.id: r for r in wissen.rondes_van(db, gebruiker, gm_code)}
        if not rondes:
            st.caption(t("ronde_weg.geen", gemeente=letterlijk(gemeente)))
            return

        def label(i: int) -> str:
            r = rondes[i]
            return t(
                "ronde_weg.label",
                id=r.id,
                datum=f"{r.datum:%d-%m-%Y}",
                status=t(f"status.{r.status}"),
                deelnemers=r.deelnemers,
                fictief=t("ronde_weg.fictief") if r.fictief else "",
            )

        gekozen = st.selectbox(
            t("ronde_weg.kies"),
            list(rondes),
            index=None,
            format_func=label,
            placeholder=t("ronde_weg.kies.leeg"),
            key=f"ronde_weg_{gm_code}",
        )
        if gekozen is None:
            return
        ronde = rondes[gekozen]
        datum = f"{ronde.datum:%d-%m-%Y}"
        zeker = st.checkbox(
            t("ronde_weg.bevestig", id=ronde.id, gemeente=letterlijk(gemeente), datum=datum),
            key=f"ronde_weg_zeker_{ronde.id}",
        )

        def verwijder(ronde_id: int = ronde.id) -> str:
            weg = wissen.verwijder_ronde(db, gebruiker, ronde_id)
            st.session_state.pop(f"ronde_weg_{gm_code}", None)
            return t("ronde_weg.gedaan", id=weg.id, datum=f"{weg.datum:%d-%m-%Y}")

        st.button(
            t("ronde_weg.knop"),
            type="primary",
            icon=":material/delete_forever:",
            disabled=not zeker,
            key=f"ronde_weg_knop_{ronde.id}",
            on_click=_doe,
            args=(verwijder,),
        )
