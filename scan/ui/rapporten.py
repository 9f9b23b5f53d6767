"""The downloads panel of the Resultaten and Doelen pages: one button per file, with what it holds.

Layer: ``scan/ui``. The panel only shows buttons; the files are built by ``scan.services.downloads``
when a button is clicked (Streamlit runs the callable then, on its own thread), never on a
rerun, so a download is never stale and a click on an answer never waits for a PDF. The
callables get the database and questionnaire passed in: they run outside the page script and
may not call Streamlit.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from functools import partial
from typing import TYPE_CHECKING, Literal

import streamlit as st

from scan.leesmodellen import Sessie
from scan.services import downloads
from scan.ui.teksten import t
from scoring.models import Vragenlijst

if TYPE_CHECKING:
    from scan.db.verbinding import Database  # a type only: panels reach the database through services

log = logging.getLogger(__name__)

OPWARMEN_VARIABELE = "SCAN_RAPPORT_OPWARMEN"
"""``uit`` leaves the report builder cold until the first download (docs/configuratie.md)."""
WACHT_SECONDEN = 2.0
"""Before warming up: vl-convert holds the GIL while its engine starts, so the first page goes out first."""
_opwarmen_slot = threading.Lock()
_opwarmen_gestart = False

_ICOON = {
    "handout": ":material/picture_as_pdf:",
    "volledig": ":material/description:",
    "html": ":material/accessibility_new:",
    "xlsx": ":material/table_view:",
    "csv": ":material/csv:",
    "json": ":material/data_object:",
}


def _knop(
    db: Database, vl: Vragenlijst, sessie: Sessie, d: downloads.Download, breedte: Literal["stretch", "content"]
) -> None:
    st.download_button(
        t(f"downloads.{d.soort}"),
        data=partial(downloads.bestand, db, vl, sessie, d.soort),
        file_name=downloads.bestandsnaam(sessie, d.naam, d.extensie),
        mime=d.mime,
        on_click="ignore",
        icon=_ICOON[d.soort],
        key=f"download_{d.soort}",
        width=breedte,
    )
    # Issue 18: whoever takes a file with names knows it is personal data (one caption, two lines).
    st.caption(f"{t(f'downloads.{d.soort}.uitleg')}  \n{t('downloads.namen' if d.namen else 'downloads.zonder_namen')}")


def _rapporten(db: Database, vl: Vragenlijst, sessie: Sessie, bestanden: list[downloads.Download]) -> None:
    # One under the other, each button as wide as its label: a download button cuts its label off
    # with "…" rather than wrapping, and in three columns "Volledig rapport (HTML, toegankelijk)"
    # (and at 1024 px every report's name) lost its end.
    for d in bestanden:
        _knop(db, vl, sessie, d, "content")


def _knoppen(db: Database, vl: Vragenlijst, sessie: Sessie, bestanden: list[downloads.Download]) -> None:
    for kolom, d in zip(st.columns(len(bestanden)), bestanden, strict=True):
        with kolom:
            _knop(db, vl, sessie, d, "stretch")


def toon_downloads(db: Database, vl: Vragenlijst, sessie: Sessie) -> None:
    """The panel: the PDFs for management first, then the data files, each with what it holds."""
    st.header(t("downloads.titel"), anchor=False)  # h2: a section of the page, after h2 sections
    st.caption(t("downloads.uitleg"))
    rapporten, gegevens = downloads.voor(sessie)
    _rapporten(db, vl, sessie, rapporten)
    if not gegevens:
        st.caption(t("downloads.alleen_facilitator"))
        return
    _knoppen(db, vl, sessie, gegevens)


def start_opwarmen() -> None:
    """Once per process, in a background thread: start the PDF charts' renderer and build the
    handout's radar layouts, so the first download after a start does not wait 1.5 s for them
    (issue 20, item 5). Never blocks the page that calls it; a failure is logged, never shown."""
    global _opwarmen_gestart
    if os.environ.get(OPWARMEN_VARIABELE, "").strip().casefold() == "uit":
        return
    with _opwarmen_slot:
        if _opwarmen_gestart:
            return
        _opwarmen_gestart = True
    threading.Thread(target=_opwarmen, name="rapporten-opwarmen", daemon=True).start()


def _opwarmen() -> None:
    time.sleep(WACHT_SECONDEN)
    begin = time.perf_counter()
    try:
        downloads.opwarmen()
    except Exception:
        # The reports still work, only the first one is slower: worth a line in the log, no more.
        log.warning("rapporten opwarmen mislukt; het eerste rapport duurt langer", exc_info=True)
        return
    log.info("rapporten opgewarmd in %.1f s", time.perf_counter() - begin)
