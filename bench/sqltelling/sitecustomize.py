"""Counts an app process's SQL statements for ``bench/last.py`` (issue 20, item 4): loaded by
Python at start when this folder is on PYTHONPATH, and active only with BENCH_SQL_TELLING set.

Layer: ``bench`` (never on the app's own path). PostgreSQL's pg_stat_statements would need
``shared_preload_libraries`` and a restart of a shared server, so the process counts for itself:
every statement SQLAlchemy sends (``before/after_cursor_execute``, with its time on the client's
clock: network and server included) and every pool checkout, which with ``pool_pre_ping`` costs
one ``SELECT 1`` of its own that no cursor event sees. The counts go, once a second, as JSON to
the file BENCH_SQL_TELLING names (replaced whole, so a reader never sees half a file).
"""

from __future__ import annotations

import os

_BESTAND = os.environ.get("BENCH_SQL_TELLING")


def _start(bestand: str) -> None:
    import json
    import threading
    import time
    from typing import Any

    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from sqlalchemy.pool import Pool

    tellers: dict[str, Any] = {"statements": 0, "seconden": 0.0, "checkouts": 0, "soorten": {}}
    slot = threading.Lock()

    @event.listens_for(Engine, "before_cursor_execute")
    def _voor(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        conn.info.setdefault("bench_begin", []).append(time.perf_counter())

    @event.listens_for(Engine, "after_cursor_execute")
    def _na(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        duur = time.perf_counter() - conn.info["bench_begin"].pop()
        soort = (statement.lstrip().split(None, 1) or ["?"])[0].upper()
        with slot:
            tellers["statements"] += 1
            tellers["seconden"] += duur
            tellers["soorten"][soort] = tellers["soorten"].get(soort, 0) + 1

    @event.listens_for(Pool, "checkout")
    def _uit(*args: Any) -> None:
        with slot:
            tellers["checkouts"] += 1

    def _schrijf() -> None:
        while True:
            time.sleep(1.0)
            with slot:
                tekst = json.dumps(tellers)
            tijdelijk = f"{bestand}.{os.getpid()}"
            with open(tijdelijk, "w", encoding="utf-8") as f:
                f.write(tekst)
            os.replace(tijdelijk, bestand)

    threading.Thread(target=_schrijf, name="bench-sqltelling", daemon=True).start()


if _BESTAND:
    _start(_BESTAND)
