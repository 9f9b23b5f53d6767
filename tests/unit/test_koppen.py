"""Headings without Streamlit's English "Link to heading" anchor (issue 17, item 2; WCAG 2.4.6 and
3.1.2): every ``st.title`` / ``st.header`` / ``st.subheader`` in the app passes ``anchor=False`` and
every ``markdown`` call ``anchors=False`` (a Markdown heading, ``### ...`` in a text of the
catalogue, gets the same link), so a screen reader or keyboard user meets no English link stop
after a heading."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CODE = [*sorted((ROOT / "scan" / "ui").rglob("*.py")), ROOT / "app.py"]


def test_every_heading__has_no_anchor_link() -> None:
    zonder: list[str] = []
    for bestand in CODE:
        for knoop in ast.walk(ast.parse(bestand.read_text(encoding="utf-8"))):
            if (
                isinstance(knoop, ast.Call)
                and isinstance(knoop.func, ast.Attribute)
                and knoop.func.attr in ("title", "header", "subheader")
                and isinstance(knoop.func.value, ast.Name)
                and knoop.func.value.id == "st"
            ):
                anker = next((k.value for k in knoop.keywords if k.arg == "anchor"), None)
                if not (isinstance(anker, ast.Constant) and anker.value is False):
                    zonder.append(f"{bestand.relative_to(ROOT)}:{knoop.lineno}")
    assert not zonder, "koppen met een Engelse ankerlink (geef anchor=False):\n" + "\n".join(zonder)


def test_every_markdown__renders_headings_without_anchor_links() -> None:
    zonder: list[str] = []
    for bestand in CODE:
        for knoop in ast.walk(ast.parse(bestand.read_text(encoding="utf-8"))):
            if isinstance(knoop, ast.Call) and isinstance(knoop.func, ast.Attribute) and knoop.func.attr == "markdown":
                anker = next((k.value for k in knoop.keywords if k.arg == "anchors"), None)
                if not (isinstance(anker, ast.Constant) and anker.value is False):
                    zonder.append(f"{bestand.relative_to(ROOT)}:{knoop.lineno}")
    assert not zonder, "markdown zonder anchors=False:\n" + "\n".join(zonder)
