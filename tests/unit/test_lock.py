"""The lock files and the human-edited requirements files cannot drift apart.

requirements.txt and requirements-dev.txt say what we want (pinned); requirements.lock and
requirements-dev.lock are what gets installed (every package, with hashes), written by
``python3 dev.py lock``. Change a pin without regenerating the locks and these tests fail.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import dev

ROOT = Path(__file__).resolve().parents[2]
# Inputs and their lock; the dev input includes the app input through "-r requirements.txt".
PAREN = {"requirements.txt": "requirements.lock", "requirements-dev.txt": "requirements-dev.lock"}


def _invoer(naam: str) -> dict[str, Requirement]:
    """The requirements of one input file, following ``-r`` includes, by canonical name."""
    gevonden: dict[str, Requirement] = {}
    for regel in (ROOT / naam).read_text(encoding="utf-8").splitlines():
        regel = regel.split("#", 1)[0].strip()
        if not regel:
            continue
        if regel.startswith("-r"):
            gevonden.update(_invoer(regel[2:].strip()))
            continue
        assert not regel.startswith("-"), f"{naam}: onverwachte optie {regel!r}"
        eis = Requirement(regel)
        gevonden[canonicalize_name(eis.name)] = eis
    return gevonden


def _lock(naam: str) -> list[tuple[Requirement, list[str]]]:
    """Each entry of a lock file with its hashes (continuation lines joined)."""
    tekst = (ROOT / naam).read_text(encoding="utf-8")
    zonder_commentaar = "\n".join(r for r in tekst.splitlines() if not r.lstrip().startswith("#"))
    entries = []
    for blok in zonder_commentaar.replace("\\\n", " ").splitlines():
        if not blok.strip():
            continue
        hashes = re.findall(r"--hash=(\S+)", blok)
        eis = Requirement(blok.split(" --hash", 1)[0].strip())
        entries.append((eis, hashes))
    return entries


def _versies(naam: str) -> dict[str, set[str]]:
    """Pinned versions per canonical name (one name can fork by environment marker)."""
    versies: dict[str, set[str]] = {}
    for eis, _ in _lock(naam):
        versies.setdefault(canonicalize_name(eis.name), set()).add(_pin(eis))
    return versies


def _pin(eis: Requirement) -> str:
    specs = list(eis.specifier)
    assert len(specs) == 1 and specs[0].operator == "==", f"{eis} is niet exact vastgepind"
    return specs[0].version


@pytest.mark.parametrize("invoer", sorted(PAREN))
def test_every_input_requirement_is_pinned_exactly(invoer: str) -> None:
    for eis in _invoer(invoer).values():
        _pin(eis)


@pytest.mark.parametrize("invoer", sorted(PAREN))
def test_every_input_requirement_is_in_the_lock_with_the_same_version(invoer: str) -> None:
    lock = PAREN[invoer]
    versies = _versies(lock)
    for naam, eis in _invoer(invoer).items():
        assert naam in versies, f"{eis} staat in {invoer} maar niet in {lock}: draai python3 dev.py lock"
        assert versies[naam] == {_pin(eis)}, (
            f"{invoer} pint {eis}, {lock} heeft {sorted(versies[naam])}: draai python3 dev.py lock"
        )


def test_extras_are_locked_as_their_packages() -> None:
    """psycopg[binary] is locked as psycopg plus psycopg-binary (uv writes extras out)."""
    versies = _versies("requirements.lock")
    assert "psycopg-binary" in versies, "psycopg[binary] zonder psycopg-binary in de lock"


@pytest.mark.parametrize("lock", sorted(PAREN.values()))
def test_every_locked_package_has_a_pin_and_hashes(lock: str) -> None:
    entries = _lock(lock)
    assert len(entries) > 40
    for eis, hashes in entries:
        _pin(eis)
        assert hashes, f"{eis} in {lock} heeft geen hashes"
        assert all(h.startswith("sha256:") for h in hashes), eis


def test_the_app_lock_is_part_of_the_dev_lock() -> None:
    """The dev lock is constrained by the app lock: tests run what production runs."""
    app, dev = _versies("requirements.lock"), _versies("requirements-dev.lock")
    for naam, versie in app.items():
        assert dev.get(naam) == versie, f"{naam}: app-lock {sorted(versie)}, dev-lock {sorted(dev.get(naam, ()))}"


@pytest.mark.parametrize("lock", sorted(PAREN.values()))
def test_the_lock_says_how_it_was_made(lock: str) -> None:
    """Its header is the one dev.py writes now: the same tool version and the same command."""
    bron, extra = dev.LOCKS[lock]
    assert PAREN[bron] == lock
    assert (ROOT / lock).read_text(encoding="utf-8").startswith(dev._kop(lock, bron, extra))
