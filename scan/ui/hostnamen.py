"""Which Host headers the app answers: the guard against DNS rebinding.

Layer: application (``scan/``), no Streamlit, no database: a pure decision and the lookup of
this machine's own names. In a DNS-rebinding attack a web page on ``evil.example`` makes its
name point at the app's address, and the victim's browser then talks to the app as that page,
with ``Host: evil.example`` (issue 13, case 4). A rebinding needs a *name* the attacker
controls, so the app answers:

- any Host that is an IP address (a page can only have that origin by being the app itself:
  phones in the room use the LAN address);
- ``localhost`` and ``*.localhost``;
- this machine's own names (host name, its FQDN, ``<host>.local``) and the host of
  ``SCAN_PUBLIEKE_URL``;
- the names in ``SCAN_TOEGESTANE_HOSTS`` (comma-separated, ``*.example.nl`` for subdomains,
  ``*`` for any name: only behind a proxy that checks names itself).

A request without a Host header (not a browser) is answered: rebinding needs a browser.
Streamlit's own ``server.allowedHosts`` refuses the WebSocket for other names before the app
runs; docs/beheer.md says when to set it as well.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit

from scan.services.adressen import PUBLIEKE_URL_VARIABELE

TOEGESTANE_HOSTS_VARIABELE = "SCAN_TOEGESTANE_HOSTS"


def hostnaam(host: str) -> str | None:
    """The name in a Host header (no port, lower case, no trailing dot); None when malformed."""
    try:
        delen = urlsplit(f"//{host.strip()}")
        naam = delen.hostname
        _ = delen.port  # validates a port
    except ValueError:
        return None
    if not naam or delen.username is not None or delen.password is not None or delen.path or delen.query:
        return None
    return naam.rstrip(".").lower()


def _is_ip(naam: str) -> bool:
    try:
        ipaddress.ip_address(naam.split("%", 1)[0])
    except ValueError:
        return False
    return True


def _past(naam: str, patroon: str) -> bool:
    patroon = patroon.strip().rstrip(".").lower()
    if not patroon:
        return False
    if patroon == "*":
        return True
    if patroon.startswith("*."):
        return naam.endswith(patroon[1:])
    return naam == patroon


def toegestaan(host: str | None, namen: Iterable[str]) -> bool:
    """Whether the app answers a request with this ``Host`` header, given the allowed ``namen``."""
    if host is None or not host.strip():
        return True
    naam = hostnaam(host)
    if naam is None:
        return False
    if _is_ip(naam) or naam == "localhost" or naam.endswith(".localhost"):
        return True
    return any(_past(naam, patroon) for patroon in namen)


def namen_uit_omgeving(omgeving: dict[str, str] | os._Environ[str] | None = None) -> frozenset[str]:
    """``SCAN_TOEGESTANE_HOSTS`` and the host of ``SCAN_PUBLIEKE_URL``."""
    omgeving = os.environ if omgeving is None else omgeving
    namen = {n.strip().lower() for n in omgeving.get(TOEGESTANE_HOSTS_VARIABELE, "").split(",") if n.strip()}
    publiek = omgeving.get(PUBLIEKE_URL_VARIABELE, "").strip()
    if publiek:
        naam = urlsplit(publiek).hostname
        if naam:
            namen.add(naam.lower())
    return frozenset(namen)


@lru_cache(maxsize=1)
def eigen_namen() -> frozenset[str]:
    """This machine's own names: what a browser in the room may type instead of the address."""
    namen: set[str] = set()
    try:
        kort = socket.gethostname()
        namen |= {kort, f"{kort.split('.', 1)[0]}.local", socket.getfqdn()}
    except OSError:
        pass
    return frozenset(n.lower().rstrip(".") for n in namen if n)


def toegestane_namen() -> frozenset[str]:
    return namen_uit_omgeving() | eigen_namen()
