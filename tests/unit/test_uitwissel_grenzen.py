"""Exchange files with hostile numbers, dates and structure: each refused with a located Dutch line
per problem, or read into a scan whose every value is in range (issue 13, case 7)."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scoring.models import Vragenlijst
from scoring.uitwissel import Scan, UitwisselFout, controleer_scan, lees_scan_bytes, schrijf_scan
from tests.vijandig import DATUMS, GETALLEN

DOEL = {"id": "doel1", "bouwsteen": "kanaalinzet", "titel": "Meer zelfservice", "actie": "Webformulieren verbeteren"}


@pytest.fixture(scope="module")
def basis(vragenlijst: Vragenlijst) -> dict[str, Any]:
    scan = maak_demo(vragenlijst, zoek_gemeente("Utrecht"), 3, dt.date(2026, 11, 20), seed=5)
    ruw = json.loads(schrijf_scan(scan))
    ruw["doelen"] = [DOEL | {"nulmeting": 40.0, "streefwaarde": 60.0, "deadline": "2027-06-30"}]
    ruw["consensus"] = [
        {"stelling": ruw["antwoorden"][0]["stelling"], "niveau": 3, "vastgesteld_op": "2026-11-20T10:00:00Z"}
    ]
    return ruw


GROOT = "@@4400 cijfers@@"
"""Stands for an integer of 4,400 digits, which neither ``json.dumps`` nor ``repr`` can write."""


def _json(waarde: object) -> str:
    """A value as JSON text, also a 4,400-digit integer (``GROOT``, or the catalogue's own)."""
    if waarde == GROOT or (isinstance(waarde, int) and not isinstance(waarde, bool) and waarde.bit_length() > 10_000):
        return "9" * 4_400
    return json.dumps(waarde).replace(
        json.dumps(GROOT), "9" * 4_400
    )  # NaN and Infinity become JSON's forbidden literals


def _bestand(ruw: dict[str, Any], pad: tuple[str | int, ...], waarde: object) -> bytes:
    """``ruw`` with ``waarde`` written literally at ``pad``."""
    kopie = json.loads(json.dumps(ruw))
    doel = kopie
    for stap in pad[:-1]:
        doel = doel[stap]
    doel[pad[-1]] = "@@WAARDE@@"
    return json.dumps(kopie).replace('"@@WAARDE@@"', _json(waarde)).encode()


def _lees(data: bytes) -> Scan | list[str]:
    try:
        return lees_scan_bytes(data, "scan.json")
    except UitwisselFout as fout:
        return fout.problemen


GETAL_VELDEN = [("doelen", 0, "nulmeting"), ("doelen", 0, "streefwaarde"), ("antwoorden", 1, "antwoord")]
GETAL_VELDEN += [("ambities", 0, "niveau"), ("consensus", 0, "niveau"), ("formaatversie",)]
PLEK = {
    "doelen": "doel 1 (titel 'Meer zelfservice', id 'doel1'), veld ",
    "antwoorden": "antwoord 2 (deelnemer 'd01', stelling '",
    "ambities": "ambitie 1 (bouwsteen '",
    "consensus": "consensus 1 (stelling '",
    "formaatversie": "formaatversie",
}


@pytest.mark.parametrize("pad", GETAL_VELDEN, ids=lambda p: ".".join(map(str, p)))
@pytest.mark.parametrize(("naam", "waarde"), GETALLEN, ids=[n for n, _ in GETALLEN])
def test_catalogue_numbers__are_refused_naming_the_item_or_kept_in_range(
    basis: dict[str, Any], pad: tuple[str | int, ...], naam: str, waarde: object
) -> None:
    uit = _lees(_bestand(basis, pad, waarde))
    if isinstance(uit, Scan):
        # Only an ordinary number in range gets through (here: -1.0 as a goal number).
        gelezen = getattr(getattr(uit, str(pad[0]))[int(pad[1])], str(pad[2]))
        assert isinstance(gelezen, float) and math.isfinite(gelezen) and abs(gelezen) <= 1e12
        assert naam == "negatief" and gelezen == -1.0
        return
    assert len(uit) == 1, uit
    assert uit[0].startswith("scan.json: " + PLEK[str(pad[0])]), uit
    assert "Traceback" not in uit[0] and "Input should" not in uit[0]


TIJD_VELDEN = [("antwoorden", 0, "gewijzigd"), ("consensus", 0, "vastgesteld_op")]
DATUM_VELDEN = [("scanronde", "datum"), ("doelen", 0, "deadline")]


@pytest.mark.parametrize("pad", TIJD_VELDEN + DATUM_VELDEN, ids=lambda p: ".".join(map(str, p)))
@pytest.mark.parametrize(("naam", "waarde"), DATUMS, ids=[n for n, _ in DATUMS])
def test_catalogue_dates__are_refused_naming_the_item_or_kept_as_the_same_instant(
    basis: dict[str, Any], pad: tuple[str | int, ...], naam: str, waarde: str
) -> None:
    uit = _lees(_bestand(basis, pad, waarde))
    if isinstance(uit, list):
        assert len(uit) == 1, uit
        assert re.match(r"scan\.json: (antwoord 1|consensus 1|scanronde|doel 1)", uit[0]), uit
        assert "ongeldige datum" in uit[0] or "ligt buiten 2000 tot en met 2100" in uit[0], uit
        assert naam in {"jaar_1", "jaar_9999_min14", "jaar_9999_plus14", "jaar_0", "geen_datum"} or (
            pad in DATUM_VELDEN  # a date field takes no time of day
        )
        return
    assert naam in {"zonder_zone", "toekomst"} and pad in TIJD_VELDEN
    item: Any = uit
    for stap in pad:
        item = item[stap] if isinstance(stap, int) else getattr(item, stap)
    if pad in TIJD_VELDEN:
        geschreven = dt.datetime.fromisoformat(waarde)
        if geschreven.tzinfo is None:
            geschreven = geschreven.replace(tzinfo=dt.timezone(dt.timedelta(hours=1)))  # Amsterdam in December
        assert item == geschreven and item.tzinfo is dt.UTC
    else:
        assert item == dt.datetime.fromisoformat(waarde).date()


def test_the_message_names_participant_stelling_field_and_range(basis: dict[str, Any]) -> None:
    uit = _lees(_bestand(basis, ("antwoorden", 0, "antwoord"), 7))
    stelling = basis["antwoorden"][0]["stelling"]
    assert uit == [
        f"scan.json: antwoord 1 (deelnemer 'd01', stelling '{stelling}'), veld antwoord: waarde 7 is te groot; maximaal 5"
    ]


def test_every_problem_gets_its_own_line(basis: dict[str, Any]) -> None:
    tekst = _bestand(basis, ("doelen", 0, "nulmeting"), math.nan).decode()
    tekst = tekst.replace('"streefwaarde": 60.0', '"streefwaarde": Infinity')
    ruw = json.loads(tekst)
    ruw["antwoorden"][2]["gewijzigd"] = "0001-01-01T00:00:00+00:00"
    ruw["scanronde"]["datum"] = "9999-12-31"
    uit = _lees(json.dumps(ruw).encode())
    assert isinstance(uit, list)
    # In the order of the format, whether JSON (NaN, Infinity) or the model found the problem.
    assert [r.split(", veld ")[-1].split(":")[0] for r in uit] == ["datum", "gewijzigd", "nulmeting", "streefwaarde"]


def test_thousands_of_problems__are_listed_up_to_a_count(basis: dict[str, Any]) -> None:
    ruw = json.loads(json.dumps(basis))
    for a in ruw["antwoorden"]:
        a["antwoord"] = 9
    uit = _lees(json.dumps(ruw).encode())
    assert isinstance(uit, list) and len(uit) == 51 and uit[-1].startswith("scan.json: … en nog ")


def test_a_scan_changed_in_code__is_checked_again_by_the_import_check(
    basis: dict[str, Any], vragenlijst: Vragenlijst
) -> None:
    scan = lees_scan_bytes(json.dumps(basis).encode())
    assert controleer_scan(scan, vragenlijst) == []
    # model_copy skips validation: the one check that preview and import share runs it again.
    doel = scan.doelen[0].model_copy(update={"nulmeting": math.nan, "deadline": dt.date(1, 1, 1)})
    kapot = scan.model_copy(update={"doelen": [doel]})
    problemen = controleer_scan(kapot, vragenlijst)
    assert len(problemen) == 2
    assert "veld nulmeting: NaN is geen getal" in problemen[0]
    assert "veld deadline: jaar 1 ligt buiten 2000 tot en met 2100" in problemen[1]


# --- properties --------------------------------------------------------------------------------

json_waarden = st.recursive(
    st.none()
    | st.booleans()
    | st.floats()
    | st.integers()
    | st.sampled_from([GROOT, 1e308, -0.0, "2026-11-20", "0001-01-01T00:00:00", "weet_niet"])
    | st.text(max_size=6),
    lambda kind: st.lists(kind, max_size=3) | st.dictionaries(st.text(max_size=6), kind, max_size=3),
    max_leaves=12,
)


def _ingevuld(basis: dict[str, Any], pad_keuze: list[int], waarde: object) -> bytes:
    """``basis`` with ``waarde`` at a path chosen by the indices in ``pad_keuze``."""
    pad: list[str | int] = []
    doel: Any = basis
    for keuze in pad_keuze:
        if isinstance(doel, dict) and doel:
            stap: str | int = sorted(doel)[keuze % len(doel)]
        elif isinstance(doel, list) and doel:
            stap = keuze % len(doel)
        else:
            break
        pad.append(stap)
        doel = doel[stap]
    if not pad:
        return _json(waarde).encode()
    return _bestand(basis, tuple(pad), waarde)


@pytest.mark.slow
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(pad=st.lists(st.integers(0, 50), min_size=1, max_size=4), waarde=json_waarden)
def test_property__any_value_anywhere_is_read_in_range_or_refused_with_located_lines(
    basis: dict[str, Any], pad: list[int], waarde: object
) -> None:
    uit = _lees(_ingevuld(basis, pad, waarde))
    if isinstance(uit, list):
        assert uit and all(r.startswith("scan.json") for r in uit)
        assert not any("Input should" in r or "Traceback" in r for r in uit)
        return
    # What was read is in range everywhere: the import can convert, store and print it.
    for doel in uit.doelen:
        for getal in (doel.nulmeting, doel.streefwaarde):
            assert getal is None or (math.isfinite(getal) and abs(getal) <= 1e12)
    momenten = [a.gewijzigd for a in uit.antwoorden] + [c.vastgesteld_op for c in uit.consensus]
    assert all(m is None or (m.tzinfo is dt.UTC and 1999 <= m.year <= 2101) for m in momenten)
    assert 2000 <= uit.scanronde.datum.year <= 2100


@given(json_waarden)
def test_property__any_json_document_is_a_scan_or_refused_in_dutch(waarde: object) -> None:
    data = _ingevuld({}, [], waarde)
    uit = _lees(data)
    assert isinstance(uit, list) and uit and all(r.startswith("scan.json") for r in uit)


# --- the Excel exchange file runs the same model ------------------------------------------------


@pytest.mark.parametrize(
    ("blad", "kolom", "waarde", "melding"),
    [
        ("Doelen", "Nulmeting", "NaN", "Doelen, rij 2, kolom Nulmeting: NaN is geen getal"),
        ("Doelen", "Streefwaarde", 1e308, "Doelen, rij 2, kolom Streefwaarde: 1e+308 is te groot"),
        (
            "Doelen",
            "Deadline",
            "9999-12-31",
            "Doelen, rij 2, kolom Deadline: jaar 9999 ligt buiten 2000 tot en met 2100",
        ),
        (
            "Antwoorden",
            "Gewijzigd",
            "0001-01-01 00:00:00+00:00",
            "Antwoorden, rij 2, kolom Gewijzigd: jaar 1 ligt buiten 2000 tot en met 2100",
        ),
    ],
)
def test_excel_files__are_held_to_the_same_ranges(
    basis: dict[str, Any], vragenlijst: Vragenlijst, blad: str, kolom: str, waarde: object, melding: str
) -> None:
    import io

    from openpyxl import load_workbook

    from reports.exports import lees_excel, naar_excel
    from scoring.engine import bereken_scan

    scan = lees_scan_bytes(json.dumps(basis).encode())
    wb = load_workbook(io.BytesIO(naar_excel(vragenlijst, scan, bereken_scan(vragenlijst, scan))))
    ws = wb[blad]
    nummer = next(c.column for c in ws[1] if c.value == kolom)
    ws.cell(row=2, column=nummer, value=waarde)
    uit = io.BytesIO()
    wb.save(uit)
    with pytest.raises(UitwisselFout) as info:
        lees_excel(uit.getvalue(), "scan.xlsx")
    assert any(melding in p for p in info.value.problemen), info.value.problemen
