"""Aggregate ``wissen``: removing personal data from a round (issue 18, items 1 and 2).

Layer: ``scan/db``. Three operations, each inside the caller's unit of work:

- ``vervang_namen``: a person's name (and address) replaced by their role in every text column of
  every table that belongs to the round (found through the table metadata, so a column added
  later is covered without a change here), the round's own description, and the round's lines of
  the audit trail. Identifying columns (tokens, codes, ids, other people's names) are never
  rewritten.
- ``pseudonimiseer``: the retention period's work on a closed round: names become "Deelnemer 1..n",
  functions, addresses, notes, explanations and ``*_door`` fields go, tokens are replaced by random
  values nobody knows; answers, ambitions and the stored key figures stay.
- ``verwijder_ronde``: the round and everything of it (by ``ON DELETE CASCADE``, which
  ``scan.db.verbinding`` switches on for every SQLite connection); only the audit trail's lines
  stay, with the people in them replaced by their role first.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import String, Text, delete, func, or_, select, update
from sqlalchemy.orm import Session

from scan.db.logboek import Logboek
from scan.db.tabellen import (
    AmbitieRij,
    AntwoordRij,
    Base,
    ConsensusRij,
    DeelnemerRij,
    DoelRij,
    GebeurtenisRij,
    GemeenteRij,
    NalevingRij,
    NotitieRij,
    RondeRij,
    VastgesteldeAmbitieRij,
)
from scan.leesmodellen import BewaarRonde, Persoon
from scoring.tekst import sleutel
from scoring.tijd import nu
from scoring.wissen import ROL_DEELNEMER, ROL_FACILITATOR, pseudoniem, rol_van, vervang_namen

NOOIT_HERSCHREVEN = frozenset(
    {
        # identities and keys: rewriting them would break links, uniqueness or CHECK constraints
        "token",
        "presentatie_token",
        "naam_sleutel",
        "code",
        "gm_code",
        "extern_id",
        "stelling",
        "bouwsteen",
        "sleutel",
        "item",
        "sjabloon",
        "vragenlijst_id",
        "vragenlijst_versie",
        # values from a fixed list
        "status",
        "besluit",
        "rol",
        "antwoord",
        "zekerheid",
        "discipline",
        "richting",
        "modus",
        "eenheid",
        "handeling",
        # computed figures
        "kerncijfers",
    }
)
"""Text columns never searched for names. Everything else of a round is."""

ALLEEN_EIGEN_RIJ = {"deelnemers": frozenset({"naam"})}
"""Columns that hold another person's own identity: not rewritten when someone else is erased
("Jan" erased must not rename "Jan de Vries")."""

_NAAMVELD = frozenset({"wie", "vastgesteld_door", "gewijzigd_door", "toegekend_door", "door"})
"""Columns that name one person: replaced only where the whole field is the erased name."""

GEWIST_TOKEN = "gewist-"  # noqa: S105  (a prefix, not a secret)


def _tekstkolommen(tabel: Any) -> list[tuple[str, int | None]]:
    """The searchable text columns of ``tabel`` with their maximum length."""
    return [
        (k.name, getattr(k.type, "length", None))
        for k in tabel.columns
        if isinstance(k.type, String | Text) and k.name not in NOOIT_HERSCHREVEN
    ]


def _rondetabellen() -> list[type[Any]]:
    """Every mapped table that belongs to a round through a ``ronde_id`` column (the audit trail too)."""
    return sorted(
        (m.class_ for m in Base.registry.mappers if "ronde_id" in m.local_table.c),
        key=lambda c: c.__tablename__,
    )


def _onbruikbaar_token() -> str:
    """A random value for a NOT NULL UNIQUE token column: nobody holds it, so it opens nothing."""
    return GEWIST_TOKEN + secrets.token_hex(24)


class Wissen:
    def __init__(self, s: Session) -> None:
        self._s = s

    # --- who ---

    def personen(self, ronde_id: int) -> list[Persoon]:
        """Everyone in the round, in the order they joined."""
        rijen = self._s.scalars(
            select(DeelnemerRij)
            .where(DeelnemerRij.ronde_id == ronde_id)
            .order_by(DeelnemerRij.aangemaakt_op, DeelnemerRij.id)
        )
        return [Persoon(id=r.id, naam=r.naam, rol=r.rol, email=r.email) for r in rijen]

    # --- erasure of one person ---

    def vervang_namen(self, ronde_id: int, namen: Sequence[str], door: str, *, alleen_logboek: bool = False) -> int:
        """Replace ``namen`` by ``door`` in every text of the round; returns the fields changed.

        ``alleen_logboek``: only the round's lines of the audit trail (a round about to be deleted).
        """
        namen = [n for n in namen if n and n.strip()]
        if not namen:
            return 0
        weg = {" ".join(n.split()).casefold() for n in namen}
        # The others of the round keep their own longer names ("Anna de Vries" when "Anna" goes).
        anderen = [p.naam for p in self.personen(ronde_id) if " ".join(p.naam.split()).casefold() not in weg]
        veranderd = 0
        tabellen: list[Any] = [GebeurtenisRij] if alleen_logboek else [*_rondetabellen(), RondeRij]
        for klasse in tabellen:
            tabel = klasse.__table__
            kolommen = [
                (k, lengte)
                for k, lengte in _tekstkolommen(tabel)
                if k not in ALLEEN_EIGEN_RIJ.get(tabel.name, frozenset())
            ]
            if not kolommen:
                continue
            sleutelkolom = klasse.id if klasse is RondeRij else klasse.ronde_id
            for rij in self._s.scalars(select(klasse).where(sleutelkolom == ronde_id)):
                for kolom, lengte in kolommen:
                    oud = getattr(rij, kolom)
                    nieuw = vervang_namen(oud, namen, door, heel_veld=kolom in _NAAMVELD, behalve=anderen)
                    if nieuw != oud:
                        setattr(rij, kolom, nieuw if lengte is None or nieuw is None else nieuw[:lengte])
                        veranderd += 1
        self._s.flush()
        return veranderd

    def vervang_in_logboek(self, ronde_id: int, personen: Collection[Persoon]) -> None:
        """The round's audit lines: every person in them (as actor or in the text) by their role."""
        logboek = Logboek(self._s)
        for p in personen:
            namen = [p.naam, *([p.email] if p.email else [])]
            logboek.vervang_actor(deelnemer_ids=[p.id], namen=namen, ronde_id=ronde_id, door=rol_van(p.rol))
            self.vervang_namen(ronde_id, namen, rol_van(p.rol), alleen_logboek=True)

    # --- retention ---

    def met_persoonsgegevens(self, gm_codes: frozenset[str] | None) -> list[BewaarRonde]:
        """Closed, real rounds (of ``gm_codes``; ``None``: all) that still hold personal data,
        oldest closing first. Open rounds are never listed: the retention period starts at closing."""
        aantal = select(DeelnemerRij.ronde_id, func.count().label("n")).group_by(DeelnemerRij.ronde_id).subquery()
        vraag = (
            select(RondeRij, GemeenteRij.naam, aantal.c.n)
            .join(GemeenteRij, RondeRij.gm_code == GemeenteRij.gm_code)
            .outerjoin(aantal, aantal.c.ronde_id == RondeRij.id)
            .where(
                RondeRij.status == "afgerond",
                RondeRij.afgerond_op.is_not(None),
                RondeRij.fictief.is_(False),
                or_(
                    RondeRij.persoonsgegevens_gewist_op.is_(None),
                    # reopened and closed again after an earlier removal: new people may have joined
                    RondeRij.persoonsgegevens_gewist_op < RondeRij.afgerond_op,
                ),
            )
            .order_by(RondeRij.afgerond_op, RondeRij.id)
        )
        if gm_codes is not None:
            vraag = vraag.where(RondeRij.gm_code.in_(sorted(gm_codes)))
        uit = []
        for r, gemeente, n in self._s.execute(vraag):
            assert r.afgerond_op is not None
            uit.append(
                BewaarRonde(
                    ronde_id=r.id,
                    code=r.code,
                    gm_code=r.gm_code,
                    gemeente=gemeente,
                    datum=r.datum,
                    omschrijving=r.omschrijving,
                    afgerond_op=r.afgerond_op,
                    deelnemers=n or 0,
                )
            )
        return uit

    def gewist_op(self, ronde_id: int) -> dt.datetime | None:
        return self._s.scalar(select(RondeRij.persoonsgegevens_gewist_op).where(RondeRij.id == ronde_id))

    def pseudonimiseer(self, ronde_id: int) -> int:
        """Remove the personal data of the round and keep what scores; returns the people renamed.

        Names become "Deelnemer 1..n" (in the order they joined); function, address and notes go;
        tokens become random values nobody holds; names inside the remaining texts (goal titles,
        actions, the round's description) become the person's role; every ``*_door`` field becomes
        the role of who decided. Answers, ambitions, agreed levels and the stored key figures stay.
        """
        s = self._s
        personen = self.personen(ronde_id)
        self.vervang_in_logboek(ronde_id, personen)
        for p in personen:
            self.vervang_namen(ronde_id, [p.naam, *([p.email] if p.email else [])], rol_van(p.rol))
        s.execute(update(AntwoordRij).where(AntwoordRij.ronde_id == ronde_id).values(toelichting=None))
        s.execute(update(AmbitieRij).where(AmbitieRij.ronde_id == ronde_id).values(toelichting=None))
        s.execute(delete(NotitieRij).where(NotitieRij.ronde_id == ronde_id))
        # Only facilitators record agreed levels, ambitions, goals and the compliance check.
        for klasse, wijziging in (
            (ConsensusRij, {"toelichting": None, "vastgesteld_door": ROL_FACILITATOR}),
            (VastgesteldeAmbitieRij, {"toelichting": None, "gewijzigd_door": ROL_FACILITATOR}),
            (
                DoelRij,
                {"eigenaar": None, "draagvlak": None, "notities": None, "gewijzigd_door": ROL_FACILITATOR},
            ),
            (NalevingRij, {"notitie": None, "gewijzigd_door": ROL_FACILITATOR}),
        ):
            for rij in s.scalars(select(klasse).where(klasse.ronde_id == ronde_id)):
                for kolom, waarde in wijziging.items():
                    if kolom.endswith("_door") and getattr(rij, kolom) in (None, ROL_DEELNEMER):
                        continue
                    setattr(rij, kolom, waarde)
        # Two steps: a participant already called "Deelnemer 2" must not collide with the new names.
        rijen = {r.id: r for r in s.scalars(select(DeelnemerRij).where(DeelnemerRij.ronde_id == ronde_id))}
        for r in rijen.values():
            r.naam_sleutel = f"~{r.id}"
        s.flush()
        for nummer, p in enumerate(personen, start=1):
            rij = rijen[p.id]
            rij.naam = pseudoniem(nummer)
            rij.naam_sleutel = sleutel(rij.naam)
            rij.functie = None
            rij.email = None
            rij.token = _onbruikbaar_token()
        ronde = s.get_one(RondeRij, ronde_id)
        ronde.presentatie_token = None
        ronde.persoonsgegevens_gewist_op = nu()
        s.flush()
        return len(personen)

    # --- deleting a round ---

    def verwijder_ronde(self, ronde_id: int) -> int:
        """Delete the round with everything of it; returns how many people it had.

        The audit trail's lines of the round stay (``logboek`` has no foreign key), with every person
        in them replaced by their role first."""
        personen = self.personen(ronde_id)
        self.vervang_in_logboek(ronde_id, personen)
        self._s.execute(delete(RondeRij).where(RondeRij.id == ronde_id))
        self._s.flush()
        return len(personen)
