"""Every migration says which code may still serve the schema after it (``OUDSTE_CODE``), and
those values only move forward: the rule the rolling upgrade rests on (scan/db/migraties.py)."""

from __future__ import annotations

from alembic.script import ScriptDirectory

from scan.db.migraties import _beoordeel, alembic_config


def _keten() -> list[tuple[str, str]]:
    scripts = ScriptDirectory.from_config(alembic_config())
    return [(s.revision, s.module.OUDSTE_CODE) for s in reversed(list(scripts.walk_revisions()))]


def test_every_migration_names_the_oldest_code_that_serves_it() -> None:
    keten = _keten()
    volgorde = [r for r, _ in keten]
    assert volgorde[0] == "0001" and len(volgorde) >= 10
    vorige = volgorde[0]
    for revisie, oudste in keten:
        # A known, earlier-or-equal revision, never older than what a previous step demanded.
        assert oudste in volgorde, (revisie, oudste)
        assert volgorde.index(oudste) <= volgorde.index(revisie), (revisie, oudste)
        assert volgorde.index(oudste) >= volgorde.index(vorige), (revisie, oudste, vorige)
        vorige = oudste


def test_judgement__each_kind_of_schema() -> None:
    scripts = ScriptDirectory.from_config(alembic_config())
    kop = scripts.get_current_head()
    assert kop is not None
    assert _beoordeel(scripts, None, None).soort == "leeg"
    assert _beoordeel(scripts, kop, kop).soort == "actueel"
    achter = _beoordeel(scripts, "0008", "0008")
    assert achter.soort == "achter" and achter.stappen[0] == "0009" and achter.stappen[-1] == kop
    # A revision from a later version: compatible only when it names code this version knows.
    assert _beoordeel(scripts, "9001", kop).soort == "nieuwer_verenigbaar"
    assert _beoordeel(scripts, "9001", "0003").soort == "nieuwer_verenigbaar"
    assert _beoordeel(scripts, "9001", "9001").soort == "nieuwer_onverenigbaar"
    assert _beoordeel(scripts, "9001", None).soort == "nieuwer_onverenigbaar"
