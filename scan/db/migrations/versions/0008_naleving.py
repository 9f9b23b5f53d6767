"""The compliance check (nalevingscheck, issue 15 point 5): one answer per legal duty per round,
recorded by the facilitator, apart from the maturity answers and never part of a score

Existing rounds get no rows (nothing was asked yet; reports show "niet ingevuld").
``downgrade()`` drops the table, and with it every recorded answer: those cannot come back.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from scan.db.tabellen import UtcDateTime

revision = "0008"
down_revision = "0007"
# The oldest code revision that works on the schema after this migration (scan/db/migraties.py).
# Written before the expand/contract rule, which older code does not check: its own revision.
OUDSTE_CODE = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "naleving",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ronde_id", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(length=80), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("notitie", sa.Text(), nullable=True),
        sa.Column("gewijzigd_door", sa.String(length=120), nullable=True),
        sa.Column("gewijzigd_op", UtcDateTime(), nullable=False),
        sa.Column("versie", sa.Integer(), server_default=sa.text("1"), nullable=False),
        # The answer values as they were when this migration was written (scoring.uitwissel.NALEVING_STATUSSEN).
        sa.CheckConstraint(
            "status IN ('voldoet', 'deels', 'niet', 'weet_niet', 'nvt')", name=op.f("ck_naleving_status")
        ),
        sa.ForeignKeyConstraint(
            ["ronde_id"], ["scanrondes.id"], name=op.f("fk_naleving_ronde_id_scanrondes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_naleving")),
        sa.UniqueConstraint("ronde_id", "item", name=op.f("uq_naleving_ronde_id")),
    )
    with op.batch_alter_table("naleving", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_naleving_ronde_id"), ["ronde_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("naleving", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_naleving_ronde_id"))
    op.drop_table("naleving")
