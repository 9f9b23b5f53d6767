"""The write queue of one process: waiting writers get their turn in order, never too many at once."""

from __future__ import annotations

import threading
import time

from scan.db.verbinding import FifoSlot


def _wacht_tot(voorwaarde: object, limiet: float = 5.0) -> None:
    einde = time.monotonic() + limiet
    while not voorwaarde():  # type: ignore[operator]
        assert time.monotonic() < einde, "timeout"
        time.sleep(0.001)


def test_waiting_writers__are_served_in_order_of_arrival() -> None:
    slot = FifoSlot(1)
    volgorde: list[int] = []
    slot.__enter__()  # the slot is taken; everyone after this must queue
    draden = []
    for i in range(6):
        draad = threading.Thread(target=lambda i=i: (slot.__enter__(), volgorde.append(i), slot.__exit__()))
        draad.start()
        _wacht_tot(lambda i=i: len(slot._wachtrij) == i + 1)
        draden.append(draad)
    slot.__exit__()
    for draad in draden:
        draad.join(5)
    assert volgorde == [0, 1, 2, 3, 4, 5]


def test_capacity__is_never_exceeded_and_every_writer_gets_through() -> None:
    slot = FifoSlot(3)
    binnen = hoogste = klaar = 0
    teller = threading.Lock()

    def schrijf() -> None:
        nonlocal binnen, hoogste, klaar
        for _ in range(50):
            with slot:
                with teller:
                    binnen += 1
                    hoogste = max(hoogste, binnen)
                time.sleep(0.0001)
                with teller:
                    binnen -= 1
        with teller:
            klaar += 1

    draden = [threading.Thread(target=schrijf) for _ in range(12)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(20)
    assert klaar == 12
    assert 1 <= hoogste <= 3
    assert slot._vrij == 3
