"""The vulnerability audit of the lock files (dev.py ``audit``): the rules of the exception file,
and what a finding, an exception and an unreachable service do to the build.

pip-audit itself is not run here (it needs the network); ``audit`` gets its reports handed in.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import dev

VANDAAG = dt.date(2026, 12, 7)


def _rapport(*deps: dict[str, Any]) -> dict[str, Any]:
    return {"dependencies": list(deps), "fixes": []}


JINJA_LEK = {
    "name": "jinja2",
    "version": "3.1.2",
    "vulns": [{"id": "GHSA-h5c8-rqwp-cp95", "fix_versions": ["3.1.3"], "aliases": ["CVE-2024-22195"]}],
}
SCHOON = {"name": "pyyaml", "version": "6.0.3", "vulns": []}


def _uitzondering(**velden: str) -> str:
    return "[[uitzondering]]\n" + "".join(f"{k} = {v}\n" for k, v in velden.items())


GELDIG = {"id": '"GHSA-h5c8-rqwp-cp95"', "reden": '"Alleen de sandbox, die we niet gebruiken."', "tot": "2027-03-31"}


# --- the exception file ------------------------------------------------------------------------


def test_exceptions__a_complete_entry__is_read() -> None:
    lijst, problemen = dev.lees_uitzonderingen(_uitzondering(**GELDIG, pakket='"jinja2"'), VANDAAG)
    assert problemen == []
    assert lijst == [
        dev.Uitzondering(
            id="GHSA-h5c8-rqwp-cp95",
            reden="Alleen de sandbox, die we niet gebruiken.",
            tot=dt.date(2027, 3, 31),
            pakket="jinja2",
        )
    ]


def test_exceptions__the_shipped_file__is_valid() -> None:
    _, problemen = dev.lees_uitzonderingen(dev.UITZONDERINGEN.read_text(encoding="utf-8"), dt.date.today())
    assert problemen == []


@pytest.mark.parametrize(
    ("weg", "vervang", "melding"),
    [
        ("reden", None, "'reden' ontbreekt"),
        (None, {"reden": '"   "'}, "'reden' ontbreekt"),
        ("tot", None, "'tot' ontbreekt of is geen datum"),
        (None, {"tot": '"2027-03-31"'}, "'tot' ontbreekt of is geen datum"),
        (None, {"tot": "2027-03-31T10:00:00"}, "'tot' ontbreekt of is geen datum"),
        (None, {"tot": "2026-12-06"}, "verlopen op 06-12-2026"),
        (None, {"tot": "2028-01-01"}, "meer dan een jaar vooruit"),
        ("id", None, "'id' ontbreekt"),
        (None, {"ernst": '"laag"'}, "onbekend veld ernst"),
    ],
)
def test_exceptions__an_incomplete_or_expired_entry__is_a_problem_that_names_it(
    weg: str | None, vervang: dict[str, str] | None, melding: str
) -> None:
    velden = {k: v for k, v in GELDIG.items() if k != weg} | (vervang or {})
    lijst, problemen = dev.lees_uitzonderingen(_uitzondering(**velden), VANDAAG)
    assert lijst == []
    assert len(problemen) == 1
    assert melding in problemen[0]
    assert "uitzondering 1" in problemen[0]


def test_exceptions__the_last_day__still_counts() -> None:
    lijst, problemen = dev.lees_uitzonderingen(_uitzondering(**(GELDIG | {"tot": "2026-12-07"})), VANDAAG)
    assert problemen == [] and len(lijst) == 1


def test_exceptions__the_same_id_twice_or_bad_toml__is_a_problem() -> None:
    _, dubbel = dev.lees_uitzonderingen(_uitzondering(**GELDIG) + _uitzondering(**GELDIG), VANDAAG)
    assert any("al eerder" in p for p in dubbel)
    _, kapot = dev.lees_uitzonderingen("[[uitzondering]\nid = 1", VANDAAG)
    assert kapot and "geen geldige TOML" in kapot[0]
    _, vreemd = dev.lees_uitzonderingen('negeer = ["GHSA-1"]', VANDAAG)
    assert any("onbekende sleutel(s) negeer" in p for p in vreemd)


def test_exceptions__an_empty_file__has_none_and_no_problem() -> None:
    assert dev.lees_uitzonderingen("# niets\n", VANDAAG) == ([], [])


# --- findings and the build --------------------------------------------------------------------


def _audit(tmp_path: Path, uitzonderingen: str, rapporten: dict[str, dict[str, Any] | None]) -> int:
    bestand = tmp_path / "uitzonderingen.toml"
    bestand.write_text(uitzonderingen, encoding="utf-8")
    return dev.audit(
        vraag=lambda lock: (rapporten[lock], "" if rapporten[lock] else "Could not resolve host: pypi.org"),
        vandaag=VANDAAG,
        uitzonderingen=bestand,
    )


def test_audit__a_finding_without_exception__fails_and_says_how_to_go_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _audit(tmp_path, "", {"requirements.lock": _rapport(JINJA_LEK, SCHOON), "requirements-dev.lock": _rapport()})
    assert code == 1
    fout = capsys.readouterr().err
    assert "jinja2 3.1.2 in requirements.lock: GHSA-h5c8-rqwp-cp95 (ook: CVE-2024-22195); opgelost in 3.1.3" in fout
    assert "Kwetsbaarheden in afhankelijkheden" in fout


@pytest.mark.parametrize("vuln_id", ["GHSA-h5c8-rqwp-cp95", "CVE-2024-22195", "cve-2024-22195"])
def test_audit__a_finding_with_a_valid_exception__passes_and_is_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], vuln_id: str
) -> None:
    uitz = _uitzondering(**(GELDIG | {"id": f'"{vuln_id}"'}))
    code = _audit(
        tmp_path, uitz, {"requirements.lock": _rapport(JINJA_LEK), "requirements-dev.lock": _rapport(JINJA_LEK)}
    )
    assert code == 0
    assert (
        "Uitzondering: jinja2 3.1.2 GHSA-h5c8-rqwp-cp95 (requirements.lock), tot 31-03-2027" in capsys.readouterr().out
    )


def test_audit__an_exception_for_another_package__does_not_cover_the_finding(tmp_path: Path) -> None:
    uitz = _uitzondering(**GELDIG, pakket='"markupsafe"')
    assert _audit(tmp_path, uitz, {"requirements.lock": _rapport(JINJA_LEK), "requirements-dev.lock": _rapport()}) == 1


def test_audit__an_expired_exception__fails_even_without_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    uitz = _uitzondering(**(GELDIG | {"tot": "2026-11-30"}))
    assert _audit(tmp_path, uitz, {"requirements.lock": _rapport(SCHOON), "requirements-dev.lock": _rapport()}) == 1
    assert "verlopen op 30-11-2026" in capsys.readouterr().err


def test_audit__an_unreachable_service__warns_in_dutch_and_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _audit(tmp_path, "", {"requirements.lock": None, "requirements-dev.lock": None}) == 0
    fout = capsys.readouterr().err
    assert "requirements.lock: de kwetsbaarhedendienst was niet bereikbaar (Could not resolve host: pypi.org)" in fout
    assert "de tests gaan door" in fout


def test_audit__a_service_that_knows_no_package__is_a_warning_not_an_all_clear(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # What a PyPI mirror without the per-version JSON gives: every package skipped, exit code 0.
    niets = _rapport(
        {"name": "alembic", "skip_reason": "Dependency not found on PyPI and could not be audited: alembic (1.20.1)"}
    )
    assert _audit(tmp_path, "", {"requirements.lock": niets, "requirements-dev.lock": niets}) == 0
    uit = capsys.readouterr()
    assert "gaf over geen van de 1 pakketten gegevens" in uit.err
    assert "geen open bevindingen" not in uit.out


def test_audit__a_finding_fails_even_when_the_other_lock_could_not_be_checked(tmp_path: Path) -> None:
    assert _audit(tmp_path, "", {"requirements.lock": None, "requirements-dev.lock": _rapport(JINJA_LEK)}) == 1


def test_audit__all_clear__says_how_many_were_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _audit(tmp_path, "", {"requirements.lock": _rapport(SCHOON), "requirements-dev.lock": _rapport(SCHOON)}) == 0
    assert "2 vastgezette pakketten gecontroleerd, geen open bevindingen" in capsys.readouterr().out


def test_audit__the_test_command_runs_it_after_the_checks_and_stops_on_a_finding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Part of `python3 dev.py test` (and so of CI), not of the quick loop.
    gedaan: list[str] = []
    monkeypatch.setattr(dev, "_ensure_env", lambda lock: None)
    monkeypatch.setattr(dev, "_run", lambda cmd: gedaan.append(cmd[2]) or 0)
    monkeypatch.setattr(dev, "audit", lambda: gedaan.append("audit") or 1)
    assert dev.test([]) == 1
    assert gedaan == ["ruff", "ruff", "mypy", "scan", "audit"]
    gedaan.clear()
    assert dev.test(["--snel"]) == 0
    assert gedaan == ["pytest"]
    assert "pip-audit==" in (dev.ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
