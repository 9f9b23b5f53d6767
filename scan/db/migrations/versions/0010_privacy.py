"""Personal data under control (issue 18): the audit trail, the signed-in subject each address is
bound to, and the moment a round's personal data was removed under the retention period

``downgrade()`` drops the audit trail and the bindings: the record of who decided what and
which account an address belongs to cannot come back.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from scan.db.tabellen import UtcDateTime

revision = "0010"
down_revision = "0009"
# The oldest code revision that works on the schema after this migration (scan/db/migraties.py).
# Written before the expand/contract rule, which older code does not check: its own revision.
OUDSTE_CODE = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, not batch mode (see 0009: batch mode would recreate scanrondes and, with
    # foreign keys on, cascade-delete every answer).
    soort = "DATETIME" if op.get_bind().dialect.name == "sqlite" else "TIMESTAMP WITH TIME ZONE"
    op.execute(f"ALTER TABLE scanrondes ADD COLUMN persoonsgegevens_gewist_op {soort}")
    op.create_table(
        "logboek",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("moment", UtcDateTime(), nullable=False),
        sa.Column("gm_code", sa.String(length=6), nullable=True),
        sa.Column("ronde_id", sa.Integer(), nullable=True),
        sa.Column("wie", sa.String(length=254), nullable=False),
        sa.Column("wie_deelnemer_id", sa.Integer(), nullable=True),
        sa.Column("handeling", sa.String(length=40), nullable=False),
        sa.Column("onderwerp", sa.String(length=254), nullable=True),
        sa.Column("voor", sa.Text(), nullable=True),
        sa.Column("na", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_logboek")),
    )
    with op.batch_alter_table("logboek", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_logboek_moment"), ["moment"], unique=False)
        batch_op.create_index(batch_op.f("ix_logboek_gm_code"), ["gm_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_logboek_ronde_id"), ["ronde_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_logboek_wie_deelnemer_id"), ["wie_deelnemer_id"], unique=False)
    op.create_table(
        "identiteiten",
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("issuer", sa.String(length=300), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("gebonden_op", UtcDateTime(), nullable=False),
        sa.Column("laatst_gezien_op", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("email", name=op.f("pk_identiteiten")),
    )


def downgrade() -> None:
    op.drop_table("identiteiten")
    with op.batch_alter_table("logboek", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_logboek_wie_deelnemer_id"))
        batch_op.drop_index(batch_op.f("ix_logboek_ronde_id"))
        batch_op.drop_index(batch_op.f("ix_logboek_gm_code"))
        batch_op.drop_index(batch_op.f("ix_logboek_moment"))
    op.drop_table("logboek")
    op.execute("ALTER TABLE scanrondes DROP COLUMN persoonsgegevens_gewist_op")
