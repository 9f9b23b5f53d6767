"""Edits that vanish (issue 13, case 6): a version counter on the agreed ambitions and on the
participants, so an ambition, a rename or a removal is saved against the version the
facilitator saw, and the agreed ambition records who set it

Goals and consensus carry a ``versie`` since 0001/0002. Roles need none: a role row is only
ever inserted or deleted, so its id is its version. Existing rows start at version 1 (the
server default also serves bulk inserts that do not set it).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
# The oldest code revision that works on the schema after this migration (scan/db/migraties.py).
# Written before the expand/contract rule, which older code does not check: its own revision.
OUDSTE_CODE = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("vastgestelde_ambities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("gewijzigd_door", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("versie", sa.Integer(), server_default=sa.text("1"), nullable=False))
    with op.batch_alter_table("deelnemers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("versie", sa.Integer(), server_default=sa.text("1"), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("deelnemers", schema=None) as batch_op:
        batch_op.drop_column("versie")
    with op.batch_alter_table("vastgestelde_ambities", schema=None) as batch_op:
        batch_op.drop_column("versie")
        batch_op.drop_column("gewijzigd_door")
