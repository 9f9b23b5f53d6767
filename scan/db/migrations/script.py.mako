"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
${imports if imports else ""}

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
# Expand, then contract (docs/beheer.md, "Bijwerken en terugdraaien"): the oldest code revision
# that still works on the schema after this migration. Only adds (table, nullable column,
# index): keep the previous migration's OUDSTE_CODE. Removes or renames: this revision, and only
# in a new major version.
OUDSTE_CODE = ${repr(down_revision)}  # TODO: check, see above
branch_labels = ${repr(branch_labels)}
depends_on = ${repr(depends_on)}


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
