"""Rehearsal of a workshop in a real room (issue 12, "Tests that would have caught this").

A real ``streamlit run`` server on its own SQLite file, listening on all interfaces and reached
on the machine's non-loopback address, as phones in a room reach it. One facilitator on a
laptop (1280×800) has the projector view open; four or more participants on phones (390×844,
touch) join, some by the QR link ``/?code=...`` and some by typing the code on Start. Then a
bounded run of random, realistic actions with a printed seed: answer a level (tapping its title
or its description), weet niet, n.v.t., a note, the ambition, Volgende, Vorige, the bouwsteen
list, reload, and the personal link on a second device.

The test keeps an exact model of each participant's last click per stelling, note and
ambition. After every action: no error on any screen (exception element, "Traceback",
"...Error", an unexpected error alert, a lost connection), the confirmation the app shows for
a save, and the database holding that click. At the end the database holds exactly each
participant's last click and the projector's counts match.

Environment:

- ``REPETITIE_SEED``: the seed (default: a new one per run, printed);
- ``REPETITIE_ACTIES``: number of actions (default 70; the CI version stays under ~3 minutes);
- ``REPETITIE_DEELNEMERS``: number of participants (default 4, at least 4);
- ``REPETITIE_POORT``: the server's port (default: the first free one of 8650-8669);
- ``REPETITIE_LANG=1``: the long version (400 actions, 6 participants) unless the two above say
  otherwise.

Two separate tests cover item 3 of the issue: a restart of the server process under connected
browsers followed by a click, and a round closed between a page load and a click.

Selectors are data-testids, roles and the labels of ``scan/teksten.py``; the few that know the
page's structure are the helpers at the top (``projector_counts``, ``scherm``), so they can be
pointed at a new presenter page or a changed Invullen page in one place.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

import pytest

from scan.db.openen import open_database
from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import bespreken, invullen, start, workshop
from scan.ui.teksten import t
from scoring.loader import laad_vragenlijst
from scoring.models import Bouwsteen, Vragenlijst
from tests.rondes import start_ronde

from .conftest import ROOT, UITVOER

pytestmark = pytest.mark.slow

LANG = os.environ.get("REPETITIE_LANG") == "1"
ACTIES = int(os.environ.get("REPETITIE_ACTIES") or (400 if LANG else 70))
DEELNEMERS = max(4, int(os.environ.get("REPETITIE_DEELNEMERS") or (6 if LANG else 4)))
NAMEN = ["Anna de Vries", "Bram (KCC)", "Chantal", "Dirk-Jan", "Esra", "Femke", "Gert", "Hanna", "Ilias", "Joke"]
DATUM = dt.date(2026, 11, 22)
GEMEENTE = "GM0344"  # Utrecht

TELEFOON: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "nl-NL",
}
LAPTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 800}, "locale": "nl-NL"}
WACHT = 20_000
"""Milliseconds to wait for a confirmation or a page: generous, the CI machine has 2 busy cores."""

# Every toast the page shows, in order, also after it has gone again; installed in every page
# of a context before the app's own scripts, so a reload starts a fresh list.
TOAST_LOG = """
(() => {
  window.__toasts = [];
  const laatst = new WeakMap();
  const kijk = () => {
    for (const el of document.querySelectorAll('[data-testid="stToast"]')) {
      const tekst = (el.innerText || el.textContent || '').trim();
      if (tekst && laatst.get(el) !== tekst) { laatst.set(el, tekst); window.__toasts.push(tekst); }
    }
  };
  new MutationObserver(kijk).observe(document, {subtree: true, childList: true, characterData: true});
})();
"""

FOUTEN_OP_SCHERM = """
(verwacht) => {
  const uit = [];
  for (const e of document.querySelectorAll('[data-testid="stException"]'))
    uit.push('uitzondering op het scherm: ' + e.innerText.replace(/\\s+/g, ' ').slice(0, 400));
  const tekst = document.body ? document.body.innerText : '';
  const patronen = [/Traceback/, /\\b\\w*(Error|Exception)\\b/, /File "\\//, /Connection error|Is Streamlit still running/i];
  for (const p of patronen) {
    const m = tekst.match(p);
    if (m) uit.push(`tekst "${m[0]}" op het scherm: …${tekst.slice(Math.max(0, m.index - 100), m.index + 200).replace(/\\s+/g, ' ')}…`);
  }
  if (!verwacht)
    for (const e of document.querySelectorAll('[data-testid="stAlertContentError"]'))
      uit.push('foutmelding die deze actie niet verwachtte: ' + e.innerText.replace(/\\s+/g, ' ').slice(0, 300));
  return uit;
}
"""

SCHERM = """
([keuzes, ambitie]) => {
  const kop = [...document.querySelectorAll('h1, h2, h3')].map(h => h.innerText.trim()).find(t => /^\\d+\\. /.test(t));
  // A group's name starts with its prefix ("Stelling 3: " and the stelling's own text).
  const groep = naam => [...document.querySelectorAll('[role="radiogroup"]')].find(g => (g.getAttribute('aria-label') || '').startsWith(naam));
  const gekozen = g => {
    if (!g) return undefined;
    const i = g.querySelector('input:checked');
    if (!i) return null;
    const l = i.closest('label');
    return l ? l.innerText.trim() : '?';
  };
  return {kop: kop || null, keuzes: keuzes.map(n => gekozen(groep(n))), ambitie: gekozen(groep(ambitie))};
}
"""

PROJECTOR_TABEL = """
([naamKol, beantwoordKol, ambitiesKol]) => {
  for (const tabel of document.querySelectorAll('table')) {
    const koppen = [...tabel.querySelectorAll('thead th')].map(th => th.innerText.trim());
    const n = koppen.indexOf(naamKol), b = koppen.indexOf(beantwoordKol), a = koppen.indexOf(ambitiesKol);
    if (n < 0 || b < 0) continue;
    return [...tabel.querySelectorAll('tbody tr')].map(tr => {
      const cellen = [...tr.querySelectorAll('th, td')].map(c => c.innerText.trim());
      return [cellen[n], cellen[b], a >= 0 ? cellen[a] : ''];
    });
  }
  return null;
}
"""


# --- the machine's address and the server ---------------------------------------------------------


def lan_adres() -> str | None:
    """The machine's non-loopback address: the source address of a route out, else ``hostname -I``."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("203.0.113.1", 9))  # a UDP connect sends no packet, it only picks a route
            adres = str(s.getsockname()[0])
            if not adres.startswith("127."):
                return adres
    except OSError:
        pass
    try:
        velden = subprocess.run(["hostname", "-I"], capture_output=True, text=True, check=False).stdout.split()
    except OSError:
        return None
    return next((a for a in velden if "." in a and not a.startswith("127.")), None)


def _poort() -> int:
    if os.environ.get("REPETITIE_POORT"):
        return int(os.environ["REPETITIE_POORT"])
    for poort in range(8650, 8670):
        with socket.socket() as s:
            try:
                s.bind(("0.0.0.0", poort))
            except OSError:
                continue
            return poort
    with socket.socket() as s:
        s.bind(("0.0.0.0", 0))
        return int(s.getsockname()[1])


class KamerServer:
    """``streamlit run app.py`` listening on all interfaces; (re)started on the same port and database."""

    def __init__(self, database_url: str, adres: str, poort: int, log: Path) -> None:
        self.database_url = database_url
        self.poort = poort
        self.url = f"http://{adres}:{poort}"
        self.log = log
        self.proces: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.proces = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "streamlit",
                    "run",
                    "app.py",
                    "--server.headless",
                    "true",
                    "--server.address",
                    "0.0.0.0",
                    "--server.port",
                    str(self.poort),
                ],
                cwd=ROOT,
                env={**os.environ, "DATABASE_URL": self.database_url, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        einde = time.monotonic() + 60
        while time.monotonic() < einde:
            if self.proces.poll() is not None:
                pytest.fail(f"Streamlit-server stopte meteen:\n{self.staart()}")
            try:
                # The health check goes over the LAN address: proof that a phone could reach it.
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as antwoord:
                    if antwoord.read().strip() == b"ok":
                        return
            except OSError:
                time.sleep(0.2)
        pytest.fail(f"Streamlit-server op {self.url} gaf na 60 s geen 'ok':\n{self.staart()}")

    def stop(self) -> None:
        if self.proces is None:
            return
        self.proces.terminate()
        try:
            self.proces.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proces.kill()
            self.proces.wait()
        self.proces = None

    def herstart(self) -> None:
        self.stop()
        self.start()

    def staart(self, regels: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-regels:])
        except OSError:
            return ""


@pytest.fixture
def kamer(tmp_path: Path) -> Iterator[KamerServer]:
    adres = lan_adres()
    if adres is None:
        pytest.skip("Repetitie overgeslagen: deze machine heeft geen adres buiten loopback (hostname -I)")
    url = f"sqlite:///{tmp_path / 'kamer.db'}"
    open_database(url).sluit()  # migrated before the server starts
    server = KamerServer(url, adres, _poort(), tmp_path / "streamlit.log")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def kamer_db(kamer: KamerServer) -> Iterator[Database]:
    db = open_database(kamer.database_url)
    try:
        yield db
    finally:
        db.sluit()


# --- what a screen shows ------------------------------------------------------------------------------


def nieuwe_pagina(browser: Any, apparaat: dict[str, Any]) -> Any:
    context = browser.new_context(**apparaat)
    context.add_init_script(TOAST_LOG)
    pagina = context.new_page()
    pagina.set_default_timeout(WACHT)
    return pagina


def wacht_klaar(pagina: Any) -> None:
    """Until the app is connected and no script run is going on."""
    pagina.locator('[data-testid="stApp"][data-test-connection-state="CONNECTED"]').wait_for(state="attached")
    pagina.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(state="attached")


def fouten_op_scherm(pagina: Any, *, fout_verwacht: bool = False) -> list[str]:
    try:
        return list(pagina.evaluate(FOUTEN_OP_SCHERM, fout_verwacht))
    except Exception as exc:  # a page that is navigating cannot be read this instant
        return (
            []
            if "navigat" in str(exc).lower() or "context was destroyed" in str(exc)
            else [f"scherm onleesbaar: {exc}"]
        )


def toasts(pagina: Any) -> int:
    return int(pagina.evaluate("() => (window.__toasts || []).length"))


BEVESTIGD_JS = """
([n, tekst, groep, sinds]) => {
  if ((window.__toasts || []).slice(n).some(t => t.includes(tekst))) return true;
  if (!groep) return false;
  // The lasting confirmation in the stelling's (or the ambition's) own block: "Opgeslagen om 14:03:07"
  // (for a note on an unanswered stelling: "… toelichting opgeslagen om 14:03:07").
  let e = [...document.querySelectorAll('[role="radiogroup"]')].find(x => (x.getAttribute('aria-label') || '').startsWith(groep));
  while (e && e !== document.body) {
    if (e.querySelectorAll('[role="radiogroup"]').length > 1) return false;  // left its own block
    const m = [...(e.innerText || '').matchAll(/[Oo]pgeslagen om (\\d\\d:\\d\\d:\\d\\d)/g)];
    if (m.length) return m[m.length - 1][1] >= sinds;
    e = e.parentElement;
  }
  return false;
}
"""


def groep_begin(nummer: int) -> str:
    """How the accessible name of stelling ``nummer``'s radio group begins ("Stelling 3: "); the
    stelling's own text follows (issue 17)."""
    return t("invullen.keuze", nummer=nummer, stelling="")


def groep_naam(nummer: int) -> re.Pattern[str]:
    """Stelling ``nummer``'s radio group, for playwright's ``get_by_role(name=...)``."""
    return re.compile("^" + re.escape(groep_begin(nummer)))


AMBITIE_BEGIN = t("invullen.ambitie.keuze", bouwsteen="\0").split("\0")[0]
"""How the ambition's radio group's name begins ("Ambitie voor "), the bouwsteen follows."""


def nu_hier() -> str:
    """The local time a second ago, as the app writes it ("Opgeslagen om 14:03:07")."""
    return (dt.datetime.now(ZoneInfo("Europe/Amsterdam")) - dt.timedelta(seconds=1)).strftime("%H:%M:%S")


def wacht_op_toast(
    pagina: Any, vanaf: int, tekst: str, timeout: int = WACHT, groep: str | None = None, sinds: str | None = None
) -> bool:
    """Whether the save was confirmed after the first ``vanaf`` toasts of this page: a toast
    containing ``tekst``, or (with ``groep``) the lasting "Opgeslagen om" line of that stelling or
    ambition showing a time from ``sinds`` on (a toast is gone after a few seconds and, under load,
    Streamlit sometimes draws one without its text).

    Stops waiting early when an exception is on the screen: no confirmation will come then.
    """
    argumenten = [vanaf, tekst, groep, sinds or ""]
    try:
        pagina.wait_for_function(
            f"(a) => ({BEVESTIGD_JS})(a) || document.querySelector('[data-testid=\"stException\"]') !== null",
            arg=argumenten,
            timeout=timeout,
        )
    except Exception:
        return False
    return bool(pagina.evaluate(BEVESTIGD_JS, argumenten))


def gekozen_op_scherm(pagina: Any, groep: str, label: str, vanaf: int, bevestiging: str, timeout: int) -> bool:
    """Whether, within ``timeout`` ms, the radio group ``groep`` shows ``label`` as chosen or the
    save of that choice is confirmed (a page that only marks a choice after its rerun)."""
    try:
        pagina.wait_for_function(
            """([groep, label, n, bevestiging]) => {
                const g = [...document.querySelectorAll('[role="radiogroup"]')].find(x => (x.getAttribute('aria-label') || '').startsWith(groep));
                const i = g && g.querySelector('input:checked');
                const gekozen = !!i && !!i.closest('label') && i.closest('label').innerText.trim() === label;
                return gekozen || (window.__toasts || []).slice(n).some(t => t.includes(bevestiging));
            }""",
            arg=[groep, label, vanaf, bevestiging],
            timeout=timeout,
        )
    except Exception:
        return False
    return True


def projector_url(basis: str, facilitator: Sessie, db: Database) -> str:
    """The address of the projected view: the read-only presenter page, no credential in it."""
    return f"{basis}/scherm?scherm={bespreken.presentatie_token(db, facilitator)}"


def projector_counts(pagina: Any) -> dict[str, tuple[int, int]] | None:
    """Per participant name: (stellingen answered, -1) as the projector shows them.

    Reads the presenter page's progress table (columns named by ``scherm.kol.*``; the count is in
    the column headed (for screen readers only) ``scherm.kol.aantal_beantwoord``, "12 van 80" or
    "✓ klaar" when done); None while the table is not on the
    screen. The presenter shows no ambition counts, hence -1.
    """
    rijen = pagina.evaluate(
        PROJECTOR_TABEL, [t("scherm.kol.naam"), t("scherm.kol.aantal_beantwoord"), t("scherm.kol.voortgang")]
    )
    if rijen is None:
        return None
    totaal = sum(len(b.stellingen) for b in laad_vragenlijst().bouwstenen)
    uit = {}
    for naam, beantwoord, _ in rijen:
        b = re.search(r"(\d+)\s+van\s+\d+", beantwoord)
        uit[naam] = (int(b.group(1)) if b else totaal if "✓" in beantwoord else -1, -1)
    return uit


@dataclass
class Scherm:
    """What an Invullen page shows: its bouwsteen, the level chosen per stelling, the ambition."""

    bouwsteen: Bouwsteen | None
    keuzes: dict[str, str | None]
    ambitie: str | None


def _labels(vl: Vragenlijst) -> dict[str, str]:
    """Value to the text of its option on the screen ("3 · Samenhangend", "Weet niet")."""
    uit = {str(n.niveau): f"{n.niveau} · {n.naam.nl}" for n in vl.schaal.niveaus}
    uit["weet_niet"] = vl.schaal.weet_niet.label.nl
    uit["nvt"] = vl.schaal.nvt.label.nl
    return uit


def scherm(pagina: Any, vl: Vragenlijst) -> Scherm:
    waarde_van = {label: waarde for waarde, label in _labels(vl).items()}
    gelezen = pagina.evaluate(
        # Every stelling a bouwsteen can have (version 2.0 has bouwstenen of six).
        SCHERM,
        [
            [groep_begin(n) for n in range(1, 1 + max(len(b.stellingen) for b in vl.bouwstenen))],
            AMBITIE_BEGIN,
        ],
    )
    kop = gelezen["kop"] or ""
    bouwsteen = next((b for b in vl.bouwstenen if kop.startswith(f"{b.nummer}. {b.naam.nl}")), None)
    keuzes: dict[str, str | None] = {}
    if bouwsteen is not None:
        for s, label in zip(bouwsteen.stellingen, gelezen["keuzes"], strict=False):
            keuzes[s.id] = None if label is None else waarde_van.get(label, f"? {label}")
    ambitie = gelezen["ambitie"]
    return Scherm(bouwsteen, keuzes, None if ambitie is None else waarde_van.get(ambitie, f"? {ambitie}"))


def wacht_op_bouwsteen(pagina: Any, vl: Vragenlijst, bouwsteen: Bouwsteen | None = None) -> Bouwsteen:
    """Until the page shows ``bouwsteen`` (or any bouwsteen) with its stellingen, and is idle."""
    kop = re.compile(rf"^{bouwsteen.nummer}\. {re.escape(bouwsteen.naam.nl)}" if bouwsteen else r"^\d+\. ")
    pagina.locator("h1, h2, h3").filter(has_text=kop).first.wait_for()
    pagina.get_by_role("radiogroup", name=groep_naam(1)).wait_for()
    wacht_klaar(pagina)
    getoond = scherm(pagina, vl).bouwsteen
    assert getoond is not None, "geen bouwsteen op het scherm"
    return getoond


# --- participants and their model ---------------------------------------------------------------------


@dataclass
class Deelnemer:
    naam: str
    token: str
    pagina: Any
    antwoorden: dict[str, str] = field(default_factory=dict)
    toelichtingen: dict[str, str] = field(default_factory=dict)
    ambities: dict[str, int] = field(default_factory=dict)
    apparaten: int = 1

    def sessie(self, db: Database) -> Sessie:
        sessie = start.sessie_voor_token(db, self.token)
        assert sessie is not None, f"{self.naam}: token onbekend in de database"
        return sessie


def doe_mee(browser: Any, basis: str, code: str, naam: str, *, via_qr: bool) -> Deelnemer:
    """Join on a phone: by the QR link (code filled in) or by typing the code on Start."""
    pagina = nieuwe_pagina(browser, TELEFOON)
    if via_qr:
        pagina.goto(f"{basis}/?code={code}")
    else:
        pagina.goto(f"{basis}/")
    formulier = pagina.locator('[data-testid="stForm"]').filter(has=pagina.get_by_label(t("start.code")))
    if not via_qr:
        # Typed as people type it from a projected screen: lower case, with the dash.
        formulier.get_by_label(t("start.code")).fill(f"{code[:4]}-{code[4:]}".lower())
    formulier.get_by_label(t("start.naam")).fill(naam)
    formulier.get_by_role("button", name=t("start.meedoen.knop")).tap()
    pagina.get_by_role("radiogroup", name=groep_naam(1)).wait_for()
    # The personal link is the address, its token after '#' (issue 18: never in a request line).
    pagina.wait_for_function("() => new URLSearchParams(location.hash.slice(1)).has('d')", timeout=WACHT)
    token = parse_qs(urlparse(pagina.url).fragment).get("d", [""])[0]
    assert token, f"{naam}: geen persoonlijke link in het adres na meedoen ({pagina.url})"
    assert "d=" not in urlparse(pagina.url).query, f"{naam}: token in de querystring ({pagina.url})"
    return Deelnemer(naam=naam, token=token, pagina=pagina)


class Probleem(Exception):
    """Something a participant would notice: no confirmation, the wrong page, a lost click.

    ``herladen``: whether the participant has to reload to go on (not after a tap that missed).
    """

    def __init__(self, tekst: str, *, herladen: bool = True) -> None:
        super().__init__(tekst)
        self.herladen = herladen


def _tik_knop(pagina: Any, label: str) -> bool:
    """Tap the lowest enabled button named ``label`` (the one under the stellingen); False if none."""
    knoppen = pagina.get_by_role("button", name=re.compile(rf"(^|\s){re.escape(label)}$"))
    for i in reversed(range(knoppen.count())):
        knop = knoppen.nth(i)
        if knop.is_visible() and knop.is_enabled():
            knop.scroll_into_view_if_needed()
            knop.tap()
            return True
    return False


def _wacht_op_db(controle: Callable[[], bool], seconden: float = 5.0) -> bool:
    einde = time.monotonic() + seconden
    while True:
        if controle():
            return True
        if time.monotonic() > einde:
            return False
        time.sleep(0.1)


class Repetitie:
    """The random run: one action at a time, checked on every screen and in the database."""

    def __init__(
        self, seed: int, vl: Vragenlijst, db: Database, browser: Any, basis: str, projector: Any, uitvoer: Path
    ) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.vl = vl
        self.db = db
        self.browser = browser
        self.basis = basis
        self.projector = projector
        self.uitvoer = uitvoer
        self.labels = _labels(vl)
        self.deelnemers: list[Deelnemer] = []
        self.problemen: list[str] = []
        self.gedaan: Counter[str] = Counter()
        self.stap = 0

    # -- actions; each returns a description and raises Probleem for what a participant would notice

    def _bouwsteen(self, d: Deelnemer) -> Bouwsteen:
        b = scherm(d.pagina, self.vl).bouwsteen
        if b is None:
            raise Probleem("geen bouwsteen op het scherm")
        return b

    def antwoord(self, d: Deelnemer, soort: str) -> str:
        b = self._bouwsteen(d)
        nu = scherm(d.pagina, self.vl).keuzes
        open_ = [s for s in b.stellingen if nu.get(s.id) is None]
        # People mostly answer the next open stelling, sometimes change an earlier answer.
        s = open_[0] if open_ and self.rng.random() < 0.7 else self.rng.choice(b.stellingen)
        nummer = b.stellingen.index(s) + 1
        if soort == "niveau":
            waarde = self.rng.choice([w for w in ("1", "2", "3", "4", "5") if w != nu.get(s.id)])
        else:
            waarde = soort
            if nu.get(s.id) == waarde:
                waarde = "nvt" if soort == "weet_niet" else "weet_niet"
        groep = d.pagina.get_by_role("radiogroup", name=groep_naam(nummer))
        # A level can be tapped on its title or on its description (issue 12, item 6).
        op_omschrijving = waarde.isdigit() and self.rng.random() < 0.3
        if op_omschrijving:
            doel = groep.get_by_text(s.niveaus.bij(int(waarde)).nl[:60], exact=False).first
        else:
            doel = groep.get_by_text(self.labels[waarde], exact=True).first
        if op_omschrijving:
            # Where a person looks before tapping: the text in the middle of the screen, not half
            # under Streamlit's fixed header at the top (a finger there taps the header).
            doel.evaluate("e => e.scrollIntoView({block: 'center'})")
        else:
            doel.scroll_into_view_if_needed()
        vanaf = toasts(d.pagina)
        sinds = nu_hier()
        if op_omschrijving:
            # A finger lands where the text is; playwright's own tap would refuse because the
            # label is stretched over its description (which is the point).
            vak = doel.bounding_box()
            assert vak is not None
            d.pagina.touchscreen.tap(vak["x"] + min(20, vak["width"] / 2), vak["y"] + vak["height"] / 2)
        else:
            doel.tap()
        d.antwoorden[s.id] = waarde
        beschrijving = f"stelling {b.nummer}.{nummer} → {self.labels[waarde]}{' (op de omschrijving getikt)' if op_omschrijving else ''}"
        bevestiging = t("invullen.opgeslagen", nummer=nummer, keuze=self.labels[waarde])
        # The chosen option shows at once in the browser (or its save is confirmed); when neither
        # happens within a few seconds, the tap missed.
        if not gekozen_op_scherm(d.pagina, groep_begin(nummer), self.labels[waarde], vanaf, bevestiging, 6_000):
            raise Probleem(f"{beschrijving}: na het tikken niet gekozen en niet opgeslagen", herladen=False)
        if not wacht_op_toast(d.pagina, vanaf, bevestiging, groep=groep_begin(nummer), sinds=sinds):
            raise Probleem(f"{beschrijving}: geen bevestiging 'Opgeslagen' binnen {WACHT // 1000} s")
        sessie = d.sessie(self.db)
        if not _wacht_op_db(
            lambda: (a := invullen.mijn_antwoorden(self.db, sessie).get(s.id)) is not None and a.antwoord == waarde
        ):
            raise Probleem(f"{beschrijving}: bevestigd maar niet in de database")
        return beschrijving

    def toelichting(self, d: Deelnemer) -> str:
        b = self._bouwsteen(d)
        nummer = self.rng.randint(1, len(b.stellingen))
        s = b.stellingen[nummer - 1]
        tekst = self.rng.choice(["Balie & telefoon", "Zie <notitie> van KCC", "Weet ik niet zeker", "Eerst chat"])
        tekst = f"{tekst} #{self.stap}"
        veld = d.pagina.get_by_label(t("invullen.toelichting")).nth(nummer - 1)
        veld.scroll_into_view_if_needed()
        vanaf = toasts(d.pagina)
        sinds = nu_hier()
        veld.tap()
        veld.fill(tekst)
        veld.blur()  # a phone has no Ctrl+Enter: tapping elsewhere saves
        d.toelichtingen[s.id] = tekst
        beschrijving = f"toelichting bij {b.nummer}.{nummer}: {tekst!r}"
        if not wacht_op_toast(
            d.pagina,
            vanaf,
            t("invullen.toelichting.opgeslagen", nummer=nummer),
            groep=groep_begin(nummer),
            sinds=sinds,
        ):
            raise Probleem(f"{beschrijving}: geen bevestiging binnen {WACHT // 1000} s")
        sessie = d.sessie(self.db)
        if not _wacht_op_db(
            lambda: (a := invullen.mijn_antwoorden(self.db, sessie).get(s.id)) is not None and a.toelichting == tekst
        ):
            raise Probleem(f"{beschrijving}: bevestigd maar niet in de database")
        return beschrijving

    def ambitie(self, d: Deelnemer) -> str:
        b = self._bouwsteen(d)
        nu = scherm(d.pagina, self.vl).ambitie
        waarde = self.rng.choice([w for w in ("1", "2", "3", "4", "5") if w != nu])
        groep = d.pagina.get_by_role("radiogroup", name=re.compile("^" + re.escape(AMBITIE_BEGIN)))
        doel = groep.get_by_text(self.labels[waarde], exact=True).first
        doel.scroll_into_view_if_needed()
        vanaf = toasts(d.pagina)
        sinds = nu_hier()
        doel.tap()
        d.ambities[b.id] = int(waarde)
        beschrijving = f"ambitie {b.nummer} → {self.labels[waarde]}"
        if not wacht_op_toast(
            d.pagina,
            vanaf,
            t("invullen.ambitie.opgeslagen", keuze=self.labels[waarde]),
            groep=AMBITIE_BEGIN,
            sinds=sinds,
        ):
            raise Probleem(f"{beschrijving}: geen bevestiging binnen {WACHT // 1000} s")
        sessie = d.sessie(self.db)
        if not _wacht_op_db(lambda: invullen.mijn_ambities(self.db, sessie).get(b.id) == int(waarde)):
            raise Probleem(f"{beschrijving}: bevestigd maar niet in de database")
        return beschrijving

    def stap_naar(self, d: Deelnemer, richting: int) -> str:
        b = self._bouwsteen(d)
        i = self.vl.bouwstenen.index(b)
        if not 0 <= i + richting < len(self.vl.bouwstenen):
            richting = -richting
        doel = self.vl.bouwstenen[i + richting]
        label = t("invullen.volgende") if richting > 0 else t("invullen.vorige")
        if not _tik_knop(d.pagina, label):
            raise Probleem(f"{label} op bouwsteen {b.nummer}: geen knop om op te tikken")
        self._wacht_op_kop(d, doel, f"{label} op bouwsteen {b.nummer}")
        return f"{label}: {b.nummer} → {doel.nummer}"

    def lijst(self, d: Deelnemer) -> str:
        b = self._bouwsteen(d)
        doel = self.rng.choice([x for x in self.vl.bouwstenen if x.id != b.id])
        veld = d.pagina.get_by_role("combobox", name=t("invullen.bouwsteen"))
        veld.scroll_into_view_if_needed()
        veld.tap()
        veld.fill(doel.naam.nl)
        optie = d.pagina.get_by_role("option").filter(
            has_text=re.compile(rf"^{doel.nummer}\. {re.escape(doel.naam.nl)}")
        )
        optie.first.tap()
        self._wacht_op_kop(d, doel, f"bouwsteenlijst op {b.nummer}")
        return f"bouwsteenlijst: {b.nummer} → {doel.nummer}"

    def _wacht_op_kop(self, d: Deelnemer, doel: Bouwsteen, wat: str) -> None:
        kop = re.compile(rf"^{doel.nummer}\. {re.escape(doel.naam.nl)}")
        uitzondering = d.pagina.locator('[data-testid="stException"]')
        try:
            d.pagina.locator("h1, h2, h3").filter(has_text=kop).or_(uitzondering).first.wait_for(timeout=WACHT)
        except Exception:
            raise Probleem(f"{wat}: bouwsteen {doel.nummer} niet getoond binnen {WACHT // 1000} s") from None
        if uitzondering.count():
            tekst = re.sub(r"\s+", " ", uitzondering.first.inner_text())[:300]
            raise Probleem(f"{wat}: in plaats van bouwsteen {doel.nummer} een uitzondering: {tekst}")
        wacht_klaar(d.pagina)

    def herlaad(self, d: Deelnemer) -> str:
        b = self._bouwsteen(d)
        d.pagina.reload()
        getoond = wacht_op_bouwsteen(d.pagina, self.vl)
        if getoond.id != b.id:
            raise Probleem(f"herladen op bouwsteen {b.nummer} toonde bouwsteen {getoond.nummer}")
        return f"herladen op bouwsteen {b.nummer}"

    def tweede_apparaat(self, d: Deelnemer) -> str:
        """The personal link opened on another device, which the participant then goes on with."""
        nieuw = nieuwe_pagina(self.browser, TELEFOON)
        # As copied from the first device's address bar: the token after '#'.
        nieuw.goto(f"{self.basis}/#d={d.token}")
        nieuw.get_by_role("button", name=re.compile(re.escape(t("start.verder")))).first.tap()
        getoond = wacht_op_bouwsteen(nieuw, self.vl)
        oud = d.pagina
        d.pagina = nieuw
        d.apparaten += 1
        oud.context.close()
        beschrijving = f"persoonlijke link op apparaat {d.apparaten}: verder op bouwsteen {getoond.nummer}"
        # "Verder met invullen" continues at the first unfinished bouwsteen (issue 12, item 6): the
        # first with an open stelling, or (read more strictly) with an open stelling or ambition,
        # by what is stored.
        sessie = d.sessie(self.db)
        beantwoord = {s for s, a in invullen.mijn_antwoorden(self.db, sessie).items() if a.antwoord is not None}
        ambities = invullen.mijn_ambities(self.db, sessie)
        open_stelling = [b for b in self.vl.bouwstenen if any(s.id not in beantwoord for s in b.stellingen)]
        open_ook_ambitie = [
            b for b in self.vl.bouwstenen if any(s.id not in beantwoord for s in b.stellingen) or b.id not in ambities
        ]
        goed = {x[0].id for x in (open_stelling, open_ook_ambitie) if x}
        if goed and getoond.id not in goed:
            eerste = sorted(self.vl.bouwsteen(i).nummer for i in goed)
            raise Probleem(f"{beschrijving}, maar de eerste onafgemaakte bouwsteen is {' of '.join(map(str, eerste))}")
        return beschrijving

    # -- the run

    def kies(self, d: Deelnemer) -> tuple[str, Callable[[], str]]:
        nu = scherm(d.pagina, self.vl)
        open_ = sum(1 for w in nu.keuzes.values() if w is None)
        gewichten = {
            "niveau": 40 if open_ else 12,
            "weet_niet": 4,
            "nvt": 3,
            "toelichting": 7,
            "ambitie": 6 if nu.ambitie is None else 2,
            "volgende": 8 if open_ else 30,
            "vorige": 6,
            "lijst": 5,
            "herladen": 4,
            "tweede_apparaat": 2 if d.apparaten < 3 else 0,
        }
        soort = self.rng.choices(list(gewichten), weights=list(gewichten.values()))[0]
        acties: dict[str, Callable[[], str]] = {
            "niveau": lambda: self.antwoord(d, "niveau"),
            "weet_niet": lambda: self.antwoord(d, "weet_niet"),
            "nvt": lambda: self.antwoord(d, "nvt"),
            "toelichting": lambda: self.toelichting(d),
            "ambitie": lambda: self.ambitie(d),
            "volgende": lambda: self.stap_naar(d, 1),
            "vorige": lambda: self.stap_naar(d, -1),
            "lijst": lambda: self.lijst(d),
            "herladen": lambda: self.herlaad(d),
            "tweede_apparaat": lambda: self.tweede_apparaat(d),
        }
        return soort, acties[soort]

    def schermen(self) -> list[tuple[str, Any]]:
        return [("projector", self.projector)] + [(d.naam, d.pagina) for d in self.deelnemers]

    def probleem(self, wie: str, pagina: Any, tekst: str) -> None:
        regel = f"stap {self.stap} ({wie}): {tekst}"
        print(f"  PROBLEEM {regel}")
        self.problemen.append(regel)
        self.uitvoer.mkdir(exist_ok=True)
        naam = re.sub(r"[^A-Za-z0-9]+", "_", wie)
        try:
            pagina.screenshot(path=str(self.uitvoer / f"repetitie_{self.seed}_stap{self.stap:03d}_{naam}.png"))
        except Exception as exc:
            print(f"    (geen schermafdruk: {exc})")

    def herstel(self, d: Deelnemer) -> None:
        """After a problem: the participant reloads, as they would, and goes on."""
        try:
            d.pagina.reload()
            wacht_op_bouwsteen(d.pagina, self.vl)
        except Exception as exc:
            self.problemen.append(f"stap {self.stap} ({d.naam}): herladen na een probleem lukte niet: {exc}")

    def controleer_scherm(self, d: Deelnemer) -> None:
        """The acting participant's screen shows what the database holds for this bouwsteen."""
        nu = scherm(d.pagina, self.vl)
        if nu.bouwsteen is None:
            return
        sessie = d.sessie(self.db)
        opgeslagen = invullen.mijn_antwoorden(self.db, sessie)
        ambities = invullen.mijn_ambities(self.db, sessie)
        for s in nu.bouwsteen.stellingen:
            in_db = opgeslagen[s.id].antwoord if s.id in opgeslagen else None
            if nu.keuzes.get(s.id) != in_db:
                raise Probleem(f"scherm toont bij {s.id} {nu.keuzes.get(s.id)!r}, de database heeft {in_db!r}")
        in_db_ambitie = ambities.get(nu.bouwsteen.id)
        if nu.ambitie != (str(in_db_ambitie) if in_db_ambitie else None):
            raise Probleem(f"scherm toont ambitie {nu.ambitie!r}, de database heeft {in_db_ambitie!r}")

    def draai(self, acties: int) -> None:
        for self.stap in range(1, acties + 1):
            begin = time.monotonic()
            d = self.rng.choice(self.deelnemers)
            soort, actie = self.kies(d)
            self.gedaan[soort] += 1
            try:
                beschrijving = actie()
                wacht_klaar(d.pagina)
                self.controleer_scherm(d)
            except Probleem as p:
                self.probleem(d.naam, d.pagina, f"{soort}: {p}")
                beschrijving = f"{soort} (probleem)"
                if p.herladen:
                    self.herstel(d)
            except Exception as exc:  # a timeout of playwright: the page did not do what a person expects
                self.probleem(d.naam, d.pagina, f"{soort}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
                beschrijving = f"{soort} (vastgelopen)"
                self.herstel(d)
            actie_klaar = time.monotonic()
            # No error on any screen, the projector's included.
            for wie, pagina in self.schermen():
                fouten = fouten_op_scherm(pagina)
                if fouten:
                    for fout in fouten:
                        self.probleem(wie, pagina, f"na '{soort}' van {d.naam}: {fout}")
                    if pagina is self.projector:
                        pagina.reload()
                    else:
                        self.herstel(next(x for x in self.deelnemers if x.pagina is pagina))
            print(
                f"  {self.stap:3d}. {d.naam}: {beschrijving} "
                f"[{actie_klaar - begin:.1f} s + controle {time.monotonic() - actie_klaar:.1f} s]"
            )

    def eindcontrole(self) -> tuple[int, int]:
        """The database holds exactly each participant's last click; returns (stored, expected)."""
        goed = verwacht = 0
        for d in self.deelnemers:
            sessie = d.sessie(self.db)
            opgeslagen = invullen.mijn_antwoorden(self.db, sessie)
            in_db = {s: a.antwoord for s, a in opgeslagen.items() if a.antwoord is not None}
            notities = {s: a.toelichting for s, a in opgeslagen.items() if a.toelichting}
            ambities = invullen.mijn_ambities(self.db, sessie)
            verwacht += len(d.antwoorden) + len(d.toelichtingen) + len(d.ambities)
            for soort, model, db in (
                ("antwoord", d.antwoorden, in_db),
                ("toelichting", d.toelichtingen, notities),
                ("ambitie", d.ambities, ambities),
            ):
                for sleutel in sorted(set(model) | set(db)):
                    if model.get(sleutel) == db.get(sleutel):
                        goed += 1
                    else:
                        self.problemen.append(
                            f"einde ({d.naam}): {soort} {sleutel}: laatste klik {model.get(sleutel)!r}, "
                            f"database {db.get(sleutel)!r}"
                        )
        return goed, verwacht


def _controleer_projector(projector: Any, verwacht: dict[str, tuple[int, int]]) -> list[str]:
    """The projector's counts match the model, within the time its own refresh needs."""
    einde = time.monotonic() + 30
    getoond: dict[str, tuple[int, int]] | None = None
    while time.monotonic() < einde:
        getoond = projector_counts(projector)
        # The presenter lists a facilitator only once they answer something: absent means 0 then.
        if getoond is not None and all(
            getoond.get(naam, (0, -1))[0] == telling[0] for naam, telling in verwacht.items()
        ):
            return []
        projector.wait_for_timeout(1000)
    return [
        f"projector: {naam} toont beantwoord {None if getoond is None else getoond.get(naam)}, verwacht {telling[0]}"
        for naam, telling in verwacht.items()
        if getoond is None or getoond.get(naam, (0, -1))[0] != telling[0]
    ]


def _seed() -> int:
    return (
        int(os.environ["REPETITIE_SEED"])
        if os.environ.get("REPETITIE_SEED")
        else random.SystemRandom().randrange(10**6)
    )


def _open_projector(browser: Any, basis: str, facilitator: Sessie, db: Database) -> Any:
    projector = nieuwe_pagina(browser, LAPTOP)
    projector.goto(projector_url(basis, facilitator, db))
    # The presenter's progress block is on the screen (its table appears once someone joined).
    projector.locator(".st-key-scherm_voortgang").wait_for(timeout=WACHT)
    wacht_klaar(projector)
    return projector


# --- the rehearsal -------------------------------------------------------------------------------------------


def test_repetitie_van_een_workshop(
    kamer: KamerServer, kamer_db: Database, browser: Any, vragenlijst: Vragenlijst
) -> None:
    seed = _seed()
    print(
        f"\nRepetitie: seed {seed} (REPETITIE_SEED={seed} herhaalt deze run), {ACTIES} acties, {DEELNEMERS} deelnemers"
    )
    print(f"server {kamer.url} (alle interfaces), database {kamer.database_url}")
    facilitator = start_ronde(
        kamer_db, vragenlijst, gm_code=GEMEENTE, facilitator="Fatima", datum=DATUM, omschrijving="Repetitie"
    )
    projector = _open_projector(browser, kamer.url, facilitator, kamer_db)
    repetitie = Repetitie(seed, vragenlijst, kamer_db, browser, kamer.url, projector, UITVOER)
    try:
        for i in range(DEELNEMERS):
            via_qr = i % 2 == 0
            d = doe_mee(browser, kamer.url, facilitator.ronde.code, NAMEN[i], via_qr=via_qr)
            repetitie.deelnemers.append(d)
            print(f"  {d.naam} doet mee {'via de QR-link' if via_qr else 'met de getypte code'}")
            for wie, pagina in repetitie.schermen():
                for fout in fouten_op_scherm(pagina):
                    repetitie.probleem(wie, pagina, f"na meedoen van {d.naam}: {fout}")

        repetitie.draai(ACTIES)
        goed, verwacht = repetitie.eindcontrole()
        telling = {d.naam: (len(d.antwoorden), len(d.ambities)) for d in repetitie.deelnemers}
        telling[facilitator.deelnemer.naam] = (0, 0)
        repetitie.problemen += _controleer_projector(projector, telling)
        projector.locator("table").first.scroll_into_view_if_needed()
        projector.screenshot(path=str(UITVOER / f"repetitie_{seed}_projector.png"))
        repetitie.deelnemers[0].pagina.screenshot(path=str(UITVOER / f"repetitie_{seed}_telefoon.png"))
    finally:
        for d in repetitie.deelnemers:
            d.pagina.context.close()
        projector.context.close()

    acties = ", ".join(f"{n}× {soort}" for soort, n in repetitie.gedaan.most_common())
    print(f"Repetitie seed {seed}: {ACTIES} acties ({acties})")
    print(f"  opgeslagen zoals laatst geklikt: {goed}/{verwacht} (antwoorden, toelichtingen en ambities)")
    print(f"  problemen: {len(repetitie.problemen)}")
    assert not repetitie.problemen, (
        f"seed {seed}: {len(repetitie.problemen)} problemen (schermafdrukken in {UITVOER}):\n"
        + "\n".join(repetitie.problemen[:40])
    )
    assert goed == verwacht


# --- item 3: a restart under connected browsers, and a close that lands before a click ---------------------


def _open_invullen(browser: Any, basis: str, d: Sessie, vl: Vragenlijst) -> Any:
    pagina = nieuwe_pagina(browser, TELEFOON)
    pagina.goto(f"{basis}/invullen?d={d.deelnemer.token}")
    wacht_op_bouwsteen(pagina, vl, vl.bouwstenen[0])
    return pagina


def _tik_niveau(pagina: Any, vl: Vragenlijst, nummer: int, waarde: str) -> int:
    vanaf = toasts(pagina)
    groep = pagina.get_by_role("radiogroup", name=groep_naam(nummer))
    groep.get_by_text(_labels(vl)[waarde], exact=True).first.tap()
    return vanaf


DUTCH_WEIGERING = re.compile(r"afgerond|gesloten|niet (meer )?(opgeslagen|bewaard|mogelijk)|opnieuw|kan niet", re.I)


def _weigering_op_scherm(pagina: Any) -> str | None:
    """A refusal the participant sees where they are: a Dutch toast, or a Dutch alert inside the
    visible part of the screen (a banner at the top of a page scrolled down to stelling 3 is not
    seen); never the 'Opgeslagen' confirmation."""
    teksten = pagina.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stAlert"]')]
                 .filter(e => { const r = e.getBoundingClientRect();
                                return r.bottom > 0 && r.top < window.innerHeight && r.height > 0; })
                 .map(e => e.innerText.trim()).filter(Boolean)"""
    ) + pagina.evaluate("() => window.__toasts || []")
    return next((x for x in teksten if DUTCH_WEIGERING.search(x) and not x.startswith("Opgeslagen")), None)


def test_na_een_herstart_wordt_de_eerste_klik_bewaard_of_zichtbaar_geweigerd(
    kamer: KamerServer, kamer_db: Database, browser: Any, vragenlijst: Vragenlijst
) -> None:
    facilitator = start_ronde(kamer_db, vragenlijst, gm_code=GEMEENTE, facilitator="Fatima", datum=DATUM)
    anna = start.neem_deel(kamer_db, vragenlijst, code=facilitator.ronde.code, naam="Anna")
    bram = start.neem_deel(kamer_db, vragenlijst, code=facilitator.ronde.code, naam="Bram")
    eerste = vragenlijst.bouwstenen[0].stellingen
    paginas = {}
    try:
        projector = _open_projector(browser, kamer.url, facilitator, kamer_db)
        for sessie in (anna, bram):
            pagina = paginas[sessie.deelnemer.naam] = _open_invullen(browser, kamer.url, sessie, vragenlijst)
            vanaf = _tik_niveau(pagina, vragenlijst, 1, "2")
            assert wacht_op_toast(pagina, vanaf, t("invullen.opgeslagen", nummer=1, keuze=_labels(vragenlijst)["2"]))

        kamer.herstart()
        for pagina in [projector, *paginas.values()]:
            wacht_klaar(pagina)  # the browsers reconnect by themselves

        # Anna clicks without reloading: stored and confirmed, or refused in Dutch; never lost silently.
        pagina = paginas["Anna"]
        vanaf = _tik_niveau(pagina, vragenlijst, 2, "3")
        bevestigd = wacht_op_toast(pagina, vanaf, t("invullen.opgeslagen", nummer=2, keuze=_labels(vragenlijst)["3"]))
        wacht_klaar(pagina)
        opgeslagen = invullen.mijn_antwoorden(kamer_db, anna).get(eerste[1].id)
        weigering = _weigering_op_scherm(pagina)
        pagina.screenshot(path=str(UITVOER / "repetitie_herstart_anna.png"))
        for wie, p in [("projector", projector), *paginas.items()]:
            assert not fouten_op_scherm(p, fout_verwacht=weigering is not None), (wie, fouten_op_scherm(p))
        if bevestigd:
            assert opgeslagen is not None and opgeslagen.antwoord == "3", "bevestigd maar niet opgeslagen"
        else:
            assert weigering is not None, (
                "de eerste klik na de herstart is niet bevestigd en niet geweigerd "
                f"(database: {opgeslagen.antwoord if opgeslagen else None!r})"
            )
            assert opgeslagen is None, "geweigerd maar toch opgeslagen"

        # A reconnected browser shows what is stored: Anna's screen now, and Bram's without a reload.
        for naam, sessie in (("Anna", anna), ("Bram", bram)):
            p = paginas[naam]
            op_scherm = scherm(p, vragenlijst).keuzes
            in_db = {s: a.antwoord for s, a in invullen.mijn_antwoorden(kamer_db, sessie).items()}
            for s in eerste:
                if naam == "Anna" and s.id == eerste[1].id and weigering is not None:
                    continue  # a refused choice may stay on screen next to its refusal, to be tried again
                assert op_scherm.get(s.id) == in_db.get(s.id), (naam, s.id, op_scherm.get(s.id), in_db.get(s.id))
        # And Bram's next click after the restart is stored and confirmed like any other.
        vanaf = _tik_niveau(paginas["Bram"], vragenlijst, 2, "4")
        assert wacht_op_toast(
            paginas["Bram"], vanaf, t("invullen.opgeslagen", nummer=2, keuze=_labels(vragenlijst)["4"])
        ) or _weigering_op_scherm(paginas["Bram"])
    finally:
        for p in paginas.values():
            p.context.close()


def test_een_klik_na_het_afronden_wordt_niet_bewaard_en_in_het_nederlands_geweigerd(
    kamer: KamerServer, kamer_db: Database, browser: Any, vragenlijst: Vragenlijst
) -> None:
    facilitator = start_ronde(kamer_db, vragenlijst, gm_code=GEMEENTE, facilitator="Fatima", datum=DATUM)
    karel = start.neem_deel(kamer_db, vragenlijst, code=facilitator.ronde.code, naam="Karel")
    stelling = vragenlijst.bouwstenen[0].stellingen[0]
    pagina = _open_invullen(browser, kamer.url, karel, vragenlijst)
    try:
        # The facilitator closes the round while Karel's page is open (and shows the round as open).
        workshop.rond_af(kamer_db, vragenlijst, facilitator)
        vanaf = _tik_niveau(pagina, vragenlijst, 1, "4")
        bevestigd = wacht_op_toast(pagina, vanaf, "Opgeslagen", timeout=5_000)
        wacht_klaar(pagina)
        pagina.screenshot(path=str(UITVOER / "repetitie_afgerond_klik.png"), full_page=True)
        opgeslagen = invullen.mijn_antwoorden(kamer_db, karel).get(stelling.id)
        assert opgeslagen is None or opgeslagen.antwoord is None, (
            f"de ronde is afgerond, maar de klik is opgeslagen ({opgeslagen.antwoord!r})"
        )
        assert not bevestigd, "de ronde is afgerond, maar het scherm zegt 'Opgeslagen'"
        assert _weigering_op_scherm(pagina), "geen Nederlandse melding dat de ronde is afgerond"
        assert not fouten_op_scherm(pagina, fout_verwacht=True)
    finally:
        pagina.context.close()
