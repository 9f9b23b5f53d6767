"""Runs the Alembic migrations (``scan/migrations``) on start.

Layer: application (``scan/``). The app calls ``migreer`` once per process; the command line
``alembic upgrade head`` (alembic.ini in the project root) does the same for operators.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from scan.db.verbinding import Database

MAP = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MAP))
    return config


def migreer(db: Database, doel: str = "head") -> None:
    """Bring the schema of ``db`` to ``doel``, in one transaction on the write engine."""
    config = alembic_config()
    with db.schrijf_engine.begin() as verbinding:
        config.attributes["connection"] = verbinding
        command.upgrade(config, doel)
