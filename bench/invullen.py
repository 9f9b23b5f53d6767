"""Benchmarks of filling in on a phone (issue 12, item 6): ``python -m bench --alleen invullen``.

Figures, each printed as median and p90 with the number of samples and the issue's goal:

1. "Volgende" on Invullen, server side: an AppTest rerun after clicking the Volgende button,
   on a round where the participant has answered part of the bouwstenen (goal ≤ 150 ms);
2. one answer change, server side: an AppTest rerun after setting a radio (goal ≤ 30 ms);
3. in Chromium at a phone viewport (390×844, touch): tap Volgende until the next bouwsteen's
   heading is rendered, against ``streamlit run`` on a temporary SQLite file (goal ≤ 500 ms);
4. a profile (cProfile, stdlib) of one Volgende rerun and one answer-change rerun: the top
   functions by cumulative time inside the script thread.

Prints only, never asserts. Errors the app shows while being measured (an exception element in
AppTest, ``stException`` in the browser) are counted and printed with the figure, so a broken
page does not silently produce a fast number.
"""

from __future__ import annotations

import cProfile
import io
import logging
import os
import pstats
import re
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bench.workshop import (
    CHROMIUM,
    CHROMIUM_ARGS,
    INVULLEN,
    ROOT,
    app_database,
    bench_ronde,
    compileer_pagina,
    open_app,
    sqlite_database,
    streamlit_server,
)
from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import invullen, start
from scan.ui.teksten import t
from scoring.models import Vragenlijst

if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest

POORT = int(os.environ.get("BENCH_POORT", "8650"))
"""The server of the browser figure listens here (this engineer's ports are 8650-8669)."""
OPWARMEN = 2
VOLGENDE_RONDES = 3  # 3 × 15 Volgende over the 16 bouwstenen: 45 samples
WIJZIGINGEN = 40
BROWSER_RONDES = 2  # 2 × 15 taps
PROFIEL_REGELS = 25
PROFIEL_RUNS = 10


def _p90(tijden: list[float]) -> float:
    return statistics.quantiles(tijden, n=10, method="inclusive")[8] if len(tijden) > 1 else tijden[0]


@dataclass
class Figuur:
    naam: str
    tijden: list[float]
    doel: float
    uitleg: str
    fouten: list[str] = field(default_factory=list)

    def druk_af(self) -> None:
        if not self.tijden:
            print(f"{self.naam:<58} GEEN METING")
        else:
            mediaan, p90 = statistics.median(self.tijden), _p90(self.tijden)
            oordeel = "ok" if mediaan <= self.doel else "TE TRAAG"
            print(
                f"{self.naam:<58} mediaan {mediaan * 1000:7.1f} ms  p90 {p90 * 1000:7.1f} ms  "
                f"max {max(self.tijden) * 1000:7.1f} ms  n={len(self.tijden):<3} "
                f"doel mediaan ≤ {self.doel * 1000:.0f} ms: {oordeel}"
            )
        print(f"    meet: {self.uitleg}")
        for fout in self.fouten[:10]:
            print(f"    FOUT OP HET SCHERM: {fout}")
        if len(self.fouten) > 10:
            print(f"    ... en nog {len(self.fouten) - 10} fouten")


# --- the round being measured ---------------------------------------------------------------------


def vul_deels_in(db: Database, vl: Vragenlijst, sessie: Sessie) -> None:
    """Part of the bouwstenen answered, as in the middle of a workshop.

    Bouwsteen i gets ``i % 6`` of its stellingen answered (0 to all five) and an ambition on
    every third one, so the bouwsteen list shows every kind of progress label (0/5 to 5/5, with
    and without ✓) — the situation of issue 12, item 1.
    """
    for i, b in enumerate(vl.bouwstenen):
        for j, s in enumerate(b.stellingen[: i % 6]):
            antwoord = ("1", "2", "3", "4", "5", "weet_niet", "nvt")[(i + j) % 7]
            invullen.sla_antwoord_op(db, vl, sessie, s.id, antwoord)
        if i % 3 == 0:
            invullen.sla_ambitie_op(db, vl, sessie, b.id, 3 + i % 3)


def _ronde_met_deelnemers(db: Database, vl: Vragenlijst) -> Sessie:
    """A round with five colleagues who answered part of it, and "Karel", who is measured."""
    facilitator = bench_ronde(db, vl)
    for n in range(5):
        vul_deels_in(db, vl, start.neem_deel(db, vl, code=facilitator.ronde.code, naam=f"Collega {n + 1}"))
    karel = start.neem_deel(db, vl, code=facilitator.ronde.code, naam="Karel")
    vul_deels_in(db, vl, karel)
    return karel


# --- AppTest helpers -------------------------------------------------------------------------------


def _fouten(at: AppTest) -> list[str]:
    return [str(e.message).splitlines()[0][:160] for e in at.exception]


def _volgende(at: AppTest) -> object | None:
    """The last enabled "Volgende" button on the page (the one under the stellingen), or None."""
    knoppen = [k for k in at.button if k.label == t("invullen.volgende") and not k.disabled]
    return knoppen[-1] if knoppen else None


def _kop(at: AppTest) -> str:
    return at.header[0].value if at.header else "?"


def _radio(at: AppTest, stelling_id: str) -> object:
    try:
        return at.radio(key=f"a_{stelling_id}")
    except KeyError:
        # A page that names its widgets otherwise: the first radio is stelling 1.
        return at.radio[0]


# --- 1. Volgende, server side ----------------------------------------------------------------------


def volgende_server(vl: Vragenlijst, db: Database, karel: Sessie) -> Figuur:
    tijden: list[float] = []
    fouten: list[str] = []
    for ronde in range(VOLGENDE_RONDES):
        at = open_app(INVULLEN, karel.deelnemer.token)
        for stap in range(len(vl.bouwstenen) - 1):
            knop = _volgende(at)
            if knop is None:
                fouten.append(f"ronde {ronde + 1}, stap {stap + 1}: geen Volgende-knop op '{_kop(at)}'")
                break
            voor = _kop(at)
            begin = time.perf_counter()
            knop.click().run()  # type: ignore[attr-defined]
            duur = time.perf_counter() - begin
            fouten += [f"na Volgende op '{voor}': {f}" for f in _fouten(at)]
            if _kop(at) == voor:
                fouten.append(f"Volgende op '{voor}' bleef op dezelfde bouwsteen")
            if ronde > 0 or stap >= OPWARMEN:
                tijden.append(duur)
    return Figuur(
        "Volgende (AppTest-rerun Invullen)",
        tijden,
        0.150,
        f"klik op de onderste Volgende-knop tot de rerun klaar is, bouwsteen 1 → 16, {VOLGENDE_RONDES}×; deelnemer "
        f"met deels ingevulde bouwstenen (0/5 tot 5/5, ambitie bij elke derde); {OPWARMEN} opwarmklikken niet "
        "meegeteld; AppTest compileert app.py en de pagina bij elke run opnieuw (streamlit run niet)",
        fouten,
    )


# --- 2. one answer change, server side -------------------------------------------------------------


def antwoord_server(vl: Vragenlijst, db: Database, karel: Sessie) -> Figuur:
    # Bouwsteen 4 (index 3): three of five answered, no ambition, as in the reproduction.
    b = vl.bouwstenen[3]
    at = _open_app_op(karel.deelnemer.token, b.id)
    tijden: list[float] = []
    fouten: list[str] = []
    for i in range(OPWARMEN + WIJZIGINGEN):
        s = b.stellingen[i % len(b.stellingen)]
        waarde = ("2", "4", "weet_niet", "nvt")[(i // len(b.stellingen)) % 4]
        begin = time.perf_counter()
        _radio(at, s.id).set_value(waarde).run()  # type: ignore[attr-defined]
        duur = time.perf_counter() - begin
        fouten += [f"na keuze {waarde} bij {s.id}: {f}" for f in _fouten(at)]
        if i >= OPWARMEN:
            tijden.append(duur)
    return Figuur(
        "antwoord wijzigen (AppTest-rerun Invullen)",
        tijden,
        0.030,
        f"radio van een stelling van bouwsteen {b.nummer} zetten tot de rerun klaar is (callback, opslaan in SQLite, "
        f"pagina opnieuw); {OPWARMEN} opwarmwijzigingen niet meegeteld",
        fouten,
    )


def _open_app_op(token: str, bouwsteen_id: str) -> AppTest:
    """Invullen opened with ``?d=<token>&b=<bouwsteen>``, as a link to one bouwsteen."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["d"] = token
    at.run()
    at.switch_page(INVULLEN)
    at.query_params["d"] = token
    at.query_params["b"] = bouwsteen_id
    at.run()
    return at


# --- 4. where the milliseconds go -----------------------------------------------------------------


@contextmanager
def _profiel_in_scriptdraad(profiel: cProfile.Profile) -> Iterator[None]:
    """Profile the script thread of AppTest's runner (``cProfile`` only sees the thread it runs in)."""
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    origineel = LocalScriptRunner._run_script_thread

    def geprofileerd(self: LocalScriptRunner) -> None:
        profiel.enable()
        try:
            origineel(self)
        finally:
            profiel.disable()

    LocalScriptRunner._run_script_thread = geprofileerd  # type: ignore[method-assign]
    try:
        yield
    finally:
        LocalScriptRunner._run_script_thread = origineel  # type: ignore[method-assign]


def _druk_profiel_af(naam: str, profiel: cProfile.Profile, duur: float) -> None:
    uit = io.StringIO()
    stats = pstats.Stats(profiel, stream=uit)
    stats.sort_stats("cumulative").print_stats(PROFIEL_REGELS)
    # The same profile, only the project's own code (pages, services, repository).
    stats.print_stats(r"(scan|scoring|reports)/|app\.py", 15)
    print(
        f"\nProfiel: {naam}; tijden hieronder opgeteld over alle runs (wandtijd per run met profiler "
        f"{duur * 1000:.0f} ms; cProfile maakt alles trager)"
    )
    tekst = uit.getvalue()
    # Keep the table, drop pstats' preamble; shorten site-packages paths.
    tabel = "\n".join(
        r for r in tekst.splitlines() if r.strip() and not r.lstrip().startswith(("Ordered by", "List reduced"))
    )
    tabel = re.sub(r"^.*function calls.*$", "", tabel, flags=re.MULTILINE)
    tabel = re.sub(r"/[^\s]*/site-packages/", "", tabel).replace(str(ROOT) + "/", "")
    print(tabel.rstrip())


def profielen(vl: Vragenlijst, karel: Sessie) -> None:
    """cProfile over ``PROFIEL_RUNS`` reruns of each kind (one rerun alone is too noisy on a busy machine)."""
    # Volgende from bouwsteen 2 on: bouwstenen with 0/5 to 5/5 answered, some with an ambition.
    at = _open_app_op(karel.deelnemer.token, vl.bouwstenen[1].id)
    at.run()  # warm
    profiel = cProfile.Profile()
    runs = 0
    begin = time.perf_counter()
    with _profiel_in_scriptdraad(profiel):
        for _ in range(PROFIEL_RUNS):
            knop = _volgende(at)
            if knop is None:
                break
            knop.click().run()  # type: ignore[attr-defined]
            runs += 1
    _druk_profiel_af(
        f"{runs} Volgende-reruns (bouwsteen 2 → {2 + runs})", profiel, (time.perf_counter() - begin) / max(runs, 1)
    )

    b = vl.bouwstenen[3]  # three of five answered, no ambition
    at = _open_app_op(karel.deelnemer.token, b.id)
    _radio(at, b.stellingen[0].id).set_value("3").run()  # type: ignore[attr-defined]  # warm
    profiel = cProfile.Profile()
    begin = time.perf_counter()
    with _profiel_in_scriptdraad(profiel):
        for i in range(PROFIEL_RUNS):
            s = b.stellingen[i % len(b.stellingen)]
            _radio(at, s.id).set_value(("5", "1")[(i // len(b.stellingen)) % 2]).run()  # type: ignore[attr-defined]
    _druk_profiel_af(
        f"{PROFIEL_RUNS} antwoord-wijzigingen (bouwsteen {b.nummer})",
        profiel,
        (time.perf_counter() - begin) / PROFIEL_RUNS,
    )


# --- 3. a phone in Chromium ----------------------------------------------------------------------


_KOP_KLOK = """() => {
    // From the tap's pointerdown until an h2 with the expected text is in the DOM, on the page's
    // own clock (without Playwright's polling).
    window.__bench = {verwacht: null, neer: null, kop: null};
    document.addEventListener("pointerdown", () => {
        if (window.__bench.neer === null) window.__bench.neer = performance.now();
    }, true);
    new MutationObserver(() => {
        const b = window.__bench;
        if (b.verwacht === null || b.kop !== null) return;
        for (const h of document.querySelectorAll("h1, h2, h3")) {
            if (h.textContent.trim().startsWith(b.verwacht)) { b.kop = performance.now(); return; }
        }
    }).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


def volgende_browser(vl: Vragenlijst, db: Database, karel: Sessie, map_: Path) -> tuple[Figuur, Figuur] | str:
    if not CHROMIUM.exists():
        return f"browsermeting overgeslagen: {CHROMIUM} ontbreekt"
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    tijden: list[float] = []
    in_pagina: list[float] = []
    fouten: list[str] = []
    with streamlit_server(db.url, map_, POORT) as poort, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(
                viewport={"width": 390, "height": 844},
                device_scale_factor=3,
                is_mobile=True,
                has_touch=True,
                locale="nl-NL",
            )
            pagina = context.new_page()
            pagina.set_default_timeout(20_000)
            klaar = pagina.locator("[data-testid=stApp][data-test-script-state=notRunning]")
            for ronde in range(BROWSER_RONDES):
                pagina.goto(f"http://127.0.0.1:{poort}/invullen?d={karel.deelnemer.token}&b={vl.bouwstenen[0].id}")
                pagina.get_by_role("heading", name=f"{vl.bouwstenen[0].nummer}. {vl.bouwstenen[0].naam.nl}").wait_for()
                klaar.wait_for()
                pagina.evaluate(_KOP_KLOK)
                for stap, volgende in enumerate(vl.bouwstenen[1:]):
                    verwacht = f"{volgende.nummer}. {volgende.naam.nl}"
                    knop = pagina.get_by_role("button", name=re.compile(r"\bVolgende$")).last
                    knop.scroll_into_view_if_needed()
                    pagina.evaluate(
                        "v => Object.assign(window.__bench, {verwacht: v, neer: null, kop: null})", verwacht
                    )
                    begin = time.perf_counter()
                    knop.tap()
                    try:
                        pagina.get_by_role("heading", name=verwacht).wait_for()
                    except PlaywrightTimeout:
                        fouten.append(f"ronde {ronde + 1}: '{verwacht}' niet getoond binnen 20 s")
                        pagina.screenshot(path=str(map_ / "fout.png"))
                        break
                    duur = time.perf_counter() - begin
                    binnen = pagina.evaluate("() => window.__bench.kop - window.__bench.neer")
                    klaar.wait_for()
                    fout = pagina.locator("[data-testid=stException]")
                    if fout.count():
                        fouten.append(f"na Volgende naar '{verwacht}': {fout.first.inner_text()[:160]!r}")
                    if ronde > 0 or stap >= OPWARMEN:
                        tijden.append(duur)
                        if isinstance(binnen, int | float):
                            in_pagina.append(binnen / 1000)
        finally:
            browser.close()
    return (
        Figuur(
            "tik Volgende tot kop volgende bouwsteen (Chromium 390×844)",
            tijden,
            0.500,
            f"Playwright: vlak voor tap() op de onderste Volgende-knop tot de kop van de volgende bouwsteen zichtbaar "
            f"is; streamlit run op poort {POORT}, SQLite in een tijdelijk bestand; {BROWSER_RONDES}× bouwsteen 1 → 16, "
            f"{OPWARMEN} opwarmtikken niet meegeteld",
            fouten,
        ),
        Figuur(
            "  zelfde tik, in de pagina gemeten",
            in_pagina,
            0.500,
            "klok van de pagina: pointerdown tot de kop in de DOM staat (zonder Playwrights wachtlussen)",
        ),
    )


# --- all together ------------------------------------------------------------------------------------


def draai_invullen(vl: Vragenlijst, *, browser: bool = True, profiel: bool = True) -> None:
    """Print the figures of item 6 on today's code."""
    # Deprecation notes and "missing ScriptRunContext" on every AppTest run would bury the figures
    # (a filter, because AppTest sets Streamlit's log levels again on every run).
    for naam in ("streamlit.deprecation_util", "streamlit.runtime.scriptrunner_utils.script_run_context"):
        logging.getLogger(naam).addFilter(lambda _: False)
    print()
    print("Invullen op een telefoon (issue 12, punt 6): AppTest in dit proces, SQLite in een tijdelijk bestand")
    belasting = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"(machinebelasting vooraf, load average 1/5/15 min: {belasting} op {os.cpu_count()} kernen)")
    with tempfile.TemporaryDirectory(prefix="bench_invullen_") as tijdelijk:
        map_ = Path(tijdelijk)
        with sqlite_database(map_, "invullen") as db, app_database(db.url):
            karel = _ronde_met_deelnemers(db, vl)
            metingen: list[Callable[[Vragenlijst, Database, Sessie], Figuur]] = [volgende_server, antwoord_server]
            for meting in metingen:
                meting(vl, db, karel).druk_af()
            compileer_pagina(INVULLEN).druk_af()
            if browser:
                print()
                uitkomst = volgende_browser(vl, db, karel, map_)
                if isinstance(uitkomst, str):
                    print(uitkomst)
                else:
                    for figuur in uitkomst:
                        figuur.druk_af()
            if profiel:
                profielen(vl, karel)
