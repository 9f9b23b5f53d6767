"""Goal numbers and dates within the ranges every file and form now checks (issue 13, case 7)

Before issue 13 an exchange file could bring NaN, infinity or 1e308 into a goal's nulmeting or
streefwaarde, and dates far outside any plan. The exchange model now refuses those, and it is
also what a stored round is read back through for downloads and the Doelen page, so one old row
out of range would make that round's downloads fail. This data-only step clears such values
(the goal then says "nulmeting volgt" or has no deadline, which the facilitator can fill in
again); nothing in range changes.

``NOT BETWEEN`` catches NaN too: PostgreSQL orders NaN above every number, SQLite stores NaN as
NULL already. Downgrade has nothing to restore: the values were unusable.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
# The oldest code revision that works on the schema after this migration (scan/db/migraties.py).
# Written before the expand/contract rule, which older code does not check: its own revision.
OUDSTE_CODE = "0007"
branch_labels = None
depends_on = None

# The same bounds as scoring.grenzen; copied, because a migration must keep meaning what it
# meant when it was written, whatever the module later says.
GROOTSTE_GETAL = 1e12
EERSTE_DATUM = "2000-01-01"
LAATSTE_DATUM = "2100-12-31"


def upgrade() -> None:
    verbinding = op.get_bind()
    for kolom in ("nulmeting", "streefwaarde"):
        verbinding.execute(
            sa.text(
                f"UPDATE doelen SET {kolom} = NULL "  # noqa: S608 - column names from the tuple above
                f"WHERE {kolom} IS NOT NULL AND NOT ({kolom} BETWEEN :laag AND :hoog)"
            ),
            {"laag": -GROOTSTE_GETAL, "hoog": GROOTSTE_GETAL},
        )
    for kolom in ("deadline", "nulmeting_uiterlijk"):
        verbinding.execute(
            sa.text(
                f"UPDATE doelen SET {kolom} = NULL "  # noqa: S608 - column names from the tuple above
                f"WHERE {kolom} IS NOT NULL AND ({kolom} < :eerste OR {kolom} > :laatste)"
            ).bindparams(sa.bindparam("eerste", type_=sa.Date()), sa.bindparam("laatste", type_=sa.Date())),
            {"eerste": dt.date.fromisoformat(EERSTE_DATUM), "laatste": dt.date.fromisoformat(LAATSTE_DATUM)},
        )


def downgrade() -> None:
    """Nothing to restore: the cleared values could not be read back."""
