"""JSON Schemas generated from the models, written beside the YAML for editors.

Layer: pure domain (``scoring/``). ``python -m scan schema`` rewrites them; a contract test
fails when a committed schema differs from what the models produce, so they cannot drift.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scoring.doelen import DoelenBestand
from scoring.models import Bouwsteen, Schaal, VragenlijstMeta
from scoring.uitwissel import json_schema as scan_schema
from scoring.versies import OvergangBestand, Versies

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "questionnaires" / "schema"


def schemas() -> dict[str, dict[str, Any]]:
    """File name to schema, for the questionnaire files, the goal library and the scan exchange file."""
    uit: dict[str, dict[str, Any]] = {}
    for naam, model, titel in (
        ("bouwsteen.schema.json", Bouwsteen, "Bouwsteen van de omnichannel zelfscan"),
        ("schaal.schema.json", Schaal, "Antwoordschaal van de omnichannel zelfscan"),
        ("vragenlijst.schema.json", VragenlijstMeta, "Kopbestand van de omnichannel zelfscan"),
        ("doelen.schema.json", DoelenBestand, "Doelsjablonen van één bouwsteen"),
        ("versies.schema.json", Versies, "Gepubliceerde versies van de vragenlijst"),
        ("overgang.schema.json", OvergangBestand, "Overgang van één bouwsteen naar een nieuwere versie"),
    ):
        schema = model.model_json_schema()
        schema["title"] = titel
        uit[naam] = schema
    uit["scan.schema.json"] = scan_schema()
    return uit


def als_tekst(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def schrijf_schemas(directory: Path | None = None) -> list[Path]:
    doel = directory or SCHEMA_DIR
    doel.mkdir(parents=True, exist_ok=True)
    geschreven = []
    for naam, schema in schemas().items():
        pad = doel / naam
        pad.write_text(als_tekst(schema), encoding="utf-8")
        geschreven.append(pad)
    return geschreven
