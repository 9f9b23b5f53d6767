"""A minimal Streamlit client speaking the app's WebSocket protocol, as a crafted client would.

For tests of what only the wire shows (issue 13, cases 3, 4 and 10): a request under a foreign
Host with a matching Origin, widget values a browser would never send, uploads of any size.
It sends ``BackMsg`` protobufs and collects the ``ForwardMsg``s of one script run.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

_KLAAR = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR}


@dataclass
class Run:
    """The messages of one script run."""

    berichten: list[ForwardMsg] = field(default_factory=list)

    def elementen(self) -> Iterator[tuple[str, object]]:
        for f in self.berichten:
            if f.WhichOneof("type") == "delta" and f.delta.WhichOneof("type") == "new_element":
                soort = f.delta.new_element.WhichOneof("type")
                if soort is not None:
                    yield soort, getattr(f.delta.new_element, soort)

    def widgets(self) -> dict[str, str]:
        """Widget key (the part after the last '-') to its full id, as ``soort:key``."""
        uit: dict[str, str] = {}
        for soort, element in self.elementen():
            wid = getattr(element, "id", None)
            if isinstance(wid, str) and wid:
                uit[f"{soort}:{wid.rsplit('-', 1)[-1]}"] = wid
        return uit

    def teksten(self) -> str:
        """Everything the client was sent, as text (for 'nothing of X reached the client')."""
        return "\n".join(str(f) for f in self.berichten)

    def session_id(self) -> str:
        for f in self.berichten:
            if f.WhichOneof("type") == "new_session":
                return str(f.new_session.initialize.session_id)
        raise AssertionError("geen new_session ontvangen")


class Klant:
    """One WebSocket session with the server at ``basis`` (http://host:port), under ``host``."""

    def __init__(self, basis: str, host: str | None = None, cookie: str | None = None) -> None:
        delen = urlsplit(basis)
        self._adres = (delen.hostname or "127.0.0.1", delen.port or 80)
        self._host = host or delen.netloc
        self._kop: dict[str, str] = {"Origin": f"http://{self._host}"}
        if cookie:
            self._kop["Cookie"] = cookie
        self._ws: websockets.ClientConnection | None = None

    async def __aenter__(self) -> Klant:
        self._ws = await websockets.connect(
            f"ws://{self._host}/_stcore/stream",
            additional_headers=self._kop,
            subprotocols=[websockets.Subprotocol("streamlit")],
            host=self._adres[0],
            port=self._adres[1],
            max_size=None,
        )
        return self

    async def __aexit__(self, *_: object) -> None:
        if self._ws is not None:
            await self._ws.close()

    async def run(self, query: str = "", pagina: str = "", widgets: Iterable[WidgetState] = ()) -> Run:
        assert self._ws is not None
        bericht = BackMsg()
        bericht.rerun_script.query_string = query
        bericht.rerun_script.page_name = pagina
        bericht.rerun_script.widget_states.widgets.extend(widgets)
        await self._ws.send(bericht.SerializeToString())
        run = Run()
        while True:
            data = await asyncio.wait_for(self._ws.recv(), 60)
            f = ForwardMsg()
            f.ParseFromString(data)  # type: ignore[arg-type]
            run.berichten.append(f)
            # A run that asks for another (st.rerun, a page switch) ends early and the next one
            # follows; a fragment's timed run is not the page's. Wait for the page's last run.
            if f.WhichOneof("type") == "script_finished" and f.script_finished in _KLAAR:
                return run
