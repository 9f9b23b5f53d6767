"""Benchmarks of the reports issue: PDFs, exports and imports of one 15-participant round.

- side by side in one run (issue 20, item 5, goal: the handout at most 3 times the plain page):
  a plain reportlab page with one image (the round's kern radar as PNG, the handout's settings)
  and the handout, each warm (median over runs in this process) and cold (a fresh process);
- cold means a fresh process as an app process is when its first user asks: its imports done
  and the app's start-up warm-up (``reports.pdf.opwarmen``) done, both before the clock starts;
  timed is the call that makes the PDF, for the handout from the scan in hand (scoring included).
  The imports and the warm-up are printed beside it, and the handout without the warm-up;
- the app's download path warm: the round exported from the database, scored, then the handout;
- the full verbeterrapport, warm;
- export of the round from the database (``exporteer``) to JSON and to Excel, and import of
  those files (read and validate, then ``importeer`` into the database), on SQLite and, when a
  server answers, PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench import workshop
from bench.workshop import PostgresOvergeslagen, postgres_database
from scan.db.openen import open_database
from scan.db.verbinding import Database
from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scoring.models import Vragenlijst

ROOT = Path(__file__).resolve().parent.parent
DEELNEMERS = 15
VANDAAG = dt.date(2026, 11, 22)
DOEL = 3.0
"""The handout's time at most this many times the plain page's (issue 20, item 5)."""
_KOUD = """
import time, datetime as dt, sys
t0 = time.perf_counter()
import reports.pdf
from scoring.engine import bereken_scan
from scoring.loader import laad_vragenlijst
from scoring.uitwissel import lees_scan
vl = laad_vragenlijst()
scan = lees_scan(sys.argv[1])
t1 = time.perf_counter()
if sys.argv[2] == "ja":
    reports.pdf.opwarmen(vl)
t2 = time.perf_counter()
reports.pdf.handout(vl, scan, bereken_scan(vl, scan), vandaag=dt.date(2026, 11, 22))
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2)
"""
_KAAL = """
import time, sys
t0 = time.perf_counter()
import io, struct
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Image, SimpleDocTemplate
rl_config.useA85 = 0  # as reports.pdf sets it
png = open(sys.argv[1], "rb").read()
b, h = struct.unpack(">II", png[16:24])
t1 = time.perf_counter()
buf = io.BytesIO()
SimpleDocTemplate(buf, pagesize=A4).build([Image(io.BytesIO(png), width=96 * mm, height=96 * mm * h / b)])
t2 = time.perf_counter()
print(t1 - t0, 0.0, t2 - t1)
"""


def kale_pagina(png: bytes) -> bytes:
    """A plain reportlab page with one image: the yardstick of the handout (issue 20, item 5)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, SimpleDocTemplate

    from reports.pdf import png_afmeting

    breedte, hoogte = png_afmeting(png)
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build(
        [Image(io.BytesIO(png), width=96 * mm, height=96 * mm * hoogte / breedte)]
    )
    return buf.getvalue()


def _processen(code: str, argumenten: list[str], herhalingen: int) -> list[tuple[float, float, float]]:
    """(imports, warm-up, the timed call) in seconds, from a fresh Python process per run."""
    uit = []
    for _ in range(herhalingen):
        regel = subprocess.run(
            [sys.executable, "-c", code, *argumenten], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split()
        a, b, c = (float(x) for x in regel[-3:])
        uit.append((a, b, c))
    return uit


def _naast(naam: str, tijden: list[float], kaal: float | None, toelichting: str = "") -> None:
    mediaan = statistics.median(tijden)
    verhouding = ""
    if kaal is not None:
        keer = mediaan / kaal
        verhouding = f"{keer:5.1f}x kaal  ({'binnen doel' if keer <= DOEL else 'BOVEN DOEL'} {DOEL:.0f}x)"
    print(f"  {naam:<52} {mediaan * 1000:7.0f} ms  (n={len(tijden)})  {verhouding}{toelichting}")


def _tijden(functie: Callable[[], object], herhalingen: int) -> list[float]:
    functie()  # warm-up: fonts registered, vl-convert's engine started
    return workshop.tijden(functie, herhalingen)


def _regel(naam: str, tijden: list[float], doel: float) -> None:
    mediaan = statistics.median(tijden)
    oordeel = "binnen doel" if mediaan < doel else "BOVEN DOEL"
    print(
        f"  {naam:<58} mediaan {mediaan * 1000:7.0f} ms  max {max(tijden) * 1000:7.0f} ms  (n={len(tijden)}, doel < {doel * 1000:.0f} ms: {oordeel})"
    )


def _export_import(db: Database, vl: Vragenlijst, naam: str, herhalingen: int) -> None:
    from reports.exports import lees_bestand, naar_excel
    from scan.services.toegang import lokale_gebruiker
    from scan.services.uitwisseling import exporteer, importeer_als
    from scoring.engine import bereken_scan
    from scoring.uitwissel import schrijf_scan

    scan = maak_demo(vl, zoek_gemeente("Súdwest-Fryslân"), DEELNEMERS, dt.date(2026, 11, 22), seed=5)
    ronde = importeer_als(db, vl, lokale_gebruiker(), scan).ronde.id
    print(f"  {naam}: ronde met {DEELNEMERS} deelnemers en {len(scan.antwoorden)} antwoorden")

    def json_export() -> bytes:
        return schrijf_scan(exporteer(db, ronde)).encode()

    def excel_export() -> bytes:
        uit = exporteer(db, ronde)
        return naar_excel(vl, uit, bereken_scan(vl, uit))

    json_bestand, excel_bestand = json_export(), excel_export()
    _regel("export naar JSON (database -> bestand)", _tijden(json_export, herhalingen), 0.5)
    _regel("export naar Excel (database -> scores -> .xlsx)", _tijden(excel_export, herhalingen), 0.5)
    _regel(
        "import van JSON (lezen, controleren, opslaan)",
        _tijden(
            lambda: importeer_als(db, vl, lokale_gebruiker(), lees_bestand(json_bestand, "scan.json")), herhalingen
        ),
        0.5,
    )
    _regel(
        "import van Excel (lezen, controleren, opslaan)",
        _tijden(
            lambda: importeer_als(db, vl, lokale_gebruiker(), lees_bestand(excel_bestand, "scan.xlsx")), herhalingen
        ),
        0.5,
    )


def draai_rapporten(vl: Vragenlijst, postgres_url: str, herhalingen: int = 7) -> None:
    from reports.pdf import grafiek_png, handout, radar_spec, verbeterrapport
    from scan.services.toegang import lokale_gebruiker
    from scan.services.uitwisseling import exporteer, importeer_als
    from scoring.engine import bereken_scan
    from scoring.uitwissel import schrijf_scan

    print()
    print(f"Rapporten: één scanronde met {DEELNEMERS} deelnemers (SQLite in een tijdelijk bestand)")
    with tempfile.TemporaryDirectory(prefix="bench_") as tijdelijk:
        map_ = Path(tijdelijk)
        db = open_database(f"sqlite:///{map_ / 'rapporten.db'}")
        try:
            scan = maak_demo(vl, zoek_gemeente("Súdwest-Fryslân"), DEELNEMERS, dt.date(2026, 11, 22), seed=5)
            ronde = importeer_als(db, vl, lokale_gebruiker(), scan).ronde.id

            def pdf(maak: Callable[..., bytes]) -> Callable[[], bytes]:
                def bouw() -> bytes:
                    uit = exporteer(db, ronde)
                    return maak(vl, uit, bereken_scan(vl, uit))

                return bouw

            resultaat = bereken_scan(vl, scan)
            kern = [b for b in resultaat.bouwstenen if b.type == "kern"]
            png = grafiek_png(
                radar_spec(
                    [vl.bouwsteen(b.bouwsteen).naam.nl for b in kern],
                    [b.score for b in kern],
                    [b.ambitie_score for b in kern],
                    "Kernbouwstenen",
                )
            )
            bestand, plaatje = map_ / "scan.json", map_ / "radar.png"
            bestand.write_text(schrijf_scan(scan), encoding="utf-8")
            plaatje.write_bytes(png)
            koud_n = max(3, herhalingen // 2)
            kaal_warm = _tijden(lambda: kale_pagina(png), herhalingen)
            kaal_koud = _processen(_KAAL, [str(plaatje)], koud_n)
            handout_warm = _tijden(lambda: handout(vl, scan, bereken_scan(vl, scan), vandaag=VANDAAG), herhalingen)
            handout_koud = _processen(_KOUD, [str(bestand), "ja"], koud_n)
            zonder_opwarmen = _processen(_KOUD, [str(bestand), "nee"], koud_n)
            download_warm = _tijden(pdf(handout), herhalingen)

            kw, kk = statistics.median(kaal_warm), statistics.median(k[2] for k in kaal_koud)
            print(
                f"  Managementsamenvatting naast een kale reportlab-pagina met één plaatje (doel: hoogstens {DOEL:.0f}x)"
            )
            _naast("kale pagina, warm", kaal_warm, None)
            _naast("managementsamenvatting, warm (scores + PDF)", handout_warm, kw)
            _naast("  idem via de download (database + scores + PDF)", download_warm, kw)
            _naast(
                "kale pagina, koud (nieuw proces, na de imports)",
                [k[2] for k in kaal_koud],
                None,
                f"  imports {statistics.median(k[0] for k in kaal_koud) * 1000:.0f} ms",
            )
            _naast(
                "managementsamenvatting, koud (nieuw proces, opgewarmd)",
                [k[2] for k in handout_koud],
                kk,
                f"  imports {statistics.median(k[0] for k in handout_koud) * 1000:.0f} ms, "
                f"opwarmen {statistics.median(k[1] for k in handout_koud) * 1000:.0f} ms",
            )
            _naast("  idem zonder opwarmen (zoals voor issue 20)", [k[2] for k in zonder_opwarmen], kk)
            print(
                "  (koud: een vers proces, zoals een app-proces bij de eerste download: imports en opwarmen bij de start"
            )
            print("   zijn gedaan en tellen niet mee; de grafieken van deze ronde zijn nog niet getekend)")
            print()
            _regel("managementsamenvatting (PDF), warm, via de download", download_warm, 0.5)
            _regel("verbeterrapport (PDF), warm", _tijden(pdf(verbeterrapport), max(3, herhalingen // 2)), 1.5)
            print()
            print("Export en import")
            _export_import(db, vl, "SQLite", herhalingen)
        finally:
            db.sluit()
    try:
        with postgres_database(postgres_url) as url:
            pg = open_database(url)
            try:
                _export_import(pg, vl, "PostgreSQL (eigen database, weggegooid na afloop)", herhalingen)
            finally:
                pg.sluit()
    except PostgresOvergeslagen as reden:
        print(f"  PostgreSQL overgeslagen: {reden}")
