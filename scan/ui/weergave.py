"""User text on screen: the one way to put text a person typed (or a file or the CBS list carried)
into anything Streamlit renders as Markdown, so that it shows as exactly that text and never as
markup.

Layer: application (``scan/``), pure (no streamlit), so the rule is tested without a browser.

Where Streamlit 1.67 renders Markdown (and so where ``letterlijk`` is needed): st.markdown,
st.caption, st.write of a string, st.title/header/subheader, st.toast, st.error/warning/info/
success, st.table (body cells *and* column headers), every widget label (checkbox, toggle, radio
and its options and captions, text_input, selectbox, expander, tabs, popover, button, metric
label *and* value), st.progress text and ``help=`` tooltips. Where it does not (pass the raw text,
an escape would show its backslashes): selectbox/multiselect options, widget values and
placeholders, st.code, st.dataframe, st.text, chart labels (SVG text).

What a browser showed (Chromium, Streamlit 1.67; tests/e2e/test_letterlijk_browser.py keeps it
true): a backslash before every ASCII punctuation mark stops everything CommonMark and GFM build
(images, links, headings, emphasis, code, lists, quotes, tables, strikethrough, footnotes, HTML
and entities) and also Streamlit's own extensions: LaTeX ``$..$``, colour and badge directives
``:red[..]``, ``:material/icon:`` and emoji shortcodes ``:smile:``. It does *not* stop GFM's
literal autolinks: ``https://…``, ``www.…`` and ``naam@domein`` are found in the text after the
escapes are gone. A WORD JOINER (U+2060, invisible, no width, not a break) after ``:`` and ``@``
and between ``www`` and ``.`` breaks those patterns; it is also put after every other ``:``
followed by a character, so a future shortcode or directive plugin finds no name after a colon
either. Line breaks are the other hole: a newline can end a list item or a table row, turn the
previous line into a heading (``===``) or start an indented code block, so lines are either
joined with a visible sign (``regels=False``, for one-line places) or kept as Markdown hard
breaks (backslash at the end of a line), which stay inside a paragraph, list item, table cell or
alert.
"""

from __future__ import annotations

import functools
import re

WOORDVERBINDER = "\u2060"
"""U+2060 WORD JOINER: invisible and without width; breaks autolink and shortcode patterns."""

REGELSCHEIDING = " ↵ "
"""Where a text's line breaks were, in places that hold one line (labels, headings, table rows)."""

# Every ASCII punctuation mark that means something to CommonMark, GFM or Streamlit's extensions
# (CommonMark lets each be escaped with a backslash, and an escaped mark is always literal text).
# Left alone, because no construct starts or ends with them: , ; ? % ' " / (a slash only matters
# after a colon, which is escaped and joined). That keeps numbers (7,5) and counts (3 / 80) in
# the Markdown source as they are shown.
_LEESTEKEN = re.compile(r"([!#$&()*+\-.:<=>@\[\\\]^_`{|}~])")
# After escaping: a colon or at sign followed by anything but a space gets the word joiner.
_NA_DUBBELPUNT_OF_AT = re.compile(r"(?<=[:@])(?=\S)")
_WWW = re.compile(r"(?i)(www)(?=\.)")
# Explicit direction controls (embeddings, overrides, isolates, marks): an override left open in
# a name would reverse the text after it in the same paragraph (our own words, other names).
_RICHTING = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ISOLATIE = ("\u2068", "\u2069")
"""FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE around a line with direction controls: the
isolate closes whatever the text opened, so it cannot reorder what stands beside it."""


def _regel(regel: str) -> str:
    # Leading blanks would make an indented code block, trailing ones a hard break.
    tekst = _WWW.sub(lambda m: m.group(1) + WOORDVERBINDER, regel.strip())
    tekst = _LEESTEKEN.sub(r"\\\1", tekst)
    tekst = _NA_DUBBELPUNT_OF_AT.sub(WOORDVERBINDER, tekst)
    if tekst and _RICHTING.search(tekst):
        return ISOLATIE[0] + tekst + ISOLATIE[1]
    return tekst


# Pure and called for every stelling, level description and name on every rerun (about 60 on
# Invullen): the same texts come back each time, so the result is remembered.
@functools.lru_cache(maxsize=8192)
def letterlijk(tekst: str, *, regels: bool = False) -> str:
    """``tekst`` as a Markdown fragment that Streamlit shows as exactly that text.

    The rule: every text a user (or an imported file, or a reference list) supplied goes through
    this function before it reaches a Markdown-rendering call, also inside a ``t(...)`` template,
    an f-string, a table cell or an exception message (``letterlijk(str(fout))``). Never for
    places that show text plainly (options, widget values, st.code, st.dataframe): there the
    backslashes would show.

    ``regels=False`` (default): one line, for every place: the text's own line breaks become
    ``↵``. ``regels=True``: each line on its own line (Markdown hard breaks), for places where a
    line break can stand: a paragraph, a list item, an alert, a cell of st.table; not in a
    heading, a Markdown table row or a widget label. Empty lines are dropped either way.
    """
    delen = [_regel(r) for r in tekst.splitlines()]
    delen = [d for d in delen if d]
    if regels:
        # A backslash at the end of a line is a hard break; the next line continues the same
        # paragraph (also lazily, inside a list item), and it cannot start a block: it has no
        # leading blanks and every mark on it is escaped.
        return "\\\n".join(delen)
    return REGELSCHEIDING.join(delen)


def zichtbare_tekst(markdown: str) -> str:
    """The text a reader sees from ``letterlijk``'s output: escapes, joiners and isolates removed
    (to measure a message, and in tests)."""
    tekst = markdown.replace("\\\n", "\n").replace(WOORDVERBINDER, "")
    stukken = re.split(f"(\n|{re.escape(REGELSCHEIDING)})", tekst)
    tekst = "".join(
        stuk if i % 2 else stuk.removeprefix(ISOLATIE[0]).removesuffix(ISOLATIE[1]) for i, stuk in enumerate(stukken)
    )
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", tekst)
