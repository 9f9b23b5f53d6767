"""A whole round out of the database as an exchange-format ``Scan``, and a ``Scan`` into it.

Layer: ``scan/services`` (no Streamlit, no SQL). Every report and file export starts from ``exporteer``, so the
PDF, Excel, CSV and JSON all show the same data; ``importeer_als`` is the only way files enter the
database. An import is checked in full first (format, questionnaire version, gemeente, names,
who imports) and written in one transaction: a refused file writes nothing.

Export then import gives back an equal scan (``scoring.uitwissel.canoniek`` of both): the
round's and participants' ids from the file are kept, tokens and the join code are new.
Rejected goal suggestions stay behind: the exchange format holds the goals a werkgroep chose.
"""

from __future__ import annotations

from collections.abc import Sequence

from scan.db.rijschrijver import TeSchrijven
from scan.db.verbinding import Database
from scan.db.werk import Werk
from scan.fouten import InvoerFout, OpslagFout
from scan.gemeenten import vergelijkbare_naam
from scan.leesmodellen import Sessie
from scan.services.logboek import schrijf_gebruiker
from scan.services.regels import naam_en_sleutel, nieuw_token, nieuwe_code
from scan.services.toegang import Gebruiker, eis_start
from scoring import tijd
from scoring.engine import bereken_scan
from scoring.loader import VragenlijstFout
from scoring.models import Vragenlijst
from scoring.scantekst import schoon_scan
from scoring.uitwissel import Scan, canoniek, controleer_scan
from scoring.vergelijking import kerncijfers
from scoring.versies import laad_versie

IMPORT_FACILITATOR = "Beheer (import)"
"""Added as facilitator when an imported file has none, so someone can open the round."""


class ImportFout(InvoerFout):
    """A file that cannot be imported; ``problemen`` are Dutch lines naming what and where."""

    def __init__(self, problemen: Sequence[str]) -> None:
        self.problemen = list(problemen)
        super().__init__("\n".join(self.problemen))


def exporteer(db: Database, ronde_id: int) -> Scan:
    """Everything of one round, in the exchange format and canonical order."""
    with db.inzage() as werk:
        return exporteer_in(werk, ronde_id)


def exporteer_in(werk: Werk, ronde_id: int) -> Scan:
    """``exporteer`` inside a unit of work the caller holds."""
    scan = werk.rondelezer.scan(ronde_id)
    if scan is None:
        raise InvoerFout(f"Scanronde {ronde_id} bestaat niet (meer).")
    return canoniek(scan)


def eigen_versie(vragenlijst: Vragenlijst, scan: Scan) -> Vragenlijst:
    """The questionnaire version the file was filled in with, when this installation publishes it.

    Every published version stays loadable, so an exchange file of 1.0 imports as a 1.0 round
    after 2.0 became the default; a version this installation does not have falls back to
    ``vragenlijst``, and the checks then name both versions.
    """
    if scan.vragenlijst.id != vragenlijst.meta.id or scan.vragenlijst.versie == vragenlijst.versie:
        return vragenlijst
    try:
        return laad_versie(scan.vragenlijst.versie)
    except VragenlijstFout:
        return vragenlijst


def controleer_import(db: Database, vragenlijst: Vragenlijst, scan: Scan) -> list[str]:
    """Everything that would stop ``scan`` from being imported, in Dutch; empty when it fits.

    The one check of an import: the preview on the Start page shows exactly these lines, and
    ``importeer`` runs it again inside its use case before writing anything.
    """
    with db.inzage() as werk:
        return _problemen(werk, eigen_versie(vragenlijst, scan), scan)


def _problemen(werk: Werk, vragenlijst: Vragenlijst, scan: Scan) -> list[str]:
    problemen = controleer_scan(scan, vragenlijst)
    gemeente = werk.rondes.gemeente_naam(scan.gemeente.gm_code)
    if gemeente is None:
        problemen.append(
            f"gemeente: code {scan.gemeente.gm_code} ('{scan.gemeente.naam}') staat niet in de CBS-lijst van gemeenten"
        )
    elif not vergelijkbare_naam(gemeente, scan.gemeente.naam):
        problemen.append(
            f"gemeente: code {scan.gemeente.gm_code} is {gemeente}, maar het bestand noemt "
            f"'{scan.gemeente.naam}'; controleer of dit bestand bij de goede gemeente hoort"
        )
    # The screens' text rule, with the same limits, naming record and field (scoring.scantekst);
    # it also refuses U+0000, which PostgreSQL cannot store.
    problemen.extend(schoon_scan(scan)[1])
    sleutels: dict[str, str] = {}
    for i, d in enumerate(scan.deelnemers):
        try:
            _, sleutel = naam_en_sleutel(d.naam)
        except InvoerFout:
            continue  # reported by the text rule above
        if sleutel in sleutels:
            problemen.append(
                f"deelnemers[{i}]: '{d.naam}' en '{sleutels[sleutel]}' zijn dezelfde naam (spaties en hoofdletters tellen niet)"
            )
        sleutels[sleutel] = d.naam
    return problemen


def importeer_als(db: Database, vragenlijst: Vragenlijst, gebruiker: Gebruiker | None, scan: Scan) -> Sessie:
    """Store ``scan`` as a new round, for a person who may lead rounds of the file's gemeente
    (``toegang.eis_start``); returns the session of its (first) facilitator, who keeps the
    person's address.

    One unit of work: the checks of ``controleer_import`` run again on what it loaded, then the
    rows are written by the one row writer (``scan.db.rijschrijver``). Nothing is written when
    any check fails (``ImportFout`` lists every problem) or the person may not. The round keeps
    the file's questionnaire version (``eigen_versie``).
    """
    vragenlijst = eigen_versie(vragenlijst, scan)
    try:
        with db.werk() as werk:
            naam = werk.rondes.gemeente_naam(scan.gemeente.gm_code)
            if naam is not None:  # an unknown code is refused by the import's own checks, with the rest
                eis_start(gebruiker, scan.gemeente.gm_code, naam)
            problemen = _problemen(werk, vragenlijst, scan)
            if problemen:
                raise ImportFout(problemen)
            scan = canoniek(schoon_scan(scan)[0])
            moment = tijd.nu()
            (geschreven,) = werk.rijschrijver.schrijf(
                [
                    TeSchrijven(
                        scan=scan,
                        code=nieuwe_code(),
                        moment=moment,
                        # A closed round keeps its key figures beside it (see workshop.rond_af).
                        kerncijfers=kerncijfers(bereken_scan(vragenlijst, scan))
                        if scan.scanronde.status == "afgerond"
                        else None,
                        extra_facilitator=naam_en_sleutel(IMPORT_FACILITATOR)[0],
                        doelen_door=IMPORT_FACILITATOR,
                    )
                ],
                token=nieuw_token,
            )
            facilitator = next(d for d in geschreven.deelnemers.values() if d.rol == "facilitator")
            if gebruiker is not None and gebruiker.email:
                werk.deelnemers.zet_email(facilitator.id, gebruiker.email)
            # What came in, in figures: no names from the file enter the trail.
            schrijf_gebruiker(
                werk,
                "import",
                gebruiker,
                gm_code=scan.gemeente.gm_code,
                ronde_id=geschreven.ronde.id,
                na={
                    "status": scan.scanronde.status,
                    "datum": scan.scanronde.datum.isoformat(),
                    "vragenlijst": scan.vragenlijst.versie,
                    "deelnemers": len(scan.deelnemers),
                },
            )
    except OpslagFout:
        # The checks above cover what a valid file can contain; this is the last line of defence.
        raise ImportFout(["het bestand kon niet worden opgeslagen; er is niets geïmporteerd"]) from None
    return Sessie(ronde=geschreven.ronde, deelnemer=facilitator)
