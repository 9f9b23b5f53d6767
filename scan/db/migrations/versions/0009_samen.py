"""A facilitated session (issue 16): the round's mode and naming, the parts the facilitator
opened with their reveal times, the second vote after a discussion, certainty and discipline

Existing rounds run "eigen_tempo" and anonymous (the defaults), their answers carry no
certainty and their participants no chosen discipline (it is read from the function they typed).
``downgrade()`` drops the new tables and columns, and with them every re-vote, every part's
reveal time, certainty and chosen discipline: those cannot come back.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from scan.db.tabellen import UtcDateTime

revision = "0009"
down_revision = "0008"
# The oldest code revision that works on the schema after this migration (scan/db/migraties.py).
# Written before the expand/contract rule, which older code does not check: its own revision.
OUDSTE_CODE = "0009"
branch_labels = None
depends_on = None

# The value lists as they were when this migration was written (scoring.samen, scoring.uitwissel).
MODI = "'eigen_tempo', 'samen'"
ZEKERHEDEN = "'zeker', 'denk_het', 'gok'"
DISCIPLINES = "'kcc', 'backoffice', 'ict', 'beleid', 'communicatie', 'management', 'overig'"
ANTWOORDEN = "'1', '2', '3', '4', '5', 'weet_niet', 'nvt'"


# Plain ALTER TABLE ... ADD/DROP COLUMN, not Alembic's batch mode: batch mode on SQLite copies
# the table and drops the original, and with foreign keys on (every connection of this project)
# dropping ``scanrondes`` or ``deelnemers`` would cascade-delete every answer. Both databases
# accept this SQL; the CHECK is a column constraint, so SQLite can drop the column again.
NIEUWE_KOLOMMEN = (
    (
        "scanrondes",
        "modus",
        f"VARCHAR(12) DEFAULT 'eigen_tempo' NOT NULL CONSTRAINT ck_scanrondes_modus CHECK (modus IN ({MODI}))",
    ),
    ("scanrondes", "op_naam", "BOOLEAN DEFAULT false NOT NULL"),
    (
        "deelnemers",
        "discipline",
        f"VARCHAR(20) CONSTRAINT ck_deelnemers_discipline CHECK (discipline IS NULL OR discipline IN ({DISCIPLINES}))",
    ),
    (
        "antwoorden",
        "zekerheid",
        f"VARCHAR(8) CONSTRAINT ck_antwoorden_zekerheid CHECK (zekerheid IS NULL OR zekerheid IN ({ZEKERHEDEN}))",
    ),
)


def upgrade() -> None:
    for tabel, kolom, definitie in NIEUWE_KOLOMMEN:
        op.execute(f"ALTER TABLE {tabel} ADD COLUMN {kolom} {definitie}")
    op.create_table(
        "samen_stappen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ronde_id", sa.Integer(), nullable=False),
        sa.Column("volgnummer", sa.Integer(), nullable=False),
        sa.Column("bouwsteen", sa.String(length=80), nullable=True),
        sa.Column("stelling", sa.String(length=80), nullable=True),
        sa.Column("herstemming", sa.Boolean(), nullable=False),
        sa.Column("geopend_op", UtcDateTime(), nullable=False),
        sa.Column("onthuld_op", UtcDateTime(), nullable=True),
        sa.Column("timer_vanaf", UtcDateTime(), nullable=True),
        sa.CheckConstraint("(bouwsteen IS NULL) <> (stelling IS NULL)", name=op.f("ck_samen_stappen_deel")),
        sa.CheckConstraint("NOT herstemming OR stelling IS NOT NULL", name=op.f("ck_samen_stappen_herstemming")),
        sa.ForeignKeyConstraint(
            ["ronde_id"], ["scanrondes.id"], name=op.f("fk_samen_stappen_ronde_id_scanrondes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_samen_stappen")),
        sa.UniqueConstraint("ronde_id", "volgnummer", name=op.f("uq_samen_stappen_ronde_id")),
    )
    with op.batch_alter_table("samen_stappen", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_samen_stappen_ronde_id"), ["ronde_id"], unique=False)
    op.create_table(
        "herstemmingen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ronde_id", sa.Integer(), nullable=False),
        sa.Column("deelnemer_id", sa.Integer(), nullable=False),
        sa.Column("stelling", sa.String(length=80), nullable=False),
        sa.Column("antwoord", sa.String(length=10), nullable=False),
        sa.Column("gewijzigd_op", UtcDateTime(), nullable=False),
        sa.CheckConstraint(f"antwoord IN ({ANTWOORDEN})", name=op.f("ck_herstemmingen_antwoord")),
        sa.ForeignKeyConstraint(
            ["deelnemer_id"],
            ["deelnemers.id"],
            name=op.f("fk_herstemmingen_deelnemer_id_deelnemers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["ronde_id"], ["scanrondes.id"], name=op.f("fk_herstemmingen_ronde_id_scanrondes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_herstemmingen")),
        sa.UniqueConstraint("deelnemer_id", "stelling", name=op.f("uq_herstemmingen_deelnemer_id")),
    )
    with op.batch_alter_table("herstemmingen", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_herstemmingen_ronde_id"), ["ronde_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("herstemmingen", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_herstemmingen_ronde_id"))
    op.drop_table("herstemmingen")
    with op.batch_alter_table("samen_stappen", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_samen_stappen_ronde_id"))
    op.drop_table("samen_stappen")
    for tabel, kolom, _ in reversed(NIEUWE_KOLOMMEN):
        if op.get_bind().dialect.name == "postgresql":
            op.execute(f"ALTER TABLE {tabel} DROP CONSTRAINT IF EXISTS ck_{tabel}_{kolom}")
        op.execute(f"ALTER TABLE {tabel} DROP COLUMN {kolom}")
