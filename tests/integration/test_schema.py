"""Expand, then contract: a process that meets a newer schema keeps serving when it is compatible
and refuses clearly when it is not; ``migrate`` and ``check`` say so in one line (issue 19, items
1 and 3).

A "newer version" is simulated as a real one would be: two extra migration files in a second
version folder, written the way the migration template asks (``OUDSTE_CODE``), applied by code
that knows them (``alembic_config`` with that folder added), while this code does not.
"""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from scan.cli import main
from scan.db import migraties
from scan.db.openen import open_database
from scan.db.verbinding import Database
from scan.fouten import SchemaOnbekend
from scan.services import invullen
from scoring.models import Vragenlijst
from tests.rondes import start_ronde

# Every test changes the schema: each gets an empty database of its own (not the shared PostgreSQL
# copy), migrated from nothing.
pytestmark = pytest.mark.echte_migratie

UITBREIDING = '''
"""A later version adds a table (expand): code of 0010 still works."""
import sqlalchemy as sa
from alembic import op

revision = "0911"
down_revision = "{kop}"
OUDSTE_CODE = "{kop}"


def upgrade() -> None:
    op.create_table("proef_later", sa.Column("id", sa.Integer, primary_key=True))


def downgrade() -> None:
    op.drop_table("proef_later")
'''

INKRIMPING = '''
"""A later major version removes something (contract): older code must not serve it."""
from alembic import op

revision = "0912"
down_revision = "0911"
OUDSTE_CODE = "0912"


def upgrade() -> None:
    op.drop_table("proef_later")


def downgrade() -> None:
    pass
'''


@contextmanager
def _kent_ook(map_: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """While active, this process also knows the migrations in ``map_`` (a later version)."""
    eigen = migraties.alembic_config

    def met_map() -> object:
        config = eigen()
        config.set_main_option("version_locations", f"{migraties.MAP / 'versions'}{os.pathsep}{map_}")
        return config

    monkeypatch.setattr(migraties, "alembic_config", met_map)
    migraties._scripts.cache_clear()
    try:
        yield
    finally:
        monkeypatch.setattr(migraties, "alembic_config", eigen)
        migraties._scripts.cache_clear()


@pytest.fixture
def nieuwere_versie(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """While active, *this* process is the newer version: it knows 0911 and 0912."""
    map_ = tmp_path / "later"
    map_.mkdir()
    kop = ScriptDirectory.from_config(migraties.alembic_config()).get_current_head()
    (map_ / "0911_later.py").write_text(textwrap.dedent(UITBREIDING).format(kop=kop), encoding="utf-8")
    (map_ / "0912_later.py").write_text(textwrap.dedent(INKRIMPING), encoding="utf-8")
    with _kent_ook(map_, monkeypatch):
        yield


def _naar(db: Database, doel: str) -> None:
    """What the newer version's migration does, up to ``doel``: a plain Alembic upgrade, as an
    operator might run it (``env.py`` records its OUDSTE_CODE)."""
    from alembic import command

    with db.schrijf_engine.begin() as verbinding:
        config = migraties.alembic_config()
        config.attributes["connection"] = verbinding
        command.upgrade(config, doel)


def _als_nieuwere_versie(db: Database, doel: str, request: pytest.FixtureRequest) -> None:
    request.getfixturevalue("nieuwere_versie")
    _naar(db, doel)
    request.getfixturevalue("monkeypatch").undo()
    migraties._scripts.cache_clear()


def test_schema__current_after_open__and_the_oldest_code_is_recorded(db: Database) -> None:
    toestand = migraties.schema_toestand(db)
    assert toestand.soort == "actueel"
    assert toestand.bruikbaar
    assert toestand.oudste_code == toestand.kop
    assert toestand.regel() == f"schema {toestand.kop} (actueel)"


def test_schema__empty_database__is_empty_with_every_step_to_go(database_url: str) -> None:
    from scan.db.verbinding import maak_database

    db = maak_database(database_url)
    try:
        leeg = migraties.schema_toestand(db)
        assert (leeg.soort, leeg.revisie, leeg.bruikbaar) == ("leeg", None, False)
        assert leeg.stappen[0] == "0001" and leeg.stappen[-1] == leeg.kop
        voor = migraties.migreer(db)
        assert voor.stappen == leeg.stappen
        assert migraties.schema_toestand(db).soort == "actueel"
        # A second migrate has nothing to do and changes nothing.
        assert migraties.migreer(db).stappen == ()
    finally:
        db.sluit()


def test_schema__newer_but_compatible__is_served_and_takes_answers(
    database_url: str, vragenlijst: Vragenlijst, request: pytest.FixtureRequest
) -> None:
    db = open_database(database_url)
    try:
        _als_nieuwere_versie(db, "0911", request)
        toestand = migraties.schema_toestand(db)
        assert (toestand.soort, toestand.revisie, toestand.bruikbaar) == ("nieuwer_verenigbaar", "0911", True)
        assert "verenigbaar" in toestand.regel()
    finally:
        db.sluit()
    # An old process restarting during the rolling upgrade opens it, migrates nothing, and works.
    db = open_database(database_url)
    try:
        with db.lezen() as s:
            assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0911"
        sessie = start_ronde(db, vragenlijst, gm_code="GM0344", facilitator="Fatima", datum=dt.date(2026, 12, 7))
        stelling = vragenlijst.bouwstenen[0].stellingen[0]
        invullen.sla_antwoord_op(db, vragenlijst, sessie, stelling.id, "3")
        assert invullen.mijn_antwoorden(db, sessie)[stelling.id].antwoord == "3"
    finally:
        db.sluit()


def test_schema__newer_and_incompatible__is_refused_by_open_migrate_and_check(
    database_url: str,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = open_database(database_url)
    try:
        _als_nieuwere_versie(db, "0912", request)
        toestand = migraties.schema_toestand(db)
        assert (toestand.soort, toestand.bruikbaar) == ("nieuwer_onverenigbaar", False)
        with pytest.raises(SchemaOnbekend, match="0912 is nieuwer dan deze versie"):
            migraties.migreer(db)
        with db.lezen() as s:
            # Alembic never ran: the schema of the newer version is untouched.
            assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0912"
    finally:
        db.sluit()
    with pytest.raises(SchemaOnbekend):
        open_database(database_url)

    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["check"]) == 1
    uit = capsys.readouterr().out.strip()
    assert uit.startswith("NIET IN ORDE") and "0912" in uit and "niet verenigbaar" in uit
    assert len(uit.splitlines()) == 1
    assert main(["migrate"]) == 1
    fout = capsys.readouterr().err
    assert "Niet gemigreerd" in fout and "0912" in fout and "Traceback" not in fout


def test_schema__behind__is_migrated_by_open__and_check_says_migrate_first(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from alembic import command

    db = open_database(database_url)
    try:
        with db.schrijf_engine.begin() as verbinding:
            config = migraties.alembic_config()
            config.attributes["connection"] = verbinding
            command.downgrade(config, "0009")
        achter = migraties.schema_toestand(db)
        assert (achter.soort, achter.bruikbaar, achter.stappen) == ("achter", False, (achter.kop,))
        assert achter.oudste_code == "0009"  # recorded by env.py on the way down too
    finally:
        db.sluit()
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["check"]) == 1
    assert "eerst python -m scan migrate" in capsys.readouterr().out
    assert main(["migrate"]) == 0
    assert "Schema bijgewerkt van 0009 naar" in capsys.readouterr().out
    assert main(["check"]) == 0
    uit = capsys.readouterr().out
    assert uit.startswith("In orde") and "vragenlijsten 1.0, 2.0 geldig" in uit


def test_migrate__a_failing_step__leaves_the_schema_as_it_was(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """One transaction: the table the failing step created first is gone again."""
    from alembic import command

    db = open_database(database_url)
    kop = migraties.schema_toestand(db).kop
    map_ = tmp_path / "kapot"
    map_.mkdir()
    (map_ / "0913_kapot.py").write_text(
        textwrap.dedent(f'''
        import sqlalchemy as sa
        from alembic import op

        revision = "0913"
        down_revision = "{kop}"
        OUDSTE_CODE = "{kop}"


        def upgrade() -> None:
            op.create_table("proef_half", sa.Column("id", sa.Integer, primary_key=True))
            op.execute("SELECT * FROM tabel_die_niet_bestaat")


        def downgrade() -> None:
            pass
        '''),
        encoding="utf-8",
    )
    try:
        with db.schrijf_engine.begin() as verbinding:
            config = migraties.alembic_config()
            config.attributes["connection"] = verbinding
            command.downgrade(config, "0009")
    finally:
        db.sluit()
    monkeypatch.setenv("DATABASE_URL", database_url)
    with _kent_ook(map_, monkeypatch):
        assert main(["migrate"]) == 1
    fout = capsys.readouterr().err
    assert "Migratie mislukt, het schema is ongewijzigd" in fout and "Traceback" not in fout
    from scan.db.verbinding import maak_database

    db = maak_database(database_url)
    try:
        with db.lezen() as s:
            assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0009"
            assert "proef_half" not in inspect(s.connection()).get_table_names()
    finally:
        db.sluit()


def test_check__missing_sqlite_file__fails_and_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pad = tmp_path / "nergens" / "zelfscan.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{pad}")
    assert main(["check"]) == 1
    assert "bestaat niet" in capsys.readouterr().out
    assert not pad.exists()


def test_check__unreachable_server__one_line_without_password(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://gebruiker:geheimwachtwoord@127.0.0.1:1/zelfscan")
    assert main(["check"]) == 1
    uit = capsys.readouterr().out
    assert uit.startswith("NIET IN ORDE") and "niet bereikbaar" in uit and "127.0.0.1:1/zelfscan" in uit
    assert "geheimwachtwoord" not in uit and len(uit.strip().splitlines()) == 1


def test_start__migrates_checks_then_becomes_streamlit_with_production_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pad = tmp_path / "nieuw.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{pad}")
    gestart: list[list[str]] = []

    def execv(programma: str, argumenten: list[str]) -> None:
        gestart.append([programma, *argumenten])

    monkeypatch.setattr(os, "execv", execv)
    assert main(["start", "--poort", "8599", "--", "--server.address", "127.0.0.1"]) == 0
    uit = capsys.readouterr().out
    assert "Schema bijgewerkt van leeg" in uit and "In orde" in uit
    (aanroep,) = gestart
    assert aanroep[2:5] == ["-m", "streamlit", "run"] and aanroep[5].endswith("app.py")
    opties = aanroep[6:]
    assert opties[opties.index("--server.headless") + 1] == "true"
    assert opties[opties.index("--server.fileWatcherType") + 1] == "none"
    assert opties[opties.index("--server.port") + 1] == "8599"
    assert opties[-2:] == ["--server.address", "127.0.0.1"] and "--" not in opties


def test_start__broken_database__does_not_start_streamlit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://x@127.0.0.1:1/zelfscan")
    monkeypatch.setattr(os, "execv", lambda *a: pytest.fail("Streamlit gestart bij een onbereikbare database"))
    assert main(["start"]) == 1
    assert "niet bereikbaar" in capsys.readouterr().err
