"""Personal links and the beheer link without their secret in any server's log (issue 18, item 5).

Layer: ``scan/ui``. A personal link used to be ``/?d=<token>`` and the beheer link
``/?beheer=<geheim>``: bearer credentials in the request line, so every reverse proxy's access
log kept them, and a page's outgoing requests carried them in the Referer header. Now the secret
sits after ``#`` (``/#d=<token>``, ``/#beheer=<geheim>``). Browsers never send the fragment: not
to the app, not to a proxy, not in a Referer.

The app cannot read a fragment on the server either, so a script in the page carries it over:

1. A link is opened: the script finds ``#d=...`` (or ``#beheer=...``), stores it in a cookie of
   this app (``SameSite=Strict``, ``Secure`` on https; cookies are not in access logs) and
   reloads once; the server reads the cookie (``st.context.cookies``) when the session starts.
   The beheer secret leaves the address at once; the personal token stays in it.
2. The address bar stays the participant's personal link on every page: the script puts
   ``#d=<token>`` back whenever Streamlit's own navigation drops it. Refresh, a closed browser
   (the cookie) and a second device (the link copied from the address or from the page) lose
   nothing, as before.
3. A token the server no longer knows (the participant was erased) is removed from cookie and
   address, so no reload loop can arise; a reload happens only when the cookie had to change (a
   link the server cannot have seen), at most once per value (cookies off).
4. ``<meta name="referrer" content="no-referrer">``: no request the page makes tells another
   site which page it came from (the app cannot set the header itself: Streamlit serves the page).

Old links with ``?d=`` or ``?beheer=`` (printed QR codes, bookmarks) still work: the server reads
the parameter, takes it out of the address at once and the script moves it behind ``#``; only
that one request line still holds it.
"""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

TOKEN_COOKIE = "zelfscan_d"  # noqa: S105  (a cookie name, not a secret)
"""Cookie in which a browser keeps the participant's personal token."""
TOKEN_COOKIE_DAGEN = 60
"""How long a browser remembers its personal link (a workshop and its follow-up weeks)."""
_WIS = "linkgeheim_wis"  # session_state: the browser's token is void; remove it from cookie and address

_SCRIPT = """<script>(() => {
const data = %s;
const z = window.__zelfscanLink || (window.__zelfscanLink = {});
const koek = n => { const c = document.cookie.split('; ').find(c => c.startsWith(n + '='));
  return c ? decodeURIComponent(c.slice(n.length + 1)) : null; };
const zet = (n, v, dagen) => { document.cookie = n + '=' + encodeURIComponent(v) + '; Max-Age=' + Math.round(dagen * 86400)
  + '; Path=/; SameSite=Strict' + (location.protocol === 'https:' ? '; Secure' : ''); };
const adres = h => { const rest = h.toString();
  history.replaceState(history.state, '', location.pathname + location.search + (rest ? '#' + rest : '')); };
const GELDIG = /^[A-Za-z0-9_-]{8,128}$/;
z.d = data.d; z.data = data;
z.bekend = z.bekend || new Set(); if (data.d) z.bekend.add(data.d);
// The link worked: a later reload for the same value (cookies cleared by hand) may happen again.
if (data.d && sessionStorage.getItem('zelfscan_herladen') === data.d) sessionStorage.removeItem('zelfscan_herladen');
if (data.wis) {
  z.bekend.clear();  // signed off or void: the old link, pasted again, is a new link
  zet(data.cookie, '', 0);
  const h = new URLSearchParams(location.hash.slice(1));
  if (h.has('d')) { h.delete('d'); adres(h); }
}
if (data.d && koek(data.cookie) !== data.d) zet(data.cookie, data.d, data.dagen);
if (!document.querySelector('meta[name="referrer"]')) {
  const m = document.createElement('meta'); m.name = 'referrer'; m.content = 'no-referrer'; document.head.appendChild(m);
}
const kijk = () => {
  const data = z.data;
  const h = new URLSearchParams(location.hash.slice(1));
  let herlaad = null, anders = false;
  const beheer = h.get('beheer');
  if (beheer !== null) {
    h.delete('beheer'); anders = true;
    if (GELDIG.test(beheer)) { zet(data.beheerCookie, beheer, data.beheerDagen); zet(data.beheerCookie + '_nieuw', '1', 0.001); herlaad = beheer; }
  }
  const d = h.get('d');
  if (d !== null && !GELDIG.test(d)) { h.delete('d'); anders = true; }
  // A token the server gave this tab before (z.bekend) is no new link: when the browser switches rounds
  // (another round opened, the example), the address still holds the old one until this script runs.
  else if (d !== null && d !== z.d && !z.bekend.has(d) && koek(data.cookie) !== d) {
    // Only a link the server cannot have seen yet (its cookie is new) is worth a reload; a page
    // whose session simply has no participant now is never reloaded under someone's finger.
    zet(data.cookie, d, data.dagen);
    herlaad = herlaad || d;
  }
  if (!herlaad && z.d && !data.scherm && h.get('d') !== z.d) { h.set('d', z.d); anders = true; }
  if (anders) adres(h);
  if (herlaad && sessionStorage.getItem('zelfscan_herladen') !== herlaad) {
    sessionStorage.setItem('zelfscan_herladen', herlaad);
    location.reload();
  }
};
z.kijk = kijk;
// Streamlit's own navigation rewrites the address without the fragment (pushState and
// replaceState); putting the personal link back straight after it leaves no moment without it.
if (!z.haak) {
  z.haak = true;
  for (const naam of ['pushState', 'replaceState']) {
    const eigen = history[naam].bind(history);
    history[naam] = (...args) => { eigen(...args); if (!z.bezig) { z.bezig = true; try { z.kijk(); } finally { z.bezig = false; } } };
  }
}
kijk();
if (!z.wacht) { z.wacht = setInterval(() => z.kijk(), 400); window.addEventListener('hashchange', () => z.kijk()); }
})();</script>"""


def token_uit_cookie() -> str | None:
    """The personal token this browser sent as a cookie when the session started."""
    waarde = st.context.cookies.get(TOKEN_COOKIE)
    return waarde if isinstance(waarde, str) and waarde else None


def vergeet_token() -> None:
    """The browser's token is void (erased participant, unknown link, signed off): the next
    script removes it from the cookie and the address."""
    st.session_state[_WIS] = True


def zet_in_browser(plaats: Any, *, token: str | None, scherm: bool, beheer_cookie: str, beheer_dagen: int) -> None:
    """This run's script, in the hidden container ``plaats`` (``scan.ui.toegankelijk.plek``).

    ``token``: the session's personal token (kept in cookie and address), ``scherm``: the
    presenter view (no personal link in its address, for a projected address bar).
    """
    data = {
        "d": token,
        "wis": bool(st.session_state.pop(_WIS, False)) and token is None,
        "scherm": scherm,
        "cookie": TOKEN_COOKIE,
        "dagen": TOKEN_COOKIE_DAGEN,
        "beheerCookie": beheer_cookie,
        "beheerDagen": beheer_dagen,
    }
    # json.dumps of str/bool/int only; "</" cannot occur in a token (URL-safe alphabet), and is
    # escaped all the same so nothing closes the script element early.
    with plaats:
        st.html(_SCRIPT % json.dumps(data).replace("</", "<\\/"), unsafe_allow_javascript=True)
