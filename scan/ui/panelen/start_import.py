"""Start's import: an exchange file (JSON, Excel) checked and shown before it becomes a round."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from reports.exports import lees_bestand
from scan.fouten import InvoerFout
from scan.services import uitwisseling
from scan.services.toegang import Gebruiker
from scan.services.uitwisseling import controleer_import
from scan.ui.context import ga_naar, meld_aan
from scan.ui.panelen.start_gemeen import fout, mag_niet_leiden
from scan.ui.teksten import t
from scan.ui.toegankelijk import kondig_aan
from scan.ui.weergave import letterlijk
from scoring.models import Vragenlijst
from scoring.uitwissel import UitwisselFout

if TYPE_CHECKING:
    from scan.db.verbinding import Database  # a type only: panels reach the database through services


def toon_import(db: Database, vl: Vragenlijst, gebruiker: Gebruiker | None) -> None:
    st.markdown(t("start.import.uitleg"), anchors=False)
    # The box says the server's own limit (.streamlit/config.toml), so the two never differ.
    grens_mb = int(st.get_option("server.maxUploadSize"))
    bestand = (
        None
        if mag_niet_leiden(gebruiker, "import")
        else st.file_uploader(
            t("start.import.bestand"),
            key="import_bestand",
            max_upload_size=grens_mb,
            help=t("start.import.grens", mb=grens_mb),
        )
    )
    if bestand is None:
        return
    try:
        scan = lees_bestand(bestand.getvalue(), bestand.name)
        problemen = controleer_import(db, vl, scan)
    except UitwisselFout as onleesbaar:
        problemen = onleesbaar.problemen
    if problemen:
        regels = "\n".join(f"- {letterlijk(p)}" for p in problemen)
        st.error(f"{t('start.import.fout', naam=letterlijk(bestand.name))}\n\n{regels}", icon=":material/error:")
        kondig_aan(t("start.import.fout", naam=letterlijk(bestand.name)), fout=True)
        return
    st.info(
        t(
            "start.import.samenvatting",
            gemeente=letterlijk(scan.gemeente.naam),
            datum=scan.scanronde.datum.strftime("%d-%m-%Y"),
            deelnemers=len(scan.deelnemers),
            antwoorden=len(scan.antwoorden),
            doelen=len(scan.doelen),
            fictief=t("start.import.fictief") if scan.fictief else "",
        ),
        icon=":material/upload_file:",
    )
    if st.button(t("start.import.knop"), type="primary"):
        try:
            geimporteerd = uitwisseling.importeer_als(db, vl, gebruiker, scan)
        except InvoerFout as geweigerd:
            fout(letterlijk(str(geweigerd)))
        else:
            meld_aan(geimporteerd)
            ga_naar("resultaten")
