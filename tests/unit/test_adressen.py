"""Which address links for other devices use, and where the beheer link's file lives."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scan.db.verbinding import STANDAARD_URL
from scan.services import beheerlink
from scan.services.adressen import BasisAdres, app_wortel, is_loopback_host, kies_basis_url


@pytest.mark.parametrize(
    ("publiek", "browser", "lan", "verwacht"),
    [
        # The operator's setting wins, also over a browser on the network.
        (
            "https://scan.example.nl/",
            "http://192.168.1.5:8501/workshop",
            "192.168.1.5",
            ("https://scan.example.nl", True),
        ),
        # The facilitator's browser on the network: exactly what it used, without the page.
        (None, "http://192.168.1.5:8501/workshop", "10.0.0.9", ("http://192.168.1.5:8501", True)),
        (None, "https://zelfscan.gemeente.nl/scan/workshop/", None, ("https://zelfscan.gemeente.nl/scan", True)),
        # The facilitator on localhost: the machine's LAN address with the app's port.
        (None, "http://localhost:8612/workshop", "192.168.1.5", ("http://192.168.1.5:8612", True)),
        (None, "http://127.0.0.1:8612/prefix/start", "192.168.1.5", ("http://192.168.1.5:8612/prefix", True)),
        (None, None, "192.168.1.5", ("http://192.168.1.5:8612", True)),
        (None, None, "fd00::2", ("http://[fd00::2]:8612", True)),
        # Only loopback known: said plainly, never presented as reachable.
        (None, "http://localhost:8612/workshop", None, ("http://localhost:8612", False)),
        (None, "http://localhost:8612", "127.0.1.1", ("http://localhost:8612", False)),
        (None, None, None, ("http://localhost:8612", False)),
        ("  ", None, None, ("http://localhost:8612", False)),
    ],
)
def test_basis_url_choice(
    publiek: str | None, browser: str | None, lan: str | None, verwacht: tuple[str, bool]
) -> None:
    assert kies_basis_url(publiek, browser, lan, 8612) == BasisAdres(*verwacht)


_octet = st.integers(min_value=0, max_value=255)
_lan_ips = st.tuples(st.sampled_from([10, 172, 192]), _octet, _octet, st.integers(1, 254)).map(
    lambda d: ".".join(map(str, d))
)
_loopback_hosts = st.one_of(
    st.just("localhost"), st.tuples(_octet, _octet, _octet).map(lambda d: "127." + ".".join(map(str, d)))
)
_paginas = st.sampled_from(["", "/", "/start", "/workshop", "/invullen/", "/over"])
_poorten = st.integers(min_value=1, max_value=65535)


@given(_loopback_hosts, _poorten, _paginas, st.one_of(st.none(), _lan_ips))
def test_a_loopback_browser_never_hands_out_loopback_as_reachable(
    host: str, poort: int, pagina: str, lan: str | None
) -> None:
    adres = kies_basis_url(None, f"http://{host}:{poort}{pagina}", lan, poort)
    assert adres.bereikbaar is (lan is not None)
    assert is_loopback_host(urlsplit(adres.url).hostname) is not adres.bereikbaar
    if lan is not None:
        assert adres.url == f"http://{lan}:{poort}"
    assert not adres.url.endswith("/")


@given(_lan_ips, _poorten, _paginas, st.one_of(st.none(), _lan_ips))
def test_a_browser_on_the_network_keeps_its_own_address(host: str, poort: int, pagina: str, lan: str | None) -> None:
    adres = kies_basis_url(None, f"http://{host}:{poort}{pagina}", lan, 8501)
    assert adres == BasisAdres(f"http://{host}:{poort}", bereikbaar=True)


@given(st.sampled_from(["https://scan.example.nl", "http://10.1.2.3:9000/scan"]), st.one_of(st.none(), _lan_ips))
def test_the_public_url_always_wins(publiek: str, lan: str | None) -> None:
    for browser in (None, "http://localhost:8501/workshop", "http://192.168.0.4:8501/start"):
        assert kies_basis_url(publiek + "/", browser, lan) == BasisAdres(publiek, bereikbaar=True)


def test_app_root_drops_only_a_page_at_the_end() -> None:
    assert app_wortel("http://h:1/workshop/") == "http://h:1"
    assert app_wortel("http://h:1/overzicht") == "http://h:1/overzicht"


def test_beheer_link_file_follows_the_database() -> None:
    assert beheerlink.bestand_voor(STANDAARD_URL) == beheerlink.STANDAARD_BESTAND
    assert beheerlink.bestand_voor("sqlite:////tmp/x/app.db") == Path("/tmp/x/beheerlink.txt")
    pg = beheerlink.bestand_voor("postgresql+psycopg://u:geheim@host:5432/zelfscan")
    assert pg.parent == beheerlink.STANDAARD_BESTAND.parent and "geheim" not in pg.name
    # The password is no part of the name: the same database, whatever its password.
    assert pg == beheerlink.bestand_voor("postgresql+psycopg://u:ander@host:5432/zelfscan")
    assert pg != beheerlink.bestand_voor("postgresql+psycopg://u:geheim@host:5432/anders")
    assert beheerlink.link("http://h:8501/", "abc") == "http://h:8501/#beheer=abc"
