"""The scan exchange format: round trip, and every bad file refused in Dutch."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scoring.models import Vragenlijst
from scoring.uitwissel import (
    MAX_UITWISSEL_BYTES,
    Scan,
    UitwisselFout,
    controleer_tegen_vragenlijst,
    lees_scan_bytes,
    schrijf_scan,
)


@pytest.fixture(scope="module")
def demo(vragenlijst: Vragenlijst) -> Scan:
    return maak_demo(vragenlijst, zoek_gemeente("'s-Hertogenbosch"), 6, dt.date(2026, 11, 20), seed=7)


def _fout(data: bytes) -> str:
    with pytest.raises(UitwisselFout) as info:
        lees_scan_bytes(data, "scan.json")
    return str(info.value)


def test_round_trip__gives_an_equal_scan(demo: Scan) -> None:
    assert lees_scan_bytes(schrijf_scan(demo).encode()) == demo


def test_round_trip__keeps_dutch_characters_readable(vragenlijst: Vragenlijst) -> None:
    scan = maak_demo(vragenlijst, zoek_gemeente("Súdwest-Fryslân"), 2, dt.date(2026, 1, 5), seed=1)
    tekst = schrijf_scan(scan)
    assert "Súdwest-Fryslân" in tekst
    assert lees_scan_bytes(tekst.encode("utf-8-sig")).gemeente.naam == "Súdwest-Fryslân"


def test_demo__fits_the_questionnaire(demo: Scan, vragenlijst: Vragenlijst) -> None:
    assert controleer_tegen_vragenlijst(demo, vragenlijst) == []
    assert demo.fictief


@pytest.mark.parametrize(
    ("data", "melding"),
    [
        (b"", "bestand is leeg"),
        (b'{"formaat": "omnichannel-zelfscan", "formaatversie": 1, "deel', "geen geldige JSON"),
        ('{"formaat": "Fryslân"}'.encode("cp1252"), "geen geldige UTF-8"),
        (b"[1, 2]", "verwacht een JSON-object"),
        (b'{"formaat": "iets-anders"}', "geen scanbestand"),
        (b'{"formaat": "omnichannel-zelfscan", "formaatversie": 9}', "formaatversie 9 wordt niet ondersteund"),
        (b"[" * 100_000 + b"]" * 100_000, "te diep genest"),
    ],
)
def test_bad_files__are_refused_in_dutch(data: bytes, melding: str) -> None:
    assert melding in _fout(data)


def test_oversized_file__is_refused() -> None:
    assert "te groot" in _fout(b" " * (MAX_UITWISSEL_BYTES + 1))


def _bewerk(demo: Scan, pad: list[str | int], waarde: object) -> bytes:
    ruw = json.loads(schrijf_scan(demo))
    doel = ruw
    for stap in pad[:-1]:
        doel = doel[stap]
    doel[pad[-1]] = waarde
    return json.dumps(ruw).encode()


@pytest.mark.parametrize(
    ("pad", "waarde", "melding"),
    [
        (["antwoorden", 0, "antwoord"], 6, "antwoord 1 (deelnemer 'd01', stelling '"),
        (["antwoorden", 0, "antwoord"], 6, "veld antwoord: waarde 6 is te groot; maximaal 5"),
        (["antwoorden", 0, "antwoord"], "3", "veld antwoord: verwacht een geheel getal, gevonden tekst '3'"),
        (["antwoorden", 0, "antwoord"], True, "veld antwoord: verwacht een geheel getal"),
        (["antwoorden", 0, "deelnemer"], "onbekend", "onbekende deelnemer 'onbekend'"),
        (["gemeente", "gm_code"], "0344", "gemeente, veld gm_code"),
        (["scanronde", "datum"], "31-12-2026", "ongeldige datum"),
        (["scanronde", "kleur"], "rood", "onbekend veld 'kleur'"),
    ],
)
def test_schema_violations__name_the_field(demo: Scan, pad: list[str | int], waarde: object, melding: str) -> None:
    assert melding in _fout(_bewerk(demo, pad, waarde))


def test_duplicate_answer__is_refused(demo: Scan) -> None:
    ruw = json.loads(schrijf_scan(demo))
    ruw["antwoorden"].append(ruw["antwoorden"][0])
    assert "twee keer" in _fout(json.dumps(ruw).encode())


def test_duplicate_participant_name__is_refused(demo: Scan) -> None:
    ruw = json.loads(schrijf_scan(demo))
    ruw["deelnemers"][1]["naam"] = ruw["deelnemers"][0]["naam"].upper()
    assert "deelnemernaam dubbel" in _fout(json.dumps(ruw).encode())


def test_references_to_the_questionnaire__are_checked(demo: Scan, vragenlijst: Vragenlijst) -> None:
    ander = demo.model_copy(
        update={
            "vragenlijst": demo.vragenlijst.model_copy(update={"versie": "0.9"}),
            "antwoorden": [demo.antwoorden[0].model_copy(update={"stelling": "verzonnen_stelling"})],
        }
    )
    problemen = controleer_tegen_vragenlijst(ander, vragenlijst)
    assert any("vragenlijstversie 0.9" in p for p in problemen)
    assert "antwoorden[0]: onbekende stelling 'verzonnen_stelling'" in problemen


def test_baseline_to_follow__is_optional_and_round_trips(demo: Scan) -> None:
    from scoring.uitwissel import Doel

    doel = Doel(
        id="tevredenheid",
        bouwsteen="datagestuurde_interactie",
        titel="Een eerste meting van de klanttevredenheid",
        actie="",
        nulmeting_uiterlijk=dt.date(2027, 3, 1),
    )
    scan = demo.model_copy(update={"doelen": [doel]})
    tekst = schrijf_scan(scan)
    assert '"nulmeting_uiterlijk": "2027-03-01"' in tekst
    assert lees_scan_bytes(tekst.encode()) == scan
    # A file written before the field existed has no such key and stays valid.
    oud = json.loads(tekst)
    del oud["doelen"][0]["nulmeting_uiterlijk"]
    assert lees_scan_bytes(json.dumps(oud).encode()).doelen[0].nulmeting_uiterlijk is None
    # Both a baseline and a date: refused in Dutch, naming the goal.
    oud["doelen"][0] |= {"nulmeting": 5.0, "nulmeting_uiterlijk": "2027-03-01"}
    assert "niet allebei" in _fout(json.dumps(oud).encode())
