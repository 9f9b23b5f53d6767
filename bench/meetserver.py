"""A Streamlit server that clocks its own script runs: ``python -m bench.meetserver --uit F [--profiel P] -- ARGS``.

Used by ``bench/klik.py`` (issue 20, items 1 and 2) to see a click from the server's side without
AppTest, which always reruns the whole page and so cannot show what a fragment saves. ``ARGS``
are ``streamlit run``'s (the script and its options). Per script run it appends one JSON line to
``F``: the wall time and the script thread's CPU time, whether it was a fragment run, and the
page. With ``--profiel`` every script run is profiled with cProfile on its thread's CPU clock
(summed over the fragment runs of all sessions: clicks and polls) and the server's main thread too (the event loop: the web
server, websocket, protobuf, static files), written as pstats files ``P.script`` and ``P.lus`` when the server is
stopped (SIGTERM or SIGINT; Streamlit stops gracefully, the files are written at exit).

A benchmark tool only: it patches Streamlit's ScriptRunner in its own process and is never
imported by the app.
"""

from __future__ import annotations

import argparse
import atexit
import cProfile
import json
import pstats
import sys
import threading
import time
from pathlib import Path
from typing import Any


def _klok(uit: Path, profielen: list[cProfile.Profile] | None) -> None:
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    origineel = ScriptRunner._run_script
    slot = threading.Lock()

    def geklokt(self: ScriptRunner, rerun_data: Any) -> None:
        fragment = bool(rerun_data.fragment_id_queue)
        begin, cpu = time.perf_counter(), time.thread_time()
        if profielen is not None:
            # A profile per run, on the script thread's CPU clock: runs of several sessions go on
            # at once, and a wall clock would count the time a thread waits for the GIL.
            profiel = cProfile.Profile(time.thread_time)
            profiel.enable()
            try:
                origineel(self, rerun_data)
            finally:
                profiel.disable()
                with slot:
                    # Only a part's own runs (a click on a stelling, a poll): the page runs are few
                    # and the first of each process pays for the imports, which would drown them.
                    if fragment:
                        profielen.append(profiel)
        else:
            origineel(self, rerun_data)
        regel = {
            "wand": time.perf_counter() - begin,
            "cpu": time.thread_time() - cpu,
            "fragment": fragment,
            "fragmenten": sorted(rerun_data.fragment_id_queue or []),
            "pagina": rerun_data.page_name or rerun_data.page_script_hash[:8],
            "sessie": self._session_id[:8],
        }
        with slot, uit.open("a", encoding="utf-8") as f:
            f.write(json.dumps(regel) + "\n")

    ScriptRunner._run_script = geklokt  # type: ignore[method-assign]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.meetserver")
    parser.add_argument("--uit", required=True, type=Path)
    parser.add_argument("--profiel", type=Path)
    parser.add_argument("streamlit", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    rest = [a for a in args.streamlit if a != "--"]
    script_profielen: list[cProfile.Profile] | None = [] if args.profiel else None
    # The main thread runs the event loop: the web server, the websocket, protobuf, static files.
    lus_profiel = cProfile.Profile(time.thread_time) if args.profiel else None
    _klok(args.uit, script_profielen)

    def bewaar() -> None:
        # At exit, not in a signal handler: Streamlit installs its own for SIGTERM and SIGINT,
        # which stop the server gracefully, after which the process exits through here.
        if args.profiel and script_profielen is not None and lus_profiel is not None:
            lus_profiel.disable()
            lus_profiel.dump_stats(f"{args.profiel}.lus")
            if script_profielen:
                samen = pstats.Stats(script_profielen[0])
                for p in script_profielen[1:]:
                    samen.add(p)
                samen.dump_stats(f"{args.profiel}.script")

    atexit.register(bewaar)
    from streamlit.web import cli

    if lus_profiel is not None:
        lus_profiel.enable()
    sys.argv = ["streamlit", "run", *rest]
    return int(cli.main(prog_name="streamlit") or 0)


if __name__ == "__main__":
    raise SystemExit(main())
