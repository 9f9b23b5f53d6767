"""Benchmarks: ``python -m bench [--herhalingen N] [--alleen DEEL] [--postgres URL]``.

Prints figures against the goals of the foundation and workshop issues; it asserts nothing,
so a slow machine never turns the test suite red.

scoring (median over ``--herhalingen`` runs):

- load and validate all questionnaires, cold: a fresh Python process per run, timed from
  before the first project import to the validated questionnaire (imports included), with the
  parts that are no loading at all: importing pydantic and building the models, importing yaml;
- score one scan of 16 bouwstenen with 10 participants (800 answers), warm;
- score 342 such scans, one per municipality, warm.

workshop (``bench/workshop.py``; median and p95 with the number of samples):

- one answer change including its save, and the results page of a full round, server side
  (Streamlit AppTest); the results page of a round of 150 participants, unchanged and after one
  changed answer (issue 20, item 5: under 150 ms);
- 25 participants saving 80 answers each at the same moment, on SQLite and on PostgreSQL
  (``--postgres``; skipped with the reason when no server answers).

browser: a radio click in headless Chromium until the "Opgeslagen" toast shows.

rapporten (``bench/rapporten.py``): the handout and the full report (warm, and the first in a
fresh process), export and import of a 15-participant round as JSON and Excel.

invullen (``bench/invullen.py``, issue 12 item 6; median and p90): "Volgende" and one answer
change on Invullen, server side (AppTest); tapping Volgende in Chromium at a phone viewport
until the next bouwsteen's heading shows (server on port $BENCH_POORT, default 8650); and a
cProfile of one Volgende rerun and one answer-change rerun.

diepte (``bench/diepte.py``, issue 13 case 8): refusing YAML and JSON nested 100,000 deep,
``python -m scan validate`` in its own process included, and a 10 MB JSON file deep at its end.

samen (``bench/samen.py``, issue 16 item 4): in Chromium, a phone's vote until the projector's
count shows it and the facilitator's next stelling until the phone shows it, on SQLite (one app
process) and on PostgreSQL (phones and projector on two app processes); one projector and 15
idle phones: database transactions per second and the app processes' CPU.

klik (``bench/klik.py``, issue 20 items 1 and 2): one answer change on Invullen beside a bare page
of five radios and one SQLite upsert, both clicked in Chromium against a server that clocks its
own script runs (``bench/meetserver.py``): server time per click and the ratio (goal ≤ 2×), the
server process's CPU per click, click to confirmation in the page (goal ≤ 100 ms median); then
the live server's profile with six phones clicking at once (script thread and event loop).

vergelijken (``bench/vergelijken.py``): filling a database with 342 gemeenten × 5 rounds ×
10 participants (``python -m scan demo --alle-gemeenten``), then benchmark aggregates, key
figures of 20 rounds, the list of all rounds, and the comparison page of 20 rounds warm and on
its first open in a fresh process, on SQLite and PostgreSQL.

last (``bench/last.py``, issue 20 item 3; about 2 minutes): the load generator at the protocol
level (``bench/stroom.py``: Streamlit's WebSocket messages, as the browser sends them) against one
``python -m scan start`` process on a fresh PostgreSQL database (port $BENCH_LAST_POORT, default
8740): 30 phones join 2 rounds by code and answer every 5 s (±50%), each round's facilitator has
Workshop open; click-to-confirmation (p50/p95, failures counted as slower than any), joining,
the facilitators' refreshes, the app's CPU per click, SQL statements and their time per click
(SQLAlchemy events in the app process, ``bench/sqltelling``), a check that every confirmed
answer is stored, and what 30 connected phones cost while nobody clicks (their
``volg`` timer). ``python -m bench.last --help`` runs it against an app of your own.

schaal (``bench/schaal.py``, issue 20 item 4; under 10 minutes): 1, 2 and 4 app processes behind
nginx (``deploy/nginx/zelfscan.conf``, ports 8741-8744 and 8750/8751) on one fresh PostgreSQL
database; participants stepped up by 20 until p95 click-to-confirmation passes 500 ms; the table
of participants served, p50/p95, CPU per click of app, PostgreSQL, nginx and generator, the
machine's load from others, and database load per click (``pg_stat_database``).
``--schaal-processen``, ``--schaal-stap``, ``--schaal-tempo``, ``--schaal-venster`` and
``--schaal-tijd`` change it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_KOUD = """
import time
t0 = time.perf_counter()
import pydantic
import scoring.models
t1 = time.perf_counter()
import yaml
t2 = time.perf_counter()
from scoring.loader import laad_vragenlijst
t3 = time.perf_counter()
laad_vragenlijst()
t4 = time.perf_counter()
print(t4 - t0, t4 - t3, t1 - t0, t2 - t1)
"""


def _koud(herhalingen: int) -> tuple[float, ...]:
    """Medians of: everything, loading without imports, importing pydantic and building the
    questionnaire models, importing yaml, and the whole process."""
    rijen, proces = [], []
    for _ in range(herhalingen):
        begin = time.perf_counter()
        uit = subprocess.run(
            [sys.executable, "-c", _KOUD], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split()
        proces.append(time.perf_counter() - begin)
        rijen.append([float(x) for x in uit[-4:]])
    return (*(statistics.median(r[i] for r in rijen) for i in range(4)), statistics.median(proces))


def _mediaan(functie: Callable[[], object], herhalingen: int) -> float:
    tijden = []
    for _ in range(herhalingen):
        begin = time.perf_counter()
        functie()
        tijden.append(time.perf_counter() - begin)
    return statistics.median(tijden)


DELEN = (
    "scoring",
    "workshop",
    "browser",
    "rapporten",
    "vergelijken",
    "invullen",
    "diepte",
    "samen",
    "klik",
    "last",
    "schaal",
)


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT))
    from bench import workshop

    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--herhalingen", type=int, default=7, help="runs per scoring figure (default 7)")
    parser.add_argument(
        "--alleen",
        choices=DELEN,
        action="append",
        help="run only this part (may be repeated); default: all parts",
    )
    parser.add_argument(
        "--postgres",
        default=workshop.standaard_postgres_url(),
        metavar="URL",
        help="PostgreSQL server for the concurrency figure; each run creates and drops its own database "
        f"(default: $TEST_DATABASE_URL, else {workshop.STANDAARD_POSTGRES})",
    )
    parser.add_argument(
        "--schaal-processen",
        type=lambda w: tuple(int(x) for x in w.split(",")),
        default=(1, 2, 4),
        metavar="1,2,4",
        help="schaal: the process counts (default 1,2,4)",
    )
    parser.add_argument("--schaal-stap", type=int, default=20, help="schaal: participants added per step (20)")
    parser.add_argument("--schaal-tempo", type=float, default=5.0, help="schaal: seconds between clicks (default 5)")
    parser.add_argument("--schaal-venster", type=float, default=25.0, help="schaal: seconds measured per step (25)")
    parser.add_argument("--schaal-tijd", type=float, default=190.0, help="schaal: seconds per process count (190)")
    args = parser.parse_args(argv)
    delen = set(args.alleen or DELEN)

    from scoring.loader import laad_vragenlijst

    if "scoring" in delen:
        _scoring(max(1, args.herhalingen))
    if "workshop" in delen:
        workshop.draai_workshop(laad_vragenlijst(), args.postgres)
    if "browser" in delen:
        workshop.draai_browser(laad_vragenlijst())
    if "rapporten" in delen:
        from bench.rapporten import draai_rapporten

        draai_rapporten(laad_vragenlijst(), args.postgres)
    if "vergelijken" in delen:
        from bench.vergelijken import draai_vergelijken

        draai_vergelijken(laad_vragenlijst(), args.postgres)
    if "invullen" in delen:
        from bench.invullen import draai_invullen

        draai_invullen(laad_vragenlijst())
    if "diepte" in delen:
        from bench.diepte import draai_diepte

        draai_diepte()
    if "samen" in delen:
        from bench.samen import draai_samen

        draai_samen(laad_vragenlijst(), args.postgres)
    if "klik" in delen:
        from bench.klik import draai_klik

        draai_klik(laad_vragenlijst(), profiel=True)
    if "last" in delen:
        from bench.last import draai_last

        draai_last(args.postgres)
    if "schaal" in delen:
        from bench.schaal import draai_schaal

        draai_schaal(
            args.postgres,
            processen=args.schaal_processen,
            stappen=tuple(range(args.schaal_stap, 601, args.schaal_stap)),
            tempo=args.schaal_tempo,
            venster=args.schaal_venster,
            tijd=args.schaal_tijd,
        )
    return 0


def _scoring(n: int) -> None:
    """The foundation's figures: loading the questionnaire and scoring, as before."""
    from scan.demo.fictief import maak_demo
    from scan.gemeenten import alle_gemeenten
    from scoring.doelen import controleer_doelen
    from scoring.engine import bereken_scan
    from scoring.loader import laad_vragenlijst
    from scoring.resultaat import ScanResultaat
    from scoring.suggesties import stel_voor
    from scoring.uitwissel import Scan

    koud_totaal, koud_laden, koud_pydantic, koud_yaml, koud_proces = _koud(n)
    vl = laad_vragenlijst()
    warm_laden = _mediaan(laad_vragenlijst, n)

    datum = dt.date(2026, 11, 1)
    begin = time.perf_counter()
    scans = [maak_demo(vl, g, 10, datum, seed=i) for i, g in enumerate(alle_gemeenten())]
    genereren = time.perf_counter() - begin
    een = scans[0]
    bereken_scan(vl, een)  # warm-up
    een_scan = _mediaan(lambda: bereken_scan(vl, een), max(n, 50))
    alle = _mediaan(lambda: [bereken_scan(vl, s) for s in scans], n)

    # Goal suggestions on the scored rounds (the scan's own score is not part of the figure).
    bibliotheek, problemen = controleer_doelen(vl)
    assert bibliotheek is not None, problemen
    uitslagen = [bereken_scan(vl, s) for s in scans]

    def voorstellen(scan: Scan, uitslag: ScanResultaat) -> object:
        return stel_voor(vl, bibliotheek, uitslag, gemeente=scan.gemeente.naam, vandaag=datum)

    voorstellen(een, uitslagen[0])
    een_voorstel = _mediaan(lambda: voorstellen(een, uitslagen[0]), max(n, 50))
    alle_voorstellen = _mediaan(lambda: [voorstellen(s, u) for s, u in zip(scans, uitslagen, strict=True)], n)

    antwoorden = len(een.antwoorden)
    regels = [
        ("vragenlijst laden + valideren, koud (incl. imports)", koud_totaal, 0.100),
        ("  waarvan laden + valideren zonder imports", koud_laden, None),
        ("  waarvan pydantic importeren + de modellen bouwen", koud_pydantic, None),
        ("  waarvan yaml importeren", koud_yaml, None),
        ("  heel proces (interpreter-start meegeteld)", koud_proces, None),
        ("vragenlijst laden + valideren, warm", warm_laden, None),
        (f"1 scan scoren (16 bouwstenen, 10 deelnemers, {antwoorden} antwoorden)", een_scan, 0.005),
        (f"{len(scans)} scans scoren", alle, 1.0),
        ("doelen voorstellen voor 1 scan (5 voorstellen met SMART-toets)", een_voorstel, 0.020),
        (f"doelen voorstellen voor {len(scans)} scans", alle_voorstellen, 2.0),
    ]
    print(f"Python {sys.version.split()[0]}, mediaan van {n} herhalingen (1 scan: {max(n, 50)})")
    print(f"{'meting':<68}{'gemeten':>11}{'doel':>10}")
    for naam, waarde, doel in regels:
        doeltekst = f"< {doel * 1000:.0f} ms" if doel is not None else ""
        oordeel = "" if doel is None else ("  ok" if waarde < doel else "  TE TRAAG")
        print(f"{naam:<68}{waarde * 1000:>8.1f} ms{doeltekst:>10}{oordeel}")
    print(f"(ter info: {len(scans)} demoscans genereren: {genereren:.1f} s)")


if __name__ == "__main__":
    raise SystemExit(main())
