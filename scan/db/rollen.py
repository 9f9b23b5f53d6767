"""Aggregate ``rollen``: who has which role in which gemeente (table ``rollen``).

Layer: ``scan/db``. A role row is only inserted or deleted, never updated: the grant a page
showed is its id with its grant moment. Whether someone may grant or revoke is decided by the
service (``scan.services.beheer``) with the rules of ``scan.services.toegang``.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from scan.db.tabellen import RolRij
from scan.leesmodellen import RolInfo


def _info(r: RolRij) -> RolInfo:
    return RolInfo(
        id=r.id,
        email=r.email,
        gm_code=r.gm_code,
        rol=r.rol,  # CHECK constraint
        toegekend_door=r.toegekend_door,
        toegekend_op=r.toegekend_op,
    )


class Rollen:
    def __init__(self, s: Session) -> None:
        self._s = s

    def van_gemeente(self, gm_code: str) -> list[RolInfo]:
        """Every grant in ``gm_code``, by address and role."""
        rijen = self._s.scalars(select(RolRij).where(RolRij.gm_code == gm_code).order_by(RolRij.email, RolRij.rol))
        return [_info(r) for r in rijen]

    def van_adres(self, adres: str) -> dict[str, set[str]]:
        """The roles of the person with (normalised) address ``adres``, per gemeente."""
        rollen: dict[str, set[str]] = {}
        for gm, rol in self._s.execute(select(RolRij.gm_code, RolRij.rol).where(RolRij.email == adres)):
            rollen.setdefault(gm, set()).add(rol)
        return rollen

    def toekenning(self, rol_id: int) -> RolInfo | None:
        rij = self._s.get(RolRij, rol_id)
        return None if rij is None else _info(rij)

    def ken_toe(self, email: str, gm_code: str, rol: str, door: str | None) -> None:
        """A new grant; the same grant twice makes the unit of work end in ``Botsing``."""
        self._s.add(RolRij(email=email, gm_code=gm_code, rol=rol, toegekend_door=door))
        self._s.flush()

    def trek_in(self, rol_id: int) -> None:
        rij = self._s.get(RolRij, rol_id)
        if rij is not None:
            self._s.delete(rij)
