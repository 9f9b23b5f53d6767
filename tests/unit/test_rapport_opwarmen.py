"""The app warms the PDF renderer up once per process, in the background, and can be told not to."""

from __future__ import annotations

import threading

import pytest

from scan.ui import rapporten


@pytest.fixture
def opwarmen(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Calls of the service, with the start flag reset and no wait before warming up."""
    aanroepen: list[str] = []

    def nep() -> None:
        aanroepen.append(threading.current_thread().name)

    monkeypatch.setattr(rapporten.downloads, "opwarmen", nep)
    monkeypatch.setattr(rapporten, "WACHT_SECONDEN", 0.0)
    monkeypatch.setattr(rapporten, "_opwarmen_gestart", False)
    return aanroepen


def _wacht_op_threads() -> None:
    for thread in threading.enumerate():
        if thread.name == "rapporten-opwarmen":
            thread.join(timeout=30)


def test_start_opwarmen__runs_once_per_process_in_a_background_thread(
    monkeypatch: pytest.MonkeyPatch, opwarmen: list[str]
) -> None:
    monkeypatch.delenv(rapporten.OPWARMEN_VARIABELE, raising=False)
    rapporten.start_opwarmen()
    rapporten.start_opwarmen()
    _wacht_op_threads()
    assert opwarmen == ["rapporten-opwarmen"]


def test_start_opwarmen__is_skipped_when_set_to_uit(monkeypatch: pytest.MonkeyPatch, opwarmen: list[str]) -> None:
    monkeypatch.setenv(rapporten.OPWARMEN_VARIABELE, " Uit ")
    rapporten.start_opwarmen()
    _wacht_op_threads()
    assert opwarmen == []


def test_a_failing_warm_up__is_logged_and_never_raised(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def stuk() -> None:
        raise RuntimeError("vl-convert ontbreekt")

    monkeypatch.setattr(rapporten.downloads, "opwarmen", stuk)
    monkeypatch.setattr(rapporten, "WACHT_SECONDEN", 0.0)
    rapporten._opwarmen()
    assert "rapporten opwarmen mislukt" in caplog.text
