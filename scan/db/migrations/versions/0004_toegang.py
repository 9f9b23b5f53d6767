"""Access and comparison: roles per gemeente, the benchmark opt-in, the key figures of closed
rounds, when a round was closed, and which account opened a round as facilitator

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from scan.db.tabellen import UtcDateTime

revision = "0004"
down_revision = "0003"
# The oldest code revision that works on the schema after this migration (scan/db/migraties.py).
# Written before the expand/contract rule, which older code does not check: its own revision.
OUDSTE_CODE = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "benchmark_deelnames",
        sa.Column("gm_code", sa.String(length=6), nullable=False),
        sa.Column("door", sa.String(length=254), nullable=True),
        sa.Column("sinds", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["gm_code"], ["gemeenten.gm_code"], name=op.f("fk_benchmark_deelnames_gm_code_gemeenten")
        ),
        sa.PrimaryKeyConstraint("gm_code", name=op.f("pk_benchmark_deelnames")),
    )
    op.create_table(
        "rollen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("gm_code", sa.String(length=6), nullable=False),
        sa.Column("rol", sa.String(length=12), nullable=False),
        sa.Column("toegekend_door", sa.String(length=254), nullable=True),
        sa.Column("toegekend_op", UtcDateTime(), nullable=False),
        sa.CheckConstraint("rol IN ('facilitator', 'adviseur', 'beheerder')", name=op.f("ck_rollen_rol")),
        sa.ForeignKeyConstraint(["gm_code"], ["gemeenten.gm_code"], name=op.f("fk_rollen_gm_code_gemeenten")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rollen")),
        sa.UniqueConstraint("email", "gm_code", "rol", name=op.f("uq_rollen_email")),
    )
    with op.batch_alter_table("rollen", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rollen_email"), ["email"], unique=False)
        batch_op.create_index(batch_op.f("ix_rollen_gm_code"), ["gm_code"], unique=False)

    op.create_table(
        "ronde_scores",
        sa.Column("ronde_id", sa.Integer(), nullable=False),
        sa.Column("vragenlijst_versie", sa.String(length=20), nullable=False),
        sa.Column("totaal", sa.Double(), nullable=True),
        sa.Column("kerncijfers", sa.Text(), nullable=False),
        sa.Column("berekend_op", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ronde_id"], ["scanrondes.id"], name=op.f("fk_ronde_scores_ronde_id_scanrondes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("ronde_id", name=op.f("pk_ronde_scores")),
    )
    with op.batch_alter_table("deelnemers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email", sa.String(length=254), nullable=True))

    with op.batch_alter_table("scanrondes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("afgerond_op", UtcDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("scanrondes", schema=None) as batch_op:
        batch_op.drop_column("afgerond_op")

    with op.batch_alter_table("deelnemers", schema=None) as batch_op:
        batch_op.drop_column("email")

    op.drop_table("ronde_scores")
    with op.batch_alter_table("rollen", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rollen_gm_code"))
        batch_op.drop_index(batch_op.f("ix_rollen_email"))

    op.drop_table("rollen")
    op.drop_table("benchmark_deelnames")
