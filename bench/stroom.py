"""A Streamlit client at the protocol level for the load generator (issue 20, item 3).

Layer: ``bench``. One :class:`Sessie` is one browser tab: one WebSocket to ``/_stcore/stream``
speaking Streamlit's ``BackMsg``/``ForwardMsg`` protobufs (they ship with the streamlit package).
It does what the browser's frontend of streamlit 1.67 does, as read in
``streamlit/static/static/js/index.*.js`` (``sendRerunBackMsg``, ``WidgetStateManager``,
``handleAutoRerun``), not what a test would find convenient:

- it keeps the state of every widget it was sent (the first value from the element's default,
  later values from ``set_value``) and sends all of them with every rerun, as the browser's
  widget manager does; triggers (buttons) only in the one message that presses them;
- it remembers per widget the ``fragment_id`` of the delta that drew it and sends a change to
  that widget as ``rerun_script`` with that ``fragment_id`` (a widget inside ``st.fragment``
  reruns only its fragment);
- ``auto_rerun`` (a fragment's ``run_every``): a timer per fragment that sends ``rerun_script``
  with the fragment id and ``is_auto_rerun`` at the interval, until ``stop_auto_rerun`` or a new
  interval; a full run that does not draw the fragment again ends its timer, as the browser's
  ``removeInactive``/``clearAutoRerunInterval`` do when the fragment's element is gone;
- after a run, widget states of widgets the run did not draw are dropped (``removeInactive``);
- the page: the first run names the path (``page_name``), later runs the ``page_script_hash``
  from the last ``navigation`` message, with the query string the server last set.

Not done (the server's work for them is the same or nil): cached message hashes (the browser
reports the messages it has, and the server then sends references; here every message comes in
full), file uploads, the first value of widgets whose default the browser computes itself from
options (button groups without a set value: the server then uses its default, the same value).

Only loopback and private addresses are served (:func:`controleer_adres`): this is a tool to
load one's own test installation, not someone else's.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

KLAAR = ForwardMsg.FINISHED_SUCCESSFULLY
FRAGMENT_KLAAR = ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
VROEG = ForwardMsg.FINISHED_EARLY_FOR_RERUN
COMPILEERFOUT = ForwardMsg.FINISHED_WITH_COMPILE_ERROR


class AdresGeweigerd(ValueError):
    """The load generator only talks to loopback and private addresses."""


def controleer_adres(basis: str) -> None:
    """Refuse a URL whose host resolves to anything but loopback or private addresses."""
    delen = urlsplit(basis)
    if delen.scheme not in {"http", "https"} or not delen.hostname:
        raise AdresGeweigerd(f"geen http(s)-adres: {basis!r}")
    try:
        adressen = {a[4][0] for a in socket.getaddrinfo(delen.hostname, delen.port or 80, proto=socket.IPPROTO_TCP)}
    except OSError as exc:
        raise AdresGeweigerd(f"{delen.hostname}: niet op te zoeken ({exc})") from None
    for adres in adressen:
        ip = ipaddress.ip_address(str(adres).split("%", 1)[0])
        if not (ip.is_loopback or ip.is_private) or ip.is_global:
            raise AdresGeweigerd(f"{delen.hostname} wijst naar {adres}: alleen loopback of een privé-adres")


def gebruikerssleutel(widget_id: str) -> str:
    """The key a script gave a widget (``$$ID-<hash>-<key>``), or the id itself without one."""
    delen = widget_id.split("-", 2)
    return delen[2] if len(delen) == 3 and delen[0] == "$$ID" else widget_id


def _begin_waarde(soort: str, element: Any) -> WidgetState | None:
    """The widget state the browser holds for a freshly drawn element (None: none, or a trigger)."""
    w = WidgetState(id=element.id)
    if soort in {"radio", "selectbox"}:
        if element.set_value:
            if not element.HasField("raw_value"):
                return None
            w.string_value = element.raw_value
        elif element.HasField("default") and 0 <= element.default < len(element.options):
            w.string_value = element.options[element.default]
        else:
            return None
    elif soort in {"text_input", "text_area"}:
        if element.set_value:
            w.string_value = element.value
        elif element.HasField("default"):
            w.string_value = element.default
        else:
            return None
    elif soort == "checkbox":
        w.bool_value = element.value if element.set_value else element.default
    elif soort == "button_group":
        if not element.set_value:
            return None
        w.string_array_value.data.extend(element.raw_values)
    else:
        return None
    return w


@dataclass
class Gebeurtenis:
    """Something a waiting click looks for, with the moment it arrived (perf_counter)."""

    soort: str  # "toast", "klaar" (a run finished; tekst is its status), "fout" (an exception element), "dicht"
    tekst: str
    moment: float


@dataclass
class Element:
    soort: str
    proto: Any
    fragment_id: str


@dataclass
class Sessie:
    """One browser tab on ``basis`` (http(s)://host:port), optionally under another Host name."""

    basis: str
    host: str | None = None
    cookies: dict[str, str] = field(default_factory=dict)
    timeout: float = 30.0
    widgets: dict[str, WidgetState] = field(default_factory=dict)
    elementen: dict[str, Element] = field(default_factory=dict)
    """Widget id to the element last drawn for it, with the fragment that drew it."""
    page_script_hash: str = ""
    query_string: str = ""
    fouten: list[str] = field(default_factory=list)
    """Exception elements and closed sockets, in order (the load generator counts them)."""
    code_teksten: list[str] = field(default_factory=list)
    """Texts of ``st.code`` elements of the last run (a personal link is shown that way)."""
    auto_reruns: int = 0
    auto_tijden: list[float] = field(default_factory=list)
    """Seconds from an auto rerun's request to its fragment run's end (the facilitator's refresh)."""
    auto_zonder_run: int = 0
    """Auto reruns that got no fragment run of their own within the timeout (the server merges a
    request into one already queued, or did not answer; the browser simply sends the next)."""

    def __post_init__(self) -> None:
        controleer_adres(self.basis)
        self._ws: Any = None
        self._lezer: asyncio.Task[None] | None = None
        self._timers: dict[str, tuple[float, asyncio.Task[None]]] = {}
        self._gebeurtenissen: list[Gebeurtenis] = []
        self._nieuw = asyncio.Event()
        self._getekend: set[str] = set()
        self._fragmenten_getekend: set[str] = set()
        self._auto_open: dict[str, list[float]] = {}
        self._auto_loopt: float | None = None
        self.dicht = False

    # --- connection -------------------------------------------------------------------------

    async def verbind(self) -> None:
        """Fetch the page as a browser does first (a proxy's sticky cookie comes with it), then
        open the WebSocket."""
        delen = urlsplit(self.basis)
        veilig = delen.scheme == "https"
        poort = delen.port or (443 if veilig else 80)
        host = self.host or delen.netloc
        context = None
        if veilig:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE  # a self-signed certificate on loopback
        await self._haal_pagina(delen.hostname or "127.0.0.1", poort, host, context)
        kop = {"Origin": f"{delen.scheme}://{host}"}
        if self.cookies:
            kop["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self._ws = await websockets.connect(
            f"{'wss' if veilig else 'ws'}://{host}/_stcore/stream",
            additional_headers=kop,
            subprotocols=[websockets.Subprotocol("streamlit")],
            host=delen.hostname,
            port=poort,
            ssl=context,
            max_size=None,
            open_timeout=self.timeout,
            compression=None,
        )
        self._lezer = asyncio.create_task(self._lees())

    async def _haal_pagina(self, adres: str, poort: int, host: str, context: ssl.SSLContext | None) -> None:
        lezer, schrijver = await asyncio.wait_for(
            asyncio.open_connection(adres, poort, ssl=context, server_hostname=host.split(":")[0] if context else None),
            self.timeout,
        )
        try:
            schrijver.write(f"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
            await schrijver.drain()
            data = await asyncio.wait_for(lezer.read(), self.timeout)
        finally:
            schrijver.close()
        kop = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
        if not kop[0].split(" ")[1:2] == ["200"]:
            raise ConnectionError(f"GET / gaf {kop[0]!r}")
        for regel in kop[1:]:
            naam, _, waarde = regel.partition(":")
            if naam.strip().lower() == "set-cookie":
                paar = waarde.strip().split(";", 1)[0]
                k, _, v = paar.partition("=")
                if v:
                    self.cookies[k.strip()] = v.strip()

    async def sluit(self) -> None:
        for _, taak in self._timers.values():
            taak.cancel()
        self._timers.clear()
        if self._ws is not None:
            await self._ws.close()
        if self._lezer is not None:
            self._lezer.cancel()
            await asyncio.gather(self._lezer, return_exceptions=True)

    # --- receiving --------------------------------------------------------------------------

    def _meld(self, soort: str, tekst: str) -> None:
        self._gebeurtenissen.append(Gebeurtenis(soort, tekst, time.perf_counter()))
        self._nieuw.set()

    async def _lees(self) -> None:
        try:
            async for data in self._ws:
                f = ForwardMsg()
                f.ParseFromString(data)
                self._verwerk(f)
        except (websockets.ConnectionClosed, OSError) as exc:
            self.fouten.append(f"verbinding dicht: {type(exc).__name__}")
        except asyncio.CancelledError:
            raise
        self.dicht = True
        self._meld("dicht", "")

    def _verwerk(self, f: ForwardMsg) -> None:
        soort = f.WhichOneof("type")
        if soort == "new_session":
            if f.new_session.page_script_hash:
                self.page_script_hash = f.new_session.page_script_hash
            fragmenten = list(f.metadata.run.fragment_ids)
            open_ = self._auto_open.get(fragmenten[0], []) if len(fragmenten) == 1 else []
            self._auto_loopt = open_.pop(0) if open_ else None
            if not fragmenten:
                # A full run: the browser clears every fragment timer (cleanupAutoReruns); the
                # run sends auto_rerun again for the fragments it still draws.
                for fid in list(self._timers):
                    self._stop_timer(fid)
                self._getekend = set()
                self._fragmenten_getekend = set()
                self.code_teksten = []
        elif soort == "navigation":
            self.page_script_hash = f.navigation.page_script_hash
        elif soort == "page_info_changed":
            self.query_string = f.page_info_changed.query_string
        elif soort == "delta":
            self._delta(f)
        elif soort == "auto_rerun":
            self._zet_timer(f.auto_rerun.fragment_id, f.auto_rerun.interval)
        elif soort == "stop_auto_rerun":
            for fid in f.stop_auto_rerun.fragment_ids:
                self._stop_timer(fid)
        elif soort == "script_finished":
            self._klaar(f.script_finished)

    def _delta(self, f: ForwardMsg) -> None:
        delta = f.delta
        fragment = delta.fragment_id
        if fragment:
            self._fragmenten_getekend.add(fragment)
        if delta.WhichOneof("type") != "new_element":
            return
        el = delta.new_element
        soort = el.WhichOneof("type")
        if soort is None:
            return
        proto = getattr(el, soort)
        if soort == "exception":
            tekst = f"{proto.type}: {proto.message}"
            self.fouten.append(tekst)
            self._meld("fout", tekst)
            return
        if soort == "toast":
            self._meld("toast", proto.body)
            return
        if soort == "code":
            self.code_teksten.append(proto.code_text)
            return
        wid = getattr(proto, "id", "")
        if not isinstance(wid, str) or not wid:
            return
        self._getekend.add(wid)
        nieuw = wid not in self.elementen
        self.elementen[wid] = Element(soort, proto, fragment)
        # The browser takes the server's value when it says so, and the default on first drawing.
        if (nieuw or getattr(proto, "set_value", False)) and (begin := _begin_waarde(soort, proto)) is not None:
            if nieuw and wid in self.widgets and not getattr(proto, "set_value", False):
                return
            self.widgets[wid] = begin

    def _klaar(self, status: int) -> None:
        if status == KLAAR:
            # removeInactive: what this run did not draw is gone from the page, with its state.
            for wid in list(self.elementen):
                if wid not in self._getekend:
                    self.elementen.pop(wid, None)
                    self.widgets.pop(wid, None)
        elif status == FRAGMENT_KLAAR and self._auto_loopt is not None:
            self.auto_tijden.append(time.perf_counter() - self._auto_loopt)
            self._auto_loopt = None
        self._meld("klaar", str(status))

    # --- auto rerun (run_every) -------------------------------------------------------------

    def _zet_timer(self, fragment_id: str, interval: float) -> None:
        if not fragment_id:
            return
        bestaand = self._timers.get(fragment_id)
        if bestaand is not None and bestaand[0] == interval:
            return
        self._stop_timer(fragment_id)
        self._timers[fragment_id] = (interval, asyncio.create_task(self._tik(fragment_id, interval)))

    def _stop_timer(self, fragment_id: str) -> None:
        bestaand = self._timers.pop(fragment_id, None)
        if bestaand is not None:
            bestaand[1].cancel()

    async def _tik(self, fragment_id: str, interval: float) -> None:
        while not self.dicht:
            await asyncio.sleep(interval)
            if self.dicht:
                return
            # A request left unanswered for the whole timeout is not waited for any longer.
            nu = time.perf_counter()
            open_ = self._auto_open.setdefault(fragment_id, [])
            while open_ and nu - open_[0] > self.timeout:
                open_.pop(0)
                self.auto_zonder_run += 1
            open_.append(nu)
            self.auto_reruns += 1
            await self.stuur(fragment_id=fragment_id, auto=True)

    # --- sending ----------------------------------------------------------------------------

    async def stuur(
        self,
        wijzigingen: list[WidgetState] = (),  # type: ignore[assignment]
        *,
        fragment_id: str = "",
        auto: bool = False,
        pagina: str | None = None,
        query: str | None = None,
    ) -> int:
        """Send one rerun with all widget states (``wijzigingen`` applied); returns the index of
        the first event that can belong to it. Triggers in ``wijzigingen`` are sent once."""
        for w in wijzigingen:
            if w.WhichOneof("value") not in {"trigger_value", "string_trigger_value", "json_trigger_value"}:
                self.widgets[w.id] = w
        bericht = BackMsg()
        rerun = bericht.rerun_script
        rerun.query_string = self.query_string if query is None else query
        if pagina is not None:
            rerun.page_name = pagina
        else:
            rerun.page_script_hash = self.page_script_hash
        rerun.fragment_id = fragment_id
        rerun.is_auto_rerun = auto
        staten = dict(self.widgets)
        staten.update({w.id: w for w in wijzigingen})
        rerun.widget_states.widgets.extend(staten.values())
        begin = len(self._gebeurtenissen)
        if self.dicht:
            raise ConnectionError("verbinding dicht")
        await self._ws.send(bericht.SerializeToString())
        return begin

    async def wacht(
        self, vanaf: int, klaar: Callable[[list[Gebeurtenis]], bool], timeout: float | None = None
    ) -> float:
        """Wait until ``klaar`` holds for the events since index ``vanaf``; returns the moment of
        the last event. Raises TimeoutError, or ConnectionError when the socket closed."""
        einde = time.perf_counter() + (timeout or self.timeout)
        while True:
            nieuw = self._gebeurtenissen[vanaf:]
            if klaar(nieuw):
                return nieuw[-1].moment
            if any(g.soort == "dicht" for g in nieuw):
                raise ConnectionError("verbinding dicht")
            rest = einde - time.perf_counter()
            if rest <= 0:
                raise TimeoutError
            self._nieuw.clear()
            try:
                await asyncio.wait_for(self._nieuw.wait(), rest)
            except TimeoutError:
                pass

    @property
    def timers(self) -> dict[str, float]:
        """Fragment id to the interval of its running auto-rerun timer."""
        return {fid: interval for fid, (interval, _) in self._timers.items()}

    def gebeurtenissen(self, vanaf: int = 0) -> list[Gebeurtenis]:
        return self._gebeurtenissen[vanaf:]

    def vergeet(self) -> int:
        """Drop events nobody waits for any more (a long session would keep them all)."""
        self._gebeurtenissen.clear()
        return 0

    async def run(self, wijzigingen: list[WidgetState] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        """Send a rerun and wait until a full run of the page finished without exception."""
        vanaf = await self.stuur(wijzigingen, **kwargs)
        await self.wacht(vanaf, pagina_klaar)
        self.vergeet()

    # --- the page as the client sees it -----------------------------------------------------

    def widget(self, soort: str, *, sleutel: str | None = None, label: str | None = None) -> Element:
        for element in self.elementen.values():
            if element.soort != soort:
                continue
            if sleutel is not None and gebruikerssleutel(element.proto.id) != sleutel:
                continue
            if label is not None and element.proto.label != label:
                continue
            return element
        raise LookupError(f"geen {soort} {sleutel or label!r} op de pagina")


def pagina_klaar(gebeurtenissen: list[Gebeurtenis]) -> bool:
    """A full run finished: a fragment's run or a run cut short for the next one is not the page."""
    return any(g.soort == "klaar" and g.tekst == str(KLAAR) for g in gebeurtenissen)


def tekst(wid: str, waarde: str) -> WidgetState:
    return WidgetState(id=wid, string_value=waarde)


def druk(wid: str) -> WidgetState:
    return WidgetState(id=wid, trigger_value=True)
