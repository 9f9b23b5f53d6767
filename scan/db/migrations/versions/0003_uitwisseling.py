"""Everything of the exchange format in the database: agreed ambitions, notes, ambition notes,
and the round's exchange id, so that export then import gives back an equal scan

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from scan.db.tabellen import UtcDateTime

revision = "0003"
down_revision = "0002"
# The oldest code revision that works on the schema after this migration (scan/db/migraties.py).
# Written before the expand/contract rule, which older code does not check: its own revision.
OUDSTE_CODE = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("scanrondes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("extern_id", sa.String(length=80), nullable=True))
    with op.batch_alter_table("deelnemers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("extern_id", sa.String(length=80), nullable=True))
    with op.batch_alter_table("ambities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("toelichting", sa.Text(), nullable=True))
    op.create_table(
        "vastgestelde_ambities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ronde_id", sa.Integer(), nullable=False),
        sa.Column("bouwsteen", sa.String(length=80), nullable=False),
        sa.Column("niveau", sa.SmallInteger(), nullable=False),
        sa.Column("toelichting", sa.Text(), nullable=True),
        sa.Column("gewijzigd_op", UtcDateTime(), nullable=False),
        sa.CheckConstraint("niveau BETWEEN 1 AND 5", name=op.f("ck_vastgestelde_ambities_niveau")),
        sa.ForeignKeyConstraint(
            ["ronde_id"],
            ["scanrondes.id"],
            name=op.f("fk_vastgestelde_ambities_ronde_id_scanrondes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vastgestelde_ambities")),
        sa.UniqueConstraint("ronde_id", "bouwsteen", name=op.f("uq_vastgestelde_ambities_ronde_id")),
    )
    with op.batch_alter_table("vastgestelde_ambities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vastgestelde_ambities_ronde_id"), ["ronde_id"], unique=False)
    op.create_table(
        "notities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ronde_id", sa.Integer(), nullable=False),
        sa.Column("bouwsteen", sa.String(length=80), nullable=True),
        sa.Column("tekst", sa.Text(), nullable=False),
        sa.Column("aangemaakt_op", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ronde_id"], ["scanrondes.id"], name=op.f("fk_notities_ronde_id_scanrondes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notities")),
    )
    with op.batch_alter_table("notities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notities_ronde_id"), ["ronde_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("notities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notities_ronde_id"))
    op.drop_table("notities")
    with op.batch_alter_table("vastgestelde_ambities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vastgestelde_ambities_ronde_id"))
    op.drop_table("vastgestelde_ambities")
    with op.batch_alter_table("ambities", schema=None) as batch_op:
        batch_op.drop_column("toelichting")
    with op.batch_alter_table("deelnemers", schema=None) as batch_op:
        batch_op.drop_column("extern_id")
    with op.batch_alter_table("scanrondes", schema=None) as batch_op:
        batch_op.drop_column("extern_id")
