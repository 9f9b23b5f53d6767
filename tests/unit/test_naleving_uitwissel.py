"""The compliance check in the exchange formats (issue 15, point 5): an optional ``naleving`` list
(item, status, notitie) in JSON and a sheet "Naleving" in Excel, so a round's check survives export
and import; files from before it still read; the scores never see it."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from openpyxl import Workbook, load_workbook

from reports.exports import lees_excel, naar_excel
from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scoring.engine import bereken_scan
from scoring.loader import VRAGENLIJSTEN_DIR, laad_vragenlijst
from scoring.models import Vragenlijst
from scoring.scantekst import schoon_scan
from scoring.uitwissel import (
    Naleving,
    Scan,
    UitwisselFout,
    canoniek,
    controleer_scan,
    lees_scan_bytes,
    schrijf_scan,
)

pytestmark = pytest.mark.slow  # builds workbooks


@pytest.fixture(scope="module")
def vl20() -> Vragenlijst:
    return laad_vragenlijst(VRAGENLIJSTEN_DIR / "2.0")


@pytest.fixture(scope="module")
def demo(vl20: Vragenlijst) -> Scan:
    # Without the demo's own fictional check: these tests add theirs.
    return maak_demo(vl20, zoek_gemeente("Utrecht"), 6, dt.date(2026, 11, 20), seed=3).model_copy(
        update={"naleving": []}
    )


NALEVING = [
    Naleving(item="verwerkingsregister", status="voldoet", notitie="register 2026 gezien"),
    Naleving(item="klachtbehandeling", status="deels"),
    Naleving(item="ai_transparantie", status="nvt", notitie="=geen chatbot"),
    Naleving(item="dpia", status="weet_niet"),
]


def _met_naleving(demo: Scan) -> Scan:
    return demo.model_copy(update={"naleving": NALEVING})


def test_json__round_trips_and_an_old_file_without_it_still_reads(vl20: Vragenlijst, demo: Scan) -> None:
    scan = _met_naleving(demo)
    tekst = schrijf_scan(scan)
    assert json.loads(tekst)["naleving"][0] == {
        "item": "verwerkingsregister",
        "status": "voldoet",
        "notitie": "register 2026 gezien",
    }
    assert canoniek(lees_scan_bytes(tekst.encode())) == canoniek(scan)
    oud = json.loads(schrijf_scan(demo))
    assert oud.pop("naleving") == []  # a file from before the check has no such key
    assert lees_scan_bytes(json.dumps(oud).encode()).naleving == []
    assert controleer_scan(scan, vl20) == []


def test_scores__do_not_change_with_the_check(vl20: Vragenlijst, demo: Scan) -> None:
    assert bereken_scan(vl20, _met_naleving(demo)) == bereken_scan(vl20, demo)


@pytest.mark.parametrize(
    ("naleving", "melding"),
    [
        ([{"item": "dpia", "status": "ja"}], "nalevingsitem 1 (item 'dpia')"),
        ([{"item": "dpia", "status": "voldoet"}, {"item": "dpia", "status": "niet"}], "meer dan één antwoord"),
        ([{"item": "dpia", "status": "voldoet", "notitie": "x" * 501}], "nalevingsitem 1"),
    ],
)
def test_json__bad_check_is_refused_in_dutch(demo: Scan, naleving: list[dict[str, str]], melding: str) -> None:
    ruw = json.loads(schrijf_scan(demo)) | {"naleving": naleving}
    with pytest.raises(UitwisselFout) as fout:
        lees_scan_bytes(json.dumps(ruw).encode())
    assert any(melding in p for p in fout.value.problemen), fout.value.problemen


def test_questionnaire_check__unknown_item_and_nvt_where_the_duty_always_applies(vl20: Vragenlijst, demo: Scan) -> None:
    scan = demo.model_copy(
        update={
            "naleving": [
                Naleving(item="bestaat_niet", status="voldoet"),
                Naleving(item="verwerkingsregister", status="nvt"),
            ]
        }
    )
    assert controleer_scan(scan, vl20) == [
        "naleving[0]: onbekend nalevingsitem 'bestaat_niet'",
        "naleving[1]: n.v.t. kan niet bij 'verwerkingsregister'; deze plicht geldt voor elke gemeente",
    ]


def test_import_cleaning__note_goes_through_the_text_rule(demo: Scan) -> None:
    scan = demo.model_copy(update={"naleving": [Naleving(item="dpia", status="deels", notitie=" a\x07b ")]})
    _, problemen = schoon_scan(scan)
    assert problemen and "nalevingsitem 1 (dpia), notitie" in problemen[0]


def test_excel__sheet_naleving_round_trips_and_a_workbook_without_it_still_reads(vl20: Vragenlijst, demo: Scan) -> None:
    scan = _met_naleving(demo)
    xlsx = naar_excel(vl20, scan, bereken_scan(vl20, scan))
    assert canoniek(lees_excel(xlsx)) == canoniek(scan)
    ws = load_workbook(io.BytesIO(xlsx))["Naleving"]
    kop = [c.value for c in ws[1]]
    assert kop == ["Item-id", "Wettelijke plicht", "Status", "Notitie"]
    rijen = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert rijen[0][:3] == ["verwerkingsregister", vl20.nalevingsitem("verwerkingsregister").tekst.nl, "voldoet"]
    assert ws.cell(row=4, column=4).data_type == "s"  # "=geen chatbot" stays text, never a formula

    def zonder_blad(wb: Workbook) -> None:
        del wb["Naleving"]

    wb = load_workbook(io.BytesIO(xlsx))
    zonder_blad(wb)
    uit = io.BytesIO()
    wb.save(uit)
    assert canoniek(lees_excel(uit.getvalue())) == canoniek(demo)


def test_the_demo_of_a_version_with_a_check__fills_it_in_plausibly_and_1_0_demos_have_none(vl20: Vragenlijst) -> None:
    from scoring.versies import laad_versie

    scan = maak_demo(vl20, zoek_gemeente("Zeist"), 6, dt.date(2026, 11, 20), seed=8)
    assert [n.item for n in scan.naleving] == [i.id for i in vl20.naleving]
    assert controleer_scan(scan, vl20) == []  # n.v.t. only where a duty may not apply
    assert maak_demo(laad_versie("1.0"), zoek_gemeente("Zeist"), 6, dt.date(2026, 11, 20), seed=8).naleving == []
