"""Aggregate ``voorbeeld``: the one clearly fictional example round a newcomer opens from Start.

Layer: ``scan/db``. The example belongs to a gemeente that does not exist, ``VOORBEELD_GM``
("Voorbeeldgemeente"), added to the reference table only while the example is there and left out
of every list to choose a gemeente from (``Rondes.gemeente_keuzes``), so no real round can be
started for it and nobody can be given a role in it. Its rounds are ``fictief``: the benchmark
compares fictional rounds only with fictional rounds, and the Voorbeeldgemeente never opts in.
Who may make or remove it is decided in ``scan.services.voorbeeld``.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import delete, exists, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from scan.db.tabellen import BenchmarkDeelnameRij, GemeenteRij, InstellingRij, RolRij, RondeRij

VOORBEELD_GM = "GM9999"
"""A CBS-shaped code no municipality has (the CBS numbers stay far below 9999)."""
VOORBEELD_NAAM = "Voorbeeldgemeente"
VOORBEELD_PROVINCIE = "Fictief"
VOORBEELD_INWONERS = 42_000
VOORBEELD_GROOTTEKLASSE = "25.000-50.000"


class Voorbeeld:
    def __init__(self, s: Session) -> None:
        self._s = s

    def heeft_echte_rondes(self) -> bool:
        """Whether the installation holds any real (not fictional) round."""
        return bool(self._s.scalar(select(exists().where(RondeRij.fictief.is_(False)))))

    def rondes(self) -> list[int]:
        """The ids of the example's rounds, oldest first (normally one)."""
        return list(self._s.scalars(select(RondeRij.id).where(RondeRij.gm_code == VOORBEELD_GM).order_by(RondeRij.id)))

    def gemeente_aanwezig(self) -> bool:
        return self._s.get(GemeenteRij, VOORBEELD_GM) is not None

    def reserveer(self, peiljaar: int) -> None:
        """Add the Voorbeeldgemeente if it is not there, and lock its row until the unit of work ends.

        Two clicks at once on an empty installation: the second waits here for the first to commit
        and then finds the example the first made (PostgreSQL; SQLite's writers queue anyway)."""
        dialect = self._s.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        self._s.execute(
            insert(GemeenteRij)
            .values(
                gm_code=VOORBEELD_GM,
                naam=VOORBEELD_NAAM,
                provincie=VOORBEELD_PROVINCIE,
                inwoners=VOORBEELD_INWONERS,
                peiljaar=peiljaar,
                grootteklasse=VOORBEELD_GROOTTEKLASSE,
            )
            .on_conflict_do_nothing(index_elements=["gm_code"])
        )
        self._s.execute(select(GemeenteRij.gm_code).where(GemeenteRij.gm_code == VOORBEELD_GM).with_for_update())

    def verwijder(self, instellingen: Collection[str]) -> int:
        """Delete the example: its rounds (everything in them goes by cascade), the settings
        ``instellingen`` of those rounds, any role or benchmark opt-in of the Voorbeeldgemeente, and
        the Voorbeeldgemeente itself. Returns how many rounds went. Real rounds are never touched:
        every statement is on the Voorbeeldgemeente's code. The audit trail keeps its lines, as it
        does for every deleted round (``GebeurtenisRij``: append-only)."""
        ids = self.rondes()
        if instellingen:
            self._s.execute(delete(InstellingRij).where(InstellingRij.sleutel.in_(sorted(instellingen))))
        self._s.execute(delete(RondeRij).where(RondeRij.gm_code == VOORBEELD_GM))
        self._s.execute(delete(RolRij).where(RolRij.gm_code == VOORBEELD_GM))
        self._s.execute(delete(BenchmarkDeelnameRij).where(BenchmarkDeelnameRij.gm_code == VOORBEELD_GM))
        self._s.execute(delete(GemeenteRij).where(GemeenteRij.gm_code == VOORBEELD_GM))
        self._s.flush()
        return len(ids)
