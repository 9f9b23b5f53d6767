"""Contract: the questionnaire YAML is complete, consistent with the handreiking, and its
JSON Schemas are current and usable by editors."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from scoring.loader import DEFAULT_DIR, VRAGENLIJSTEN_DIR
from scoring.models import Vragenlijst
from scoring.schema import SCHEMA_DIR, als_tekst, schemas

KERN = [
    "Kanaalinzet",
    "Kanaalinrichting",
    "Kanaalregie",
    "Kanaalsturing",
    "Heldere doelen",
    "Koppeling en integratie",
    "Organisatie van interactie",
    "Datagestuurde interactie",
]
VAAG = ("iets beter", "wat beter", "beter dan nu", "meer dan voorheen", "redelijk goed", "goed geregeld")
YAML_BESTANDEN = sorted(p for p in VRAGENLIJSTEN_DIR.rglob("*.yaml"))


def test_kernbouwstenen__are_the_eight_of_the_handreiking(vragenlijst: Vragenlijst) -> None:
    kern = [b for b in vragenlijst.bouwstenen if b.type == "kern"]
    assert [b.naam.nl for b in kern] == KERN
    assert [b.nummer for b in kern] == list(range(1, 9))
    assert Counter(b.dimensie for b in kern) == {
        "frontoffice": 4,
        "strategie": 1,
        "backoffice": 1,
        "organisatie": 1,
        "data": 1,
    }


def test_aanvullende_bouwstenen__two_per_dimension_one_per_schil(vragenlijst: Vragenlijst) -> None:
    aanvullend = [b for b in vragenlijst.bouwstenen if b.type == "aanvullend"]
    assert [b.nummer for b in aanvullend] == list(range(9, 17))
    for dimensie in ("strategie", "backoffice", "organisatie", "data"):
        schillen = sorted(str(b.schil) for b in aanvullend if b.dimensie == dimensie)
        assert schillen == ["organisatie", "overheid"], dimensie


def test_every_bouwsteen__has_a_sourced_description_of_two_to_four_sentences(vragenlijst: Vragenlijst) -> None:
    # (1.0 also had English names and descriptions; 2.0 is Dutch only: tests/contract/test_inhoud_2.py.)
    for b in vragenlijst.bouwstenen:
        assert "§" in b.bron, b.id
        zinnen = len(re.findall(r"[.?!](?:\s|$)", b.omschrijving.nl))
        assert 2 <= zinnen <= 4, f"{b.id}: omschrijving has {zinnen} sentences"


def test_stellingen__ids_carry_their_bouwsteen_and_anchors_are_concrete(vragenlijst: Vragenlijst) -> None:
    for b in vragenlijst.bouwstenen:
        assert 4 <= len(b.stellingen) <= 6
        for s in b.stellingen:
            assert s.id.startswith(b.id + "_"), s.id
            for niveau, anker in enumerate(s.niveaus.alle(), start=1):
                tekst = anker.nl.casefold()
                assert 25 <= len(tekst) <= 250, f"{s.id} niveau {niveau}: length {len(tekst)}"
                assert not any(v in tekst for v in VAAG), f"{s.id} niveau {niveau} is vague: {anker.nl}"


def test_every_kenmerk__is_measured_by_at_least_three_stellingen(vragenlijst: Vragenlijst) -> None:
    telling = Counter(k for _, s in vragenlijst.stellingen() for k in s.kenmerken)
    assert set(telling) == {k.id for k in vragenlijst.meta.kenmerken}
    assert min(telling.values()) >= 3, telling


@pytest.mark.parametrize("pad", YAML_BESTANDEN, ids=lambda p: str(p.relative_to(VRAGENLIJSTEN_DIR)))
def test_yaml_files__point_editors_at_their_schema(pad: Path) -> None:
    eerste = pad.read_text(encoding="utf-8").splitlines()[0]
    assert eerste.startswith("# yaml-language-server: $schema=")
    schema = (pad.parent / eerste.split("=", 1)[1]).resolve()
    assert schema.is_file(), schema


def _met_tekst_sleutels(data: Any) -> Any:
    if isinstance(data, dict):
        return {str(k): _met_tekst_sleutels(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_met_tekst_sleutels(v) for v in data]
    return data


@pytest.mark.parametrize("pad", YAML_BESTANDEN, ids=lambda p: str(p.relative_to(VRAGENLIJSTEN_DIR)))
def test_yaml_files__validate_against_the_committed_json_schema(pad: Path) -> None:
    eerste = pad.read_text(encoding="utf-8").splitlines()[0]
    schema = json.loads((pad.parent / eerste.split("=", 1)[1]).read_text(encoding="utf-8"))
    data = _met_tekst_sleutels(yaml.safe_load(pad.read_text(encoding="utf-8")))
    jsonschema.validate(data, schema)


@pytest.mark.parametrize("naam", sorted(schemas()))
def test_committed_schemas__match_the_models(naam: str) -> None:
    vastgelegd = (SCHEMA_DIR / naam).read_text(encoding="utf-8")
    assert vastgelegd == als_tekst(schemas()[naam]), f"run 'python -m scan schema' to refresh {naam}"


def test_json_schema__rejects_what_the_models_reject() -> None:
    schema = json.loads((SCHEMA_DIR / "bouwsteen.schema.json").read_text(encoding="utf-8"))
    data = _met_tekst_sleutels(
        yaml.safe_load((DEFAULT_DIR / "bouwstenen/01_kanaalinzet.yaml").read_text(encoding="utf-8"))
    )
    data["gewicht"] = 3
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
