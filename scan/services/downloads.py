"""How a download is built: the bytes of the PDFs, the Excel and CSV files and the exchange file
of a round, and who may have which.

Layer: ``scan/services`` (no Streamlit, no SQL). Every file is built from what the database holds
at the moment it is asked for (``uitwisseling.exporteer``), so a download is never stale; the
downloads panel (``scan/ui/rapporten.py``) asks only when its button is clicked.

Who gets what: the PDFs (and the HTML version of the full report) show notes without names, so every participant may take them
(the full report does list the werkgroep's names and functions, and says so at its button); the
Excel, CSV and JSON files hold each participant's answers by name, so only facilitators get
them (the workshop screen hides names for the same reason).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict

from reports.exports import csv_zip, naar_excel
from reports.html import html_rapport
from reports.pdf import opwarmen as pdf_opwarmen
from reports.pdf import rapport
from scan.db.verbinding import Database
from scan.fouten import GeenToegang
from scan.leesmodellen import Sessie
from scan.services.regels import bouwsteen_stellingen
from scan.services.uitwisseling import exporteer_in
from scan.services.vergelijken import benchmark_positie_in
from scoring import tijd
from scoring.engine import bereken_scan
from scoring.loader import laad_vragenlijst
from scoring.models import Vragenlijst
from scoring.samen import verborgen_stellingen
from scoring.uitwissel import schrijf_scan, zonder_verborgen

Soort = Literal["handout", "volledig", "html", "xlsx", "csv", "json"]

_PDF = "application/pdf"
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Download(BaseModel):
    """One file a round offers: what it is, how it is named, its media type."""

    model_config = ConfigDict(frozen=True)

    soort: Soort
    naam: str
    """The part of the file name that says what it holds ('samenvatting')."""
    extensie: str
    mime: str
    met_namen: bool
    """Holds each participant's answers by name: facilitators only."""
    namen: bool = True
    """Holds participants' names at all (the full report names the werkgroep): said at its button (issue 18)."""


DOWNLOADS: tuple[Download, ...] = (
    # The handout names functions, never people.
    Download(soort="handout", naam="samenvatting", extensie="pdf", mime=_PDF, met_namen=False, namen=False),
    Download(soort="volledig", naam="verbeterrapport", extensie="pdf", mime=_PDF, met_namen=False),
    # The PDF cannot be tagged (ReportLab's open-source edition); this is its accessible version.
    Download(soort="html", naam="verbeterrapport", extensie="html", mime="text/html", met_namen=False),
    Download(soort="xlsx", naam="gegevens", extensie="xlsx", mime=_XLSX, met_namen=True),
    Download(soort="csv", naam="tabellen-csv", extensie="zip", mime="application/zip", met_namen=True),
    Download(soort="json", naam="uitwisselbestand", extensie="json", mime="application/json", met_namen=True),
)


def mag(sessie: Sessie, download: Download) -> bool:
    """Whether this person may take this file: files with names only for facilitators."""
    return sessie.is_facilitator or not download.met_namen


def voor(sessie: Sessie) -> tuple[list[Download], list[Download]]:
    """The files for this person: the reports without names, and the files with names (empty for
    a participant, who is told that the facilitator can download them)."""
    return (
        [d for d in DOWNLOADS if not d.met_namen],
        [d for d in DOWNLOADS if d.met_namen and mag(sessie, d)],
    )


def bestandsnaam(sessie: Sessie, naam: str, extensie: str) -> str:
    """'zelfscan-sudwest-fryslan-2026-11-22-samenvatting.pdf': safe on every system, still readable."""
    kaal = unicodedata.normalize("NFKD", sessie.ronde.gemeente).encode("ascii", "ignore").decode()
    gemeente = re.sub(r"[^a-z0-9]+", "-", kaal.casefold()).strip("-") or sessie.ronde.gm_code.lower()
    return f"zelfscan-{gemeente}-{sessie.ronde.datum.isoformat()}-{naam}.{extensie}"


def bestand(db: Database, vl: Vragenlijst, sessie: Sessie, soort: Soort) -> bytes:
    """The bytes of file ``soort`` of this person's round, from what is stored now."""
    download = next((d for d in DOWNLOADS if d.soort == soort), None)
    if download is None or not mag(sessie, download):
        raise GeenToegang(
            f"Dit bestand van scanronde {sessie.ronde.code_leesbaar} bevat antwoorden met namen; alleen de "
            "facilitator kan het downloaden."
        )
    ronde_id = sessie.ronde.id
    pdf = soort in ("handout", "volledig", "html")
    # One read: the round and, for a PDF, its benchmark position from the same moment.
    with db.inzage() as werk:
        scan = exporteer_in(werk, ronde_id)
        positie = benchmark_positie_in(werk, vl, ronde_id) if pdf else None
        if pdf:
            # The PDFs are for everyone, like Resultaten: blind to the part of a Samen session
            # still open (issue 16). The files with names are the facilitator's whole record.
            modus = werk.samen.modus(ronde_id)
            stap = werk.samen.huidige(ronde_id) if modus is not None and modus[0] == "samen" else None
            verborgen = verborgen_stellingen(modus[0] if modus else "eigen_tempo", stap, bouwsteen_stellingen(vl))
            scan = zonder_verborgen(scan, verborgen, stap is not None and stap.herstemming)
    if soort == "json":
        return schrijf_scan(scan).encode()
    resultaat = bereken_scan(vl, scan)
    if soort == "xlsx":
        return naar_excel(vl, scan, resultaat)
    if soort == "csv":
        return csv_zip(vl, scan, resultaat)
    if soort == "html":
        return html_rapport(vl, scan, resultaat, vandaag=tijd.vandaag(), benchmark=positie).encode("utf-8")
    return rapport(
        "handout" if soort == "handout" else "volledig",
        vl,
        scan,
        resultaat,
        vandaag=tijd.vandaag(),
        benchmark=positie,
    )


def opwarmen() -> None:
    """Ready this process's report builder before the first download (``reports.pdf.opwarmen``),
    with the radar layouts of the questionnaire new rounds use."""
    pdf_opwarmen(laad_vragenlijst())
