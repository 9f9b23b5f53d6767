#!/usr/bin/env python3
"""The project's two commands, for a fresh machine with only Python 3.11 and pip.

    python3 dev.py run          install what the app needs into .venv and start it (SQLite default)
    python3 dev.py test         install what the tests need into .venv and run checks and tests
    python3 dev.py test --snel  the quick loop: unit and contract tests without the slow ones
    python3 dev.py lock         regenerate requirements.lock and requirements-dev.lock (needs PyPI)
    python3 dev.py audit        only the vulnerability audit of both lock files (part of test)

The tests run in parallel (pytest-xdist, one worker per core), the browser tests (tests/e2e,
they start app servers) after them on their own. Arguments after the command go to streamlit
(run), pytest (test: after the checks, ``pytest <arguments>`` as given) or uv pip compile (lock,
e.g. --upgrade-package jinja2). Installing is from the lock files, every package pinned with its
hashes, and is skipped when the lock file has not changed since the last install.

``test`` also audits both lock files for known vulnerabilities (pip-audit, see ``audit`` below and
CONTRIBUTING.md, "Kwetsbaarheden in afhankelijkheden"): a finding fails, unless it is listed with a
reason and an expiry date in .pip-audit-uitzonderingen.toml; a vulnerability service that cannot be
reached only warns, so CI does not fail on network trouble.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import tomllib
import venv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("DEV_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


# The tool that writes the lock files, pinned; it runs in a throwaway venv (see lock()).
UV = "uv==0.13.8"
# lock file -> (human-edited input, extra arguments); the dev lock is constrained by the app lock,
# so the app's packages have the same versions in development, CI and production.
LOCKS = {
    "requirements.lock": ("requirements.txt", []),
    "requirements-dev.lock": ("requirements-dev.txt", ["-c", "requirements.lock"]),
}
COMPILE = ["pip", "compile", "--universal", "--python-version", "3.11", "--generate-hashes", "--no-header"]


def _ensure_env(lock: str) -> None:
    if sys.version_info[:2] != (3, 11):
        print(f"Let op: dit project is gebouwd voor Python 3.11, dit is {sys.version.split()[0]}.", file=sys.stderr)
    if not PY.exists():
        print(f"Virtuele omgeving maken in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / lock).read_bytes()).hexdigest()
    stamp = VENV / f".dev-stamp-{lock}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    print(f"Pakketten installeren uit {lock} ...", flush=True)
    subprocess.run(
        [
            str(PY),
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "-q",
            "--require-hashes",
            "-r",
            str(ROOT / lock),
        ],
        check=True,
    )
    stamp.write_text(digest)


def _kop(lock: str, source: str, extra: list[str]) -> str:
    """The comment at the top of a lock file: where it comes from and the exact command."""
    command = " ".join(["uv", *COMPILE, *extra, "-o", lock, source])
    return (
        f"# Generated from {source} by `python3 dev.py lock`; do not edit by hand.\n"
        f"# That runs, with {UV} in a throwaway venv:\n"
        f"#    {command}\n"
        f"# Install with: pip install --require-hashes -r {lock}\n"
    )


def lock(args: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="zelfscan-uv-") as tmp:
        tools = Path(tmp)
        venv.EnvBuilder(with_pip=True).create(tools)
        tools_bin = tools / ("Scripts" if os.name == "nt" else "bin")
        python = tools_bin / ("python.exe" if os.name == "nt" else "python")
        print(f"{UV} installeren in een tijdelijke omgeving ...", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", UV], check=True)
        uv = tools_bin / ("uv.exe" if os.name == "nt" else "uv")
        for name, (source, extra) in LOCKS.items():
            print(f"\n== {name} uit {source} ==", flush=True)
            code = _run([str(uv), *COMPILE, *extra, *args, "-o", name, source])
            if code != 0:
                return code
            path = ROOT / name
            path.write_text(_kop(name, source, extra) + path.read_text(encoding="utf-8"), encoding="utf-8")
    return 0


def _run(cmd: list[str]) -> int:
    return subprocess.run(cmd, cwd=ROOT, check=False).returncode


def _poort(args: list[str]) -> str:
    """The port streamlit will use: ``--server.port N`` or ``--server.port=N``, else its default."""
    for i, arg in enumerate(args):
        if arg == "--server.port" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--server.port="):
            return arg.split("=", 1)[1]
    return os.environ.get("STREAMLIT_SERVER_PORT") or "8501"


def _login_ingesteld() -> bool:
    secrets = ROOT / ".streamlit" / "secrets.toml"
    try:
        import tomllib

        return "auth" in tomllib.loads(secrets.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False


def run(args: list[str]) -> int:
    _ensure_env("requirements.lock")
    if not _login_ingesteld():
        # Without sign-in, the beheer link is the facilitator's key (README, "Who may see what").
        _run([str(PY), "-m", "scan", "beheerlink", "--poort", _poort(args)])
    return _run([str(PY), "-m", "streamlit", "run", "app.py", *args])


# --- the vulnerability audit of the lock files (CONTRIBUTING.md, "Kwetsbaarheden in afhankelijkheden") ---

AUDIT_LOCKS = ("requirements.lock", "requirements-dev.lock")
UITZONDERINGEN = ROOT / ".pip-audit-uitzonderingen.toml"
MAX_UITSTEL = dt.timedelta(days=366)
"""An exception runs out within a year: a finding is looked at again, not accepted for good."""
AUDIT_TIMEOUT = 20
"""Seconds pip-audit waits for one answer of the vulnerability service (its own default is 15)."""
AUDIT_MAX_SECONDEN = 600
"""The whole audit of one lock file; longer counts as a service that cannot be reached."""
_VELDEN = {"id", "reden", "tot", "pakket"}


@dataclass(frozen=True)
class Uitzondering:
    """A known vulnerability accepted for a while: its id, why, and until when (inclusive)."""

    id: str
    reden: str
    tot: dt.date
    pakket: str | None = None


@dataclass(frozen=True)
class Bevinding:
    """A known vulnerability of a locked package, as pip-audit reports it."""

    lock: str
    pakket: str
    versie: str
    id: str
    aliassen: tuple[str, ...] = ()
    opgelost_in: tuple[str, ...] = ()

    def heet(self, vuln_id: str) -> bool:
        return vuln_id.upper() in {self.id.upper(), *(a.upper() for a in self.aliassen)}


@dataclass(frozen=True)
class AuditUitslag:
    open: list[Bevinding]
    gedekt: list[tuple[Bevinding, Uitzondering]]
    ongebruikt: list[Uitzondering]


def lees_uitzonderingen(
    tekst: str, vandaag: dt.date, bron: str = ".pip-audit-uitzonderingen.toml"
) -> tuple[list[Uitzondering], list[str]]:
    """The exceptions in ``tekst`` (TOML, ``[[uitzondering]]`` tables), and every problem with them.

    Each needs an ``id`` (as pip-audit reports it, or one of its aliases such as a CVE), a
    ``reden`` and an expiry date ``tot`` (a TOML date, at most a year from ``vandaag``);
    ``pakket`` is optional. An expired exception is a problem: the finding is looked at again.
    """
    try:
        data = tomllib.loads(tekst)
    except tomllib.TOMLDecodeError as fout:
        return [], [f"{bron}: geen geldige TOML: {fout}"]
    problemen: list[str] = []
    onbekend = sorted(set(data) - {"uitzondering"})
    if onbekend:
        problemen.append(f"{bron}: onbekende sleutel(s) {', '.join(onbekend)}; alleen [[uitzondering]] kan.")
    tabellen = data.get("uitzondering", [])
    if not isinstance(tabellen, list):
        return [], [*problemen, f"{bron}: 'uitzondering' moet een lijst van tabellen zijn ([[uitzondering]])."]
    uit: list[Uitzondering] = []
    gezien: set[str] = set()
    for nr, tabel in enumerate(tabellen, start=1):
        plek = f"{bron}, uitzondering {nr}"
        if not isinstance(tabel, dict):
            problemen.append(f"{plek}: geen tabel.")
            continue
        vuln_id = tabel.get("id")
        if isinstance(vuln_id, str) and vuln_id.strip():
            plek = f"{plek} ({vuln_id.strip()})"
        fouten_hier: list[str] = []
        extra = sorted(set(tabel) - _VELDEN)
        if extra:
            fouten_hier.append(f"onbekend veld {', '.join(extra)} (kan: id, pakket, reden, tot)")
        if not isinstance(vuln_id, str) or not vuln_id.strip():
            fouten_hier.append("'id' ontbreekt (de id van de kwetsbaarheid, zoals GHSA-..., PYSEC-... of CVE-...)")
        elif vuln_id.strip().upper() in gezien:
            fouten_hier.append("deze id staat er al eerder in")
        reden = tabel.get("reden")
        if not isinstance(reden, str) or not reden.strip():
            fouten_hier.append("'reden' ontbreekt: zeg waarom deze kwetsbaarheid ons (nog) niet raakt")
        pakket = tabel.get("pakket")
        if pakket is not None and (not isinstance(pakket, str) or not pakket.strip()):
            fouten_hier.append("'pakket' moet de naam van een pakket zijn")
        tot = tabel.get("tot")
        if isinstance(tot, dt.datetime) or not isinstance(tot, dt.date):
            fouten_hier.append("'tot' ontbreekt of is geen datum (schrijf tot = 2027-03-31, zonder aanhalingstekens)")
        elif tot < vandaag:
            fouten_hier.append(
                f"verlopen op {tot:%d-%m-%Y}: kijk opnieuw of er een versie zonder deze kwetsbaarheid is, "
                "of verleng met een nieuwe reden"
            )
        elif tot - vandaag > MAX_UITSTEL:
            fouten_hier.append(f"'tot' ({tot:%d-%m-%Y}) ligt meer dan een jaar vooruit; kies een datum binnen een jaar")
        if fouten_hier:
            problemen.extend(f"{plek}: {f}." for f in fouten_hier)
            continue
        assert isinstance(vuln_id, str) and isinstance(reden, str) and isinstance(tot, dt.date)
        gezien.add(vuln_id.strip().upper())
        uit.append(
            Uitzondering(id=vuln_id.strip(), reden=reden.strip(), tot=tot, pakket=(pakket or "").strip() or None)
        )
    return uit, problemen


def bevindingen(rapport: dict[str, Any], lock: str) -> tuple[list[Bevinding], list[str]]:
    """The findings in pip-audit's JSON report of ``lock``, and the packages it could not check
    (``skip_reason``: for instance the service did not know the version)."""
    gevonden: list[Bevinding] = []
    niet_gecontroleerd: list[str] = []
    for dep in rapport.get("dependencies", []):
        naam = str(dep.get("name", "?"))
        if "skip_reason" in dep:
            niet_gecontroleerd.append(naam)
            continue
        gevonden.extend(
            Bevinding(
                lock=lock,
                pakket=naam,
                versie=str(dep.get("version", "?")),
                id=str(vuln.get("id", "?")),
                aliassen=tuple(str(a) for a in vuln.get("aliases", [])),
                opgelost_in=tuple(str(v) for v in vuln.get("fix_versions", [])),
            )
            for vuln in dep.get("vulns", [])
        )
    return gevonden, niet_gecontroleerd


def beoordeel(gevonden: list[Bevinding], uitzonderingen: list[Uitzondering]) -> AuditUitslag:
    """Which findings an exception covers (by id or alias, and by package when it names one)."""
    open_: list[Bevinding] = []
    gedekt: list[tuple[Bevinding, Uitzondering]] = []
    gebruikt: set[str] = set()
    for b in gevonden:
        u = next(
            (
                u
                for u in uitzonderingen
                if b.heet(u.id) and (u.pakket is None or u.pakket.lower().replace("_", "-") == b.pakket.lower())
            ),
            None,
        )
        if u is None:
            open_.append(b)
        else:
            gedekt.append((b, u))
            gebruikt.add(u.id)
    return AuditUitslag(open=open_, gedekt=gedekt, ongebruikt=[u for u in uitzonderingen if u.id not in gebruikt])


def _pip_audit(lock: str) -> tuple[dict[str, Any] | None, str]:
    """pip-audit's JSON report of ``lock``, or None and why when the service could not be asked."""
    with tempfile.TemporaryDirectory(prefix="zelfscan-audit-") as tmp:
        uitvoer = Path(tmp) / "audit.json"
        cmd = [
            str(PY),
            "-m",
            "pip_audit",
            "--requirement",
            str(ROOT / lock),
            "--disable-pip",  # the lock is pinned and hashed: nothing to resolve, nothing to install
            "--progress-spinner",
            "off",
            "--format",
            "json",
            "--aliases",
            "on",
            "--desc",
            "off",
            "--timeout",
            str(AUDIT_TIMEOUT),
            "--output",
            str(uitvoer),
        ]
        try:
            klaar = subprocess.run(
                cmd, cwd=ROOT, capture_output=True, text=True, timeout=AUDIT_MAX_SECONDEN, check=False
            )
        except subprocess.TimeoutExpired:
            return None, f"geen antwoord binnen {AUDIT_MAX_SECONDEN} seconden"
        try:
            return json.loads(uitvoer.read_text(encoding="utf-8")), ""
        except (OSError, ValueError):
            # pip-audit writes no report when it cannot reach the service (it stops with a traceback).
            regels = [r for r in (klaar.stderr or klaar.stdout).splitlines() if r.strip()]
            return None, regels[-1].strip()[:300] if regels else f"pip-audit stopte met exitcode {klaar.returncode}"


def audit(
    args: list[str] | None = None,
    *,
    vraag: Callable[[str], tuple[dict[str, Any] | None, str]] = _pip_audit,
    vandaag: dt.date | None = None,
    uitzonderingen: Path = UITZONDERINGEN,
) -> int:
    """Audit both lock files: 1 on a finding without a valid exception or on a broken exception
    file; 0 otherwise, also when the vulnerability service cannot be reached (with a warning)."""
    vandaag = vandaag or dt.date.today()
    try:
        tekst = uitzonderingen.read_text(encoding="utf-8")
    except FileNotFoundError:
        tekst = ""
    lijst, problemen = lees_uitzonderingen(tekst, vandaag, uitzonderingen.name)
    if problemen:
        print("Fout in de uitzonderingen op de kwetsbaarhedencontrole:", file=sys.stderr)
        for p in problemen:
            print(f"  {p}", file=sys.stderr)
        print("Zie CONTRIBUTING.md, 'Kwetsbaarheden in afhankelijkheden'.", file=sys.stderr)
        return 1
    gevonden: list[Bevinding] = []
    gecontroleerd = 0
    waarschuwingen: list[str] = []
    for lock in AUDIT_LOCKS:
        rapport, waarom = vraag(lock)
        if rapport is None:
            waarschuwingen.append(f"{lock}: de kwetsbaarhedendienst was niet bereikbaar ({waarom}).")
            continue
        deze, overgeslagen = bevindingen(rapport, lock)
        gevonden.extend(deze)
        totaal = len(rapport.get("dependencies", []))
        gecontroleerd += totaal - len(overgeslagen)
        if overgeslagen and len(overgeslagen) == totaal:
            waarschuwingen.append(
                f"{lock}: de kwetsbaarhedendienst gaf over geen van de {totaal} pakketten gegevens (wordt PyPI "
                "hier via een spiegel bereikt die de gegevens per versie niet doorgeeft?)."
            )
        elif overgeslagen:
            voorbeeld = ", ".join(overgeslagen[:5]) + (" ..." if len(overgeslagen) > 5 else "")
            waarschuwingen.append(
                f"{lock}: {len(overgeslagen)} van {totaal} pakketten niet gecontroleerd, de dienst gaf er geen "
                f"gegevens over ({voorbeeld})."
            )
    uitslag = beoordeel(gevonden, lijst)
    for w in waarschuwingen:
        print(f"Let op: {w}", file=sys.stderr)
    if waarschuwingen:
        print(
            "Let op: de kwetsbaarhedencontrole is dus niet (helemaal) gedaan; de tests gaan door. "
            "Herhaal haar met: python3 dev.py audit",
            file=sys.stderr,
        )
    for b, u in uitslag.gedekt:
        print(f"Uitzondering: {b.pakket} {b.versie} {b.id} ({b.lock}), tot {u.tot:%d-%m-%Y}: {u.reden}")
    if not waarschuwingen:
        for u in uitslag.ongebruikt:
            print(f"Let op: uitzondering {u.id} is niet meer nodig (geen van de pakketten heeft haar); haal haar weg.")
    if uitslag.open:
        print("Bekende kwetsbaarheden in de vastgezette pakketten:", file=sys.stderr)
        for b in uitslag.open:
            ook = f" (ook: {', '.join(b.aliassen)})" if b.aliassen else ""
            fix = (
                f"; opgelost in {', '.join(b.opgelost_in)}" if b.opgelost_in else "; nog geen versie met een oplossing"
            )
            print(f"  {b.pakket} {b.versie} in {b.lock}: {b.id}{ook}{fix}", file=sys.stderr)
        print(
            "Werk het pakket bij (requirements*.txt, dan python3 dev.py lock) of neem de id met een reden en een "
            f"einddatum op in {uitzonderingen.name}; zie CONTRIBUTING.md, 'Kwetsbaarheden in afhankelijkheden'.",
            file=sys.stderr,
        )
        return 1
    if gecontroleerd:
        print(f"Kwetsbaarheden: {gecontroleerd} vastgezette pakketten gecontroleerd, geen open bevindingen.")
    return 0


SNEL = "--snel"


def test(args: list[str]) -> int:
    _ensure_env("requirements-dev.lock")
    pytest = [str(PY), "-m", "pytest"]
    steps: list[tuple[str, list[str] | Callable[[], int]]]
    if SNEL in args:  # the quick loop while working: no checks, no slow, app or database tests
        rest = [a for a in args if a != SNEL]
        steps = [("pytest (snel)", [*pytest, "-n", "auto", "-m", "not slow", "tests/unit", "tests/contract", *rest])]
    else:
        steps = [
            ("ruff check", [str(PY), "-m", "ruff", "check", "."]),
            ("ruff format --check", [str(PY), "-m", "ruff", "format", "--check", "."]),
            ("mypy", [str(PY), "-m", "mypy"]),
            ("vragenlijst valideren", [str(PY), "-m", "scan", "validate"]),
            # Needs the network; without it a warning, never a failure (CI must not fail on that).
            ("kwetsbaarheden (pip-audit)", audit),
        ]
        if args:
            steps.append(("pytest", [*pytest, *args]))
        else:
            # Every test but the browser tests, one worker per core: each worker migrates its own
            # template databases once (tests/conftest.py) and its tests get copies.
            steps.append(("pytest", [*pytest, "-n", "auto", "tests", "--ignore=tests/e2e"]))
            # The browser tests start app servers and a browser: one at a time.
            steps.append(("pytest e2e", [*pytest, "tests/e2e"]))
    for name, cmd in steps:
        print(f"\n== {name} ==", flush=True)
        code = cmd() if callable(cmd) else _run(cmd)
        if code != 0:
            print(f"\n{name} faalde (exitcode {code}).", file=sys.stderr)
            return code
    return 0


def audit_commando(args: list[str]) -> int:
    _ensure_env("requirements-dev.lock")
    return audit()


def main() -> int:
    commands = {"run": run, "test": test, "lock": lock, "audit": audit_commando}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    raise SystemExit(main())
