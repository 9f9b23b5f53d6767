"""The loader rejects every malformed questionnaire with a located Dutch message."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from scoring.loader import MAX_BESTAND_BYTES, VragenlijstFout, controleer_vragenlijst, laad_vragenlijst

KANAALINZET = "bouwstenen/01_kanaalinzet.yaml"


def _problemen(directory: Path) -> list[str]:
    vragenlijst, problemen = controleer_vragenlijst(directory)
    assert vragenlijst is None, "a broken questionnaire must not load"
    assert problemen
    return [str(p) for p in problemen]


def _vervang(path: Path, oud: str, nieuw: str, count: int = 1) -> None:
    tekst = path.read_text(encoding="utf-8")
    assert oud in tekst, f"test setup: {oud!r} not in {path.name}"
    path.write_text(tekst.replace(oud, nieuw, count), encoding="utf-8")


def _regel_van(path: Path, fragment: str) -> int:
    for nr, regel in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if fragment in regel:
            return nr
    raise AssertionError(fragment)


def test_real_questionnaire__loads__sixteen_bouwstenen(vragenlijst_kopie: Path) -> None:
    vl, problemen = controleer_vragenlijst(vragenlijst_kopie)
    assert problemen == []
    assert vl is not None and len(vl.bouwstenen) == 16


def test_yaml_syntax_error__is_located_in_dutch(vragenlijst_kopie: Path) -> None:
    pad = vragenlijst_kopie / KANAALINZET
    _vervang(pad, "nummer: 1", "nummer: 1\n  fout: [ongesloten")
    problemen = _problemen(vragenlijst_kopie)
    assert any(p.startswith(f"questionnaires/{KANAALINZET}:") and "YAML-syntaxfout" in p for p in problemen)


def test_duplicate_key__names_both_lines(vragenlijst_kopie: Path) -> None:
    pad = vragenlijst_kopie / KANAALINZET
    _vervang(pad, "dimensie: frontoffice", "dimensie: frontoffice\ndimensie: data")
    regel = _regel_van(pad, "dimensie: data")
    problemen = _problemen(vragenlijst_kopie)
    assert (
        f"questionnaires/{KANAALINZET}:{regel}:1: sleutel 'dimensie' staat dubbel (eerder op regel {regel - 1}); verwijder of hernoem één van beide"
        in problemen
    )


def test_anchor_and_alias__are_refused(vragenlijst_kopie: Path) -> None:
    pad = vragenlijst_kopie / KANAALINZET
    _vervang(pad, "naam: {nl: Kanaalinzet, en: Channel deployment}", "naam: &n {nl: Kanaalinzet}\nomschr: *n")
    problemen = _problemen(vragenlijst_kopie)
    assert any("anker '&n' is niet toegestaan" in p for p in problemen)
    assert any("verwijzing '*n' is niet toegestaan" in p for p in problemen)


def test_alias_bomb__is_refused_fast(vragenlijst_kopie: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    (vragenlijst_kopie / "bouwstenen" / "99_bom.yaml").write_text(bomb, encoding="utf-8")
    begin = time.perf_counter()
    problemen = _problemen(vragenlijst_kopie)
    assert time.perf_counter() - begin < 5  # a guard against hanging, not a benchmark
    assert any("99_bom.yaml:1:4: anker '&a' is niet toegestaan" in p for p in problemen)


def test_unknown_key__points_at_the_key(vragenlijst_kopie: Path) -> None:
    pad = vragenlijst_kopie / KANAALINZET
    _vervang(pad, "dimensie: frontoffice", "dimensie: frontoffice\ngewicht: 3")
    regel = _regel_van(pad, "gewicht: 3")
    problemen = _problemen(vragenlijst_kopie)
    assert (
        f"questionnaires/{KANAALINZET}:{regel}:1: onbekend veld 'gewicht'; controleer de spelling of verwijder het"
        in problemen
    )


def test_wrong_type__names_field_and_value(vragenlijst_kopie: Path) -> None:
    pad = vragenlijst_kopie / KANAALINZET
    _vervang(pad, "nummer: 1", "nummer: een")
    regel = _regel_van(pad, "nummer: een")
    problemen = _problemen(vragenlijst_kopie)
    assert (
        f"questionnaires/{KANAALINZET}:{regel}:9: nummer: verwacht een geheel getal, gevonden tekst 'een'" in problemen
    )


def test_string_number__is_not_silently_converted(vragenlijst_kopie: Path) -> None:
    _vervang(vragenlijst_kopie / KANAALINZET, "nummer: 1", 'nummer: "1"')
    assert any("nummer: verwacht een geheel getal" in p for p in _problemen(vragenlijst_kopie))


def test_missing_anchor__names_the_level(vragenlijst_kopie: Path) -> None:
    pad = vragenlijst_kopie / KANAALINZET
    tekst = pad.read_text(encoding="utf-8")
    regels = tekst.splitlines(keepends=True)
    index = next(i for i, r in enumerate(regels) if r.strip().startswith("3: {nl:"))
    del regels[index]
    pad.write_text("".join(regels), encoding="utf-8")
    eerste_anker = _regel_van(pad, "1: {nl:")  # the niveaus block of the first stelling
    problemen = _problemen(vragenlijst_kopie)
    assert (
        f"questionnaires/{KANAALINZET}:{eerste_anker}:7: verplicht veld '3' ontbreekt (in stellingen.0.niveaus)"
        in problemen
    )


def test_too_few_stellingen__says_how_many(vragenlijst_kopie: Path) -> None:
    pad = vragenlijst_kopie / KANAALINZET
    tekst = pad.read_text(encoding="utf-8")
    # keep the first three stellingen only
    delen = tekst.split("\n  - id: ")
    pad.write_text("\n  - id: ".join(delen[:4]) + "\n", encoding="utf-8")
    problemen = _problemen(vragenlijst_kopie)
    assert any("stellingen: te weinig elementen: minstens 4, gevonden 3" in p for p in problemen)


def test_duplicate_bouwsteen_id__across_files(vragenlijst_kopie: Path) -> None:
    _vervang(vragenlijst_kopie / "bouwstenen/02_kanaalinrichting.yaml", "id: kanaalinrichting\n", "id: kanaalinzet\n")
    problemen = _problemen(vragenlijst_kopie)
    assert any(
        p.startswith("questionnaires/bouwstenen/02_kanaalinrichting.yaml:")
        and "bouwsteen-id 'kanaalinzet' komt ook voor in questionnaires/bouwstenen/01_kanaalinzet.yaml" in p
        for p in problemen
    ), problemen


def test_duplicate_stelling_id__across_files(vragenlijst_kopie: Path) -> None:
    pad = vragenlijst_kopie / "bouwstenen/02_kanaalinrichting.yaml"
    tekst = pad.read_text(encoding="utf-8")
    eerste = re.search(r"- id: (kanaalinrichting_\w+)", tekst)
    assert eerste
    pad.write_text(tekst.replace(eerste.group(1), "kanaalinzet_klantinzicht", 1), encoding="utf-8")
    problemen = _problemen(vragenlijst_kopie)
    assert any("stelling-id 'kanaalinzet_klantinzicht' komt ook voor in" in p for p in problemen)


def test_wrong_count_per_type__is_reported(vragenlijst_kopie: Path) -> None:
    _vervang(vragenlijst_kopie / KANAALINZET, "type: kern", "type: aanvullend\nschil: organisatie")
    problemen = _problemen(vragenlijst_kopie)
    assert "bouwstenen: verwacht 8 kernbouwstenen, gevonden 7" in problemen
    assert "bouwstenen: verwacht 8 aanvullende bouwstenen, gevonden 9" in problemen


def test_missing_file__counts_are_not_repeated(vragenlijst_kopie: Path) -> None:
    (vragenlijst_kopie / "schaal.yaml").unlink()
    assert _problemen(vragenlijst_kopie) == ["questionnaires/schaal.yaml: bestand ontbreekt"]


def test_unknown_kenmerk__lists_the_known_ones(vragenlijst_kopie: Path) -> None:
    _vervang(vragenlijst_kopie / KANAALINZET, "kenmerken: [passend_kanaalaanbod]", "kenmerken: [snelheid]")
    problemen = _problemen(vragenlijst_kopie)
    assert any("onbekend kenmerk 'snelheid'; bekend zijn: consistentie" in p for p in problemen)


def test_oversized_file__is_refused_before_parsing(vragenlijst_kopie: Path) -> None:
    pad = vragenlijst_kopie / KANAALINZET
    pad.write_text(pad.read_text(encoding="utf-8") + "#" * MAX_BESTAND_BYTES, encoding="utf-8")
    problemen = _problemen(vragenlijst_kopie)
    assert any(p.startswith(f"questionnaires/{KANAALINZET}: bestand is te groot") for p in problemen)


def test_invalid_utf8__is_located(vragenlijst_kopie: Path) -> None:
    pad = vragenlijst_kopie / KANAALINZET
    pad.write_bytes(pad.read_bytes().replace(b"Channel deployment", "Fryslân".encode("cp1252")))
    regel = _regel_van_bytes(pad, b"Frysl")
    problemen = _problemen(vragenlijst_kopie)
    assert any(p.startswith(f"questionnaires/{KANAALINZET}:{regel}:") and "geen geldige UTF-8" in p for p in problemen)


def _regel_van_bytes(path: Path, fragment: bytes) -> int:
    for nr, regel in enumerate(path.read_bytes().split(b"\n"), start=1):
        if fragment in regel:
            return nr
    raise AssertionError(fragment)


def test_python_tag__is_refused(vragenlijst_kopie: Path) -> None:
    _vervang(vragenlijst_kopie / KANAALINZET, "nummer: 1", "nummer: !!python/object/apply:os.system ['true']")
    problemen = _problemen(vragenlijst_kopie)
    regel = _regel_van(vragenlijst_kopie / KANAALINZET, "!!python")
    assert any(
        p.startswith(
            f"questionnaires/{KANAALINZET}:{regel}:9: tag 'tag:yaml.org,2002:python/object/apply:os.system' is niet toegestaan"
        )
        for p in problemen
    ), problemen


def test_two_bad_files__both_are_reported(vragenlijst_kopie: Path) -> None:
    _vervang(vragenlijst_kopie / KANAALINZET, "dimensie: frontoffice", "dimensie: voorkant")
    _vervang(vragenlijst_kopie / "bouwstenen/16_datagestuurde_overheid.yaml", "nummer: 16", "nummer: 17")
    problemen = _problemen(vragenlijst_kopie)
    assert any(KANAALINZET in p and "ongeldige waarde 'voorkant'" in p for p in problemen)
    assert any("16_datagestuurde_overheid.yaml" in p and "te groot; maximaal 16" in p for p in problemen)


def test_laad_vragenlijst__raises_with_every_problem(vragenlijst_kopie: Path) -> None:
    _vervang(vragenlijst_kopie / KANAALINZET, "dimensie: frontoffice", "dimensie: voorkant")
    with pytest.raises(VragenlijstFout) as info:
        laad_vragenlijst(vragenlijst_kopie)
    assert "voorkant" in str(info.value)


def test_bands_with_a_hole__are_refused(vragenlijst_kopie: Path) -> None:
    _vervang(vragenlijst_kopie / "schaal.yaml", "ondergrens: 41", "ondergrens: 42")
    problemen = _problemen(vragenlijst_kopie)
    assert any(p.startswith("questionnaires/schaal.yaml:") and "moet beginnen bij 41" in p for p in problemen)


def test_duplicate_stelling_id__within_one_file(vragenlijst_kopie: Path) -> None:
    _vervang(vragenlijst_kopie / KANAALINZET, "id: kanaalinzet_gebruik", "id: kanaalinzet_kanaalkeuze")
    regel = _regel_van(vragenlijst_kopie / KANAALINZET, "- id: kanaalinzet_kanaalkeuze")
    problemen = _problemen(vragenlijst_kopie)
    tweede = [p for p in problemen if "stelling-id 'kanaalinzet_kanaalkeuze' komt ook voor in" in p]
    assert len(tweede) == 1 and not tweede[0].startswith(f"questionnaires/{KANAALINZET}:{regel}:")


@pytest.mark.parametrize(
    ("diep", "regel_erbij", "kolom"),
    [
        # The file's top mapping is level 1: the 20th bracket opens level 21.
        ("diep: " + "[" * 1_500 + "]" * 1_500, 0, 7 + 19),  # was a RecursionError traceback
        ("diep: " + "[" * 100_000 + "]" * 100_000, 0, 7 + 19),  # was a segmentation fault after 50 s
        ("diep: " + "{a: " * 40_000 + "}" * 40_000, 0, 7 + 19 * 4),
        ("diep:\n" + "- " * 100_000 + "x", 1, 1 + 19 * 2),
        ("diep:\n" + "".join(" " * i + "a:\n" for i in range(1, 400)) + " " * 400 + "x", 20, 21),
    ],
    ids=["flow_1500", "flow_100000", "mappings_40000", "block_lists_100000", "indentation_400"],
)
def test_deep_nesting__is_refused_with_its_place_before_composing(
    vragenlijst_kopie: Path, diep: str, regel_erbij: int, kolom: int
) -> None:
    pad = vragenlijst_kopie / KANAALINZET
    tekst = pad.read_text(encoding="utf-8")
    pad.write_text(tekst + "\n" + diep + "\n", encoding="utf-8")
    regel = tekst.count("\n") + 2 + regel_erbij
    problemen = _problemen(vragenlijst_kopie)
    assert [p for p in problemen if KANAALINZET in p] == [
        f"questionnaires/{KANAALINZET}:{regel}:{kolom}: te diep genest: meer dan 20 niveaus van lijsten en velden "
        "(een vragenlijst heeft er hoogstens 5); controleer de haakjes en de inspringing"
    ]


def test_nesting_up_to_the_bound__is_not_called_too_deep(vragenlijst_kopie: Path) -> None:
    pad = vragenlijst_kopie / KANAALINZET
    # The file's top mapping is level 1, so 19 more levels reach exactly 20.
    _vervang(pad, "nummer: 1", "nummer: 1\nextra: " + "[" * 19 + "]" * 19)
    problemen = _problemen(vragenlijst_kopie)
    assert not any("te diep" in p for p in problemen)
    assert any("onbekend veld 'extra'" in p for p in problemen)
