"""Which hosts are this machine only. Since the beheer link, this decides only which address
links for other devices use (``scan.adressen``); no address grants rights any more."""

from __future__ import annotations

import pytest

from scan.services.adressen import is_loopback_host
from scan.ui import identiteit


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        (None, True),
        ("", True),
        ("localhost", True),
        ("LOCALHOST.", True),
        ("app.localhost", True),
        ("127.0.0.1", True),
        ("127.0.1.1", True),
        ("::1", True),
        ("[::1]", True),
        ("::ffff:127.0.0.1", True),  # a dual-stack server's view of 127.0.0.1
        ("0.0.0.0", True),  # where a server listens; no device can open it
        ("192.168.1.23", False),  # the laptop on the workshop's wifi
        ("::ffff:192.168.1.23", False),
        ("fe80::1%eth0", False),
        ("10.0.0.5", False),
        ("zelfscan.gemeente.nl", False),
        ("my-laptop.local", False),
    ],
)
def test_loopback_hosts(host: str | None, loopback: bool) -> None:
    assert is_loopback_host(host) is loopback


def test_no_address_check_is_left_in_the_identity() -> None:
    """Loopback alone gives no rights: identity has no address-based shortcut to fall back on."""
    assert not hasattr(identiteit, "is_lokaal")
    assert identiteit.Identiteit("enkel").lokaal is False
