"""Aggregate ``logboek``: the append-only audit trail of decisions (issue 18, item 7).

Layer: ``scan/db``. Services write one line per decision inside the same unit of work as the
decision itself, so a decision and its record commit or roll back together. There is no method
to change or delete a line; the one exception is ``vervang_actor``, which erasing a participant
needs (the AVG outranks the trail: their name goes, the fact that someone decided stays).
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from scan.db.tabellen import GebeurtenisRij
from scan.leesmodellen import Gebeurtenis

MAX_REGELS = 5000
"""A page shows at most this many lines; the export takes them all."""


def _json(waarde: Mapping[str, object] | None) -> str | None:
    return None if waarde is None else json.dumps(dict(waarde), ensure_ascii=False, sort_keys=True, default=str)


def _dict(tekst: str | None) -> dict[str, object] | None:
    if tekst is None:
        return None
    waarde = json.loads(tekst)
    return waarde if isinstance(waarde, dict) else {"waarde": waarde}


def _info(r: GebeurtenisRij) -> Gebeurtenis:
    return Gebeurtenis(
        id=r.id,
        moment=r.moment,
        gm_code=r.gm_code,
        ronde_id=r.ronde_id,
        wie=r.wie,
        handeling=r.handeling,
        onderwerp=r.onderwerp,
        voor=_dict(r.voor),
        na=_dict(r.na),
    )


class Logboek:
    def __init__(self, s: Session) -> None:
        self._s = s

    def schrijf(
        self,
        handeling: str,
        *,
        wie: str,
        gm_code: str | None = None,
        ronde_id: int | None = None,
        onderwerp: str | None = None,
        voor: Mapping[str, object] | None = None,
        na: Mapping[str, object] | None = None,
        wie_deelnemer_id: int | None = None,
    ) -> None:
        """Append one line. ``voor``/``na`` must hold no participant name, note text or token."""
        self._s.add(
            GebeurtenisRij(
                handeling=handeling,
                wie=wie[:254],
                wie_deelnemer_id=wie_deelnemer_id,
                gm_code=gm_code,
                ronde_id=ronde_id,
                onderwerp=None if onderwerp is None else onderwerp[:254],
                voor=_json(voor),
                na=_json(na),
            )
        )

    def van_ronde(self, ronde_id: int, *, limiet: int | None = MAX_REGELS) -> list[Gebeurtenis]:
        """The round's lines, newest first."""
        vraag = select(GebeurtenisRij).where(GebeurtenisRij.ronde_id == ronde_id)
        vraag = vraag.order_by(GebeurtenisRij.moment.desc(), GebeurtenisRij.id.desc()).limit(limiet)
        return [_info(r) for r in self._s.scalars(vraag)]

    def van_gemeenten(self, gm_codes: frozenset[str] | None, *, limiet: int | None = MAX_REGELS) -> list[Gebeurtenis]:
        """The lines of these gemeenten (``None``: all, with the installation's own lines), newest first."""
        vraag = select(GebeurtenisRij)
        if gm_codes is not None:
            vraag = vraag.where(GebeurtenisRij.gm_code.in_(sorted(gm_codes)))
        vraag = vraag.order_by(GebeurtenisRij.moment.desc(), GebeurtenisRij.id.desc()).limit(limiet)
        return [_info(r) for r in self._s.scalars(vraag)]

    def vervang_actor(self, *, deelnemer_ids: list[int], namen: list[str], ronde_id: int, door: str) -> int:
        """Erasure: where an erased participant stands as the actor of a line of their round,
        ``door`` (their role) takes the place of their name. Returns the lines changed."""
        if not deelnemer_ids and not namen:
            return 0
        voorwaarden = []
        if deelnemer_ids:
            voorwaarden.append(GebeurtenisRij.wie_deelnemer_id.in_(deelnemer_ids))
        if namen:
            voorwaarden.append(GebeurtenisRij.wie.in_(namen))
        resultaat = self._s.execute(
            update(GebeurtenisRij)
            .where(GebeurtenisRij.ronde_id == ronde_id, or_(*voorwaarden))
            .values(wie=door, wie_deelnemer_id=None)
        )
        return int(resultaat.rowcount or 0)  # type: ignore[attr-defined]
