"""The refusals the application shows on screen, shared by services and the access rules.

Layer: application (``scan/``). Kept apart so that ``scan.toegang`` and ``scan.services`` can
both raise them without importing each other.
"""


class InvoerFout(ValueError):
    """Input the app refuses, with a Dutch message fit for the screen."""


class OnbekendeCode(InvoerFout):
    """A join code that names no round: a typo, or a guess (the page slows repeated ones down)."""


class GeenToegang(InvoerFout):
    """A refusal for lack of a role, with a Dutch message that names the gemeente and the role."""


class Conflict(Exception):
    """Someone else changed shared data since the page showed it; nothing was written.

    ``huidig`` is what is stored now (``None``: it no longer exists), so a page can show the
    user's version beside the stored one and let them choose (issue 13, case 6). Raised by a
    write that compared the version the user saw with the row's version inside its own
    transaction; the versioned ``UPDATE ... WHERE versie = :gezien`` makes that atomic.
    """

    def __init__(self, huidig: object | None) -> None:
        super().__init__("intussen gewijzigd door iemand anders")
        self.huidig = huidig


class DatabaseVervangen(InvoerFout):
    """The database file or database this process opened is gone or replaced: nothing is saved.

    An ``InvoerFout`` so that every page that shows a refused save shows this one too, instead of
    "Opgeslagen" for a write that went into a deleted file (issue 13, case 9).
    """

    def __init__(self) -> None:
        super().__init__(
            "De database van deze app is verdwenen of vervangen; er wordt niets meer opgeslagen. "
            "Waarschuw de facilitator: de beheerder moet de database terugzetten en de app opnieuw starten."
        )


class OpslagFout(Exception):
    """The database could not do the work (unreachable, full, a broken connection); nothing was
    written. Raised by ``scan.db`` in place of SQLAlchemy's errors, so that services and pages
    never need to know SQLAlchemy to show a calm message."""


class Botsing(OpslagFout):
    """A concurrent write got there first: a unique key or a row version no longer matched.

    Services catch it and answer with a ``Conflict`` or a Dutch message; it never means lost data,
    because the whole unit of work was rolled back."""


# --- doelen ---
from typing import Any  # noqa: E402  (kept in this block: the file is shared)


class DoelConflict(Conflict):
    """Someone changed this goal since the page was shown; ``huidig`` is what is stored now (a
    ``scan.leesmodellen.DoelInfo``, not imported: this module sits below the read models), ``None``
    when it was deleted."""

    huidig: Any

    def __init__(self, huidig: object | None) -> None:
        super().__init__(huidig)


class NietSmart(InvoerFout):
    """A goal that is not SMART cannot be accepted. The message names every failing letter;
    ``ontbrekend`` holds them as (letter, name, reason), so a form can show them by its fields."""

    def __init__(self, melding: str, ontbrekend: tuple[tuple[str, str, str], ...]) -> None:
        super().__init__(melding)
        self.ontbrekend = ontbrekend


# --- workshop area ---
# ``huidig`` is a read model of scan.leesmodellen, not imported: this module sits below the read models.


class ConsensusConflict(Conflict):
    """Someone else set this consensus since the page was shown; ``huidig`` is what is stored now
    (a ``scan.leesmodellen.ConsensusInfo``; ``None``: cleared)."""

    huidig: Any

    def __init__(self, huidig: object | None) -> None:
        super().__init__(huidig)


class AmbitieConflict(Conflict):
    """Another facilitator set or cleared this agreed ambition since the page was shown; ``huidig``
    is what is stored now (a ``scan.leesmodellen.VastgesteldeAmbitie``; ``None``: cleared)."""

    huidig: Any

    def __init__(self, huidig: object | None) -> None:
        super().__init__(huidig)


class DeelnemerConflict(Conflict):
    """Another facilitator renamed or removed this participant since the page was shown; ``huidig``
    is what is stored now (a ``scan.leesmodellen.DeelnemerStand``; ``None``: removed)."""

    huidig: Any

    def __init__(self, huidig: object | None) -> None:
        super().__init__(huidig)


# --- issue 15: nalevingscheck ---


class NalevingConflict(Conflict):
    """Another facilitator recorded or cleared the answer to compliance item ``item`` since the
    page was shown; ``huidig`` is what is stored now (a ``scan.leesmodellen.NalevingInfo``;
    ``None``: cleared). Nothing of the submitted check was written."""

    huidig: Any

    def __init__(self, item: str, huidig: object | None) -> None:
        super().__init__(huidig)
        self.item = item


class SchemaOnbekend(OpslagFout):
    """The database's schema is newer than this code and not compatible with it (a later version
    removed or changed something this version uses); nothing is read or written. The message is
    one Dutch line for an operator (``scan.db.migraties.SchemaToestand.regel``)."""


class MigratieMislukt(OpslagFout):
    """A migration step failed; its transaction was rolled back, so the schema is as it was."""
