"""Alembic owns the schema: head matches the ORM models, and the migrations go down and up again."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select

from scan.database import Base, Database, GemeenteRij, open_database
from scan.migraties import alembic_config, migreer


def test_head__matches_the_orm_models(db: Database) -> None:
    with db.schrijf_engine.connect() as verbinding:
        verschillen = compare_metadata(MigrationContext.configure(verbinding), Base.metadata)
    assert verschillen == []


def test_migrations__down_to_base_and_up_again__leave_a_working_schema(database_url: str) -> None:
    db = open_database(database_url)
    try:
        config = alembic_config()
        with db.schrijf_engine.begin() as verbinding:
            config.attributes["connection"] = verbinding
            command.downgrade(config, "base")
        with db.lezen() as s:
            assert "antwoorden" not in inspect(s.connection()).get_table_names()
        migreer(db)
        with db.lezen() as s:
            assert {"gemeenten", "scanrondes", "deelnemers", "antwoorden", "ambities", "consensus"} <= set(
                inspect(s.connection()).get_table_names()
            )
    finally:
        db.sluit()


def test_open_database__twice__is_idempotent_and_keeps_reference_data(database_url: str) -> None:
    for _ in range(2):
        db = open_database(database_url)
        with db.lezen() as s:
            assert s.scalar(select(func.count()).select_from(GemeenteRij)) == 342
        db.sluit()
