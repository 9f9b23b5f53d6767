"""The refusals the application shows on screen, shared by services and the access rules.

Layer: application (``scan/``). Kept apart so that ``scan.toegang`` and ``scan.services`` can
both raise them without importing each other.
"""


class InvoerFout(ValueError):
    """Input the app refuses, with a Dutch message fit for the screen."""


class GeenToegang(InvoerFout):
    """A refusal for lack of a role, with a Dutch message that names the gemeente and the role."""
