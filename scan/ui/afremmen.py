"""Slowing down guesses of join codes, personal links, presenter links and the beheer link.

Layer: application (``scan/``), no Streamlit, no database: a pure core with the clock passed
in, so the rules are unit-tested without waiting. Every guess of a code or link costs a full
rerun of a page (issue 13, case 3); after a few failures in a window, each further attempt of
the same browser session or client address has to wait, and is refused before anything is
checked (otherwise a lucky guess during the wait would still be answered).

The rule, per key (a session id, and separately a client address):

- failures older than ``venster`` seconds are forgotten;
- the first ``vrij`` failures in the window cost nothing;
- after that, the next attempt is allowed only ``wachttijd(n)`` seconds after the last failure:
  2, 4, 8, ... seconds, at most ``max_wacht``.

Addresses are not identity, only a throttle key: everyone behind one NAT or proxy shares one,
so the address limit is looser than the session limit, and a success never clears an address
(only the session that succeeded). Another address is never slowed down by these failures.

State lives in this process (a dict under a lock). Behind several app processes (PostgreSQL
with a load balancer) each process counts its own failures, so an attacker spread over N
processes gets N times the attempts; sticky sessions keep one browser on one process.
"""

from __future__ import annotations

import ipaddress
import logging
import math
import os
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass

VRIJ_PER_SESSIE = 5
"""Failures a browser session may make in the window without waiting: a mistyped code or two."""
VRIJ_PER_ADRES = 20
"""Failures per client address: looser, because a whole room may share one address (NAT)."""
VENSTER = 600.0
"""Seconds a failure is remembered: a workshop's join phase, not the whole day."""
MAX_WACHT = 60.0
"""The longest wait after many failures: a participant who keeps mistyping is slowed, not shut out."""
MAX_SLEUTELS = 10_000
"""Keys kept at most; the oldest are forgotten first, so a flood of fresh keys cannot fill memory."""

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Regel:
    vrij: int
    venster: float = VENSTER
    max_wacht: float = MAX_WACHT

    def wachttijd(self, mislukt: int) -> float:
        """Seconds to wait after the last failure when ``mislukt`` failures are in the window."""
        if mislukt < self.vrij:
            return 0.0
        return float(min(self.max_wacht, 2.0 ** (mislukt - self.vrij + 1)))


class Rem:
    """Failures per key, with the clock injected; thread-safe (one lock, short critical sections)."""

    def __init__(self, klok: Callable[[], float] = time.monotonic, max_sleutels: int = MAX_SLEUTELS) -> None:
        self._klok = klok
        self._max = max_sleutels
        self._lock = threading.Lock()
        self._mislukt: OrderedDict[str, deque[float]] = OrderedDict()

    def _vers(self, sleutel: str, regel: Regel, nu: float) -> deque[float]:
        momenten = self._mislukt.get(sleutel)
        if momenten is None:
            return deque()
        while momenten and momenten[0] <= nu - regel.venster:
            momenten.popleft()
        if not momenten:
            del self._mislukt[sleutel]
        return momenten

    def wacht(self, sleutels: Iterable[tuple[str, Regel]]) -> int:
        """Whole seconds before another attempt may be checked (0: go ahead), the longest over
        ``sleutels`` (pairs of key and its rule)."""
        nu = self._klok()
        langste = 0.0
        with self._lock:
            for sleutel, regel in sleutels:
                momenten = self._vers(sleutel, regel, nu)
                if momenten:
                    langste = max(langste, momenten[-1] + regel.wachttijd(len(momenten)) - nu)
        return math.ceil(langste) if langste > 0 else 0

    def mislukt(self, sleutels: Iterable[tuple[str, Regel]]) -> None:
        """Record one failed attempt under every key."""
        nu = self._klok()
        with self._lock:
            for sleutel, regel in sleutels:
                momenten = self._vers(sleutel, regel, nu)
                # More than the rule can use is never needed: the wait is capped.
                if len(momenten) < regel.vrij + 64:
                    momenten.append(nu)
                self._mislukt[sleutel] = momenten
                self._mislukt.move_to_end(sleutel)
            while len(self._mislukt) > self._max:
                self._mislukt.popitem(last=False)

    def gelukt(self, sleutel: str) -> None:
        """Forget the failures of ``sleutel`` (a session that got in; never an address)."""
        with self._lock:
            self._mislukt.pop(sleutel, None)


SESSIE = Regel(vrij=VRIJ_PER_SESSIE)
ADRES = Regel(vrij=VRIJ_PER_ADRES)


def sleutels(sessie_id: str, adres: str | None) -> list[tuple[str, Regel]]:
    """The keys of one attempt: its browser session, and its client address when known."""
    uit = [(f"sessie:{sessie_id}", SESSIE)]
    if adres:
        uit.append((f"adres:{adres}", ADRES))
    return uit


def vertrouwde_proxies(tekst: str | None = None) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """The networks whose ``X-Forwarded-For`` the app believes besides loopback:
    ``SCAN_VERTROUWDE_PROXIES`` (addresses or networks, comma-separated), for a reverse proxy on
    another machine or in another container (compose: nginx reaches the apps from its container
    address, and without this every visitor would share one key). A value that is no address is
    skipped with a warning: an operator's typo never opens the header to everyone."""
    if tekst is None:
        tekst = os.environ.get("SCAN_VERTROUWDE_PROXIES", "")
    uit = []
    for deel in (d.strip() for d in tekst.split(",")):
        if not deel:
            continue
        try:
            uit.append(ipaddress.ip_network(deel, strict=False))
        except ValueError:
            log.warning("SCAN_VERTROUWDE_PROXIES: %r is geen adres of netwerk; overgeslagen", deel[:64])
    return tuple(uit)


def _vertrouwd(remote: str, proxies: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]) -> bool:
    try:
        adres = ipaddress.ip_address(remote)
    except ValueError:
        return False
    return any(adres in netwerk for netwerk in proxies)


def client_adres(
    remote: str | None,
    doorgestuurd: str | None,
    proxies: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = (),
) -> str | None:
    """The address to throttle on: the connection's, or behind a proxy the one the proxy saw (the
    LAST entry of ``X-Forwarded-For``, the one the proxy appended itself).

    A client that connects directly cannot choose its key by sending the header: it is read only
    when the connection comes from loopback (``remote`` is None for loopback in Streamlit) or from
    one of the trusted ``proxies``. Loopback without a proxy header is this machine itself: no
    address key (only the session's).
    """
    if remote and not _vertrouwd(remote, proxies):
        return remote
    if doorgestuurd:
        laatste = doorgestuurd.split(",")[-1].strip()
        if laatste:
            return laatste[:64]
    return remote or None
