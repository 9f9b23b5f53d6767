"""``letterlijk``: any text becomes Markdown that shows exactly that text (issue 13, case 1).

Two kinds of checks. The reader's view: undoing the escapes gives the text back (its lines kept,
or joined with ↵). The parser's view: no character that starts or ends a construct of
CommonMark, GFM or Streamlit's extensions is left unescaped, no colon or at sign is directly
followed by a name (shortcodes, directives, autolinks), no ``www.``, no line starts with blanks
and no line break is left that is not a hard break. The browser test
(tests/e2e/test_letterlijk_browser.py) shows the same in Chromium.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from scan.ui.weergave import ISOLATIE, REGELSCHEIDING, WOORDVERBINDER, letterlijk, zichtbare_tekst
from tests.vijandig import TEKSTEN

BETEKENISVOL = set("!#$&()*+-.:<=>@[\\]^_`{|}~")

# Text made of what Markdown reacts to, mixed with letters, blanks, line breaks and direction marks.
_STUKJES = st.sampled_from(
    [
        *BETEKENISVOL,
        *",;?%'\"/",
        "\n",
        "\r\n",
        "\u2028",
        " ",
        "    ",
        "\t",
        "a",
        "Z",
        "1",
        "www",
        "WwW",
        "http",
        "smile",
        "red",
        "material/x",
        "\u202e",
        "\u2066",
        "\u2060",
        "é",
        "\U0001f600",
        "===",
        "---",
        "- ",
        "1. ",
        "> ",
        "# ",
        "![](",
        "[^1]",
        "$$",
    ]
)
TEKST = st.one_of(st.lists(_STUKJES, max_size=40).map("".join), st.text(max_size=200))


def _regels(tekst: str) -> list[str]:
    # A word joiner of the text's own is invisible: the reader's view cannot tell it from ours.
    return [r.strip().replace(WOORDVERBINDER, "") for r in tekst.splitlines() if r.strip()]


def _controleer_opbouw(markdown: str, *, regels: bool) -> None:
    """The parser's view: nothing in ``markdown`` can start or end a construct."""
    delen = markdown.split("\\\n") if regels else [markdown]
    for deel in delen:
        assert "\n" not in deel and "\r" not in deel
        assert deel == deel.strip() or deel.startswith(ISOLATIE[0]), repr(deel)
        assert deel, "empty line"
        i = 0
        while i < len(deel):
            teken = deel[i]
            if teken == "\\":
                assert i + 1 < len(deel) and deel[i + 1] in BETEKENISVOL, repr(deel)
                i += 2
                continue
            assert teken not in BETEKENISVOL, f"{teken!r} unescaped in {deel!r}"
            i += 1
        # A colon or at sign is never directly followed by a name (shortcode, directive, autolink).
        # (The isolate that closes a line with direction controls is no name either.)
        assert not re.search(r"[:@](?![\s\u2060\u2069]|$)", deel), repr(deel)
        assert not re.search(r"(?i)www\\?\.", deel), repr(deel)


@given(TEKST)
def test_letterlijk__lines_kept__reads_back_as_the_text_and_nothing_is_markup(tekst: str) -> None:
    uit = letterlijk(tekst, regels=True)
    assert zichtbare_tekst(uit).split("\n") == (_regels(tekst) or [""])
    _controleer_opbouw(uit, regels=True) if uit else None


@given(TEKST)
@example("\u202e@")  # found by hypothesis: an at sign at the end of an isolated line
def test_letterlijk__one_line__reads_back_with_a_visible_sign_per_line_break(tekst: str) -> None:
    uit = letterlijk(tekst)
    assert "\n" not in uit
    assert zichtbare_tekst(uit) == REGELSCHEIDING.join(_regels(tekst))
    _controleer_opbouw(uit, regels=False) if uit else None


@pytest.mark.parametrize("payload", TEKSTEN, ids=lambda p: p.naam)
def test_letterlijk__every_catalogue_payload__stays_text_and_shows_its_marker(payload: object) -> None:
    tekst = payload.tekst  # type: ignore[attr-defined]
    for regels in (False, True):
        uit = letterlijk(tekst, regels=regels)
        if uit:
            _controleer_opbouw(uit, regels=regels)
        merkteken = payload.merkteken  # type: ignore[attr-defined]
        if merkteken is not None and "\n" not in merkteken:
            assert merkteken.strip() in zichtbare_tekst(uit)


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("Anna de Vries", "Anna de Vries"),
        ("3 / 80, 7,5 % 'ja' \"nee\"; klaar?", "3 / 80, 7,5 % 'ja' \"nee\"; klaar?"),  # nothing to escape
        ("![](http://x/t.png)", "\\!\\[\\]\\(http\\:\u2060//x/t\\.png\\)"),
        (":smile: om 10:30", "\\:\u2060smile\\: om 10\\:\u206030"),
        ("www.phish.example", "www\u2060\\.phish\\.example"),
        ("a@b.nl", "a\\@\u2060b\\.nl"),
        ("    code", "code"),
        ("Kop\n===", "Kop ↵ \\=\\=\\="),
        ("Jan\u202eneppaK", "\u2068Jan\u202eneppaK\u2069"),
    ],
)
def test_letterlijk__examples(tekst: str, verwacht: str) -> None:
    assert letterlijk(tekst) == verwacht


def test_letterlijk__lines_kept__as_hard_breaks_without_empty_lines() -> None:
    assert letterlijk("eerste\n\n  - tweede\r\nderde\\", regels=True) == "eerste\\\n\\- tweede\\\nderde\\\\"


def test_letterlijke_tabel__escapes_text_cells_keeps_numbers_and_our_column_names() -> None:
    from scan.ui.opmaak import letterlijke_tabel

    tabel = pd.DataFrame({"Naam (kort)": ["# Kop", "Anna"], "Aantal": [1, 2]})
    uit = letterlijke_tabel(tabel)
    assert list(uit.columns) == ["Naam (kort)", "Aantal"]
    assert list(uit["Naam (kort)"]) == ["\\# Kop", "Anna"]
    assert list(uit["Aantal"]) == [1, 2]
    assert list(letterlijke_tabel(pd.DataFrame({"[x](y)": [1]}), kolomnamen=True).columns) == ["\\[x\\]\\(y\\)"]


def test_woordverbinder_is_u2060() -> None:
    assert WOORDVERBINDER == "\u2060"
