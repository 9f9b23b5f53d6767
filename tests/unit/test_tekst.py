"""The one text rule (scoring.tekst): properties over any text, the hostile catalogue, the limits table."""

from __future__ import annotations

import ast
import datetime as dt
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scoring import tekst
from scoring.models import Vragenlijst
from scoring.scantekst import MAX_MELDINGEN, schoon_scan
from scoring.tekst import VELDEN, TekstFout, controleer, normaliseer, sleutel
from tests.vijandig import LANG, ONZICHTBAAR, STUURTEKENS

# Any text, weighted towards what the rule is about: format characters, controls, odd spaces.
_LASTIG = st.sampled_from(
    [
        *("\u202e", "\u2066", "\u2069", "\u200b", "\u200d", "\ufeff", "\u00ad", "\u00a0", "\u2028"),
        *("\r\n", "\r", "\n", "\t", " ", "\x1b", "\x07", "\x00", "\x7f", "\x85", "e\u0301", "\u3000", "\n\n\n\n"),
    ]
)
_TEKST = st.lists(st.text(st.characters(exclude_categories=("Cs",)), max_size=8) | _LASTIG, max_size=12).map("".join)
_NAAM = st.text(st.characters(categories=("L", "N")), min_size=1, max_size=12)


def _verboden(c: str, meerregelig: bool) -> bool:
    categorie = unicodedata.category(c)
    if categorie == "Cf":
        return True
    if categorie == "Cc":
        return not (meerregelig and c in "\n\t")
    return False


@given(_TEKST, st.booleans())
def test_normaliseer__is_idempotent(invoer: str, meerregelig: bool) -> None:
    eens = normaliseer(invoer, meerregelig=meerregelig)
    assert normaliseer(eens, meerregelig=meerregelig) == eens


@given(_TEKST, st.sampled_from(sorted(VELDEN)))
def test_controleer__output_has_no_format_or_control_characters(invoer: str, soort: str) -> None:
    veld = VELDEN[soort]
    try:
        schoon = controleer(invoer, soort, "Het veld")
    except TekstFout as fout:
        assert str(fout).startswith("Het veld ")
        return
    if schoon is None:
        return
    assert not any(_verboden(c, veld.meerregelig) for c in schoon)
    assert schoon == unicodedata.normalize("NFC", schoon)
    assert len(schoon) <= veld.maximum
    if not veld.meerregelig:
        assert "\n" not in schoon and "  " not in schoon and schoon == schoon.strip()
    else:
        assert "\r" not in schoon and "\n\n\n" not in schoon
        assert all(regel == regel.rstrip() for regel in schoon.split("\n"))


@given(_TEKST, st.sampled_from(sorted(VELDEN)))
def test_controleer__refuses_control_characters_and_says_so(invoer: str, soort: str) -> None:
    kort = invoer[:100]
    stuur = any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in kort)
    try:
        controleer(kort, soort, "Het veld")
    except TekstFout as fout:
        assert ("onzichtbare stuurtekens" in str(fout)) == stuur
        return
    assert not stuur


_ONZICHTBAAR_IN_NAAM = st.sampled_from(["\u202e", "\u202d", "\u2066", "\u2069", "\u200b", "\u200c", "\u200d", "\ufeff"])


@given(_NAAM, st.data())
def test_sleutel__look_alike_names_share_one_key(naam: str, data: st.DataObject) -> None:
    """Names that differ only in format characters, spacing, NFC form or case are one name."""
    delen = list(unicodedata.normalize("NFD", naam))  # the same name, decomposed
    for _ in range(data.draw(st.integers(1, 4))):
        plek = data.draw(st.integers(0, len(delen)))
        delen.insert(plek, data.draw(_ONZICHTBAAR_IN_NAAM))
    vermomd = (
        data.draw(st.sampled_from(["", " ", "\u00a0", "\t"]))
        + "".join(delen)
        + data.draw(st.sampled_from(["", "  ", "\u00a0"]))
    )
    assert sleutel(vermomd) == sleutel(naam)
    assert sleutel(vermomd.upper()) == sleutel(naam.upper())
    assert sleutel(f"{naam}  \u00a0 {naam}") == sleutel(f"{naam} {naam}")


@pytest.mark.parametrize("payload", ONZICHTBAAR, ids=lambda p: p.naam)
def test_invisible_payloads__are_cleaned_and_match_their_visible_twin(payload: object) -> None:
    tekst = payload.tekst  # type: ignore[attr-defined]
    schoon = controleer(tekst, "naam", "Uw naam")
    assert schoon is not None
    assert not any(unicodedata.category(c) == "Cf" for c in schoon)
    zichtbaar = "".join(c for c in tekst if unicodedata.category(c) != "Cf").replace("\u00a0", " ")
    assert sleutel(tekst) == sleutel(zichtbaar)


def test_invisible_payloads__examples() -> None:
    assert controleer("Jan\u202eneppaK", "naam", "Uw naam") == "JanneppaK"
    assert controleer("\ufeffPi\u200bet\u00a0\u00a0Jansen ", "naam", "Uw naam") == "Piet Jansen"
    assert controleer("Jose\u0301", "naam", "Uw naam") == "José"
    assert sleutel("Ｐｉｅｔ") == sleutel("piet")  # full-width letters look alike too
    assert sleutel("Piet\u3164") == sleutel("Pi\u034fet") == sleutel("Piet")  # invisible letters outside Cf
    assert sleutel("Piet \u2764\ufe0f") == sleutel("Piet \u2764")  # an emoji's variation selector


@pytest.mark.parametrize("payload", STUURTEKENS, ids=lambda p: p.naam)
@pytest.mark.parametrize("soort", ["naam", "toelichting"])
def test_control_payloads__are_refused_naming_the_field(payload: object, soort: str) -> None:
    with pytest.raises(TekstFout, match=r"^Uw naam bevat onzichtbare stuurtekens \(.*U\+00"):
        controleer(payload.tekst, soort, "Uw naam")  # type: ignore[attr-defined]


def test_lines__kept_in_multi_line_fields_and_collapsed_elsewhere() -> None:
    assert controleer("a \r\n\r\n\r\n\r\nb  \n\tc", "toelichting", "De toelichting") == "a\n\nb\n\tc"
    assert controleer("a \r\n\r\n\r\n\r\nb  \n\tc", "titel", "De titel") == "a b c"
    assert controleer("\n" * 4000, "actie", "De actie") is None
    assert controleer("regel\n" * 650, "actie", "De actie") == "\n".join(["regel"] * 650)
    with pytest.raises(TekstFout, match=r"^De actie is leeg"):
        controleer("\u200b\n\n", "actie", "De actie", verplicht=True)


@pytest.mark.parametrize("payload", LANG, ids=lambda p: p.naam)
def test_long_payloads__are_refused_beyond_the_limit_with_field_and_limit(payload: object) -> None:
    tekst = payload.tekst  # type: ignore[attr-defined]
    for soort, veld in VELDEN.items():
        schoon = normaliseer(tekst, meerregelig=veld.meerregelig)
        if len(schoon) <= veld.maximum:
            assert controleer(tekst, soort, "Het veld") == (schoon or None)
            continue
        with pytest.raises(
            TekstFout, match=rf"^Het veld is {len(schoon)} tekens lang; het maximum is {veld.maximum}\."
        ):
            controleer(tekst, soort, "Het veld")


def test_sleutel__fits_the_column_even_when_folding_lengthens() -> None:
    naam = "ß" * VELDEN["naam"].maximum
    assert controleer(naam, "naam", "Uw naam") == naam
    assert len(sleutel(naam)) == tekst.MAX_SLEUTEL


_VRIJ_MAX_CHARS = {"start.code", "start.terug.link", "doelen.veld.nulmeting", "doelen.veld.streefwaarde"}
"""Fields that are no stored free text: a join code, a link, numbers (own validation)."""


def test_pages__take_max_chars_from_the_table() -> None:
    """Every max_chars on a page reads ``scoring.tekst.maximum``, so the page and the service agree."""
    wortel = Path(__file__).resolve().parents[2] / "scan"
    los: list[str] = []
    for bestand in sorted(wortel.rglob("*.py")):
        for knoop in ast.walk(ast.parse(bestand.read_text(encoding="utf-8"))):
            if not isinstance(knoop, ast.Call):
                continue
            for kw in knoop.keywords:
                if kw.arg != "max_chars":
                    continue
                waarde = kw.value
                if isinstance(waarde, ast.Call) and getattr(waarde.func, "id", None) == "maximum":
                    assert isinstance(waarde.args[0], ast.Constant) and waarde.args[0].value in VELDEN
                    continue
                label = knoop.args[0] if knoop.args else None
                sleutel_ = (
                    label.args[0].value
                    if isinstance(label, ast.Call) and label.args and isinstance(label.args[0], ast.Constant)
                    else None
                )
                if sleutel_ not in _VRIJ_MAX_CHARS:
                    los.append(f"{bestand.name}:{knoop.lineno} ({sleutel_})")
    assert not los, f"max_chars niet uit scoring.tekst: {los}"


def test_schoon_scan__names_each_refusal_and_counts_the_rest(vragenlijst: Vragenlijst) -> None:
    scan = maak_demo(vragenlijst, zoek_gemeente("Utrecht"), 3, dt.date(2026, 11, 22), seed=5)
    slecht = scan.model_copy(
        update={"antwoorden": [a.model_copy(update={"toelichting": "zie\x07"}) for a in scan.antwoorden[:40]]}
    )
    _, problemen = schoon_scan(slecht)
    assert len(problemen) == MAX_MELDINGEN + 1
    eerste = slecht.antwoorden[0]
    assert problemen[0] == (
        f"antwoord 1 (deelnemer '{eerste.deelnemer}', stelling {eerste.stelling}), toelichting bevat onzichtbare "
        "stuurtekens (BEL (U+0007)); haal die weg of typ de tekst opnieuw."
    )
    assert problemen[-1].startswith(f"en nog {40 - MAX_MELDINGEN} tekstvelden")
    schoon, geen = schoon_scan(scan)
    assert geen == [] and schoon == scan  # the app's own export is clean already
