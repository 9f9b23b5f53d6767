"""A Streamlit server that clocks its own script runs: ``python -m bench.meetserver --uit F [--profiel P] -- ARGS``.

Used by ``bench/klik.py`` (issue 20, items 1 and 2) to see a click from the server's side without
AppTest, which always reruns the whole page and so cannot show what a fragment saves. ``ARGS``
are ``streamlit run``'s (the script and its options). Per script run it appends one JSON line to
``F``: the wall time and the script thread's CPU time, whether it was a fragment run, and the
page. With ``--profiel`` every script run is profiled with cProfile (one profile summed over all
runs and sessions) and the server's main thread too (the event loop: websocket, protobuf, the
forward-message queue), written as pstats files ``P.script`` and ``P.lus`` when the server is
stopped (SIGTERM or SIGINT; Streamlit stops gracefully, the files are written at exit).

A benchmark tool only: it patches Streamlit's ScriptRunner in its own process and is never
imported by the app.
"""

from __future__ import annotations

import argparse
import atexit
import cProfile
import json
import sys
import threading
import time
from pathlib import Path
from typing import Any


def _klok(uit: Path, profiel: cProfile.Profile | None) -> None:
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    origineel = ScriptRunner._run_script
    slot = threading.Lock()

    def geklokt(self: ScriptRunner, rerun_data: Any) -> None:
        fragment = bool(rerun_data.fragment_id_queue)
        begin, cpu = time.perf_counter(), time.thread_time()
        if profiel is not None:
            # One profile for all script threads: cProfile is per thread, so only one may be on
            # at a time; runs of other sessions wait (the figures of a profiled run are not used).
            with slot:
                profiel.enable()
                try:
                    origineel(self, rerun_data)
                finally:
                    profiel.disable()
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
    script_profiel = cProfile.Profile() if args.profiel else None
    lus_profiel = cProfile.Profile() if args.profiel else None
    _klok(args.uit, script_profiel)

    def bewaar() -> None:
        # At exit, not in a signal handler: Streamlit installs its own for SIGTERM and SIGINT,
        # which stop the server gracefully, after which the process exits through here.
        if args.profiel and script_profiel and lus_profiel:
            lus_profiel.disable()
            script_profiel.dump_stats(f"{args.profiel}.script")
            lus_profiel.dump_stats(f"{args.profiel}.lus")

    atexit.register(bewaar)
    from streamlit.web import cli

    if lus_profiel is not None:
        lus_profiel.enable()
    sys.argv = ["streamlit", "run", *rest]
    return int(cli.main(prog_name="streamlit") or 0)


if __name__ == "__main__":
    raise SystemExit(main())
