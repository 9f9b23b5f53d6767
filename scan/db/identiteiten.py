"""Aggregate ``identiteiten``: which signed-in account (issuer and subject) each address is bound
to (issue 18, item 6; table ``identiteiten``).

Layer: ``scan/db``. A binding is made once, by the first verified sign-in that claims an address
with something to protect, touched now and then, and removed only by a beheerder's release.
Whether a sign-in matches or may be bound is decided by ``scan.services.identiteiten``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from scan.db.tabellen import IdentiteitRij
from scan.leesmodellen import Binding
from scoring.tijd import nu


def _info(r: IdentiteitRij) -> Binding:
    return Binding(
        email=r.email,
        issuer=r.issuer,
        subject=r.subject,
        gebonden_op=r.gebonden_op,
        laatst_gezien_op=r.laatst_gezien_op,
    )


class Identiteiten:
    def __init__(self, s: Session) -> None:
        self._s = s

    def lees(self, email: str, *, voor_wijziging: bool = False) -> Binding | None:
        """The binding of (normalised) ``email``; ``voor_wijziging`` locks it until the unit of work ends."""
        rij = self._s.get(IdentiteitRij, email, with_for_update=voor_wijziging or None)
        return None if rij is None else _info(rij)

    def van_adressen(self, adressen: list[str] | None) -> list[Binding]:
        """The bindings of these addresses (``None``: all), by address."""
        vraag = select(IdentiteitRij).order_by(IdentiteitRij.email)
        if adressen is not None:
            vraag = vraag.where(IdentiteitRij.email.in_(sorted(set(adressen))))
        return [_info(r) for r in self._s.scalars(vraag)]

    def bind(self, email: str, issuer: str, subject: str) -> None:
        """A new binding; an address bound already makes the unit of work end in ``Botsing``."""
        moment = nu()
        self._s.add(
            IdentiteitRij(email=email, issuer=issuer, subject=subject, gebonden_op=moment, laatst_gezien_op=moment)
        )
        self._s.flush()

    def gezien(self, email: str, moment: dt.datetime | None = None) -> None:
        rij = self._s.get(IdentiteitRij, email)
        if rij is not None:
            rij.laatst_gezien_op = moment or nu()

    def maak_los(self, email: str) -> None:
        rij = self._s.get(IdentiteitRij, email)
        if rij is not None:
            self._s.delete(rij)
