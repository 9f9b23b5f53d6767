"""Which address people type or scan to reach this app: one pure choice and the LAN lookup.

Layer: application (``scan/``), no Streamlit, no database. The join link, the QR code, every
personal link and the beheer link must work on a phone in the room, so a loopback address
(``127.0.0.1``, ``localhost``) is the last resort, never the first answer.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

PUBLIEKE_URL_VARIABELE = "SCAN_PUBLIEKE_URL"
STANDAARD_POORT = 8501
PAGINAS = ("start", "invullen", "workshop", "scherm", "resultaten", "doelen", "vergelijken", "beheer", "over")
_PAGINA_ACHTERAAN = re.compile(r"/(" + "|".join(PAGINAS) + r")/?$")


@dataclass(frozen=True)
class BasisAdres:
    """The app's root address (no trailing slash) and whether a phone in the room can reach it."""

    url: str
    bereikbaar: bool


def is_loopback_host(host: str | None) -> bool:
    """Whether ``host`` names this machine only: localhost, 127.0.0.0/8, ::1 (also IPv4-mapped).

    An empty or missing host counts as loopback: it is nothing another device can use.
    """
    if not host:
        return True
    naam = host.strip().strip("[]").split("%", 1)[0].rstrip(".").lower()
    if naam == "localhost" or naam.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(naam)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped.is_loopback or ip.ipv4_mapped.is_unspecified
    return ip.is_loopback or ip.is_unspecified


def _host_in_url(ip: str) -> str:
    return f"[{ip}]" if ":" in ip else ip


def app_wortel(url: str) -> str:
    """``url`` without a trailing slash and without the page at its end (links point at Start)."""
    return _PAGINA_ACHTERAAN.sub("", url.rstrip("/")).rstrip("/")


def kies_basis_url(
    publiek: str | None, browser_url: str | None, lan_ip: str | None, poort: int = STANDAARD_POORT
) -> BasisAdres:
    """The address for links that other devices open, in this order:

    1. ``publiek`` (``SCAN_PUBLIEKE_URL``) when set: the operator knows best;
    2. the address the current browser used, when its host is not loopback;
    3. the machine's LAN address with the app's port (keeping the browser's path prefix);
    4. otherwise the loopback address, marked unreachable so the page can say how to fix it.
    """
    if publiek and publiek.strip():
        return BasisAdres(publiek.strip().rstrip("/"), bereikbaar=True)
    browser = app_wortel(browser_url) if browser_url else None
    delen = urlsplit(browser) if browser else None
    if browser and delen is not None and not is_loopback_host(delen.hostname):
        return BasisAdres(browser, bereikbaar=True)
    prefix = delen.path.rstrip("/") if delen is not None else ""
    if lan_ip and not is_loopback_host(lan_ip):
        return BasisAdres(f"http://{_host_in_url(lan_ip)}:{poort}{prefix}", bereikbaar=True)
    return BasisAdres(browser or f"http://localhost:{poort}", bereikbaar=False)


def lan_adres() -> str | None:
    """This machine's address on the local network, or None when it has none but loopback.

    Connecting a UDP socket sends no packet; it only asks the kernel which local address it
    would route from (192.0.2.1 is TEST-NET-1, never a real host). Without a default route,
    the host name's addresses are the fallback.
    """
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 80))
            adres = str(s.getsockname()[0])
            if not is_loopback_host(adres):
                return adres
    except OSError:
        pass
    try:
        for *_, sockaddr in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            adres = str(sockaddr[0])
            if not is_loopback_host(adres):
                return adres
    except OSError:
        pass
    return None
