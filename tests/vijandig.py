"""The catalogue of hostile input (issue 13): one table of payloads, used by every test that feeds
user text, files or numbers into the app (services, import, PDFs, exports and, in the browser,
every page).

Each payload has a short ``naam`` (used as test id), the ``tekst`` itself and a ``soort``. A test
picks what applies to the field it fills: a name field gets every ``TEKSTEN`` entry cut to its
maximum length; a number field gets ``GETALLEN``; a date gets ``DATUMS``. Markup payloads carry a
``merkteken`` (a string that must appear *literally* on screen when the text is shown) so a browser
test can check that the text stayed text.

Why one table: the attack in issue 13 found each hole in a different field; a payload kept in one
test finds it in that field only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


@dataclass(frozen=True)
class Payload:
    naam: str
    tekst: str
    soort: str  # markup | markdown | shortcode | bidi | onzichtbaar | stuurteken | lang | regels
    # What a browser must find as visible text when this payload is shown (None: nothing stable).
    merkteken: str | None = None


# Markup and Markdown: each would create an element (img, a, heading, math, icon, colour) if
# interpreted. The marker is a fragment that is only visible when the text is shown literally.
MARKUP: tuple[Payload, ...] = (
    Payload("html_img", '<img src="http://127.0.0.9:9/x.png" onerror="alert(1)">', "markup", "<img src="),
    Payload("html_script", "<script>alert('x')</script>", "markup", "<script>"),
    Payload("html_a", '<a href="https://phish.example">Inloggen</a>', "markup", "<a href="),
    Payload("svg", "<svg onload=alert(1)>", "markup", "<svg"),
    Payload("md_img", "![](http://127.0.0.9:9/t.png)", "markdown", "![](http"),
    Payload("md_link", "[Klik hier](https://phish.example)", "markdown", "[Klik hier]"),
    Payload("md_heading", "# Groot", "markdown", "# Groot"),
    Payload("md_setext", "Kop\n===", "regels", "==="),
    Payload("md_bold", "**vet** en _schuin_", "markdown", "**vet**"),
    Payload("md_code", "`code` en ```blok```", "markdown", "`code`"),
    Payload("md_list", "- punt\n1. genummerd", "regels", "1. genummerd"),
    Payload("md_quote", "> citaat", "markdown", "> citaat"),
    Payload("md_table", "| a | b |\n|---|---|\n| 1 | 2 |", "regels", "|---|"),
    Payload("latex", "$$\\frac{1}{0}$$ en $x^2$", "markdown", "$x^2$"),
    Payload("kleur", ":red[rood] :blue-background[blauw] :small[klein]", "shortcode", ":red[rood]"),
    Payload("icoon", ":material/warning: waarschuwing", "shortcode", ":material/warning:"),
    Payload("emoji", ":smile: :rocket:", "shortcode", ":smile:"),
    Payload(
        "kale_url", "zie https://phish.example/login en www.phish.example", "markdown", "https://phish.example/login"
    ),
    Payload("mail", "mail naar iemand@phish.example", "markdown", "iemand@phish.example"),
    Payload("html_entiteit", "&lt;b&gt; &amp; &#x3C;", "markup", "&lt;b&gt;"),
    Payload("backslash", "\\*geen\\* \\\\ \\", "markdown", "\\*geen\\*"),
    Payload("inspring", "    ingesprongen code", "markdown", "ingesprongen code"),
    Payload("formule", '=HYPERLINK("https://phish.example","klik")', "markup", "=HYPERLINK("),
    Payload("formule_plus", "+cmd|' /C calc'!A0", "markup", "+cmd|"),
    Payload("voetnoot", "tekst[^1]\n\n[^1]: voetnoot", "regels", "[^1]"),
)

# Characters that make two names look alike or reorder what is shown.
ONZICHTBAAR: tuple[Payload, ...] = (
    Payload("rlo", "Jan\u202eneppaK", "bidi"),
    Payload("lri", "An\u2066na\u2069", "bidi"),
    Payload("zwsp", "Pi\u200bet", "onzichtbaar"),
    Payload("zwj", "Pi\u200det", "onzichtbaar"),
    Payload("bom", "\ufeffPiet", "onzichtbaar"),
    Payload("nbsp", "Piet\u00a0\u00a0Jansen", "onzichtbaar"),
    Payload("nfd", "Jose\u0301", "onzichtbaar"),  # NFC: "José"
)

STUURTEKENS: tuple[Payload, ...] = (
    Payload("esc", "Piet\x1b[31m", "stuurteken"),
    Payload("bel", "Piet\x07", "stuurteken"),
    Payload("nul", "Piet\x00", "stuurteken"),
    Payload("del", "Piet\x7f", "stuurteken"),
    Payload("c1", "Piet\x85x", "stuurteken"),
)

LANG: tuple[Payload, ...] = (
    Payload("lang_woord", "x" * 4000, "lang"),
    Payload("lang_zin", ("Het KCC beantwoordt vragen via alle kanalen. " * 100)[:4000], "lang"),
    Payload("veel_regels", "\n" * 4000, "regels"),
    Payload("regels_tekst", "regel\n" * 650, "regels"),
    Payload("lang_emoji", "\U0001f600" * 1000, "lang"),
)

TEKSTEN: tuple[Payload, ...] = MARKUP + ONZICHTBAAR + STUURTEKENS + LANG


def tekst_voor_veld(payload: Payload, maximum: int) -> str:
    """The payload as a field with ``maximum`` characters takes it (the UI cuts, a file does not)."""
    return payload.tekst[:maximum]


# Numbers a goal, an ambition or an exchange file could carry.
GETALLEN: tuple[tuple[str, object], ...] = (
    ("nan", math.nan),
    ("inf", math.inf),
    ("min_inf", -math.inf),
    ("groot", 1e308),
    ("negatief", -1.0),
    ("enorm_geheel", 10**4400 - 1),  # Python refuses str() of more than 4,300 digits
    ("tekst_nan", "NaN"),
    ("tekst_inf", "Infinity"),
    ("bool", True),
)

# Dates and times at and beyond what Python and the databases can carry.
DATUMS: tuple[tuple[str, str], ...] = (
    ("jaar_1", "0001-01-01T00:00:00+00:00"),
    ("jaar_9999_min14", "9999-12-31T23:59:59-14:00"),
    ("jaar_9999_plus14", "9999-12-31T23:59:59+14:00"),
    ("jaar_0", "0000-01-01T00:00:00+00:00"),
    ("geen_datum", "gisteren"),
    ("zonder_zone", "2026-12-07T10:00:00"),
    ("toekomst", (datetime.now(UTC) + timedelta(days=365 * 50)).isoformat()),
)


def namen() -> dict[str, str]:
    """Every text payload by name, for ``pytest.mark.parametrize(ids=...)``."""
    return {p.naam: p.tekst for p in TEKSTEN}
