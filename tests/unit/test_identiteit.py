"""Which client addresses count as the machine itself in single-machine mode."""

from __future__ import annotations

import pytest

from scan.ui import is_lokaal


@pytest.mark.parametrize(
    ("adres", "lokaal"),
    [
        (None, True),  # Streamlit's answer for 127.0.0.1 and ::1
        ("127.0.0.1", True),
        ("127.0.1.1", True),
        ("::1", True),
        ("::ffff:127.0.0.1", True),  # a dual-stack server's view of 127.0.0.1
        ("192.168.1.23", False),  # a phone on the workshop's wifi
        ("::ffff:192.168.1.23", False),
        ("fe80::1%eth0", False),
        ("10.0.0.5", False),
        ("geen-adres", False),
    ],
)
def test_only_loopback_addresses_are_this_machine(adres: str | None, lokaal: bool) -> None:
    assert is_lokaal(adres) is lokaal
