"""Benchmark of a facilitated session (issue 16, item 4): how fast the room is live.

In real browsers (headless Chromium through Playwright) against ``streamlit run``:

- **vote to projector**: a phone clicks a level on the open stelling; timed from the click's
  pointerdown (the phone page's clock) until the projector's "N van M hebben geantwoord"
  shows the new count (the projector page's clock; both pages read the same system clock
  through ``Date.now()``). Goal: median ≤ 1 s, p95 ≤ 2 s.
- **phone follows the facilitator**: the facilitator opens the next stelling (the service,
  as the Workshop button does); timed until the phone shows it. Goal: within 2 s.
- **idle cost**: one projector and 15 phones connected and idle for a while: database
  transactions per second (PostgreSQL's ``pg_stat_database``) and the app processes' CPU.

On SQLite one app process serves everyone; on PostgreSQL the phones are served by one app
process and the projector by another, as behind a load balancer, so the figure includes
reaching the other process through the database.
"""

from __future__ import annotations

import random
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from bench.workshop import (
    CHROMIUM,
    CHROMIUM_ARGS,
    Meting,
    PostgresOvergeslagen,
    bench_ronde,
    postgres_database,
    sqlite_database,
    streamlit_server,
)
from scan.db.openen import open_database
from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import bespreken, samen, start
from scoring.models import Vragenlijst

TELLER = r"(\d+) van (\d+) (?:hebben|heeft) geantwoord"
"""The projector's count of who answered the open part, as the room reads it."""
TELEFOONS_KLIKKEN = 3
STELLINGEN = 12
STIL_TELEFOONS = 15
STIL_SECONDEN = 30

_PROJECTOR_JS = """re => {
    // Record on the projector's clock when the count first reads each value.
    window.__teller = {};
    const patroon = new RegExp(re);
    const kijk = () => {
        const m = document.body.innerText.match(patroon);
        if (m && !(m[1] in window.__teller)) window.__teller[m[1]] = Date.now();
    };
    new MutationObserver(kijk).observe(document.body, {subtree: true, childList: true, characterData: true});
    kijk();
}"""

_TELEFOON_JS = """() => {
    window.__neer = null;
    document.addEventListener("pointerdown", () => { window.__neer = Date.now(); }, true);
}"""


def _cpu_seconden(pid: int) -> float:
    """User plus system CPU of process ``pid`` and its children so far (Linux /proc)."""
    velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    klok = 100.0  # USER_HZ on Linux
    return sum(int(v) for v in velden[11:15]) / klok


@contextmanager
def _browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _ronde(db: Database, vl: Vragenlijst, mensen: int) -> tuple[Sessie, list[Sessie], str]:
    fac = bench_ronde(db, vl)
    deelnemers = [start.neem_deel(db, vl, code=fac.ronde.code, naam=f"Deelnemer {i + 1}") for i in range(mensen)]
    samen.zet_modus(db, fac, "samen")
    return fac, deelnemers, bespreken.presentatie_token(db, fac)


def _meet(
    vl: Vragenlijst, db: Database, poort_telefoon: int, poort_scherm: int, naam: str
) -> tuple[list[Meting], list[str]]:
    """Vote-to-projector and follow figures against running servers on ``db``."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    fac, deelnemers, token = _ronde(db, vl, TELEFOONS_KLIKKEN + 6)
    stellingen = [s for _, s in vl.stellingen()][:STELLINGEN]
    labels = {n.niveau: f"{n.niveau} · {n.naam.nl}" for n in vl.schaal.niveaus}
    stem: list[float] = []
    volgen: list[float] = []
    waarschuwingen: list[str] = []
    with _browser() as browser:
        scherm = browser.new_page(viewport={"width": 1920, "height": 1080})  # type: ignore[attr-defined]
        scherm.set_default_timeout(20_000)
        samen.open_deel(db, vl, fac, stelling=stellingen[0].id)
        scherm.goto(f"http://127.0.0.1:{poort_scherm}/scherm?scherm={token}")
        scherm.get_by_text(re.compile(TELLER)).first.wait_for()
        telefoons = []
        for d in deelnemers[:TELEFOONS_KLIKKEN]:
            context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
            pagina = context.new_page()
            pagina.set_default_timeout(20_000)
            pagina.goto(f"http://127.0.0.1:{poort_telefoon}/invullen?d={d.deelnemer.token}")
            pagina.get_by_text(stellingen[0].tekst.nl[:60], exact=False).first.wait_for()
            pagina.evaluate(_TELEFOON_JS)
            telefoons.append(pagina)
        for i, s in enumerate(stellingen):
            if i > 0:
                samen.open_deel(db, vl, fac, stelling=s.id)
                geopend = time.time()
                for pagina in telefoons:
                    try:
                        pagina.get_by_text(s.tekst.nl[:60], exact=False).first.wait_for()
                    except PlaywrightTimeout:
                        waarschuwingen.append(f"{naam}: telefoon toonde stelling {s.id} niet binnen 20 s")
                        continue
                    volgen.append(time.time() - geopend)
                # The projector shows 0 for the new part before the first vote of this part.
                try:
                    scherm.get_by_text(re.compile(r"\b0 van \d+ (?:hebben|heeft) geantwoord")).first.wait_for()
                except PlaywrightTimeout:
                    waarschuwingen.append(f"{naam}: scherm zette de teller niet op 0 voor {s.id}")
            scherm.evaluate(_PROJECTOR_JS, TELLER)
            for k, pagina in enumerate(telefoons, start=1):
                pagina.evaluate("() => { window.__neer = null; }")
                optie = (
                    pagina.locator("[data-testid=stRadio]")
                    .first.locator("[data-testid=stRadioOption]")
                    .filter(has_text=re.compile("^" + re.escape(labels[1 + (i + k) % 5]) + "$"))
                )
                # People do not click in step with the projector's refresh: a random phase, so
                # the figure is not biased to a whole refresh interval.
                time.sleep(random.uniform(0, 1.0))
                optie.click()
                try:
                    scherm.wait_for_function(f"() => '{k}' in window.__teller", timeout=10_000)
                except PlaywrightTimeout:
                    waarschuwingen.append(f"{naam}: scherm toonde '{k} van …' niet binnen 10 s ({s.id})")
                    continue
                neer = pagina.evaluate("() => window.__neer")
                gezien = scherm.evaluate(f"() => window.__teller['{k}']")
                if isinstance(neer, int | float) and isinstance(gezien, int | float):
                    stem.append((gezien - neer) / 1000)
    metingen = [
        Meting(
            f"stem tot presentatiescherm ({naam})",
            stem,
            f"{TELEFOONS_KLIKKEN} telefoons, {len(stellingen)} stellingen: pointerdown op de telefoon tot "
            "'N van M hebben geantwoord' op het scherm",
            doel=1.0,
        ),
        Meting(
            f"telefoon volgt de facilitator ({naam})",
            volgen,
            "de facilitator opent de volgende stelling tot de telefoon haar toont",
            doel=2.0,
        ),
    ]
    return [m for m in metingen if m.tijden], waarschuwingen


def _stil(
    vl: Vragenlijst, db: Database, poort_telefoon: int, poort_scherm: int, pids: list[int]
) -> tuple[int, dict[int, float], float]:
    """Connect one projector and ``STIL_TELEFOONS`` phones, let them idle; returns the number of
    phones that showed the part, each app process's CPU seconds per second of idling and the
    database's transactions per second meanwhile (PostgreSQL)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    fac, deelnemers, token = _ronde(db, vl, STIL_TELEFOONS)
    s = next(s for _, s in vl.stellingen())
    samen.open_deel(db, vl, fac, stelling=s.id)
    with _browser() as browser:
        scherm = browser.new_page(viewport={"width": 1920, "height": 1080})  # type: ignore[attr-defined]
        scherm.goto(f"http://127.0.0.1:{poort_scherm}/scherm?scherm={token}")
        klaar = 0
        for d in deelnemers:
            pagina = browser.new_context(viewport={"width": 390, "height": 844}).new_page()  # type: ignore[attr-defined]
            try:
                pagina.goto(
                    f"http://127.0.0.1:{poort_telefoon}/invullen?d={d.deelnemer.token}",
                    wait_until="domcontentloaded",
                    timeout=60_000,
                )
                pagina.get_by_text(s.tekst.nl[:60], exact=False).first.wait_for(timeout=60_000)
                klaar += 1
            except PlaywrightTimeout:
                pass  # a phone that does not load shows in the count printed
        time.sleep(5)  # settle: every page drawn, only the polling left
        voor = {p: _cpu_seconden(p) for p in pids}
        transacties = _transacties(db) if not db.is_sqlite else 0
        begin = time.monotonic()
        time.sleep(STIL_SECONDEN)
        duur = time.monotonic() - begin
        cpu = {p: (_cpu_seconden(p) - voor[p]) / duur for p in pids}
        per_seconde = (_transacties(db) - transacties) / duur if not db.is_sqlite else float("nan")
    return klaar, cpu, per_seconde


def _transacties(db: Database) -> int:
    from sqlalchemy import text

    with db.lees_engine.connect() as c:
        waarde = c.execute(
            text("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()")
        ).scalar()
    return int(waarde or 0)


def _druk(metingen: list[Meting], waarschuwingen: list[str]) -> None:
    for m in metingen:
        m.druk_af()
    for w in waarschuwingen:
        print(f"  let op: {w}")


def draai_samen(vl: Vragenlijst, postgres_url: str) -> None:
    print()
    print("Samen-sessie, live (streamlit run + Chromium headless via Playwright)")
    if not CHROMIUM.exists():
        print(f"overgeslagen: {CHROMIUM} ontbreekt")
        return
    with tempfile.TemporaryDirectory(prefix="bench_samen_") as tijdelijk:
        map_ = Path(tijdelijk)
        with sqlite_database(map_, "samen") as db, streamlit_server(db.url, map_) as poort:
            metingen, waarschuwingen = _meet(vl, db, poort, poort, "SQLite, één app-proces")
            _druk(metingen, waarschuwingen)
        try:
            with postgres_database(postgres_url) as url:
                db = open_database(url)
                try:
                    (map_ / "a").mkdir()
                    (map_ / "b").mkdir()
                    with ExitStack() as stapel:
                        poort_a = stapel.enter_context(streamlit_server(url, map_ / "a"))
                        poort_b = stapel.enter_context(streamlit_server(url, map_ / "b"))
                        metingen, waarschuwingen = _meet(
                            vl, db, poort_a, poort_b, "PostgreSQL, telefoons en scherm op twee app-processen"
                        )
                        _druk(metingen, waarschuwingen)
                        pids = _server_pids((poort_a,)) + _server_pids((poort_b,))
                        klaar, cpu, per_seconde = _stil(vl, db, poort_a, poort_b, pids)
                        print(
                            f"Stil (PostgreSQL): 1 scherm en {klaar} van {STIL_TELEFOONS} telefoons verbonden, "
                            f"{STIL_SECONDEN} s niets gedaan: {per_seconde:.1f} databasetransacties per s "
                            "(pg_stat_database); CPU: "
                            + ", ".join(
                                f"{wat} {cpu.get(p, 0.0):.2f} CPU-s per s"
                                for wat, p in zip(("proces telefoons", "proces scherm"), pids, strict=False)
                            )
                        )
                finally:
                    db.sluit()
        except PostgresOvergeslagen as reden:
            print(f"PostgreSQL overgeslagen: {reden}")


def _server_pids(poorten: tuple[int, ...]) -> list[int]:
    """The pids of the streamlit processes listening on ``poorten`` (from /proc/net/tcp and fds)."""
    gezocht = {f"{p:04X}" for p in poorten}
    inodes: set[str] = set()
    for regel in (
        Path("/proc/net/tcp").read_text().splitlines()[1:] + Path("/proc/net/tcp6").read_text().splitlines()[1:]
    ):
        delen = regel.split()
        if delen[3] == "0A" and delen[1].rsplit(":", 1)[1] in gezocht:
            inodes.add(delen[9])
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            for fd in (proc / "fd").iterdir():
                doel = fd.readlink().as_posix()
                if doel.startswith("socket:[") and doel[8:-1] in inodes:
                    pids.append(int(proc.name))
                    break
        except OSError:
            continue
    return pids
