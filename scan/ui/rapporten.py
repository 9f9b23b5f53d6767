"""The downloads panel of the Resultaten and Doelen pages: PDFs, Excel, CSV and the exchange file.

Layer: application UI (``scan/``). Every file is built only when its button is clicked
(Streamlit runs the callable then, on its own thread), never on a rerun, and always from
what the database holds at that moment (``uitwisseling.exporteer``), so a download is never
stale and a click on an answer never waits for a PDF. The callables get the database and
questionnaire passed in: they run outside the page script and may not call Streamlit.

Who gets what: the PDFs show notes without names, so every participant may take them; the
Excel, CSV and JSON files hold each participant's answers by name, so only facilitators get
them (the workshop screen hides names for the same reason).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable

import streamlit as st

from reports.exports import csv_zip, naar_excel
from reports.pdf import rapport
from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services.uitwisseling import exporteer
from scan.services.vergelijken import benchmark_positie
from scan.ui.teksten import t
from scoring.engine import bereken_scan
from scoring.models import Vragenlijst
from scoring.uitwissel import schrijf_scan

_PDF = "application/pdf"
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def bestandsnaam(sessie: Sessie, soort: str, extensie: str) -> str:
    """'zelfscan-sudwest-fryslan-2026-11-22-samenvatting.pdf': safe on every system, still readable."""
    kaal = unicodedata.normalize("NFKD", sessie.ronde.gemeente).encode("ascii", "ignore").decode()
    gemeente = re.sub(r"[^a-z0-9]+", "-", kaal.casefold()).strip("-") or sessie.ronde.gm_code.lower()
    return f"zelfscan-{gemeente}-{sessie.ronde.datum.isoformat()}-{soort}.{extensie}"


def maak_bestand(db: Database, vl: Vragenlijst, ronde_id: int, soort: str) -> Callable[[], bytes]:
    """The callable a download button runs on its click: ``soort`` is handout, volledig, xlsx, csv or json."""

    def maak() -> bytes:
        scan = exporteer(db, ronde_id)
        if soort == "json":
            return schrijf_scan(scan).encode()
        resultaat = bereken_scan(vl, scan)
        if soort == "xlsx":
            return naar_excel(vl, scan, resultaat)
        if soort == "csv":
            return csv_zip(vl, scan, resultaat)
        benchmark = benchmark_positie(db, vl, ronde_id)
        return rapport(
            "handout" if soort == "handout" else "volledig",
            vl,
            scan,
            resultaat,
            vandaag=dt.date.today(),
            benchmark=benchmark,
        )

    return maak


def _knoppen(db: Database, vl: Vragenlijst, sessie: Sessie, knoppen: list[tuple[str, str, str, str, str]]) -> None:
    for kolom, (soort, naam, extensie, mime, icoon) in zip(st.columns(len(knoppen)), knoppen, strict=True):
        with kolom:
            st.download_button(
                t(f"downloads.{soort}"),
                data=maak_bestand(db, vl, sessie.ronde.id, soort),
                file_name=bestandsnaam(sessie, naam, extensie),
                mime=mime,
                on_click="ignore",
                icon=icoon,
                key=f"download_{soort}",
                width="stretch",
            )
            st.caption(t(f"downloads.{soort}.uitleg"))


def toon_downloads(db: Database, vl: Vragenlijst, sessie: Sessie) -> None:
    """The panel: the PDFs for management first, then the data files, each with what it holds."""
    st.subheader(t("downloads.titel"))
    st.caption(t("downloads.uitleg"))
    _knoppen(
        db,
        vl,
        sessie,
        [
            ("handout", "samenvatting", "pdf", _PDF, ":material/picture_as_pdf:"),
            ("volledig", "verbeterrapport", "pdf", _PDF, ":material/description:"),
        ],
    )
    if not sessie.is_facilitator:
        st.caption(t("downloads.alleen_facilitator"))
        return
    _knoppen(
        db,
        vl,
        sessie,
        [
            ("xlsx", "gegevens", "xlsx", _XLSX, ":material/table_view:"),
            ("csv", "tabellen-csv", "zip", "application/zip", ":material/csv:"),
            ("json", "uitwisselbestand", "json", "application/json", ":material/data_object:"),
        ],
    )
