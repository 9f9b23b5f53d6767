"""Links people can open: the join link and its QR code, personal links, the presenter link, and
the address phones can reach.

Layer: ``scan/ui``. The base address comes from ``scan.services.adressen`` (``SCAN_PUBLIEKE_URL``,
the browser's own address unless it is loopback, or the machine's network address).
"""

from __future__ import annotations

import io
import os
from urllib.parse import urlsplit

import qrcode
import qrcode.constants
import streamlit as st

from scan.leesmodellen import Sessie
from scan.services.adressen import (
    PUBLIEKE_URL_VARIABELE,
    STANDAARD_POORT,
    BasisAdres,
    is_loopback_host,
    kies_basis_url,
    lan_adres,
)
from scan.ui.context import TOKEN_PARAM
from scan.ui.teksten import t


@st.cache_data(ttl=60, show_spinner=False)
def _lan_adres() -> str | None:
    return lan_adres()


def basis_adres() -> BasisAdres:
    """The app's root address for links other devices open, and whether they can reach it."""
    publiek = os.environ.get(PUBLIEKE_URL_VARIABELE)
    browser = st.context.url
    # The LAN lookup only when the answer needs it (a browser on loopback, nothing configured).
    nodig = not publiek and (browser is None or is_loopback_host(urlsplit(browser).hostname))
    poort = st.get_option("server.port")
    return kies_basis_url(publiek, browser, _lan_adres() if nodig else None, int(poort or STANDAARD_POORT))


def basis_url() -> str:
    """The address people type or scan to reach this app (see ``scan.adressen.kies_basis_url``)."""
    return basis_adres().url


def _code(tekst: str) -> str:
    """An address shown literally as inline code (markdown does not act inside a code span)."""
    return "`" + tekst.replace("`", "") + "`"


def toon_adres_hint() -> None:
    """On the Workshop page: when the links point at this machine itself, say so and how to fix it.

    That happens only when neither ``SCAN_PUBLIEKE_URL`` nor a network address is known: a
    browser on loopback otherwise gets links with the machine's LAN address.
    """
    adres = basis_adres()
    if adres.bereikbaar:
        return
    poort = int(st.get_option("server.port") or STANDAARD_POORT)
    st.warning(
        t("workshop.adres.geen_netwerk", adres=_code(adres.url), poort=poort, variabele=PUBLIEKE_URL_VARIABELE),
        icon=":material/wifi_off:",
    )


def deelname_link(sessie: Sessie) -> str:
    return f"{basis_url()}/?code={sessie.ronde.code}"


def persoonlijke_link(token: str) -> str:
    """The participant's own link. The token follows ``#`` so that no server, proxy log or
    Referer header ever receives it (scan.ui.linkgeheim); ``?d=`` links still work."""
    return f"{basis_url()}/#{TOKEN_PARAM}={token}"


SCHERM_PARAM = "scherm"
"""Query parameter of the read-only presenter link: the round's presentation token."""


def presentatie_link(token: str) -> str:
    return f"{basis_url()}/scherm?{SCHERM_PARAM}={token}"


@st.cache_data(show_spinner=False, max_entries=256)
def qr_png(tekst: str) -> bytes:
    """A QR code as PNG, with big modules and a quiet zone so it scans from the back of a room."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=12, border=4)
    qr.add_data(tekst)
    qr.make(fit=True)
    buffer = io.BytesIO()
    qr.make_image().save(buffer)
    return buffer.getvalue()
