"""Inzage on Invullen (issue 18, item 4): the participant downloads everything stored about them.

Layer: ``scan/ui``. As the downloads panel, the files are built by ``scan.services.privacy`` only
when a button is clicked (Streamlit calls the callable then, on its own thread, so it may not call
Streamlit), from what is stored at that moment, for the session's own token only.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Literal

import streamlit as st

from scan.leesmodellen import Sessie
from scan.services import privacy
from scan.ui.teksten import t
from scoring.models import Vragenlijst

if TYPE_CHECKING:
    from scan.db.verbinding import Database  # a type only: panels reach the database through services

_SOORTEN: tuple[tuple[Literal["json", "csv"], str, str], ...] = (
    ("json", "application/json", ":material/data_object:"),
    ("csv", "text/csv", ":material/csv:"),
)


def _bestand(db: Database, vl: Vragenlijst, sessie: Sessie, soort: Literal["json", "csv"]) -> bytes:
    gegevens = privacy.mijn_gegevens(db, sessie)
    return privacy.als_json(gegevens, vl) if soort == "json" else privacy.als_csv(gegevens, vl)


def toon_inzage(db: Database, vl: Vragenlijst, sessie: Sessie) -> None:
    with st.expander(t("inzage.kop"), icon=":material/download:"):
        st.markdown(t("inzage.uitleg"), anchors=False)
        for soort, mime, icoon in _SOORTEN:
            st.download_button(
                t(f"inzage.{soort}"),
                data=partial(_bestand, db, vl, sessie, soort),
                file_name=privacy.bestandsnaam(sessie, soort),
                mime=mime,
                on_click="ignore",
                icon=icoon,
                key=f"inzage_{soort}",
            )
            st.caption(t(f"inzage.{soort}.uitleg"))
