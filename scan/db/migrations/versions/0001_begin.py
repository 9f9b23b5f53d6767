"""Begin: gemeenten, scanrondes, deelnemers, antwoorden, ambities, consensus

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from scan.db.tabellen import UtcDateTime

revision = "0001"
down_revision = None
# The oldest code revision that works on the schema after this migration (scan/db/migraties.py).
# Written before the expand/contract rule, which older code does not check: its own revision.
OUDSTE_CODE = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "gemeenten",
        sa.Column("gm_code", sa.String(length=6), nullable=False),
        sa.Column("naam", sa.String(length=120), nullable=False),
        sa.Column("provincie", sa.String(length=40), nullable=False),
        sa.Column("inwoners", sa.Integer(), nullable=False),
        sa.Column("peiljaar", sa.SmallInteger(), nullable=False),
        sa.Column("grootteklasse", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("gm_code", name=op.f("pk_gemeenten")),
    )
    op.create_table(
        "scanrondes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("gm_code", sa.String(length=6), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("omschrijving", sa.Text(), nullable=True),
        sa.Column("vragenlijst_id", sa.String(length=80), nullable=False),
        sa.Column("vragenlijst_versie", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("fictief", sa.Boolean(), nullable=False),
        sa.Column("aangemaakt_op", UtcDateTime(), nullable=False),
        sa.CheckConstraint("status IN ('open', 'afgerond')", name=op.f("ck_scanrondes_status")),
        sa.ForeignKeyConstraint(["gm_code"], ["gemeenten.gm_code"], name=op.f("fk_scanrondes_gm_code_gemeenten")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scanrondes")),
        sa.UniqueConstraint("code", name=op.f("uq_scanrondes_code")),
    )
    with op.batch_alter_table("scanrondes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scanrondes_gm_code"), ["gm_code"], unique=False)

    op.create_table(
        "consensus",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ronde_id", sa.Integer(), nullable=False),
        sa.Column("stelling", sa.String(length=80), nullable=False),
        sa.Column("niveau", sa.SmallInteger(), nullable=False),
        sa.Column("toelichting", sa.Text(), nullable=True),
        sa.Column("vastgesteld_door", sa.String(length=120), nullable=True),
        sa.Column("vastgesteld_op", UtcDateTime(), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.CheckConstraint("niveau BETWEEN 1 AND 5", name=op.f("ck_consensus_niveau")),
        sa.ForeignKeyConstraint(
            ["ronde_id"], ["scanrondes.id"], name=op.f("fk_consensus_ronde_id_scanrondes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consensus")),
        sa.UniqueConstraint("ronde_id", "stelling", name=op.f("uq_consensus_ronde_id")),
    )
    with op.batch_alter_table("consensus", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consensus_ronde_id"), ["ronde_id"], unique=False)

    op.create_table(
        "deelnemers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ronde_id", sa.Integer(), nullable=False),
        sa.Column("naam", sa.String(length=120), nullable=False),
        sa.Column("naam_sleutel", sa.String(length=120), nullable=False),
        sa.Column("rol", sa.String(length=12), nullable=False),
        sa.Column("functie", sa.String(length=120), nullable=True),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("aangemaakt_op", UtcDateTime(), nullable=False),
        sa.CheckConstraint("rol IN ('facilitator', 'deelnemer')", name=op.f("ck_deelnemers_rol")),
        sa.ForeignKeyConstraint(
            ["ronde_id"], ["scanrondes.id"], name=op.f("fk_deelnemers_ronde_id_scanrondes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deelnemers")),
        sa.UniqueConstraint("ronde_id", "naam_sleutel", name=op.f("uq_deelnemers_ronde_id")),
        sa.UniqueConstraint("token", name=op.f("uq_deelnemers_token")),
    )
    with op.batch_alter_table("deelnemers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deelnemers_ronde_id"), ["ronde_id"], unique=False)

    op.create_table(
        "ambities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ronde_id", sa.Integer(), nullable=False),
        sa.Column("deelnemer_id", sa.Integer(), nullable=False),
        sa.Column("bouwsteen", sa.String(length=80), nullable=False),
        sa.Column("niveau", sa.SmallInteger(), nullable=False),
        sa.Column("gewijzigd_op", UtcDateTime(), nullable=False),
        sa.CheckConstraint("niveau BETWEEN 1 AND 5", name=op.f("ck_ambities_niveau")),
        sa.ForeignKeyConstraint(
            ["deelnemer_id"], ["deelnemers.id"], name=op.f("fk_ambities_deelnemer_id_deelnemers"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["ronde_id"], ["scanrondes.id"], name=op.f("fk_ambities_ronde_id_scanrondes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ambities")),
        sa.UniqueConstraint("deelnemer_id", "bouwsteen", name=op.f("uq_ambities_deelnemer_id")),
    )
    with op.batch_alter_table("ambities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ambities_ronde_id"), ["ronde_id"], unique=False)

    op.create_table(
        "antwoorden",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ronde_id", sa.Integer(), nullable=False),
        sa.Column("deelnemer_id", sa.Integer(), nullable=False),
        sa.Column("stelling", sa.String(length=80), nullable=False),
        sa.Column("antwoord", sa.String(length=10), nullable=True),
        sa.Column("toelichting", sa.Text(), nullable=True),
        sa.Column("gewijzigd_op", UtcDateTime(), nullable=False),
        sa.CheckConstraint(
            "antwoord IN ('1', '2', '3', '4', '5', 'weet_niet', 'nvt')", name=op.f("ck_antwoorden_antwoord")
        ),
        sa.ForeignKeyConstraint(
            ["deelnemer_id"], ["deelnemers.id"], name=op.f("fk_antwoorden_deelnemer_id_deelnemers"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["ronde_id"], ["scanrondes.id"], name=op.f("fk_antwoorden_ronde_id_scanrondes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_antwoorden")),
        sa.UniqueConstraint("deelnemer_id", "stelling", name=op.f("uq_antwoorden_deelnemer_id")),
    )
    with op.batch_alter_table("antwoorden", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_antwoorden_ronde_id"), ["ronde_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("antwoorden", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_antwoorden_ronde_id"))

    op.drop_table("antwoorden")
    with op.batch_alter_table("ambities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ambities_ronde_id"))

    op.drop_table("ambities")
    with op.batch_alter_table("deelnemers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deelnemers_ronde_id"))

    op.drop_table("deelnemers")
    with op.batch_alter_table("consensus", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consensus_ronde_id"))

    op.drop_table("consensus")
    with op.batch_alter_table("scanrondes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scanrondes_gm_code"))

    op.drop_table("scanrondes")
    op.drop_table("gemeenten")
