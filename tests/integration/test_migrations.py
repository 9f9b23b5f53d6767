"""Alembic owns the schema: head matches the ORM models, and the migrations go down and up again."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select

from scan.db.migraties import alembic_config, migreer
from scan.db.openen import open_database
from scan.db.tabellen import Base, DoelRij, GemeenteRij
from scan.db.verbinding import Database
from scan.services import start
from scoring.models import Vragenlijst

# Every database here starts empty: the migrations run from nothing, not on a migrated copy.
pytestmark = pytest.mark.echte_migratie


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


def test_migration_0007__clears_goal_numbers_and_dates_out_of_range_and_keeps_the_rest(
    database_url: str, vragenlijst: Vragenlijst
) -> None:
    """A goal imported before issue 13 with 1e308, infinity or a year-1 deadline would make its
    round's downloads fail: the step clears those values and leaves every value in range alone."""
    db = open_database(database_url)
    try:
        sessie = start.start_ronde(db, vragenlijst, gm_code="GM0344", facilitator="Fatima", datum=dt.date(2026, 12, 7))
        goed = {"nulmeting": 40.0, "streefwaarde": -1e12, "deadline": dt.date(2100, 12, 31)}
        fout = {"nulmeting": float("inf"), "streefwaarde": 1e308, "deadline": dt.date(1, 1, 1)}
        with db.schrijven() as s:
            for i, waarden in enumerate((goed, fout)):
                s.add(
                    DoelRij(
                        ronde_id=sessie.ronde.id,
                        sleutel=f"eigen_{i}",
                        besluit="geaccepteerd",
                        bouwsteen=vragenlijst.bouwstenen[0].id,
                        titel="Kanalen in beeld",
                        actie="Maak een overzicht.",
                        versie=1,
                        **waarden,
                    )
                )
        config = alembic_config()
        with db.schrijf_engine.begin() as verbinding:
            config.attributes["connection"] = verbinding
            command.downgrade(config, "0006")
        migreer(db)
        with db.lezen() as s:
            rijen = {r.sleutel: r for r in s.scalars(select(DoelRij).where(DoelRij.ronde_id == sessie.ronde.id))}
            assert (rijen["eigen_0"].nulmeting, rijen["eigen_0"].streefwaarde, rijen["eigen_0"].deadline) == (
                40.0,
                -1e12,
                dt.date(2100, 12, 31),
            )
            assert (rijen["eigen_1"].nulmeting, rijen["eigen_1"].streefwaarde, rijen["eigen_1"].deadline) == (
                None,
                None,
                None,
            )
    finally:
        db.sluit()
