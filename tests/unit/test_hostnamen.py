"""Which Host headers the app answers (scan.hostnamen): the DNS-rebinding guard's pure rule."""

from __future__ import annotations

import pytest

from scan.ui.hostnamen import hostnaam, namen_uit_omgeving, toegestaan


@pytest.mark.parametrize(
    "host",
    [
        None,
        "",
        "127.0.0.1:8501",
        "192.168.1.20:8501",
        "10.0.0.5",
        "[::1]:8501",
        "[fe80::1]",
        "localhost",
        "LOCALHOST:8501",
        "app.localhost",
        "laptop-fien.local",
        "zelfscan.gemeente.example",
    ],
)
def test_own_addresses_and_names_are_answered(host: str | None) -> None:
    assert toegestaan(host, {"laptop-fien.local", "zelfscan.gemeente.example"})


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        "evil.example:8501",
        "localhost.evil.example",
        "127.0.0.1.nip.io",
        "zelfscan.gemeente.example.evil.example",
        "user@localhost",
        "localhost/pad",
        "a b",
        "evil.example:poort",
    ],
)
def test_foreign_or_malformed_names_are_refused(host: str) -> None:
    assert not toegestaan(host, {"laptop-fien.local", "zelfscan.gemeente.example"})


def test_patterns_for_subdomains_and_everything() -> None:
    assert toegestaan("a.b.gemeente.example", {"*.gemeente.example"})
    assert not toegestaan("gemeente.example.evil", {"*.gemeente.example"})
    assert toegestaan("wat.dan.ook", {"*"})


def test_names_from_the_environment() -> None:
    namen = namen_uit_omgeving(
        {"SCAN_TOEGESTANE_HOSTS": " Scan.Example , *.gemeente.example ,", "SCAN_PUBLIEKE_URL": "https://zelfscan.nl/x"}
    )
    assert namen == {"scan.example", "*.gemeente.example", "zelfscan.nl"}


def test_hostnaam_strips_port_case_and_trailing_dot() -> None:
    assert hostnaam("Zelfscan.Example.:443") == "zelfscan.example"
    assert hostnaam("[::1]:8501") == "::1"
    assert hostnaam("x:99999") is None
