"""Workshop in a real room: the beheer link's secret, a presenter link per round, proposed
goals and a baseline still to be measured, and the facilitator's agenda of bespreekpunten

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from scan.db.tabellen import UtcDateTime

revision = "0005"
down_revision = "0004"
# The oldest code revision that works on the schema after this migration (scan/db/migraties.py).
# Written before the expand/contract rule, which older code does not check: its own revision.
OUDSTE_CODE = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "instellingen",
        sa.Column("sleutel", sa.String(length=40), nullable=False),
        sa.Column("waarde", sa.Text(), nullable=False),
        sa.Column("gewijzigd_op", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sleutel", name=op.f("pk_instellingen")),
    )
    op.create_table(
        "bespreekpunten",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ronde_id", sa.Integer(), nullable=False),
        sa.Column("stelling", sa.String(length=80), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("gewijzigd_op", UtcDateTime(), nullable=False),
        sa.CheckConstraint("status IN ('geparkeerd', 'later')", name=op.f("ck_bespreekpunten_status")),
        sa.ForeignKeyConstraint(
            ["ronde_id"], ["scanrondes.id"], name=op.f("fk_bespreekpunten_ronde_id_scanrondes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bespreekpunten")),
        sa.UniqueConstraint("ronde_id", "stelling", name=op.f("uq_bespreekpunten_ronde_id")),
    )
    with op.batch_alter_table("bespreekpunten", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bespreekpunten_ronde_id"), ["ronde_id"], unique=False)

    with op.batch_alter_table("scanrondes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("presentatie_token", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_scanrondes_presentatie_token"), ["presentatie_token"])

    with op.batch_alter_table("doelen", schema=None) as batch_op:
        batch_op.add_column(sa.Column("nulmeting_uiterlijk", sa.Date(), nullable=True))
        batch_op.drop_constraint(batch_op.f("ck_doelen_besluit"), type_="check")
        batch_op.create_check_constraint("besluit", "besluit IN ('voorgesteld', 'geaccepteerd', 'afgewezen')")


def downgrade() -> None:
    # Proposals did not exist before; they leave with the column that allows them.
    op.execute("DELETE FROM doelen WHERE besluit = 'voorgesteld'")
    with op.batch_alter_table("doelen", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_doelen_besluit"), type_="check")
        batch_op.create_check_constraint("besluit", "besluit IN ('geaccepteerd', 'afgewezen')")
        batch_op.drop_column("nulmeting_uiterlijk")

    with op.batch_alter_table("scanrondes", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_scanrondes_presentatie_token"), type_="unique")
        batch_op.drop_column("presentatie_token")

    with op.batch_alter_table("bespreekpunten", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bespreekpunten_ronde_id"))
    op.drop_table("bespreekpunten")
    op.drop_table("instellingen")
