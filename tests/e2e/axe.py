"""axe-core in the real browser: the WCAG 2.0/2.1 A and AA rules over what a page shows now.

The script is the copy that the pinned PyPI package ``axe-playwright-python`` bundles (see
requirements-dev.txt): installed by the project's own lock file, never downloaded at test time.
Only its ``axe.min.js`` is used; the run itself is ours, so the rule set and the handling of
Streamlit's scroll container are explicit here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import axe_playwright_python

REGELS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Best-practice rules that check what WCAG 1.3.1 and 2.4.6 ask of headings and what the audit
# found by hand (an Invullen page without h1, levels skipped); axe files them outside the WCAG tags.
EXTRA = ["heading-order", "page-has-heading-one", "empty-heading", "aria-dialog-name", "presentation-role-conflict"]


@cache
def axe_script() -> str:
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def axe_versie() -> str:
    gevonden = re.search(r"axe v(\d+\.\d+\.\d+)", axe_script()[:400])
    return gevonden.group(1) if gevonden else "?"


@dataclass(frozen=True)
class Bevinding:
    """One node that violates one rule."""

    regel: str
    impact: str
    doel: str  # the node's CSS selector as axe gives it
    html: str  # the start of its markup, for the message
    uitleg: str

    def __str__(self) -> str:
        return f"{self.regel} ({self.impact}) {self.doel}: {self.uitleg} · {self.html}"


def strek(pagina: Any) -> None:
    """Make the viewport as tall as the page's content: axe skips what is scrolled out of
    Streamlit's own scroll container (stMain), so without this a long page is half checked."""
    hoogte = pagina.evaluate(
        """() => {
          const m = document.querySelector('[data-testid=stMain]');
          return Math.max(document.documentElement.scrollHeight, m ? m.scrollHeight : 0);
        }"""
    )
    breedte = pagina.viewport_size["width"] if pagina.viewport_size else 1280
    pagina.set_viewport_size({"width": breedte, "height": min(max(int(hoogte) + 40, 600), 16000)})


def controleer(pagina: Any, *, context: str | None = None) -> list[Bevinding]:
    """Run axe on ``pagina`` (or on the part ``context`` selects) and return every violating node."""
    if not pagina.evaluate("() => typeof window.axe !== 'undefined'"):
        pagina.evaluate(axe_script())
    uitkomst = pagina.evaluate(
        """async ([context, tags, extra]) => {
          const r = await axe.run(context || document, {runOnly: {type: 'tag', values: [...tags, 'best-practice']}, resultTypes: ['violations']});
          return r.violations.filter(v => v.tags.some(t => tags.includes(t)) || extra.includes(v.id)).map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160), summary: n.failureSummary || ''}))}));
        }""",
        [context, REGELS, EXTRA],
    )
    return [
        Bevinding(
            regel=v["id"],
            impact=v["impact"] or "",
            doel=n["target"],
            html=n["html"],
            uitleg=n["summary"].replace("\n", " ")[:240],
        )
        for v in uitkomst
        for n in v["nodes"]
    ]


def samenvatting(per_toestand: dict[str, list[Bevinding]]) -> str:
    """Counts per state and rule, as JSON (written to test-output for the note)."""
    uit: dict[str, dict[str, int]] = {}
    for toestand, bevindingen in per_toestand.items():
        telling: dict[str, int] = {}
        for b in bevindingen:
            telling[b.regel] = telling.get(b.regel, 0) + 1
        uit[toestand] = telling
    return json.dumps(uit, indent=1, ensure_ascii=False, sort_keys=True)
