"""The beheer link of single-machine mode: a long random secret that makes a browser the beheerder.

Layer: ``scan/services`` (no Streamlit, no SQL). Without sign-in no address is trusted, not even loopback: as a
notebook server does, the app hands out a link with a secret at start, ``/?beheer=<geheim>``.
The database keeps only the secret's SHA-256 (table ``instellingen``, key ``beheer_geheim``),
so every process and the command line check against the same value and a rotation ends the
old secret everywhere at once. A secret of 256 random bits needs no slow password hash.

Because the database cannot give the secret back, the plain secret is also kept in a local
file readable only by its owner (like Jupyter's runtime file), so that ``python -m scan
beheerlink`` can show the link again on this machine.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import tempfile
from pathlib import Path

from scan.db.verbinding import ROOT, Database
from scan.fouten import Botsing

SLEUTEL = "beheer_geheim"
PARAM = "beheer"
"""Query parameter of the beheer link."""
STANDAARD_BESTAND = ROOT / "data" / "beheerlink.txt"


def _hash(geheim: str) -> str:
    return hashlib.sha256(geheim.encode("utf-8")).hexdigest()


def bestand_voor(database_url: str) -> Path:
    """Where the plain secret of this database is kept on this machine.

    Next to a SQLite file (``data/beheerlink.txt`` for the default ``data/zelfscan.db``), so a
    test or second installation with its own file never overwrites another's link; for a
    server database a file per database in ``data/``.
    """
    if database_url.startswith("sqlite"):
        pad = database_url.split("///", 1)[-1]
        if pad and pad != ":memory:":
            return Path(pad).parent / "beheerlink.txt"
    # The URL without its password names the database; only its hash goes into the file name.
    zonder_wachtwoord = database_url.split("@", 1)[-1]
    return STANDAARD_BESTAND.with_name(f"beheerlink-{_hash(zonder_wachtwoord)[:12]}.txt")


def link(basis_url: str, geheim: str) -> str:
    """The beheer link on ``basis_url`` (the app's root address). The secret follows ``#``, which
    a browser never sends to a server, so no proxy log or Referer header holds it; the page's
    script moves it into a cookie (scan.ui.linkgeheim). ``?beheer=`` still works."""
    return f"{basis_url.rstrip('/')}/#{PARAM}={geheim}"


def _schrijf_bestand(bestand: Path, geheim: str) -> None:
    """Write the secret atomically into a file only its owner can read (mode 0600)."""
    bestand.parent.mkdir(parents=True, exist_ok=True)
    fd, tijdelijk = tempfile.mkstemp(prefix=".beheerlink-", dir=bestand.parent)  # created with mode 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(geheim + "\n")
        os.chmod(tijdelijk, 0o600)
        os.replace(tijdelijk, bestand)
    except BaseException:
        Path(tijdelijk).unlink(missing_ok=True)
        raise


def _lees_bestand(bestand: Path) -> str | None:
    try:
        return bestand.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def _opgeslagen_hash(db: Database) -> str | None:
    with db.inzage() as werk:
        return werk.instellingen.lees(SLEUTEL)


def controleer(db: Database, geheim: str | None) -> bool:
    """Whether ``geheim`` is the current beheer secret (constant-time comparison of the hashes)."""
    if not geheim:
        return False
    opgeslagen = _opgeslagen_hash(db)
    if opgeslagen is None:
        return False
    return hmac.compare_digest(_hash(geheim), opgeslagen)


def toon(db: Database, bestand: Path) -> str | None:
    """The current secret from this machine's file, or None when the file is missing or holds
    another secret (rotated elsewhere, or created on another machine)."""
    geheim = _lees_bestand(bestand)
    return geheim if controleer(db, geheim) else None


def zorg_voor_geheim(db: Database, bestand: Path) -> str | None:
    """Create the secret on first start; afterwards the existing one, as ``toon`` gives it.

    Idempotent across processes: the insert of the key is the one decision (SQLite serialises
    it with ``BEGIN IMMEDIATE``; on PostgreSQL a concurrent insert loses on the primary key),
    and only the process whose insert committed writes the file.
    """
    geheim = secrets.token_urlsafe(32)
    try:
        with db.werk() as werk:
            bestaat = werk.instellingen.lees(SLEUTEL) is not None
            if not bestaat:
                werk.instellingen.voeg_toe(SLEUTEL, _hash(geheim))
    except Botsing:
        bestaat = True
    if bestaat:
        return toon(db, bestand)
    _schrijf_bestand(bestand, geheim)
    return geheim


def vernieuw(db: Database, bestand: Path) -> str:
    """A new secret: the old one stops working in every process at its next check."""
    geheim = secrets.token_urlsafe(32)
    with db.werk() as werk:
        werk.instellingen.zet(SLEUTEL, _hash(geheim))
    _schrijf_bestand(bestand, geheim)
    return geheim
