"""The ORM tables: one class per table, the one place their columns are declared.

Layer: ``scan/db`` (the only SQLAlchemy code). Alembic owns the schema (``scan/db/migrations``);
a change here needs a migration.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from scoring.samen import DISCIPLINES, MODI, ZEKERHEDEN
from scoring.tijd import nu
from scoring.uitwissel import ANTWOORDEN, NALEVING_STATUSSEN


def _in(kolom: str, waarden: tuple[str, ...]) -> str:
    return "{} IN ({})".format(kolom, ", ".join(f"'{w}'" for w in waarden))


class UtcDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes on both databases (SQLite hands back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    # Named constraints so that Alembic's batch mode can alter them on SQLite.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class GemeenteRij(Base):
    """Reference data: the CBS list of municipalities (scan/data/gemeenten.csv, CC BY 4.0)."""

    __tablename__ = "gemeenten"
    gm_code: Mapped[str] = mapped_column(String(6), primary_key=True)
    naam: Mapped[str] = mapped_column(String(120))
    provincie: Mapped[str] = mapped_column(String(40))
    inwoners: Mapped[int] = mapped_column(Integer)
    peiljaar: Mapped[int] = mapped_column(SmallInteger)
    grootteklasse: Mapped[str] = mapped_column(String(20))


class RondeRij(Base):
    __tablename__ = "scanrondes"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'afgerond')", name="status"),
        CheckConstraint(_in("modus", MODI), name="modus"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    gm_code: Mapped[str] = mapped_column(ForeignKey("gemeenten.gm_code"), index=True)
    datum: Mapped[dt.date] = mapped_column(Date)
    omschrijving: Mapped[str | None] = mapped_column(Text)
    vragenlijst_id: Mapped[str] = mapped_column(String(80))
    vragenlijst_versie: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10), default="open")
    fictief: Mapped[bool] = mapped_column(default=False)
    # The round's id in the exchange format when it came from an import, so that exporting it
    # again gives back the same file; rounds started here are named by their database id.
    extern_id: Mapped[str | None] = mapped_column(String(80))
    aangemaakt_op: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=nu)
    afgerond_op: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    # The read-only presenter link of the projector (``?scherm=...``): it shows the room's state
    # and carries no right to change anything, so a photographed screen gives nothing away.
    presentatie_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Issue 16: how the session runs (``scoring.samen.MODI``) and whether the facilitator's view
    # may show names beside answers (never the projector); rounds from before run "eigen_tempo".
    modus: Mapped[str] = mapped_column(String(12), server_default=text("'eigen_tempo'"))
    op_naam: Mapped[bool] = mapped_column(server_default=text("false"))
    # Issue 18: when the personal data of this round was removed under the retention period
    # (names, functions, notes, tokens); the anonymous answers and key figures stay.
    persoonsgegevens_gewist_op: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)


class DeelnemerRij(Base):
    __tablename__ = "deelnemers"
    __table_args__ = (
        UniqueConstraint("ronde_id", "naam_sleutel"),
        CheckConstraint("rol IN ('facilitator', 'deelnemer')", name="rol"),
        CheckConstraint("discipline IS NULL OR " + _in("discipline", DISCIPLINES), name="discipline"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ronde_id: Mapped[int] = mapped_column(ForeignKey("scanrondes.id", ondelete="CASCADE"), index=True)
    naam: Mapped[str] = mapped_column(String(120))
    # Casefolded, whitespace-collapsed name: "Anna  de Vries" and "anna de vries" are one person.
    naam_sleutel: Mapped[str] = mapped_column(String(120))
    rol: Mapped[str] = mapped_column(String(12))
    functie: Mapped[str | None] = mapped_column(String(120))
    # The discipline chosen when joining (``scoring.samen.DISCIPLINES``); NULL: read from ``functie``.
    discipline: Mapped[str | None] = mapped_column(String(20))
    token: Mapped[str] = mapped_column(String(64), unique=True)
    # The participant's id in an imported exchange file (see RondeRij.extern_id).
    extern_id: Mapped[str | None] = mapped_column(String(80))
    # The signed-in account that opened the round as this facilitator, so opening it again
    # finds the same participant (and their answers) instead of adding a new one.
    email: Mapped[str | None] = mapped_column(String(254))
    aangemaakt_op: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=nu)
    # A rename or removal is saved against the version the facilitator saw (issue 13, case 6).
    versie: Mapped[int] = mapped_column(Integer, server_default=text("1"))
    __mapper_args__ = {"version_id_col": versie}  # noqa: RUF012


class AntwoordRij(Base):
    __tablename__ = "antwoorden"
    __table_args__ = (
        UniqueConstraint("deelnemer_id", "stelling"),
        CheckConstraint("antwoord IN ({})".format(", ".join(f"'{a}'" for a in ANTWOORDEN)), name="antwoord"),
        CheckConstraint("zekerheid IS NULL OR " + _in("zekerheid", ZEKERHEDEN), name="zekerheid"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ronde_id: Mapped[int] = mapped_column(ForeignKey("scanrondes.id", ondelete="CASCADE"), index=True)
    deelnemer_id: Mapped[int] = mapped_column(ForeignKey("deelnemers.id", ondelete="CASCADE"))
    stelling: Mapped[str] = mapped_column(String(80))
    # How sure the participant is (``scoring.samen.ZEKERHEDEN``), optional (issue 16).
    zekerheid: Mapped[str | None] = mapped_column(String(8))
    # NULL while a participant has only written a toelichting and not chosen yet.
    antwoord: Mapped[str | None] = mapped_column(String(10))
    toelichting: Mapped[str | None] = mapped_column(Text)
    gewijzigd_op: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=nu)


class AmbitieRij(Base):
    __tablename__ = "ambities"
    __table_args__ = (
        UniqueConstraint("deelnemer_id", "bouwsteen"),
        CheckConstraint("niveau BETWEEN 1 AND 5", name="niveau"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ronde_id: Mapped[int] = mapped_column(ForeignKey("scanrondes.id", ondelete="CASCADE"), index=True)
    deelnemer_id: Mapped[int] = mapped_column(ForeignKey("deelnemers.id", ondelete="CASCADE"))
    bouwsteen: Mapped[str] = mapped_column(String(80))
    niveau: Mapped[int] = mapped_column(SmallInteger)
    toelichting: Mapped[str | None] = mapped_column(Text)
    gewijzigd_op: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=nu)


class VastgesteldeAmbitieRij(Base):
    """The ambition the werkgroep agreed for a bouwsteen; it outweighs the personal ones."""

    __tablename__ = "vastgestelde_ambities"
    __table_args__ = (
        UniqueConstraint("ronde_id", "bouwsteen"),
        CheckConstraint("niveau BETWEEN 1 AND 5", name="niveau"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ronde_id: Mapped[int] = mapped_column(ForeignKey("scanrondes.id", ondelete="CASCADE"), index=True)
    bouwsteen: Mapped[str] = mapped_column(String(80))
    niveau: Mapped[int] = mapped_column(SmallInteger)
    toelichting: Mapped[str | None] = mapped_column(Text)
    gewijzigd_door: Mapped[str | None] = mapped_column(String(120))
    gewijzigd_op: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=nu)
    # Saved against the version the facilitator saw, as consensus and goals (issue 13, case 6).
    versie: Mapped[int] = mapped_column(Integer, server_default=text("1"))
    __mapper_args__ = {"version_id_col": versie}  # noqa: RUF012


class NotitieRij(Base):
    """A free note of the round (on a bouwsteen or on the whole scan), kept in order."""

    __tablename__ = "notities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ronde_id: Mapped[int] = mapped_column(ForeignKey("scanrondes.id", ondelete="CASCADE"), index=True)
    bouwsteen: Mapped[str | None] = mapped_column(String(80))
    tekst: Mapped[str] = mapped_column(Text)
    aangemaakt_op: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=nu)


class ConsensusRij(Base):
    """The level a werkgroep agreed on for a stelling; ``versie`` guards against lost updates."""

    __tablename__ = "consensus"
    __table_args__ = (
        UniqueConstraint("ronde_id", "stelling"),
        CheckConstraint("niveau BETWEEN 1 AND 5", name="niveau"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ronde_id: Mapped[int] = mapped_column(ForeignKey("scanrondes.id", ondelete="CASCADE"), index=True)
    stelling: Mapped[str] = mapped_column(String(80))
    niveau: Mapped[int] = mapped_column(SmallInteger)
    toelichting: Mapped[str | None] = mapped_column(Text)
    vastgesteld_door: Mapped[str | None] = mapped_column(String(120))
    vastgesteld_op: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=nu)
    versie: Mapped[int] = mapped_column(Integer)
    __mapper_args__ = {"version_id_col": versie}  # noqa: RUF012


class DoelRij(Base):
    """An improvement goal of a round: accepted (possibly edited) or rejected, with its PDCA state."""

    __tablename__ = "doelen"
    __table_args__ = (
        UniqueConstraint("ronde_id", "sleutel"),
        CheckConstraint("status IN ('plan', 'do', 'check', 'act')", name="status"),
        CheckConstraint("besluit IN ('voorgesteld', 'geaccepteerd', 'afgewezen')", name="besluit"),
        CheckConstraint("richting IS NULL OR richting IN ('hoger', 'lager')", name="richting"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ronde_id: Mapped[int] = mapped_column(ForeignKey("scanrondes.id", ondelete="CASCADE"), index=True)
    # The template id for a suggestion, "eigen_<n>" for a goal written from scratch.
    sleutel: Mapped[str] = mapped_column(String(80))
    besluit: Mapped[str] = mapped_column(String(12))
    bouwsteen: Mapped[str] = mapped_column(String(80))
    titel: Mapped[str] = mapped_column(String(120))
    actie: Mapped[str] = mapped_column(Text)
    indicator: Mapped[str | None] = mapped_column(Text)
    eenheid: Mapped[str | None] = mapped_column(String(40))
    nulmeting: Mapped[float | None]
    # An indicator never measured yet: the plan "nulmeting volgt, uiterlijk <datum>" instead of a number.
    nulmeting_uiterlijk: Mapped[dt.date | None] = mapped_column(Date)
    streefwaarde: Mapped[float | None]
    bron: Mapped[str | None] = mapped_column(Text)
    eigenaar: Mapped[str | None] = mapped_column(Text)
    draagvlak: Mapped[str | None] = mapped_column(Text)
    richting: Mapped[str | None] = mapped_column(String(8))
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(6), default="plan")
    sjabloon: Mapped[str | None] = mapped_column(String(80))
    notities: Mapped[str | None] = mapped_column(Text)
    gewijzigd_door: Mapped[str | None] = mapped_column(String(120))
    gewijzigd_op: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=nu)
    versie: Mapped[int] = mapped_column(Integer)
    __mapper_args__ = {"version_id_col": versie}  # noqa: RUF012


class BespreekpuntRij(Base):
    """The facilitator's agenda mark on a bespreekpunt: parked or put off till later."""

    __tablename__ = "bespreekpunten"
    __table_args__ = (
        UniqueConstraint("ronde_id", "stelling"),
        CheckConstraint("status IN ('geparkeerd', 'later')", name="status"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ronde_id: Mapped[int] = mapped_column(ForeignKey("scanrondes.id", ondelete="CASCADE"), index=True)
    stelling: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(12))
    gewijzigd_op: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=nu)


class InstellingRij(Base):
    """Installation settings kept in the database, such as the hash of the beheer link's secret.

    In the database rather than a file so that every app process behind a load balancer, and
    the command line, see the same value.
    """

    __tablename__ = "instellingen"
    sleutel: Mapped[str] = mapped_column(String(40), primary_key=True)
    waarde: Mapped[str] = mapped_column(Text)
    gewijzigd_op: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=nu)


class RolRij(Base):
    """A person's role in one gemeente, granted to the e-mail address their sign-in reports.

    Keyed by address rather than by an account row, so a beheerder can grant access before the
    person ever signed in. Installation-wide beheerders come from configuration, not from here.
    """

    __tablename__ = "rollen"
    __table_args__ = (
        UniqueConstraint("email", "gm_code", "rol"),
        CheckConstraint("rol IN ('facilitator', 'adviseur', 'beheerder')", name="rol"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    gm_code: Mapped[str] = mapped_column(ForeignKey("gemeenten.gm_code"), index=True)
    rol: Mapped[str] = mapped_column(String(12))
    toegekend_door: Mapped[str | None] = mapped_column(String(254))
    toegekend_op: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=nu)


class BenchmarkDeelnameRij(Base):
    """A gemeente that takes part in the anonymous benchmark (a row exists while it does)."""

    __tablename__ = "benchmark_deelnames"
    gm_code: Mapped[str] = mapped_column(ForeignKey("gemeenten.gm_code"), primary_key=True)
    door: Mapped[str | None] = mapped_column(String(254))
    sinds: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=nu)


class RondeScoreRij(Base):
    """The key figures of a closed round (``scoring.vergelijking.Kerncijfers`` as JSON).

    A closed round's answers cannot change, so its scores are computed once, at closing, and a
    benchmark over hundreds of rounds reads these instead of re-scoring every answer.
    """

    __tablename__ = "ronde_scores"
    ronde_id: Mapped[int] = mapped_column(ForeignKey("scanrondes.id", ondelete="CASCADE"), primary_key=True)
    vragenlijst_versie: Mapped[str] = mapped_column(String(20))
    totaal: Mapped[float | None]
    kerncijfers: Mapped[str] = mapped_column(Text)
    berekend_op: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=nu)


# --- issue 15: nalevingscheck ---


class NalevingRij(Base):
    """The werkgroep's answer to one legal duty of the compliance check (issue 15, point 5): one
    per item per round, recorded by the facilitator; never a level, never in a score."""

    __tablename__ = "naleving"
    __table_args__ = (
        UniqueConstraint("ronde_id", "item"),
        CheckConstraint("status IN ({})".format(", ".join(f"'{s}'" for s in NALEVING_STATUSSEN)), name="status"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ronde_id: Mapped[int] = mapped_column(ForeignKey("scanrondes.id", ondelete="CASCADE"), index=True)
    item: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(10))
    notitie: Mapped[str | None] = mapped_column(Text)
    gewijzigd_door: Mapped[str | None] = mapped_column(String(120))
    gewijzigd_op: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=nu)
    # Saved against the version the facilitator saw, as consensus and agreed ambitions.
    versie: Mapped[int] = mapped_column(Integer, server_default=text("1"))
    __mapper_args__ = {"version_id_col": versie}  # noqa: RUF012


# --- issue 16: a facilitated session (Samen) ---


class StapRij(Base):
    """A part of a *Samen* session: the bouwsteen or stelling the facilitator opened for the room,
    a first vote or a re-vote, and when it was revealed. The round's latest row is the part the
    room works on now; the rows together are the session's log (exported with the round)."""

    __tablename__ = "samen_stappen"
    __table_args__ = (
        UniqueConstraint("ronde_id", "volgnummer"),
        CheckConstraint("(bouwsteen IS NULL) <> (stelling IS NULL)", name="deel"),
        CheckConstraint("NOT herstemming OR stelling IS NOT NULL", name="herstemming"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ronde_id: Mapped[int] = mapped_column(ForeignKey("scanrondes.id", ondelete="CASCADE"), index=True)
    volgnummer: Mapped[int] = mapped_column(Integer)
    bouwsteen: Mapped[str | None] = mapped_column(String(80))
    stelling: Mapped[str | None] = mapped_column(String(80))
    herstemming: Mapped[bool] = mapped_column(default=False)
    geopend_op: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=nu)
    onthuld_op: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    timer_vanaf: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)


class HerstemmingRij(Base):
    """A participant's second vote on a stelling after the discussion; the first vote
    (``antwoorden``) is never overwritten by it."""

    __tablename__ = "herstemmingen"
    __table_args__ = (
        UniqueConstraint("deelnemer_id", "stelling"),
        CheckConstraint(_in("antwoord", ANTWOORDEN), name="antwoord"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ronde_id: Mapped[int] = mapped_column(ForeignKey("scanrondes.id", ondelete="CASCADE"), index=True)
    deelnemer_id: Mapped[int] = mapped_column(ForeignKey("deelnemers.id", ondelete="CASCADE"))
    stelling: Mapped[str] = mapped_column(String(80))
    antwoord: Mapped[str] = mapped_column(String(10))
    gewijzigd_op: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=nu)


# --- issue 18: personal data under control ---


class GebeurtenisRij(Base):
    """One decision in the audit trail (issue 18, item 7): who, when, what, before and after.

    Append-only: rows are added, never changed or deleted, with one exception the AVG demands:
    erasing a person replaces their name where it stands as the actor (``wie``) by their role.
    ``ronde_id`` and ``gm_code`` are plain values, not foreign keys, so that the record of a
    deleted round outlives the round. ``voor`` and ``na`` are JSON and never hold a
    participant's name, note text or token (an erasure records only that it happened).
    """

    __tablename__ = "logboek"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    moment: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=nu, index=True)
    gm_code: Mapped[str | None] = mapped_column(String(6), index=True)
    ronde_id: Mapped[int | None] = mapped_column(Integer, index=True)
    # Who decided: a signed-in address, a facilitator's name in the workshop, "Deze computer"
    # (single-machine beheerder) or "opdrachtregel" (CLI). ``wie_deelnemer_id`` names the
    # participant row behind a workshop name, so erasing that participant finds it here.
    wie: Mapped[str] = mapped_column(String(254))
    wie_deelnemer_id: Mapped[int | None] = mapped_column(Integer, index=True)
    handeling: Mapped[str] = mapped_column(String(40))
    onderwerp: Mapped[str | None] = mapped_column(String(254))
    voor: Mapped[str | None] = mapped_column(Text)
    na: Mapped[str | None] = mapped_column(Text)


class IdentiteitRij(Base):
    """The signed-in subject an address is bound to (issue 18, item 6).

    A role is granted to an address; the first verified sign-in that claims the address binds it
    to that provider's issuer and subject (for Entra ID: tenant and object id). Afterwards only
    that issuer and subject get the address's roles, so another account that asserts the same
    address (another tenant's administrator, a renamed account) gets nothing.
    """

    __tablename__ = "identiteiten"
    email: Mapped[str] = mapped_column(String(254), primary_key=True)
    issuer: Mapped[str] = mapped_column(String(300))
    subject: Mapped[str] = mapped_column(String(300))
    gebonden_op: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=nu)
    laatst_gezien_op: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=nu)
