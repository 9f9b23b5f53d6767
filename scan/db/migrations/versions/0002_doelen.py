"""Doelen per scanronde: accepted or rejected goals with their PDCA state

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from scan.db.tabellen import UtcDateTime

revision = "0002"
down_revision = "0001"
# The oldest code revision that works on the schema after this migration (scan/db/migraties.py).
# Written before the expand/contract rule, which older code does not check: its own revision.
OUDSTE_CODE = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "doelen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ronde_id", sa.Integer(), nullable=False),
        sa.Column("sleutel", sa.String(length=80), nullable=False),
        sa.Column("besluit", sa.String(length=12), nullable=False),
        sa.Column("bouwsteen", sa.String(length=80), nullable=False),
        sa.Column("titel", sa.String(length=120), nullable=False),
        sa.Column("actie", sa.Text(), nullable=False),
        sa.Column("indicator", sa.Text(), nullable=True),
        sa.Column("eenheid", sa.String(length=40), nullable=True),
        sa.Column("nulmeting", sa.Double(), nullable=True),
        sa.Column("streefwaarde", sa.Double(), nullable=True),
        sa.Column("bron", sa.Text(), nullable=True),
        sa.Column("eigenaar", sa.Text(), nullable=True),
        sa.Column("draagvlak", sa.Text(), nullable=True),
        sa.Column("richting", sa.String(length=8), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=6), nullable=False),
        sa.Column("sjabloon", sa.String(length=80), nullable=True),
        sa.Column("notities", sa.Text(), nullable=True),
        sa.Column("gewijzigd_door", sa.String(length=120), nullable=True),
        sa.Column("gewijzigd_op", UtcDateTime(), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.CheckConstraint("besluit IN ('geaccepteerd', 'afgewezen')", name=op.f("ck_doelen_besluit")),
        sa.CheckConstraint("richting IS NULL OR richting IN ('hoger', 'lager')", name=op.f("ck_doelen_richting")),
        sa.CheckConstraint("status IN ('plan', 'do', 'check', 'act')", name=op.f("ck_doelen_status")),
        sa.ForeignKeyConstraint(
            ["ronde_id"], ["scanrondes.id"], name=op.f("fk_doelen_ronde_id_scanrondes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_doelen")),
        sa.UniqueConstraint("ronde_id", "sleutel", name=op.f("uq_doelen_ronde_id")),
    )
    with op.batch_alter_table("doelen", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_doelen_ronde_id"), ["ronde_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("doelen", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_doelen_ronde_id"))

    op.drop_table("doelen")
