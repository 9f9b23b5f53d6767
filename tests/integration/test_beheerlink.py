"""The beheer link's secret on both databases: created once, checked, rotated, shown again."""

from __future__ import annotations

import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from scan.db.openen import open_database
from scan.db.tabellen import InstellingRij
from scan.db.verbinding import Database
from scan.services import beheerlink


@pytest.fixture(autouse=True)
def zonder_geheim(database_url: str) -> Iterator[None]:
    """Every test starts as a first start (the PostgreSQL test database lives for the session)."""
    db = open_database(database_url)
    try:
        with db.schrijven() as s:
            rij = s.get(InstellingRij, beheerlink.SLEUTEL)
            if rij is not None:
                s.delete(rij)
    finally:
        db.sluit()
    yield


def _waarde(db: Database) -> str | None:
    with db.lezen() as s:
        rij = s.get(InstellingRij, beheerlink.SLEUTEL)
        return rij.waarde if rij is not None else None


def test_first_start_creates_a_secret_stored_hashed_and_a_private_file(db: Database, tmp_path: Path) -> None:
    bestand = tmp_path / "beheerlink.txt"
    geheim = beheerlink.zorg_voor_geheim(db, bestand)
    assert geheim is not None and len(geheim) >= 43  # 32 random bytes, URL-safe
    opgeslagen = _waarde(db)
    assert opgeslagen is not None and geheim not in opgeslagen and len(opgeslagen) == 64
    assert bestand.read_text(encoding="utf-8").strip() == geheim
    assert stat.S_IMODE(bestand.stat().st_mode) == 0o600
    # Idempotent: a second start (or a second process) keeps the same secret.
    assert beheerlink.zorg_voor_geheim(db, bestand) == geheim
    assert beheerlink.toon(db, bestand) == geheim


def test_only_the_current_secret_is_accepted(db: Database, tmp_path: Path) -> None:
    geheim = beheerlink.zorg_voor_geheim(db, tmp_path / "b.txt")
    assert geheim is not None
    assert beheerlink.controleer(db, geheim)
    for fout in (None, "", geheim[:-1], geheim + "x", geheim.upper(), _waarde(db)):
        assert not beheerlink.controleer(db, fout)


def test_no_secret_yet__nothing_is_accepted(db: Database) -> None:
    assert not beheerlink.controleer(db, "wat-dan-ook")


def test_rotation_ends_the_old_secret_and_updates_the_file(db: Database, tmp_path: Path) -> None:
    bestand = tmp_path / "b.txt"
    oud = beheerlink.zorg_voor_geheim(db, bestand)
    nieuw = beheerlink.vernieuw(db, bestand)
    assert oud is not None and nieuw != oud
    assert not beheerlink.controleer(db, oud)
    assert beheerlink.controleer(db, nieuw)
    assert beheerlink.toon(db, bestand) == nieuw
    assert beheerlink.zorg_voor_geheim(db, bestand) == nieuw


def test_a_file_from_elsewhere_is_not_shown(db: Database, tmp_path: Path) -> None:
    """Rotated on another machine, or the file is gone: the command says so instead of a dead link."""
    hier, elders = tmp_path / "hier.txt", tmp_path / "elders.txt"
    beheerlink.zorg_voor_geheim(db, hier)
    beheerlink.vernieuw(db, elders)
    assert beheerlink.toon(db, hier) is None
    assert beheerlink.zorg_voor_geheim(db, hier) is None
    assert beheerlink.toon(db, tmp_path / "bestaat-niet.txt") is None


def test_concurrent_first_starts_agree_on_one_secret(database_url: str, tmp_path: Path) -> None:
    """Several app processes starting at once: one secret in the database, and the file holds it."""
    bestand = tmp_path / "b.txt"
    databases = [open_database(database_url) for _ in range(4)]
    uitkomsten: list[str | None] = []
    fouten: list[BaseException] = []
    start = threading.Barrier(len(databases))

    def _start(db: Database) -> None:
        try:
            start.wait()
            uitkomsten.append(beheerlink.zorg_voor_geheim(db, bestand))
        except BaseException as exc:
            fouten.append(exc)

    draden = [threading.Thread(target=_start, args=(d,)) for d in databases]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    try:
        assert not fouten
        gezien = {u for u in uitkomsten if u is not None}
        assert len(gezien) == 1  # a process that lost the race sees the winner's secret, or none yet
        (geheim,) = gezien
        assert beheerlink.controleer(databases[0], geheim)
        assert beheerlink.toon(databases[0], bestand) == geheim
    finally:
        for d in databases:
            d.sluit()
