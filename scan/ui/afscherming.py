"""Guarding the door: unknown host names (DNS rebinding) and guessed codes or links slowed down.

Layer: ``scan/ui`` (the rules themselves are pure: ``scan/ui/hostnamen.py``, ``scan/ui/afremmen.py``).
"""

from __future__ import annotations

import logging
import secrets

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from scan.ui import afremmen, hostnamen
from scan.ui.teksten import t

_HOST_GOED = "_host_gecontroleerd"

log = logging.getLogger(__name__)


def lees_host() -> str | None:
    """The Host header this browser's connection was opened with (tests replace this)."""
    waarde = st.context.headers.get("Host")
    return waarde if isinstance(waarde, str) else None


def host_of_stop() -> None:
    """Before anything else (app.py): refuse a page asked for under a name that is not this
    app's (DNS rebinding, ``scan.hostnamen``), so such a browser gets no session, no beheer
    rights and no cookie."""
    # A session's connection keeps the Host it was opened with: checked once per session (reading
    # the headers costs a few milliseconds a rerun), refused on every run until it passes.
    if st.session_state.get(_HOST_GOED):
        return
    host = lees_host()
    if not hostnamen.toegestaan(host, hostnamen.toegestane_namen()):
        log.warning("pagina onder onbekende hostnaam geweigerd: %r", (host or "")[:100])
        st.error(t("toegang.host.onbekend", variabele=hostnamen.TOEGESTANE_HOSTS_VARIABELE), icon=":material/dns:")
        st.stop()
    st.session_state[_HOST_GOED] = True


@st.cache_resource(show_spinner=False)
def _rem() -> afremmen.Rem:
    # One per process: failures of every session count against their address (afremmen.py says
    # why this is per process and what that means behind several processes).
    return afremmen.Rem()


def _sessie_id() -> str:
    # Streamlit's own session id, plus a random part kept in the session: AppTest gives every
    # test the same session id, and a throttle key must never be shared by two browsers.
    ctx = get_script_run_ctx()
    eigen = st.session_state.setdefault("_rem_sessie", secrets.token_hex(8))
    return f"{ctx.session_id if ctx is not None else '-'}:{eigen}"


def _rem_sleutels() -> list[tuple[str, afremmen.Regel]]:
    adres = afremmen.client_adres(
        st.context.ip_address, st.context.headers.get("X-Forwarded-For"), afremmen.vertrouwde_proxies()
    )
    return afremmen.sleutels(_sessie_id(), adres)


def poging_wachttijd() -> int:
    """Seconds this browser must wait before its next code or link is even checked (0: go ahead)."""
    return _rem().wacht(_rem_sleutels())


def poging_mislukt() -> None:
    """A code or link of this browser did not exist: counts against its session and address."""
    _rem().mislukt(_rem_sleutels())


def poging_gelukt() -> None:
    """This browser got in: its session's failures are forgotten (its address's are not)."""
    _rem().gelukt(_rem_sleutels()[0][0])


def te_veel_pogingen(seconden: int) -> str:
    return t("afremmen.te_veel", wachttijd="1 seconde" if seconden == 1 else f"{seconden} seconden")
