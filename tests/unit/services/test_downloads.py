"""Who may take which download (tests/nep.py, no database); the bytes themselves are built on
both databases in tests/app/test_downloads_import.py and tests/integration/test_vol.py."""

from __future__ import annotations

import datetime as dt

import pytest

from scan.fouten import GeenToegang
from scan.leesmodellen import DeelnemerInfo, Sessie
from scan.services import downloads
from scoring.models import Vragenlijst
from tests.nep import NepDatabase, voorbeeld_ronde

RONDE = voorbeeld_ronde(gm_code="GM1900", gemeente="Súdwest-Fryslân", datum=dt.date(2026, 11, 22))


def _sessie(rol: str) -> Sessie:
    return Sessie(ronde=RONDE, deelnemer=DeelnemerInfo(id=1, naam="Anna", rol=rol, functie=None, token="t"))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("rol", "rapporten", "gegevens"),
    [
        ("deelnemer", ["handout", "volledig", "html"], []),
        ("facilitator", ["handout", "volledig", "html"], ["xlsx", "csv", "json"]),
    ],
)
def test_reports_for_everyone__files_with_names_for_facilitators_only(
    rol: str, rapporten: list[str], gegevens: list[str]
) -> None:
    pdf, data = downloads.voor(_sessie(rol))
    assert ([d.soort for d in pdf], [d.soort for d in data]) == (rapporten, gegevens)


@pytest.mark.parametrize("soort", ["xlsx", "csv", "json", "docx"])
def test_a_participant_asking_for_a_file_with_names__is_refused_before_anything_is_read(
    vragenlijst: Vragenlijst, soort: str
) -> None:
    db = NepDatabase()
    with pytest.raises(GeenToegang, match="alleen de facilitator"):
        downloads.bestand(db, vragenlijst, _sessie("deelnemer"), soort)  # type: ignore[arg-type]
    assert db.units == 0


@pytest.mark.parametrize(
    ("gemeente", "naam"),
    [
        ("Súdwest-Fryslân", "zelfscan-sudwest-fryslan-2026-11-22-samenvatting.pdf"),
        ("'s-Hertogenbosch", "zelfscan-s-hertogenbosch-2026-11-22-samenvatting.pdf"),
        ("Δήμος", "zelfscan-gm1900-2026-11-22-samenvatting.pdf"),
    ],
)
def test_file_name__safe_on_every_system_and_still_readable(gemeente: str, naam: str) -> None:
    sessie = _sessie("deelnemer").model_copy(update={"ronde": RONDE.model_copy(update={"gemeente": gemeente})})
    assert downloads.bestandsnaam(sessie, "samenvatting", "pdf") == naam
