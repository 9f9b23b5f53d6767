"""The installation itself, as the app sees it: is the database's schema one this code can serve.

Layer: ``scan/services``. The pages reach the database only through services; this passes on
``scan.db.migraties`` (where the rule lives) to the router's ``scan.ui.context``.
"""

from __future__ import annotations

from scan.db.migraties import HERCONTROLE_SECONDEN, SchemaToestand, schema_toestand

__all__ = ["HERCONTROLE_SECONDEN", "SchemaToestand", "schema_toestand"]
