"""Benchmarks of the reports issue: PDFs, exports and imports of one 15-participant round.

- handout and full verbeterrapport, warm: median over runs in this process, each built from
  a freshly exported round (the way the app builds it on a click);
- the first report in a fresh process: a new Python per run, timed from before the first
  project import to the finished handout (imports, fonts and the first vl-convert call in);
- export of the round from the database (``exporteer``) to JSON and to Excel, and import of
  those files (read and validate, then ``importeer`` into the database), on SQLite and, when a
  server answers, PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
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
_KOUD = """
import time, datetime as dt, sys
t0 = time.perf_counter()
from reports.pdf import handout
from scoring.engine import bereken_scan
from scoring.loader import laad_vragenlijst
from scoring.uitwissel import lees_scan
vl = laad_vragenlijst()
scan = lees_scan(sys.argv[1])
handout(vl, scan, bereken_scan(vl, scan), vandaag=dt.date(2026, 11, 22))
print(time.perf_counter() - t0)
"""


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
    from reports.pdf import handout, verbeterrapport
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

            _regel("managementsamenvatting (PDF), warm", _tijden(pdf(handout), herhalingen), 0.5)
            _regel("verbeterrapport (PDF), warm", _tijden(pdf(verbeterrapport), max(3, herhalingen // 2)), 1.5)

            bestand = map_ / "scan.json"
            bestand.write_text(schrijf_scan(scan), encoding="utf-8")
            koud = []
            for _ in range(max(3, herhalingen // 2)):
                uit = subprocess.run(
                    [sys.executable, "-c", _KOUD, str(bestand)], cwd=ROOT, capture_output=True, text=True, check=True
                )
                koud.append(float(uit.stdout.split()[-1]))
            _regel("eerste managementsamenvatting in een nieuw proces", koud, 3.0)
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
