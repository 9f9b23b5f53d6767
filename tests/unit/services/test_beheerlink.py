"""The beheer link's rules against the in-memory unit of work (tests/nep.py): milliseconds, no database.

The same rules run on SQLite and PostgreSQL in tests/integration/test_beheerlink.py.
"""

from __future__ import annotations

from pathlib import Path

from scan.services import beheerlink
from tests.nep import NepDatabase


def test_first_start__stores_only_the_hash_and_gives_the_secret_once(tmp_path: Path) -> None:
    db = NepDatabase()
    bestand = tmp_path / "beheerlink.txt"
    geheim = beheerlink.zorg_voor_geheim(db, bestand)
    assert geheim is not None and len(geheim) >= 43
    assert geheim not in db.stand.instellingen.values()
    assert beheerlink.controleer(db, geheim)
    # A second start gives the same secret back from the file, not a new one.
    assert beheerlink.zorg_voor_geheim(db, bestand) == geheim


def test_check__empty_wrong_or_missing_secret__is_refused(tmp_path: Path) -> None:
    db = NepDatabase()
    assert not beheerlink.controleer(db, "iets")
    geheim = beheerlink.zorg_voor_geheim(db, tmp_path / "b.txt")
    assert geheim is not None
    for fout in (None, "", geheim[:-1], geheim + "x"):
        assert not beheerlink.controleer(db, fout)


def test_rotation__ends_the_old_secret_in_one_unit_of_work(tmp_path: Path) -> None:
    db = NepDatabase()
    bestand = tmp_path / "b.txt"
    oud = beheerlink.zorg_voor_geheim(db, bestand)
    voor = db.units
    nieuw = beheerlink.vernieuw(db, bestand)
    assert db.units == voor + 1
    assert not beheerlink.controleer(db, oud)
    assert beheerlink.controleer(db, nieuw)
    assert bestand.read_text(encoding="utf-8").strip() == nieuw
