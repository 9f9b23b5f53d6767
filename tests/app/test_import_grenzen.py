"""AppTest of the import on Start with files that once passed the preview and broke the import
(issue 13, case 7): the preview now names each problem in Dutch, and there is nothing to import."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from scan.db.tabellen import RondeRij
from scan.db.verbinding import Database
from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scoring.models import Vragenlijst
from scoring.uitwissel import schrijf_scan

pytestmark = pytest.mark.apptest


def _bestand(vragenlijst: Vragenlijst, bewerk: Callable[[dict[str, object]], str]) -> bytes:
    scan = maak_demo(vragenlijst, zoek_gemeente("Utrecht"), 2, dt.date(2026, 11, 22), seed=3)
    return bewerk(json.loads(schrijf_scan(scan))).encode()


def _jaar_1(ruw: dict[str, object]) -> str:
    ruw["antwoorden"][0]["gewijzigd"] = "0001-01-01T00:00:00+00:00"  # type: ignore[index]
    ruw["antwoorden"][1]["gewijzigd"] = "9999-12-31T23:59:59-14:00"  # type: ignore[index]
    return json.dumps(ruw)


def _nan(ruw: dict[str, object]) -> str:
    ruw["doelen"] = [
        {"id": "d", "bouwsteen": "kanaalinzet", "titel": "Sneller", "actie": "", "nulmeting": 1.0, "streefwaarde": 2.0}
    ]
    return (
        json.dumps(ruw)
        .replace('"nulmeting": 1.0', '"nulmeting": NaN')
        .replace('"streefwaarde": 2.0', '"streefwaarde": 1e308')
    )


def _groot_getal(ruw: dict[str, object]) -> str:
    return json.dumps(ruw).replace('"antwoord": 3', '"antwoord": ' + "9" * 4_400, 1)


@pytest.mark.parametrize(
    ("bewerk", "meldingen"),
    [
        (
            _jaar_1,
            [
                "antwoord 1 (deelnemer 'd01', stelling ",
                "veld gewijzigd: jaar 1 ligt buiten 2000 tot en met 2100",
                "antwoord 2 (deelnemer 'd01', stelling ",
                "veld gewijzigd: jaar 9999 ligt buiten 2000 tot en met 2100",
            ],
        ),
        (
            _nan,
            [
                "doel 1 (titel 'Sneller', id 'd'), veld nulmeting: NaN is geen toegestaan getal",
                "doel 1 (titel 'Sneller', id 'd'), veld streefwaarde: 1e\\+308 is te groot",
            ],
        ),
        (_groot_getal, ["veld antwoord: een getal van 4400 cijfers is geen toegestaan getal"]),
    ],
    ids=["jaar_1_en_9999", "nan_en_1e308", "4400_cijfers"],
)
def test_import__a_file_out_of_range_is_refused_in_dutch_with_nothing_to_import(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    beheer_geheim: str,
    bewerk: Callable[[dict[str, object]], str],
    meldingen: list[str],
) -> None:
    at = open_app(beheer=beheer_geheim)
    at.file_uploader(key="import_bestand").upload("scan.json", _bestand(vragenlijst, bewerk))
    at.run()
    assert not at.exception
    fout = at.error[0].value
    assert "kan niet worden geïmporteerd; er is niets opgeslagen" in fout
    for melding in meldingen:
        # The page escapes Markdown: compare with the escapes it adds removed.
        assert melding.replace("\\", "") in fout.replace("\\", ""), fout
    assert "Traceback" not in fout and "Input should" not in fout
    assert not [b for b in at.button if b.proto.label == "Importeren en openen"]
    with app_db.lezen() as s:
        assert s.scalar(select(func.count()).select_from(RondeRij)) == 0
