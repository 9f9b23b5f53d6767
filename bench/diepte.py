"""Benchmark of issue 13 case 8: how fast deep nesting is refused (median over runs).

- ``python -m scan validate`` on a copy of the questionnaires whose ``schaal.yaml`` ends in a
  flow list nested 100,000 deep: a fresh process per run, so the figure is what a user waits
  (interpreter start and imports included); before the bound this ran 50 s into a segfault;
- the same file read in this process (``scoring.loader.lees_yaml``), and a block list nested
  100,000 deep ("- - - … x");
- an exchange file nested 100,000 deep, and a 10 MB one that is deep only at its end, read with
  ``scoring.uitwissel.lees_scan_bytes`` (depth bounded before ``json.loads``).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from scoring.loader import DEFAULT_DIR, lees_yaml
from scoring.uitwissel import UitwisselFout, lees_scan_bytes

ROOT = Path(__file__).resolve().parent.parent
NIVEAUS = 100_000


def _mediaan(functie: Callable[[], object], herhalingen: int) -> float:
    tijden = []
    for _ in range(herhalingen):
        t0 = time.perf_counter()
        functie()
        tijden.append(time.perf_counter() - t0)
    return statistics.median(tijden)


def _json(data: bytes) -> None:
    try:
        lees_scan_bytes(data, "diep.json")
    except UitwisselFout:
        return
    raise AssertionError("a deep file was accepted")


def draai_diepte(herhalingen: int = 5) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        kopie = Path(tmp) / "questionnaires"
        shutil.copytree(DEFAULT_DIR, kopie, ignore=shutil.ignore_patterns("schema"))
        schaal = kopie / "schaal.yaml"
        schaal.write_text(
            schaal.read_text(encoding="utf-8") + "\ndiep: " + "[" * NIVEAUS + "]" * NIVEAUS + "\n", encoding="utf-8"
        )
        blok = Path(tmp) / "blok.yaml"
        blok.write_text("diep:\n" + "- " * NIVEAUS + "x\n", encoding="utf-8")
        cmd = [sys.executable, "-m", "scan", "validate", str(kopie)]
        uit = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
        melding = next((r for r in uit.stdout.splitlines() if "te diep" in r), uit.stdout.strip()[-200:])
        proces = _mediaan(lambda: subprocess.run(cmd, cwd=ROOT, capture_output=True, check=False), herhalingen)
        flow = _mediaan(lambda: lees_yaml(schaal, "schaal.yaml"), herhalingen)
        blokken = _mediaan(lambda: lees_yaml(blok, "blok.yaml"), herhalingen)
    json_diep = b"[" * NIVEAUS + b"]" * NIVEAUS
    json_groot = (
        b'{"formaat": "omnichannel-zelfscan", "x": [' + b'"tekst", [],' * 800_000 + b"[" * 100 + b"]" * 100 + b"]}"
    )
    t_json = _mediaan(lambda: _json(json_diep), herhalingen)
    t_groot = _mediaan(lambda: _json(json_groot), herhalingen)
    print(f"\n== diepte (issue 13 geval 8), mediaan van {herhalingen} ==")
    print(f"  melding: {melding}")
    print(f"  python -m scan validate, {NIVEAUS} niveaus flow-YAML, eigen proces: {proces * 1000:8.1f} ms")
    print(f"  lees_yaml, {NIVEAUS} niveaus flow ([[[…):                   {flow * 1000:8.1f} ms")
    print(f"  lees_yaml, {NIVEAUS} niveaus blok (- - - …):                {blokken * 1000:8.1f} ms")
    print(f"  lees_scan_bytes, {NIVEAUS} niveaus JSON:                      {t_json * 1000:8.1f} ms")
    print(
        f"  lees_scan_bytes, {len(json_groot) / 1e6:.1f} MB JSON, diep aan het eind:         {t_groot * 1000:8.1f} ms"
    )
