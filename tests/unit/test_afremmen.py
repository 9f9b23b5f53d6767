"""The throttle's pure core (scan.afremmen) with an injected clock: no waiting, no timings."""

from __future__ import annotations

import threading

from hypothesis import given
from hypothesis import strategies as st

from scan.ui import afremmen
from scan.ui.afremmen import ADRES, SESSIE, Regel, Rem, client_adres, sleutels


class Klok:
    def __init__(self) -> None:
        self.nu = 1000.0

    def __call__(self) -> float:
        return self.nu


def test_the_first_failures_are_free_then_waits_grow_and_are_capped() -> None:
    klok = Klok()
    rem = Rem(klok)
    wie = sleutels("s1", None)
    for _ in range(afremmen.VRIJ_PER_SESSIE - 1):
        rem.mislukt(wie)
        assert rem.wacht(wie) == 0
    wachten = []
    for _ in range(8):
        rem.mislukt(wie)
        wachten.append(rem.wacht(wie))
    assert wachten == [2, 4, 8, 16, 32, 60, 60, 60]


def test_the_wait_runs_down_with_the_clock_and_failures_leave_the_window() -> None:
    klok = Klok()
    rem = Rem(klok)
    wie = sleutels("s1", None)
    for _ in range(afremmen.VRIJ_PER_SESSIE + 1):
        rem.mislukt(wie)
    assert rem.wacht(wie) == 4
    klok.nu += 3.5
    assert rem.wacht(wie) == 1
    klok.nu += 0.5
    assert rem.wacht(wie) == 0
    klok.nu += afremmen.VENSTER
    rem.mislukt(wie)
    assert rem.wacht(wie) == 0, "old failures are forgotten"


def test_another_session_and_another_address_are_never_slowed() -> None:
    rem = Rem(Klok())
    aanvaller = sleutels("s1", "10.0.0.66")
    for _ in range(100):
        rem.mislukt(aanvaller)
    assert rem.wacht(aanvaller) > 0
    assert rem.wacht(sleutels("s2", "10.0.0.7")) == 0
    # A new session from the same address is slowed by the address (new sessions cost nothing).
    assert rem.wacht(sleutels("s3", "10.0.0.66")) > 0


def test_the_address_limit_is_looser_than_the_session_limit() -> None:
    rem = Rem(Klok())
    # A room behind one NAT: each phone mistypes once or twice, in sessions of their own.
    for i in range(afremmen.VRIJ_PER_ADRES - 1):
        rem.mislukt(sleutels(f"telefoon{i}", "192.0.2.1"))
    assert rem.wacht(sleutels("nog_een", "192.0.2.1")) == 0


def test_success_clears_the_session_but_not_the_address() -> None:
    rem = Rem(Klok())
    wie = sleutels("s1", "10.0.0.66")
    for _ in range(afremmen.VRIJ_PER_ADRES + 1):
        rem.mislukt(wie)
    rem.gelukt(wie[0][0])
    assert rem.wacht(wie[:1]) == 0
    assert rem.wacht(wie) > 0


def test_memory_is_bounded_by_forgetting_the_oldest_keys() -> None:
    rem = Rem(Klok(), max_sleutels=10)
    for i in range(100):
        rem.mislukt([(f"s{i}", SESSIE)])
    assert len(rem._mislukt) == 10


def test_it_is_thread_safe() -> None:
    rem = Rem(Klok())
    wie = [("gedeeld", Regel(vrij=10_000))]

    def veel() -> None:
        for _ in range(500):
            rem.mislukt(wie)
            rem.wacht(wie)

    draden = [threading.Thread(target=veel) for _ in range(8)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    assert len(rem._mislukt["gedeeld"]) == 4000


@given(st.lists(st.floats(min_value=0, max_value=2000), max_size=40), st.floats(min_value=0, max_value=5000))
def test_the_wait_never_exceeds_the_cap(stappen: list[float], later: float) -> None:
    klok = Klok()
    rem = Rem(klok)
    wie = sleutels("s", "a")
    for stap in stappen:
        klok.nu += stap
        rem.mislukt(wie)
        assert 0 <= rem.wacht(wie) <= afremmen.MAX_WACHT
    klok.nu += later
    assert 0 <= rem.wacht(wie) <= afremmen.MAX_WACHT


def test_which_address_is_the_key() -> None:
    assert client_adres("10.1.2.3", "6.6.6.6") == "10.1.2.3", "a direct client cannot choose its key"
    assert client_adres(None, "6.6.6.6, 10.1.2.3") == "10.1.2.3", "behind a local proxy: what the proxy saw"
    assert client_adres(None, None) is None, "this machine itself: only the session key"
    assert [r for _, r in sleutels("s", "10.1.2.3")] == [SESSIE, ADRES]


def test_a_trusted_proxy_in_another_container__its_header_names_the_visitor() -> None:
    proxies = afremmen.vertrouwde_proxies("172.18.0.0/16, 10.9.9.9, geen-adres")
    assert [str(p) for p in proxies] == ["172.18.0.0/16", "10.9.9.9/32"]
    assert client_adres("172.18.0.5", "6.6.6.6, 192.168.1.20", proxies) == "192.168.1.20"
    assert client_adres("10.9.9.9", "192.168.1.21", proxies) == "192.168.1.21"
    # The proxy itself without a header (its own health check): its own address.
    assert client_adres("172.18.0.5", None, proxies) == "172.18.0.5"
    # Anyone else still cannot choose their key.
    assert client_adres("10.1.2.3", "6.6.6.6", proxies) == "10.1.2.3"
    assert client_adres("172.19.0.5", "6.6.6.6", proxies) == "172.19.0.5"
    assert afremmen.vertrouwde_proxies("") == ()
