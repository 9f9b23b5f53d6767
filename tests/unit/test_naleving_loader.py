"""The compliance check file (``naleving.yaml``, issue 15 point 5): read by the loader beside the
bouwstenen, with located Dutch errors and in the fingerprint; a version without it has none."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scoring.loader import VRAGENLIJSTEN_DIR, controleer_vragenlijst, laad_vragenlijst
from scoring.uitwissel import NALEVING_STATUSSEN

NALEVING = "naleving.yaml"


EIGEN = """\
items:
  - id: verwerkingsregister
    naam: {nl: Verwerkingsregister}
    tekst:
      nl: Het verwerkingsregister beschrijft het klantcontact.
    toelichting:
      nl: Vraag de privacyadviseur.
    grondslag: AVG art. 30; geldt sinds 25-5-2018.
    bron: AVG art. 30
    bouwsteen: datagestuurde_interactie

  - id: klachtbehandeling
    naam: {nl: Klachtbehandeling}
    tekst:
      nl: Klachten worden binnen zes weken afgehandeld.
    toelichting:
      nl: Kijk in de klachtenregistratie.
    grondslag: Awb art. 9:11
    bron: Awb art. 9:11
    bouwsteen: datagestuurde_overheid

  - id: dpia
    naam: {nl: Dpia}
    tekst:
      nl: Er is een DPIA waar die nodig is.
    toelichting:
      nl: Een DPIA is een gegevensbeschermingseffectbeoordeling.
    grondslag: AVG art. 35
    bron: AVG art. 35
    nvt_mogelijk: true
"""


@pytest.fixture
def kopie_20(tmp_path: Path) -> Path:
    """A copy of questionnaires/2.0 that a test may break, with a check of its own (``EIGEN``), so
    the tests do not depend on the wording of the real one."""
    doel = tmp_path / "2.0"
    shutil.copytree(VRAGENLIJSTEN_DIR / "2.0", doel)
    (doel / NALEVING).write_text(EIGEN, encoding="utf-8")
    return doel


def _problemen(directory: Path) -> list[str]:
    vragenlijst, problemen = controleer_vragenlijst(directory)
    assert vragenlijst is None, "a broken check must not load"
    return [str(p) for p in problemen]


def _vervang(path: Path, oud: str, nieuw: str) -> None:
    tekst = path.read_text(encoding="utf-8")
    assert oud in tekst, oud
    path.write_text(tekst.replace(oud, nieuw, 1), encoding="utf-8")


def _regel_van(path: Path, fragment: str, na: int = 0) -> int:
    for nr, regel in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if nr > na and fragment in regel:
            return nr
    raise AssertionError(fragment)


def test_version_2__has_the_legal_duties_of_the_review_each_with_basis_and_source() -> None:
    vl = laad_vragenlijst(VRAGENLIJSTEN_DIR / "2.0")
    ids = [i.id for i in vl.naleving]
    assert 6 <= len(ids) <= 8
    for nodig in (
        "digitale_toegankelijkheid",
        "verwerkingsregister",
        "passende_ondersteuning",
        "aanwijzing_elektronische_kanalen",
        "vroegsignalering_schulden",
        "klachtbehandeling",
        "ai_transparantie",
    ):
        assert nodig in ids
    bouwstenen = {b.id for b in vl.bouwstenen}
    for item in vl.naleving:
        assert item.grondslag and item.bron and item.toelichting.nl
        assert item.tekst.en is None and item.toelichting.en is None  # Dutch only in 2.0
        assert item.bouwsteen is None or item.bouwsteen in bouwstenen
        assert len(item.tekst.nl.split()) <= 25
    # n.v.t. only where a duty may not apply; the AI duty and its date
    assert {i.id for i in vl.naleving if i.nvt_mogelijk} <= {"ai_transparantie", "dpia"}
    ai = vl.nalevingsitem("ai_transparantie")
    assert ai.nvt_mogelijk and "2024/1689" in ai.grondslag and "art. 50" in ai.grondslag and "2-8-2026" in ai.grondslag
    assert "9:11" in vl.nalevingsitem("klachtbehandeling").grondslag
    assert "2:10 lid 2" in vl.nalevingsitem("aanwijzing_elektronische_kanalen").toelichting.nl
    assert "toegankelijkheidsverklaring.nl" in vl.nalevingsitem("digitale_toegankelijkheid").toelichting.nl
    assert set(NALEVING_STATUSSEN) == {"voldoet", "deels", "niet", "weet_niet", "nvt"}


def test_version_1__has_no_check_and_keeps_its_fingerprint() -> None:
    vl = laad_vragenlijst(VRAGENLIJSTEN_DIR / "1.0")
    assert vl.naleving == ()


def test_check__is_part_of_the_fingerprint(kopie_20: Path) -> None:
    voor = laad_vragenlijst(kopie_20)
    assert [i.id for i in voor.naleving] == ["verwerkingsregister", "klachtbehandeling", "dpia"]
    voor = voor.vingerafdruk
    _vervang(kopie_20 / NALEVING, "zes weken", "acht weken")
    assert laad_vragenlijst(kopie_20).vingerafdruk != voor
    (kopie_20 / NALEVING).unlink()
    zonder = laad_vragenlijst(kopie_20)
    assert zonder.naleving == () and zonder.vingerafdruk != voor


def test_duplicate_item_id__located_at_the_second(kopie_20: Path) -> None:
    pad = kopie_20 / NALEVING
    _vervang(pad, "- id: klachtbehandeling", "- id: verwerkingsregister")
    eerste = _regel_van(pad, "- id: verwerkingsregister")
    tweede = _regel_van(pad, "- id: verwerkingsregister", na=eerste)
    assert _problemen(kopie_20) == [
        f"2.0/naleving.yaml:{tweede}:9: nalevingsitem-id 'verwerkingsregister' staat dubbel (eerder op regel {eerste})"
    ]


def test_unknown_bouwsteen__located(kopie_20: Path) -> None:
    pad = kopie_20 / NALEVING
    _vervang(pad, "bouwsteen: datagestuurde_overheid", "bouwsteen: schuldhulp")
    regel = _regel_van(pad, "bouwsteen: schuldhulp")
    assert _problemen(kopie_20) == [f"2.0/naleving.yaml:{regel}:16: onbekende bouwsteen 'schuldhulp'"]


@pytest.mark.parametrize(
    ("oud", "nieuw", "melding"),
    [
        ("    nvt_mogelijk: true\n", "    nvt_mogelijk: misschien\n", "nvt_mogelijk"),
        ("    bron: Awb art. 9:11", "    bronnen: Awb art. 9:11", "onbekend veld 'bronnen'"),
        ("    grondslag: AVG art. 35\n", "    x: y\n", "verplicht veld 'grondslag' ontbreekt"),
        ("      nl: Kijk in de klachtenregistratie.", "      en: Look.", "'nl' ontbreekt"),
        ("  - id: dpia", "  - id: DPIA", "id"),
    ],
)
def test_malformed_item__located_dutch_message(kopie_20: Path, oud: str, nieuw: str, melding: str) -> None:
    _vervang(kopie_20 / NALEVING, oud, nieuw)
    problemen = _problemen(kopie_20)
    assert problemen and all(p.startswith("2.0/naleving.yaml:") for p in problemen), problemen
    assert any(melding in p for p in problemen), problemen


def test_unsafe_yaml__refused_as_every_questionnaire_file(kopie_20: Path) -> None:
    _vervang(kopie_20 / NALEVING, "  - id: dpia", "  - &a id: dpia")
    assert any("anker '&a' is niet toegestaan" in p for p in _problemen(kopie_20))


def test_empty_list__refused(kopie_20: Path) -> None:
    (kopie_20 / NALEVING).write_text("items: []\n", encoding="utf-8")
    assert any(p.startswith("2.0/naleving.yaml:1:") for p in _problemen(kopie_20))
