"""What assistive technology needs from every page and Streamlit does not give (issue 17): the
document's language, a title per page, a live region the app owns for passing messages, and
focus on the new page's h1 after a page change.

Layer: ``scan/ui``. The router (``app.py``) opens ``plek()`` at the top of every run and calls
``sluit_af`` once the page has run; pages and panels only call ``meld`` / ``kondig_aan`` /
``richt_op_kop`` / ``paginatitel``.

Why a script of our own (accessibility audit §7, fixes 2, 3 and 13):

- Language: Streamlit's ``index.html`` says ``<html lang="en">`` and has no option for it.
  Patching that file in site-packages would have to be redone by every install (CI installs
  from the lock into a fresh venv, a deployment may use its own image), and a forgotten step
  fails silently. A script that sets ``document.documentElement.lang = "nl"`` is part of the app
  itself: Streamlit never rewrites ``<html>`` after load, so once set it holds through reruns and
  page switches, and the script runs again on every run (and watches the attribute) so it also
  re-applies should anything reset it. Only the first paint, before the app's first run, is
  ``en``; a screen reader reads the page after it has rendered. ``docs/architecture.md`` says
  the same.
- Live region: Streamlit's toast is an ``alertdialog`` without a live region, so "Opgeslagen" is
  never announced (WCAG 4.1.3). Two visually hidden regions (``role=status`` polite and
  ``role=alert``) are put in ``<body>``, outside Streamlit's React tree, so reruns and page
  switches leave them alone; each message is written into them (the toast stays for sighted
  users).
- Focus: after Volgende/Vorige, a bouwsteen choice or joining, focus moves to the new page's h1
  (made focusable with ``tabindex=-1``) instead of dropping to ``<body>``.
- Single-key shortcuts: Streamlit reruns on "r" (and offers "c") outside a field, with no option
  to switch it off (WCAG 2.1.4); the script catches those keys before Streamlit's listener.
- Toast name: Streamlit's toast is an ``alertdialog`` labelled by an id that does not exist; the
  script names it "Melding" (the words themselves reach the live region).
- Scrolling tables: a table wider than its column scrolls in Streamlit's own box, which takes no
  keyboard focus; the script makes such a box a focusable, named region while it overflows.
- English names: Streamlit's icon buttons get Dutch accessible names ("Downloaden als CSV",
  "Uitleg bij ..."); English text it shows (skip link, upload box) is marked ``lang="en"``.

The script runs in the app's own document (``st.html`` with JavaScript) inside a hidden
container that is there on every run (an element that comes and goes would move the ones below
it, and the browser would rebuild those widgets). Messages carry a number per session; the
browser announces each number once, so a message that is sent again (a run that was cut short
by a rerun sends it on the next) is not read twice.
"""

from __future__ import annotations

import json
import re
import secrets
from typing import Any

import streamlit as st

from scan.ui.opmaak import HUISSTIJL_CSS
from scan.ui.teksten import t
from scan.ui.weergave import zichtbare_tekst

PLEK = "toegankelijkheid"
"""Key of the hidden container that holds the script (hidden by ``scan.ui.opmaak``'s CSS)."""
_BERICHTEN = "toegankelijk_berichten"
_TELLER = "toegankelijk_teller"
_SESSIE = "toegankelijk_sessie"
_FOCUS = "toegankelijk_focus"
BEWAARD = 5
"""Messages kept for a resend: more than a run can produce before the browser has read them."""

_MARKDOWN_ICOON = re.compile(r":material/[a-z0-9_]+:\s*")
_VET = re.compile(r"(?<!\\)(\*\*|__)")


def platte_tekst(markdown: str) -> str:
    """What a screen reader should hear of a Markdown message: no icons (their English names),
    no emphasis marks, no escapes."""
    return " ".join(zichtbare_tekst(_VET.sub("", _MARKDOWN_ICOON.sub("", markdown))).split())


def paginatitel(*delen: str) -> None:
    """The browser tab's title (WCAG 2.4.2): the most specific part first, the app last, as in
    "Invullen – 1. Kanaalinzet – Omnichannel zelfscan". Plain text (never Markdown)."""
    st.set_page_config(page_title=" – ".join([*delen, t("app.titel")]))


def _volgend_nummer() -> int:
    nummer = int(st.session_state.get(_TELLER, 0)) + 1
    st.session_state[_TELLER] = nummer
    return nummer


def kondig_aan(markdown: str, *, fout: bool = False) -> None:
    """Say ``markdown`` (a catalogue text, user text already through ``letterlijk``) to a screen
    reader: through the polite status region, or the alert region for an error. It is sent with
    the next script of this session (at the end of this run, or of the next run when this one is
    cut short), so it also works from a widget's callback."""
    tekst = platte_tekst(markdown)
    if not tekst:
        return
    berichten: list[list[Any]] = st.session_state.setdefault(_BERICHTEN, [])
    berichten.append([_volgend_nummer(), tekst, fout])
    del berichten[:-BEWAARD]


def meld(markdown: str, *, fout: bool = False) -> None:
    """A passing message: Streamlit's toast for the eye (without an icon: its English name is
    not part of the message) and the same words in the live region."""
    st.toast(markdown, icon=":material/error:" if fout else ":material/check_circle:")
    kondig_aan(markdown, fout=fout)


def richt_op_kop(kop: str | None = None) -> None:
    """After this run, move focus to the page's h1; with ``kop``, to the h1 that reads exactly
    that (plain text), so an h1 of the page that is being replaced is never the one focused."""
    st.session_state[_FOCUS] = [_volgend_nummer(), kop]


def plek() -> Any:
    """The hidden container the scripts go into; the router opens it first on every run. The
    page-independent part (language, names, keys) goes in at once; ``sluit_af`` adds the
    messages and the focus request once the page has run."""
    plaats = st.container(key=PLEK, border=False)
    with plaats:
        st.html(_VAST, unsafe_allow_javascript=True)
    return plaats


def _json(waarde: object) -> str:
    # Inside <script>: no "</script>", "<!--" or HTML entity can form from the data.
    return (
        json.dumps(waarde, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    )


_CSS = _json(HUISSTIJL_CSS)

# Our own script; the only data in it is JSON (see _json), written with textContent, never as HTML.
# What every page needs whatever it does: sent at the start of every run, so a page that stops
# early (st.stop: no session, no round chosen) still speaks Dutch, with Dutch names, on its
# first load. Idempotent: each part installs itself once per document.
_VAST = """<script>(() => {
const d = document, html = d.documentElement, st = window.__zelfscan || (window.__zelfscan = {});
const nl = () => { if (html.lang !== 'nl') html.lang = 'nl'; };
nl();
// The house style in the document head, where nothing of Streamlit's redraws it (scan.ui.opmaak.huisstijl).
let stijl = d.getElementById('zelfscan-huisstijl');
if (!stijl) { stijl = d.createElement('style'); stijl.id = 'zelfscan-huisstijl'; d.head.appendChild(stijl); }
const CSS = __CSS__;
if (stijl.textContent !== CSS) stijl.textContent = CSS;
if (!st.taal) { st.taal = new MutationObserver(nl); st.taal.observe(html, {attributes: true, attributeFilter: ['lang']}); }
// WCAG 2.1.4: Streamlit reruns the page on the single key "r" (and offers "c") and has no option
// to turn that off; a speech-input user saying a word starting with r, or a stray key, would
// rerun. Caught before Streamlit's own document listener sees it; typing in fields is untouched.
if (!st.toetsen) {
  st.toetsen = true;
  window.addEventListener('keydown', e => {
    if (e.ctrlKey || e.metaKey || e.altKey || !['r', 'R', 'c', 'C'].includes(e.key)) return;
    const doel = e.target;
    if (doel && (doel.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(doel.tagName))) return;
    e.stopImmediatePropagation();
  }, true);
}
// Streamlit's toast is an alertdialog whose aria-labelledby points to nothing (axe aria-dialog-name).
// A table wider than its column scrolls in its own box (allowed by WCAG 1.4.10), but Streamlit's
// box takes no keyboard focus, so a keyboard user could not scroll it (2.1.1, axe
// scrollable-region-focusable): a box that overflows becomes a named, focusable region, one that
// fits is left out of the tab order. Checked once per frame at most, after changes and resizes.
const verzorg = () => {
  st.gepland = false;
  d.querySelectorAll('[data-testid="stToast"][role="alertdialog"]:not([aria-label])')
    .forEach(e => e.setAttribute('aria-label', 'Melding'));
  // Streamlit's table box, and the projector's own tables that scroll on a narrow screen.
  d.querySelectorAll('[data-testid="stTable"] > div, [data-testid="stMain"] table').forEach(e => {
    if (e.scrollWidth > e.clientWidth + 1) {
      if (e.getAttribute('tabindex') !== '0') {
        e.setAttribute('tabindex', '0'); e.setAttribute('role', 'region');
        e.setAttribute('aria-label', 'Tabel; schuift opzij met de pijltoetsen');
      }
    } else if (e.hasAttribute('tabindex')) {
      e.removeAttribute('tabindex'); e.removeAttribute('role'); e.removeAttribute('aria-label');
    }
  });
};
// WCAG 3.1.2: Streamlit names its icon buttons in English ("Download as CSV", "Help for ...",
// "Collapse sidebar"); a Dutch screen reader reads them in Dutch pronunciation. Those names get
// their Dutch words; English text that is shown (the skip link, the upload box) is marked
// lang="en" so it is read as English.
const NAMEN = [['Download as CSV', 'Downloaden als CSV'], ['Download as PNG', 'Downloaden als PNG'],
  ['Close fullscreen', 'Volledig scherm sluiten'], ['Fullscreen', 'Volledig scherm'], ['Show data', 'Gegevens tonen'],
  ['Help for ', 'Uitleg bij '], ['Remove ', 'Verwijderen: '], ['Search', 'Zoeken'], ['Clear all', 'Alles wissen'],
  ['Open', 'Openen'], ['Close', 'Sluiten'], ['Choose date', 'Datum kiezen'], ['Collapse sidebar', 'Zijbalk inklappen'],
  ['Expand sidebar', 'Zijbalk openen'], ['Copy to clipboard', 'Kopiëren'], ['Scroll tabs right', 'Meer tabbladen rechts'],
  ['Scroll tabs left', 'Meer tabbladen links'], ['App pages', "Pagina's"], ['Sidebar', 'Zijbalk'],
  ['Selected values', 'Gekozen waarden'], ['Show/hide columns', 'Kolommen tonen of verbergen'], ['day, ', 'dag, '],
  ['month, ', 'maand, '], ['year, ', 'jaar, '], ['progress', 'voortgang'], ['file upload', 'bestand kiezen'],
  ['Notifications', 'Meldingen']];
const vertaal = naam => {
  for (const [en, nl] of NAMEN) {
    if (naam === en) return nl;
    if (naam.startsWith(en + ': ')) return nl + naam.slice(en.length);
    if (/[ ,]$/.test(en) && naam.startsWith(en)) return nl + naam.slice(en.length);
  }
  return null;
};
const talen = () => {
  d.querySelectorAll('[aria-label]').forEach(e => { const nl = vertaal(e.getAttribute('aria-label')); if (nl) e.setAttribute('aria-label', nl); });
  // Not tooltips: a help tooltip holds the app's own Dutch text.
  d.querySelectorAll('[data-testid="stSkipToContent"], [data-testid="stFileUploaderDropzoneInstructions"],'
    + ' [data-testid="stFileUploaderDropzone"] button')
    .forEach(e => { if (e.getAttribute('lang') !== 'en') e.setAttribute('lang', 'en'); });
};
const plan = () => { if (!st.gepland) { st.gepland = true; requestAnimationFrame(() => { verzorg(); talen(); }); } };
talen();
verzorg();
if (!st.toast) {
  st.toast = new MutationObserver(plan);
  st.toast.observe(d.body, {childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label']});
  window.addEventListener('resize', plan);
}
})();</script>""".replace("__CSS__", _CSS)

_SCRIPT = """<script>(() => {
const data = %s;
const d = document, st = window.__zelfscan || (window.__zelfscan = {});
if (st.sessie !== data.sessie) { st.sessie = data.sessie; st.gemeld = 0; st.focus = 0; }
const regio = (id, rol, live) => {
  let e = d.getElementById(id);
  if (!e) {
    e = d.createElement('div'); e.id = id; e.setAttribute('role', rol); e.setAttribute('aria-live', live);
    e.setAttribute('aria-atomic', 'true'); e.className = 'zelfscan-sr-only'; d.body.appendChild(e);
  }
  return e;
};
const status = regio('zelfscan-status', 'status', 'polite'), melding = regio('zelfscan-melding', 'alert', 'assertive');
const nieuw = data.berichten.filter(b => b[0] > st.gemeld);
if (nieuw.length) {
  st.gemeld = Math.max(...nieuw.map(b => b[0]));
  for (const [e, fout] of [[status, false], [melding, true]]) {
    const tekst = nieuw.filter(b => b[2] === fout).map(b => b[1]).join(' ');
    if (!tekst) continue;
    e.textContent = '';
    setTimeout(() => { e.textContent = tekst; }, 120);
  }
}
if (data.focus && data.focus[0] > st.focus) {
  st.focus = data.focus[0];
  const wil = data.focus[1];
  let pogingen = 0;
  const zoek = () => {
    const main = d.querySelector('[data-testid="stMain"]');
    const kop = main && [...main.querySelectorAll('h1')].find(h =>
      !h.closest('[data-stale="true"]') && (wil === null || h.innerText.trim() === wil));
    if (kop) { kop.setAttribute('tabindex', '-1'); kop.focus(); return; }
    if (++pogingen < 50) setTimeout(zoek, 100);
  };
  zoek();
}
})();</script>"""


def stuur_berichten() -> None:
    """This session's messages and focus request, as a script where the caller draws
    (``sluit_af`` for a page run, ``scan.ui.delen.meld_in_deel`` for a part's own rerun)."""
    sessie = st.session_state.get(_SESSIE)
    if sessie is None:
        sessie = st.session_state[_SESSIE] = secrets.token_hex(6)
    data = {
        "sessie": sessie,
        "berichten": st.session_state.get(_BERICHTEN, []),
        # Kept, not popped: the browser acts on each number once (see the module's docstring).
        "focus": st.session_state.get(_FOCUS),
    }
    st.html(_SCRIPT % _json(data), unsafe_allow_javascript=True)


def sluit_af(plaats: Any) -> None:
    """Put this run's script in ``plaats`` (from ``plek()``): the language, the live regions,
    the messages not yet read, and the focus request. Called once the page has run to its end
    (not after ``st.stop``/``st.rerun``): a focus request sent from a page that is about to be
    replaced would focus that page's h1."""
    with plaats:
        stuur_berichten()
